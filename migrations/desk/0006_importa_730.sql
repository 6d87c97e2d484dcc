-- Schema 6: the 730s of the CAF held on the desk (issue 12; ../shared/reference/730-file.md, guide pp. 85–86).
-- Utilità → "Importa file 730" reads a whole file in one transaction: one row for the file, one per 730, one per
-- line. A newer file for the same codice fiscale and modello replaces the older 730, which stays as history
-- (replaced_by points to the 730 that took its place).

CREATE TABLE files_730 (
  id        INTEGER PRIMARY KEY,
  file_name TEXT    NOT NULL,
  read_at   TEXT    NOT NULL,
  operator  TEXT    NOT NULL,
  count_730 INTEGER NOT NULL CHECK (count_730 >= 0),
  replaced  INTEGER NOT NULL DEFAULT 0 CHECK (replaced >= 0)
) STRICT;

CREATE TABLE dich_730 (
  id             INTEGER PRIMARY KEY,
  file_id        INTEGER NOT NULL REFERENCES files_730 (id),
  file_line      INTEGER NOT NULL,
  modello        TEXT    NOT NULL CHECK (modello IN ('730/2008', '730/2009')),
  cf_dichiarante TEXT    NOT NULL CHECK (length(cf_dichiarante) = 16),
  cf_coniuge     TEXT    CHECK (cf_coniuge IS NULL OR length(cf_coniuge) = 16),
  stato          TEXT    NOT NULL CHECK (stato IN ('TRASM_CGN', 'IN_LAVORAZIONE', 'ANNULLATO')),
  data_stato     TEXT    NOT NULL,
  replaced_by    INTEGER REFERENCES dich_730 (id),
  replaced_at    TEXT
) STRICT;
-- The current 730s (not replaced), found by either codice fiscale: the import and the cross-check look them up.
CREATE INDEX ix_dich_730_dichiarante ON dich_730 (cf_dichiarante, modello) WHERE replaced_by IS NULL;
CREATE INDEX ix_dich_730_coniuge ON dich_730 (cf_coniuge, modello) WHERE replaced_by IS NULL AND cf_coniuge IS NOT NULL;

CREATE TABLE righe_730 (
  dich_id   INTEGER NOT NULL REFERENCES dich_730 (id),
  n         INTEGER NOT NULL,
  record    TEXT    NOT NULL CHECK (record IN ('P', 'C', 'D')),
  cf        TEXT    NOT NULL,
  sezione   TEXT    CHECK (sezione IS NULL OR sezione IN ('I', 'II')),
  rigo      TEXT    NOT NULL,
  tipologia TEXT,
  col2      TEXT,
  codice    INTEGER,
  importo   INTEGER NOT NULL,
  campo_red TEXT,
  estero    INTEGER CHECK (estero IS NULL OR estero IN (0, 1)),
  PRIMARY KEY (dich_id, n)
) STRICT, WITHOUT ROWID;
