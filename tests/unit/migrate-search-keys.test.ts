// Migration 005 (issue 9): people and units cached before search keys existed
// get their folded keys at start, so the Unit File finds them as people read them.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../electron/core/db/database';
import { loadMigrations, migrate } from '../../electron/core/db/migrate';
import { defaultMigrationsDir } from '../../electron/core/core';
import { backfillSearchKeys } from '../../electron/core/sync/cache';
import { sqliteKysely } from '../../electron/core/db/kysely';
import { tempDir } from '../helpers/temp-dir';

describe('migration 005: search keys', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  const all = loadMigrations(defaultMigrationsDir());
  const version = all.find((m) => m.name === 'search-keys')!.version;

  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'test.sqlite'));
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  it('migrates rows written before it, and the start-up backfill folds their keys', async () => {
    migrate(db, all.filter((m) => m.version < version));
    db.prepare("INSERT INTO corporations (id, code, legal_name, timezone, updated_at) VALUES ('c', 'TSCC 1', 'X', 'America/Toronto', 'now')").run();
    db.prepare("INSERT INTO units (id, corporation_id, number, kind, occupancy, updated_at) VALUES ('u', 'c', 'PH-2', 'residential', 'Rental', 'now')").run();
    db.prepare(
      "INSERT INTO people (id, corporation_id, role, first_name, last_name, email, status, updated_at) VALUES ('p', 'c', 'owner', ?, 'O’Brien', 'Élo@Example.ca', 'Active', 'now')",
    ).run('Élodie'.normalize('NFD'));
    db.prepare("INSERT INTO jobs (id, kind, trigger, status, created_at) VALUES ('j', 'residents', 'initial', 'succeeded', 'now')").run();
    migrate(db, all);
    expect(await backfillSearchKeys(sqliteKysely(db))).toBe(2);
    expect(db.prepare("SELECT search_key FROM people WHERE id = 'p'").pluck().get()).toBe("elodie o'brien\nelo@example.ca");
    expect(db.prepare("SELECT search_key FROM units WHERE id = 'u'").pluck().get()).toBe('ph-2');
    // A job from before keeps its one reason.
    expect(db.prepare("SELECT triggers FROM jobs WHERE id = 'j'").pluck().get()).toBeNull();
    expect(await backfillSearchKeys(sqliteKysely(db))).toBe(0);
  });
});
