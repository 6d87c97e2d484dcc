/**
 * What the prints read from and write to the archive (issue 10): the list of "Stampa modelli" (p. 105), the
 * declarations to print in one batch, the print record (status history "STAMPA", printed flag) and the rows
 * of the "Stampe varie" lists 01–04 with "Ordina e filtri" (p. 106–107), read in keyset batches so that
 * 100,000 declarations never sit in memory at once.
 */
import { AppError, ERROR_CODES } from '#shared/errors';
import type { ListFilter, PrintListRow } from '#shared/print/api';
import type { PrintDeclaration } from '#shared/print/compose';
import type { Status, Tab } from '#shared/status/statuses';
import { statusesOf } from '#shared/status/statuses';
import type { ArchiveDb } from './db';
import { readDocuments } from './documents';
import { sblocchiOfMany } from './sblocchi';
import type { SubjectsTable } from './schema';
import type { Selectable } from 'kysely';

/** Sent with "Invio" and received by the CAF CGN: what "Stampa modelli" may print (OPR-08, p. 69, 105). */
export const SENT_STATUSES: readonly Status[] = ['TRASM_CGN', 'BLOCCATA', 'TRASM_INPS', 'RICEVUTA', 'RETTIFICATA'];
export const OPR_08 = 'OPR-08';

export function notSentMessage(progressivo: number, statusLabel: string): string {
  return `Stampa modelli: la dichiarazione progressivo ${progressivo} (status ${statusLabel}) non è ancora stata inviata e ricevuta dal CAF CGN; si stampa dopo l'«Invio» (OPR-08).`;
}

/** "CREA LISTA": the declarations of the tab, sent ones first flagged. */
export function printList(a: ArchiveDb, tab: Tab, limit = 20_000): { rows: PrintListRow[]; notSent: number } {
  const rows = a.all(
    a.q
      .selectFrom('declarations')
      .select(['id', 'progressivo', 'codice_fiscale', 'cognome_nome', 'status', 'printed_at', 'print_count'])
      .where('deleted_at', 'is', null)
      .where('status', 'in', statusesOf(tab))
      .orderBy('progressivo')
      .limit(limit),
  );
  const out: PrintListRow[] = [];
  let notSent = 0;
  for (const r of rows) {
    const sent = SENT_STATUSES.includes(r.status);
    if (!sent) notSent++;
    out.push({
      id: r.id,
      progressivo: r.progressivo,
      codiceFiscale: r.codice_fiscale,
      cognomeNome: r.cognome_nome,
      status: r.status,
      sent,
      printedAt: r.printed_at,
      printCount: r.print_count,
    });
  }
  return { rows: out, notSent };
}

export interface PrintSource extends PrintDeclaration {
  status: Status;
  printedAt: string | null;
}

/** The declarations to print, in the order asked; unknown or deleted ids are left out. */
export function printData(a: ArchiveDb, ids: readonly number[]): PrintSource[] {
  if (ids.length === 0) return [];
  const out: PrintSource[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = a.all(
      a.q
        .selectFrom('declarations')
        .select(['id', 'progressivo', 'tipo', 'status', 'matricola', 'codice_fiscale', 'printed_at', 'data_consegna'])
        .where('id', 'in', chunk)
        .where('deleted_at', 'is', null),
    );
    const docs = readDocuments(a, rows.map((r) => r.id));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const sblocchi = sblocchiOfMany(a, chunk);
    for (const id of chunk) {
      const r = byId.get(id);
      const document = docs.get(id);
      if (!r || !document) continue;
      out.push({
        id: r.id,
        progressivo: r.progressivo,
        tipo: r.tipo,
        status: r.status,
        matricola: r.matricola,
        codiceFiscale: r.codice_fiscale,
        dataConsegna: r.data_consegna,
        printedAt: r.printed_at,
        document,
        ...(sblocchi.has(r.id) ? { sblocchi: sblocchi.get(r.id) } : {}),
      });
    }
  }
  return out;
}

/**
 * Records the prints of one job in one transaction: a "STAMPA" row in the status history per declaration
 * (who, when, which models, copies; the status does not change) and the printed flag that "ristampa" reads.
 */
