// Condo Manager's sandbox store. Each row keeps its public JSON verbatim, so a
// list page is a join of stored strings; the plain columns exist for filters,
// ordering and balances.
export const CM_SCHEMA_VERSION = 1;

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
CREATE INDEX units_by_watermark ON units (corp_id, updated_at, id);
CREATE TABLE people (
  id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, role TEXT NOT NULL, status TEXT NOT NULL,
  updated_at TEXT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX people_by_watermark ON people (corp_id, role, updated_at, id);
CREATE TABLE invoices (
  id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, account_id TEXT NOT NULL, date TEXT NOT NULL,
  total_cents INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX invoices_by_watermark ON invoices (corp_id, updated_at, id);
CREATE INDEX invoices_by_account ON invoices (account_id);
CREATE TABLE payments (
  id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, account_id TEXT NOT NULL, date TEXT NOT NULL,
  amount_cents INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL, json TEXT NOT NULL
);
CREATE INDEX payments_by_watermark ON payments (corp_id, updated_at, id);
CREATE INDEX payments_by_account ON payments (account_id);
-- AUTOINCREMENT: a sequence number is never reused, even after pruning.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, corp_id TEXT NOT NULL, type TEXT NOT NULL,
  entity_type TEXT NOT NULL, entity_id TEXT NOT NULL, occurred_at TEXT NOT NULL
);
CREATE INDEX events_by_corp ON events (corp_id, seq);
`;

export const CM_TABLES = ['corporations', 'units', 'people', 'invoices', 'payments', 'events'] as const;
