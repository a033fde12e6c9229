import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../electron/core/core';
import { loadMigrations, migrate } from '../../electron/core/db/migrate';
import { migratePostgres, postgresMigrationsDir } from '../../electron/core/db/migrate-postgres';
import { openTestEngine } from '../helpers/test-db';

type Opened = Awaited<ReturnType<typeof openTestEngine>>;
const backends = ['sqlite', 'postgres'] as const;

/**
 * A data dir created by the first version, upgraded one migration at a time:
 * rows written before each step survive it, and the columns a step adds get
 * their defaults, the same way on both backends.
 */
describe('upgrading a database that holds data, one migration at a time', () => {
  const opened: Partial<Record<(typeof backends)[number], Opened>> = {};
  beforeAll(async () => {
    for (const b of backends) opened[b] = await openTestEngine(b);
  });
  afterAll(async () => {
    for (const b of backends) await opened[b]?.cleanup();
  });

  const step = async (backend: (typeof backends)[number], upTo: number) => {
    const { database } = opened[backend]!;
    if (backend === 'sqlite') return migrate(database.sqlite!, loadMigrations(defaultMigrationsDir()).filter((m) => m.version <= upTo));
    return migratePostgres(database.kysely, loadMigrations(postgresMigrationsDir(defaultMigrationsDir())).filter((m) => m.version <= upTo));
  };

  // What version 1 wrote: a building, a unit, an owner with an accented, decomposed name, a job and its outcome.
  const seedV1 = async (k: Kysely<unknown>) => {
    const t = '2026-01-15T05:00:00.000Z';
    await sql`INSERT INTO corporations (id, code, legal_name, timezone, updated_at) VALUES ('c1', 'TSCC 2750', 'Société Côté-Saint-Luc', 'America/Toronto', ${t})`.execute(k);
    await sql`INSERT INTO units (id, corporation_id, number, kind, occupancy, account_id, updated_at) VALUES ('u1', 'c1', '1204', 'residential', 'owner', 'a1', ${t})`.execute(k);
    await sql`INSERT INTO people (id, corporation_id, role, first_name, last_name, email, status, updated_at)
      VALUES ('p1', 'c1', 'owner', ${'Ame\u0301lie'}, 'O’Brien', 'AMELIE@Example.com', 'Active', ${t})`.execute(k);
    await sql`INSERT INTO unit_roles (unit_id, person_id, role) VALUES ('u1', 'p1', 'owner')`.execute(k);
    await sql`INSERT INTO id_map (entity, source_id, target_id, sync_status) VALUES ('person', 'p1', 'cc-9', 'in_sync')`.execute(k);
    await sql`INSERT INTO jobs (id, kind, trigger, status, dry_run, progress_done, progress_total, created_at) VALUES ('j1', 'residents', 'schedule', 'succeeded', 1, 3, 3, ${t})`.execute(k);
    await sql`INSERT INTO job_events (job_id, entity, entity_id, outcome, at) VALUES ('j1', 'person', 'p1', 'created', ${t})`.execute(k);
  };
  // What version 3 wrote: the change feed's position.
  const seedV3 = async (k: Kysely<unknown>) => {
    await sql`INSERT INTO feed_state (corporation_id, cursor, updated_at) VALUES ('c1', '42', '2026-02-01T00:00:00.000Z')`.execute(k);
  };

  const snapshot = async (k: Kysely<unknown>) => ({
    people: (await sql`SELECT id, first_name, last_name, email, unit_ids, seen_at, search_key FROM people ORDER BY id`.execute(k)).rows,
    units: (await sql`SELECT id, number, seen_at, search_key FROM units ORDER BY id`.execute(k)).rows,
    idMap: (await sql`SELECT entity, source_id, target_id, sync_status, attempts, synced_state, next_attempt_at FROM id_map ORDER BY source_id`.execute(k)).rows,
    jobs: (await sql`SELECT id, dry_run, progress_done, triggers FROM jobs ORDER BY id`.execute(k)).rows,
    events: (await sql`SELECT job_id, entity_id, outcome FROM job_events ORDER BY job_id`.execute(k)).rows,
    corporations: (await sql`SELECT id, legal_name, owners_group FROM corporations ORDER BY id`.execute(k)).rows,
    feed: (await sql`SELECT corporation_id, cursor, pending_rev FROM feed_state ORDER BY corporation_id`.execute(k)).rows,
  });

  it('keeps every row through each step and fills the new columns with the same defaults on SQLite and PostgreSQL', async () => {
    const last = loadMigrations(defaultMigrationsDir()).at(-1)!.version;
    for (const backend of backends) {
      const k = opened[backend]!.database.kysely;
      await step(backend, 1);
      await seedV1(k);
      for (let v = 2; v <= last; v++) {
        expect((await step(backend, v)).applied, `${backend} step ${v}`).toEqual([v]);
        if (v === 3) await seedV3(k);
      }
    }
    const lite = await snapshot(opened.sqlite!.database.kysely);
    expect(lite.people).toEqual([
      { id: 'p1', first_name: 'Ame\u0301lie', last_name: 'O’Brien', email: 'AMELIE@Example.com', unit_ids: '[]', seen_at: null, search_key: null },
    ]);
    expect(lite.idMap).toEqual([{ entity: 'person', source_id: 'p1', target_id: 'cc-9', sync_status: 'in_sync', attempts: 0, synced_state: null, next_attempt_at: null }]);
    expect(lite.jobs).toEqual([{ id: 'j1', dry_run: 1, progress_done: 3, triggers: null }]);
    expect(lite.feed).toEqual([{ corporation_id: 'c1', cursor: '42', pending_rev: 0 }]);
    expect(await snapshot(opened.postgres!.database.kysely)).toEqual(lite);
  });
});
