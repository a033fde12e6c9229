// Shared helpers for the commerce tests: a world whose core follows the
// change feed, and direct reads of both sandboxes' ledgers and balances.
import type { AccountLedger, BalanceAnswer, CommerceStatus } from '@shared/types';
import { createWorld, type World } from '../helpers/world';
import type { SandboxOptions } from '../../electron/sandbox';
import { ccUnits, cmUnits, workspaceId } from '../sync/helpers';

const CM_HEADERS = { 'x-cm-client-id': 'demo', 'x-cm-client-secret': 'demo-secret' };

/** Feed long polls short enough that a stop never waits; back-off fast enough for a test. */
export const REALTIME = { waitSec: 5, backoff: { baseMs: 50, capMs: 400 } };

export async function commerceWorld(opts: { size?: SandboxOptions['size']; realtime?: boolean } = {}): Promise<World> {
  return createWorld({ size: opts.size ?? 'small', core: { realtime: opts.realtime === false ? false : REALTIME } });
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function cmGet<T>(world: World, path: string): Promise<T> {
  const res = await fetch(`${world.sandboxes.condoManagerUrl}/v1${path}`, { headers: CM_HEADERS });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export async function cmPost<T>(world: World, path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${world.sandboxes.condoManagerUrl}/v1${path}`, {
    method: 'POST',
    headers: { ...CM_HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export interface UnitPair {
  cmId: string;
  accountId: string;
  ccId: string;
  number: string;
}

/** A unit by number, in both systems (after a resident sync mapped it). */
export async function unitByNumber(world: World, number: string, corp = world.corp): Promise<UnitPair> {
  const cm = (await cmUnits(world, corp)).find((u) => u.number === number) as { id: string; accountId: string } | undefined;
  if (!cm) throw new Error(`no unit ${number}`);
  const cc = (await ccUnits(world)).find((u) => u.externalId === cm.id);
  return { cmId: cm.id, accountId: cm.accountId, ccId: cc?.id ?? '', number };
}

export interface CcTx {
  type: 'invoice' | 'payment';
  externalId: string;
  amountCents: number;
  status: string;
}

export async function ccTransactions(world: World, ccUnitId: string, ws?: string): Promise<CcTx[]> {
  const w = ws ?? (await workspaceId(world));
  const out: CcTx[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = (await (await world.cc(`/workspaces/${w}/accounts/${ccUnitId}/transactions?limit=1000&offset=${offset}`)).json()) as CcTx[];
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

export async function ccBalance(world: World, ccUnitId: string, ws?: string): Promise<number> {
  const w = ws ?? (await workspaceId(world));
  return ((await (await world.cc(`/workspaces/${w}/accounts/${ccUnitId}/balance`)).json()) as { totalCents: number }).totalCents;
}

export async function cmBalance(world: World, accountId: string, corp = world.corp): Promise<number> {
  return (await cmGet<{ totalCents: number }>(world, `/corporations/${corp}/accounts/${accountId}/balance`)).totalCents;
}

export async function status(world: World): Promise<CommerceStatus> {
  return (await world.core.call('commerce.status', {})) as CommerceStatus;
}

export async function balance(world: World, unitId: string, refresh: boolean): Promise<AccountLedger> {
  return ((await world.core.call('balances.get', { unitId, refresh })) as BalanceAnswer).accounts[0]!;
}

/** The first resident sync, the history import it queues, and a live feed. */
export async function syncedWorld(world: World): Promise<void> {
  const job = await world.sync();
  if (job.status !== 'succeeded') throw new Error(`first sync ${job.status}`);
  await world.core.runner.idle();
  await waitFor('real-time sync to be live', async () => (await status(world)).state === 'live');
}

export const invoiceBody = (unitId: string, cents: number, description = 'Common expenses – December 2026') => ({
  unitId,
  kind: 'CommonExpense',
  date: '2026-11-30',
  dueDate: '2026-12-01',
  lines: [{ description, amountCents: cents }],
});
