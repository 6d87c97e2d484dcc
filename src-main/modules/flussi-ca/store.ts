/**
 * Flussi incassi C.A. in the archive (schema 0015; issue 15 points 4–6): an extraction is stored whole or not at all
 * and replaces the current one of its convenzione and year, which is kept to tell what changed; totals and search
 * are SQL over the current extraction's rows. Runs inside the archive worker.
 */
import { AppError } from '#shared/errors';
import { readElenco } from '#shared/modules/flussi-ca/elenco';
import { isoToIt } from '#shared/util/italian-input';
import type { CaDifferenza, CaEstrazione, CaRiga, CaVista } from '#shared/modules/flussi-ca/api';
import type { ArchiveDb } from '../../archive/db';

/** A list refused (line). */
export const CA_FILE_REFUSED = 'CA-01';
/** An older extraction after a newer one, or an unknown one. */
export const CA_REFUSED = 'CA-02';

type EstrazioneDb = {
  id: number;
  convenzione: string;
  descrizione: string;
  anno: number;
  data_estrazione: string;
  file_name: string;
  imported_at: string;
  righe: number;
  totale_cent: number;
  precedente_id: number | null;
  precedente_data: string | null;
};
const ESTRAZIONE_SELECT = `SELECT e.id, e.convenzione, e.descrizione, e.anno, e.data_estrazione, e.file_name, e.imported_at, e.righe, e.totale_cent,
  p.id AS precedente_id, p.data_estrazione AS precedente_data
  FROM ca_estrazioni e LEFT JOIN ca_estrazioni p ON p.replaced_by = e.id`;
const toEstrazione = (r: EstrazioneDb): CaEstrazione => ({
  id: r.id,
  convenzione: r.convenzione,
  descrizione: r.descrizione,
  anno: r.anno,
  dataEstrazione: r.data_estrazione,
  fileName: r.file_name,
  importedAt: r.imported_at,
  righe: r.righe,
  totaleCent: r.totale_cent,
  precedenteId: r.precedente_id,
  precedenteData: r.precedente_data,
});

/** The current extractions (one per convenzione and year), newest year first. */
export function estrazioni(a: ArchiveDb): CaEstrazione[] {
  return (a.prepared(`${ESTRAZIONE_SELECT} WHERE e.replaced_by IS NULL ORDER BY e.anno DESC, e.convenzione`).all() as EstrazioneDb[]).map(toEstrazione);
}

function estrazione(a: ArchiveDb, id: number): CaEstrazione {
  const r = a.prepared(`${ESTRAZIONE_SELECT} WHERE e.id = ?`).get(id) as EstrazioneDb | undefined;
  if (!r) throw new AppError({ code: CA_REFUSED, message: 'Estrazione non trovata.' });
  return toEstrazione(r);
}

