import type { ArchiveDb } from './db';
import { readDocuments } from './documents';
import { bulkInsert, bulkUpdateStatus } from './records';
import { requireValidator } from './validation';
import { statusAfterEdit } from '#shared/status/machine';
import { statusesOf, type Status } from '#shared/status/statuses';

/** "Controllo Dichiarazioni RED" (p. 69): the declarations in "Da spedire" through the validation engine, in batches. */

/** One declaration that "Controllo Dichiarazioni RED" found with errors. */
export interface CheckedDeclaration {
  id: number;
  progressivo: number;
  codiceFiscale: string;
  cognomeNome: string;
  status: Status;
  blocking: number;
  warnings: number;
  firstMessage: string | null;
}

export interface CheckBatchResult {
  checked: number;
  changed: number;
  lastId: number;
  done: boolean;
  withErrors: CheckedDeclaration[];
}

/** How many declarations "Controllo Dichiarazioni RED" would check (those in "Da spedire", or a selection). */
export function checkCount(a: ArchiveDb, ids?: readonly number[]): number {
  let q = a.q
    .selectFrom('declarations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .where('status', 'in', statusesOf('DA_SPEDIRE'));
  if (ids) q = q.where('id', 'in', ids.length ? [...ids] : [-1]);
  return a.first(q)?.n ?? 0;
}

/**
 * "Controllo Dichiarazioni RED" (p. 69), one batch: validates the declarations in "Da spedire" after
 * `afterId` (or in the selection) with the same engine as the editor, updates their status (with history)
 * in one transaction, and returns those with errors or warnings.
 */
export function checkBatch(a: ArchiveDb, afterId: number, limit: number, operator: string, ids?: readonly number[]): CheckBatchResult {
  const validate = requireValidator(a);
  return a.write(() => {
    let q = a.q
      .selectFrom('declarations')
      .select(['id', 'progressivo', 'status', 'version', 'matricola', 'codice_fiscale', 'cognome_nome'])
      .where('deleted_at', 'is', null)
      .where('status', 'in', statusesOf('DA_SPEDIRE'))
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit);
    if (ids) q = q.where('id', 'in', ids.length ? [...ids] : [-1]);
    const batch = a.all(q);
    const docs = readDocuments(a, batch.map((d) => d.id));
    const at = a.now();
    const setStatus = bulkUpdateStatus(a);
    const insertHistory = bulkInsert(a, 'status_history', ['declaration_id', 'event', 'from_status', 'to_status', 'at', 'operator', 'reason']);
    let changed = 0;
    const withErrors: CheckedDeclaration[] = [];
    for (const d of batch) {
      const doc = docs.get(d.id);
      const result = doc ? validate(doc, d.matricola, d.id) : { outcome: 'ERRATA' as const, blocking: 1, warnings: 0, findings: [] };
      const status = statusAfterEdit(d.status, result.outcome);
      if (status !== d.status) {
        setStatus(status, d.version + 1, at, d.id);
        insertHistory({ declaration_id: d.id, event: 'CAMBIO_STATO', from_status: d.status, to_status: status, at, operator, reason: 'Controllo Dichiarazioni RED' });
        changed++;
      }
      if (result.blocking > 0 || result.warnings > 0) {
        withErrors.push({
          id: d.id,
          progressivo: d.progressivo,
          codiceFiscale: d.codice_fiscale,
          cognomeNome: d.cognome_nome,
          status,
          blocking: result.blocking,
          warnings: result.warnings,
          firstMessage: result.findings[0]?.message ?? (doc ? null : 'Dati della dichiarazione mancanti.'),
        });
      }
    }
    const lastId = batch.at(-1)?.id ?? afterId;
    return { checked: batch.length, changed, lastId, done: batch.length < limit, withErrors };
  });
}

