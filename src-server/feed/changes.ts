import type { Kysely, Transaction } from 'kysely';
import { ChangeSchema, type Change, type ChangesResponse } from '#shared/server-api/contract';
import { chunks } from '../store/db';
import type { ServerDb } from '../store/schema';

/** A change before it gets its place in the feed. */
export type NewChange = Change extends infer C ? (C extends Change ? Omit<C, 'seq' | 'at'> : never) : never;

/**
 * Appends changes to a desk's feed. The `seq` numbers come from the desk's counter row
 * (`UPDATE desks SET change_seq = change_seq + n … RETURNING`), taken at the END of the transaction: the row lock
 * is held until commit, so on PostgreSQL a second writer for the same desk waits and its numbers become visible
 * after ours. A reader with cursor N therefore never misses a change numbered ≤ N (an autoincrement/sequence
 * would hand out numbers in start order, not commit order). On SQLite transactions are serial anyway.
 */
export async function appendChanges(trx: Transaction<ServerDb>, deskId: string, changes: readonly NewChange[], at: string): Promise<number[]> {
  if (changes.length === 0) return [];
  const { change_seq: last } = await trx
    .updateTable('desks')
    .set((eb) => ({ change_seq: eb('change_seq', '+', changes.length) }))
    .where('id', '=', deskId)
    .returning('change_seq')
    .executeTakeFirstOrThrow();
  const first = last - changes.length + 1;
  const rows = changes.map((c, i) => ({ desk_id: deskId, seq: first + i, created_at: at, payload: JSON.stringify(c) }));
  for (const part of chunks(rows, 200)) await trx.insertInto('changes').values(part).execute();
  return rows.map((r) => r.seq);
}

/** Changes for several desks: counters are locked in desk-id order, so two multi-desk jobs cannot deadlock. */
export async function appendChangesByDesk(trx: Transaction<ServerDb>, byDesk: ReadonlyMap<string, NewChange[]>, at: string): Promise<void> {
  for (const deskId of [...byDesk.keys()].sort()) await appendChanges(trx, deskId, byDesk.get(deskId) ?? [], at);
}

export function groupByDesk<T extends { desk_id: string }>(rows: readonly T[], make: (row: T) => NewChange): Map<string, NewChange[]> {
  const out = new Map<string, NewChange[]>();
  for (const r of rows) {
    const list = out.get(r.desk_id) ?? [];
    list.push(make(r));
    out.set(r.desk_id, list);
  }
  return out;
}

export async function listChanges(db: Kysely<ServerDb>, deskId: string, after: number, limit: number): Promise<Omit<ChangesResponse, 'serverId'>> {
  const rows = await db
    .selectFrom('changes')
    .select(['seq', 'created_at', 'payload'])
    .where('desk_id', '=', deskId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const changes = page.map((r) => ChangeSchema.parse({ ...(JSON.parse(r.payload) as object), seq: r.seq, at: r.created_at }));
  return { changes, cursor: page.at(-1)?.seq ?? after, hasMore: rows.length > limit };
}
