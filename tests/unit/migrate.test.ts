import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { loadMigrations, migrate, MigrationError } from '../../electron/core/db/migrate';
import { defaultMigrationsDir } from '../../electron/core/core';
import { tempDir } from '../helpers/temp-dir';

describe('migration runner', () => {
  let dir: ReturnType<typeof tempDir>;
  let migrations: string;
  let db: Db;

  beforeEach(() => {
    dir = tempDir();
    migrations = join(dir.path, 'migrations');
    mkdirSync(migrations);
    db = openDatabase(join(dir.path, 'test.sqlite'));
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  const write = (file: string, sql: string) => writeFileSync(join(migrations, file), sql);
  const tables = () => (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

  it('applies numbered migrations in order, once each, recording a checksum', () => {
    write('002-add-b.sql', 'CREATE TABLE b (id INTEGER);');
    write('001-add-a.sql', 'CREATE TABLE a (id INTEGER);');
    expect(migrate(db, loadMigrations(migrations)).applied).toEqual([1, 2]);
    expect(migrate(db, loadMigrations(migrations)).applied).toEqual([]);
    expect(tables()).toEqual(expect.arrayContaining(['a', 'b', 'schema_migrations']));
    const rows = db.prepare('SELECT version, name, length(checksum) AS len FROM schema_migrations').all();
    expect(rows).toEqual([
      { version: 1, name: 'add-a', len: 64 },
      { version: 2, name: 'add-b', len: 64 },
    ]);
  });

  it('runs each migration in its own transaction: a failing one leaves nothing half-applied', () => {
    write('001-ok.sql', 'CREATE TABLE a (id INTEGER);');
    write('002-broken.sql', 'CREATE TABLE b (id INTEGER); INSERT INTO missing VALUES (1);');
    expect(() => migrate(db, loadMigrations(migrations))).toThrow(/missing/);
    expect(tables()).toContain('a');
    expect(tables()).not.toContain('b');
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 1 });
  });

  it('fails loudly when an applied migration was edited', () => {
    write('001-add-a.sql', 'CREATE TABLE a (id INTEGER);');
    migrate(db, loadMigrations(migrations));
    write('001-add-a.sql', 'CREATE TABLE a (id INTEGER, extra TEXT);');
    expect(() => migrate(db, loadMigrations(migrations))).toThrow(MigrationError);
    expect(() => migrate(db, loadMigrations(migrations))).toThrow(/001-add-a was edited after it was applied/);
  });

  it('refuses a database migrated by a newer version', () => {
    write('001-add-a.sql', 'CREATE TABLE a (id INTEGER);');
    write('002-add-b.sql', 'CREATE TABLE b (id INTEGER);');
    migrate(db, loadMigrations(migrations));
    const older = loadMigrations(migrations).slice(0, 1);
    expect(() => migrate(db, older)).toThrow(/newer version/);
  });

  it('rejects badly named files and gaps in numbering', () => {
    write('001-a.sql', 'SELECT 1;');
    write('003-c.sql', 'SELECT 1;');
    expect(() => loadMigrations(migrations)).toThrow(/without gaps/);
    write('002_bad name.sql', 'SELECT 1;');
    expect(() => loadMigrations(migrations)).toThrow(/must be named like/);
  });

  it("applies the product's own migrations to a fresh database in WAL mode", () => {
    const { applied } = migrate(db, loadMigrations(defaultMigrationsDir()));
    expect(applied[0]).toBe(1);
    expect(tables()).toEqual(expect.arrayContaining(['units', 'people', 'id_map', 'jobs', 'job_events', 'watermarks', 'schedule_runs']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});
