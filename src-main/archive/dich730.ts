/**
 * The 730s of the CAF held on the desk (schema 6; ../shared/reference/730-file.md, guide pp. 85–86): Utilità →
 * "Importa file 730" stores a whole file in one transaction, or nothing; the list of the 730s held; the current
 * 730s of some codici fiscali for "Importazione 730" and the cross-check.
 */
import { AppError } from '#shared/errors';
import { read730File } from '#shared/import730/file';
import type { Dichiarazione730, Held730, Riga730 } from '#shared/import730/model';
import type { ArchiveDb } from './db';
import { bulkInsert } from './records';
import type { Righe730Table } from './schema';

/** Code of a refused 730 file (catalogued with the IMP codes). */
export const FILE_730_REFUSED = 'IMP-10';

export interface Import730Result {
  fileId: number;
  fileName: string;
  readAt: string;
  count: number;
  /** Older 730s (same codice fiscale and modello) this file replaced; they stay in the history. */
  replaced: number;
}

/** Reads and stores a 730 file: everything in one transaction, or a refusal naming line and field and nothing stored. */
export function importFile730(a: ArchiveDb, fileName: string, text: string, operator: string): Import730Result {
  const r = read730File(text);
  if (!r.ok) {
    throw new AppError({ code: FILE_730_REFUSED, message: `${fileName}: ${r.error.message} Nessun 730 del file è stato memorizzato.`, field: 'file', details: r.error });
  }
  return storeFile730(a, fileName, r.dichiarazioni, r.lines, operator);
}

/** @internal Stores already read 730s (the tests also use it to make a transaction fail halfway). */
export function storeFile730(a: ArchiveDb, fileName: string, list: readonly Dichiarazione730[], lines: readonly number[], operator: string): Import730Result {
  const insertDich = bulkInsert(a, 'dich_730', ['file_id', 'file_line', 'modello', 'cf_dichiarante', 'cf_coniuge', 'stato', 'data_stato']);
  const insertRiga = bulkInsert(a, 'righe_730', ['dich_id', 'n', 'record', 'cf', 'sezione', 'rigo', 'tipologia', 'col2', 'codice', 'importo', 'campo_red', 'estero']);
  const findCurrent = a.prepared('SELECT id FROM dich_730 WHERE cf_dichiarante = ? AND modello = ? AND replaced_by IS NULL AND file_id <> ?');
  const markReplaced = a.prepared('UPDATE dich_730 SET replaced_by = ?, replaced_at = ? WHERE id = ?');
  return a.write(() => {
    const readAt = a.now();
    const fileId = Number(a.run(a.q.insertInto('files_730').values({ file_name: fileName, read_at: readAt, operator, count_730: list.length })).lastInsertRowid);
    let replaced = 0;
    list.forEach((d, i) => {
      const id = Number(
        insertDich({ file_id: fileId, file_line: lines[i] ?? 0, modello: d.modello, cf_dichiarante: d.cfDichiarante, cf_coniuge: d.cfConiuge, stato: d.stato, data_stato: d.dataStato }).lastInsertRowid,
      );
      for (const old of findCurrent.all(d.cfDichiarante, d.modello, fileId) as { id: number }[]) {
        markReplaced.run(id, readAt, old.id);
        replaced++;
      }
      d.righe.forEach((r, n) => insertRiga({ dich_id: id, n, ...rigaColumns(r) }));
    });
    if (replaced > 0) a.run(a.q.updateTable('files_730').set({ replaced }).where('id', '=', fileId));
    return { fileId, fileName, readAt, count: list.length, replaced };
  });
}

function rigaColumns(r: Riga730) {
  switch (r.record) {
    case 'P':
      return { record: 'P' as const, cf: r.cf, sezione: null, rigo: String(r.rigo), tipologia: null, col2: null, codice: null, importo: r.importo, campo_red: null, estero: null };
    case 'C':
      return { record: 'C' as const, cf: r.cf, sezione: r.sezione, rigo: r.rigo, tipologia: r.tipologia, col2: r.col2, codice: null, importo: r.importo, campo_red: r.campoRed, estero: r.estero ? 1 : 0 };
    case 'D':
      return { record: 'D' as const, cf: r.cf, sezione: null, rigo: r.rigo, tipologia: null, col2: null, codice: r.codice, importo: r.importo, campo_red: r.campoRed, estero: null };
  }
}

/** A stored line as read back (the table's columns, schema.ts). */
type RigaRow = Omit<Righe730Table, 'n'>;

