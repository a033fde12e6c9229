import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_SCHEMA, ensureClusterSchema } from '../../electron/core/cluster/cluster-schema';
import { EngineLiveness, type DeadPeer } from '../../electron/core/cluster/engines';
import { sharedDatabase } from './helpers';

describe('engine liveness: heartbeats, and one survivor per dead engine', () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  beforeAll(async () => {
    db = await sharedDatabase(3, 4);
    await ensureClusterSchema(db.pools[0]!);
  });
  afterAll(() => db.cleanup());

  it('three survivors sweeping at once: each silent engine is taken over exactly once; live ones are left alone', async () => {
    const pool = db.pools[0]!;
    // Two engines that stopped answering an hour ago, as a SIGKILL leaves them.
    for (const id of ['engine-dead-1', 'engine-dead-2']) {
      await pool.query(`INSERT INTO ${CLUSTER_SCHEMA}.engines (id, worker_ids, heartbeat_at) VALUES ($1, $2, now() - interval '1 hour')`, [id, JSON.stringify([`${id}-w1`, `${id}-w2`])]);
    }
    const calls: { by: number; peer: DeadPeer }[] = [];
    const engines = db.pools.map(
      (p, i) =>
        new EngineLiveness({
          pool: p, engineId: `engine-live-${i}`, heartbeatMs: 60_000, staleMs: 1000,
          workerIds: () => [`engine-live-${i}-w`],
          onPeerDead: async (peer) => {
            await new Promise((r) => setTimeout(r, 50)); // a takeover takes a moment; others sweep meanwhile
            calls.push({ by: i, peer });
          },
        }),
    );
    await Promise.all(engines.map((e) => e.start()));
    await Promise.all(engines.map((e) => e.sweep()));
    expect(calls.map((c) => c.peer.id).sort()).toEqual(['engine-dead-1', 'engine-dead-2']);
    expect(calls.find((c) => c.peer.id === 'engine-dead-1')!.peer.workerIds).toEqual(['engine-dead-1-w1', 'engine-dead-1-w2']);
    expect(await engines[0]!.live()).toEqual(['engine-live-0', 'engine-live-1', 'engine-live-2']);
    expect((await pool.query(`SELECT count(*)::int AS n FROM ${CLUSTER_SCHEMA}.engines`)).rows[0].n).toBe(3);
    // A stopped engine leaves; the others see it gone, not dead.
    await engines[2]!.stop();
    expect(await engines[0]!.live()).toEqual(['engine-live-0', 'engine-live-1']);
    await Promise.all(engines.slice(0, 2).map((e) => e.stop()));
  });

  it('a takeover that fails leaves the dead engine listed, for the next sweep to try again', async () => {
    const pool = db.pools[0]!;
    await pool.query(`INSERT INTO ${CLUSTER_SCHEMA}.engines (id, heartbeat_at) VALUES ('engine-dead-3', now() - interval '1 hour')`);
    let fail = true;
    const seen: string[] = [];
    const e = new EngineLiveness({
      pool, engineId: 'engine-live-x', staleMs: 1000, workerIds: () => [],
      onPeerDead: async (peer) => {
        if (fail) throw new Error('database went away');
        seen.push(peer.id);
      },
    });
    await e.beat();
    await expect(e.sweep()).rejects.toMatchObject({ code: 'unavailable' });
    fail = false;
    expect(await e.sweep()).toEqual([{ id: 'engine-dead-3', workerIds: [] }]);
    expect(seen).toEqual(['engine-dead-3']);
    await e.stop();
  });
});
