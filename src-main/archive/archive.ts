import * as pr from './prints';
import * as px from './prints-export';
import type { ExportKind, ListFilter } from '#shared/print/api';
import { ScartoSchema, type Scarto } from '#shared/server-api/contract';
import type Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, sql, type Compilable, type Insertable } from 'kysely';
import { correctionFacts } from './correction-facts';
import { controlliList } from './vigilanza';
import type { ControlloRow } from '#shared/vigilanza/controlli';
import type { DeskDatabase } from './schema';
import { AppError, ERROR_CODES } from '#shared/errors';
import { completeRefusal, deleteRefusal, planTransition, statusAfterEdit, type ValidationOutcome } from '#shared/status/machine';
import type { DeclarationEdit, RedDocument } from '#shared/domain/red-document';
import { readDocument, readDocuments, writeDocument } from './documents';
import * as tx from './transmission';
import * as circolari from './circolari';
import type { CircolareRow } from '#shared/domain/circolari';
import * as d730 from './dich730';
import * as ex from './exchange';
import * as sb from './sblocchi';
import * as dna from '../modules/inail-dna/store';
import * as ca from '../modules/flussi-ca/store';
import { runDm20 } from '../modules/dm20/ops';
import type { Dichiarazione730, Held730 } from '#shared/import730/model';
import { RED2009_TRANSMISSION, type TransmissionRules } from '#shared/campaigns/red2009/transmission';
import type { Change, TransmitResponse } from '#shared/server-api/contract';
import type { AttesaRow, DeskMessage, ParkedChange, Segnalazione, StoricoFile } from '#shared/domain/transmission';
import { TABS, statusesOf, tabOf, type Status, type Tab } from '#shared/status/statuses';
import type {
  DeclarationDetail,
  HistoryRow,
  MonitorRow,
  SubjectSummary,
} from '#shared/domain/declaration';

export interface MonitorQuery {
  tab: Tab;
  codiceFiscale?: string | undefined;
  cognomeNome?: string | undefined;
  /** "Gruppo" / "Segnalibro" of the note (p. 77): beginning, upper or lower case alike. */
  gruppo?: string | undefined;
  segnalibro?: string | undefined;
  showRettificate?: boolean | undefined;
  offset: number;
  limit: number;
}

export interface NewDeclaration {
  campaign: string;
  matricola: string;
  codiceFiscale: string;
  /** The empty document of the new declaration (titolare and requested years, from the matricola). */
  document: RedDocument;
  operator: string;
  acknowledgedExisting?: readonly number[] | undefined;
  /** "Data di consegna" of the request letter (ISO day), schema 5. */
  dataConsegna?: string | null | undefined;
}

/** What the archive needs from the validation engine: the outcome for a document and its matricola. */
export type Validator = (
  doc: RedDocument,
  matricola: string,
  /** The 730s held for the document's subjects (cross-check, issue 12). */
  dati730?: readonly Dichiarazione730[],
  /** The cross-check errors the CAF lifted on the declaration ("Sblocca dichiarazione errata"). */
  sbloccati?: readonly string[],
) => { outcome: ValidationOutcome; blocking: number; warnings: number; findings: readonly { code: string; severity: string; message: string }[] };

/** The validator as archive modules call it: given the declaration's id, its unlocks count too. */
export type BoundValidator = (doc: RedDocument, matricola: string, declarationId?: number) => ReturnType<Validator>;

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

export interface SaveResult {
  id: number;
  version: number;
  status: Status;
  updatedAt: string;
}

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
const PREFIX_END = '\uffff';

