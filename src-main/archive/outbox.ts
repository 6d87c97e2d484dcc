import type { ArchiveDb } from './db';
import { addHistory, batchInsert } from './records';
import { applyServerStatus, plan, stateOf, updateDeclaration, type DeclState } from './server-status';
import type { TransmitItemResult, TransmitResponse } from '#shared/server-api/contract';

/** The outbox of "Invio" (issue 4): the files to send, their bodies, the failed attempts, the server's answers. */

/** A file is "stuck" (shown for "Reinvio dichiarazioni" and in the status bar) after this many failed attempts. */
export const STUCK_ATTEMPTS = 5;

/**
 * The files waiting to be sent, oldest first. Every pass of the sync sends them all: the backoff is the sync
 * service's timer (the per-file next attempt is what "Reinvio dichiarazioni" shows).
 */
export function outboxWaiting(a: ArchiveDb): string[] {
  return a
    .all(a.q.selectFrom('outbox_files').select('transmission_id').where('state', '=', 'IN_ATTESA').orderBy('created_at').orderBy('transmission_id'))
    .map((r) => r.transmission_id);
}

/** The request body of a file: always the same bytes for the same file. */
export function outboxBody(a: ArchiveDb, transmissionId: string): string {
  const items = a.all(
    a.q.selectFrom('outbox_items').select(['item_json']).where('transmission_id', '=', transmissionId).orderBy('position'),
  );
  return `{"transmissionId":${JSON.stringify(transmissionId)},"items":[${items.map((i) => i.item_json ?? 'null').join(',')}]}`;
}

/** A failed attempt (network, 5xx, timeout, 401): the file stays in the outbox and waits for `nextAttemptAt`. */
export function outboxAttemptFailed(a: ArchiveDb, transmissionId: string, error: string, nextAttemptAt: string | null): void {
  a.run(
    a.q
      .updateTable('outbox_files')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, next_attempt_at: nextAttemptAt }))
      .where('transmission_id', '=', transmissionId)
      .where('state', '=', 'IN_ATTESA'),
  );
}

/** Resets the backoff ("Reinvio dichiarazioni"): the files go out at the next sync. */
export function outboxRetryNow(a: ArchiveDb, transmissionIds?: readonly string[]): { files: number; declarations: number } {
  return a.write(() => {
    let q = a.q.updateTable('outbox_files').set({ next_attempt_at: null }).where('state', '=', 'IN_ATTESA');
    if (transmissionIds) q = q.where('transmission_id', 'in', transmissionIds.length ? [...transmissionIds] : ['']);
    const files = a.run(q).changes;
    let c = a.q
      .selectFrom('outbox_items as i')
      .innerJoin('outbox_files as f', 'f.transmission_id', 'i.transmission_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.state', '=', 'IN_ATTESA');
    if (transmissionIds) c = c.where('f.transmission_id', 'in', transmissionIds.length ? [...transmissionIds] : ['']);
    return { files, declarations: a.first(c)?.n ?? 0 };
  });
}

/**
 * The server's answers to files, in their order, in one transaction. Per item "accepted"/"duplicate" → its status
 * (Tras.CGN, or at once Scart. CAF / Scartata); "refused" → back to "Da spedire" (Completa) with the reason. Each
 * file becomes "Consegnata" and its frozen items are dropped (the Storico keeps the outcome); applying an answer
 * twice is harmless. The sync hands over together the answers that arrived while the worker was busy: one commit
 * for all of them. It does not wait for the disk (`writeRedoable`): if a power cut loses it, the files are still in
 * the outbox with their frozen items, go out again and get the same answers (same transmissionId, same content).
 */
export function outboxDelivered(
  a: ArchiveDb,
  deliveries: readonly { transmissionId: string; response: TransmitResponse }[],
  operator: string,
): { changedIds: number[] } {
  return a.writeRedoable(() => ({ changedIds: deliveries.flatMap((d) => applyDelivery(a, d.transmissionId, d.response, operator)) }));
}

