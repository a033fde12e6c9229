import type pg from 'pg';
import { AppError } from '@shared/errors';

/**
 * The tables engines use to coordinate on one PostgreSQL database. They live
 * in their own schema, beside graphile-worker's `graphile_worker`, and exist
 * on PostgreSQL only (a desktop's SQLite has one engine, nothing to share),
 * so they are not part of the numbered migrations both backends walk.
 * Every statement is idempotent; an advisory lock makes engines that start
 * together create them once.
 *
 * - `engines`: one row per live engine: its graphile-worker ids and the
 *   database time of its last heartbeat.
 * - `leases`: a named lease (e.g. `commerce-watcher:<corporationId>`), its
 *   owner engine and expiry.
 * - `rate_buckets`: one GCRA bucket per system: the theoretical arrival time
 *   (epoch ms) shared by every engine.
 * - `claims`: things done once per database rather than once per engine
 *   (the first sync of a connection), by name; the first engine to insert wins.
 */
export const CLUSTER_SCHEMA = 'condo_sync_cluster';
const LOCK_KEY = 7_263_524_582;

const DDL = `
CREATE SCHEMA IF NOT EXISTS ${CLUSTER_SCHEMA};
CREATE TABLE IF NOT EXISTS ${CLUSTER_SCHEMA}.engines (
  id TEXT PRIMARY KEY,
  worker_ids TEXT NOT NULL DEFAULT '[]',
  started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS ${CLUSTER_SCHEMA}.leases (
  name TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS ${CLUSTER_SCHEMA}.rate_buckets (
  system TEXT PRIMARY KEY,
  tat DOUBLE PRECISION NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS ${CLUSTER_SCHEMA}.claims (
  name TEXT PRIMARY KEY,
  engine TEXT NOT NULL,
  claimed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
`;

/**
 * Creates the coordination tables if missing.
 * @throws AppError unavailable when the database cannot be used.
 */
export async function ensureClusterSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect().catch((err: unknown) => {
    throw clusterError(err, 'preparing the shared tables');
  });
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`);
    await client.query(DDL);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw clusterError(err, 'preparing the shared tables');
  } finally {
    client.release();
  }
}

/**
 * A driver error from the shared database as a typed error. The driver's own
 * text is kept out of the message: it can quote values.
 */
export function clusterError(err: unknown, doing: string): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  return new AppError('unavailable', `The shared PostgreSQL database could not be used while ${doing}${code ? ` (error ${code})` : ''}.`, code ? { reason: code } : undefined);
}
