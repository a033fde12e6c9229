import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../electron/core/core';
import { openPostgresEngine, type EngineDatabase } from '../../electron/core/db/connect';
import { loadMigrations, MigrationError } from '../../electron/core/db/migrate';
import { assertSameSteps, migrateEngine, migratePostgres, postgresMigrationsDir } from '../../electron/core/db/migrate-postgres';
import { tempDir } from '../helpers/temp-dir';
import { openTestEngine } from '../helpers/test-db';

type Opened = Awaited<ReturnType<typeof openTestEngine>>;

/** Columns per table as `name:type-class:null|notnull`, comparable across backends. */
async function shape(database: EngineDatabase): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const typeClass = (t: string) => (/int/i.test(t) ? 'integer' : /text|char/i.test(t) ? 'text' : t.toLowerCase());
  if (database.dialect === 'sqlite') {
    const db = database.sqlite!;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    for (const t of tables) {
      const cols = db.prepare(`PRAGMA table_info(${t})`).all() as { name: string; type: string; notnull: number; pk: number }[];
      out[t] = cols.map((c) => `${c.name}:${typeClass(c.type)}:${c.notnull || c.pk ? 'notnull' : 'null'}`).sort();
    }
    return out;
  }
  const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>`
    SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name`.execute(database.kysely);
  for (const r of rows) (out[r.table_name] ??= []).push(`${r.column_name}:${typeClass(r.data_type)}:${r.is_nullable === 'YES' ? 'null' : 'notnull'}`);
  for (const t of Object.keys(out)) out[t]!.sort();
  return out;
}

async function indexes(database: EngineDatabase): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    return database.sqlite!.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  }
  // Named indexes only: those behind PRIMARY KEY and UNIQUE are SQLite's unnamed sqlite_autoindex_*.
  const { rows } = await sql<{ indexname: string }>`SELECT indexname FROM pg_indexes i WHERE schemaname = 'public'
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY indexname`.execute(database.kysely);
  return rows.map((r) => r.indexname);
}

