-- Schema 11: "Sblocca dichiarazione errata" (issue 12 point 4; guide p. 70, 97–98). The CAF lifts one cross-check
-- error (IMP-05…IMP-08, "Valore diverso da reddito 730") of one declaration with a code read out on the phone and
-- checked on the desk (src-shared/sblocco/codice.ts). The unlock stays with that declaration and that error code
-- through later edits; the status history records it (event 'SBLOCCO': who, when, which error, reason).

-- status_history gains the event 'SBLOCCO'. SQLite cannot change a CHECK constraint in place: the table is
-- rebuilt with the same rows and ids (nothing references it), as in schema 5.
CREATE TABLE status_history_new (
  id             INTEGER PRIMARY KEY,
  declaration_id INTEGER NOT NULL REFERENCES declarations (id),
  event          TEXT    NOT NULL CHECK (event IN ('CREAZIONE', 'CAMBIO_STATO', 'CANCELLAZIONE', 'STAMPA', 'SBLOCCO')),
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

-- One row per declaration and unlocked error code: the code entered, its last valid day, who, when and why.
CREATE TABLE sblocchi (
  declaration_id INTEGER NOT NULL REFERENCES declarations (id),
  codice_errore  TEXT    NOT NULL CHECK (codice_errore IN ('IMP-05', 'IMP-06', 'IMP-07', 'IMP-08')),
  codice         TEXT    NOT NULL,
  scadenza       TEXT    NOT NULL,
  at             TEXT    NOT NULL,
  operator       TEXT    NOT NULL,
  motivo         TEXT    NOT NULL CHECK (length(motivo) > 0),
  PRIMARY KEY (declaration_id, codice_errore)
) STRICT;
