/**
 * The raw better-sqlite3 baseline: the same schema, pragmas and statements as the archive, written by
 * hand and run directly on the calling thread (no worker, no Kysely, no zod, no row mapping).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { DESK_MIGRATIONS } from '#main/archive/migrations';
import { normaliseSearch, type ImportedDeclaration } from '#main/archive/archive';
import { TABS, statusesOf, tabOf, type Status, type Tab } from '#shared/status/statuses';

/** The pragmas openArchive sets (exclusive lock, WAL, synchronous FULL, foreign keys). */
export function applyArchivePragmas(db: Database.Database): void {
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/** A fresh file with the desk schema, applied with db.exec. */
export function createRawArchive(file: string): Database.Database {
  const db = new Database(file);
  applyArchivePragmas(db);
  db.exec('BEGIN');
  for (const m of DESK_MIGRATIONS) {
    db.exec(m.sql);
    db.pragma(`user_version = ${m.version}`);
  }
  db.exec('COMMIT');
  return db;
}

/** Hand-prepared INSERTs, one transaction per batch: the same rows importDeclarations writes. */
export class RawImporter {
  private readonly insDeclaration: Database.Statement;
  private readonly insSubject: Database.Statement;
  private readonly insYear: Database.Statement;
  private readonly insIncome: Database.Statement;
  private readonly insHistory: Database.Statement;
  private readonly maxProgressivo: Database.Statement;
  readonly importBatch: (batch: readonly ImportedDeclaration[], operator: string) => number;

  constructor(readonly db: Database.Database) {
    this.insDeclaration = db.prepare(
      `INSERT INTO declarations (progressivo, campaign, tipo, status, matricola, codice_fiscale, cognome_nome, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insSubject = db.prepare(
      `INSERT INTO subjects (declaration_id, role, ordinal, codice_fiscale, cognome, nome) VALUES (?, 'TITOLARE', 0, ?, ?, ?)`,
    );
    this.insYear = db.prepare(`INSERT INTO subject_years (subject_id, anno, modo, doc) VALUES (?, ?, 'AUTOCERTIFICATO', 'NESSUNA')`);
    this.insIncome = db.prepare(`INSERT INTO income_rows (subject_year_id, rigo, importo) VALUES (?, ?, ?)`);
    this.insHistory = db.prepare(
      `INSERT INTO status_history (declaration_id, event, from_status, to_status, at, operator, reason)
       VALUES (?, 'CREAZIONE', NULL, ?, ?, ?, 'importazione')`,
    );
    this.maxProgressivo = db.prepare('SELECT max(progressivo) AS p FROM declarations');
    this.importBatch = db.transaction((batch: readonly ImportedDeclaration[], operator: string) => {
      const at = new Date().toISOString();
      let progressivo = ((this.maxProgressivo.get() as { p: number | null }).p ?? 0) + 1;
      for (const d of batch) {
        const id = this.insDeclaration.run(
          progressivo++,
          d.campaign,
          d.tipo,
          d.status,
          d.matricola,
          d.codiceFiscale,
          normaliseSearch(`${d.cognome} ${d.nome}`),
          at,
          at,
        ).lastInsertRowid;
        const subjectId = this.insSubject.run(id, d.codiceFiscale, d.cognome, d.nome).lastInsertRowid;
        for (const anno of d.anni) {
          const yearId = this.insYear.run(subjectId, anno).lastInsertRowid;
          for (const inc of d.incomes ?? []) if (inc.anno === anno) this.insIncome.run(yearId, inc.rigo, inc.importo);
        }
        this.insHistory.run(id, d.status, at, operator);
      }
      return batch.length;
    }).immediate;
  }
}

export interface RawMonitorQuery {
  tab: Tab;
  codiceFiscale?: string;
  cognomeNome?: string;
  offset: number;
  limit: number;
}

export interface RawMonitorSql {
  count: string;
  page: string;
  counts: string;
}

const COLUMNS =
  'd.id, d.progressivo, d.tipo, d.status, d.codice_fiscale, d.cognome_nome, d.matricola, d.scarto_code, d.scarto_message, d.scarto_suggestion, d.inps_sent_at, d.updated_at';

/**
 * The monitor's three statements (count in the tab, page of rows, per-tab counts), hand-written for the
 * indexes the file has:
 *  - 'tab' (schema 1): filters on the generated tab column and `status != 'RETTIFICATA'`;
 *  - 'status' (when ix_declarations_status exists, see the proposal in the benchmark report): counts by
 *    status from covering indexes and the page's ids from the index before reading the rows.
 * Rettificate are hidden, as the monitor shows by default.
 */
export class RawMonitor {
  private readonly cache = new Map<string, { count: Database.Statement; page: Database.Statement; counts: Database.Statement }>();
  readonly style: 'tab' | 'status';

  constructor(readonly db: Database.Database) {
    const hasStatusIndex = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'ix_declarations_status'").get();
    this.style = hasStatusIndex ? 'status' : 'tab';
  }

  static shownStatuses(tab: Tab): Status[] {
    return statusesOf(tab).filter((s) => s !== 'RETTIFICATA');
  }

  sql(shape: { cf: boolean; nome: boolean }, tab: Tab): RawMonitorSql {
    let base = 'd.deleted_at IS NULL';
    if (shape.cf) base += ' AND d.codice_fiscale >= ? AND d.codice_fiscale < ?';
    if (shape.nome) base += ' AND d.cognome_nome >= ? AND d.cognome_nome < ?';
    const searching = shape.cf || shape.nome;
    if (this.style === 'tab') {
      const where = `${base} AND d.status != 'RETTIFICATA'`;
      // While searching, +d.tab keeps SQLite on the search index (as the archive does).
      const inTab = `${where} AND ${searching ? '+d.tab' : 'd.tab'} = ?`;
      return {
        count: `SELECT count(*) AS n FROM declarations AS d WHERE ${inTab}`,
        page: `SELECT ${COLUMNS} FROM declarations AS d WHERE ${inTab} ORDER BY d.progressivo LIMIT ? OFFSET ?`,
        counts: `SELECT d.tab, count(*) AS n FROM declarations AS d WHERE ${where} GROUP BY d.tab`,
      };
    }
    const list = RawMonitor.shownStatuses(tab)
      .map(() => '?')
      .join(', ');
    const inTab = `${base} AND ${searching ? '+d.status' : 'd.status'} IN (${list})`;
    const pageIds = searching ? inTab : `${base} AND d.tab = ? AND +d.status IN (${list})`;
    return {
      count: `SELECT count(*) AS n FROM declarations AS d WHERE ${inTab}`,
      page:
        `SELECT ${COLUMNS} FROM declarations AS d WHERE d.id IN ` +
        `(SELECT d.id FROM declarations AS d WHERE ${pageIds} ORDER BY d.progressivo LIMIT ? OFFSET ?) ORDER BY d.progressivo`,
      counts: `SELECT d.status, count(*) AS n FROM declarations AS d WHERE ${base} GROUP BY d.status`,
    };
  }

  /** The parameters of each statement, in order. */
  params(q: RawMonitorQuery): { count: unknown[]; page: unknown[]; counts: unknown[] } {
    const prefix: string[] = [];
    if (q.codiceFiscale) prefix.push(q.codiceFiscale, `${q.codiceFiscale}\uffff`);
    if (q.cognomeNome) prefix.push(q.cognomeNome, `${q.cognomeNome}\uffff`);
    if (this.style === 'tab') {
      return { count: [...prefix, q.tab], page: [...prefix, q.tab, q.limit, q.offset], counts: prefix };
    }
    const statuses = RawMonitor.shownStatuses(q.tab);
    const searching = Boolean(q.codiceFiscale || q.cognomeNome);
    return {
      count: [...prefix, ...statuses],
      page: [...prefix, ...(searching ? [] : [q.tab]), ...statuses, q.limit, q.offset],
      counts: prefix,
    };
  }

  private statements(q: RawMonitorQuery) {
    const shape = { cf: Boolean(q.codiceFiscale), nome: Boolean(q.cognomeNome) };
    const key = `${shape.cf}/${shape.nome}/${this.style === 'status' ? q.tab : ''}`;
    let s = this.cache.get(key);
    if (!s) {
      const text = this.sql(shape, q.tab);
      s = { count: this.db.prepare(text.count), page: this.db.prepare(text.page), counts: this.db.prepare(text.counts) };
      this.cache.set(key, s);
    }
    return s;
  }

  list(q: RawMonitorQuery): { total: number; rows: { id: number }[]; counts: Record<string, number> } {
    const s = this.statements(q);
    const p = this.params(q);
    const total = (s.count.get(...p.count) as { n: number }).n;
    const rows = s.page.all(...p.page) as { id: number }[];
    const counts: Record<string, number> = Object.fromEntries(TABS.map((t) => [t, 0]));
    if (this.style === 'tab') {
      for (const r of s.counts.all(...p.counts) as { tab: string; n: number }[]) counts[r.tab] = r.n;
    } else {
      for (const r of s.counts.all(...p.counts) as { status: Status; n: number }[]) {
        if (r.status !== 'RETTIFICATA') counts[tabOf(r.status)] = (counts[tabOf(r.status)] ?? 0) + r.n;
      }
    }
    return { total, rows, counts };
  }
}

/** EXPLAIN QUERY PLAN of a statement, one line per step. */
export function queryPlan(db: Database.Database, sqlText: string, params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sqlText}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}
