/**
 * INAIL DNA in the archive (schema 0014; issue 15 points 1–3): employers, notices, the files made. Runs inside the
 * archive worker; every write is one transaction. Every value is checked here with the rules of
 * src-shared/modules/inail-dna before it is stored.
 */
import { AppError } from '#shared/errors';
import { checkDatore, checkDenuncia, type DnaFieldError } from '#shared/modules/inail-dna/checks';
import { readDnaFile, type DnaRecordData } from '#shared/modules/inail-dna/record';
import type { DnaDatoreRow, DnaDenunciaInputData, DnaDenunciaRow, DnaFileRow } from '#shared/modules/inail-dna/api';
import type { ArchiveDb } from '../../archive/db';

/** A field refused (the message names it). */
export const DNA_INPUT = 'DNA-01';
/** A DNA file refused (line and position). */
export const DNA_FILE_REFUSED = 'DNA-02';
/** An operation not allowed now (e.g. changing a notice already in a file). */
export const DNA_REFUSED = 'DNA-03';

function fieldErrors(errors: DnaFieldError[]): AppError {
  return new AppError({ code: DNA_INPUT, message: errors.map((e) => e.message).join('\n'), field: errors[0]?.field ?? '', details: { errors } });
}

export function datori(a: ArchiveDb): DnaDatoreRow[] {
  return (
    a
      .prepared(
        `SELECT d.id, d.codice_fiscale, d.codice_accesso, d.denominazione,
                (SELECT count(*) FROM dna_denunce n WHERE n.datore_id = d.id) AS denunce,
                (SELECT count(*) FROM dna_denunce n WHERE n.datore_id = d.id AND n.file_id IS NULL) AS da_inviare
         FROM dna_datori d ORDER BY d.denominazione COLLATE NOCASE, d.codice_fiscale`,
      )
      .all() as { id: number; codice_fiscale: string; codice_accesso: string; denominazione: string; denunce: number; da_inviare: number }[]
  ).map((r) => ({ id: r.id, codiceFiscale: r.codice_fiscale, codiceAccesso: r.codice_accesso, denominazione: r.denominazione, denunce: r.denunce, daInviare: r.da_inviare }));
}

