import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEngine, type EngineDatabase } from '../../electron/core/db/connect';

interface T {
  items: { id: number; label: string; batch: number };
}

/**
 * The SQLite store keeps prepared statements: 256 short ones (the
 * per-record queries of the ledger and the runner) and the 8 multi-row
 * batches used last (db/kysely.ts). Whatever the caches keep or drop, every
 * query answers from its own statement: many more distinct queries than
 * they hold, batches of every size (more long ones than are kept, and one
 * of them again after it was dropped), a hot query between them.
 */
describe('SQLite prepared statements under Kysely', () => {
  let dir: string;
  let db: EngineDatabase<T>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'condo-sync-stmt-'));
    db = openSqliteEngine<T>(join(dir, 'store.sqlite'));
    await sql`CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT NOT NULL, batch INTEGER NOT NULL)`.execute(db.kysely);
  });
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes batches of every size, long and short SQL, each row once and as given', async () => {
    let next = 1;
    // Short SQL up to ~180 rows of 3 columns; 10 distinct long sizes beyond, then the first long one again.
    for (const size of [1, 2, 3, 40, 75, 120, 1, 40, 186, 190, 199, 200, 210, 250, 260, 300, 320, 400, 200, 186, 400, 3]) {
      const rows = Array.from({ length: size }, () => ({ id: next, label: `Pâquerette ’${next++}`, batch: size }));
      await db.kysely.insertInto('items').values(rows).execute();
    }
    const all = await db.kysely.selectFrom('items').selectAll().orderBy('id').execute();
    expect(all).toHaveLength(next - 1);
    expect(all.map((r) => r.id)).toEqual(Array.from({ length: next - 1 }, (_, i) => i + 1));
    expect(all.every((r) => r.label === `Pâquerette ’${r.id}`)).toBe(true);
  });

  it('answers a hot query correctly while more distinct queries than the cache holds come and go', async () => {
    const count = async () => Number((await db.kysely.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const total = await count();
    for (let i = 0; i < 600; i++) {
      // A distinct text each time (the alias), so each is a new statement.
      const row = await db.kysely
        .selectFrom('items')
        .select(sql<string>`label`.as(`label_${i}`))
        .where('id', '=', (i % total) + 1)
        .executeTakeFirstOrThrow();
      expect((row as Record<string, string>)[`label_${i}`]).toBe(`Pâquerette ’${(i % total) + 1}`);
      if (i % 50 === 0) expect(await count()).toBe(total);
    }
    expect(await count()).toBe(total);
  });
});