describe("the product's migrations on both backends", () => {
  const opened: Record<'sqlite' | 'postgres', Opened | undefined> = { sqlite: undefined, postgres: undefined };
  beforeAll(async () => {
    opened.sqlite = await openTestEngine('sqlite');
    opened.postgres = await openTestEngine('postgres');
  });
  afterAll(async () => {
    await opened.sqlite?.cleanup();
    await opened.postgres?.cleanup();
  });

  it('PostgreSQL has a version of every SQLite migration, under the same number and name', () => {
    expect(() => assertSameSteps(loadMigrations(defaultMigrationsDir()), loadMigrations(postgresMigrationsDir(defaultMigrationsDir())))).not.toThrow();
  });

  it('migrate from empty on each, then a second run is a no-op', async () => {
    const all = loadMigrations(defaultMigrationsDir()).map((m) => m.version);
    for (const backend of ['sqlite', 'postgres'] as const) {
      const { database } = opened[backend]!;
      expect((await migrateEngine(database, defaultMigrationsDir())).applied, backend).toEqual(all);
      expect((await migrateEngine(database, defaultMigrationsDir())).applied, backend).toEqual([]);
    }
  });

  it('gives both backends the same tables, columns, nullability and indexes', async () => {
    const lite = opened.sqlite!.database;
    const pg = opened.postgres!.database;
    expect(await shape(pg)).toEqual(await shape(lite));
    expect(await indexes(pg)).toEqual(await indexes(lite));
  });

  it('stores and returns the same values on both: 64-bit integers as numbers, Unicode text byte for byte, byte-order sorting', async () => {
    const nfd = 'Ame\u0301lie O’Brien'; // decomposed é and a typographic apostrophe
    const names = ['émile', 'Zoë', 'adam', 'Émile', nfd];
    for (const backend of ['sqlite', 'postgres'] as const) {
      const k = opened[backend]!.database.kysely;
      await sql`INSERT INTO corporations (id, code, legal_name, timezone, updated_at) VALUES ('c1', 'TSCC 2750', 'Tour Côté', 'America/Toronto', '2026-11-30T12:00:00.000Z')`.execute(k);
      for (const [i, name] of names.entries()) {
        await sql`INSERT INTO people (id, corporation_id, role, first_name, status, updated_at) VALUES (${`p${i}`}, 'c1', 'owner', ${name}, 'Active', '2026-11-30T12:00:00.000Z')`.execute(k);
      }
      await sql`INSERT INTO invoices (id, corporation_id, account_id, unit_id, number, date, kind, total_cents, status, updated_at)
        VALUES ('i1', 'c1', 'a1', 'u1', 'INV-1', '2026-11-30', 'fee', ${2 ** 40}, 'open', '2026-11-30T12:00:00.000Z')`.execute(k);
    }
    const read = async (backend: 'sqlite' | 'postgres') => {
      const k = opened[backend]!.database.kysely;
      const people = await sql<{ first_name: string; lowered: string }>`SELECT first_name, lower(first_name) AS lowered FROM people ORDER BY first_name`.execute(k);
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM people`.execute(k);
      const cents = await sql<{ total_cents: number }>`SELECT total_cents FROM invoices`.execute(k);
      return { people: people.rows, count: count.rows[0]!.n, cents: cents.rows[0]!.total_cents };
    };
    const lite = await read('sqlite');
    expect(lite.count).toBe(5);
    expect(lite.cents).toBe(2 ** 40);
    expect(lite.people.map((p) => p.first_name)).toContain(nfd);
    expect(await read('postgres')).toEqual(lite);
  });
});

describe('PostgreSQL migration runner', () => {
  let dir: ReturnType<typeof tempDir>;
  let opened: Opened;
  let migrations: string;
  const write = (file: string, text: string) => writeFileSync(join(migrations, file), text);

  beforeEach(async () => {
    dir = tempDir();
    migrations = join(dir.path, 'migrations');
    mkdirSync(migrations);
    opened = await openTestEngine('postgres');
  });
  afterEach(async () => {
    await opened.cleanup();
    dir.cleanup();
  });
  const tables = async () =>
    (await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(opened.database.kysely)).rows.map((r) => r.tablename);

  it('refuses an applied migration that was edited, with a typed conflict naming it', async () => {
    write('001-add-a.sql', 'CREATE TABLE a (id INTEGER);');
    await migratePostgres(opened.database.kysely, loadMigrations(migrations));
    write('001-add-a.sql', 'CREATE TABLE a (id INTEGER, extra TEXT);');
    const err = await migratePostgres(opened.database.kysely, loadMigrations(migrations)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err).toMatchObject({ code: 'conflict', details: { version: 1 } });
    expect((err as Error).message).toMatch(/001-add-a was edited after it was applied/);
  });

  it('refuses a database migrated by a newer version', async () => {
    write('001-add-a.sql', 'CREATE TABLE a (id INTEGER);');
    write('002-add-b.sql', 'CREATE TABLE b (id INTEGER);');
    await migratePostgres(opened.database.kysely, loadMigrations(migrations));
    await expect(migratePostgres(opened.database.kysely, loadMigrations(migrations).slice(0, 1))).rejects.toThrow(/newer version/);
  });

  it('runs each migration in its own transaction: a failing one leaves nothing half-applied', async () => {
    write('001-ok.sql', 'CREATE TABLE a (id INTEGER);');
    write('002-broken.sql', 'CREATE TABLE b (id INTEGER); INSERT INTO missing VALUES (1);');
    await expect(migratePostgres(opened.database.kysely, loadMigrations(migrations))).rejects.toThrow(/missing/);
    expect(await tables()).toEqual(['a', 'schema_migrations']);
    const { rows } = await sql<{ v: number }>`SELECT max(version) AS v FROM schema_migrations`.execute(opened.database.kysely);
    expect(rows[0]!.v).toBe(1);
  });

  it('two engines starting together migrate once: each step is applied by exactly one of them', async () => {
    // A slow step holds the lock long enough that both runners are inside at once.
    write('001-slow.sql', 'SELECT pg_sleep(0.3); CREATE TABLE a (id INTEGER);');
    write('002-count.sql', 'CREATE TABLE runs (n INTEGER); INSERT INTO runs VALUES (1);');
    const other = await openPostgresEngine(opened.url!, { poolSize: 2 });
    try {
      const [one, two] = await Promise.all([
        migratePostgres(opened.database.kysely, loadMigrations(migrations)),
        migratePostgres(other.kysely, loadMigrations(migrations)),
      ]);
      expect([...one.applied, ...two.applied].sort()).toEqual([1, 2]);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM runs`.execute(opened.database.kysely);
      expect(rows[0]!.n).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('refuses to run when the PostgreSQL set does not match the SQLite one', async () => {
    write('001-a.sql', 'SELECT 1;');
    write('002-b.sql', 'SELECT 1;');
    mkdirSync(join(migrations, 'postgres'));
    writeFileSync(join(migrations, 'postgres', '001-a.sql'), 'SELECT 1;');
    await expect(migrateEngine(opened.database, migrations)).rejects.toThrow(/missing in postgres\/: 002-b/);
  });
});
