import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { EngineDatabase } from './connect';
import { checkApplied, loadMigrations, migrate, MigrationError, type AppliedRow, type Migration } from './migrate';

/**
 * Key of the advisory lock that serialises migrators on one PostgreSQL
 * database. Any constant works as long as nothing else in the database uses it.
 */
export const MIGRATION_LOCK_KEY = 7_263_524_581;

/** PostgreSQL's migrations sit beside SQLite's, under the same numbers and names. */
export function postgresMigrationsDir(dir: string): string {
  return join(dir, 'postgres');
}

/**
 * Applies pending PostgreSQL migrations, one transaction each. Every
 * transaction first takes pg_advisory_xact_lock and re-reads what is applied,
 * so engines that start together migrate once: the others wait, then find
 * nothing left to do. A failing migration rolls back whole (PostgreSQL DDL is
 * transactional) and the ones before it stay applied.
 * @throws MigrationError (typed `conflict`) for an edited or unknown applied migration.
 */
export async function migratePostgres<DB>(kysely: Kysely<DB>, migrations: Migration[]): Promise<{ applied: number[] }> {
  const applied: number[] = [];
  for (;;) {
    const version = await kysely.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        checksum TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )`.execute(trx);
      const { rows } = await sql<AppliedRow>`SELECT version, name, checksum FROM schema_migrations ORDER BY version`.execute(trx);
      const done = checkApplied(rows, migrations);
      const next = migrations.find((m) => !done.has(m.version));
      if (!next) return undefined;
      // Without parameters pg uses the simple protocol, which runs a file of several statements.
      await sql.raw(next.sql).execute(trx);
      await sql`INSERT INTO schema_migrations (version, name, checksum, applied_at)
        VALUES (${next.version}, ${next.name}, ${next.checksum}, ${new Date().toISOString()})`.execute(trx);
      return next.version;
    });
    if (version === undefined) return { applied };
    applied.push(version);
  }
}

/**
 * Brings either backend's schema up to date from the product's migrations
 * folder (SQLite files at its top, PostgreSQL's in postgres/).
 * @throws MigrationError when the two sets disagree or an applied one changed.
 */
export async function migrateEngine(database: EngineDatabase, dir: string): Promise<{ applied: number[] }> {
  if (database.dialect === 'sqlite') return migrate(database.sqlite!, loadMigrations(dir));
  const pgMigrations = loadMigrations(postgresMigrationsDir(dir));
  assertSameSteps(loadMigrations(dir), pgMigrations);
  return migratePostgres(database.kysely, pgMigrations);
}

/** Both backends must walk the same steps, so a version number means one schema everywhere. */
export function assertSameSteps(sqlite: Migration[], postgres: Migration[]): void {
  const name = (m: Migration) => `${String(m.version).padStart(3, '0')}-${m.name}`;
  const a = sqlite.map(name);
  const b = postgres.map(name);
  const missing = a.filter((n) => !b.includes(n));
  const extra = b.filter((n) => !a.includes(n));
  if (missing.length || extra.length) {
    throw new MigrationError(
      `The PostgreSQL migrations do not match the SQLite ones${missing.length ? `; missing in postgres/: ${missing.join(', ')}` : ''}${extra.length ? `; only in postgres/: ${extra.join(', ')}` : ''}.`,
    );
  }
}
