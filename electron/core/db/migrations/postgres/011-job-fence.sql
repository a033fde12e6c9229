-- PostgreSQL version of ../011-job-fence.sql.
-- Two facts about a running job that must outlive the engine running it.
-- cancel_requested_at: a person asked to cancel it (ISO instant). The engine
-- running it is told at once (NOTIFY on PostgreSQL), but an engine that died
-- hears nothing: whichever engine resumes the job reads this and ends it
-- cancelled instead of running it on.
-- run_token: the attempt that holds the job (random, set by the start that
-- claims it). A run's saves only land while the token is still its own, so an
-- engine fenced off from the database, whose writes were held up in its pool,
-- never overwrites the attempt that took its job over.
ALTER TABLE jobs ADD COLUMN cancel_requested_at TEXT;
ALTER TABLE jobs ADD COLUMN run_token TEXT;
