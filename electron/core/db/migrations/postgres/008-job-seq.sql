-- Insertion order of jobs that both backends can sort by (SQLite's rowid has
-- no PostgreSQL twin): the Sync Queue lists jobs created in the same
-- millisecond in the order they were asked for. Existing jobs are numbered by
-- creation time then id; new ones take max(seq) + 1 on insert.
ALTER TABLE jobs ADD COLUMN seq INTEGER;
UPDATE jobs SET seq = n.seq FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS seq FROM jobs) AS n WHERE jobs.id = n.id;
CREATE UNIQUE INDEX jobs_by_seq ON jobs(seq);