function toRiga(r: RigaRow): Riga730 {
  switch (r.record) {
    case 'P':
      return { record: 'P', cf: r.cf, rigo: Number(r.rigo) as 1 | 2 | 3 | 7, importo: r.importo };
    case 'C':
      return {
        record: 'C',
        cf: r.cf,
        sezione: r.sezione ?? 'I',
        rigo: r.rigo,
        tipologia: r.tipologia as '1' | '2' | '3' | null,
        col2: r.col2 as '1' | '2' | null,
        importo: r.importo,
        campoRed: r.campo_red as Extract<Riga730, { record: 'C' }>['campoRed'],
        estero: r.estero === 1,
      };
    case 'D':
      return { record: 'D', cf: r.cf, rigo: r.rigo as Extract<Riga730, { record: 'D' }>['rigo'], codice: r.codice ?? 0, importo: r.importo, campoRed: r.campo_red as Extract<Riga730, { record: 'D' }>['campoRed'] };
  }
}

interface DichRow {
  id: number;
  modello: '730/2008' | '730/2009';
  cf_dichiarante: string;
  cf_coniuge: string | null;
  stato: 'TRASM_CGN' | 'IN_LAVORAZIONE' | 'ANNULLATO';
  data_stato: string;
  file_name: string;
  read_at: string;
}

const DICH_SELECT = 'SELECT d.id, d.modello, d.cf_dichiarante, d.cf_coniuge, d.stato, d.data_stato, f.file_name, f.read_at FROM dich_730 d JOIN files_730 f ON f.id = d.file_id';

/** The current 730s (not replaced) where one of `cfs` is the dichiarante or the coniuge dichiarante, with their lines. */
export function current730For(a: ArchiveDb, cfs: readonly string[]): Held730[] {
  const wanted = [...new Set(cfs.map((c) => c.trim().toUpperCase()).filter((c) => c.length === 16))];
  if (wanted.length === 0) return [];
  const byDich = a.prepared(`${DICH_SELECT} WHERE d.cf_dichiarante = ? AND d.replaced_by IS NULL`);
  const byConiuge = a.prepared(`${DICH_SELECT} WHERE d.cf_coniuge = ? AND d.replaced_by IS NULL AND d.cf_coniuge IS NOT NULL`);
  const righe = a.prepared('SELECT dich_id, record, cf, sezione, rigo, tipologia, col2, codice, importo, campo_red, estero FROM righe_730 WHERE dich_id = ? ORDER BY n');
  const found = new Map<number, DichRow>();
  for (const cf of wanted) {
    for (const r of byDich.all(cf) as DichRow[]) found.set(r.id, r);
    for (const r of byConiuge.all(cf) as DichRow[]) found.set(r.id, r);
  }
  return [...found.values()]
    .sort((x, y) => x.id - y.id)
    .map((d) => ({
      id: d.id,
      modello: d.modello,
      cfDichiarante: d.cf_dichiarante,
      cfConiuge: d.cf_coniuge,
      stato: d.stato,
      dataStato: d.data_stato,
      fileName: d.file_name,
      readAt: d.read_at,
      righe: (righe.all(d.id) as RigaRow[]).map(toRiga),
    }));
}

export interface List730Row {
  id: number;
  modello: '730/2008' | '730/2009';
  cfDichiarante: string;
  cfConiuge: string | null;
  stato: 'TRASM_CGN' | 'IN_LAVORAZIONE' | 'ANNULLATO';
  dataStato: string;
  fileName: string;
  readAt: string;
  righe: number;
  /** When a newer file replaced it (history), else null. */
  replacedAt: string | null;
}

/**
 * The 730s held, newest file first, searchable by (the start of) the codice fiscale of the dichiarante or of the
 * coniuge dichiarante; `storico` adds the replaced ones.
 */
export function list730(a: ArchiveDb, query: { codiceFiscale?: string | undefined; storico?: boolean | undefined; offset: number; limit: number }): { total: number; rows: List730Row[] } {
  const cf = (query.codiceFiscale ?? '').toUpperCase().replace(/\s+/g, '');
  const where: string[] = [];
  const params: unknown[] = [];
  if (!query.storico) where.push('d.replaced_by IS NULL');
  if (cf) {
    where.push('((d.cf_dichiarante >= ? AND d.cf_dichiarante < ?) OR (d.cf_coniuge >= ? AND d.cf_coniuge < ?))');
    params.push(cf, `${cf}\uffff`, cf, `${cf}\uffff`);
  }
  const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const total = (a.prepared(`SELECT count(*) AS n FROM dich_730 d${w}`).get(...params) as { n: number }).n;
  const rows = a
    .prepared(
      `SELECT d.id, d.modello, d.cf_dichiarante, d.cf_coniuge, d.stato, d.data_stato, f.file_name, f.read_at, d.replaced_at,
              (SELECT count(*) FROM righe_730 r WHERE r.dich_id = d.id) AS righe
       FROM dich_730 d JOIN files_730 f ON f.id = d.file_id${w} ORDER BY d.id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, query.limit, query.offset) as (DichRow & { righe: number; replaced_at: string | null })[];
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      modello: r.modello,
      cfDichiarante: r.cf_dichiarante,
      cfConiuge: r.cf_coniuge,
      stato: r.stato,
      dataStato: r.data_stato,
      fileName: r.file_name,
      readAt: r.read_at,
      righe: r.righe,
      replacedAt: r.replaced_at,
    })),
  };
}
