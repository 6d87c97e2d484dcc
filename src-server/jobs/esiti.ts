import { RICOSTITUITA_MESSAGE_CODE, type EsitiResult, type Scarto } from '#shared/server-api/contract';
import { INPS_MESSAGES, RICOSTITUITA_MESSAGE } from '../checks/messages';
import { appendChangesByDesk, groupByDesk } from '../feed/changes';
import type { InpsEsito, InpsGateway } from '../inps/gateway';
import { chunks, nowIso, type Store } from '../store/db';

/**
 * INPS esiti (T12/T13, p. 108): for every delivered batch still open, fetch the esiti and apply them: Trasm.INPS →
 * Ricevuta, or Scartata with the code and its verbatim description. Idempotent: only declarations still
 * Trasm.INPS in that batch change, so an esito fetched twice is applied once. A batch closes when none is left.
 */
export async function ingestEsiti(store: Store, gateway: InpsGateway): Promise<EsitiResult> {
  const open = await store.db
    .selectFrom('inps_batches')
    .select('id')
    .where('sent_at', 'is not', null)
    .where('completed_at', 'is', null)
    .orderBy('created_at')
    .execute();
  let ricevute = 0;
  let scartate = 0;
  let stillOpen = 0;
  let error: string | null = null;
  for (const { id: batchId } of open) {
    let esiti: InpsEsito[];
    try {
      esiti = await gateway.esiti(batchId);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      stillOpen++;
      continue;
    }
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
    const closed = await store.transaction(async (trx) => {
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
      ricevute += changed.filter((c) => !c.scarto).length;
      scartate += changed.filter((c) => c.scarto).length;
      const left = await trx
        .selectFrom('declarations')
        .select('id')
        .where('inps_batch_id', '=', batchId)
        .where('status', '=', 'TRASM_INPS')
        .limit(1)
        .executeTakeFirst();
      if (!left) await trx.updateTable('inps_batches').set({ completed_at: at }).where('id', '=', batchId).execute();
      return !left;
    });
    if (!closed) stillOpen++;
  }
  return { ricevute, scartate, pendingBatches: stillOpen, error };
}
