import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_SCHEMA, ensureClusterSchema } from '../../electron/core/cluster/cluster-schema';
import { EngineLiveness } from '../../electron/core/cluster/engines';
import { LeaseKeeper } from '../../electron/core/cluster/lease';
import { SharedQueue } from '../../electron/core/cluster/shared-queue';
import { spawnTs, type TsChild } from '../helpers/ts-child';
import { createStepTables, STEPS, steppingTarget } from './fixtures/stepping-job';
import { sharedDatabase, until } from './helpers';

// Short intervals so the test takes seconds; production defaults are 5 s / 15 s / 15 s.
const HEARTBEAT_MS = 250;
const STALE_MS = 1500;
const TTL_MS = 1500;
const STEP_MS = 250;
const LEASE = 'commerce-watcher:corp-1';
const JOB_ID = 'job-doomed-1';

describe('an engine killed with SIGKILL: its job and its watcher lease are taken over', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let child: TsChild | undefined;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    db = await sharedDatabase(1, 12);
    await ensureClusterSchema(db.pools[0]!);
    await createStepTables(db.pools[0]!);
  });
  afterAll(async () => {
    await child?.kill9();
    for (const stop of stops.reverse()) await stop();
    await db.cleanup();
  });

  it('a survivor resumes the job from its checkpoint and becomes the building’s one watcher, within 30 s', async () => {
    const pool = db.pools[0]!;
    child = spawnTs('tests/cluster/fixtures/engine-child.ts', [], {
      DB_URL: db.url, ENGINE_ID: 'engine-doomed', HEARTBEAT_MS: String(HEARTBEAT_MS), STALE_MS: String(STALE_MS),
      TTL_MS: String(TTL_MS), STEP_MS: String(STEP_MS), LEASE, CORP: 'corp-1', JOB_ID,
    });
    await child.waitFor(/^ready$/, 60_000);
    expect(child.lines).toContain(`lease ${LEASE}`);
    // The doomed engine is two steps into the job.
    await until(async () => ((await pool.query('SELECT done FROM test_steps')).rows[0]?.done >= 2 ? true : undefined), 20_000, 'two steps');

    const runs: Record<string, unknown>[] = [];
    const leaseEvents: { what: 'acquired' | 'lost'; at: number }[] = [];
    const queue = new SharedQueue({ pool, engineId: 'engine-survivor', concurrency: 2, pollIntervalMs: 200, kinds: { lane: () => ({ name: 'residents', perCorporation: true }) } });
    const target = steppingTarget(pool, 'engine-survivor', STEP_MS, (cp) => runs.push(cp));
    await queue.start(target);
    stops.push(async () => {
      target.stop();
      await queue.stop();
    });
    const taken: string[] = [];
    const liveness = new EngineLiveness({
      pool, engineId: 'engine-survivor', heartbeatMs: HEARTBEAT_MS, staleMs: STALE_MS,
      workerIds: () => queue.workerIds(),
      onPeerDead: async (peer) => void taken.push(peer.id, ...(await queue.takeOver(peer.workerIds))),
    });
    await liveness.start();
    stops.push(() => liveness.stop());
    const leases = new LeaseKeeper({
      pool, owner: 'engine-survivor', ttlMs: TTL_MS,
      onAcquired: () => leaseEvents.push({ what: 'acquired', at: Date.now() }),
      onLost: () => leaseEvents.push({ what: 'lost', at: Date.now() }),
    });
    stops.push(() => leases.stop());

    // While the other engine lives, the survivor neither watches the building nor runs its job.
    expect(await leases.want(LEASE)).toBe(false);
    await new Promise((r) => setTimeout(r, TTL_MS));
    expect(leases.holds(LEASE)).toBe(false);
    expect(runs).toEqual([]);
    expect(await liveness.live()).toEqual(['engine-doomed', 'engine-survivor']);

    const killedAt = Date.now();
    await child.kill9();
    const doneBefore = (await pool.query<{ done: number }>('SELECT done FROM test_steps')).rows[0]!.done;

    await until(() => (runs.length > 0 ? true : undefined), 30_000, 'the job to be taken over');
    const jobAfterMs = Date.now() - killedAt;
    await until(() => (leases.holds(LEASE) ? true : undefined), 30_000, 'the lease to be taken over');
    const leaseAfterMs = leaseEvents.find((e) => e.what === 'acquired')!.at - killedAt;
    await until(async () => ((await queue.list()).length === 0 ? true : undefined), 30_000, 'the job to finish');

    expect(jobAfterMs).toBeLessThan(30_000);
    expect(leaseAfterMs).toBeLessThan(30_000);
    // Resumed from the durable checkpoint, not from the start; every step done exactly once.
    expect(runs).toEqual([{ done: doneBefore }]);
    const log = (await pool.query<{ step: number; engine: string }>('SELECT step, engine FROM test_step_log ORDER BY step')).rows;
    expect(log.map((r) => r.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
    expect(log.filter((r) => r.engine === 'engine-doomed').map((r) => r.step)).toEqual(Array.from({ length: doneBefore }, (_, i) => i + 1));
    // One survivor took the dead engine over, and only the survivor is left.
    expect(taken[0]).toBe('engine-doomed');
    expect(taken).toHaveLength(2);
    expect((await pool.query(`SELECT id FROM ${CLUSTER_SCHEMA}.engines`)).rows.map((r) => r.id)).toEqual(['engine-survivor']);
    expect(leaseEvents.map((e) => e.what)).toEqual(['acquired']);
    console.log(`takeover after SIGKILL: job running again after ${jobAfterMs} ms, lease after ${leaseAfterMs} ms (stale ${STALE_MS} ms, ttl ${TTL_MS} ms)`);
  }, 120_000);
});
