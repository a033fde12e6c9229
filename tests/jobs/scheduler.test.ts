import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../electron/core/clock';
import { defaultMigrationsDir } from '../../electron/core/core';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { loadMigrations, migrate } from '../../electron/core/db/migrate';
import type { JobRequest } from '../../electron/core/jobs/queue';
import { Scheduler } from '../../electron/core/jobs/scheduler';
import { sqliteKysely } from '../../electron/core/db/kysely';
import { silentLogger } from '../../electron/core/log';
import { MemoryStore } from '../../electron/core/settings';
import { tempDir } from '../helpers/temp-dir';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Local date in Toronto of an instant, to count runs per local day. */
const torontoDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto' }).format(d);

describe('nightly scheduler (fake clock, real time zones)', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  let queued: (JobRequest & { at: Date })[];
  let scheduler: Scheduler;
  let settings: MemoryStore;

  const make = async (start: string, schedule?: Record<string, string>) => {
    vi.setSystemTime(new Date(start));
    settings = new MemoryStore();
    if (schedule) settings.set('schedule', schedule);
    scheduler = new Scheduler({
      db: sqliteKysely(db),
      clock: systemClock,
      settings,
      log: silentLogger,
      enqueue: async (req) => {
        queued.push({ ...req, at: new Date() });
        return { id: `job-${queued.length}` };
      },
    });
    await scheduler.start();
  };

  beforeEach(() => {
    vi.useFakeTimers();
    dir = tempDir();
    db = openDatabase(join(dir.path, 'db.sqlite'));
    migrate(db, loadMigrations(defaultMigrationsDir()));
    queued = [];
  });
  afterEach(() => {
    scheduler.stop();
    vi.useRealTimers();
    db.close();
    dir.cleanup();
  });

  it('runs at 02:00 America/Toronto by default, and says when the next runs are', async () => {
    await make('2026-11-27T05:00:00Z'); // 00:00 EST, a Friday
    expect(scheduler.describe()).toMatchObject({ time: '02:00', timeZone: 'America/Toronto', reconcileDay: 'sunday', nextRunAt: '2026-11-27T07:00:00.000Z' });
    expect(scheduler.describe().nextRuns).toHaveLength(7);
    await vi.advanceTimersByTimeAsync(2 * HOUR - 1000);
    expect(queued).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(queued).toEqual([expect.objectContaining({ kind: 'residents', trigger: 'schedule' })]);
    expect(queued[0]!.at.toISOString()).toBe('2026-11-27T07:00:00.000Z');
  });

  it('makes the weekly run a full reconcile on the configured day', async () => {
    await make('2026-11-27T05:00:00Z');
    await vi.advanceTimersByTimeAsync(3 * DAY);
    expect(queued.map((q) => [torontoDate(q.at), q.kind])).toEqual([
      ['2026-11-27', 'residents'],
      ['2026-11-28', 'residents'],
      ['2026-11-29', 'reconcile'],
    ]);
    scheduler.set({ reconcileDay: 'monday', time: '03:15' });
    await vi.advanceTimersByTimeAsync(DAY);
    expect(queued.at(-1)).toMatchObject({ kind: 'reconcile' });
    expect(queued.at(-1)!.at.toISOString()).toBe('2026-11-30T08:15:00.000Z');
  });

  it('queues exactly one catch-up after a three-day sleep', async () => {
    await make('2026-11-27T05:00:00Z');
    await vi.advanceTimersByTimeAsync(3 * HOUR); // Friday's run
    expect(queued).toHaveLength(1);
    // The machine sleeps: the wall clock jumps three days and no timer ran.
    vi.setSystemTime(new Date('2026-11-30T15:00:00Z'));
    await Promise.all([scheduler.resumed(), scheduler.resumed()]); // a second wake-up notice changes nothing
    expect(queued).toHaveLength(2);
    expect(queued[1]).toMatchObject({ trigger: 'catch-up' });
    // The timers catch up too, but every missed day is already covered.
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(queued).toHaveLength(2);
  });

  it('queues one catch-up on start when the app was off at 02:00, and none for a fresh install', async () => {
    await make('2026-11-27T12:00:00Z');
    expect(queued).toEqual([]); // installed after today's slot: nothing was missed
    scheduler.stop();
    vi.setSystemTime(new Date('2026-11-29T12:00:00Z')); // off for two nights
    await scheduler.start();
    expect(queued).toEqual([expect.objectContaining({ trigger: 'catch-up', kind: 'reconcile' })]);
  });

  it('runs once on the spring-forward day, when 02:00 does not exist', async () => {
    await make('2026-03-07T12:00:00Z');
    await vi.advanceTimersByTimeAsync(3 * DAY);
    const days = queued.map((q) => torontoDate(q.at));
    expect(days).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
    expect(queued[0]!.at.toISOString()).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
  });

  it('runs once on the fall-back day, even at a time that happens twice', async () => {
    await make('2026-10-31T12:00:00Z', { time: '01:30', timeZone: 'America/Toronto', reconcileDay: 'sunday' });
    await vi.advanceTimersByTimeAsync(3 * DAY);
    const days = queued.map((q) => torontoDate(q.at));
    expect(days).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
  });

  it('follows the configured time zone', async () => {
    await make('2026-11-27T00:00:00Z', { time: '02:00', timeZone: 'America/Vancouver', reconcileDay: 'sunday' });
    expect(scheduler.describe().nextRunAt).toBe('2026-11-27T10:00:00.000Z');
  });
});
