-- PostgreSQL version of ../002-sync-state.sql.

-- The state last written to Condo Control (JSON), to tell a change made in
-- Condo Control since then from one made in Condo Manager.
ALTER TABLE id_map ADD COLUMN synced_state TEXT COLLATE "C";
-- Hash of the source record as last staged; a difference marks it pending.
ALTER TABLE id_map ADD COLUMN source_hash TEXT COLLATE "C";

-- Group names per mapping; NULL means the global default from Settings.
ALTER TABLE corporations ADD COLUMN owners_group TEXT COLLATE "C";
ALTER TABLE corporations ADD COLUMN tenants_group TEXT COLLATE "C";

-- People keep their unit order (a person's first unit is their home unit).
ALTER TABLE people ADD COLUMN unit_ids TEXT COLLATE "C" NOT NULL DEFAULT '[]';
-- The last read that saw this person (full reconcile finds who vanished).
ALTER TABLE people ADD COLUMN seen_at TEXT COLLATE "C";
ALTER TABLE units ADD COLUMN seen_at TEXT COLLATE "C";
