-- Schema 5: prints (issue 10). Every print of a model is recorded in the status history (who, when, which
-- model, copies), the declaration keeps when it was last printed (the "ristampa" option of p. 105 is offered
-- only for those already printed), and the "data di consegna" of the request letter (p. 75, 106).

-- status_history gains the event 'STAMPA'. SQLite cannot change a CHECK constraint in place: the table is
-- rebuilt with the same rows and ids (nothing references it).
CREATE TABLE status_history_new (
  id             INTEGER PRIMARY KEY,
  declaration_id INTEGER NOT NULL REFERENCES declarations (id),
  event          TEXT    NOT NULL CHECK (event IN ('CREAZIONE', 'CAMBIO_STATO', 'CANCELLAZIONE', 'STAMPA')),
  from_status    TEXT,
  to_status      TEXT,
  at             TEXT    NOT NULL,
  operator       TEXT    NOT NULL,
  reason         TEXT
) STRICT;
INSERT INTO status_history_new (id, declaration_id, event, from_status, to_status, at, operator, reason)
  SELECT id, declaration_id, event, from_status, to_status, at, operator, reason FROM status_history;
DROP TABLE status_history;
ALTER TABLE status_history_new RENAME TO status_history;
CREATE INDEX ix_status_history_declaration ON status_history (declaration_id, id);

-- Last print of the models ("Stampa modelli") and how many times they were printed.
ALTER TABLE declarations ADD COLUMN printed_at TEXT;
ALTER TABLE declarations ADD COLUMN print_count INTEGER NOT NULL DEFAULT 0;
-- "Data di consegna": the day the request letter was taken in (ISO date), null when not confirmed.
ALTER TABLE declarations ADD COLUMN data_consegna TEXT;
CREATE INDEX ix_declarations_data_consegna ON declarations (data_consegna) WHERE deleted_at IS NULL AND data_consegna IS NOT NULL;