/** One file's answer, inside the caller's transaction; the ids of the declarations whose status changed. */
function applyDelivery(a: ArchiveDb, transmissionId: string, response: TransmitResponse, operator: string): number[] {
  const file = a.first(a.q.selectFrom('outbox_files').select(['state']).where('transmission_id', '=', transmissionId));
  if (!file || file.state !== 'IN_ATTESA') return [];
  // The items and their declarations' state in one read, not one query per item.
  const items = a.all(
    a.q
      .selectFrom('outbox_items as i')
      .leftJoin('declarations as d', 'd.id', 'i.declaration_id')
      .select(['i.position', 'i.declaration_id', 'i.version as item_version', 'd.id', 'd.server_key', 'd.status', 'd.version', 'd.sent_version', 'd.deleted_at', 'd.cgn_received_at'])
      .where('i.transmission_id', '=', transmissionId)
      .orderBy('i.position'),
  );
  const byVersion = new Map<string, TransmitItemResult>();
  for (const r of response.items) byVersion.set(`${r.version}:${r.declarationKey}`, r);
  const states = new Map<number, DeclState>();
  // The items' outcomes are written by group (one UPDATE for all the accepted ones, typically) and the
  // history rows in multi-row INSERTs: per-row statements cost more than the rows (bench/transmission.ts).
  const outcomes = new Map<string, { outcome: string; message: string | null; positions: number[] }>();
  const history = batchInsert(a, 'status_history', ['declaration_id', 'event', 'from_status', 'to_status', 'at', 'operator', 'reason']);
  const changed: number[] = [];
  const at = a.now();
  for (const it of items) {
    const r = byVersion.get(`${it.item_version}:${it.server_key ?? ''}`);
    let d = states.get(it.declaration_id);
    if (!d && it.id !== null && it.status !== null && it.version !== null) {
      d = { id: it.id, status: it.status, version: it.version, sent_version: it.sent_version, deleted_at: it.deleted_at, cgn_received_at: it.cgn_received_at };
      states.set(d.id, d);
    }
    const message = r ? (r.outcome === 'refused' ? (r.error?.message ?? 'Rifiutata dal CAF.') : null) : 'Risposta del CAF senza questa dichiarazione.';
    const outcome = r?.outcome ?? 'refused';
    const group = `${outcome}\u0000${message ?? ''}`;
    const g = outcomes.get(group);
    if (g) g.positions.push(it.position);
    else outcomes.set(group, { outcome, message, positions: [it.position] });
    if (!d || d.sent_version !== it.item_version) continue;
    if (r && r.outcome !== 'refused' && r.serverStatus) {
      if (applyServerStatus(a, d, { version: it.item_version, status: r.serverStatus, scarto: r.scarto, at: response.receivedAt }, operator, 'conferma di ricezione del CAF', history)) changed.push(d.id);
    } else if (d.status === 'ATTESA' && d.deleted_at === null) {
      const to = plan('RIFIUTO', d.status);
      updateDeclaration(a, d.id, { status: to, version: d.version + 1, updated_at: at, scarto_origin: 'CAF', scarto_code: r?.error?.code ?? 'SRV-09', scarto_message: message, scarto_suggestion: null, scarto_json: null });
      history.add({ declaration_id: d.id, event: 'CAMBIO_STATO', from_status: d.status, to_status: to, at, operator, reason: `rifiutata dal CAF: ${message}` });
      d.status = to;
      d.version += 1;
      changed.push(d.id);
    }
  }
  history.flush();
  const setOutcome = a.prepared(
    'UPDATE outbox_items SET outcome = ?, message = ?, item_json = NULL WHERE transmission_id = ? AND position IN (SELECT value FROM json_each(?))',
  );
  for (const g of outcomes.values()) setOutcome.run(g.outcome, g.message, transmissionId, JSON.stringify(g.positions));
  a.run(
    a.q
      .updateTable('outbox_files')
      .set((eb) => ({ state: 'CONSEGNATA', delivered_at: response.receivedAt, last_error: null, next_attempt_at: null, attempts: eb('attempts', '+', 1) }))
      .where('transmission_id', '=', transmissionId),
  );
  return changed;
}

/**
 * The server refused the whole file for good (campaign deadline, invalid or oversized request): the file is
 * "Rifiutata" and its declarations go back to "Da spedire" (Completa) with the reason.
 */
export function outboxRejected(a: ArchiveDb, transmissionId: string, code: string, message: string, operator: string): { changedIds: number[] } {
  return a.write(() => {
    const file = a.first(a.q.selectFrom('outbox_files').select(['state']).where('transmission_id', '=', transmissionId));
    if (!file || file.state !== 'IN_ATTESA') return { changedIds: [] };
    const items = a.all(a.q.selectFrom('outbox_items').select(['position', 'declaration_id', 'version']).where('transmission_id', '=', transmissionId));
    const at = a.now();
    const changed: number[] = [];
    for (const it of items) {
      const d = stateOf(a, it.declaration_id);
      if (!d || d.sent_version !== it.version || d.status !== 'ATTESA' || d.deleted_at !== null) continue;
      const to = plan('RIFIUTO', d.status);
      a.run(
        a.q
          .updateTable('declarations')
          .set({ status: to, version: d.version + 1, updated_at: at, scarto_origin: 'CAF', scarto_code: code, scarto_message: message, scarto_suggestion: null, scarto_json: null })
          .where('id', '=', d.id),
      );
      addHistory(a, d.id, 'CAMBIO_STATO', d.status, to, operator, `file rifiutato dal CAF: ${message}`, at);
      changed.push(d.id);
    }
    a.run(a.q.updateTable('outbox_items').set({ outcome: 'refused', message, item_json: null }).where('transmission_id', '=', transmissionId));
    a.run(
      a.q
        .updateTable('outbox_files')
        .set((eb) => ({ state: 'RIFIUTATA', last_error: message, next_attempt_at: null, attempts: eb('attempts', '+', 1) }))
        .where('transmission_id', '=', transmissionId),
    );
    return { changedIds: changed };
  });
}
