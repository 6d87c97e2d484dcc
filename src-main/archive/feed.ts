import type { ArchiveDb } from './db';
import { applyCircolare } from './circolari';
import { getSetting, setSetting } from './records';
import { applyServerStatus, compiled, type DeclState } from './server-status';
import type { Change } from '#shared/server-api/contract';

/** The change feed of the CAF server (issue 4): esiti, messages and circolari applied idempotently, with a cursor. */

const CURSOR_KEY = 'sync.cursor';
/** The identity of the server the cursor, the parked changes and the messages' seqs came from. */
const SERVER_ID_KEY = 'sync.serverId';

export function syncCursor(a: ArchiveDb): number {
  const v = getSetting(a, CURSOR_KEY);
  const n = v === null ? 0 : Number(JSON.parse(v));
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

function applyOne(a: ArchiveDb, change: Change, operator: string, changed: Set<number>): string | null {
  if (change.kind === 'CIRCOLARE') {
    applyCircolare(a, change);
    return null;
  }
  if (change.kind === 'MESSAGE') {
    const d = change.declarationKey
      ? a.first(a.q.selectFrom('declarations').select(['id', 'status', 'scarto_code']).where('server_key', '=', change.declarationKey))
      : undefined;
    if (change.declarationKey && !d) return 'dichiarazione non presente nell\'archivio';
    a.run(
      a.q
        .insertInto('messages')
        .values({ seq: change.seq, at: change.at, code: change.code, text: change.text, declaration_id: d?.id ?? null, correct_matricola: change.correctMatricola, read_at: null })
        .onConflict((oc) => oc.column('seq').doNothing()),
    );
    if (d && change.correctMatricola && d.status === 'SCARTATA') {
      a.run(a.q.updateTable('declarations').set({ scarto_suggestion: change.correctMatricola }).where('id', '=', d.id));
      changed.add(d.id);
    }
    return null;
  }
  const row = compiled(a, 'declarations:by-server-key', () =>
    a.q.selectFrom('declarations').select(['id', 'status', 'version', 'sent_version', 'deleted_at', 'cgn_received_at']).where('server_key', '=', ''),
  ).get(change.declarationKey) as DeclState | undefined;
  if (!row) return 'dichiarazione non presente nell\'archivio';
  const reason =
    change.status === 'BLOCCATA'
      ? 'bloccata dal CAF'
      : row.status === 'BLOCCATA' && change.status === 'TRASM_CGN'
        ? 'sbloccata dal CAF'
        : change.status === 'RITIRATA'
      ? 'ritirata dal CAF'
      : change.status === 'TRASM_INPS'
        ? 'trasmessa all\'INPS dal CAF'
        : change.status === 'RICEVUTA' || (change.status === 'SCARTATA' && change.scarto?.origin === 'INPS')
          ? 'esito INPS'
          : 'esito del CAF';
  if (applyServerStatus(a, row, { ...change, reason: change.reason ?? null }, operator, reason)) changed.add(row.id);
  return null;
}

/**
 * One page of the change feed, applied in one transaction together with the new cursor: after a crash the
 * page is either applied with its cursor or not at all. Changes that cannot be applied yet are parked, never
 * dropped, and retried (in seq order) before every page.
 */
export function applyChanges(
  a: ArchiveDb,
  changes: readonly Change[],
  cursor: number,
  operator: string,
  serverId: string,
): { applied: number; parked: number; changedIds: number[]; reset: boolean } {
  return a.write(() => {
    const known = getSetting(a, SERVER_ID_KEY);
    if (known === null) {
      // First page from a server (or a desk from before the identity): this server's feed from now on.
      setSetting(a, SERVER_ID_KEY, serverId);
    } else if (known !== serverId) {
      // Another server: the cursor and the parked changes meant something only on the old one. The page was asked
      // with the old cursor, so it is not applied: the feed starts again from 0. The old messages stay (history),
      // with their seq moved below 0 so that the new server's seqs never collide with them.
      setSetting(a, SERVER_ID_KEY, serverId);
      setSetting(a, CURSOR_KEY, JSON.stringify(0));
      a.run(a.q.deleteFrom('parked_changes'));
      a.run(a.q.updateTable('messages').set((eb) => ({ seq: eb.neg(eb.ref('id')) })).where('seq', '>', 0));
      return { applied: 0, parked: 0, changedIds: [], reset: true };
    }
    const changed = new Set<number>();
    let applied = 0;
    for (const p of a.all(a.q.selectFrom('parked_changes').selectAll().orderBy('seq'))) {
      const c = JSON.parse(p.change_json) as Change;
      if (applyOne(a, c, operator, changed) === null) {
        a.run(a.q.deleteFrom('parked_changes').where('seq', '=', p.seq));
        applied++;
      }
    }
    const current = syncCursor(a);
    let parked = 0;
    for (const c of changes) {
      if (c.seq <= current) continue;
      const why = applyOne(a, c, operator, changed);
      if (why === null) applied++;
      else {
        a.run(
          a.q
            .insertInto('parked_changes')
            .values({ seq: c.seq, change_json: JSON.stringify(c), parked_at: a.now(), reason: why })
            .onConflict((oc) => oc.column('seq').doNothing()),
        );
        parked++;
      }
    }
    if (cursor > current) setSetting(a, CURSOR_KEY, JSON.stringify(cursor));
    return { applied, parked, changedIds: [...changed], reset: false };
  });
}