export function importa(a: ArchiveDb, fileName: string, text: string, operator: string): { estrazione: CaEstrazione; differenze: { nuovi: number; variati: number; tolti: number } | null } {
  const r = readElenco(text);
  if (!r.ok) throw new AppError({ code: CA_FILE_REFUSED, message: `${fileName}: ${r.message} Nessun dato del file è stato memorizzato.`, field: 'file', details: { line: r.line } });
  const h = r.header;
  const id = a.db.transaction(() => {
    const current = a.prepared('SELECT id, data_estrazione FROM ca_estrazioni WHERE convenzione = ? AND anno = ? AND replaced_by IS NULL').get(h.convenzione, h.anno) as
      | { id: number; data_estrazione: string }
      | undefined;
    if (current && current.data_estrazione > h.dataEstrazione) {
      throw new AppError({
        code: CA_REFUSED,
        message: `${fileName}: l'estrazione del ${isoToIt(h.dataEstrazione)} è precedente a quella già importata del ${isoToIt(current.data_estrazione)} per la convenzione ${h.convenzione}, anno ${h.anno}: non la sostituisce. Nessun dato memorizzato.`,
      });
    }
    const now = a.now();
    const total = r.rows.reduce((s, x) => s + x.importoCent, 0);
    const newId = Number(
      a
        .prepared('INSERT INTO ca_estrazioni (convenzione, descrizione, anno, data_estrazione, file_name, imported_at, operator, righe, totale_cent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(h.convenzione, h.descrizione, h.anno, h.dataEstrazione, fileName, now, operator, r.rows.length, total).lastInsertRowid,
    );
    const add = a.prepared('INSERT INTO ca_incassi (estrazione_id, n, regione, codice_ditta, codice_contributo, importo_cent, data_pagamento) VALUES (?, ?, ?, ?, ?, ?, ?)');
    r.rows.forEach((x, n) => add.run(newId, n, x.regione, x.codiceDitta, x.codiceContributo, x.importoCent, x.dataPagamento));
    if (current) a.prepared('UPDATE ca_estrazioni SET replaced_by = ?, replaced_at = ? WHERE id = ?').run(newId, now, current.id);
    return newId;
  }).immediate();
  const e = estrazione(a, id);
  if (e.precedenteId === null) return { estrazione: e, differenze: null };
  const d = differenze(a, id);
  return { estrazione: e, differenze: { nuovi: d.filter((x) => x.tipo === 'NUOVO').length, variati: d.filter((x) => x.tipo === 'VARIATO').length, tolti: d.filter((x) => x.tipo === 'TOLTO').length } };
}

/**
 * What changed since the extraction this one replaced: payments keyed by codice ditta, codice contributo and data
 * pagamento (amounts of the same key summed): new ones, changed amounts, and those no longer listed.
 */
export function differenze(a: ArchiveDb, id: number): CaDifferenza[] {
  const e = estrazione(a, id);
  if (e.precedenteId === null) return [];
  // One plain read of each extraction, summed here (a GROUP BY over three text columns sorts every row).
  const sums = (eid: number) => {
    const m = new Map<string, { regione: string; codiceDitta: string; codiceContributo: string; dataPagamento: string; cent: number }>();
    const rows = a.prepared('SELECT regione, codice_ditta, codice_contributo, data_pagamento, importo_cent FROM ca_incassi WHERE estrazione_id = ?').raw().all(eid) as [string, string, string, string, number][];
    for (const [regione, codiceDitta, codiceContributo, dataPagamento, cent] of rows) {
      const k = `${codiceDitta}|${codiceContributo}|${dataPagamento}`;
      const x = m.get(k);
      if (x) x.cent += cent;
      else m.set(k, { regione, codiceDitta, codiceContributo, dataPagamento, cent });
    }
    return m;
  };
  const before = sums(e.precedenteId);
  const after = sums(id);
  const out: CaDifferenza[] = [];
  for (const [k, x] of after) {
    const b = before.get(k);
    if (!b) out.push({ tipo: 'NUOVO', regione: x.regione, codiceDitta: x.codiceDitta, codiceContributo: x.codiceContributo, dataPagamento: x.dataPagamento, primaCent: null, dopoCent: x.cent });
    else if (b.cent !== x.cent) out.push({ tipo: 'VARIATO', regione: x.regione, codiceDitta: x.codiceDitta, codiceContributo: x.codiceContributo, dataPagamento: x.dataPagamento, primaCent: b.cent, dopoCent: x.cent });
  }
  for (const [k, b] of before) {
    if (!after.has(k)) out.push({ tipo: 'TOLTO', regione: b.regione, codiceDitta: b.codiceDitta, codiceContributo: b.codiceContributo, dataPagamento: b.dataPagamento, primaCent: b.cent, dopoCent: null });
  }
  const order = { NUOVO: 0, VARIATO: 1, TOLTO: 2 };
  return out.sort((x, y) => order[x.tipo] - order[y.tipo] || x.codiceDitta.localeCompare(y.codiceDitta) || x.dataPagamento.localeCompare(y.dataPagamento));
}

const VISTE: Readonly<Record<Exclude<CaVista, 'righe'>, string>> = { regioni: 'regione', contributi: 'codice_contributo', ditte: 'codice_ditta' };

/** Totals by region, by codice contributo or by ditta; or the payments (righe), optionally of one codice ditta. */
export function vista(a: ArchiveDb, id: number, v: CaVista, ditta?: string): CaRiga[] {
  estrazione(a, id);
  const d = ditta?.trim() ?? '';
  if (v === 'righe') {
    const rows = a
      .prepared(
        `SELECT codice_ditta, regione, codice_contributo, data_pagamento, importo_cent FROM ca_incassi WHERE estrazione_id = ? ${d ? 'AND codice_ditta = ?' : ''} ORDER BY n LIMIT 20000`,
      )
      .all(...(d ? [id, d] : [id])) as { codice_ditta: string; regione: string; codice_contributo: string; data_pagamento: string; importo_cent: number }[];
    return rows.map((r) => ({ chiave: r.codice_ditta, regione: r.regione, codiceContributo: r.codice_contributo, dataPagamento: r.data_pagamento, incassi: 1, importoCent: r.importo_cent }));
  }
  const col = VISTE[v];
  const order = v === 'ditte' ? 'length(k), k' : 'k';
  const rows = a
    .prepared(`SELECT ${col} AS k, count(*) AS n, sum(importo_cent) AS cent FROM ca_incassi WHERE estrazione_id = ? ${d ? 'AND codice_ditta = ?' : ''} GROUP BY ${col} ORDER BY ${order}`)
    .all(...(d ? [id, d] : [id])) as { k: string; n: number; cent: number }[];
  return rows.map((r) => ({ chiave: r.k, regione: null, codiceContributo: null, dataPagamento: null, incassi: r.n, importoCent: r.cent }));
}
