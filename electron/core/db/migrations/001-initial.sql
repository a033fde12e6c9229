-- Local cache of Condo Manager data, the id map to Condo Control, and the job log.
CREATE TABLE corporations (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL,
  legal_name TEXT NOT NULL,
  timezone TEXT NOT NULL,
  workspace_id TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  corporation_id TEXT NOT NULL REFERENCES corporations(id),
  number TEXT NOT NULL,
  legal_description TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  occupancy TEXT NOT NULL,
  account_id TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX units_by_corporation ON units(corporation_id, number);

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  corporation_id TEXT NOT NULL REFERENCES corporations(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'tenant')),
  title TEXT,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT,
  phones TEXT NOT NULL DEFAULT '[]',
  language TEXT NOT NULL DEFAULT 'en',
  status TEXT NOT NULL CHECK (status IN ('Active', 'Past')),
  start_date TEXT,
  end_date TEXT,
  move_in_date TEXT,
  move_out_date TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX people_by_corporation ON people(corporation_id);
CREATE INDEX people_by_email ON people(lower(email));

CREATE TABLE unit_roles (
  unit_id TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('owner', 'tenant')),
  PRIMARY KEY (unit_id, person_id)
);
CREATE INDEX unit_roles_by_person ON unit_roles(person_id);

-- One row per synced record: Condo Manager id ↔ Condo Control id, the hash of
-- what was last written, and what needs a person's attention.
CREATE TABLE id_map (
  entity TEXT NOT NULL CHECK (entity IN ('unit', 'person', 'invoice', 'payment')),
  source_id TEXT NOT NULL,
  target_id TEXT,
  workspace_id TEXT,
  content_hash TEXT,
  last_synced_at TEXT,
  sync_status TEXT NOT NULL DEFAULT 'pending' CHECK (sync_status IN ('in_sync', 'pending', 'attention', 'failed')),
  attention TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (entity, source_id)
);
CREATE INDEX id_map_by_target ON id_map(entity, target_id);

CREATE TABLE invoices (
  id TEXT PRIMARY KEY,
  corporation_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  number TEXT NOT NULL,
  date TEXT NOT NULL,
  due_date TEXT,
  kind TEXT NOT NULL,
  lines TEXT NOT NULL DEFAULT '[]',
  total_cents INTEGER NOT NULL,
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX invoices_by_unit ON invoices(unit_id, date);

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  corporation_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  date TEXT NOT NULL,
  method TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX payments_by_unit ON payments(unit_id, date);

CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  trigger TEXT NOT NULL,
  scope_corporation_id TEXT,
  dry_run INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL,
  phase TEXT NOT NULL DEFAULT 'waiting',
  progress_done INTEGER NOT NULL DEFAULT 0,
  progress_total INTEGER NOT NULL DEFAULT 0,
  counts TEXT NOT NULL DEFAULT '{}',
  checkpoint TEXT,
  error TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  heartbeat_at TEXT
);
CREATE INDEX jobs_by_status ON jobs(status, created_at);

-- Per-record outcomes. They hold personal data (field diffs), so they have a
-- shorter retention than the jobs themselves.
CREATE TABLE job_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  message TEXT,
  changes TEXT,
  at TEXT NOT NULL
);
CREATE INDEX job_events_by_job ON job_events(job_id, outcome);
CREATE INDEX job_events_by_entity ON job_events(entity, entity_id, at);

-- Read position per corporation and entity: (updated_at, last_id), or a feed cursor.
CREATE TABLE watermarks (
  scope TEXT PRIMARY KEY,
  updated_at TEXT,
  last_id TEXT,
  cursor TEXT
);

CREATE TABLE schedule_runs (
  slot TEXT PRIMARY KEY,
  job_id TEXT,
  queued_at TEXT NOT NULL
);
