/**
 * The engine's tables as Kysely sees them: one typed schema for SQLite and
 * PostgreSQL (migrations in db/migrations create them). Conventions that keep
 * both backends answering alike:
 * - timestamps are ISO-8601 strings (TEXT), as the code has always stored them;
 * - JSON is TEXT holding JSON.stringify output (parsed in the repositories);
 * - booleans are integers 0/1 (`jobs.dry_run`);
 * - counts are integers; PostgreSQL's bigint `count(*)` is turned into a
 *   number by the repository that reads it.
 */
import type { ColumnType, Generated } from 'kysely';
import type { AccessTables } from './repositories/access-schema';
import type { AccessKeysTable, AuditLogTable } from './repositories/access-schema';

/** Filled by a DEFAULT when omitted on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface CorporationsTable {
  id: string;
  code: string;
  legal_name: string;
  timezone: string;
  workspace_id: string | null;
  updated_at: string;
  owners_group: Defaulted<string | null>;
  tenants_group: Defaulted<string | null>;
}

export interface UnitsTable {
  id: string;
  corporation_id: string;
  number: string;
  legal_description: Defaulted<string>;
  kind: string;
  occupancy: string;
  account_id: string | null;
  updated_at: string;
  seen_at: Defaulted<string | null>;
  /** foldText(number): what the Unit File's search matches. */
  search_key: Defaulted<string | null>;
}

export interface PeopleTable {
  id: string;
  corporation_id: string;
  role: 'owner' | 'tenant';
  title: Defaulted<string | null>;
  first_name: Defaulted<string>;
  last_name: Defaulted<string>;
  email: string | null;
  /** JSON array of { type, number }. */
  phones: Defaulted<string>;
  language: Defaulted<string>;
  status: 'Active' | 'Past';
  start_date: Defaulted<string | null>;
  end_date: Defaulted<string | null>;
  move_in_date: Defaulted<string | null>;
  move_out_date: Defaulted<string | null>;
  updated_at: string;
  /** JSON array of unit ids, the home unit first. */
  unit_ids: Defaulted<string>;
  seen_at: Defaulted<string | null>;
  /** "first last" and the email, folded, one per line. */
  search_key: Defaulted<string | null>;
}

export interface UnitRolesTable {
  unit_id: string;
  person_id: string;
  role: 'owner' | 'tenant';
}

export type SyncStatusValue = 'in_sync' | 'pending' | 'attention' | 'failed';

export interface IdMapTable {
  entity: 'unit' | 'person' | 'invoice' | 'payment';
  source_id: string;
  target_id: Defaulted<string | null>;
  workspace_id: Defaulted<string | null>;
  content_hash: Defaulted<string | null>;
  last_synced_at: Defaulted<string | null>;
  sync_status: Defaulted<SyncStatusValue>;
  /** JSON array of messages. */
  attention: Defaulted<string>;
  /** JSON: the state last written to Condo Control. */
  synced_state: Defaulted<string | null>;
  source_hash: Defaulted<string | null>;
  next_attempt_at: Defaulted<string | null>;
  attempts: Defaulted<number>;
}

export interface InvoicesTable {
  id: string;
  corporation_id: string;
  account_id: string;
  unit_id: string;
  number: string;
  date: string;
  due_date: string | null;
  kind: string;
  /** JSON array of lines. */
  lines: Defaulted<string>;
  total_cents: number;
  status: string;
  updated_at: string;
}

export interface PaymentsTable {
  id: string;
  corporation_id: string;
  account_id: string;
  unit_id: string;
  date: string;
  method: string;
  amount_cents: number;
  reference: Defaulted<string>;
  status: string;
  updated_at: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  trigger: string;
  scope_corporation_id: string | null;
  /** 0 or 1. */
  dry_run: Defaulted<number>;
  status: string;
  phase: Defaulted<string>;
  progress_done: Defaulted<number>;
  progress_total: Defaulted<number>;
  /** JSON object. */
  counts: Defaulted<string>;
  /** JSON object. */
  checkpoint: Defaulted<string | null>;
  /** JSON object. */
  error: Defaulted<string | null>;
  created_at: string;
  started_at: Defaulted<string | null>;
  finished_at: Defaulted<string | null>;
  heartbeat_at: Defaulted<string | null>;
  /** JSON array: every reason the job was asked for. */
  triggers: Defaulted<string | null>;
  /** The access key's name of the person who started it by hand (migration 006). */
  started_by: Defaulted<string | null>;
  /** ISO instant a person asked to cancel the running job (migration 011): honoured by whichever engine runs or resumes it. */
  cancel_requested_at: Defaulted<string | null>;
  /** The attempt holding the job (migration 011): saves of any other attempt are refused. */
  run_token: Defaulted<string | null>;
  /** Insertion order, max + 1 on insert (migration 008; SQLite's rowid has no PostgreSQL twin). */
  seq: Defaulted<number | null>;
}

export interface JobEventsTable {
  id: Generated<number>;
  job_id: string;
  entity: string;
  entity_id: string;
  outcome: string;
  /** For a 'conflict': the write it also made ('created' | 'updated' | 'deactivated'); migration 007. */
  effect: string | null;
  message: string | null;
  /** JSON field diff. */
  changes: string | null;
  at: string;
}

export interface WatermarksTable {
  scope: string;
  updated_at: Defaulted<string | null>;
  last_id: Defaulted<string | null>;
  cursor: Defaulted<string | null>;
}

export interface ScheduleRunsTable {
  slot: string;
  job_id: string | null;
  queued_at: string;
}

export interface FeedStateTable {
  corporation_id: string;
  cursor: Defaulted<string | null>;
  pending_since: Defaulted<string | null>;
  last_event_at: Defaulted<string | null>;
  updated_at: string;
  pending_rev: Defaulted<number>;
  /** The building's watcher as its engine last reported it (JSON), for every engine's console. */
  watcher_status: Defaulted<string | null>;
}

export interface BalancesTable {
  account_id: string;
  corporation_id: string;
  unit_id: string;
  balance_cents: number;
  /** JSON aging buckets. */
  aging: string;
  read_at: string;
  cc_balance_cents: Defaulted<number | null>;
  cc_read_at: Defaulted<string | null>;
}

/** A setting every engine on one PostgreSQL database shares (settings-shared.ts): its JSON value. */
export interface SharedSettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: string;
}

/** Every table of engine state, by its SQL name (access keys and the audit log: access-schema.ts). */
export interface DB extends AccessTables {
  corporations: CorporationsTable;
  units: UnitsTable;
  people: PeopleTable;
  unit_roles: UnitRolesTable;
  id_map: IdMapTable;
  invoices: InvoicesTable;
  payments: PaymentsTable;
  jobs: JobsTable;
  job_events: JobEventsTable;
  watermarks: WatermarksTable;
  schedule_runs: ScheduleRunsTable;
  feed_state: FeedStateTable;
  balances: BalancesTable;
  schema_migrations: SchemaMigrationsTable;
  shared_settings: SharedSettingsTable;
  access_keys: AccessKeysTable;
  audit_log: AuditLogTable;
}
