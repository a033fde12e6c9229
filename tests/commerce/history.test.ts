import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BalanceCheck, BalanceCheckAnswer, Job, JobOutcome } from '@shared/types';
import { createWorld, type World } from '../helpers/world';
import { allOutcomes, store, waitForJob } from '../sync/helpers';
import { REALTIME, status, waitFor } from './helpers';

/**
 * Every account's balance and lines, straight from both sandboxes' stores
 * (not through the clients the console uses): Condo Manager's by account,
 * Condo Control's by the unit carrying that account's unit id as externalId.
 */
function ledgers(world: World) {
  const cm = store(world, 'cm');
  const cc = store(world, 'cc');
  const cmRows = cm
    .prepare(`SELECT u.id AS unitId,
        (SELECT COALESCE(SUM(total_cents), 0) FROM invoices i WHERE i.account_id = u.account_id AND i.status != 'Void')
          - (SELECT COALESCE(SUM(amount_cents), 0) FROM payments p WHERE p.account_id = u.account_id AND p.status = 'Posted') AS balance,
        (SELECT COUNT(*) FROM invoices i WHERE i.account_id = u.account_id) + (SELECT COUNT(*) FROM payments p WHERE p.account_id = u.account_id) AS lines
      FROM units u`)
    .all() as { unitId: string; balance: number; lines: number }[];
  const ccRows = cc
    .prepare(`SELECT u.external_id AS unitId,
        (SELECT COALESCE(SUM(total_cents), 0) FROM invoices i WHERE i.unit_id = u.id AND i.status != 'Void')
          - (SELECT COALESCE(SUM(amount_cents), 0) FROM payments p WHERE p.unit_id = u.id AND p.status = 'Posted') AS balance,
        (SELECT COUNT(*) FROM invoices i WHERE i.unit_id = u.id) + (SELECT COUNT(*) FROM payments p WHERE p.unit_id = u.id) AS lines
      FROM units u WHERE u.external_id IS NOT NULL`)
    .all() as { unitId: string; balance: number; lines: number }[];
  cm.close();
  cc.close();
  return { cm: cmRows, cc: new Map(ccRows.map((r) => [r.unitId, r])) };
}

describe('the invoice history import on the medium portfolio', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld({
      size: 'medium',
      core: { realtime: REALTIME, systemsPolicy: { rate: { condoManagerPerSec: 2000, condoControlPerSec: 2000, concurrency: 16 }, policy: { timeoutMs: 5_000, backoffBaseMs: 5, backoffCapMs: 50 } } },
    });
  }, 120_000);
  afterAll(() => world.close());

  it('queues itself after the first sync, and afterwards every account agrees in both systems to the cent', async () => {
    const first = await world.sync();
    expect(first.status).toBe('succeeded');
    await world.core.runner.idle();
    const jobs = (await world.core.call('jobs.list', { kind: 'commerce-reconcile' })) as { items: Job[] };
    expect(jobs.items).toHaveLength(1);
    const history = jobs.items[0]!;
    expect(history).toMatchObject({ status: 'succeeded', trigger: 'initial' });
    expect(history.counts.failed).toBe(0);
    expect(history.progress.done).toBe(history.progress.total);
    const { cm, cc } = ledgers(world);
    expect(cm.length).toBeGreaterThan(900);
    const wrong = cm.filter((a) => cc.get(a.unitId)?.balance !== a.balance || cc.get(a.unitId)?.lines !== a.lines);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(history.counts.created).toBe(cm.reduce((n, a) => n + a.lines, 0));
  }, 300_000);

  /** Starts a balance check, waits for its job to end, and gives the job and the check it saved. */
  async function checkBalances(): Promise<{ job: Job; check: BalanceCheck; outcomes: JobOutcome[] }> {
    const started = (await world.core.call('balances.check', { start: true })) as BalanceCheckAnswer;
    expect(started.job).toMatchObject({ kind: 'balance-check' });
    const job = await waitForJob(world, started.job!.id, (j) => Boolean(j.finishedAt), 120_000);
    const { last } = (await world.core.call('balances.check', {})) as BalanceCheckAnswer;
    expect(last?.jobId).toBe(job.id);
    return { job, check: last!, outcomes: await allOutcomes(world, job.id) };
  }

  it("the balance check agrees: no account's balance differs, and its job counted every account", async () => {
    const { job, check, outcomes } = await checkBalances();
    expect(job.status).toBe('succeeded');
    expect(check.unreadable).toBe(0);
    expect(check.differences).toEqual([]);
    expect(check.matching).toBeGreaterThan(900);
    expect(check.accounts).toBe(check.matching);
    expect(job.progress).toEqual({ done: check.accounts, total: check.accounts });
    expect(job.counts.unchanged).toBe(check.matching);
    expect(outcomes).toEqual([]);
  }, 120_000);

  it('a balance changed behind Condo Sync\'s back is listed with the difference in dollars', async () => {
    await waitFor('live', async () => (await status(world)).state === 'live');
    const cc = store(world, 'cc');
    const row = cc.prepare("SELECT i.id, u.external_id AS unitId, u.name AS unit FROM invoices i JOIN units u ON u.id = i.unit_id WHERE i.status = 'Open' LIMIT 1").get() as { id: string; unitId: string; unit: string };
    cc.prepare('UPDATE invoices SET total_cents = total_cents + 1234 WHERE id = ?').run(row.id);
    cc.close();
    const { job, check, outcomes } = await checkBalances();
    expect(check.differences).toHaveLength(1);
    expect(check.differences[0]!.differenceCents).toBe(-1234);
    expect(check.differences[0]!.unitId).toBe(row.unitId);
    expect(check.accounts).toBe(check.matching + 1);
    expect(job.counts.conflict).toBe(1);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ entity: 'unit', entityId: row.unitId, outcome: 'conflict' });
    expect(outcomes[0]!.message).toContain('Condo Control shows $12.34 more');
  }, 120_000);

  it('balances.check answers before the check ends, with the last finished check beside the new job', async () => {
    const before = (await world.core.call('balances.check', {})) as BalanceCheckAnswer;
    const a = (await world.core.call('balances.check', { start: true })) as BalanceCheckAnswer;
    expect(a.job!.finishedAt).toBeUndefined();
    expect(a.last).toEqual(before.last);
    // Asked again without start while it runs: the same job, not a new one.
    const again = (await world.core.call('balances.check', {})) as BalanceCheckAnswer;
    if (again.job) expect(again.job.id).toBe(a.job!.id);
    expect(before.job).toBeUndefined();
    await world.core.runner.idle();
    expect(((await world.core.call('balances.check', {})) as BalanceCheckAnswer).job).toBeUndefined();
  }, 120_000);
});
