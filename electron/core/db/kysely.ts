/**
 * The query builder over the engine's database. Repositories receive a
 * `Kysely<DB>` (or a transaction, which is one) and never know the backend,
 * except through the few helpers below where SQLite and PostgreSQL differ.
 */
import { Kysely, PostgresAdapter, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Driver, type Expression, type RawBuilder } from 'kysely';
import type { Db } from './database';
import type { DB } from './schema';

/** A query builder or an open transaction: repositories accept either. */
export type Executor = Kysely<DB>;

/**
 * Kysely over an open better-sqlite3 handle (tests; the engine opens its store
 * with db/connect.ts, which uses the same dialect). Kysely serialises its queries
 * and transactions on that one connection (a mutex), so two async
 * transactions never interleave. Never call `destroy()` on it: that closes
 * the handle, which its opener owns.
 */
export function sqliteKysely(db: Db): Kysely<DB> {
  return new Kysely<DB>({ dialect: sqliteHandleDialect(db) });
}

/** Kysely's SQLite dialect over an open handle, with the rollback below. */
export function sqliteHandleDialect(db: Db): SqliteDialect {
  return new HandleDialect(db);
}

/**
 * SQLite ends a transaction itself when a write fails with SQLITE_FULL or an
 * I/O error; Kysely's ROLLBACK after that would throw "no transaction is
 * active" and hide the reason (the console could no longer say "the disk is
 * full"). This driver rolls back only a transaction that is still open.
 */
class HandleDriver extends SqliteDriver {
  constructor(private readonly handle: Db) {
    super({ database: withStatementCache(handle) });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.handle.open && this.handle.inTransaction) await super.rollbackTransaction(connection);
  }
}

/**
 * Statements kept prepared per SQLite handle. Short SQL (≤ 2 KB: every
 * single-record query; a 10-column upsert is ~600 characters): 256, the
 * engine runs a few dozen distinct ones over and over. Longer SQL, the
 * multi-row inserts and upserts (a batch of outcomes, of id map rows, of
 * people): only 8. Those have one text per row count, and each holds
 * SQLite's compiled program outside the JS heap (~90 KB for a 100-row
 * upsert); kept 256 at a time they held ~20 MB, mostly of batch sizes used
 * once, while the few hot ones (a full 200-row chunk: ~0.9 ms to prepare,
 * more than it takes to run) stay among the 8 most recently used.
 */
const SHORT_SQL = 2048;
const SHORT_KEPT = 256;
const LONG_KEPT = 8;

/** Prepared statements by SQL text, least recently used out first. */
class StatementCache {
  private readonly kept = new Map<string, Statement>();

  constructor(private readonly size: number) {}

  get(sql: string, prepare: (sql: string) => Statement): Statement {
    let stmt = this.kept.get(sql);
    if (stmt) this.kept.delete(sql); // set again below: the Map's order is the eviction order
    else {
      stmt = prepare(sql);
      if (this.kept.size >= this.size) this.kept.delete(this.kept.keys().next().value!);
    }
    this.kept.set(sql, stmt);
    return stmt;
  }
}

type Statement = ReturnType<Db['prepare']>;

/**
 * The handle as Kysely's driver sees it, with prepared statements reused:
 * Kysely prepares every query afresh, which for the commerce sync (a
 * handful of queries per invoice, thousands of invoices) cost more than
 * running them. Safe because queries on the handle run one at a time
 * (Kysely's mutex) and none is streamed (a streamed statement stays busy).
 */
function withStatementCache(handle: Db): Db {
  const short = new StatementCache(SHORT_KEPT);
  const long = new StatementCache(LONG_KEPT);
  const fresh = (sql: string) => handle.prepare(sql);
  const prepare = (sql: string) => (sql.length <= SHORT_SQL ? short : long).get(sql, fresh);
  return { prepare, close: () => handle.close() } as unknown as Db;
}

class HandleDialect extends SqliteDialect {
  constructor(private readonly handle: Db) {
    super({ database: handle });
  }

  override createDriver(): Driver {
    return new HandleDriver(this.handle);
  }
}

/** True on PostgreSQL (a transaction answers like its database). */
export function isPostgres(db: Executor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Orders text by its bytes, as SQLite does by default. The PostgreSQL
 * migrations declare text columns COLLATE "C" already; this keeps an ORDER BY
 * bytewise even over an expression or a column declared otherwise, whatever
 * the server's locale ("b" would sort next to "B" under fr-CA).
 */
export function bytewise<T>(db: Executor, expr: Expression<T>): RawBuilder<T> {
  return isPostgres(db) ? sql<T>`${expr} COLLATE "C"` : sql<T>`${expr}`;
}

/** A count as a number: PostgreSQL returns bigint (`count(*)`) as a string. */
export function toCount(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/** Rows changed by an update or delete, as a number. */
export function changed(result: { numUpdatedRows?: bigint; numDeletedRows?: bigint } | { numUpdatedRows?: bigint; numDeletedRows?: bigint }[]): number {
  const one = Array.isArray(result) ? result[0] : result;
  return Number(one?.numUpdatedRows ?? one?.numDeletedRows ?? 0n);
}

/**
 * Runs `fn` in a transaction, or inside the caller's when `db` already is one
 * (Kysely does not nest them). On SQLite the transaction holds the single
 * connection until it ends: `fn` must use the executor it is given, never
 * the outer database, or it waits on itself.
 */
export async function inTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** SQL that is true when the JSON text in `column` has `key` set to JSON true. */
export function jsonIsTrue(db: Executor, column: Expression<string | null>, key: string): RawBuilder<boolean> {
  return isPostgres(db)
    ? sql<boolean>`(${column})::jsonb -> ${key} = 'true'::jsonb`
    : sql<boolean>`json_extract(${column}, ${`$.${key}`}) = 1`;
}
