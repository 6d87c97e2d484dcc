-- Schema 2: what the declaration editor fills in (guide pp. 76–95).

-- "Conferma/aggiornamento dati anagrafici", RED breve options, domiciliazione, erede, ente pensionistico.
CREATE TABLE declaration_details (
  declaration_id          INTEGER PRIMARY KEY REFERENCES declarations (id) ON DELETE CASCADE,
  codice_fiscale          TEXT    NOT NULL,
  stato_civile            TEXT    CHECK (stato_civile IN ('1', '2', '3', '4', '5')),
  stato_civile_decorrenza TEXT,
  numero_figli            INTEGER NOT NULL DEFAULT 0 CHECK (numero_figli BETWEEN 0 AND 14),
  deceduto                INTEGER NOT NULL DEFAULT 0 CHECK (deceduto IN (0, 1)),
  data_decesso            TEXT,
  espatriato              INTEGER NOT NULL DEFAULT 0 CHECK (espatriato IN (0, 1)),
  data_espatrio           TEXT,
  zero_red                INTEGER NOT NULL DEFAULT 0 CHECK (zero_red IN (0, 1)),
  rinuncia                INTEGER NOT NULL DEFAULT 0 CHECK (rinuncia IN (0, 1)),
  domiciliazione          INTEGER NOT NULL DEFAULT 0 CHECK (domiciliazione IN (0, 1)),
  erede_codice_fiscale    TEXT    NOT NULL DEFAULT '',
  erede_nominativo        TEXT    NOT NULL DEFAULT '',
  ente_codice             TEXT,
  ente_non_codificato     INTEGER NOT NULL DEFAULT 0 CHECK (ente_non_codificato IN (0, 1))
) STRICT;

-- Subjects: a stable key for the editor, "Inverti 1900/2000", the coniuge's date of death.
ALTER TABLE subjects ADD COLUMN subject_key TEXT;
ALTER TABLE subjects ADD COLUMN inverti_secolo INTEGER NOT NULL DEFAULT 0 CHECK (inverti_secolo IN (0, 1));
ALTER TABLE subjects ADD COLUMN data_decesso TEXT;

-- The foreign pension grid belongs to a subject (titolare, coniuge or figlio), and a row being filled in
-- may not have its Tipo yet (EST-01 reports it). SQLite cannot change a CHECK in place: the two tables
-- are rebuilt (children dropped first, so no cascade fires) and renamed to their old names.
CREATE TABLE foreign_pension_rows (
  id             INTEGER PRIMARY KEY,
  declaration_id INTEGER NOT NULL REFERENCES declarations (id) ON DELETE CASCADE,
  subject_id     INTEGER REFERENCES subjects (id) ON DELETE CASCADE,
  riga           INTEGER NOT NULL,
  stato          TEXT    NOT NULL,
  istituzione    TEXT    NOT NULL,
  tipo           INTEGER CHECK (tipo IS NULL OR tipo BETWEEN 1 AND 5),
  UNIQUE (declaration_id, riga)
) STRICT;
CREATE TABLE foreign_pension_row_amounts (
  foreign_pension_id INTEGER NOT NULL REFERENCES foreign_pension_rows (id) ON DELETE CASCADE,
  anno               INTEGER NOT NULL,
  importo            INTEGER NOT NULL,
  PRIMARY KEY (foreign_pension_id, anno)
) STRICT;
INSERT INTO foreign_pension_rows (id, declaration_id, subject_id, riga, stato, istituzione, tipo)
SELECT p.id, p.declaration_id,
       (SELECT s.id FROM subjects s WHERE s.declaration_id = p.declaration_id AND s.role = 'TITOLARE'),
       p.riga, p.stato, p.istituzione, p.tipo
FROM foreign_pensions p;
INSERT INTO foreign_pension_row_amounts SELECT foreign_pension_id, anno, importo FROM foreign_pension_amounts;
DROP TABLE foreign_pension_amounts;
DROP TABLE foreign_pensions;
ALTER TABLE foreign_pension_rows RENAME TO foreign_pensions;
ALTER TABLE foreign_pension_row_amounts RENAME TO foreign_pension_amounts;
CREATE INDEX ix_foreign_pensions_subject ON foreign_pensions (subject_id);

-- Declarations created with schema 1 get their details from what they already hold: the titolare's
-- codice fiscale and the number of children of the matricola (position 21: 0-9, A-E = 10-14).
INSERT INTO declaration_details (declaration_id, codice_fiscale, numero_figli)
SELECT id, codice_fiscale,
       CASE substr(matricola, 21, 1)
         WHEN 'A' THEN 10 WHEN 'B' THEN 11 WHEN 'C' THEN 12 WHEN 'D' THEN 13 WHEN 'E' THEN 14
         ELSE CAST(substr(matricola, 21, 1) AS INTEGER) END
FROM declarations;

UPDATE subjects SET subject_key = CASE role
  WHEN 'TITOLARE' THEN 'titolare'
  WHEN 'CONIUGE' THEN 'coniuge'
  ELSE 'figlio-' || ordinal END;
