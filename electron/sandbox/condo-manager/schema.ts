// Condo Manager's sandbox store. Each row keeps its public JSON verbatim, so a
// list page is a join of stored strings; the plain columns exist for filters,
// ordering and balances.
export const CM_SCHEMA_VERSION = 2;

export const CM_SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE corporations (
  id TEXT PRIMARY KEY, position INTEGER NOT NULL, code TEXT NOT NULL,
  next_invoice_no INTEGER NOT NULL, json TEXT NOT NULL
);
CREATE TABLE units (
  id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, account_id TEXT NOT NULL UNIQUE,
  number TEXT NOT NULL, updated_at TEXT NOT NULL, json TEXT NOT NULL
);
CREATE TABLE people (
  id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL,
  updated_at TEXT NOT NULL, json TEXT NOT NULL
);
CREATE TABLE invoices (
  id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, account_id TEXT NOT NULL, date TEXT NOT NULL,
  total_cents INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL, json TEXT NOT NULL
);
CREATE TABLE payments (
  id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, account_id TEXT NOT NULL, date TEXT NOT NULL,
  amount_cents INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL, json TEXT NOT NULL
);
-- AUTOINCREMENT: a sequence number is never reused, even after pruning.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, corp_id TEXT NOT NULL, type TEXT NOT NULL,
  entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, occurred_at TEXT NOT NULL
);
CREATE INDEX events_by_corp ON events (corp_id, seq);
`;

/**
 * Secondary indexes, kept apart so a reseed can drop them, bulk-insert, and
 * build them once at the end: several times faster than updating them row by row.
 */
export const CM_INDEXES: Record<string, string> = {
  units_by_watermark: 'units (corp_id, updated_at, id)',
  people_by_watermark: 'people (corp_id, role, updated_at, id)',
  invoices_by_watermark: 'invoices (corp_id, updated_at, id)',
  invoices_by_account: 'invoices (account_id, date, id)',
  payments_by_watermark: 'payments (corp_id, updated_at, id)',
  payments_by_account: 'payments (account_id, date, id)',
};

export const CM_TABLES = ['corporations', 'units', 'people', 'invoices', 'payments', 'events'] as const;
