import { join } from 'node:path';
import { sql } from 'kysely';
import { AppError } from '@shared/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseDatabase, openPostgresEngine, openPostgresPool, openSqliteEngine, ping } from '../../electron/core/db/connect';
import { parsePostgresUrl, redactPostgresUrl } from '../../electron/core/db/postgres-url';
import { withDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/temp-dir';
import { freshPostgresDatabase, postgresClusterUrl } from '../helpers/test-db';
import { freePort } from '../helpers/free-port';

const SECRET = 'Sup3r-s3cret-Pa55';

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const app = err as AppError;
  // Neither the message nor the details may carry the password.
  expect(JSON.stringify({ m: app.message, d: app.details })).not.toContain(SECRET);
  return app;
}

describe('SQLite engine database', () => {
  it('puts Kysely over the same better-sqlite3 handle, with the usual pragmas, and closes once', async () => {
    const dir = tempDir();
    try {
      const database = openSqliteEngine(join(dir.path, 'condo-sync.sqlite'));
      expect(database.dialect).toBe('sqlite');
      expect(database.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.sqlite!.pragma('foreign_keys', { simple: true })).toBe(1);
      database.sqlite!.exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('written by the old code')");
      const { rows } = await sql<{ v: string }>`SELECT v FROM t`.execute(database.kysely);
      expect(rows).toEqual([{ v: 'written by the old code' }]);
      await database.close();
      await database.close();
      expect(database.sqlite!.open).toBe(false);
    } finally {
      dir.cleanup();
    }
  });

  it('closes the file even when Kysely never ran a query', async () => {
    const dir = tempDir();
    try {
      const database = openSqliteEngine(join(dir.path, 'condo-sync.sqlite'));
      await database.close();
      expect(database.sqlite!.open).toBe(false);
    } finally {
      dir.cleanup();
    }
  });
});

describe('PostgreSQL engine database', () => {
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  beforeAll(async () => {
    db = await freshPostgresDatabase('connect');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('connects through a pool and returns int8 (count, BIGINT) as numbers', async () => {
    const database = await openPostgresEngine(db.url, { poolSize: 3 });
    try {
      expect(database.dialect).toBe('postgres');
      expect(database.sqlite).toBeUndefined();
      await ping(database);
      const { rows } = await sql<{ n: number; big: number }>`SELECT count(*) AS n, ${2 ** 50}::bigint AS big FROM generate_series(1, 7)`.execute(database.kysely);
      expect(rows).toEqual([{ n: 7, big: 2 ** 50 }]);
      // A BIGINT past 2^53 would be rounded: refused instead.
      await expect(sql`SELECT 9007199254740993::bigint AS big`.execute(database.kysely)).rejects.toThrow(/does not fit/);
    } finally {
      await database.close();
      await database.close();
    }
  });

  it("a driver pool for graphile-worker keeps pg's own int8 strings, with the same typed connect errors", async () => {
    const pool = await openPostgresPool(db.url, { poolSize: 2, applicationName: 'condo-sync-queue' });
    try {
      const { rows } = await pool.query<{ id: string }>('SELECT 9007199254740993::bigint AS id');
      expect(rows).toEqual([{ id: '9007199254740993' }]);
    } finally {
      await pool.end();
    }
    const port = await freePort();
    const err = await failure(openPostgresPool(`postgres://condo:${SECRET}@127.0.0.1:${port}/condo`, { connectTimeoutMs: 2_000 }));
    expect(err.code).toBe('unavailable');
  });

  it('never holds more connections than its pool size', async () => {
    const database = await openPostgresEngine(db.url, { poolSize: 2 });
    try {
      await Promise.all(Array.from({ length: 6 }, () => sql`SELECT pg_sleep(0.05)`.execute(database.kysely)));
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = ${db.name} AND application_name = 'condo-sync'`.execute(
        database.kysely,
      );
      expect(rows[0]!.n).toBeLessThanOrEqual(2);
    } finally {
      await database.close();
    }
  });

  it('a server that is not listening: typed unavailable naming host and port, not the password', async () => {
    const port = await freePort();
    const err = await failure(openPostgresEngine(`postgres://condo:${SECRET}@127.0.0.1:${port}/condo`, { connectTimeoutMs: 2_000 }));
    expect(err.code).toBe('unavailable');
    expect(err.message).toContain(`127.0.0.1:${port}`);
    expect(err.details).toMatchObject({ database: `condo@127.0.0.1:${port}/condo`, reason: 'ECONNREFUSED' });
  });

  it('a database that does not exist: typed not_found saying how to create it', async () => {
    const url = new URL(withDatabase(postgresClusterUrl(), 'no_such_db'));
    url.password = SECRET;
    const err = await failure(openPostgresEngine(url.toString()));
    expect(err.code).toBe('not_found');
    expect(err.message).toMatch(/no database "no_such_db".*createdb no_such_db/);
  });

  it('a host name that does not resolve: typed unavailable', async () => {
    const err = await failure(openPostgresEngine(`postgres://condo:${SECRET}@no-such-host.invalid:5432/condo`, { connectTimeoutMs: 5_000 }));
    expect(err.code).toBe('unavailable');
    expect(err.message).toMatch(/could not be found/);
  });

  it('a malformed URL: typed invalid_input that does not echo it', async () => {
    for (const bad of [`mysql://root:${SECRET}@db/condo`, `postgres://:${SECRET}@/condo`, `not a url ${SECRET}`, `postgres://u:${SECRET}@db:99999/condo`]) {
      const err = await failure(openPostgresEngine(bad));
      expect(err.code, bad.replace(SECRET, '…')).toBe('invalid_input');
      expect(err.details).toEqual({ field: 'database' });
    }
  });
});

describe('choosing the backend', () => {
  const file = '/data/condo-sync.sqlite';
  it('--database wins over CONDO_SYNC_DATABASE_URL; with neither, the SQLite file in the data dir', () => {
    const env = { CONDO_SYNC_DATABASE_URL: 'postgres://env@db-env/condo' };
    expect(chooseDatabase({ flag: 'postgres://flag@db-flag/condo', env, sqliteFile: file })).toEqual({ kind: 'postgres', url: 'postgres://flag@db-flag/condo' });
    expect(chooseDatabase({ env, sqliteFile: file })).toEqual({ kind: 'postgres', url: 'postgres://env@db-env/condo' });
    expect(chooseDatabase({ env: {}, sqliteFile: file })).toEqual({ kind: 'sqlite', file });
    expect(chooseDatabase({ flag: '  ', env: { CONDO_SYNC_DATABASE_URL: '' }, sqliteFile: file })).toEqual({ kind: 'sqlite', file });
  });

  it('refuses anything but a PostgreSQL URL before connecting', () => {
    expect(() => chooseDatabase({ flag: 'sqlite:///tmp/x.db', env: {}, sqliteFile: file })).toThrow(/instead of postgres:\/\//);
  });

  it('labels and redacted URLs never carry the password; user names with accents survive', () => {
    const t = parsePostgresUrl(`postgresql://g%C3%A9rance:${SECRET}@db.office.example:6543/condo_sync?sslmode=require`);
    expect(t).toMatchObject({ host: 'db.office.example', port: 6543, user: 'gérance', database: 'condo_sync', label: 'gérance@db.office.example:6543/condo_sync' });
    expect(redactPostgresUrl(t.url)).not.toContain(SECRET);
    expect(redactPostgresUrl(t.url)).toContain('db.office.example:6543/condo_sync');
  });
});