export function salvaDatore(a: ArchiveDb, input: { id?: number | undefined; codiceFiscale: string; codiceAccesso: string; denominazione: string }): { id: number } {
  const c = checkDatore(input);
  if (!c.ok) throw fieldErrors(c.errors);
  const v = c.value;
  const now = a.now();
  return a.db.transaction(() => {
    const other = a.prepared('SELECT id FROM dna_datori WHERE codice_fiscale = ?').get(v.codiceFiscale) as { id: number } | undefined;
    if (other && other.id !== input.id) {
      throw fieldErrors([{ field: 'codiceFiscale', message: `Codice fiscale del datore di lavoro: ${v.codiceFiscale} è già nell'elenco dei datori di lavoro.` }]);
    }
    if (input.id !== undefined) {
      const r = a.prepared('UPDATE dna_datori SET codice_fiscale = ?, codice_accesso = ?, denominazione = ?, updated_at = ? WHERE id = ?').run(v.codiceFiscale, v.codiceAccesso, v.denominazione, now, input.id);
      if (r.changes === 0) throw new AppError({ code: DNA_REFUSED, message: 'Datore di lavoro non trovato.' });
      return { id: input.id };
    }
    const r = a.prepared('INSERT INTO dna_datori (codice_fiscale, codice_accesso, denominazione, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(v.codiceFiscale, v.codiceAccesso, v.denominazione, now, now);
    return { id: Number(r.lastInsertRowid) };
  }).immediate();
}

interface DenunciaDbRow {
  id: number;
  datore_id: number;
  cf_lavoratore: string;
  posizione: string;
  data_inizio: string | null;
  data_fine: string | null;
  straniero: number;
  cognome: string;
  nome: string;
  file_name: string | null;
  file_date: string | null;
  letta_da: string | null;
}

const DENUNCIA_SELECT = `SELECT n.id, n.datore_id, n.cf_lavoratore, n.posizione, n.data_inizio, n.data_fine, n.straniero, n.cognome, n.nome,
  f.file_name, f.created_at AS file_date, n.letta_da FROM dna_denunce n LEFT JOIN dna_files f ON f.id = n.file_id`;

function toRow(r: DenunciaDbRow): DnaDenunciaRow {
  return {
    id: r.id,
    datoreId: r.datore_id,
    cfLavoratore: r.cf_lavoratore,
    posizione: r.posizione,
    dataInizio: r.data_inizio,
    dataFine: r.data_fine,
    straniero: r.straniero === 1,
    cognome: r.cognome,
    nome: r.nome,
    fileName: r.file_name,
    fileDate: r.file_date,
    lettaDa: r.letta_da,
  };
}

export function denunce(a: ArchiveDb, datoreId: number): DnaDenunciaRow[] {
  return (a.prepared(`${DENUNCIA_SELECT} WHERE n.datore_id = ? ORDER BY n.id`).all(datoreId) as DenunciaDbRow[]).map(toRow);
}

function inFile(a: ArchiveDb, id: number): DenunciaDbRow {
  const r = a.prepared(`${DENUNCIA_SELECT} WHERE n.id = ?`).get(id) as DenunciaDbRow | undefined;
  if (!r) throw new AppError({ code: DNA_REFUSED, message: 'Denuncia non trovata.' });
  if (r.file_name !== null) {
    throw new AppError({ code: DNA_REFUSED, message: `La denuncia è già nel file ${r.file_name}: non si può più cambiare né cancellare (il file si può ricreare dall'elenco dei file).` });
  }
  return r;
}

export function salvaDenuncia(a: ArchiveDb, input: DnaDenunciaInputData): { id: number } {
  const c = checkDenuncia(input);
  if (!c.ok) throw fieldErrors(c.errors);
  const v = c.value;
  const now = a.now();
  return a.db.transaction(() => {
    if (!a.prepared('SELECT 1 FROM dna_datori WHERE id = ?').get(input.datoreId)) throw new AppError({ code: DNA_REFUSED, message: 'Datore di lavoro non trovato.' });
    const cols = [v.cfLavoratore, v.posizione, v.dataInizio, v.dataFine, v.straniero ? 1 : 0, v.cognome, v.nome, now];
    if (input.id !== undefined) {
      inFile(a, input.id);
      a.prepared('UPDATE dna_denunce SET cf_lavoratore = ?, posizione = ?, data_inizio = ?, data_fine = ?, straniero = ?, cognome = ?, nome = ?, updated_at = ? WHERE id = ? AND datore_id = ?').run(...cols, input.id, input.datoreId);
      return { id: input.id };
    }
    const r = a
      .prepared('INSERT INTO dna_denunce (cf_lavoratore, posizione, data_inizio, data_fine, straniero, cognome, nome, updated_at, datore_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(...cols, input.datoreId, now);
    return { id: Number(r.lastInsertRowid) };
  }).immediate();
}

export function eliminaDenuncia(a: ArchiveDb, id: number): void {
  a.db.transaction(() => {
    inFile(a, id);
    a.prepared('DELETE FROM dna_denunce WHERE id = ?').run(id);
  }).immediate();
}

const RECORD_SELECT = `SELECT n.id, n.cf_lavoratore, n.posizione, n.data_inizio, n.data_fine, n.straniero, n.cognome, n.nome, d.codice_fiscale, d.codice_accesso
  FROM dna_denunce n JOIN dna_datori d ON d.id = n.datore_id`;
type RecordDbRow = { id: number; cf_lavoratore: string; posizione: string; data_inizio: string | null; data_fine: string | null; straniero: number; cognome: string; nome: string; codice_fiscale: string; codice_accesso: string };
const toRecord = (r: RecordDbRow): DnaRecordData => ({
  cfLavoratore: r.cf_lavoratore,
  posizione: r.posizione,
  dataInizio: r.data_inizio,
  dataFine: r.data_fine,
  straniero: r.straniero === 1,
  cognome: r.cognome,
  nome: r.nome,
  cfDatore: r.codice_fiscale,
  codiceAccesso: r.codice_accesso,
});

/** The notices not yet in a file, in the order they go in it (employer, then entry). */
export function daInviare(a: ArchiveDb): { ids: number[]; records: DnaRecordData[] } {
  const rows = a.prepared(`${RECORD_SELECT} WHERE n.file_id IS NULL ORDER BY d.codice_fiscale, n.id`).all() as RecordDbRow[];
  return { ids: rows.map((r) => r.id), records: rows.map(toRecord) };
}

/** The records of a file already made (with the employer's data as they are now), for "Ricrea file". */
export function fileRecords(a: ArchiveDb, fileId: number): { fileName: string; records: DnaRecordData[] } {
  const f = a.prepared('SELECT file_name FROM dna_files WHERE id = ?').get(fileId) as { file_name: string } | undefined;
  if (!f) throw new AppError({ code: DNA_REFUSED, message: 'File DNA non trovato.' });
  const rows = a.prepared(`${RECORD_SELECT} WHERE n.file_id = ? ORDER BY d.codice_fiscale, n.id`).all(fileId) as RecordDbRow[];
  return { fileName: f.file_name, records: rows.map(toRecord) };
}

/** Marks the notices with the file just made (all of them, or none if one has been put in another file meanwhile). */
export function segnaFile(a: ArchiveDb, fileName: string, ids: readonly number[], operator: string): { fileId: number; createdAt: string } {
  const createdAt = a.now();
  return a.db.transaction(() => {
    const fileId = Number(a.prepared('INSERT INTO dna_files (file_name, created_at, operator, records) VALUES (?, ?, ?, ?)').run(fileName, createdAt, operator, ids.length).lastInsertRowid);
    const mark = a.prepared('UPDATE dna_denunce SET file_id = ? WHERE id = ? AND file_id IS NULL');
    for (const id of ids) {
      if (mark.run(fileId, id).changes !== 1) throw new AppError({ code: DNA_REFUSED, message: 'Una denuncia è cambiata mentre il file veniva creato: ripetere «Crea file».' });
    }
    return { fileId, createdAt };
  }).immediate();
}

export function segnaRicreato(a: ArchiveDb, fileId: number, name: string): void {
  a.prepared('UPDATE dna_files SET recreated_at = ?, recreated_name = ? WHERE id = ?').run(a.now(), name, fileId);
}

export function files(a: ArchiveDb): DnaFileRow[] {
  return (
    a.prepared('SELECT id, file_name, created_at, records, recreated_at, recreated_name FROM dna_files ORDER BY id DESC LIMIT 500').all() as {
      id: number;
      file_name: string;
      created_at: string;
      records: number;
      recreated_at: string | null;
      recreated_name: string | null;
    }[]
  ).map((r) => ({ id: r.id, fileName: r.file_name, createdAt: r.created_at, records: r.records, recreatedAt: r.recreated_at, recreatedName: r.recreated_name }));
}

/**
 * A DNA file made by another program, read into the list: all its records or none. An employer not in the list is
 * added with the file's access code; one already there with another access code refuses the record (position 64).
 */
export function leggiFile(a: ArchiveDb, fileName: string, text: string): { records: number; datoriNuovi: number } {
  const r = readDnaFile(text);
  if (!r.ok) throw new AppError({ code: DNA_FILE_REFUSED, message: `${fileName}: ${r.error.message} Nessuna denuncia del file è stata memorizzata.`, field: 'file', details: r.error });
  const now = a.now();
  return a.db.transaction(() => {
    const find = a.prepared('SELECT id, codice_accesso FROM dna_datori WHERE codice_fiscale = ?');
    const addDatore = a.prepared("INSERT INTO dna_datori (codice_fiscale, codice_accesso, denominazione, created_at, updated_at) VALUES (?, ?, '', ?, ?)");
    const add = a.prepared(
      'INSERT INTO dna_denunce (datore_id, cf_lavoratore, posizione, data_inizio, data_fine, straniero, cognome, nome, letta_da, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let datoriNuovi = 0;
    r.records.forEach((rec, i) => {
      let d = find.get(rec.cfDatore) as { id: number; codice_accesso: string } | undefined;
      if (d && d.codice_accesso !== rec.codiceAccesso) {
        throw new AppError({
          code: DNA_FILE_REFUSED,
          message: `${fileName}: File DNA non letto: riga ${i + 1}, posizione 64: il codice di accesso riservato «${rec.codiceAccesso}» non è quello registrato per il datore di lavoro ${rec.cfDatore}. Nessuna denuncia del file è stata memorizzata.`,
          field: 'file',
          details: { line: i + 1, position: 64 },
        });
      }
      if (!d) {
        d = { id: Number(addDatore.run(rec.cfDatore, rec.codiceAccesso, now, now).lastInsertRowid), codice_accesso: rec.codiceAccesso };
        datoriNuovi++;
      }
      add.run(d.id, rec.cfLavoratore, rec.posizione, rec.dataInizio, rec.dataFine, rec.straniero ? 1 : 0, rec.cognome, rec.nome, fileName, now, now);
    });
    return { records: r.records.length, datoriNuovi };
  }).immediate();
}
