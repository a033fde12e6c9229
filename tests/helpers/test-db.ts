import { join } from 'node:path';
import { inject } from 'vitest';
import { openPostgresEngine, openSqliteEngine, type EngineDatabase } from '../../electron/core/db/connect';
import { createTestDatabase } from './postgres';
import { tempDir } from './temp-dir';

/** Which backend the engine-state suites run on: CONDO_SYNC_TEST_DB=postgres, else SQLite. */
export const testBackend: 'sqlite' | 'postgres' = process.env.CONDO_SYNC_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** The run's cluster URL (tests/helpers/postgres-global.ts); throws the install hint when it could not start. */
export function postgresClusterUrl(): string {
  const provided = inject('postgres');
  if (!provided?.url) throw new Error(`PostgreSQL test cluster unavailable: ${provided?.error ?? 'the vitest globalSetup tests/helpers/postgres-global.ts did not run'}`);
  return provided.url;
}

/**
 * A database of its own for this test file (random name) in the run's cluster.
 * @param opts.icuLocale a collation as a production server would have ('fr-CA'), instead of the cluster's C.
 */
export function freshPostgresDatabase(prefix = 'test', opts: { icuLocale?: string } = {}): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  return createTestDatabase(postgresClusterUrl(), prefix, opts);
}

/**
 * An empty engine database on the given backend (default: CONDO_SYNC_TEST_DB):
 * a SQLite file in a temp dir, or a fresh database in the run's cluster.
 * cleanup() closes it and removes the file or drops the database. `postgres`
 * options: the database's name prefix and collation, the pool's size.
 */
export async function openTestEngine(
  backend: 'sqlite' | 'postgres' = testBackend,
  postgres: { prefix?: string; icuLocale?: string; poolSize?: number } = {},
): Promise<{ database: EngineDatabase; url?: string; cleanup(): Promise<void> }> {
  if (backend === 'sqlite') {
    const dir = tempDir();
    const database = openSqliteEngine(join(dir.path, 'condo-sync.sqlite'));
    return {
      database,
      async cleanup() {
        await database.close();
        dir.cleanup();
      },
    };
  }
  const pgdb = await freshPostgresDatabase(postgres.prefix, { icuLocale: postgres.icuLocale });
  const database = await openPostgresEngine(pgdb.url, { poolSize: postgres.poolSize ?? 4 });
  return {
    database,
    url: pgdb.url,
    async cleanup() {
      await database.close();
      await pgdb.drop();
    },
  };
}
