import type { Logger } from '../log';
import { openPostgresEngine, type EngineDatabase, type PostgresOptions } from './connect';
import { migrateEngine } from './migrate-postgres';
import { parsePostgresUrl } from './postgres-url';

/**
 * Opens the PostgreSQL store named by `url` and brings its schema up to date
 * (several engines may do this at once: the migrator serialises them).
 * Closes the pool again when migrating fails.
 * @throws AppError from connecting (see openPostgresEngine), MigrationError from migrating.
 */
export async function openPostgresStore(url: string, opts: { migrationsDir: string; log: Logger; postgres?: PostgresOptions }): Promise<EngineDatabase> {
  const { label } = parsePostgresUrl(url);
  const database = await openPostgresEngine(url, {
    onIdleError: (err) => opts.log.warn('database connection dropped; the pool reconnects', { database: label, code: err.code }),
    ...opts.postgres,
  });
  try {
    const { applied } = await migrateEngine(database, opts.migrationsDir);
    opts.log.info('database ready', { backend: 'postgres', database: database.label, ...(applied.length ? { applied } : {}) });
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}
