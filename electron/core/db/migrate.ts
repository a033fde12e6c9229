import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@shared/errors';
import type { Db } from './database';
import type { SchemaMigrationsTable } from './schema';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/**
 * The schema cannot be brought to this version safely: an applied migration
 * was edited, the database is newer than the app, or the files are misnamed.
 * A typed `conflict` so adapters and the CLI report it like any other error.
 */
export class MigrationError extends AppError {
  constructor(message: string, details?: { version?: number; file?: string }) {
    super('conflict', message, details);
    this.name = 'MigrationError';
  }
}

const FILE = /^(\d{3,})-([a-z0-9-]+)\.sql$/;

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/** Reads numbered migrations (`001-initial.sql`, …) from a folder, in order. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const match = FILE.exec(file);
      if (!match) throw new MigrationError(`Migration file "${file}" must be named like 001-description.sql.`, { file });
      const sql = readFileSync(join(dir, file), 'utf8');
      return { version: Number(match[1]), name: match[2]!, sql, checksum: checksumOf(sql) };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`Migrations must be numbered 1, 2, 3… without gaps; found ${m.version} at position ${i + 1}.`, { version: m.version });
  });
  return migrations;
}

/** What schema_migrations recorded of one applied migration. */
export type AppliedRow = Pick<SchemaMigrationsTable, 'version' | 'name' | 'checksum'>;

/**
 * Compares what the database recorded with the files this version ships.
 * @returns the versions already applied.
 * @throws MigrationError when one was edited after it was applied, or the database is newer.
 */
export function checkApplied(rows: AppliedRow[], migrations: Migration[]): Set<number> {
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const row of rows) {
    const m = known.get(row.version);
    if (!m) {
      throw new MigrationError(
        `The database has migration ${row.version} (${row.name}) that this version of Condo Sync does not know. It was opened by a newer version; update Condo Sync.`,
        { version: row.version },
      );
    }
    if (m.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${String(row.version).padStart(3, '0')}-${row.name} was edited after it was applied (checksum mismatch). Add a new migration instead of editing an applied one.`,
        { version: row.version },
      );
    }
  }
  return new Set(rows.map((r) => r.version));
}

/**
 * Applies pending migrations, each in its own transaction, and refuses to run
 * when an applied migration was edited or the database is newer than the app:
 * silently diverging schemas are how caches get corrupted.
 */
export function migrate(db: Db, migrations: Migration[]): { applied: number[] } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const rows = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
  const done = checkApplied(rows, migrations);
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      insert.run(m.version, m.name, m.checksum, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return { applied };
}
