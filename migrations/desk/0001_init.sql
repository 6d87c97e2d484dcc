-- RED Desk local archive, schema 1.
-- Plain SQL, append-only: a later change is a new file, never an edit of this one.
-- Tables are STRICT; amounts are whole euro (INTEGER); timestamps are ISO-8601 UTC text.

CREATE TABLE declarations (
  id             INTEGER PRIMARY KEY,
  progressivo    INTEGER NOT NULL UNIQUE,
  campaign       TEXT    NOT NULL,
  tipo           TEXT    NOT NULL CHECK (tipo IN ('N', 'R')),
  status         TEXT    NOT NULL CHECK (status IN ('ERRATA', 'INCOMPLETA', 'COMPLETA', 'ATTESA', 'TRASM_CGN',
                   'BLOCCATA', 'TRASM_INPS', 'RICEVUTA', 'RETTIFICATA', 'SCARTATA', 'SCART_CAF')),
  -- The monitor tab of the status (guide pp. 67-68). Must match src-shared/status/statuses.ts (a test checks).
  tab            TEXT    GENERATED ALWAYS AS (CASE
                   WHEN status IN ('ERRATA', 'INCOMPLETA', 'COMPLETA') THEN 'DA_SPEDIRE'
                   WHEN status IN ('ATTESA', 'TRASM_CGN', 'BLOCCATA', 'TRASM_INPS') THEN 'SPEDITE'
                   WHEN status IN ('RICEVUTA', 'RETTIFICATA') THEN 'RICEVUTE'
                   ELSE 'SCARTATE' END) VIRTUAL,
  matricola      TEXT    NOT NULL,
  -- Titolare's codice fiscale and "COGNOME NOME", upper case: what "Ricerca dichiarazione" searches.
  codice_fiscale TEXT    NOT NULL,
  cognome_nome   TEXT    NOT NULL DEFAULT '',
  scarto_origin  TEXT    CHECK (scarto_origin IN ('INPS', 'CGN', 'CAF')),
  scarto_code    TEXT,
  scarto_message TEXT,
  rettifica_of   INTEGER REFERENCES declarations (id),
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL,
  deleted_at     TEXT
) STRICT;

-- Monitor list: one tab in progressivo order.
CREATE INDEX ix_declarations_tab ON declarations (tab, progressivo) WHERE deleted_at IS NULL;
-- "Ricerca dichiarazione" by partial codice fiscale / cognome e nome (prefix), and the duplicate check.
CREATE INDEX ix_declarations_cf ON declarations (codice_fiscale) WHERE deleted_at IS NULL;
CREATE INDEX ix_declarations_nome ON declarations (cognome_nome) WHERE deleted_at IS NULL;

CREATE TABLE subjects (
  id              INTEGER PRIMARY KEY,
  declaration_id  INTEGER NOT NULL REFERENCES declarations (id) ON DELETE CASCADE,
  role            TEXT    NOT NULL CHECK (role IN ('TITOLARE', 'CONIUGE', 'FIGLIO')),
  ordinal         INTEGER NOT NULL DEFAULT 0,
  codice_fiscale  TEXT,
  cognome         TEXT,
  nome            TEXT,
  sesso           TEXT    CHECK (sesso IN ('M', 'F')),
  data_nascita    TEXT,
  comune_nascita  TEXT,
  indirizzo       TEXT,
  cap             TEXT,
  comune          TEXT,
  provincia       TEXT,
  residenza_variata   INTEGER NOT NULL DEFAULT 0 CHECK (residenza_variata IN (0, 1)),
  coltivatore_diretto INTEGER NOT NULL DEFAULT 0 CHECK (coltivatore_diretto IN (0, 1)),
  UNIQUE (declaration_id, role, ordinal)
) STRICT;
CREATE INDEX ix_subjects_declaration ON subjects (declaration_id);

-- One row per subject and requested year: compile mode and attached tax return.
CREATE TABLE subject_years (
  id          INTEGER PRIMARY KEY,
  subject_id  INTEGER NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
  anno        INTEGER NOT NULL,
  modo        TEXT    CHECK (modo IN ('DOCUMENTATO', 'AUTOCERTIFICATO')),
  facoltativi INTEGER NOT NULL DEFAULT 0 CHECK (facoltativi IN (0, 1)),
  doc         TEXT    CHECK (doc IN ('730', 'UNICO', 'NESSUNA')),
  UNIQUE (subject_id, anno)
) STRICT;

-- Income rows A1 ... G2 of a subject for a year; amounts in whole euro.
CREATE TABLE income_rows (
  id              INTEGER PRIMARY KEY,
  subject_year_id INTEGER NOT NULL REFERENCES subject_years (id) ON DELETE CASCADE,
  rigo            TEXT    NOT NULL,
  importo         INTEGER NOT NULL,
  UNIQUE (subject_year_id, rigo)
) STRICT;

-- "Elenco dei redditi dichiarati e documenti esibiti": the lines whose sum is the row total.
CREATE TABLE income_documents (
  id            INTEGER PRIMARY KEY,
  income_row_id INTEGER NOT NULL REFERENCES income_rows (id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL,
  descrizione   TEXT    NOT NULL,
  importo       INTEGER NOT NULL
) STRICT;
CREATE INDEX ix_income_documents_row ON income_documents (income_row_id);

-- "Pensioni estere" grid (at most 6 rows, checked by the validation engine).
CREATE TABLE foreign_pensions (
  id             INTEGER PRIMARY KEY,
  declaration_id INTEGER NOT NULL REFERENCES declarations (id) ON DELETE CASCADE,
  riga           INTEGER NOT NULL,
  stato          TEXT    NOT NULL,
  istituzione    TEXT    NOT NULL,
  tipo           INTEGER NOT NULL CHECK (tipo BETWEEN 1 AND 5),
  UNIQUE (declaration_id, riga)
) STRICT;

CREATE TABLE foreign_pension_amounts (
  foreign_pension_id INTEGER NOT NULL REFERENCES foreign_pensions (id) ON DELETE CASCADE,
  anno               INTEGER NOT NULL,
  importo            INTEGER NOT NULL,
  PRIMARY KEY (foreign_pension_id, anno)
) STRICT;

-- "Note": Gruppo, Segnalibro, Appunti.
CREATE TABLE declaration_notes (
  declaration_id INTEGER PRIMARY KEY REFERENCES declarations (id) ON DELETE CASCADE,
  gruppo         TEXT,
  segnalibro     TEXT,
  appunti        TEXT
) STRICT;

-- Every status change (and creation / removal), written in the same transaction as the change.
CREATE TABLE status_history (
  id             INTEGER PRIMARY KEY,
  declaration_id INTEGER NOT NULL REFERENCES declarations (id),
  event          TEXT    NOT NULL CHECK (event IN ('CREAZIONE', 'CAMBIO_STATO', 'CANCELLAZIONE')),
  from_status    TEXT,
  to_status      TEXT,
  at             TEXT    NOT NULL,
  operator       TEXT    NOT NULL,
  reason         TEXT
) STRICT;
CREATE INDEX ix_status_history_declaration ON status_history (declaration_id, id);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
