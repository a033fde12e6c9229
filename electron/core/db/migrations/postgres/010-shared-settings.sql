-- PostgreSQL version of ../010-shared-settings.sql.
-- The settings that decide what the sync does and when (groups, schedule,
-- pause, rate, retention, the last balance check), one JSON value per key,
-- shared by every engine on this database (settings-shared.ts).
CREATE TABLE shared_settings (
  key TEXT COLLATE "C" PRIMARY KEY,
  value TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL
);