export function recordPrints(a: ArchiveDb, entries: readonly { id: number; models: string; copies: number }[], operator: string, at: string): number {
  return a.write(() => {
    let n = 0;
    for (const e of entries) {
      const d = a.first(a.q.selectFrom('declarations').select(['status', 'print_count']).where('id', '=', e.id).where('deleted_at', 'is', null));
      if (!d) continue;
      a.run(
        a.q.insertInto('status_history').values({
          declaration_id: e.id,
          event: 'STAMPA',
          from_status: d.status,
          to_status: d.status,
          at,
          operator,
          reason: `Stampa modelli: ${e.models} – copie ${e.copies}${d.print_count > 0 ? ' (ristampa)' : ''}`,
        }),
      );
      a.run(a.q.updateTable('declarations').set({ printed_at: at, print_count: d.print_count + 1 }).where('id', '=', e.id));
      n++;
    }
    return n;
  });
}

/** The "data di consegna" of a declaration (ISO day or null). */
export function setDataConsegna(a: ArchiveDb, id: number, day: string | null): void {
  const r = a.run(a.q.updateTable('declarations').set({ data_consegna: day }).where('id', '=', id).where('deleted_at', 'is', null));
  if (r.changes === 0) throw new AppError({ code: ERROR_CODES.NOT_FOUND, message: 'Dichiarazione non trovata.' });
}

// ----- "Ordina e filtri" -------------------------------------------------------------------------------------

export interface ListCursor {
  /** The order value of the last row sent (progressivo, cognome e nome or codice fiscale) and its id. */
  value: string | number;
  id: number;
}

export interface DeclarationListRow {
  id: number;
  progressivo: number;
  tipo: 'N' | 'R';
  status: Status;
  matricola: string;
  codice_fiscale: string;
  cognome_nome: string;
  created_at: string;
  updated_at: string;
  cgn_received_at: string | null;
  esito_at: string | null;
  printed_at: string | null;
  data_consegna: string | null;
}

/** One batch of the declarations that pass the filter, in the chosen order, after `cursor`. */
export function listBatch(a: ArchiveDb, filter: ListFilter, cursor: ListCursor | null, limit: number): { rows: DeclarationListRow[]; next: ListCursor | null } {
  const col = filter.order === 'COGNOME_NOME' ? 'cognome_nome' : filter.order === 'CODICE_FISCALE' ? 'codice_fiscale' : 'progressivo';
  let q = a.q
    .selectFrom('declarations')
    .select([
      'id',
      'progressivo',
      'tipo',
      'status',
      'matricola',
      'codice_fiscale',
      'cognome_nome',
      'created_at',
      'updated_at',
      'cgn_received_at',
      'esito_at',
      'printed_at',
      'data_consegna',
    ])
    .where('deleted_at', 'is', null);
  if (filter.statuses?.length) q = q.where('status', 'in', filter.statuses);
  // Codice emissione: 17th character of the Stringa CAF (stringa-caf-layout.ts).
  if (filter.enti?.length) q = q.where((eb) => eb(eb.fn('substr', ['matricola', eb.val(17), eb.val(1)]), 'in', filter.enti ?? []));
  if (filter.consegnaDal) q = q.where('data_consegna', '>=', filter.consegnaDal);
  if (filter.consegnaAl) q = q.where('data_consegna', '<=', filter.consegnaAl);
  if (cursor) {
    if (col === 'progressivo') q = q.where('progressivo', '>', Number(cursor.value));
    else {
      const v = String(cursor.value);
      q = q.where((eb) => eb.or([eb(col, '>', v), eb.and([eb(col, '=', v), eb('id', '>', cursor.id)])]));
    }
  }
  q = col === 'progressivo' ? q.orderBy('progressivo') : q.orderBy(col).orderBy('id');
  const rows = a.all(q.limit(limit)) as DeclarationListRow[];
  const last = rows.at(-1);
  return { rows, next: rows.length < limit || !last ? null : { value: last[col], id: last.id } };
}

/** A household member as the lists read it: the archive's own columns (schema.ts), not a second copy of them. */
export type SubjectListRow = Pick<
  Selectable<SubjectsTable>,
  'declaration_id' | 'role' | 'ordinal' | 'codice_fiscale' | 'cognome' | 'nome' | 'sesso' | 'data_nascita' | 'comune_nascita' | 'indirizzo' | 'cap' | 'comune' | 'provincia'
>;

/** The household members of some declarations (01 Archivio Anagrafiche, 09 Etichette). */
export function subjectsOf(a: ArchiveDb, ids: readonly number[]): SubjectListRow[] {
  if (ids.length === 0) return [];
  return a.all(
    a.q
      .selectFrom('subjects')
      .select(['declaration_id', 'role', 'ordinal', 'codice_fiscale', 'cognome', 'nome', 'sesso', 'data_nascita', 'comune_nascita', 'indirizzo', 'cap', 'comune', 'provincia'])
      .where('declaration_id', 'in', [...ids]),
  ) as SubjectListRow[];
}
