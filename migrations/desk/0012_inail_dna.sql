-- INAIL "Denuncia nominativa degli assicurati" (issue 15; seed 002, red-domain.md §12.3): the employers served by
-- the desk with their reserved access code, their notices (hiring and/or end of employment) and the DNA files made.
-- A notice put in a file points to it (file_id); a notice read from another program's file names that file.

CREATE TABLE dna_datori (
  id             INTEGER PRIMARY KEY,
  codice_fiscale TEXT    NOT NULL UNIQUE CHECK (length(codice_fiscale) IN (11, 16)),
  codice_accesso TEXT    NOT NULL CHECK (length(codice_accesso) = 4),
  denominazione  TEXT    NOT NULL DEFAULT '',
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL
) STRICT;

CREATE TABLE dna_files (
  id          INTEGER PRIMARY KEY,
  file_name   TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  operator    TEXT    NOT NULL,
  records     INTEGER NOT NULL CHECK (records > 0),
  -- The last time the file was made again ("Ricrea file"), with its new name.
  recreated_at   TEXT,
  recreated_name TEXT
) STRICT;

CREATE TABLE dna_denunce (
  id             INTEGER PRIMARY KEY,
  datore_id      INTEGER NOT NULL REFERENCES dna_datori (id),
  cf_lavoratore  TEXT    NOT NULL CHECK (length(cf_lavoratore) IN (0, 16)),
  posizione      TEXT    NOT NULL CHECK (length(posizione) = 9),
  data_inizio    TEXT,
  data_fine      TEXT,
  straniero      INTEGER NOT NULL CHECK (straniero IN (0, 1)),
  cognome        TEXT    NOT NULL DEFAULT '',
  nome           TEXT    NOT NULL DEFAULT '',
  file_id        INTEGER REFERENCES dna_files (id),
  letta_da       TEXT,
  created_at     TEXT    NOT NULL,
  updated_at     TEXT    NOT NULL,
  CHECK (data_inizio IS NOT NULL OR data_fine IS NOT NULL),
  CHECK (data_fine IS NULL OR data_inizio IS NULL OR data_fine >= data_inizio)
) STRICT;
CREATE INDEX ix_dna_denunce_datore ON dna_denunce (datore_id, id);
-- "Crea file" takes the notices not yet in a file.
CREATE INDEX ix_dna_denunce_da_inviare ON dna_denunce (datore_id, id) WHERE file_id IS NULL;
CREATE INDEX ix_dna_denunce_file ON dna_denunce (file_id) WHERE file_id IS NOT NULL;
