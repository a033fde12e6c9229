-- The settings that decide what the sync does and when (groups, schedule,
-- pause, rate, retention, the last balance check), one JSON value per key.
-- Read and written only when engines share PostgreSQL (settings-shared.ts):
-- the desktop on SQLite keeps them in its settings file; the table exists
-- here too so both backends walk the same numbered steps.
CREATE TABLE shared_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
