-- INAIL "Flussi incassi C.A." (issue 15; seed 003, red-domain.md §12.4): the lists of the contributi associativi
-- downloaded by an association. Each extraction replaces the previous one for the same convenzione and year
-- (replaced_by), which stays so that the desk can tell what changed.

CREATE TABLE ca_estrazioni (
  id              INTEGER PRIMARY KEY,
  convenzione     TEXT    NOT NULL CHECK (length(convenzione) = 4),
  descrizione     TEXT    NOT NULL,
  anno            INTEGER NOT NULL,
  data_estrazione TEXT    NOT NULL,
  file_name       TEXT    NOT NULL,
  imported_at     TEXT    NOT NULL,
  operator        TEXT    NOT NULL,
  righe           INTEGER NOT NULL CHECK (righe >= 0),
  totale_cent     INTEGER NOT NULL,
  replaced_by     INTEGER REFERENCES ca_estrazioni (id),
  replaced_at     TEXT
) STRICT;
CREATE INDEX ix_ca_estrazioni_corrente ON ca_estrazioni (convenzione, anno) WHERE replaced_by IS NULL;
CREATE INDEX ix_ca_estrazioni_replaced ON ca_estrazioni (replaced_by) WHERE replaced_by IS NOT NULL;

CREATE TABLE ca_incassi (
  estrazione_id     INTEGER NOT NULL REFERENCES ca_estrazioni (id),
  n                 INTEGER NOT NULL,
  regione           TEXT    NOT NULL,
  codice_ditta      TEXT    NOT NULL,
  codice_contributo TEXT    NOT NULL,
  importo_cent      INTEGER NOT NULL,
  data_pagamento    TEXT    NOT NULL,
  PRIMARY KEY (estrazione_id, n)
) STRICT, WITHOUT ROWID;
CREATE INDEX ix_ca_incassi_ditta ON ca_incassi (estrazione_id, codice_ditta);
