-- "Acquisizione DM20-REG" (issue 16; INPS circolare 83/1992, seed 001, red-domain.md §12.2). Amounts are whole lire
-- (INTEGER). The reference data: the acquiring sede, the firms (the circular's firms archive) and the highest
-- progressivo per sede (DS09). The acquisition: SC7/24 (archive 82) with its DM11 and DM20-REG slips (archive 78);
-- a forwarded SC7/24 (inoltrato_at set) has left the acquisition archive; the collections DD, FS and RC built at the
-- inoltro (archives 30 and 83).

CREATE TABLE dm20_impostazioni (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  sede  TEXT    NOT NULL CHECK (length(sede) = 4)
) STRICT;

CREATE TABLE dm20_aziende (
  matricola        TEXT PRIMARY KEY CHECK (length(matricola) = 10),
  sede             TEXT NOT NULL CHECK (length(sede) = 4),
  costituzione     TEXT,
  tipo_cessazione  TEXT CHECK (tipo_cessazione IS NULL OR length(tipo_cessazione) = 1),
  data_cessazione  TEXT,
  sospensione      TEXT,
  updated_at       TEXT NOT NULL
) STRICT;

CREATE TABLE dm20_progressivi (
  sede     TEXT    PRIMARY KEY CHECK (length(sede) = 4),
  massimo  INTEGER NOT NULL CHECK (massimo BETWEEN 1 AND 99999)
) STRICT;

CREATE TABLE dm20_sc724 (
  id                      INTEGER PRIMARY KEY,
  tipo                    TEXT    NOT NULL CHECK (tipo = '6'),
  articolo                TEXT    NOT NULL CHECK (length(articolo) = 6),
  numero                  TEXT    NOT NULL CHECK (length(numero) = 5 AND numero >= '20102'),
  importo_contabilizzato  INTEGER NOT NULL CHECK (importo_contabilizzato >= 0),
  importo                 INTEGER NOT NULL CHECK (importo >= 0),
  -- Set by the quadratura when lists A and B square; cleared by every change.
  quadrato_at             TEXT,
  inoltrato_at            TEXT,
  created_at              TEXT    NOT NULL,
  updated_at              TEXT    NOT NULL,
  UNIQUE (tipo, articolo, numero)
) STRICT;
CREATE INDEX ix_dm20_sc724_inoltro ON dm20_sc724 (inoltrato_at);

CREATE TABLE dm20_dm11 (
  id           INTEGER PRIMARY KEY,
  sc724_id     INTEGER NOT NULL REFERENCES dm20_sc724 (id) ON DELETE CASCADE,
  progressivo  TEXT    NOT NULL CHECK (length(progressivo) = 4),
  importo      INTEGER NOT NULL CHECK (importo >= 0),
  UNIQUE (sc724_id, progressivo)
) STRICT;

CREATE TABLE dm20_bollettini (
  id                 INTEGER PRIMARY KEY,
  sc724_id           INTEGER NOT NULL REFERENCES dm20_sc724 (id) ON DELETE CASCADE,
  dm11_id            INTEGER NOT NULL REFERENCES dm20_dm11 (id) ON DELETE CASCADE,
  -- The DM20-REG progressivo within the SC7/24 (part of the circular's key).
  numero             INTEGER NOT NULL,
  documento_diverso  INTEGER NOT NULL CHECK (documento_diverso IN (0, 1)),
  -- The boxes as typed (nothing lost), and what the checks read from them.
  matricola          TEXT    NOT NULL,
  sap                TEXT    NOT NULL,
  tipo_archivio      TEXT    NOT NULL,
  importo            TEXT    NOT NULL,
  inadempienza       TEXT    NOT NULL,
  dal                TEXT    NOT NULL,
  al                 TEXT    NOT NULL,
  data_versamento    TEXT    NOT NULL,
  importo_lire       INTEGER,
  esito              TEXT    NOT NULL CHECK (esito IN ('esatto', 'fuori-sede', 'documento-diverso')),
  -- JSON array of the findings {code, field, message}.
  findings           TEXT    NOT NULL,
  bloccante          INTEGER NOT NULL CHECK (bloccante IN (0, 1)),
  periodo_errato     INTEGER NOT NULL CHECK (periodo_errato IN (0, 1)),
  acquired_at        TEXT    NOT NULL,
  UNIQUE (sc724_id, numero)
) STRICT;
CREATE INDEX ix_dm20_bollettini_dm11 ON dm20_bollettini (dm11_id);

CREATE TABLE dm20_collezioni (
  id            INTEGER PRIMARY KEY,
  sc724_id      INTEGER NOT NULL REFERENCES dm20_sc724 (id) ON DELETE CASCADE,
  collezione    TEXT    NOT NULL CHECK (collezione IN ('DD', 'FS', 'RC')),
  bollettino_id INTEGER REFERENCES dm20_bollettini (id) ON DELETE CASCADE,
  importo       INTEGER NOT NULL,
  -- RC only: "grande" (above 5.000 lire) or "piccola", credit or debit of INPS.
  tipo_diff     TEXT    CHECK (tipo_diff IS NULL OR tipo_diff IN ('grande', 'piccola')),
  segno         TEXT    CHECK (segno IS NULL OR segno IN ('credito', 'debito')),
  created_at    TEXT    NOT NULL,
  CHECK ((collezione = 'RC') = (bollettino_id IS NULL))
) STRICT;
CREATE INDEX ix_dm20_collezioni_sc724 ON dm20_collezioni (sc724_id, collezione);
