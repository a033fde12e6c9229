/**
 * The typed tables of migration 006 (access keys and the audit log), for
 * Kysely. Timestamps are ISO strings on every backend, as elsewhere.
 */
import type { Generated, Kysely } from 'kysely';

export interface AccessKeysTable {
  id: string;
  name: string;
  role: string;
  key_hash: string;
  key_prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_kind: string;
  actor_key_id: string | null;
  actor_name: string | null;
  actor_role: string;
  /** The engine or computer a local or token call came through (012-audit-engine.sql). */
  actor_engine: string | null;
  method: string;
  /** JSON object of ids and setting names. */
  summary: string;
  outcome: string;
  error_code: string | null;
}

export interface AccessTables {
  access_keys: AccessKeysTable;
  audit_log: AuditLogTable;
}

/** The engine's Kysely handle (either backend), seen through these tables. */
export function accessDb<T>(kysely: Kysely<T>): Kysely<AccessTables> {
  return kysely as unknown as Kysely<AccessTables>;
}
