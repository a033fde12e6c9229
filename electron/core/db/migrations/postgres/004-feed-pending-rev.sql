-- PostgreSQL version of ../004-feed-pending-rev.sql.
-- Counts the feed pages that added invoices or payments to the pending mark.
-- A commerce job clears the mark only if no page added to it while it ran;
-- otherwise the next job reads again from the same mark, so an event that
-- arrived during a job is never skipped.
ALTER TABLE feed_state ADD COLUMN pending_rev BIGINT NOT NULL DEFAULT 0;
