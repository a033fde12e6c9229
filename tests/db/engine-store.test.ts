import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../electron/core/core';
import { migrateEngine } from '../../electron/core/db/migrate-postgres';
import { openTestEngine, testBackend } from '../helpers/test-db';
import { JobHistoryRepository } from '../../electron/core/db/repositories/job-history';
import type { Executor } from '../../electron/core/db/kysely';
import { say } from '@shared/core-messages';

/**
 * What the repositories rely on from the store, whichever backend holds it.
 * This file runs once per vitest project: on SQLite, and on PostgreSQL
 * (CONDO_SYNC_TEST_DB=postgres), with the same assertions.
 */
describe(`the engine store on ${testBackend}`, () => {
  let opened: Awaited<ReturnType<typeof openTestEngine>>;
  let k: Kysely<unknown>;
  beforeAll(async () => {
    opened = await openTestEngine();
    k = opened.database.kysely;
    await migrateEngine(opened.database, defaultMigrationsDir());
  });
  afterAll(async () => {
    await opened?.cleanup();
  });

  const now = '2026-11-30T17:00:00.000Z';
  const jobs = async () => (await sql<{ id: string; status: string; dry_run: number; progress_done: number }>`SELECT id, status, dry_run, progress_done FROM jobs ORDER BY id`.execute(k)).rows;

  it('is the backend the run asked for', () => {
    expect(opened.database.dialect).toBe(testBackend);
  });

  it('a transaction that throws leaves nothing behind', async () => {
    await expect(
      k.transaction().execute(async (trx) => {
        await sql`INSERT INTO jobs (id, kind, trigger, status, created_at) VALUES ('j-rolled-back', 'residents', 'manual', 'queued', ${now})`.execute(trx);
        throw new Error('the write after it failed');
      }),
    ).rejects.toThrow('the write after it failed');
    expect((await jobs()).map((j) => j.id)).not.toContain('j-rolled-back');
  });

  it('concurrent transactions do not see or break each other: all 20 commit whole', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        k.transaction().execute(async (trx) => {
          const id = `j${String(i).padStart(2, '0')}`;
          await sql`INSERT INTO jobs (id, kind, trigger, status, created_at) VALUES (${id}, 'residents', 'manual', 'queued', ${now})`.execute(trx);
          await sql`INSERT INTO job_events (job_id, entity, entity_id, outcome, at) VALUES (${id}, 'person', 'p1', 'created', ${now})`.execute(trx);
          await sql`UPDATE jobs SET status = 'running', progress_done = progress_done + 1 WHERE id = ${id}`.execute(trx);
        }),
      ),
    );
    const rows = (await jobs()).filter((j) => /^j\d\d$/.test(j.id));
    expect(rows).toHaveLength(20);
    expect(rows.every((j) => j.status === 'running' && j.progress_done === 1 && j.dry_run === 0)).toBe(true);
    const events = await sql<{ n: number }>`SELECT count(*) AS n FROM job_events`.execute(k);
    expect(events.rows[0]!.n).toBe(20);
  });

  it('ON CONFLICT … DO UPDATE upserts, and RETURNING gives the generated id as a number', async () => {
    const upsert = (cursor: string) =>
      sql`INSERT INTO watermarks (scope, cursor) VALUES ('feed:c1', ${cursor}) ON CONFLICT (scope) DO UPDATE SET cursor = excluded.cursor`.execute(k);
    await upsert('10');
    await upsert('11');
    expect((await sql<{ cursor: string }>`SELECT cursor FROM watermarks WHERE scope = 'feed:c1'`.execute(k)).rows).toEqual([{ cursor: '11' }]);
    const inserted = await sql<{ id: number }>`INSERT INTO job_events (job_id, entity, entity_id, outcome, at) VALUES ('j00', 'unit', 'u1', 'updated', ${now}) RETURNING id`.execute(k);
    expect(typeof inserted.rows[0]!.id).toBe('number');
  });

  it('a foreign key holds and cascades: deleting a job deletes its events', async () => {
    await expect(sql`INSERT INTO job_events (job_id, entity, entity_id, outcome, at) VALUES ('no-such-job', 'unit', 'u1', 'created', ${now})`.execute(k)).rejects.toThrow();
    await sql`DELETE FROM jobs WHERE id = 'j01'`.execute(k);
    const left = await sql<{ n: number }>`SELECT count(*) AS n FROM job_events WHERE job_id = 'j01'`.execute(k);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('JSON stays text, and ISO timestamps sort as instants', async () => {
    const counts = JSON.stringify({ created: 3, name: 'Ame\u0301lie O’Brien' });
    await sql`UPDATE jobs SET counts = ${counts}, finished_at = ${'2026-11-30T09:05:00.000Z'} WHERE id = 'j02'`.execute(k);
    await sql`UPDATE jobs SET finished_at = ${'2026-11-30T10:00:00.000Z'} WHERE id = 'j03'`.execute(k);
    const { rows } = await sql<{ id: string; counts: string }>`SELECT id, counts FROM jobs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC`.execute(k);
    expect(rows.map((r) => r.id)).toEqual(['j03', 'j02']);
    expect(JSON.parse(rows[1]!.counts)).toEqual({ created: 3, name: 'Ame\u0301lie O’Brien' });
  });

  it('a sync’s page: an unchanged record with an open note is listed under Needs attention, a sentence that asks nothing stays Unchanged', async () => {
    await sql`INSERT INTO jobs (id, kind, trigger, status, created_at) VALUES ('j-standing', 'residents', 'manual', 'succeeded', ${now})`.execute(k);
    const note = say('sharedInUnit', { unit: '1203', email: 'famille_tremblay%@example.ca', role: 'Owner' });
    const events: [string, string | null][] = [
      ['conflict', note],
      ['unchanged', note],
      ['unchanged', say('pastNeverSynced')],
      ['unchanged', say('movedOn', { whereLower: 'the tenant of unit 504' })],
      ['unchanged', null],
      ['created', null],
    ];
    for (const [i, [outcome, message]] of events.entries()) {
      await sql`INSERT INTO job_events (job_id, entity, entity_id, outcome, message, at) VALUES ('j-standing', 'person', ${`p${i}`}, ${outcome}, ${message}, ${now})`.execute(k);
    }
    const history = new JobHistoryRepository(k as unknown as Executor);
    expect(await history.standingAttention('j-standing')).toBe(1);
    const ids = async (outcome: 'conflict' | 'unchanged' | 'created') => (await history.outcomes('j-standing', { outcome })).items.map((o) => o.entityId);
    expect(await ids('conflict')).toEqual(['p0', 'p1']);
    expect(await ids('unchanged')).toEqual(['p2', 'p3', 'p4']);
    expect(await ids('created')).toEqual(['p5']);
  });
});
