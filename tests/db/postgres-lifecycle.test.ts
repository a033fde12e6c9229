import pg from 'pg';
import { sql } from 'kysely';
import { AppError } from '@shared/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsDir } from '../../electron/core/core';
import { openPostgresEngine, ping } from '../../electron/core/db/connect';
import { MigrationError } from '../../electron/core/db/migrate';
import { openPostgresStore } from '../../electron/core/db/open-store';
import { memoryLogger } from '../helpers/memory-logger';
import { freshPostgresDatabase } from '../helpers/test-db';

/** Runs one statement on a connection of its own (the DBA's psql, in real life). */
async function asAdmin<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL connections over an engine’s life', () => {
  let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  beforeAll(async () => {
    db = await freshPostgresDatabase('life');
  });
  afterAll(async () => {
    await db?.drop();
  });
  const ours = async () =>
    Number((await asAdmin<{ n: string }>(db.url, `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = '${db.name}' AND application_name = 'condo-sync'`))[0]!.n);

  it('a server that drops idle connections (a restart, a DBA) is reported as a warning, not a crash, and the next query reconnects', async () => {
    const dropped: AppError[] = [];
    const database = await openPostgresEngine(db.url, { poolSize: 2, onIdleError: (err) => dropped.push(err) });
    try {
      await ping(database);
      await asAdmin(db.url, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${db.name}' AND application_name = 'condo-sync'`);
      await expect.poll(() => dropped.length, { timeout: 5_000 }).toBeGreaterThan(0);
      expect(dropped[0]).toBeInstanceOf(AppError);
      await ping(database);
      const { rows } = await sql<{ n: number }>`SELECT 41 + 1 AS n`.execute(database.kysely);
      expect(rows).toEqual([{ n: 42 }]);
    } finally {
      await database.close();
    }
  });

  it('close() hands every connection back to the server', async () => {
    const database = await openPostgresEngine(db.url, { poolSize: 3 });
    await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.05)`.execute(database.kysely)));
    expect(await ours()).toBeGreaterThan(0);
    await database.close();
    await expect.poll(ours, { timeout: 5_000 }).toBe(0);
  });

  it('a database a newer version migrated: typed refusal, and the pool is closed again (nothing left half-open)', async () => {
    const log = memoryLogger();
    const first = await openPostgresStore(db.url, { migrationsDir: defaultMigrationsDir(), log });
    await first.close();
    await asAdmin(db.url, `INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (999, 'from-the-future', 'x', '2030-01-01T00:00:00.000Z')`);
    const err = await openPostgresStore(db.url, { migrationsDir: defaultMigrationsDir(), log }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect(err).toMatchObject({ code: 'conflict' });
    expect((err as Error).message).toMatch(/newer version/);
    await expect.poll(ours, { timeout: 5_000 }).toBe(0);
  });
});
