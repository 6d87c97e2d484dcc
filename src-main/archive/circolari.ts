import type { CircolareChange } from '#shared/server-api/contract';
import type { CircolareRow } from '#shared/domain/circolari';
import type { ArchiveDb } from './db';

/**
 * "Circolari telematiche" (p. 70) on the desk: stored once per circolare of the CAF (the feed may repeat a change
 * after a crash: the server id is unique), unread until the operator opens the list.
 */
export function applyCircolare(a: ArchiveDb, c: CircolareChange): void {
  a.run(
    a.q
      .insertInto('circolari')
      .values({ server_id: c.circolareId, seq: c.seq, titolo: c.titolo, testo: c.testo, data: c.data, scadenza: c.scadenza, received_at: c.at, read_at: null })
      .onConflict((oc) => oc.column('server_id').doNothing()),
  );
}

/** Newest first (by the circolare's date, then by arrival). */
export function circolariList(a: ArchiveDb): CircolareRow[] {
  return a
    .all(a.q.selectFrom('circolari').select(['id', 'titolo', 'testo', 'data', 'scadenza', 'read_at']).orderBy('data', 'desc').orderBy('seq', 'desc').limit(500))
    .map((r) => ({ id: r.id, titolo: r.titolo, testo: r.testo, data: r.data, scadenza: r.scadenza, read: r.read_at !== null }));
}

export function markCircolariRead(a: ArchiveDb, ids: readonly number[]): number {
  if (ids.length === 0) return 0;
  return a.run(a.q.updateTable('circolari').set({ read_at: a.now() }).where('id', 'in', [...ids]).where('read_at', 'is', null)).changes;
}
