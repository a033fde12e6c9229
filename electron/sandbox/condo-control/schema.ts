// Condo Control's sandbox store. Users keep their group and unit ids as JSON
// arrays on the row: a user has a handful of each, and a list page then needs
// no join.
export const CC_SCHEMA_VERSION = 1;

export const CC_SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE workspaces (id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL);
CREATE TABLE groups (id TEXT PRIMARY KEY, position INTEGER NOT NULL, name TEXT NOT NULL, built_in INTEGER NOT NULL);
CREATE TABLE units (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ws_id TEXT NOT NULL, name TEXT NOT NULL,
  unit_type TEXT NOT NULL, external_id TEXT
);
CREATE INDEX units_by_ws ON units (ws_id, n);
CREATE TABLE users (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ws_id TEXT NOT NULL, external_id TEXT,
  first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT, email_lower TEXT,
  phones TEXT NOT NULL, language TEXT NOT NULL, active INTEGER NOT NULL,
  group_ids TEXT NOT NULL, unit_ids TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE INDEX users_by_ws ON users (ws_id, n);
CREATE INDEX users_by_external_id ON users (ws_id, external_id);
CREATE INDEX users_by_email ON users (ws_id, email_lower);
CREATE TABLE idempotency_keys (
  ws_id TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, user_id TEXT NOT NULL,
  status INTEGER NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (ws_id, key)
);
CREATE TABLE invoices (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ws_id TEXT NOT NULL, unit_id TEXT NOT NULL,
  external_id TEXT NOT NULL, date TEXT NOT NULL, total_cents INTEGER NOT NULL, status TEXT NOT NULL,
  updated_at TEXT NOT NULL, json TEXT NOT NULL, UNIQUE (unit_id, external_id)
);
CREATE TABLE payments (
  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ws_id TEXT NOT NULL, unit_id TEXT NOT NULL,
  external_id TEXT NOT NULL, date TEXT NOT NULL, amount_cents INTEGER NOT NULL, status TEXT NOT NULL,
  updated_at TEXT NOT NULL, json TEXT NOT NULL, UNIQUE (unit_id, external_id)
);
`;

export const CC_TABLES = ['workspaces', 'groups', 'units', 'users', 'idempotency_keys', 'invoices', 'payments'] as const;

/** Condo Control's built-in user groups, in its own order. */
export const BUILT_IN_GROUPS = [
  'Board Members',
  'Property Managers',
  'Security/Concierge',
  'Owners',
  'Residents',
  'Renters',
] as const;
