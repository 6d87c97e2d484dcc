/**
 * DM20-REG reference data in the archive (schema 0015; issue 16 point 1): the acquiring sede, the firms and the
 * highest progressivo per sede, typed or read from the firms' CSV (all rows or none).
 */
import { AppError } from '#shared/errors';
import { checkAzienda, checkProgressivo, readAziendeCsv, type AziendaTesto, type CampoErrato } from '#shared/modules/dm20/aziende';
import type { Dm20Azienda } from '#shared/modules/dm20/checks';
import { readSede } from '#shared/modules/dm20/keys';
import type { ArchiveDb } from '../../archive/db';
import { DM20_FILE_REFUSED, fieldErrors } from './errors';

export function sede(a: ArchiveDb): string | null {
  return (a.prepared('SELECT sede FROM dm20_impostazioni WHERE id = 1').get() as { sede: string } | undefined)?.sede ?? null;
}

export function impostazioni(a: ArchiveDb): { sede: string | null; aziende: number; progressivi: { sede: string; massimo: number }[] } {
  return {
    sede: sede(a),
    aziende: (a.prepared('SELECT count(*) AS n FROM dm20_aziende').get() as { n: number }).n,
    progressivi: a.prepared('SELECT sede, massimo FROM dm20_progressivi ORDER BY sede').all() as { sede: string; massimo: number }[],
  };
}

export function salvaSede(a: ArchiveDb, text: string): { sede: string } {
  const r = readSede('Codice della Sede (SSZZ)', text);
  if (!r.ok) throw fieldErrors([{ field: 'sede', message: r.message }]);
  a.prepared('INSERT INTO dm20_impostazioni (id, sede) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET sede = excluded.sede').run(r.value);
  return { sede: r.value };
}

export type AziendaDb = { matricola: string; sede: string; costituzione: string | null; tipo_cessazione: string | null; data_cessazione: string | null; sospensione: string | null };
export const toAzienda = (r: AziendaDb): Dm20Azienda => ({
  matricola: r.matricola,
  sede: r.sede,
  costituzione: r.costituzione,
  tipoCessazione: r.tipo_cessazione,
  dataCessazione: r.data_cessazione,
  sospensione: r.sospensione,
});

export function aziende(a: ArchiveDb, filtro: string): Dm20Azienda[] {
  const rows = a.prepared('SELECT * FROM dm20_aziende WHERE matricola LIKE ? ORDER BY matricola LIMIT 500').all(`${filtro.trim().replace(/[%_]/g, '')}%`) as AziendaDb[];
  return rows.map(toAzienda);
}

function putAzienda(a: ArchiveDb, v: Dm20Azienda, now: string): void {
  a.prepared(
    `INSERT INTO dm20_aziende (matricola, sede, costituzione, tipo_cessazione, data_cessazione, sospensione, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (matricola) DO UPDATE SET sede = excluded.sede, costituzione = excluded.costituzione, tipo_cessazione = excluded.tipo_cessazione,
       data_cessazione = excluded.data_cessazione, sospensione = excluded.sospensione, updated_at = excluded.updated_at`,
  ).run(v.matricola, v.sede, v.costituzione, v.tipoCessazione, v.dataCessazione, v.sospensione, now);
}
const putProgressivo = (a: ArchiveDb, p: { sede: string; massimo: number }) =>
  a.prepared('INSERT INTO dm20_progressivi (sede, massimo) VALUES (?, ?) ON CONFLICT (sede) DO UPDATE SET massimo = excluded.massimo').run(p.sede, p.massimo);

export function salvaAzienda(a: ArchiveDb, input: AziendaTesto): { matricola: string } {
  const r = checkAzienda(input);
  if (!r.ok) throw fieldErrors(r.errors);
  putAzienda(a, r.value, a.now());
  return { matricola: r.value.matricola };
}

export function salvaProgressivo(a: ArchiveDb, sedeText: string, massimo: string): { sede: string } {
  const r = checkProgressivo(sedeText, massimo);
  if (!r.ok) throw fieldErrors(r.errors as CampoErrato[]);
  putProgressivo(a, r.value);
  return { sede: r.value.sede };
}

/** The firms' CSV: every row or none; a firm already there is replaced by the file's. */
export function importaAziende(a: ArchiveDb, fileName: string, text: string): { aziende: number; progressivi: number } {
  const r = readAziendeCsv(text);
  if (!r.ok) throw new AppError({ code: DM20_FILE_REFUSED, message: `${fileName}: ${r.error.message} Nessuna riga del file è stata memorizzata.`, field: 'file', details: r.error });
  const now = a.now();
  a.db.transaction(() => {
    for (const az of r.aziende) putAzienda(a, az, now);
    for (const p of r.progressivi) putProgressivo(a, p);
  }).immediate();
  return { aziende: r.aziende.length, progressivi: r.progressivi.length };
}

