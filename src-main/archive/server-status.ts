import type Database from 'better-sqlite3-multiple-ciphers';
import type { Compilable, Updateable } from 'kysely';
import type { ArchiveDb } from './db';
import type { DeskDatabase } from './schema';
import { AppError, ERROR_CODES } from '#shared/errors';
import { planServerStatus, planTransition, type ServerStatusName, type StatusEvent } from '#shared/status/machine';
import type { Status } from '#shared/status/statuses';
import { BLOCCATA_CODE } from '#shared/domain/circolari';
import type { Scarto } from '#shared/server-api/contract';

/**
 * What the transmission modules share (issue 4): the status transitions they plan, the scarto columns, and the
 * statements compiled once per connection that the answers and the feed run for every item.
 */

export function refused(message: string, code: string = ERROR_CODES.OPERATION_REFUSED): AppError {
  return new AppError({ code, message });
}

export function plan(event: StatusEvent, from: Status | null): Status {
  const p = planTransition(event, from);
  if (!p.ok || p.to === null) throw refused(p.ok ? 'Stato non valido.' : p.message);
  return p.to;
}
export interface DeclState {
  id: number;
  status: Status;
  version: number;
  sent_version: number | null;
  deleted_at: string | null;
  cgn_received_at: string | null;
}

/** The reason of a "Blocca" of the CAF, shown in red under the list like a scarto (p. 68, 108). */
export function blockedColumns(reason: string | null) {
  return { scarto_origin: 'CAF', scarto_code: BLOCCATA_CODE, scarto_message: reason ?? 'Bloccata dal CAF.', scarto_suggestion: null, scarto_json: null } as const;
}

export function scartoColumns(s: Scarto | null) {
  if (!s) return { scarto_origin: null, scarto_code: null, scarto_message: null, scarto_suggestion: null, scarto_json: null };
  const suggestion = s.correctMatricola ?? s.codiciFiscali?.find((c) => c.suggested)?.suggested ?? null;
  return {
    scarto_origin: s.origin,
    scarto_code: s.code,
    scarto_message: s.message,
    scarto_suggestion: suggestion,
    scarto_json: JSON.stringify(s),
  } as const;
}

/**
 * Statements compiled by Kysely once per archive and shape. The answer to a file (500 items) and a page of the
 * feed (500 changes) write a few rows per item: building and compiling each query per row cost more than
 * running it (profile of an Invio of 10,000, bench/transmission.ts).
 */
const compiledSql = new WeakMap<ArchiveDb, Map<string, { sql: string; params: number }>>();

interface Compiled {
  run(...values: unknown[]): Database.RunResult;
  get(...values: unknown[]): unknown;
}

export function compiled(a: ArchiveDb, key: string, build: () => Compilable<unknown>): Compiled {
  let byKey = compiledSql.get(a);
  if (!byKey) compiledSql.set(a, (byKey = new Map()));
  let c = byKey.get(key);
  if (!c) {
    const q = build().compile();
    c = { sql: q.sql, params: q.parameters.length };
    byKey.set(key, c);
  }
  const { sql: text, params } = c;
  const statement = (values: unknown[]) => {
    if (values.length !== params) throw new Error(`${key}: ${values.length} parametri per ${text}`);
    return a.prepared(text);
  };
  return { run: (...values) => statement(values).run(...values), get: (...values) => statement(values).get(...values) };
}

export type DeclarationSet = Partial<Record<'status' | 'version' | 'updated_at' | 'scarto_origin' | 'scarto_code' | 'scarto_message' | 'scarto_suggestion' | 'scarto_json' | 'cgn_received_at' | 'inps_sent_at' | 'esito_at', string | number | null>>;

/** `UPDATE declarations SET <columns of set> WHERE id = ?`, one compiled statement per set of columns. */
export function updateDeclaration(a: ArchiveDb, id: number, set: DeclarationSet): void {
  const columns = Object.keys(set) as (keyof DeclarationSet)[];
  compiled(a, `declarations:${columns.join(',')}`, () =>
    a.q
      .updateTable('declarations')
      .set(Object.fromEntries(columns.map((c) => [c, null])) as Updateable<DeskDatabase['declarations']>)
      .where('id', '=', 0),
  ).run(...columns.map((c) => set[c] ?? null), id);
}

/** The same row as records.ts `addHistory`, through a statement compiled once. */
export function addCompiledHistory(a: ArchiveDb, id: number, from: Status | null, to: Status, operator: string, reason: string, at: string): void {
  compiled(a, 'status_history', () =>
    a.q.insertInto('status_history').values({ declaration_id: 0, event: 'CAMBIO_STATO', from_status: null, to_status: null, at: '', operator: '', reason: null }),
  ).run(id, 'CAMBIO_STATO', from, to, at, operator, reason);
}

/** Where `applyServerStatus` puts its history row when the caller batches them (records.ts `batchInsert`). */
export interface HistorySink {
  add(row: { declaration_id: number; event: 'CAMBIO_STATO'; from_status: Status | null; to_status: Status; at: string; operator: string; reason: string }): void;
}

/**
 * Applies one status from the server to a declaration (answer or feed), if `planServerStatus` says so.
 * Returns whether the declaration changed. With `history`, the history row goes there (the caller flushes it
 * in the same transaction) instead of being inserted at once.
 */
export function applyServerStatus(
  a: ArchiveDb,
  d: DeclState,
  change: { version: number; status: ServerStatusName; scarto: Scarto | null; at: string; reason?: string | null },
  operator: string,
  reason: string,
  history?: HistorySink,
): boolean {
  const p = planServerStatus({ status: d.status, sentVersion: d.sent_version, deleted: d.deleted_at !== null }, change);
  if (p.kind === 'ignore') return false;
  const at = a.now();
  const to = p.to;
  const back = change.status === 'RITIRATA' || d.status === 'BLOCCATA';
  updateDeclaration(a, d.id, {
    status: to,
    version: d.version + 1,
    updated_at: at,
    ...(back ? scartoColumns(null) : to === 'SCARTATA' || to === 'SCART_CAF' ? scartoColumns(change.scarto) : {}),
    ...(to === 'BLOCCATA' ? blockedColumns(change.reason ?? null) : {}),
    ...(to !== 'COMPLETA' && d.cgn_received_at === null ? { cgn_received_at: change.at } : {}),
    ...(to === 'TRASM_INPS' ? { inps_sent_at: change.at } : {}),
    ...(to === 'RICEVUTA' || to === 'SCARTATA' ? { esito_at: change.at } : {}),
  });
  if (history) history.add({ declaration_id: d.id, event: 'CAMBIO_STATO', from_status: d.status, to_status: to, at, operator, reason });
  else addCompiledHistory(a, d.id, d.status, to, operator, reason, at);
  d.status = to;
  d.version += 1;
  if (to !== 'COMPLETA' && d.cgn_received_at === null) d.cgn_received_at = change.at;
  return true;
}

export function stateOf(a: ArchiveDb, id: number): DeclState | undefined {
  return a.first(
    a.q.selectFrom('declarations').select(['id', 'status', 'version', 'sent_version', 'deleted_at', 'cgn_received_at']).where('id', '=', id),
  );
}
