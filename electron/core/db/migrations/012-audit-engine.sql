-- Which engine (or computer) a call by this computer or the console's access
-- token came through: on a shared database several engines each have their
-- own "this computer" and token, and the audit log must say which. The host
-- name (and, on PostgreSQL, the engine id); never a resident's data.
ALTER TABLE audit_log ADD COLUMN actor_engine TEXT;
