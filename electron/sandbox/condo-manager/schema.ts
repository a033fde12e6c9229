import type { Invoice, Payment } from '../portfolio/types';

// Condo Manager's sandbox store. Corporations, units and people keep their
// public JSON verbatim, so a list page is a join of stored strings. Invoices
// and payments (≈400,000 rows in `large`) are plain columns that SQLite turns
// into JSON when read (INVOICE_JSON, PAYMENT_JSON): serializing them in
// JavaScript at seed time cost more than the inserts.
export const CM_SCHEMA_VERSION = 3;

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
  id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, account_id TEXT NOT NULL, unit_id TEXT NOT NULL,
  number TEXT NOT NULL, date TEXT NOT NULL, due_date TEXT NOT NULL, kind TEXT NOT NULL,
  lines TEXT NOT NULL, total_cents INTEGER NOT NULL, status TEXT NOT NULL, updated_at TEXT NOT NULL
);
CREATE TABLE payments (
  id TEXT PRIMARY KEY, corp_id TEXT NOT NULL, account_id TEXT NOT NULL, unit_id TEXT NOT NULL,
  date TEXT NOT NULL, method TEXT NOT NULL, amount_cents INTEGER NOT NULL, reference TEXT NOT NULL,
  status TEXT NOT NULL, updated_at TEXT NOT NULL
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

/**
 * An invoice row as its SYSTEMS.md JSON, key order included. Concatenation
 * is 40% cheaper than json_object(): free text goes through json_quote(),
 * `lines` is stored as JSON already, and the other columns are validated
 * dates, enums and integers that need no escaping.
 */
export const INVOICE_JSON = `'{"id":'||json_quote(id)||',"accountId":'||json_quote(account_id)||',"unitId":'||json_quote(unit_id)||
  ',"number":'||json_quote(number)||',"date":"'||date||'","dueDate":"'||due_date||'","kind":"'||kind||'","lines":'||lines||
  ',"totalCents":'||total_cents||',"status":"'||status||'","updatedAt":"'||updated_at||'"}'`;

export const PAYMENT_JSON = `'{"id":'||json_quote(id)||',"accountId":'||json_quote(account_id)||',"unitId":'||json_quote(unit_id)||
  ',"date":"'||date||'","method":"'||method||'","amountCents":'||amount_cents||',"reference":'||json_quote(reference)||
  ',"status":"'||status||'","updatedAt":"'||updated_at||'"}'`;

// Positional parameters: named ones cost twice the CPU per row in a bulk load.
export const INSERT_INVOICE = `INSERT INTO invoices
  (id, corp_id, account_id, unit_id, number, date, due_date, kind, lines, total_cents, status, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export const INSERT_PAYMENT = `INSERT INTO payments
  (id, corp_id, account_id, unit_id, date, method, amount_cents, reference, status, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export function invoiceRow(corpId: string, i: Invoice): unknown[] {
  return [i.id, corpId, i.accountId, i.unitId, i.number, i.date, i.dueDate, i.kind, linesJson(i.lines), i.totalCents, i.status, i.updatedAt];
}

export function paymentRow(corpId: string, p: Payment): unknown[] {
  return [p.id, corpId, p.accountId, p.unitId, p.date, p.method, p.amountCents, p.reference, p.status, p.updatedAt];
}

/** The lines column: one or two lines an invoice, so a template beats JSON.stringify. */
export function linesJson(lines: ReadonlyArray<{ description: string; amountCents: number }>): string {
  return `[${lines.map((l) => `{"description":${JSON.stringify(l.description)},"amountCents":${l.amountCents}}`).join(',')}]`;
}
