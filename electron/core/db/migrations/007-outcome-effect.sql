-- The write a record that needs attention also made ('created', 'updated',
-- 'deactivated'), so a preview counts a new user who also has a note as created.
ALTER TABLE job_events ADD COLUMN effect TEXT;
