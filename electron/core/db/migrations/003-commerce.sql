-- Commerce: where each invoice and payment stands in Condo Control, the
-- change feed's position per building, and the last balances read.

-- Invoices and payments reuse id_map (entity 'invoice' | 'payment'): target_id
-- is the Condo Control unit the line was written to, content_hash what was
-- written, last_synced_at when it reached Condo Control as it reads now.
-- A failed write is tried again at next_attempt_at.
ALTER TABLE id_map ADD COLUMN next_attempt_at TEXT;
ALTER TABLE id_map ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
CREATE INDEX id_map_by_status ON id_map(entity, sync_status);

CREATE INDEX invoices_by_account ON invoices(account_id, date);
CREATE INDEX payments_by_account ON payments(account_id, date);

-- The change feed per building. The cursor moves in the same transaction
-- that records what the events it passes over still owe (pending_since):
-- the commerce job clears that mark only after its Condo Control writes.
CREATE TABLE feed_state (
  corporation_id TEXT PRIMARY KEY,
  cursor TEXT,
  -- Invoices and payments changed at or after this instant still need pushing.
  pending_since TEXT,
  -- The newest event seen: where a 410 falls back to.
  last_event_at TEXT,
  updated_at TEXT NOT NULL
);

-- The last balance read from each system per account.
CREATE TABLE balances (
  account_id TEXT PRIMARY KEY,
  corporation_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  balance_cents INTEGER NOT NULL,
  aging TEXT NOT NULL,
  read_at TEXT NOT NULL,
  cc_balance_cents INTEGER,
  cc_read_at TEXT
);
