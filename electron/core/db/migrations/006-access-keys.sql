-- Named access keys with roles, for an engine that several people share.
-- Only a hash of each key is kept: the key itself is shown once, at creation.
CREATE TABLE access_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('administrator', 'property_manager', 'support')),
  key_hash TEXT NOT NULL,
  key_prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE UNIQUE INDEX access_keys_by_hash ON access_keys (key_hash);

-- Every state-changing call, and every refused one: who, what (ids and
-- setting names only, never a resident's name, email or phone), when, outcome.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_key_id TEXT,
  actor_name TEXT,
  actor_role TEXT NOT NULL,
  method TEXT NOT NULL,
  summary TEXT NOT NULL,
  outcome TEXT NOT NULL,
  error_code TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);

-- The name of the key that started a job by hand ("Marie (front desk)").
ALTER TABLE jobs ADD COLUMN started_by TEXT;
