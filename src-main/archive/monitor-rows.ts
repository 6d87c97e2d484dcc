import type { ArchiveDb } from './db';
import { correctionFacts } from './correction-facts';
import { notFound } from './records';
import type { MonitorRow } from '#shared/domain/declaration';
import type { Status } from '#shared/status/statuses';

/** The rows of the monitor list as every query returns them, and the search normalisation they share. */

/** Normalises what the operator types in "Ricerca dichiarazione": upper case, single blanks. */
export function normaliseSearch(s: string | undefined): string {
  return (s ?? '').toUpperCase().replace(/\s+/g, ' ').trim();
}
export function normaliseNote(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}
export function normaliseCf(s: string | undefined): string {
  return (s ?? '').toUpperCase().replace(/\s+/g, '');
}

/** Upper bound of a prefix range: every string starting with `p` sorts in [p, p + U+FFFF). */
export const PREFIX_END = '\uffff';

export const MONITOR_COLUMNS = [
  'd.id',
  'd.progressivo',
  'd.tipo',
  'd.status',
  'd.codice_fiscale',
  'd.cognome_nome',
  'd.matricola',
  'd.scarto_code',
  'd.scarto_message',
  'd.scarto_suggestion',
  'd.inps_sent_at',
  'd.updated_at',
  // The notes of the row (p. 77), from `declaration_notes as n` left-joined on its primary key.
  'n.gruppo',
  'n.segnalibro',
] as const;

export interface MonitorDbRow {
  id: number;
  progressivo: number;
  tipo: 'N' | 'R';
  status: Status;
  codice_fiscale: string;
  cognome_nome: string;
  matricola: string;
  scarto_code: string | null;
  scarto_message: string | null;
  scarto_suggestion: string | null;
  inps_sent_at: string | null;
  updated_at: string;
  gruppo: string | null;
  segnalibro: string | null;
}

export function toMonitorRow(r: MonitorDbRow): MonitorRow {
  return {
    id: r.id,
    progressivo: r.progressivo,
    tipo: r.tipo,
    status: r.status,
    codiceFiscale: r.codice_fiscale,
    cognomeNome: r.cognome_nome,
    matricola: r.matricola,
    scartoCode: r.scarto_code,
    scartoMessage: r.scarto_message,
    scartoSuggestion: r.scarto_suggestion,
    inpsSentAt: r.inps_sent_at,
    // Filled by `withCorrectionFacts` (the chain of a rettificativa is not in the row).
    ordinariaInvioAt: null,
    ricostituita: false,
    updatedAt: r.updated_at,
    gruppo: r.gruppo ?? '',
    segnalibro: r.segnalibro ?? '',
  };
}

/** The dates and the ricostituzione of the chain, for "Correggi" (correction-facts.ts). */
export function withCorrectionFacts(a: ArchiveDb, rows: MonitorRow[]): MonitorRow[] {
  const facts = correctionFacts(a, rows.filter((r) => r.status === 'RICEVUTA' || r.status === 'SCARTATA' || r.status === 'SCART_CAF').map((r) => r.id));
  for (const r of rows) {
    const f = facts.get(r.id);
    if (f) Object.assign(r, { ordinariaInvioAt: f.ordinariaInvioAt, ricostituita: f.ricostituita });
  }
  return rows;
}

export function monitorRow(a: ArchiveDb, id: number): MonitorRow {
  const r = a.first(
    a.q.selectFrom('declarations as d').leftJoin('declaration_notes as n', 'n.declaration_id', 'd.id').select(MONITOR_COLUMNS).where('d.id', '=', id).where('d.deleted_at', 'is', null),
  ) as MonitorDbRow | undefined;
  if (!r) throw notFound(id);
  return withCorrectionFacts(a, [toMonitorRow(r)])[0] as MonitorRow;
}

/** Declarations whose titolare's codice fiscale starts with `prefix` (the "already present" check, p. 74). */
export function findByCodiceFiscale(a: ArchiveDb, prefix: string, limit = 50): { rows: MonitorRow[]; total: number } {
  const cf = normaliseCf(prefix);
  const base = a.q
    .selectFrom('declarations as d')
    .where('d.deleted_at', 'is', null)
    .where('d.codice_fiscale', '>=', cf)
    .where('d.codice_fiscale', '<', cf + PREFIX_END);
  const total = a.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const rows = a.all(base.leftJoin('declaration_notes as n', 'n.declaration_id', 'd.id').select(MONITOR_COLUMNS).orderBy('d.progressivo').limit(limit)) as MonitorDbRow[];
  return { rows: withCorrectionFacts(a, rows.map(toMonitorRow)), total };
}

