-- A desk can be disabled by the CAF (PUT /v1/admin/desks/:id/disabled): its requests are refused (SRV-14) with the
-- reason, until it is enabled again. NULL = enabled. Plain SQL valid on SQLite and PostgreSQL (see 0001_init.sql).
ALTER TABLE desks ADD COLUMN disabled_at TEXT;
ALTER TABLE desks ADD COLUMN disabled_reason TEXT;