type Db = Kysely<DeskDatabase>;
const MONITOR_COLUMNS = [
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

interface MonitorDbRow {
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

function toMonitorRow(r: MonitorDbRow): MonitorRow {
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

/**
 * The desk archive. Kysely builds the (typed) queries; better-sqlite3 runs them synchronously through a
 * cache of prepared statements, so a write and its status-history row share one real transaction.
 * Lives in the archive worker (see worker.ts); never on Electron's main thread.
 */
/** The scarto stored with a declaration, or null when there is none or it no longer reads (never a failed open). */
function storedScarto(json: string | null): Scarto | null {
  if (!json) return null;
  try {
    const r = ScartoSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export class Archive {
  readonly q: Db;
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    private readonly clock: () => Date = () => new Date(),
    private readonly validator: Validator | null = null,
  ) {
    this.q = new Kysely<DeskDatabase>({ dialect: new SqliteDialect({ database: db }) });
  }

  /** @internal (archive modules) */
  prepared(text: string): Database.Statement {
    let s = this.stmts.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.stmts.set(text, s);
    }
    return s;
  }

  all<R>(query: Compilable<R>): R[] {
    const c = query.compile();
    return this.prepared(c.sql).all(...(c.parameters as unknown[])) as R[];
  }
  first<R>(query: Compilable<R>): R | undefined {
    const c = query.compile();
    return this.prepared(c.sql).get(...(c.parameters as unknown[])) as R | undefined;
  }
  run(query: Compilable<unknown>): Database.RunResult {
    const c = query.compile();
    return this.prepared(c.sql).run(...(c.parameters as unknown[]));
  }

  /** @internal (archive modules) */
  now(): string {
    return this.clock().toISOString();
  }

  /** The search filters shared by the monitor list and its counts (no status condition). */
  private searchBase(query: Omit<MonitorQuery, 'tab' | 'offset' | 'limit'>) {
    const cf = normaliseCf(query.codiceFiscale);
    const nome = normaliseSearch(query.cognomeNome);
    let base = this.q.selectFrom('declarations as d').where('d.deleted_at', 'is', null);
    if (cf) base = base.where('d.codice_fiscale', '>=', cf).where('d.codice_fiscale', '<', cf + PREFIX_END);
    if (nome) base = base.where('d.cognome_nome', '>=', nome).where('d.cognome_nome', '<', nome + PREFIX_END);
    const gruppo = normaliseNote(query.gruppo);
    const segnalibro = normaliseNote(query.segnalibro);
    if (gruppo) base = base.where('d.id', 'in', this.notesWith('gruppo', gruppo));
    if (segnalibro) base = base.where('d.id', 'in', this.notesWith('segnalibro', segnalibro));
    return { base, searching: Boolean(cf || nome || gruppo || segnalibro) };
  }

  /** The declarations whose note `column` begins with `prefix`, upper or lower case alike (NOCASE folds A–Z). */
  private notesWith(column: 'gruppo' | 'segnalibro', prefix: string) {
    const col = sql.ref(`n.${column}`);
    return this.q
      .selectFrom('declaration_notes as n')
      .select('n.declaration_id')
      .where(sql<boolean>`${col} COLLATE NOCASE >= ${prefix} AND ${col} COLLATE NOCASE < ${prefix + PREFIX_END}`);
  }

  /** The filters shared by the monitor list and its counts. */
  private searchFilter(query: Omit<MonitorQuery, 'tab' | 'offset' | 'limit'>) {
    const { base, searching } = this.searchBase(query);
    return { base: query.showRettificate ? base : base.where('d.status', '!=', 'RETTIFICATA'), searching };
  }

  /**
   * The monitor filters on `status`, never on the generated `tab` in the counts: SQLite does not treat a
   * VIRTUAL column as stored in an index, so only status-based filters let the indexes of migration 0003
   * answer a count without reading one table row per match.
   */
  monitorList(query: MonitorQuery): { total: number; offset: number; rows: MonitorRow[] } {
    const { base, searching } = this.searchBase(query);
    const statuses = statusesOf(query.tab).filter((s) => query.showRettificate || s !== 'RETTIFICATA');
    // While searching, the unary + keeps SQLite on the codice fiscale / name index.
    const inTab = base.where(searching ? sql<Status>`+d.status` : 'd.status', 'in', statuses);
    const total = this.first(inTab.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
    // The page's ids come from the index alone (a deep offset skips index entries, not rows); then only
    // those rows are read.
    const ids = (searching ? inTab : base.where('d.tab', '=', query.tab).where(sql<Status>`+d.status`, 'in', statuses))
      .select('d.id')
      .orderBy('d.progressivo')
      .limit(query.limit)
      .offset(query.offset);
    const rows = this.all(
      this.q.selectFrom('declarations as d').leftJoin('declaration_notes as n', 'n.declaration_id', 'd.id').select(MONITOR_COLUMNS).where('d.id', 'in', ids).orderBy('d.progressivo'),
    ) as MonitorDbRow[];
    return { total, offset: query.offset, rows: this.withCorrectionFacts(rows.map(toMonitorRow)) };
  }

  /**
   * Per tab, the declarations matching the search; `completa`: every Completa of the archive (what "Invio" of
   * "tutte le complete" sends), known only without a search (it comes free from the same grouping; counting it
   * apart while searching would slow the as-you-type search).
   */
  monitorCounts(query: Omit<MonitorQuery, 'tab' | 'offset' | 'limit'>): { tabs: Record<Tab, number>; completa: number | null } {
    const { base, searching } = this.searchBase(query);
    const counts = Object.fromEntries(TABS.map((t) => [t, 0])) as Record<Tab, number>;
    const rows = this.all(base.select(['d.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('d.status'));
    let completa = 0;
    for (const r of rows) {
      if (query.showRettificate || r.status !== 'RETTIFICATA') counts[tabOf(r.status)] += r.n;
      if (r.status === 'COMPLETA') completa = r.n;
    }
    return { tabs: counts, completa: searching ? null : completa };
  }

  /** Where a declaration is in the monitor: its tab and its index in progressivo order. */
  monitorLocate(id: number, showRettificate = false): { tab: Tab; index: number } {
    const d = this.first(
      this.q.selectFrom('declarations').select(['tab', 'progressivo', 'status']).where('id', '=', id).where('deleted_at', 'is', null),
    );
    if (!d) throw this.notFound(id);
    const { base } = this.searchFilter({ showRettificate: showRettificate || d.status === 'RETTIFICATA' });
    const index =
      this.first(
        base
          .where('d.tab', '=', d.tab)
          .where('d.progressivo', '<', d.progressivo)
          .select((eb) => eb.fn.countAll<number>().as('n')),
      )?.n ?? 0;
    return { tab: d.tab as Tab, index };
  }

  /** The dates and the ricostituzione of the chain, for "Correggi" (correction-facts.ts). */
  private withCorrectionFacts(rows: MonitorRow[]): MonitorRow[] {
    const facts = correctionFacts(this, rows.filter((r) => r.status === 'RICEVUTA' || r.status === 'SCARTATA' || r.status === 'SCART_CAF').map((r) => r.id));
    for (const r of rows) {
      const f = facts.get(r.id);
      if (f) Object.assign(r, { ordinariaInvioAt: f.ordinariaInvioAt, ricostituita: f.ricostituita });
    }
    return rows;
  }

  /** @internal (archive modules) */
  notFound(id: number): AppError {
    return new AppError({ code: ERROR_CODES.NOT_FOUND, message: `Dichiarazione ${id} non trovata nell'archivio.` });
  }

  /** @internal (archive modules) */
  monitorRow(id: number): MonitorRow {
    const r = this.first(
      this.q.selectFrom('declarations as d').leftJoin('declaration_notes as n', 'n.declaration_id', 'd.id').select(MONITOR_COLUMNS).where('d.id', '=', id).where('d.deleted_at', 'is', null),
    ) as MonitorDbRow | undefined;
    if (!r) throw this.notFound(id);
    return this.withCorrectionFacts([toMonitorRow(r)])[0] as MonitorRow;
  }

  detail(id: number): DeclarationDetail {
    const row = this.monitorRow(id);
    const subjects = this.all(
      this.q
        .selectFrom('subjects')
        .select(['id', 'role', 'ordinal', 'codice_fiscale', 'cognome', 'nome'])
        .where('declaration_id', '=', id)
        .orderBy(sql`CASE role WHEN 'TITOLARE' THEN 0 WHEN 'CONIUGE' THEN 1 ELSE 2 END`)
        .orderBy('ordinal'),
    );
    const years = this.all(
      this.q
        .selectFrom('subject_years as y')
        .innerJoin('subjects as s', 's.id', 'y.subject_id')
        .select(['y.id', 'y.subject_id', 'y.anno', 'y.modo', 'y.doc'])
        .where('s.declaration_id', '=', id)
        .orderBy('y.anno', 'desc'),
    );
    const incomes = this.all(
      this.q
        .selectFrom('income_rows as r')
        .innerJoin('subject_years as y', 'y.id', 'r.subject_year_id')
        .innerJoin('subjects as s', 's.id', 'y.subject_id')
        .select(['s.id as subjectId', 'y.anno', 'r.rigo', 'r.importo'])
        .where('s.declaration_id', '=', id)
        .orderBy('s.id')
        .orderBy('y.anno', 'desc')
        .orderBy('r.rigo'),
    );
    const pensions = this.all(
      this.q.selectFrom('foreign_pensions').selectAll().where('declaration_id', '=', id).orderBy('riga'),
    );
    const amounts = pensions.length
      ? this.all(
          this.q
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

  /** Declarations whose titolare's codice fiscale starts with `prefix` (the "already present" check, p. 74). */
  findByCodiceFiscale(prefix: string, limit = 50): { rows: MonitorRow[]; total: number } {
    const cf = normaliseCf(prefix);
    const base = this.q
      .selectFrom('declarations as d')
      .where('d.deleted_at', 'is', null)
      .where('d.codice_fiscale', '>=', cf)
      .where('d.codice_fiscale', '<', cf + PREFIX_END);
    const total = this.first(base.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
    const rows = this.all(base.leftJoin('declaration_notes as n', 'n.declaration_id', 'd.id').select(MONITOR_COLUMNS).orderBy('d.progressivo').limit(limit)) as MonitorDbRow[];
    return { rows: this.withCorrectionFacts(rows.map(toMonitorRow)), total };
  }

  /** @internal (archive modules) */
  nextProgressivo(): number {
    const r = this.first(this.q.selectFrom('declarations').select((eb) => eb.fn.max('progressivo').as('p')));
    return (r?.p ?? 0) + 1;
  }

  /** @internal (archive modules) */
  addHistory(
    declarationId: number,
    event: 'CREAZIONE' | 'CAMBIO_STATO' | 'CANCELLAZIONE' | 'SBLOCCO',
    from: Status | null,
    to: Status | null,
    operator: string,
    reason: string | null,
    at: string,
  ): void {
    this.run(
      this.q.insertInto('status_history').values({
        declaration_id: declarationId,
        event,
        from_status: from,
        to_status: to,
        at,
        operator,
        reason,
      }),
    );
  }

  /**
   * "Crea dichiarazione" (p. 74): a new declaration in "Da spedire", with its titolare and the requested
   * years, and the CREAZIONE history row — all or nothing. Refuses a silent duplicate: an existing
   * declaration for the same codice fiscale must have been shown to the operator first.
   */
  create(input: NewDeclaration): { id: number; progressivo: number; status: Status; tab: Tab } {
    const tx = this.db.transaction(() => {
      const sameMatricola = this.first(
        this.q
          .selectFrom('declarations')
          .select(['id', 'progressivo'])
          .where('matricola', '=', input.matricola)
          .where('deleted_at', 'is', null)
          .where('tipo', '=', 'N'),
      );
      if (sameMatricola) {
        throw new AppError({
          code: ERROR_CODES.DUPLICATE_MATRICOLA,
          field: 'matricola',
          message: `Esiste già una dichiarazione con questa matricola (progressivo ${sameMatricola.progressivo}): non se ne crea un'altra.`,
          details: { ids: [sameMatricola.id] },
        });
      }
      const existing = this.findByCodiceFiscale(input.codiceFiscale, 1000).rows;
      const ack = new Set(input.acknowledgedExisting ?? []);
      const unseen = existing.filter((r) => !ack.has(r.id));
      if (unseen.length > 0) {
        throw new AppError({
          code: ERROR_CODES.DUPLICATE_CF,
          field: 'codiceFiscale',
          message: `Per il codice fiscale ${input.codiceFiscale} è già presente ${existing.length === 1 ? 'una dichiarazione' : `${existing.length} dichiarazioni`}.`,
          details: { rows: existing },
        });
      }
      const plan = planTransition('CREAZIONE', null);
      if (!plan.ok || plan.to === null) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: plan.ok ? 'Stato non valido.' : plan.message });
      const at = this.now();
      const progressivo = this.nextProgressivo();
      const id = Number(
        this.run(
          this.q.insertInto('declarations').values({
            progressivo,
            campaign: input.campaign,
            tipo: 'N',
            status: plan.to,
            matricola: input.matricola,
            codice_fiscale: input.codiceFiscale,
            scarto_origin: null,
            scarto_code: null,
            scarto_message: null,
            rettifica_of: null,
            created_at: at,
            updated_at: at,
            deleted_at: null,
            data_consegna: input.dataConsegna ?? null,
          }),
        ).lastInsertRowid,
      );
      writeDocument(this, id, input.document);
      this.addHistory(id, 'CREAZIONE', null, plan.to, input.operator, null, at);
      return { id, progressivo, status: plan.to, tab: 'DA_SPEDIRE' as Tab };
    });
    return tx.immediate();
  }

  /** "Cancella" (p. 101): only Errata / Incompleta / Completa; the declaration leaves the monitor, the
   * history keeps it (soft delete with a CANCELLAZIONE row). */
  remove(id: number, operator: string, reason: string | null): { id: number } {
    const tx = this.db.transaction(() => {
      const d = this.first(
        this.q.selectFrom('declarations').select(['status', 'tipo']).where('id', '=', id).where('deleted_at', 'is', null),
      );
      if (!d) throw this.notFound(id);
      const refusal = deleteRefusal(d.status, d.tipo);
      if (refusal !== null) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: refusal });
      const at = this.now();
      this.run(
        this.q
          .updateTable('declarations')
          .set((eb) => ({ deleted_at: at, updated_at: at, version: eb('version', '+', 1) }))
          .where('id', '=', id),
      );
      this.addHistory(id, 'CANCELLAZIONE', d.status, null, operator, reason, at);
      return { id };
    });
    return tx.immediate();
  }

  history(id: number): HistoryRow[] {
    const rows = this.all(
      this.q.selectFrom('status_history').selectAll().where('declaration_id', '=', id).orderBy('id'),
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

  /**
   * An INSERT that Kysely compiles once and the cached prepared statement runs for many rows: `columns`
   * fixes the parameter order. Building and compiling a Kysely query costs ~5 µs, more than SQLite's insert.
   */
  /** @internal (archive modules) */
  bulkInsert<T extends keyof DeskDatabase & string>(
    table: T,
    columns: readonly (keyof Insertable<DeskDatabase[T]> & string)[],
  ): (row: Insertable<DeskDatabase[T]>) => Database.RunResult {
    const c = this.q
      .insertInto(table)
      .values(Object.fromEntries(columns.map((k) => [k, null])) as Insertable<DeskDatabase[T]>)
      .compile();
    if (c.parameters.length !== columns.length) throw new Error(`bulkInsert(${table}): ${c.sql}`);
    const stmt = this.prepared(c.sql);
    return (row) => stmt.run(...columns.map((k) => (row as Record<string, unknown>)[k] ?? null));
  }

  /**
   * Bulk import in one transaction (restore from another desk, benchmark seeding). Each statement shape is
   * compiled once per batch; the prepared statements are reused for every row.
   */
  importDeclarations(batch: readonly ImportedDeclaration[], operator: string): { inserted: number; firstProgressivo: number } {
    const insertDeclaration = this.bulkInsert('declarations', [
      'progressivo', 'campaign', 'tipo', 'status', 'matricola', 'codice_fiscale', 'cognome_nome', 'created_at', 'updated_at',
    ]);
    const insertDetails = this.bulkInsert('declaration_details', ['declaration_id', 'codice_fiscale']);
    const insertSubject = this.bulkInsert('subjects', ['declaration_id', 'role', 'ordinal', 'subject_key', 'codice_fiscale', 'cognome', 'nome']);
    const insertYear = this.bulkInsert('subject_years', ['subject_id', 'anno', 'modo', 'doc']);
    const insertIncome = this.bulkInsert('income_rows', ['subject_year_id', 'rigo', 'importo']);
    const insertHistory = this.bulkInsert('status_history', ['declaration_id', 'event', 'from_status', 'to_status', 'at', 'operator', 'reason']);
    const tx = this.db.transaction(() => {
      const at = this.now();
      let progressivo = this.nextProgressivo();
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
    return tx.immediate();
  }

  /** @internal (archive modules) The validation engine, given the 730s held for the subjects of each document. */
  requireValidator(): BoundValidator {
    const v = this.validator;
    if (!v) throw new AppError({ code: ERROR_CODES.INTERNAL, message: 'Motore di controllo non disponibile.' });
    return (doc, matricola, declarationId) => v(doc, matricola, this.dati730For(doc), declarationId === undefined ? undefined : this.sbloccatiFor(declarationId));
  }

  /** Whether any unlock is recorded: an archive without unlocks pays nothing for them (reset by `sblocca`). */
  anySblocco: boolean | null = null;

  /** @internal (archive modules) */
  hasSblocchi(): boolean {
    this.anySblocco ??= (this.prepared('SELECT EXISTS (SELECT 1 FROM sblocchi) AS x').get() as { x: number }).x === 1;
    return this.anySblocco;
  }

  /** @internal (archive modules) The error codes the CAF lifted on a declaration. */
  sbloccatiFor(declarationId: number): string[] {
    if (!this.hasSblocchi()) return [];
    return (this.prepared('SELECT codice_errore AS c FROM sblocchi WHERE declaration_id = ?').all(declarationId) as { c: string }[]).map((r) => r.c);
  }

  /** Whether any 730 is held: an archive without 730s pays nothing for the cross-check. */
  private any730: boolean | null = null;

  private dati730For(doc: RedDocument): Held730[] {
    this.any730 ??= (this.prepared('SELECT EXISTS (SELECT 1 FROM dich_730) AS x').get() as { x: number }).x === 1;
    if (!this.any730) return [];
    return d730.current730For(this, doc.soggetti.map((s) => s.codiceFiscale));
  }

  /** A declaration opened in the editor ("Modifica" / "Visualizza"). */
  getForEdit(id: number): DeclarationEdit {
    const d = this.first(this.q.selectFrom('declarations').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
    if (!d) throw this.notFound(id);
    const document = readDocument(this, id);
    if (!document) throw new AppError({ code: ERROR_CODES.NOT_FOUND, message: `Dati della dichiarazione ${d.progressivo} mancanti nell'archivio.` });
    return {
      id: d.id,
      progressivo: d.progressivo,
      tipo: d.tipo,
      status: d.status,
      version: d.version,
      matricola: d.matricola,
      tipoDichiarazione: d.status === 'RETTIFICATA' ? 'RETTIFICATA' : d.tipo === 'R' ? 'RETTIFICATIVA' : 'NORMALE',
      document,
      updatedAt: d.updated_at,
      scartoCaf: d.status === 'SCART_CAF' ? storedScarto(d.scarto_json) : null,
      dataConsegna: d.data_consegna,
      sbloccati: this.sbloccatiFor(id),
    };
  }

  /**
   * Saves an edit (p. 87): the document, the status the validation implies and its history row, in one
   * transaction. `expectedVersion` refuses a save based on a stale copy (another window saved first).
   * `invalidInputs` counts the boxes whose typed text the editor refused (their value is absent from `doc`): such a
   * declaration is at most Incompleta, never left Completa.
   */
  saveDocument(id: number, expectedVersion: number, doc: RedDocument, operator: string, invalidInputs = 0): SaveResult {
    const validate = this.requireValidator();
    const tx = this.db.transaction(() => {
      const d = this.first(
        this.q.selectFrom('declarations').select(['status', 'version', 'matricola']).where('id', '=', id).where('deleted_at', 'is', null),
      );
      if (!d) throw this.notFound(id);
      const plan = planTransition('MODIFICA', d.status);
      if (!plan.ok) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: plan.message });
      if (d.version !== expectedVersion) {
        throw new AppError({
          code: ERROR_CODES.STALE,
          message: 'La dichiarazione è stata modificata in un\'altra finestra: riaprirla per vedere i dati aggiornati.',
        });
      }
      const result = validate(doc, d.matricola, id);
      const outcome = invalidInputs > 0 && result.outcome === 'COMPLETABILE' ? 'INCOMPLETA' : result.outcome;
      const status = statusAfterEdit(d.status, outcome);
      const at = this.now();
      writeDocument(this, id, doc);
      const titolare = doc.soggetti.find((s) => s.role === 'TITOLARE');
      this.run(
        this.q
          .updateTable('declarations')
          .set({
            status,
            cognome_nome: normaliseSearch(`${titolare?.cognome ?? ''} ${titolare?.nome ?? ''}`),
            version: d.version + 1,
            updated_at: at,
          })
          .where('id', '=', id),
      );
      if (status !== d.status) this.addHistory(id, 'CAMBIO_STATO', d.status, status, operator, 'modifica', at);
      return { id, version: d.version + 1, status, updatedAt: at };
    });
    return tx.immediate();
  }

  /** "Rendi completa": refused while the validation finds blocking errors (p. 87). */
  makeComplete(id: number, expectedVersion: number, operator: string): SaveResult {
    const validate = this.requireValidator();
    const tx = this.db.transaction(() => {
      const d = this.first(
        this.q.selectFrom('declarations').select(['status', 'version', 'matricola']).where('id', '=', id).where('deleted_at', 'is', null),
      );
      if (!d) throw this.notFound(id);
      const plan = planTransition('RENDI_COMPLETA', d.status);
      if (!plan.ok || plan.to === null) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: plan.ok ? 'Stato non valido.' : plan.message });
      if (d.version !== expectedVersion) {
        throw new AppError({ code: ERROR_CODES.STALE, message: 'La dichiarazione è stata modificata in un\'altra finestra: riaprirla.' });
      }
      const doc = readDocument(this, id);
      if (!doc) throw this.notFound(id);
      const result = validate(doc, d.matricola, id);
      const refusal = completeRefusal(result.outcome, result.blocking);
      if (refusal) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: refusal });
      const at = this.now();
      this.run(this.q.updateTable('declarations').set({ status: plan.to, version: d.version + 1, updated_at: at }).where('id', '=', id));
      if (d.status !== plan.to) this.addHistory(id, 'CAMBIO_STATO', d.status, plan.to, operator, 'resa completa', at);
      return { id, version: d.version + 1, status: plan.to, updatedAt: at };
    });
    return tx.immediate();
  }

  /** How many declarations "Controllo Dichiarazioni RED" would check (those in "Da spedire", or a selection). */
  checkCount(ids?: readonly number[]): number {
    let q = this.q
      .selectFrom('declarations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('deleted_at', 'is', null)
      .where('status', 'in', statusesOf('DA_SPEDIRE'));
    if (ids) q = q.where('id', 'in', ids.length ? [...ids] : [-1]);
    return this.first(q)?.n ?? 0;
  }

  /**
   * "Controllo Dichiarazioni RED" (p. 69), one batch: validates the declarations in "Da spedire" after
   * `afterId` (or in the selection) with the same engine as the editor, updates their status (with history)
   * in one transaction, and returns those with errors or warnings.
   */
  checkBatch(afterId: number, limit: number, operator: string, ids?: readonly number[]): CheckBatchResult {
    const validate = this.requireValidator();
    const tx = this.db.transaction(() => {
      let q = this.q
        .selectFrom('declarations')
        .select(['id', 'progressivo', 'status', 'version', 'matricola', 'codice_fiscale', 'cognome_nome'])
        .where('deleted_at', 'is', null)
        .where('status', 'in', statusesOf('DA_SPEDIRE'))
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit);
      if (ids) q = q.where('id', 'in', ids.length ? [...ids] : [-1]);
      const batch = this.all(q);
      const docs = readDocuments(this, batch.map((d) => d.id));
      const at = this.now();
      const setStatus = this.bulkUpdateStatus();
      const insertHistory = this.bulkInsert('status_history', ['declaration_id', 'event', 'from_status', 'to_status', 'at', 'operator', 'reason']);
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
    return tx.immediate();
  }

  /** @internal (archive modules) */
  bulkUpdateStatus(): (status: Status, version: number, at: string, id: number) => void {
    const c = this.q
      .updateTable('declarations')
      .set({ status: 'INCOMPLETA', version: 0, updated_at: '' })
      .where('id', '=', 0)
      .compile();
    const stmt = this.prepared(c.sql);
    return (status, version, at, id) => void stmt.run(status, version, at, id);
  }

  /** A setting stored in the archive (JSON text), or null. */
  getSetting(key: string): string | null {
    return this.first(this.q.selectFrom('settings').select('value').where('key', '=', key))?.value ?? null;
  }

  setSetting(key: string, value: string): void {
    this.run(this.q.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
  }

  // ----- transmission to the CAF (transmission.ts) -----
  enqueueInvio(
    sel: { ids?: readonly number[]; allComplete?: boolean },
    operator: string,
    rules: TransmissionRules = RED2009_TRANSMISSION,
    nowIso: string = this.now(),
  ): tx.InvioResult {
    return tx.enqueueInvio(this, sel, operator, rules, new Date(nowIso));
  }
  outboxWaiting(): string[] {
    return tx.outboxWaiting(this);
  }
  outboxBody(transmissionId: string): string {
    return tx.outboxBody(this, transmissionId);
  }
  outboxAttemptFailed(transmissionId: string, error: string, nextAttemptAt: string | null): void {
    tx.outboxAttemptFailed(this, transmissionId, error, nextAttemptAt);
  }
  outboxRetryNow(transmissionIds?: readonly string[]): { files: number; declarations: number } {
    return tx.outboxRetryNow(this, transmissionIds);
  }
  outboxDelivered(transmissionId: string, response: TransmitResponse, operator: string): { changedIds: number[] } {
    return tx.outboxDelivered(this, transmissionId, response, operator);
  }
  outboxRejected(transmissionId: string, code: string, message: string, operator: string): { changedIds: number[] } {
    return tx.outboxRejected(this, transmissionId, code, message, operator);
  }
  syncCursor(): number {
    return tx.syncCursor(this);
  }
  applyChanges(changes: readonly Change[], cursor: number, operator: string, serverId: string): { applied: number; parked: number; changedIds: number[]; reset: boolean } {
    return tx.applyChanges(this, changes, cursor, operator, serverId);
  }
  serverRef(id: number): ReturnType<typeof tx.serverRef> {
    return tx.serverRef(this, id);
  }
  applyWithdrawn(id: number, version: number, operator: string): { id: number; status: Status } {
    return tx.applyWithdrawn(this, id, version, operator);
  }
  correggi(id: number, opts: { applySuggestedCf: boolean }, rules: TransmissionRules, nowIso: string, operator: string): tx.CorreggiResult {
    return tx.correggi(this, id, opts, rules, new Date(nowIso), operator);
  }
  riattiva9011(id: number, operator: string): { id: number; status: Status } {
    return tx.riattiva9011(this, id, operator);
  }
  attesaList(): AttesaRow[] {
    return tx.attesaList(this);
  }
  storico(offset: number, limit: number): { total: number; files: StoricoFile[] } {
    return tx.storico(this, offset, limit);
  }
  segnalazioni(): Segnalazione[] {
    return tx.segnalazioni(this);
  }
  parkedChanges(): ParkedChange[] {
    return tx.parkedChanges(this);
  }
  messagesList(): DeskMessage[] {
    return tx.messagesList(this);
  }
  markMessagesRead(ids: readonly number[]): number {
    return tx.markMessagesRead(this, ids);
  }
  circolariList(): CircolareRow[] {
    return circolari.circolariList(this);
  }
  markCircolariRead(ids: readonly number[]): number {
    return circolari.markCircolariRead(this, ids);
  }
  controlliList(): ControlloRow[] {
    return controlliList(this);
  }
  exitCheck(): ReturnType<typeof tx.exitCheck> {
    return tx.exitCheck(this);
  }
  outboxCounts(): ReturnType<typeof tx.outboxCounts> {
    return tx.outboxCounts(this);
  }

  // ----- prints (prints.ts, prints-export.ts) -----
  printList(tab: Tab): ReturnType<typeof pr.printList> {
    return pr.printList(this, tab);
  }
  printData(ids: readonly number[]): pr.PrintSource[] {
    return pr.printData(this, ids);
  }
  recordPrints(entries: readonly { id: number; models: string; copies: number }[], operator: string): number {
    return pr.recordPrints(this, entries, operator, this.now());
  }
  setDataConsegna(id: number, day: string | null): void {
    pr.setDataConsegna(this, id, day);
  }
  exportBatch(kind: ExportKind, filter: ListFilter, cursor: pr.ListCursor | null, limit: number): ReturnType<typeof px.exportBatch> {
    return px.exportBatch(this, kind, filter, cursor, limit);
  }
  labelBatch(filter: ListFilter, cursor: pr.ListCursor | null, limit: number): ReturnType<typeof px.labelBatch> {
    return px.labelBatch(this, filter, cursor, limit);
  }
  // ----- 730s of the CAF (schema 6, issue 12) -----
  import730File(fileName: string, text: string, operator: string): d730.Import730Result {
    const r = d730.importFile730(this, fileName, text, operator);
    this.any730 = null;
    return r;
  }
  list730(query: Parameters<typeof d730.list730>[1]): ReturnType<typeof d730.list730> {
    return d730.list730(this, query);
  }
  current730For(cfs: readonly string[]): Held730[] {
    return d730.current730For(this, cfs);
  }
  sbloccoInfo(id: number, deskId: string | null): ReturnType<typeof sb.sbloccoInfo> {
    return sb.sbloccoInfo(this, id, deskId);
  }
  sblocca(r: sb.SbloccaRecord, operator: string): ReturnType<typeof sb.sblocca> {
    return sb.sblocca(this, r, operator);
  }
  // ----- INAIL DNA (issue 15, src-main/modules/inail-dna) -----
  dnaDatori(): ReturnType<typeof dna.datori> {
    return dna.datori(this);
  }
  dnaSalvaDatore(input: Parameters<typeof dna.salvaDatore>[1]): { id: number } {
    return dna.salvaDatore(this, input);
  }
  dnaDenunce(datoreId: number): ReturnType<typeof dna.denunce> {
    return dna.denunce(this, datoreId);
  }
  dnaSalvaDenuncia(input: Parameters<typeof dna.salvaDenuncia>[1]): { id: number } {
    return dna.salvaDenuncia(this, input);
  }
  dnaEliminaDenuncia(id: number): void {
    dna.eliminaDenuncia(this, id);
  }
  dnaDaInviare(): ReturnType<typeof dna.daInviare> {
    return dna.daInviare(this);
  }
  dnaFileRecords(fileId: number): ReturnType<typeof dna.fileRecords> {
    return dna.fileRecords(this, fileId);
  }
  dnaSegnaFile(fileName: string, ids: readonly number[], operator: string): ReturnType<typeof dna.segnaFile> {
    return dna.segnaFile(this, fileName, ids, operator);
  }
  dnaSegnaRicreato(fileId: number, name: string): void {
    dna.segnaRicreato(this, fileId, name);
  }
  dnaFiles(): ReturnType<typeof dna.files> {
    return dna.files(this);
  }
  dnaLeggiFile(fileName: string, text: string): ReturnType<typeof dna.leggiFile> {
    return dna.leggiFile(this, fileName, text);
  }
  // ----- DM20-REG (issue 16, src-main/modules/dm20; the services call it typed through callDm20) -----
  dm20(op: string, args: readonly unknown[]): unknown {
    return runDm20(this, op, args);
  }
  // ----- Flussi incassi C.A. (issue 15, src-main/modules/flussi-ca) -----
  caEstrazioni(): ReturnType<typeof ca.estrazioni> {
    return ca.estrazioni(this);
  }
  caImporta(fileName: string, text: string, operator: string): ReturnType<typeof ca.importa> {
    return ca.importa(this, fileName, text, operator);
  }
  caDifferenze(id: number): ReturnType<typeof ca.differenze> {
    return ca.differenze(this, id);
  }
  caVista(id: number, v: Parameters<typeof ca.vista>[2], ditta?: string): ReturnType<typeof ca.vista> {
    return ca.vista(this, id, v, ditta);
  }
  listIds(filter: ListFilter, cursor: pr.ListCursor | null, limit: number): { ids: number[]; next: pr.ListCursor | null } {
    const r = pr.listBatch(this, filter, cursor, limit);
    return { ids: r.rows.map((x) => x.id), next: r.next };
  }

  countDeclarations(): number {
    return this.first(this.q.selectFrom('declarations').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is', null))?.n ?? 0;
  }

  // ----- Servizi: exchange between desks (issue 13 point 1, exchange.ts) -----
  exchangeExport(sel: Parameters<typeof ex.exchangeExport>[1], kind: Parameters<typeof ex.exchangeExport>[2], desk: string): ReturnType<typeof ex.exchangeExport> {
    return ex.exchangeExport(this, sel, kind, desk);
  }
  exchangeWritten(f: Parameters<typeof ex.exchangeWritten>[1]): void {
    ex.exchangeWritten(this, f);
  }
  exchangePlan(...args: Parameters<typeof ex.exchangePlan> extends [unknown, ...infer R] ? R : never): ReturnType<typeof ex.exchangePlan> {
    return ex.exchangePlan(this, ...args);
  }
  exchangeRestore(...args: Parameters<typeof ex.exchangeRestore> extends [unknown, ...infer R] ? R : never): ReturnType<typeof ex.exchangeRestore> {
    return ex.exchangeRestore(this, ...args);
  }
}
