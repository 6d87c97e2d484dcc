import type { ArchiveDb } from './db';
import { normaliseSearch } from './monitor-rows';
import { bulkInsert, nextProgressivo } from './records';
import type { Status } from '#shared/status/statuses';

/** A whole declaration as imported in bulk (restore, data transfer, benchmark). */
export interface ImportedDeclaration {
  campaign: string;
  tipo: 'N' | 'R';
  status: Status;
  matricola: string;
  codiceFiscale: string;
  cognome: string;
  nome: string;
  anni: readonly number[];
  incomes?: readonly { anno: number; rigo: string; importo: number }[];
}

/**
 * Bulk import in one transaction (restore from another desk, benchmark seeding). Each statement shape is
 * compiled once per batch; the prepared statements are reused for every row.
 */
export function importDeclarations(a: ArchiveDb, batch: readonly ImportedDeclaration[], operator: string): { inserted: number; firstProgressivo: number } {
  const insertDeclaration = bulkInsert(a, 'declarations', [
    'progressivo', 'campaign', 'tipo', 'status', 'matricola', 'codice_fiscale', 'cognome_nome', 'created_at', 'updated_at',
  ]);
  const insertDetails = bulkInsert(a, 'declaration_details', ['declaration_id', 'codice_fiscale']);
  const insertSubject = bulkInsert(a, 'subjects', ['declaration_id', 'role', 'ordinal', 'subject_key', 'codice_fiscale', 'cognome', 'nome']);
  const insertYear = bulkInsert(a, 'subject_years', ['subject_id', 'anno', 'modo', 'doc']);
  const insertIncome = bulkInsert(a, 'income_rows', ['subject_year_id', 'rigo', 'importo']);
  const insertHistory = bulkInsert(a, 'status_history', ['declaration_id', 'event', 'from_status', 'to_status', 'at', 'operator', 'reason']);
  return a.write(() => {
    const at = a.now();
    let progressivo = nextProgressivo(a);
    const firstProgressivo = progressivo;
    for (const d of batch) {
      const id = Number(
        insertDeclaration({
          progressivo: progressivo++,
          campaign: d.campaign,
          tipo: d.tipo,
          status: d.status,
          matricola: d.matricola,
          codice_fiscale: d.codiceFiscale,
          cognome_nome: normaliseSearch(`${d.cognome} ${d.nome}`),
          created_at: at,
          updated_at: at,
        }).lastInsertRowid,
      );
      insertDetails({ declaration_id: id, codice_fiscale: d.codiceFiscale });
      const subjectId = Number(
        insertSubject({
          declaration_id: id,
          role: 'TITOLARE',
          ordinal: 0,
          subject_key: 'titolare',
          codice_fiscale: d.codiceFiscale,
          cognome: d.cognome,
          nome: d.nome,
        }).lastInsertRowid,
      );
      for (const anno of d.anni) {
        const yearId = Number(insertYear({ subject_id: subjectId, anno, modo: 'AUTOCERTIFICATO', doc: 'NESSUNA' }).lastInsertRowid);
        for (const inc of d.incomes ?? []) {
          if (inc.anno === anno) insertIncome({ subject_year_id: yearId, rigo: inc.rigo, importo: inc.importo });
        }
      }
      insertHistory({ declaration_id: id, event: 'CREAZIONE', from_status: null, to_status: d.status, at, operator, reason: 'importazione' });
    }
    return { inserted: batch.length, firstProgressivo };
  });
}

