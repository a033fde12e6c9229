import pg from 'pg';
import { AppError } from '@shared/errors';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../electron/core/core';
import { loadMigrations } from '../../electron/core/db/migrate';
import { silentLogger } from '../../electron/core/log';
import { readLock } from '../../electron/runtime/lock';
import { main } from '../../electron/host/cli';
import { startHost } from '../../electron/host/server';
import { tempDir } from '../helpers/temp-dir';
import { freshPostgresDatabase } from '../helpers/test-db';
import { freePort } from '../helpers/free-port';

const SECRET = 'n0t-in-any-0utput';

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => {
      throw new Error('expected startHost to refuse');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('serve --database / CONDO_SYNC_DATABASE_URL', () => {
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    db = await freshPostgresDatabase('serve');
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  const migratedVersions = async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    } catch {
      return [];
    } finally {
      await client.end();
    }
  };

  it('connects and migrates the PostgreSQL database, then says plainly that running on it is not built yet', async () => {
    const err = await rejection(startHost({ dataDir: dir.path, database: db.url, env: {}, logger: silentLogger }));
    expect(err.code).toBe('not_implemented');
    expect(err.message).toMatch(/cannot keep its state in PostgreSQL yet/);
    expect(await migratedVersions()).toEqual(loadMigrations(defaultMigrationsDir()).map((m) => m.version));
    // Nothing half-started: the data dir is free again.
    expect(readLock(dir.path)).toBeUndefined();
  });

  it('takes the URL from CONDO_SYNC_DATABASE_URL when --database is absent', async () => {
    const err = await rejection(startHost({ dataDir: dir.path, env: { CONDO_SYNC_DATABASE_URL: db.url }, logger: silentLogger }));
    expect(err.code).toBe('not_implemented');
    expect(err.details).toEqual({ database: expect.stringMatching(/^postgres@127\.0\.0\.1:\d+\/serve_/) });
  });

  it('a server that does not answer: typed unavailable, data dir released, no password anywhere', async () => {
    const port = await freePort();
    const err = await rejection(startHost({ dataDir: dir.path, database: `postgres://condo:${SECRET}@127.0.0.1:${port}/condo`, env: {}, logger: silentLogger }));
    expect(err.code).toBe('unavailable');
    expect(JSON.stringify({ m: err.message, d: err.details })).not.toContain(SECRET);
    expect(readLock(dir.path)).toBeUndefined();
  });

  it('the CLI refuses a URL that is not PostgreSQL with exit code 2, without echoing the password', async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (msg: string) => errors.push(msg);
    try {
      expect(await main(['serve', '--no-build', '--data-dir', dir.path, '--database', `mysql://root:${SECRET}@db/condo`])).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/not a usable PostgreSQL URL/);
    expect(errors.join('\n')).not.toContain(SECRET);
  });
});
