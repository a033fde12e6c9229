import pLimit from 'p-limit';
import { starterOf } from '@shared/access';
import type { Handlers } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { AccountLedger, BalanceCheck, Job, LedgerLine, LineDelivery } from '@shared/types';
import type { CoreContext } from '../context';
import type { CommerceDeps } from '../sync/commerce-job';
import type { CommerceService } from '../sync/commerce-service';
import { agingOf, balanceCents } from '../sync/ledger-math';
import { lineHash, pushLine, type LineRef } from '../sync/ledger-push';
import type { UnitTarget } from '../db/repositories/ledger';
import { collectPages, iteratePages, type ListPage } from '../systems/paging';
import type { Invoice, Payment, Transaction } from '../systems/schemas';

type BalanceHandlers = Pick<Handlers, 'balances.get' | 'balances.check' | 'commerce.status'>;

export interface BalanceDeps {
  ctx: CoreContext;
  commerce: () => (CommerceDeps & { service: CommerceService }) | undefined;
  /** When the next history import runs (the nightly run), for lines never sent. */
  nextNightly: () => string | undefined;
  /** Queues a balance-check job, or joins the one waiting. */
  /** `startedBy`: who asked (shared/access.ts starterOf), shown in the Sync Queue. */
  startCheck: (corporationId?: string, startedBy?: string) => Promise<Job>;
  /** The balance-check job queued or running now, if any (with its live progress). */
  currentCheck: () => Promise<Job | undefined>;
  /** The last finished balance check, if any. */
  lastCheck: () => BalanceCheck | undefined;
}

function noSystems(): never {
  throw new AppError('unavailable', 'Condo Sync is not connected to Condo Manager and Condo Control. Check Settings → Connections.');
}

function cmUnreachable(err: unknown): string {
  const code = err instanceof AppError ? err.code : 'internal';
  if (code === 'unauthorized' || code === 'forbidden') return "Condo Manager refused Condo Sync's sign-in, so these are the last figures read. Check the credentials in Settings → Connections.";
  return 'Condo Manager could not be reached, so these are the last figures read. Try Get Account Balance again in a moment.';
}

