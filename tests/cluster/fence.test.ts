import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_SCHEMA, ensureClusterSchema } from '../../electron/core/cluster/cluster-schema';
import { EngineLiveness, type DeadPeer, type Fence } from '../../electron/core/cluster/engines';
import { LeaseKeeper } from '../../electron/core/cluster/lease';
import { openPostgresPool } from '../../electron/core/db/connect';
import { startCutProxy, type CutProxy } from '../helpers/cut-proxy';
import { sharedDatabase, until } from './helpers';

const HEARTBEAT_MS = 200;
const STALE_MS = 1200;

/**
 * Self-fencing (cluster/engines.ts): an engine that cannot reach the shared
 * database stops itself before any peer may take its work over, one whose
 * row a peer deleted stops at its next heartbeat, and both register again
 * as new members once the database answers. The cut engine reaches the
 * database through a TCP proxy that black-holes its connections.
 */
describe('an engine fences itself off when it loses the shared database', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let proxy: CutProxy;
  const stops: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    db = await sharedDatabase(1, 4);
    await ensureClusterSchema(db.pools[0]!);
    proxy = await startCutProxy(db.url);
  });
  afterAll(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await proxy.close();
    await db.cleanup();
  });

  it('silent: fenced before the survivor declares it dead; rejoins as a new member once the line is back', async () => {
    const pool = await openPostgresPool(proxy.url, { poolSize: 4, applicationName: 'condo-sync-test-cut', connectTimeoutMs: 500, onIdleError: () => {} });
    stops.push(() => pool.end());
    const events: { what: string; at: number; fence?: Fence }[] = [];
    const cutEngine = new EngineLiveness({
      pool, engineId: 'engine-cut', heartbeatMs: HEARTBEAT_MS, staleMs: STALE_MS, workerIds: () => ['engine-cut-w1'],
      onPeerDead: async () => {},
      onFenced: (fence) => events.push({ what: 'fenced', at: Date.now(), fence }),
      onRejoin: async () => void events.push({ what: 'rejoin', at: Date.now() }),
      onRejoined: () => events.push({ what: 'rejoined', at: Date.now() }),
    });
    await cutEngine.start();
    stops.push(() => cutEngine.stop());
    const taken: (DeadPeer & { at: number })[] = [];
    const survivor = new EngineLiveness({
      pool: db.pools[0]!, engineId: 'engine-survivor', heartbeatMs: HEARTBEAT_MS, staleMs: STALE_MS, workerIds: () => [],
      onPeerDead: async (peer) => void taken.push({ ...peer, at: Date.now() }),
    });
    await survivor.start();
    stops.push(() => survivor.stop());
    await new Promise((r) => setTimeout(r, 3 * HEARTBEAT_MS));
    expect(events).toEqual([]);

    proxy.cut();
    await until(() => (taken.length ? true : undefined), 10_000, 'the survivor to take the silent engine over');
    const fenced = events.find((e) => e.what === 'fenced');
    expect(fenced?.fence?.reason).toBe('silent');
    // Fenced first: the survivor can only have declared it dead after it stopped itself.
    expect(fenced!.at).toBeLessThan(taken[0]!.at);
    expect(taken[0]).toMatchObject({ id: 'engine-cut', workerIds: ['engine-cut-w1'] });
    expect(cutEngine.isFenced()).toBe(true);

    proxy.heal();
    await until(() => (events.some((e) => e.what === 'rejoined') ? true : undefined), 10_000, 'the engine to rejoin');
    expect(events.map((e) => e.what)).toEqual(['fenced', 'rejoin', 'rejoined']);
    expect(cutEngine.isFenced()).toBe(false);
    // A new row: alive again for its peers.
    await until(async () => ((await survivor.live()).includes('engine-cut') ? true : undefined), 5_000, 'the new row');
    expect(taken).toHaveLength(1);
  });

  it('removed: a peer deleted its row; it fences at its next heartbeat and registers again', async () => {
    const pool = db.pools[0]!;
    const events: string[] = [];
    const engine = new EngineLiveness({
      pool, engineId: 'engine-removed', heartbeatMs: HEARTBEAT_MS, staleMs: STALE_MS, workerIds: () => [],
      onPeerDead: async () => {},
      onFenced: (fence) => events.push(`fenced:${fence.reason}`),
      onRejoin: async () => {
        // The first try fails (say the queue could not start): it stays fenced and tries again.
        if (!events.includes('rejoin-failed')) {
          events.push('rejoin-failed');
          throw new Error('not yet');
        }
      },
      onRejoined: () => events.push('rejoined'),
    });
    await engine.start();
    stops.push(() => engine.stop());
    await pool.query(`DELETE FROM ${CLUSTER_SCHEMA}.engines WHERE id = 'engine-removed'`);
    await until(() => (events.includes('rejoined') ? true : undefined), 10_000, 'the engine to rejoin');
    expect(events).toEqual(['fenced:removed', 'rejoin-failed', 'rejoined']);
    expect((await pool.query(`SELECT id FROM ${CLUSTER_SCHEMA}.engines WHERE id = 'engine-removed'`)).rowCount).toBe(1);
  });

  it('a fenced engine’s leases are dropped at once, without the database, and tried for again after resume', async () => {
    const pool = db.pools[0]!;
    const seen: string[] = [];
    const keeper = new LeaseKeeper({ pool, owner: 'engine-lease', ttlMs: 900, onAcquired: (n) => seen.push(`acquired ${n}`), onLost: (n) => seen.push(`lost ${n}`) });
    stops.push(() => keeper.stop());
    expect(await keeper.want('commerce-watcher:corp-Lévis')).toBe(true);
    keeper.suspend();
    expect(keeper.holds('commerce-watcher:corp-Lévis')).toBe(false);
    expect(seen).toEqual(['acquired commerce-watcher:corp-Lévis', 'lost commerce-watcher:corp-Lévis']);
    // Renewals meanwhile take nothing.
    await new Promise((r) => setTimeout(r, 700));
    expect(keeper.holds('commerce-watcher:corp-Lévis')).toBe(false);
    keeper.resume();
    await until(() => (keeper.holds('commerce-watcher:corp-Lévis') ? true : undefined), 5_000, 'the lease again');
    expect(seen.at(-1)).toBe('acquired commerce-watcher:corp-Lévis');
  });
});
