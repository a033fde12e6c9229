-- Insertion order of jobs that both backends can sort by (SQLite's rowid has
-- no PostgreSQL twin): the Sync Queue lists jobs created in the same
-- millisecond in the order they were asked for. Existing jobs keep the order
-- rowid gave them; new ones take max(seq) + 1 on insert.
ALTER TABLE jobs ADD COLUMN seq INTEGER;
UPDATE jobs SET seq = rowid;
CREATE UNIQUE INDEX jobs_by_seq ON jobs(seq);
