import { randomUUID } from 'node:crypto';
import { RedDocumentSchema } from '#shared/domain/red-document';
import type { ForwardResult } from '#shared/server-api/contract';
import { appendChangesByDesk, groupByDesk } from '../feed/changes';
import type { InpsGateway, InpsItem } from '../inps/gateway';
import { chunks, nowIso, type Store } from '../store/db';

/**
 * "Trasmissione RED all'INPS" (T11, p. 100; weekly in real life): two steps.
 *  1. Claim, in one transaction: the Trasm.CGN declarations become Trasm.INPS in a new batch, and the desks' feeds
 *     say so. From here a withdrawal gets 409 (the declaration is in the file for INPS). Withdrawn and rejected
 *     declarations are never picked (only status TRASM_CGN is), nor those the CAF blocked in the console.
 *  2. Deliver every batch not yet delivered (this one and any a failure left behind), outside any transaction:
 *     the gateway is idempotent on the batch id, so a retry after a lost answer is safe.
 */
export async function forwardToInps(store: Store, gateway: InpsGateway, maxItems = 1000): Promise<ForwardResult> {
  const batchId = randomUUID();
  const forwarded = await store.transaction(async (trx) => {
    const at = nowIso();
    const picked = await trx.selectFrom('declarations').select('id').where('status', '=', 'TRASM_CGN').where('blocked_at', 'is', null).orderBy('received_at').limit(maxItems).execute();
    if (picked.length === 0) return 0;
    // Inserted first: declarations.inps_batch_id refers to it.
    await trx.insertInto('inps_batches').values({ id: batchId, created_at: at, item_count: 0, sent_at: null, completed_at: null, attempts: 0, last_error: null }).execute();
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

  const pending = await store.db.selectFrom('inps_batches').select(['id']).where('sent_at', 'is', null).orderBy('created_at').execute();
  let sent = 0;
  let error: string | null = null;
  for (const b of pending) {
    try {
      await gateway.send({ batchId: b.id, items: await batchItems(store, b.id) });
      await store.db
        .updateTable('inps_batches')
        .set((eb) => ({ sent_at: nowIso(), attempts: eb('attempts', '+', 1), last_error: null }))
        .where('id', '=', b.id)
        .execute();
      sent++;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      await store.db
        .updateTable('inps_batches')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
        .where('id', '=', b.id)
        .execute();
      break; // INPS is down: the others wait for the next run
    }
  }
  return { forwarded, batchId: forwarded > 0 ? batchId : null, sent, pendingBatches: pending.length - sent, error };
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
