import { RICOSTITUITA_MESSAGE_CODE, type EsitiResult, type Scarto } from '#shared/server-api/contract';
import { INPS_MESSAGES, RICOSTITUITA_MESSAGE } from '../checks/messages';
import { appendChangesByDesk, groupByDesk } from '../feed/changes';
import type { InpsEsito, InpsGateway } from '../inps/gateway';
import { chunks, nowIso, type Store } from '../store/db';
import { assertLeaseHeld, holdLease, leaseBatch, LeaseLostError, localLease, releaseBatch, type LeaseOptions } from './leases';

/**
 * INPS esiti (T12/T13, p. 108): for every delivered batch still open, fetch the esiti and apply them: Trasm.INPS →
 * Ricevuta, or Scartata with the code and its verbatim description. Idempotent: only declarations still
 * Trasm.INPS in that batch change, so an esito fetched twice is applied once. A batch closes when none is left.
 * With several server processes (issue 14 point 7) each batch is read under its lease (leases.ts), renewed while
 * INPS answers and checked again in the transaction that applies the esiti: one process per batch at a time, and
 * a batch whose process died is taken over when its lease expires.
 */
export async function ingestEsiti(store: Store, gateway: InpsGateway, lease: LeaseOptions = localLease()): Promise<EsitiResult> {
  let ricevute = 0;
  let scartate = 0;
  let error: string | null = null;
  // Each open batch once per run (a batch still waiting for some esiti is given back and must not be taken again).
  const seen: string[] = [];
  for (;;) {
    const takenAt = performance.now();
    const batchId = await leaseBatch(store, 'esiti', lease, seen);
    if (batchId === null) break;
    seen.push(batchId);
    // Renewed while INPS answers; lost → the call is abandoned and nothing is applied here.
    const held = holdLease(store, batchId, lease, takenAt);
    let esiti: InpsEsito[];
    try {
      esiti = await gateway.esiti(batchId, held.signal);
      held.check();
    } catch (e) {
      await held.stop();
      if (held.signal.aborted) {
        const reason: unknown = held.signal.reason;
        error = reason instanceof Error ? reason.message : String(reason);
        continue;
      }
      error = e instanceof Error ? e.message : String(e);
      await releaseBatch(store, batchId, lease.workerId);
      continue;
    }
    await held.stop();
    // Same outcome → one UPDATE for the whole group.
    const groups = new Map<string, { scarto: Scarto | null; refs: string[] }>();
    const ricostituite = new Set(esiti.filter((e) => e.esito === 'RICEVUTA' && e.ricostituita).map((e) => e.ref));
    for (const e of esiti) {
      const key = e.esito === 'RICEVUTA' ? 'RICEVUTA' : e.code;
      const scarto: Scarto | null = e.esito === 'RICEVUTA' ? null : { origin: 'INPS', code: e.code, message: INPS_MESSAGES[e.code] };
      const g = groups.get(key) ?? { scarto, refs: [] };
      g.refs.push(e.ref);
      groups.set(key, g);
    }
    const applied = await store.transaction(async (trx) => {
      // Fenced: applied only while the lease is still this worker's (the row then stays locked until commit).
      await assertLeaseHeld(trx, store.dialect, batchId, lease);
      const at = nowIso();
      const changed: { id: string; desk_id: string; declaration_key: string; version: number; scarto: Scarto | null }[] = [];
      for (const { scarto, refs } of groups.values()) {
        for (const part of chunks(refs, 500)) {
          const rows = await trx
            .updateTable('declarations')
            .set({ status: scarto ? 'SCARTATA' : 'RICEVUTA', scarto: scarto ? JSON.stringify(scarto) : null, updated_at: at })
            .where('id', 'in', part)
            .where('inps_batch_id', '=', batchId)
            .where('status', '=', 'TRASM_INPS')
            .returning(['id', 'desk_id', 'declaration_key', 'version'])
            .execute();
          changed.push(...rows.map((r) => ({ ...r, scarto })));
        }
      }
      const feed = groupByDesk(changed, (r) => ({
        kind: 'STATUS',
        declarationKey: r.declaration_key,
        version: r.version,
        status: r.scarto ? 'SCARTATA' : 'RICEVUTA',
        scarto: r.scarto,
      }));
      // A position already "ricostituita" (p. 102): the esito says so with a message about the declaration,
      // after its Ricevuta; the desk then refuses "Correggi" (OPR-05).
      for (const r of changed) {
        if (r.scarto || !ricostituite.has(r.id)) continue;
        feed.get(r.desk_id)?.push({ kind: 'MESSAGE', declarationKey: r.declaration_key, code: RICOSTITUITA_MESSAGE_CODE, text: RICOSTITUITA_MESSAGE, correctMatricola: null });
      }
      await appendChangesByDesk(trx, feed, at);
      const left = await trx
        .selectFrom('declarations')
        .select('id')
        .where('inps_batch_id', '=', batchId)
        .where('status', '=', 'TRASM_INPS')
        .limit(1)
        .executeTakeFirst();
      if (!left) await trx.updateTable('inps_batches').set({ completed_at: at }).where('id', '=', batchId).execute();
      // The lease is given back with the esiti, in the same transaction (unless it expired and another took it).
      await trx.updateTable('inps_batches').set({ lease_owner: null, lease_until: null }).where('id', '=', batchId).where('lease_owner', '=', lease.workerId).execute();
      return { ricevute: changed.filter((c) => !c.scarto).length, scartate: changed.filter((c) => c.scarto).length };
    }).catch((e: unknown) => {
      if (e instanceof LeaseLostError) return e; // rolled back: the batch's new holder applies the esiti
      throw e;
    });
    if (applied instanceof LeaseLostError) {
      error = applied.message;
      continue;
    }
    // Counted after the commit: a transaction run again after a deadlock counts once.
    ricevute += applied.ricevute;
    scartate += applied.scartate;
  }
  const { n } = await store.db
    .selectFrom('inps_batches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sent_at', 'is not', null)
    .where('completed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { ricevute, scartate, pendingBatches: Number(n), error };
}
