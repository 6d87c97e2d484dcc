import type { ArchiveDb } from './db';
import { bulkInsert, bulkUpsert, idsIn } from './records';
import {
  INCOME_ROWS,
  type IncomeEntry,
  type IncomeRow,
  type RedDocument,
  type SubjectDoc,
} from '#shared/domain/red-document';

const bool = (v: boolean) => (v ? 1 : 0);
const ROLE_ORDER = { TITOLARE: 0, CONIUGE: 1, FIGLIO: 2 } as const;
const isIncomeRow = (r: string): r is IncomeRow => (INCOME_ROWS as readonly string[]).includes(r);

/** Reads the editor's document of a declaration from the archive tables. */
export function readDocument(a: ArchiveDb, declarationId: number): RedDocument | null {
  return readDocuments(a, [declarationId]).get(declarationId) ?? null;
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/**
 * Reads the documents of many declarations with one query per table (the whole-archive check reads them
 * in batches of a few hundred): children are fetched by parent ids and grouped in memory.
 */
export function readDocuments(a: ArchiveDb, declarationIds: readonly number[]): Map<number, RedDocument> {
  const out = new Map<number, RedDocument>();
  if (declarationIds.length === 0) return out;
  const ids = idsIn(declarationIds);
  const details = a.all(a.q.selectFrom('declaration_details').selectAll().where('declaration_id', 'in', ids));
  const notesBy = new Map(a.all(a.q.selectFrom('declaration_notes').selectAll().where('declaration_id', 'in', ids)).map((n) => [n.declaration_id, n]));
  const subjects = a.all(a.q.selectFrom('subjects').selectAll().where('declaration_id', 'in', ids));
  const subjectIds = subjects.map((s) => s.id);
  const years = subjectIds.length ? a.all(a.q.selectFrom('subject_years').selectAll().where('subject_id', 'in', idsIn(subjectIds)).orderBy('anno', 'desc')) : [];
  const yearIds = years.map((y) => y.id);
  const rows = yearIds.length ? a.all(a.q.selectFrom('income_rows').selectAll().where('subject_year_id', 'in', idsIn(yearIds))) : [];
  const rowIds = rows.map((r) => r.id);
  const docs = rowIds.length
    ? a.all(a.q.selectFrom('income_documents').selectAll().where('income_row_id', 'in', idsIn(rowIds)).orderBy('ordinal'))
    : [];
  const pensions = a.all(a.q.selectFrom('foreign_pensions').selectAll().where('declaration_id', 'in', ids).orderBy('riga'));
  const pensionIds = pensions.map((p) => p.id);
  const amounts = pensionIds.length
    ? a.all(a.q.selectFrom('foreign_pension_amounts').selectAll().where('foreign_pension_id', 'in', idsIn(pensionIds)).orderBy('anno', 'desc'))
    : [];

  const subjectsBy = groupBy(subjects, (s) => s.declaration_id);
  const yearsBy = groupBy(years, (y) => y.subject_id);
  const rowsBy = groupBy(rows, (r) => r.subject_year_id);
  const docsBy = groupBy(docs, (d) => d.income_row_id);
  const pensionsBy = groupBy(pensions, (p) => p.subject_id);
  const amountsBy = groupBy(amounts, (x) => x.foreign_pension_id);

  for (const d of details) {
    const notes = notesBy.get(d.declaration_id);
    const soggetti: SubjectDoc[] = (subjectsBy.get(d.declaration_id) ?? [])
      .sort((x, y) => ROLE_ORDER[x.role] - ROLE_ORDER[y.role] || x.ordinal - y.ordinal)
      .map((s) => ({
        key: s.subject_key ?? (s.role === 'TITOLARE' ? 'titolare' : s.role === 'CONIUGE' ? 'coniuge' : `figlio-${s.ordinal}`),
        role: s.role,
        codiceFiscale: s.codice_fiscale ?? '',
        cognome: s.cognome ?? '',
        nome: s.nome ?? '',
        indirizzo: s.indirizzo ?? '',
        cap: s.cap ?? '',
        comune: s.comune ?? '',
        provincia: s.provincia ?? '',
        invertiSecolo: s.inverti_secolo === 1,
        residenzaVariata: s.residenza_variata === 1,
        coltivatoreDiretto: s.coltivatore_diretto === 1,
        dataDecesso: s.data_decesso,
        anni: (yearsBy.get(s.id) ?? []).map((y) => {
          const righi: Partial<Record<IncomeRow, IncomeEntry>> = {};
          for (const r of rowsBy.get(y.id) ?? []) {
            if (!isIncomeRow(r.rigo)) continue;
            righi[r.rigo] = {
              importo: r.importo,
              documenti: (docsBy.get(r.id) ?? []).map((x) => (x.centesimi === null ? { descrizione: x.descrizione, importo: x.importo } : { descrizione: x.descrizione, importo: x.importo, centesimi: x.centesimi })),
            };
          }
          return { anno: y.anno, modo: y.modo, facoltativi: y.facoltativi === 1, doc: y.doc, righi };
        }),
        pensioniEstere: (pensionsBy.get(s.id) ?? []).map((p) => ({
          stato: p.stato,
          istituzione: p.istituzione,
          tipo: p.tipo,
          importi: (amountsBy.get(p.id) ?? []).map((x) => ({ anno: x.anno, importo: x.importo })),
        })),
      }));
    out.set(d.declaration_id, {
      anagrafica: {
        codiceFiscale: d.codice_fiscale,
        statoCivile: d.stato_civile,
        statoCivileDecorrenza: d.stato_civile_decorrenza,
        numeroFigli: d.numero_figli,
        deceduto: d.deceduto === 1,
        dataDecesso: d.data_decesso,
        espatriato: d.espatriato === 1,
        dataEspatrio: d.data_espatrio,
      },
      zeroRed: d.zero_red === 1,
      rinuncia: d.rinuncia === 1,
      domiciliazione: d.domiciliazione === 1,
      note: { gruppo: notes?.gruppo ?? '', segnalibro: notes?.segnalibro ?? '', appunti: notes?.appunti ?? '' },
      erede: { codiceFiscale: d.erede_codice_fiscale, nominativo: d.erede_nominativo },
      ente: { codice: d.ente_codice, nonCodificato: d.ente_non_codificato === 1 },
      soggetti,
    });
  }
  return out;
}

/**
 * Writes the whole document of a declaration (caller holds the transaction): the details and notes are
 * upserted, the subjects with their years, rows, documents and foreign pensions are replaced.
 */
export function writeDocument(a: ArchiveDb, declarationId: number, doc: RedDocument): void {
  const w = writerOf(a);
  const an = doc.anagrafica;
  w.details({
    declaration_id: declarationId,
    codice_fiscale: an.codiceFiscale,
    stato_civile: an.statoCivile,
    stato_civile_decorrenza: an.statoCivileDecorrenza,
    numero_figli: an.numeroFigli,
    deceduto: bool(an.deceduto),
    data_decesso: an.dataDecesso,
    espatriato: bool(an.espatriato),
    data_espatrio: an.dataEspatrio,
    zero_red: bool(doc.zeroRed),
    rinuncia: bool(doc.rinuncia),
    domiciliazione: bool(doc.domiciliazione),
    erede_codice_fiscale: doc.erede.codiceFiscale,
    erede_nominativo: doc.erede.nominativo,
    ente_codice: doc.ente.codice,
    ente_non_codificato: bool(doc.ente.nonCodificato),
  });
  w.notes({ declaration_id: declarationId, gruppo: doc.note.gruppo, segnalibro: doc.note.segnalibro, appunti: doc.note.appunti });
  // Children are replaced whole: ON DELETE CASCADE removes years, rows, documents, pensions, amounts.
  w.deletePensions.run(declarationId);
  w.deleteSubjects.run(declarationId);
  let figlio = 0;
  let riga = 0;
  for (const s of doc.soggetti) {
    const ordinal = s.role === 'FIGLIO' ? ++figlio : 0;
    const subjectId = Number(
      w.subject({
        declaration_id: declarationId,
        role: s.role,
        ordinal,
        subject_key: s.key,
        codice_fiscale: s.codiceFiscale,
        cognome: s.cognome,
        nome: s.nome,
        sesso: null,
        data_nascita: null,
        comune_nascita: null,
        indirizzo: s.indirizzo,
        cap: s.cap,
        comune: s.comune,
        provincia: s.provincia,
        residenza_variata: bool(s.residenzaVariata),
        coltivatore_diretto: bool(s.coltivatoreDiretto),
        inverti_secolo: bool(s.invertiSecolo),
        data_decesso: s.dataDecesso,
      }).lastInsertRowid,
    );
    for (const y of s.anni) {
      const yearId = Number(w.year({ subject_id: subjectId, anno: y.anno, modo: y.modo, facoltativi: bool(y.facoltativi), doc: y.doc }).lastInsertRowid);
      for (const rigo of INCOME_ROWS) {
        const entry = y.righi[rigo];
        if (!entry) continue;
        const rowId = Number(w.income({ subject_year_id: yearId, rigo, importo: entry.importo }).lastInsertRowid);
        entry.documenti.forEach((line, i) =>
          w.incomeDocument({ income_row_id: rowId, ordinal: i + 1, descrizione: line.descrizione, importo: line.importo, centesimi: line.centesimi ?? null }),
        );
      }
    }
    for (const p of s.pensioniEstere) {
      const pensionId = Number(
        w.pension({ declaration_id: declarationId, subject_id: subjectId, riga: ++riga, stato: p.stato, istituzione: p.istituzione, tipo: p.tipo }).lastInsertRowid,
      );
      for (const imp of p.importi) w.pensionAmount({ foreign_pension_id: pensionId, anno: imp.anno, importo: imp.importo });
    }
  }
}

/**
 * The statements `writeDocument` runs, compiled by Kysely once per connection and reused for every declaration:
 * building the queries row by row cost more than running them (a restore of 10,000 declarations writes ~100,000 rows).
 */
function makeWriter(a: ArchiveDb) {
  return {
    details: bulkUpsert(a, 'declaration_details', 'declaration_id', [
      'declaration_id', 'codice_fiscale', 'stato_civile', 'stato_civile_decorrenza', 'numero_figli', 'deceduto', 'data_decesso', 'espatriato',
      'data_espatrio', 'zero_red', 'rinuncia', 'domiciliazione', 'erede_codice_fiscale', 'erede_nominativo', 'ente_codice', 'ente_non_codificato',
    ]),
    notes: bulkUpsert(a, 'declaration_notes', 'declaration_id', ['declaration_id', 'gruppo', 'segnalibro', 'appunti']),
    deletePensions: a.prepared(a.q.deleteFrom('foreign_pensions').where('declaration_id', '=', 0).compile().sql),
    deleteSubjects: a.prepared(a.q.deleteFrom('subjects').where('declaration_id', '=', 0).compile().sql),
    subject: bulkInsert(a, 'subjects', [
      'declaration_id', 'role', 'ordinal', 'subject_key', 'codice_fiscale', 'cognome', 'nome', 'sesso', 'data_nascita', 'comune_nascita',
      'indirizzo', 'cap', 'comune', 'provincia', 'residenza_variata', 'coltivatore_diretto', 'inverti_secolo', 'data_decesso',
    ]),
    year: bulkInsert(a, 'subject_years', ['subject_id', 'anno', 'modo', 'facoltativi', 'doc']),
    income: bulkInsert(a, 'income_rows', ['subject_year_id', 'rigo', 'importo']),
    incomeDocument: bulkInsert(a, 'income_documents', ['income_row_id', 'ordinal', 'descrizione', 'importo', 'centesimi']),
    pension: bulkInsert(a, 'foreign_pensions', ['declaration_id', 'subject_id', 'riga', 'stato', 'istituzione', 'tipo']),
    pensionAmount: bulkInsert(a, 'foreign_pension_amounts', ['foreign_pension_id', 'anno', 'importo']),
  };
}

const writers = new WeakMap<ArchiveDb, ReturnType<typeof makeWriter>>();

function writerOf(a: ArchiveDb): ReturnType<typeof makeWriter> {
  let w = writers.get(a);
  if (!w) {
    w = makeWriter(a);
    writers.set(a, w);
  }
  return w;
}
