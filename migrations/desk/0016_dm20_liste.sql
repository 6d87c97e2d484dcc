-- DM20-REG, the rest of option D and option F (issue 16; INPS circolare 83/1992 §§9, 11).
-- On the SC7/24: the tipo movimento of the difference lists (1 = incassi through the collecting bodies, 2 = internal
-- accounting operations such as a fuori sede; §9.2 N.B.), when lists B, C and E were printed (F needs them), when it
-- was cancelled by F (cancellato_at: its DM11 and slips are gone; the row stays as the accounting control record,
-- DS79) and the counts and amounts of its slips as forwarded (the monthly list of §9.4, the statistics H and the
-- DS79 lists read them, so F does not change them).
ALTER TABLE dm20_sc724 ADD COLUMN tipo_movimento TEXT NOT NULL DEFAULT '1' CHECK (tipo_movimento IN ('1', '2'));
ALTER TABLE dm20_sc724 ADD COLUMN lista_b_at TEXT;
ALTER TABLE dm20_sc724 ADD COLUMN lista_c_at TEXT;
ALTER TABLE dm20_sc724 ADD COLUMN lista_e_at TEXT;
ALTER TABLE dm20_sc724 ADD COLUMN cancellato_at TEXT;
ALTER TABLE dm20_sc724 ADD COLUMN n_esatti INTEGER;
ALTER TABLE dm20_sc724 ADD COLUMN imp_esatti INTEGER;
ALTER TABLE dm20_sc724 ADD COLUMN n_fuori_sede INTEGER;
ALTER TABLE dm20_sc724 ADD COLUMN imp_fuori_sede INTEGER;
ALTER TABLE dm20_sc724 ADD COLUMN n_doc_diversi INTEGER;
ALTER TABLE dm20_sc724 ADD COLUMN imp_doc_diversi INTEGER;

UPDATE dm20_sc724 SET
  n_esatti = (SELECT count(*) FROM dm20_bollettini b WHERE b.sc724_id = dm20_sc724.id AND b.esito = 'esatto'),
  imp_esatti = (SELECT coalesce(sum(importo_lire), 0) FROM dm20_bollettini b WHERE b.sc724_id = dm20_sc724.id AND b.esito = 'esatto'),
  n_fuori_sede = (SELECT count(*) FROM dm20_bollettini b WHERE b.sc724_id = dm20_sc724.id AND b.esito = 'fuori-sede'),
  imp_fuori_sede = (SELECT coalesce(sum(importo_lire), 0) FROM dm20_bollettini b WHERE b.sc724_id = dm20_sc724.id AND b.esito = 'fuori-sede'),
  n_doc_diversi = (SELECT count(*) FROM dm20_bollettini b WHERE b.sc724_id = dm20_sc724.id AND b.esito = 'documento-diverso'),
  imp_doc_diversi = (SELECT coalesce(sum(importo_lire), 0) FROM dm20_bollettini b WHERE b.sc724_id = dm20_sc724.id AND b.esito = 'documento-diverso')
WHERE inoltrato_at IS NOT NULL;

-- The collections DD and FS keep their own copy of the slip (as the circular's archive 30 does), so the monthly
-- lists survive F deleting the slips: the table is rebuilt with those columns and bollettino_id set to NULL when the
-- slip goes.
CREATE TABLE dm20_collezioni_0016 (
  id                 INTEGER PRIMARY KEY,
  sc724_id           INTEGER NOT NULL REFERENCES dm20_sc724 (id) ON DELETE CASCADE,
  collezione         TEXT    NOT NULL CHECK (collezione IN ('DD', 'FS', 'RC')),
  bollettino_id      INTEGER REFERENCES dm20_bollettini (id) ON DELETE SET NULL,
  importo            INTEGER NOT NULL,
  -- RC only: "grande" (above 5.000 lire) or "piccola", credit or debit of INPS.
  tipo_diff          TEXT    CHECK (tipo_diff IS NULL OR tipo_diff IN ('grande', 'piccola')),
  segno              TEXT    CHECK (segno IS NULL OR segno IN ('credito', 'debito')),
  -- DD and FS only: the slip as forwarded (numero within the SC7/24, boxes as typed, codes of its findings).
  numero             INTEGER,
  documento_diverso  INTEGER CHECK (documento_diverso IS NULL OR documento_diverso IN (0, 1)),
  matricola          TEXT,
  sap                TEXT,
  dal                TEXT,
  al                 TEXT,
  data_versamento    TEXT,
  codici             TEXT,
  created_at         TEXT    NOT NULL,
  CHECK ((collezione = 'RC') = (numero IS NULL))
) STRICT;
INSERT INTO dm20_collezioni_0016 (id, sc724_id, collezione, bollettino_id, importo, tipo_diff, segno, numero, documento_diverso, matricola, sap, dal, al,
  data_versamento, codici, created_at)
SELECT c.id, c.sc724_id, c.collezione, c.bollettino_id, c.importo, c.tipo_diff, c.segno, b.numero, b.documento_diverso, b.matricola, b.sap, b.dal, b.al,
  b.data_versamento, (SELECT coalesce(group_concat(json_extract(f.value, '$.code'), ' '), '') FROM json_each(b.findings) f), c.created_at
FROM dm20_collezioni c LEFT JOIN dm20_bollettini b ON b.id = c.bollettino_id;
DROP TABLE dm20_collezioni;
ALTER TABLE dm20_collezioni_0016 RENAME TO dm20_collezioni;
CREATE INDEX ix_dm20_collezioni_sc724 ON dm20_collezioni (sc724_id, collezione);
