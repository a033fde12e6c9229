// Engines started at the same instant on one empty PostgreSQL database,
// directly through createCore (not `serve`): an office server's services
// starting together, or a supervisor restarting them all. Every setup step
// (our migrations, the cluster's tables, graphile-worker's schema and its
// workers) must be safe to run from several engines at once, so each start
// resolves and every engine joins; none fails with a unique violation (23505).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createCore, defaultMigrationsDir, type Core } from '../../electron/core/core';
import { openPostgresStore } from '../../electron/core/db/open-store';
import { silentLogger } from '../../electron/core/log';
import { tempDir } from '../helpers/temp-dir';
import { freshPostgresDatabase } from '../helpers/test-db';

const ENGINES = 3;
const ROUNDS = 5;

describe('engines started at the same instant', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  /** Opens the store, creates the engine and starts it: everything a caller of createCore does. */
  const startEngine = async (url: string, round: number, engine: number): Promise<Core> => {
    const database = await openPostgresStore(url, { migrationsDir: defaultMigrationsDir(), log: silentLogger, postgres: { poolSize: 3 } });
    let core: Core;
    try {
      core = createCore({
        dataDir: join(dir.path, `round-${round}-engine-${engine}`),
        adapter: 'http',
        logger: silentLogger,
        database,
        scheduler: false,
        realtime: false,
        cluster: { engineId: `engine-${engine}`, workers: 1, heartbeatMs: 250, staleMs: 5_000, pollIntervalMs: 200 },
      });
    } catch (err) {
      await database.close();
      throw err;
    }
    try {
      await core.start();
    } catch (err) {
      await core.stop();
      throw err;
    }
    return core;
  };

  it(`${ENGINES} engines at once on an empty database start and join, ${ROUNDS} times out of ${ROUNDS}`, async () => {
    const failures: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const pgdb = await freshPostgresDatabase('start-together');
      const started = await Promise.allSettled(Array.from({ length: ENGINES }, (_, i) => startEngine(pgdb.url, round, i)));
      const cores = started.filter((s): s is PromiseFulfilledResult<Core> => s.status === 'fulfilled').map((s) => s.value);
      try {
        for (const s of started) {
          if (s.status === 'rejected') {
            const err = s.reason as { code?: string; details?: unknown; message?: string };
            failures.push(`round ${round}: ${err.code ?? ''} ${JSON.stringify(err.details ?? {})} ${err.message ?? String(err)}`);
          }
        }
        if (cores.length === ENGINES) {
          // Every engine sees every other one in the heartbeat table.
          expect(await cores[0]!.cluster!.live(), `round ${round}`).toEqual(Array.from({ length: ENGINES }, (_, i) => `engine-${i}`));
          // graphile-worker's schema was installed once, at its latest migration (not half-made by a loser).
          const client = new pg.Client({ connectionString: pgdb.url });
          await client.connect();
          try {
            const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM graphile_worker.migrations`);
            expect(Number(rows[0]!.n), `round ${round}: graphile migrations`).toBeGreaterThan(0);
          } finally {
            await client.end();
          }
        }
      } finally {
        for (const core of cores) await core.stop();
        await pgdb.drop();
      }
    }
    expect(failures, 'starts that failed').toEqual([]);
  }, 180_000);
});
