-- PostgreSQL version of ../003-commerce.sql.

-- Invoices and payments reuse id_map (entity 'invoice' | 'payment'): target_id
-- is the Condo Control unit the line was written to, content_hash what was
-- written, last_synced_at when it reached Condo Control as it reads now.
-- A failed write is tried again at next_attempt_at.
ALTER TABLE id_map ADD COLUMN next_attempt_at TEXT COLLATE "C";
ALTER TABLE id_map ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
CREATE INDEX id_map_by_status ON id_map(entity, sync_status);

CREATE INDEX invoices_by_account ON invoices(account_id, date);
CREATE INDEX payments_by_account ON payments(account_id, date);

-- The change feed per building. The cursor moves in the same transaction
-- that records what the events it passes over still owe (pending_since):
-- the commerce job clears that mark only after its Condo Control writes.
CREATE TABLE feed_state (
  corporation_id TEXT COLLATE "C" PRIMARY KEY,
  cursor TEXT COLLATE "C",
  -- Invoices and payments changed at or after this instant still need pushing.
  pending_since TEXT COLLATE "C",
  -- The newest event seen: where a 410 falls back to.
  last_event_at TEXT COLLATE "C",
  updated_at TEXT COLLATE "C" NOT NULL
);

-- The last balance read from each system per account.
CREATE TABLE balances (
  account_id TEXT COLLATE "C" PRIMARY KEY,
  corporation_id TEXT COLLATE "C" NOT NULL,
  unit_id TEXT COLLATE "C" NOT NULL,
  balance_cents BIGINT NOT NULL,
  aging TEXT COLLATE "C" NOT NULL,
  read_at TEXT COLLATE "C" NOT NULL,
  cc_balance_cents BIGINT,
  cc_read_at TEXT COLLATE "C"
);
