import Database from 'better-sqlite3';

export type Db = Database.Database;

export interface OpenOptions {
  /**
   * Path to a better_sqlite3.node built for the current runtime. The Electron
   * app passes its own build (Electron's ABI) while tests and the host use the
   * Node build in node_modules, so one checkout serves both without a rebuild.
   */
  nativeBinding?: string;
  readonly?: boolean;
}

export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const nativeBinding = opts.nativeBinding ?? process.env.CONDO_SYNC_SQLITE_BINDING;
  const db = new Database(file, {
    ...(nativeBinding ? { nativeBinding } : {}),
    ...(opts.readonly ? { readonly: true } : {}),
  });
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across an application crash in WAL mode; only an OS
  // crash can lose the last transactions, and the sync re-reads those.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
