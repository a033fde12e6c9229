-- PostgreSQL version of ../009-watcher-status.sql.
-- How a building's change-feed watcher stands (JSON: state, reason, since,
-- lastEventAt), written by the engine that follows the building. With
-- several engines on one database, every engine's console reads it, so a
-- building another engine follows shows that engine's word, not "off".
ALTER TABLE feed_state ADD COLUMN watcher_status TEXT;
