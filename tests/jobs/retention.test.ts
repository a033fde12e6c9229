import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../electron/core/core';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { loadMigrations, migrate } from '../../electron/core/db/migrate';
import { JobRepository } from '../../electron/core/db/repositories/jobs';
import { pruneHistory } from '../../electron/core/jobs/retention';
import { sqliteKysely } from '../../electron/core/db/kysely';
import { JobHistoryRepository } from '../../electron/core/db/repositories/job-history';
import { tempDir } from '../helpers/temp-dir';

describe('history retention', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  let store: JobRepository;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'db.sqlite'));
    migrate(db, loadMigrations(defaultMigrationsDir()));
    store = new JobRepository(sqliteKysely(db));
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  const finishedJob = async (daysAgo: number) => {
    const at = new Date(Date.parse('2026-11-27T00:00:00Z') - daysAgo * 86_400_000).toISOString();
    const job = await store.create({ kind: 'residents', trigger: 'schedule', dryRun: false }, at);
    await store.save({ ...job, status: 'succeeded', finishedAt: at });
    await store.addEvents([{ jobId: job.id, entity: 'person', entityId: 'p1', outcome: 'updated', changes: [{ field: 'email', condoManager: 'a@b.ca', condoControl: 'c@d.ca' }], at }]);
    return job.id;
  };

  it('keeps jobs 90 days and per-record events (personal data) 30 days by default, both adjustable', async () => {
    const recent = await finishedJob(5);
    const month = await finishedJob(45);
    const old = await finishedJob(120);
    const now = new Date('2026-11-27T00:00:00Z');
    expect(await pruneHistory(sqliteKysely(db), now, { historyDays: 90, recordEventsDays: 30 })).toEqual({ jobs: 1, events: 2 });
    expect(await store.get(old)).toBeUndefined();
    expect(await store.get(month)).toBeDefined();
    const history = new JobHistoryRepository(sqliteKysely(db));
    expect((await history.outcomes(month, {})).total).toBe(0);
    expect((await history.outcomes(recent, {})).total).toBe(1);
    expect(await pruneHistory(sqliteKysely(db), now, { historyDays: 3, recordEventsDays: 3 })).toEqual({ jobs: 2, events: 1 });
  });

  it('never prunes a job that is still waiting or running', async () => {
    const job = await store.create({ kind: 'residents', trigger: 'manual', dryRun: false }, '2020-01-01T00:00:00.000Z');
    await pruneHistory(sqliteKysely(db), new Date('2026-11-27T00:00:00Z'), { historyDays: 1, recordEventsDays: 1 });
    expect((await store.get(job.id))?.status).toBe('queued');
  });
});
