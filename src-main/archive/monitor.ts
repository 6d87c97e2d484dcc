import { sql } from 'kysely';
import type { ArchiveDb } from './db';
import { notFound } from './records';
import { MONITOR_COLUMNS, PREFIX_END, normaliseCf, normaliseNote, normaliseSearch, toMonitorRow, withCorrectionFacts, type MonitorDbRow } from './monitor-rows';
import type { MonitorRow } from '#shared/domain/declaration';
import { TABS, statusesOf, tabOf, type Status, type Tab } from '#shared/status/statuses';

/** The monitor (p. 67–70): the list of a tab with its search, the counts per tab, where a declaration is. */

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

/** The search filters shared by the monitor list and its counts (no status condition). */
function searchBase(a: ArchiveDb, query: Omit<MonitorQuery, 'tab' | 'offset' | 'limit'>) {
  const cf = normaliseCf(query.codiceFiscale);
  const nome = normaliseSearch(query.cognomeNome);
  let base = a.q.selectFrom('declarations as d').where('d.deleted_at', 'is', null);
  if (cf) base = base.where('d.codice_fiscale', '>=', cf).where('d.codice_fiscale', '<', cf + PREFIX_END);
  if (nome) base = base.where('d.cognome_nome', '>=', nome).where('d.cognome_nome', '<', nome + PREFIX_END);
  const gruppo = normaliseNote(query.gruppo);
  const segnalibro = normaliseNote(query.segnalibro);
  if (gruppo) base = base.where('d.id', 'in', notesWith(a, 'gruppo', gruppo));
  if (segnalibro) base = base.where('d.id', 'in', notesWith(a, 'segnalibro', segnalibro));
  return { base, searching: Boolean(cf || nome || gruppo || segnalibro) };
}

/** The declarations whose note `column` begins with `prefix`, upper or lower case alike (NOCASE folds A–Z). */
function notesWith(a: ArchiveDb, column: 'gruppo' | 'segnalibro', prefix: string) {
  const col = sql.ref(`n.${column}`);
  return a.q
    .selectFrom('declaration_notes as n')
    .select('n.declaration_id')
    .where(sql<boolean>`${col} COLLATE NOCASE >= ${prefix} AND ${col} COLLATE NOCASE < ${prefix + PREFIX_END}`);
}

/** The filters shared by the monitor list and its counts. */
function searchFilter(a: ArchiveDb, query: Omit<MonitorQuery, 'tab' | 'offset' | 'limit'>) {
  const { base, searching } = searchBase(a, query);
  return { base: query.showRettificate ? base : base.where('d.status', '!=', 'RETTIFICATA'), searching };
}

/**
 * The monitor filters on `status`, never on the generated `tab` in the counts: SQLite does not treat a
 * VIRTUAL column as stored in an index, so only status-based filters let the indexes of migration 0003
 * answer a count without reading one table row per match.
 */
export function monitorList(a: ArchiveDb, query: MonitorQuery): { total: number; offset: number; rows: MonitorRow[] } {
  const { base, searching } = searchBase(a, query);
  const statuses = statusesOf(query.tab).filter((s) => query.showRettificate || s !== 'RETTIFICATA');
  // While searching, the unary + keeps SQLite on the codice fiscale / name index.
  const inTab = base.where(searching ? sql<Status>`+d.status` : 'd.status', 'in', statuses);
  const total = a.first(inTab.select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  // The page's ids come from the index alone (a deep offset skips index entries, not rows); then only
  // those rows are read.
  const ids = (searching ? inTab : base.where('d.tab', '=', query.tab).where(sql<Status>`+d.status`, 'in', statuses))
    .select('d.id')
    .orderBy('d.progressivo')
    .limit(query.limit)
    .offset(query.offset);
  const rows = a.all(
    a.q.selectFrom('declarations as d').leftJoin('declaration_notes as n', 'n.declaration_id', 'd.id').select(MONITOR_COLUMNS).where('d.id', 'in', ids).orderBy('d.progressivo'),
  ) as MonitorDbRow[];
  return { total, offset: query.offset, rows: withCorrectionFacts(a, rows.map(toMonitorRow)) };
}

/**
 * Per tab, the declarations matching the search; `completa`: every Completa of the archive (what "Invio" of
 * "tutte le complete" sends), known only without a search (it comes free from the same grouping; counting it
 * apart while searching would slow the as-you-type search).
 */
export function monitorCounts(a: ArchiveDb, query: Omit<MonitorQuery, 'tab' | 'offset' | 'limit'>): { tabs: Record<Tab, number>; completa: number | null } {
  const { base, searching } = searchBase(a, query);
  const counts = Object.fromEntries(TABS.map((t) => [t, 0])) as Record<Tab, number>;
  const rows = a.all(base.select(['d.status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('d.status'));
  let completa = 0;
  for (const r of rows) {
    if (query.showRettificate || r.status !== 'RETTIFICATA') counts[tabOf(r.status)] += r.n;
    if (r.status === 'COMPLETA') completa = r.n;
  }
  return { tabs: counts, completa: searching ? null : completa };
}

/** Where a declaration is in the monitor: its tab and its index in progressivo order. */
export function monitorLocate(a: ArchiveDb, id: number, showRettificate = false): { tab: Tab; index: number } {
  const d = a.first(
    a.q.selectFrom('declarations').select(['tab', 'progressivo', 'status']).where('id', '=', id).where('deleted_at', 'is', null),
  );
  if (!d) throw notFound(id);
  const { base } = searchFilter(a, { showRettificate: showRettificate || d.status === 'RETTIFICATA' });
  const index =
    a.first(
      base
        .where('d.tab', '=', d.tab)
        .where('d.progressivo', '<', d.progressivo)
        .select((eb) => eb.fn.countAll<number>().as('n')),
    )?.n ?? 0;
  return { tab: d.tab as Tab, index };
}

export function countDeclarations(a: ArchiveDb): number {
  return a.first(a.q.selectFrom('declarations').select((eb) => eb.fn.countAll<number>().as('n')).where('deleted_at', 'is', null))?.n ?? 0;
}
