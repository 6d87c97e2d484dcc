/**
 * DM20-REG: what the lists C and E are made of (D) and the state of the archives with the statistics per year (E, H).
 */
import type { ListaSlip } from '#shared/modules/dm20/liste';
import type { ArchiveDb } from '../../archive/db';
import { toSlip, type SlipDb } from './store';

/** The slips of the forwarded SC7/24 (what lists C and E are made of), by SC7/24 and numero. */
export function listaSlips(a: ArchiveDb): ListaSlip[] {
  const rows = a
    .prepared(
      `SELECT b.*, s.tipo || ' ' || s.articolo || ' ' || s.numero AS chiave FROM dm20_bollettini b JOIN dm20_sc724 s ON s.id = b.sc724_id
       WHERE s.inoltrato_at IS NOT NULL ORDER BY s.numero, s.articolo, b.numero`,
    )
    .all() as (SlipDb & { chiave: string })[];
  return rows.map((r) => {
    const s = toSlip(r);
    return { sc724: r.chiave, numero: s.numero, documentoDiverso: s.documentoDiverso, matricola: s.matricola, sap: s.sap, importoLire: s.importoLire, dal: s.dal, al: s.al, dataVersamento: s.dataVersamento, esito: s.esito, findings: s.findings };
  });
}

// ----- E situazione archivi, H statistiche -----

/**
 * E — the state of the archives (acquisition: SC7/24, DM11 and slips not forwarded; management: forwarded SC7/24
 * and slips, less those cancelled by F; the collections DD, FS, RC) and H — the statistics per accounting year (the year of the data articolo):
 * slips loaded, esatti, stornati (fuori sede and documenti diversi).
 */
export function situazione(a: ArchiveDb) {
  const one = (sql: string) => a.prepared(sql).get() as { n: number; importo: number };
  const acq = 'SELECT id FROM dm20_sc724 WHERE inoltrato_at IS NULL';
  // The management archive (DS19): forwarded and not cancelled by F.
  const ino = 'SELECT id FROM dm20_sc724 WHERE inoltrato_at IS NOT NULL AND cancellato_at IS NULL';
  const coll = (c: string) => one(`SELECT count(*) AS n, coalesce(sum(importo), 0) AS importo FROM dm20_collezioni WHERE collezione = '${c}'`);
  return {
    acquisizione: {
      sc724: one(`SELECT count(*) AS n, coalesce(sum(importo), 0) AS importo FROM dm20_sc724 WHERE inoltrato_at IS NULL`),
      dm11: one(`SELECT count(*) AS n, coalesce(sum(importo), 0) AS importo FROM dm20_dm11 WHERE sc724_id IN (${acq})`),
      bollettini: one(`SELECT count(*) AS n, coalesce(sum(importo_lire), 0) AS importo FROM dm20_bollettini WHERE sc724_id IN (${acq})`),
    },
    gestione: {
      sc724: one(`SELECT count(*) AS n, coalesce(sum(importo), 0) AS importo FROM dm20_sc724 WHERE id IN (${ino})`),
      bollettini: one(`SELECT count(*) AS n, coalesce(sum(importo_lire), 0) AS importo FROM dm20_bollettini WHERE sc724_id IN (${ino})`),
    },
    collezioni: { DD: coll('DD'), FS: coll('FS'), RC: coll('RC') },
    statistiche: a
      .prepared(
        // Not forwarded: the slips as acquired; forwarded: the counts stored at the inoltro (F deletes the slips).
        `SELECT anno, sum(caricati) AS caricati, sum(esatti) AS esatti, sum(stornati) AS stornati FROM (
           SELECT 1990 + CAST(substr(s.numero, 1, 1) AS INTEGER) AS anno, count(*) AS caricati,
                  sum(b.esito = 'esatto') AS esatti, sum(b.esito <> 'esatto') AS stornati
           FROM dm20_bollettini b JOIN dm20_sc724 s ON s.id = b.sc724_id WHERE s.inoltrato_at IS NULL GROUP BY anno
           UNION ALL
           SELECT 1990 + CAST(substr(numero, 1, 1) AS INTEGER), n_esatti + n_fuori_sede + n_doc_diversi, n_esatti, n_fuori_sede + n_doc_diversi
           FROM dm20_sc724 WHERE inoltrato_at IS NOT NULL
         ) GROUP BY anno HAVING sum(caricati) > 0 ORDER BY anno`,
      )
      .all() as { anno: number; caricati: number; esatti: number; stornati: number }[],
  };
}
