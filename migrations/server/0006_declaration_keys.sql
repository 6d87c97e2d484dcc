-- A declaration's key is unique across the CAF, not only within its desk (issue 13): a declaration restored from a
-- Centro di Raccolta onto a Centro di Elaborazione keeps its key, so if both desks send it the server stores it
-- once, for the desk that sent it first, and refuses it to the other. The key's owner is claimed here in the same
-- transaction as the declaration; a concurrent claim of the same key waits on the primary key and then fails (the
-- ingest retries and finds the owner). Existing declarations are claimed by their desk (the first one, by id, where
-- an older database holds the same key under two desks). Plain SQL valid on SQLite and PostgreSQL.
CREATE TABLE declaration_keys (
  declaration_key TEXT PRIMARY KEY,
  desk_id TEXT NOT NULL REFERENCES desks (id)
);
INSERT INTO declaration_keys (declaration_key, desk_id)
  SELECT declaration_key, MIN(desk_id) FROM declarations GROUP BY declaration_key;
