import { Kysely, PostgresDialect, sql } from 'kysely';
// pg is loaded when a PostgreSQL engine opens: the desktop app on SQLite never pays for it.
import type pg from 'pg';
import type { AppError } from '@shared/errors';
import { openDatabase, type Db, type OpenOptions } from './database';
import { sqliteHandleDialect } from './kysely';
import { connectError, parsePostgresUrl, type PostgresTarget } from './postgres-url';

export type Dialect = 'sqlite' | 'postgres';

/**
 * The engine's state store: one Kysely instance whichever backend holds it.
 * `DB` is the table types (electron/core/db/schema.ts).
 */
export interface EngineDatabase<DB = unknown> {
  readonly dialect: Dialect;
  readonly kysely: Kysely<DB>;
  /**
   * The better-sqlite3 handle under `kysely` (SQLite only), for the code that
   * still runs its own SQL until it moves into repositories.
   */
  readonly sqlite?: Db;
  /** Where the state lives, safe to log: the file path, or user@host:port/db (never a password). */
  readonly label: string;
  /**
   * PostgreSQL only: opens another pool on the same database with the
   * driver's defaults (int8 as strings, which graphile-worker expects), for
   * what engines share there (cluster/). The caller ends it.
   */
  readonly sidePool?: (opts: { size: number; applicationName: string; onIdleError?: (err: AppError) => void }) => pg.Pool;
  /** Closes the pool or the file; idempotent. */
  close(): Promise<void>;
}

export interface PostgresOptions {
  /** Connections in the pool (default 10). Each engine holds at most this many. */
  poolSize?: number;
  /** How long to wait for a connection, in ms (default 10 000). */
  connectTimeoutMs?: number;
  /** Told about errors on idle pooled connections (a server restart); the pool replaces them. */
  onIdleError?: (err: AppError) => void;
}

/**
 * SQLite in one file with the usual pragmas (WAL, foreign keys…). Kysely runs
 * over the same better-sqlite3 handle the older code uses, so both see one
 * connection and one transaction state. Use this one Kysely for the handle:
 * a second would have its own mutex, and its transactions could interleave.
 */
export function openSqliteEngine<DB = unknown>(file: string, opts: OpenOptions = {}): EngineDatabase<DB> {
  const handle = openDatabase(file, opts);
  const kysely = new Kysely<DB>({ dialect: sqliteHandleDialect(handle) });
  let closed = false;
  return {
    dialect: 'sqlite',
    kysely,
    sqlite: handle,
    label: file,
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
      // destroy() closes the handle only if Kysely ever used it.
      handle.close();
    },
  };
}

// pg returns int8 (count(*), BIGINT columns, identities) as strings, because
// they can exceed 2^53. Ours are cents and counters: give numbers, as SQLite does,
// and refuse rather than round one that does not fit.
const INT8 = 20;
function parseInt8(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`A BIGINT value (${value.length} digits) does not fit a JavaScript number.`);
  return n;
}
const typesOf = (lib: typeof pg) => ({
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary' ? parseInt8 : lib.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
});

/**
 * A pg pool for `url`, connected once before it is returned, so a wrong URL,
 * a stopped server or a refused password fails here with a typed error.
 * The engine's store uses it through Kysely (with `numbers`); graphile-worker
 * and LISTEN/NOTIFY take one of their own with the driver's defaults (int8 as
 * strings, which graphile-worker expects). The caller ends it.
 * @throws AppError invalid_input (URL), unavailable | timeout (server), unauthorized (credentials), not_found (database).
 */
export async function openPostgresPool(url: string, opts: PostgresOptions & { numbers?: boolean; applicationName?: string } = {}): Promise<pg.Pool> {
  const target = parsePostgresUrl(url);
  const { default: lib } = await import('pg');
  const pool = newPool(lib, target, opts);
  await probe(pool, target);
  return pool;
}

/** A pool, not yet connected (pg connects on first use). */
function newPool(lib: typeof pg, target: PostgresTarget, opts: PostgresOptions & { numbers?: boolean; applicationName?: string }): pg.Pool {
  const pool = new lib.Pool({
    connectionString: target.url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    application_name: opts.applicationName ?? 'condo-sync',
    // An office server's engine keeps connections for days: TCP keepalive
    // notices a connection a firewall dropped instead of hanging on it.
    keepAlive: true,
    ...(opts.numbers ? { types: typesOf(lib) } : {}),
  });
  // Without a listener, an idle connection dropped by the server crashes the process.
  pool.on('error', (err) => opts.onIdleError?.(connectError(target, err)));
  // Nor may one that is checked out between two queries (a transaction, a
  // worker between polls) when the network drops it: pg-pool listens only to
  // idle ones. Its next query fails instead, and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * PostgreSQL behind a pg pool (openPostgresPool), with BIGINT and count(*)
 * read as numbers as SQLite gives them.
 * @throws AppError as openPostgresPool.
 */
export async function openPostgresEngine<DB = unknown>(url: string, opts: PostgresOptions = {}): Promise<EngineDatabase<DB>> {
  const pool = await openPostgresPool(url, { ...opts, numbers: true });
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  // Loaded already by openPostgresPool: the side pools open synchronously.
  const { default: lib } = await import('pg');
  const target = parsePostgresUrl(url);
  let closed = false;
  return {
    dialect: 'postgres',
    kysely,
    label: target.label,
    sidePool: (side) => newPool(lib, target, { ...opts, poolSize: side.size, applicationName: side.applicationName, ...(side.onIdleError ? { onIdleError: side.onIdleError } : {}) }),
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
    },
  };
}

async function probe(pool: pg.Pool, target: PostgresTarget): Promise<void> {
  try {
    const client = await pool.connect();
    try {
      await client.query('SELECT 1');
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end().catch(() => {});
    throw connectError(target, err);
  }
}

export type DatabaseChoice = { kind: 'sqlite'; file: string; sqlite?: OpenOptions } | { kind: 'postgres'; url: string; postgres?: PostgresOptions };

/** Opens whichever backend was chosen (see chooseDatabase). */
export async function openEngineDatabase<DB = unknown>(choice: DatabaseChoice): Promise<EngineDatabase<DB>> {
  return choice.kind === 'sqlite' ? openSqliteEngine<DB>(choice.file, choice.sqlite) : openPostgresEngine<DB>(choice.url, choice.postgres);
}

/**
 * `--database` wins, then CONDO_SYNC_DATABASE_URL; with neither, the SQLite
 * file in the data dir, as always. Only PostgreSQL URLs are accepted.
 * @throws AppError invalid_input for anything that is not a postgres:// URL.
 */
export function chooseDatabase(opts: { flag?: string; env?: NodeJS.ProcessEnv; sqliteFile: string }): DatabaseChoice {
  const url = opts.flag?.trim() || (opts.env ?? process.env).CONDO_SYNC_DATABASE_URL?.trim();
  if (!url) return { kind: 'sqlite', file: opts.sqliteFile };
  parsePostgresUrl(url);
  return { kind: 'postgres', url };
}

/** Round trip to the store; used by health checks and tests. */
export async function ping(database: EngineDatabase): Promise<void> {
  await sql`SELECT 1`.execute(database.kysely);
}
