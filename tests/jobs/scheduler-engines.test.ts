// Engines sharing one database each run the nightly scheduler: a night's run
// is queued once, by whichever engine takes the day first. Both backends
// (CONDO_SYNC_TEST_DB), each engine with its own connection where the
// backend has them.
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../electron/core/clock';
import { defaultMigrationsDir } from '../../electron/core/core';
import { openPostgresEngine, type EngineDatabase } from '../../electron/core/db/connect';
import type { Executor } from '../../electron/core/db/kysely';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import type { JobRequest } from '../../electron/core/jobs/queue';
import { Scheduler } from '../../electron/core/jobs/scheduler';
import { silentLogger } from '../../electron/core/log';
import { MemoryStore } from '../../electron/core/settings';
import { openTestEngine, testBackend } from '../helpers/test-db';

describe(`the nightly run with several engines on one database (${testBackend})`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Engines' connections to one database: on PostgreSQL a pool each, on SQLite the one file's handle. */
  async function engines(n: number): Promise<Executor[]> {
    const first = await openTestEngine();
    cleanups.push(first.cleanup);
    if (first.database.dialect === 'sqlite') {
      const { migrate, loadMigrations } = await import('../../electron/core/db/migrate');
      migrate(first.database.sqlite!, loadMigrations(defaultMigrationsDir()));
      return Array.from({ length: n }, () => first.database.kysely as Executor);
    }
    await migrateEngine(first.database, defaultMigrationsDir());
    const more: EngineDatabase[] = [];
    for (let i = 1; i < n; i++) more.push(await openPostgresEngine(first.url!, { poolSize: 2 }));
    cleanups.push(async () => void (await Promise.all(more.map((d) => d.close()))));
    return [first.database, ...more].map((d) => d.kysely as Executor);
  }

  it('three engines catching up on the same missed night at once queue one run; a restart queues none', async () => {
    // 03:00 in Toronto on a Friday: the 02:00 run was missed (the office server was down).
    const clock: Clock = { now: () => new Date('2026-11-27T08:00:00Z') };
    const queued: { engine: number; req: JobRequest }[] = [];
    const make = (db: Executor, engine: number) => {
      const settings = new MemoryStore();
      settings.set('scheduleSince', '2026-11-20T00:00:00Z');
      return new Scheduler({
        db,
        clock,
        settings,
        log: silentLogger,
        enqueue: async (req) => {
          queued.push({ engine, req });
          return { id: `job-${engine}-${queued.length}` };
        },
      });
    };
    const dbs = await engines(3);
    const schedulers = dbs.map(make);
    await Promise.all(schedulers.map((s) => s.catchUp('start')));
    expect(queued).toHaveLength(1);
    expect(queued[0]!.req).toMatchObject({ kind: 'residents', trigger: 'catch-up', dryRun: false });
    // The day is recorded with the job that was queued for it.
    const rows = await dbs[0]!.selectFrom('schedule_runs').selectAll().execute();
    expect(rows.map((r) => [r.slot, r.job_id])).toEqual([['2026-11-27', `job-${queued[0]!.engine}-1`]]);
    await make(dbs[1]!, 9).catchUp('start');
    expect(queued).toHaveLength(1);
  });

  it('a run that cannot be queued gives the day back, so the next start catches it up', async () => {
    const clock: Clock = { now: () => new Date('2026-11-27T08:00:00Z') };
    const [db] = await engines(1);
    const settings = new MemoryStore();
    settings.set('scheduleSince', '2026-11-20T00:00:00Z');
    let fail = true;
    const queued: JobRequest[] = [];
    const scheduler = new Scheduler({
      db: db!,
      clock,
      settings,
      log: silentLogger,
      enqueue: async (req) => {
        if (fail) throw new Error('disk full');
        queued.push(req);
        return { id: 'job-1' };
      },
    });
    await expect(scheduler.catchUp('start')).rejects.toThrow('disk full');
    expect(await db!.selectFrom('schedule_runs').selectAll().execute()).toEqual([]);
    fail = false;
    await scheduler.catchUp('start');
    expect(queued).toHaveLength(1);
  });
});
