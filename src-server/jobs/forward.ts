import { randomUUID } from 'node:crypto';
import { RedDocumentSchema } from '#shared/domain/red-document';
import type { ForwardResult } from '#shared/server-api/contract';
import { appendChangesByDesk, groupByDesk } from '../feed/changes';
import type { InpsGateway, InpsItem } from '../inps/gateway';
import { chunks, nowIso, type Store } from '../store/db';
import { holdLease, leaseBatch, LeaseLostError, localLease, releaseBatch, type LeaseOptions } from './leases';

/**
 * "Trasmissione RED all'INPS" (T11, p. 100; weekly in real life): two steps, safe with several server processes
 * on one PostgreSQL (issue 14 point 7).
 *  1. Claim, in one transaction: the Trasm.CGN declarations become Trasm.INPS in a new batch, and the desks' feeds
 *     say so. From here a withdrawal gets 409 (the declaration is in the file for INPS). Withdrawn and rejected
 *     declarations are never picked (only status TRASM_CGN is), nor those the CAF blocked in the console. On PostgreSQL the rows are taken with
 *     `FOR UPDATE SKIP LOCKED`: two processes claiming at once get disjoint declarations, and each declaration
 *     belongs to exactly one batch (the update is conditional on the status as well).
 *  2. Deliver every batch not yet delivered (this one and any that a failure or a dead process left behind), one
 *     at a time under the batch's lease (leases.ts), renewed while INPS answers, outside any other transaction. The batch id is stored before
 *     the first delivery and its content is fixed (its declarations stay Trasm.INPS until their esiti), so a
 *     delivery repeated after a lost answer or a dead process sends the same id with the same items, which
 *     INPS takes once (the simulator answers `duplicate`, and refuses the same id with other content).
 */
export async function forwardToInps(store: Store, gateway: InpsGateway, maxItems = 1000, lease: LeaseOptions = localLease()): Promise<ForwardResult> {
  const batchId = randomUUID();
  const forwarded = await store.transaction(async (trx) => {
    const at = nowIso();
    const picked = await trx
      .selectFrom('declarations')
      .select('id')
      .where('status', '=', 'TRASM_CGN')
      .where('blocked_at', 'is', null)
      .orderBy('received_at')
      .limit(maxItems)
      .$if(store.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
      .execute();
    if (picked.length === 0) return 0;
    // Inserted first: declarations.inps_batch_id refers to it.
    await trx
      .insertInto('inps_batches')
      .values({ id: batchId, created_at: at, item_count: 0, sent_at: null, completed_at: null, attempts: 0, last_error: null, lease_owner: null, lease_until: null })
      .execute();
    const moved: { desk_id: string; declaration_key: string; version: number }[] = [];
    for (const part of chunks(picked.map((p) => p.id), 500)) {
      // Conditional on the status: a withdrawal committed meanwhile wins and the row is skipped.
      const rows = await trx
        .updateTable('declarations')
        .set({ status: 'TRASM_INPS', inps_batch_id: batchId, updated_at: at })
        .where('id', 'in', part)
        .where('status', '=', 'TRASM_CGN')
        .where('blocked_at', 'is', null) // blocked by the CAF in the console meanwhile: not forwarded
        .returning(['desk_id', 'declaration_key', 'version'])
        .execute();
      moved.push(...rows);
    }
    if (moved.length === 0) await trx.deleteFrom('inps_batches').where('id', '=', batchId).execute();
    else await trx.updateTable('inps_batches').set({ item_count: moved.length }).where('id', '=', batchId).execute();
    const feed = groupByDesk(moved, (r) => ({ kind: 'STATUS', declarationKey: r.declaration_key, version: r.version, status: 'TRASM_INPS', scarto: null }));
    await appendChangesByDesk(trx, feed, at);
    return moved.length;
  });

  let sent = 0;
  let error: string | null = null;
  const lost: string[] = []; // not taken again in this run
  for (;;) {
    const takenAt = performance.now();
    const id = await leaseBatch(store, 'deliver', lease, lost);
    if (id === null) break;
    // Renewed while INPS takes its time; lost (taken over, or not renewed in time) → the call is abandoned.
    const held = holdLease(store, id, lease, takenAt);
    let outcome: 'sent' | 'lost' | 'failed';
    try {
      const items = await batchItems(store, id);
      held.check();
      await gateway.send({ batchId: id, items }, held.signal);
      held.check();
      outcome = 'sent';
    } catch (e) {
      outcome = e instanceof LeaseLostError || held.signal.aborted ? 'lost' : 'failed';
      error = e instanceof Error ? e.message : String(e);
    } finally {
      await held.stop();
    }
    if (outcome === 'lost') {
      // Another process has (or will take) the batch: nothing written about it here, go on with the next one.
      if (held.signal.reason instanceof LeaseLostError) error = held.signal.reason.message;
      lost.push(id);
      continue;
    }
    if (outcome === 'failed') {
      await store.db
        .updateTable('inps_batches')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
        .where('id', '=', id)
        .where('lease_owner', '=', lease.workerId)
        .execute();
      await releaseBatch(store, id, lease.workerId);
      break; // INPS is down: the others wait for the next run
    }
    // Delivered: the batch moves on to the esiti step, lease-free. Conditional on still holding the lease: if it
    // was taken over in the last instant, the new holder delivers it again (INPS holds it once) and marks it.
    const marked = await store.db
      .updateTable('inps_batches')
      .set((eb) => ({ sent_at: nowIso(), attempts: eb('attempts', '+', 1), last_error: null, lease_owner: null, lease_until: null }))
      .where('id', '=', id)
      .where('sent_at', 'is', null)
      .where('lease_owner', '=', lease.workerId)
      .executeTakeFirst();
    if (Number(marked.numUpdatedRows) === 1) sent++;
  }
  const { n } = await store.db
    .selectFrom('inps_batches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { forwarded, batchId: forwarded > 0 ? batchId : null, sent, pendingBatches: Number(n), error };
}

async function batchItems(store: Store, batchId: string): Promise<InpsItem[]> {
  const rows = await store.db
    .selectFrom('declarations as d')
    .innerJoin('declaration_versions as v', (j) => j.onRef('v.declaration_id', '=', 'd.id').onRef('v.version', '=', 'd.version'))
    .select(['d.id', 'd.version', 'd.matricola', 'd.codice_fiscale', 'd.tipo', 'd.progressivo', 'v.document'])
    .where('d.inps_batch_id', '=', batchId)
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    ref: r.id,
    version: r.version,
    matricola: r.matricola,
    codiceFiscale: r.codice_fiscale,
    tipo: r.tipo,
    progressivo: r.progressivo,
    document: RedDocumentSchema.parse(JSON.parse(r.document)),
  }));
}
