// Opens a sandbox store: WAL, and a schema version in user_version. A store
// from an older schema holds only generated data, so it is rebuilt, not migrated.
import Database from 'better-sqlite3';

export type Db = Database.Database;

export function openStore(file: string, schemaVersion: number, ddl: string): { db: Db; fresh: boolean } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable enough for a sandbox and keeps writes fast under WAL.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of page cache: the large portfolio's lists and reseeds stay in memory.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === schemaVersion) return { db, fresh: false };
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
  db.transaction(() => {
    for (const name of tables) db.exec(`DROP TABLE IF EXISTS "${name}"`);
    db.exec(ddl);
    db.pragma(`user_version = ${schemaVersion}`);
  })();
  return { db, fresh: true };
}

/** Read and write the small key/value `meta` table every store has. */
export function metaAccess(db: Db): { get(key: string): string | undefined; set(key: string, value: string): void } {
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    get: (key) => get.get(key) as string | undefined,
    set: (key, value) => void set.run(key, value),
  };
}

/**
 * When a store loads the portfolio at start. 'if-empty' (the default) keeps a
 * trainer's edits across restarts; 'if-different' reseeds when the requested
 * seed or size is not what the store holds (for an explicit --sandbox-size);
 * 'always' starts fresh.
 */
export type ReseedPolicy = 'if-empty' | 'if-different' | 'always';

export function shouldSeed(
  meta: { get(key: string): string | undefined },
  opts: { seed: number; size: string; reseed?: ReseedPolicy },
): boolean {
  const seed = meta.get('seed');
  if (seed === undefined || opts.reseed === 'always') return true;
  return opts.reseed === 'if-different' && (seed !== String(opts.seed) || meta.get('size') !== opts.size);
}
