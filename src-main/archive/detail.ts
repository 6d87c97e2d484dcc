import { sql } from 'kysely';
import type { ArchiveDb } from './db';
import { monitorRow } from './monitor-rows';
import type { DeclarationDetail, HistoryRow, SubjectSummary } from '#shared/domain/declaration';

/** A declaration's detail (the panel under the monitor) and its status history. */

export function detail(a: ArchiveDb, id: number): DeclarationDetail {
  const row = monitorRow(a, id);
  const subjects = a.all(
    a.q
      .selectFrom('subjects')
      .select(['id', 'role', 'ordinal', 'codice_fiscale', 'cognome', 'nome'])
      .where('declaration_id', '=', id)
      .orderBy(sql`CASE role WHEN 'TITOLARE' THEN 0 WHEN 'CONIUGE' THEN 1 ELSE 2 END`)
      .orderBy('ordinal'),
  );
  const years = a.all(
    a.q
      .selectFrom('subject_years as y')
      .innerJoin('subjects as s', 's.id', 'y.subject_id')
      .select(['y.id', 'y.subject_id', 'y.anno', 'y.modo', 'y.doc'])
      .where('s.declaration_id', '=', id)
      .orderBy('y.anno', 'desc'),
  );
  const incomes = a.all(
    a.q
      .selectFrom('income_rows as r')
      .innerJoin('subject_years as y', 'y.id', 'r.subject_year_id')
      .innerJoin('subjects as s', 's.id', 'y.subject_id')
      .select(['s.id as subjectId', 'y.anno', 'r.rigo', 'r.importo'])
      .where('s.declaration_id', '=', id)
      .orderBy('s.id')
      .orderBy('y.anno', 'desc')
      .orderBy('r.rigo'),
  );
  const pensions = a.all(
    a.q.selectFrom('foreign_pensions').selectAll().where('declaration_id', '=', id).orderBy('riga'),
  );
  const amounts = pensions.length
    ? a.all(
        a.q
          .selectFrom('foreign_pension_amounts')
          .selectAll()
          .where(
            'foreign_pension_id',
            'in',
            pensions.map((p) => p.id),
          )
          .orderBy('anno', 'desc'),
      )
    : [];
  const anni = [...new Set(years.map((y) => y.anno))].sort((a, b) => b - a);
  const subjectSummaries: SubjectSummary[] = subjects.map((s) => ({
    id: s.id,
    role: s.role,
    ordinal: s.ordinal,
    codiceFiscale: s.codice_fiscale,
    cognome: s.cognome,
    nome: s.nome,
    years: years.filter((y) => y.subject_id === s.id).map((y) => ({ anno: y.anno, modo: y.modo, doc: y.doc })),
  }));
  return {
    row,
    anni,
    subjects: subjectSummaries,
    incomes,
    foreignPensions: pensions.map((p) => ({
      riga: p.riga,
      stato: p.stato,
      istituzione: p.istituzione,
      tipo: p.tipo,
      importi: amounts.filter((a) => a.foreign_pension_id === p.id).map((a) => ({ anno: a.anno, importo: a.importo })),
    })),
  };
}

export function history(a: ArchiveDb, id: number): HistoryRow[] {
  const rows = a.all(
    a.q.selectFrom('status_history').selectAll().where('declaration_id', '=', id).orderBy('id'),
  );
  return rows.map((r) => ({
    id: r.id,
    declarationId: r.declaration_id,
    event: r.event,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    at: r.at,
    operator: r.operator,
    reason: r.reason,
  }));
}