export function balanceHandlers(d: BalanceDeps): BalanceHandlers {
  const { ctx } = d;
  const now = () => ctx.clock.now().toISOString();

  const deliveryOf = async (c: CommerceDeps, line: LineRef, unit: UnitTarget): Promise<LineDelivery> => {
    const row = await c.ledger.delivery(line.entity, line.record.id);
    if (row?.sync_status === 'attention') return { state: 'attention', message: (JSON.parse(row.attention) as string[])[0] ?? '' };
    if (row?.sync_status === 'failed') {
      return { state: 'waiting', ...(row.next_attempt_at ? { nextAttemptAt: row.next_attempt_at } : {}), message: (JSON.parse(row.attention) as string[])[0] ?? '' };
    }
    const current = unit.targetId && unit.workspaceId ? lineHash(line, { targetId: unit.targetId, workspaceId: unit.workspaceId }) : undefined;
    if (row?.sync_status === 'in_sync' && row.content_hash === current && row.last_synced_at) return { state: 'in_condo_control', since: row.last_synced_at };
    // A change the real-time job is sending now, or a line that only the history import brings.
    const next = row ? now() : d.nextNightly();
    return { state: 'waiting', ...(next ? { nextAttemptAt: next } : {}) };
  };

  const linesOf = async (c: CommerceDeps, invoices: Invoice[], payments: Payment[], unit: UnitTarget): Promise<LedgerLine[]> => {
    const refs: LineRef[] = [...invoices.map((record) => ({ entity: 'invoice' as const, record })), ...payments.map((record) => ({ entity: 'payment' as const, record }))];
    // Oldest first; on one day a charge comes before the payment that settles it.
    refs.sort((a, b) => (a.record.date < b.record.date ? -1 : a.record.date > b.record.date ? 1 : a.entity === b.entity ? (a.record.id < b.record.id ? -1 : 1) : a.entity === 'invoice' ? -1 : 1));
    const deliveries = await Promise.all(refs.map((ref) => deliveryOf(c, ref, unit)));
    let running = 0;
    return refs.map((ref, i) => {
      const counts = ref.entity === 'invoice' ? ref.record.status !== 'Void' : ref.record.status === 'Posted';
      const amountCents = ref.entity === 'invoice' ? ref.record.totalCents : -ref.record.amountCents;
      if (counts) running += amountCents;
      const base = { id: ref.record.id, type: ref.entity, date: ref.record.date.slice(0, 10), amountCents, status: ref.record.status, counts, runningBalanceCents: running, condoControl: deliveries[i]! };
      if (ref.entity === 'invoice') {
        const i = ref.record;
        return { ...base, kind: i.kind, number: i.number, dueDate: i.dueDate.slice(0, 10), description: i.lines.map((l) => l.description).join('; ') };
      }
      const p = ref.record;
      // The kind column names the payment in the reader's language; the description is Condo Manager's reference.
      return { ...base, method: p.method, description: p.reference ?? '' };
    });
  };

  /** Pulls one account from Condo Manager, writes what Condo Control lacks, reads Condo Control's balance. */
  const refreshAccount = async (c: CommerceDeps, unit: UnitTarget & { accountId: string }): Promise<{ ok: true } | { ok: false; reason: string }> => {
    const corp = unit.corporationId;
    const mapped = unit.targetId && unit.workspaceId ? { ws: unit.workspaceId, target: unit.targetId } : undefined;
    const all = <T>(fetch: (offset: number) => Promise<ListPage<T>>) => collectPages(iteratePages(fetch));
    const ccTx = mapped ? c.cc.listTransactions(mapped.ws, mapped.target).catch(() => undefined) : Promise.resolve(undefined);
    let invoices: Invoice[];
    let payments: Payment[];
    let balance: { totalCents: number; aging: AccountLedger['aging'] };
    try {
      const [inv, pay, bal] = await Promise.all([
        all<Invoice>((offset) => c.cm.listInvoicesPage(corp, { accountId: unit.accountId, offset, limit: 1000 })),
        all<Payment>((offset) => c.cm.listPaymentsPage(corp, { accountId: unit.accountId, offset, limit: 1000 })),
        c.cm.getBalance(corp, unit.accountId),
      ]);
      invoices = inv.items;
      payments = pay.items;
      balance = bal;
    } catch (err) {
      await ccTx;
      if (!(err instanceof AppError)) throw err;
      return { ok: false, reason: cmUnreachable(err) };
    }
    await c.ledger.transaction(async (ledger) => {
      for (const i of invoices) await ledger.stageInvoice(corp, i);
      for (const p of payments) await ledger.stagePayment(corp, p);
      await ledger.setBalance({ accountId: unit.accountId, corp, unitId: unit.unitId, cents: balance.totalCents, aging: balance.aging, at: now() });
    });
    if (!mapped) return { ok: true };
    const held = await ccTx;
    const have = new Map<string, Transaction>((held?.items ?? []).map((t) => [`${t.type}:${t.externalId}`, t]));
    const lines: LineRef[] = [...invoices.map((record) => ({ entity: 'invoice' as const, record })), ...payments.map((record) => ({ entity: 'payment' as const, record }))];
    const limit = pLimit(8);
    await Promise.all(
      lines.map((line) =>
        limit(async () => {
          const t = have.get(`${line.entity}:${line.record.id}`);
          const amount = line.entity === 'invoice' ? line.record.totalCents : line.record.amountCents;
          // Condo Control lacks the line, or holds another amount or status: write it whatever was written before.
          const lacks = held !== undefined && (!t || t.amountCents !== amount || t.status !== line.record.status);
          await pushLine(c, line, undefined, { force: lacks });
        }),
      ),
    );
    try {
      const cc = await c.cc.getAccountBalance(mapped.ws, mapped.target);
      await c.ledger.setCcBalance(unit.accountId, cc.totalCents, now());
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ctx.log.warn('Condo Control balance not read', { code: err.code });
    }
    return { ok: true };
  };

  const ledger = async (c: CommerceDeps, unitId: string, refresh: boolean): Promise<AccountLedger> => {
    const unit = await c.ledger.unit(unitId);
    if (!unit) throw new AppError('not_found', 'That unit is not in the Unit File yet. Run Update From Condo Manager first.', { unitId });
    if (!unit.accountId) throw new AppError('not_found', 'Condo Manager has no account for that unit.', { unitId });
    const account = { ...unit, accountId: unit.accountId };
    const result = refresh ? await refreshAccount(c, account) : undefined;
    const { invoices, payments } = await c.ledger.ledgerOf(unit.accountId);
    const cached = await c.ledger.balance(unit.accountId);
    const live = result?.ok === true;
    const lines = await linesOf(c, invoices, payments, unit);
    const asOf = cached?.read_at;
    return {
      unitId: unit.unitId,
      unitNumber: unit.number,
      corporationId: unit.corporationId,
      corporationCode: (await ctx.repos.reports.corporationCodes()).get(unit.corporationId) ?? '',
      accountId: unit.accountId,
      // Live: Condo Manager's own figure; cached: the same rule over the local copy.
      balanceCents: live && cached ? cached.balance_cents : balanceCents(invoices, payments),
      aging: live && cached ? JSON.parse(cached.aging) : agingOf(invoices, payments, ctx.clock.now().getTime()),
      ...(asOf ? { asOf } : {}),
      source: live ? 'live' : 'cached',
      stale: result?.ok === false,
      ...(result?.ok === false ? { staleReason: result.reason } : {}),
      condoControl: {
        mapped: Boolean(unit.targetId && unit.workspaceId),
        ...(cached?.cc_balance_cents != null ? { balanceCents: cached.cc_balance_cents } : {}),
        ...(cached?.cc_read_at ? { checkedAt: cached.cc_read_at } : {}),
      },
      lines,
    };
  };

  return {
    'commerce.status': async () => {
      const c = d.commerce();
      if (!c) return { state: 'off', reason: 'Condo Sync is not connected to Condo Manager.', buildings: [], attention: [] };
      return c.service.status();
    },
    'balances.get': async ({ unitId, personId, refresh }) => {
      const c = d.commerce() ?? noSystems();
      let units: string[];
      if (unitId) units = [unitId];
      else {
        const held = await ctx.repos.reports.unitIdsOfPerson(personId!);
        if (held === undefined) throw new AppError('not_found', 'That resident is not in the Unit File yet. Run Update From Condo Manager first.', { personId });
        const withAccount = await Promise.all(held.map(async (u) => ((await c.ledger.unit(u))?.accountId ? u : undefined)));
        units = withAccount.filter((u): u is string => u !== undefined);
        if (!units.length) throw new AppError('not_found', 'That resident has no unit with an account in Condo Manager.', { personId });
      }
      const accounts = await Promise.all(units.map((u) => ledger(c, u, refresh === true)));
      return { accounts };
    },
    'balances.check': async (input, caller) => {
      if (!d.commerce()) noSystems();
      const last = d.lastCheck();
      const job = input?.start ? await d.startCheck(input.corporationId, starterOf(caller)) : await d.currentCheck();
      return { ...(job ? { job } : {}), ...(last ? { last } : {}) };
    },
  };
}
