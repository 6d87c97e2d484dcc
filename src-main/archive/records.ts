import type Database from 'better-sqlite3-multiple-ciphers';
import { sql, type Insertable } from 'kysely';
import type { ArchiveDb } from './db';
import type { DeskDatabase } from './schema';
import { AppError, ERROR_CODES } from '#shared/errors';
import type { Status } from '#shared/status/statuses';

/** The rows every feature writes or reads the same way: history, progressivo, settings, bulk statements. */

/**
 * `x IN (…)` for a list of ids as one bound JSON text: the same SQL for any number of ids, so one prepared statement
 * per query instead of one per list length (each kept by `ArchiveDb.prepared`), and no limit on the bound variables.
 */
export function idsIn(ids: readonly number[]) {
  return sql<number>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
}

export function notFound(id: number): AppError {
  return new AppError({ code: ERROR_CODES.NOT_FOUND, message: `Dichiarazione ${id} non trovata nell'archivio.` });
}

export function nextProgressivo(a: ArchiveDb): number {
  const r = a.first(a.q.selectFrom('declarations').select((eb) => eb.fn.max('progressivo').as('p')));
  return (r?.p ?? 0) + 1;
}

/** One status-history row; written in the transaction of the change it records. */
export function addHistory(
  a: ArchiveDb,
  declarationId: number,
  event: 'CREAZIONE' | 'CAMBIO_STATO' | 'CANCELLAZIONE' | 'SBLOCCO',
  from: Status | null,
  to: Status | null,
  operator: string,
  reason: string | null,
  at: string,
): void {
  a.run(
    a.q.insertInto('status_history').values({
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
 * An INSERT that Kysely compiles once and the cached prepared statement runs for many rows: `columns`
 * fixes the parameter order. Building and compiling a Kysely query costs ~5 µs, more than SQLite's insert.
 */
export function bulkInsert<T extends keyof DeskDatabase & string>(
  a: ArchiveDb,
  table: T,
  columns: readonly (keyof Insertable<DeskDatabase[T]> & string)[],
): (row: Insertable<DeskDatabase[T]>) => Database.RunResult {
  const c = a.q
    .insertInto(table)
    .values(Object.fromEntries(columns.map((k) => [k, null])) as Insertable<DeskDatabase[T]>)
    .compile();
  if (c.parameters.length !== columns.length) throw new Error(`bulkInsert(${table}): ${c.sql}`);
  const stmt = a.prepared(c.sql);
  return (row) => stmt.run(...columns.map((k) => (row as Record<string, unknown>)[k] ?? null));
}

/** Like `bulkInsert`, for a row keyed by `key`: an existing row with that key gets the other columns' new values. */
export function bulkUpsert<T extends keyof DeskDatabase & string>(
  a: ArchiveDb,
  table: T,
  key: keyof Insertable<DeskDatabase[T]> & string,
  columns: readonly (keyof Insertable<DeskDatabase[T]> & string)[],
): (row: Insertable<DeskDatabase[T]>) => Database.RunResult {
  const insert = a.q.insertInto(table).values(Object.fromEntries(columns.map((k) => [k, null])) as Insertable<DeskDatabase[T]>);
  const others = columns.filter((k) => k !== key);
  // `excluded.<column>` is SQLite's name for the value the INSERT tried to write: no parameters beyond the insert's.
  const c = insert
    .onConflict((oc) => oc.column(key as never).doUpdateSet(Object.fromEntries(others.map((k) => [k, sql.ref(`excluded.${k}`)])) as never))
    .compile();
  if (c.parameters.length !== columns.length) throw new Error(`bulkUpsert(${table}): ${c.sql}`);
  const stmt = a.prepared(c.sql);
  return (row) => stmt.run(...columns.map((k) => (row as Record<string, unknown>)[k] ?? null));
}

/** Rows a multi-row INSERT of `batchInsert` carries (7 columns × 64 = 448 parameters, far under SQLite's limit). */
const BATCH_ROWS = 64;
const batchSql = new WeakMap<ArchiveDb, Map<string, string>>();

/**
 * Like `bulkInsert`, for many rows in one transaction: the rows are buffered and written `BATCH_ROWS` at a time
 * by one multi-row INSERT prepared once (one statement step instead of 64), the rest one by one at `flush`.
 * The caller flushes before its transaction ends; the rows keep their order.
 */
export function batchInsert<T extends keyof DeskDatabase & string>(
  a: ArchiveDb,
  table: T,
  columns: readonly (keyof Insertable<DeskDatabase[T]> & string)[],
): { add(row: Insertable<DeskDatabase[T]>): void; flush(): void } {
  const one = bulkInsert(a, table, columns);
  // Kysely compiles the 64-row statement once per connection and shape (compiling it costs ~1 ms).
  let byShape = batchSql.get(a);
  if (!byShape) batchSql.set(a, (byShape = new Map()));
  const shape = `${table}(${columns.join(',')})`;
  let text = byShape.get(shape);
  if (text === undefined) {
    const empty = Object.fromEntries(columns.map((k) => [k, null])) as Insertable<DeskDatabase[T]>;
    const c = a.q
      .insertInto(table)
      .values(Array.from({ length: BATCH_ROWS }, () => empty))
      .compile();
    if (c.parameters.length !== columns.length * BATCH_ROWS) throw new Error(`batchInsert(${table}): ${c.sql}`);
    text = c.sql;
    byShape.set(shape, text);
  }
  const many = a.prepared(text);
  let pending: Insertable<DeskDatabase[T]>[] = [];
  const values: unknown[] = [];
  return {
    add(row) {
      pending.push(row);
      if (pending.length < BATCH_ROWS) return;
      values.length = 0;
      for (const r of pending) for (const k of columns) values.push((r as Record<string, unknown>)[k] ?? null);
      many.run(values);
      pending = [];
    },
    flush() {
      for (const r of pending) one(r);
      pending = [];
    },
  };
}

export function bulkUpdateStatus(a: ArchiveDb): (status: Status, version: number, at: string, id: number) => void {
  const c = a.q
    .updateTable('declarations')
    .set({ status: 'INCOMPLETA', version: 0, updated_at: '' })
    .where('id', '=', 0)
    .compile();
  const stmt = a.prepared(c.sql);
  return (status, version, at, id) => void stmt.run(status, version, at, id);
}

/** A setting stored in the archive (JSON text), or null. */
export function getSetting(a: ArchiveDb, key: string): string | null {
  return a.first(a.q.selectFrom('settings').select('value').where('key', '=', key))?.value ?? null;
}

export function setSetting(a: ArchiveDb, key: string, value: string): void {
  a.run(a.q.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
}
