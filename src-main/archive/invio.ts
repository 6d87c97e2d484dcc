import { randomBytes, randomUUID } from 'node:crypto';
import type { ArchiveDb } from './db';
import { readDocuments } from './documents';
import { correctionFacts } from './correction-facts';
import { batchInsert, bulkInsert } from './records';
import { requireValidator } from './validation';
import { planTransition, rettificaSendRefusal } from '#shared/status/machine';
import type { TransmissionRules } from '#shared/campaigns/red2009/transmission';
import { MAX_TRANSMISSION_ITEMS } from '#shared/server-api/contract';

/**
 * The archive side of the transmission to the central CAF (issue 4), "Invio": the outbox written in the same
 * transaction as the "Attesa" status. Like every module of the transmission (outbox.ts, feed.ts,
 * corrections.ts), each function runs in one SQLite transaction: a crash leaves either all of it or none of it.
 */

export interface InvioResult {
  queued: number;
  files: number;
  transmissionIds: string[];
  refused: { id: number; progressivo: number; message: string }[];
  /** With `limit`: the progressivo to continue after (`afterProgressivo` of the next part), null when none is left. */
  next: number | null;
}

/** Which declarations an Invio takes: the chosen ones, or every Completa (optionally one part at a time). */
export interface InvioSelection {
  ids?: readonly number[];
  allComplete?: boolean;
  /** With `allComplete`: only those after this progressivo, at most `limit` of them (an Invio sent in parts). */
  afterProgressivo?: number;
  limit?: number;
}

/**
 * "Invio" (p. 99): the chosen "Completa" declarations go into the outbox with status "Attesa", in files of at
 * most 500 items. Each item is frozen as JSON now, so a retry sends exactly the same bytes (the server's
 * idempotency: same transmissionId, same content). Status, history and outbox rows share one transaction.
 * With `limit` (all complete only), one part of the Invio: the service sends it part by part so that the first
 * files go out while the next are frozen (issue 14), each part all or nothing.
 */
export function enqueueInvio(
  a: ArchiveDb,
  sel: InvioSelection,
  operator: string,
  rules: TransmissionRules,
  now: Date,
): InvioResult {
  const validate = requireValidator(a);
  return a.write((): InvioResult => {
    let q = a.q
      .selectFrom('declarations')
      .select(['id', 'progressivo', 'tipo', 'status', 'version', 'matricola', 'server_key', 'rettifica_of'])
      .where('deleted_at', 'is', null);
    q = sel.ids ? q.where('id', 'in', sel.ids.length ? [...sel.ids] : [-1]) : q.where('status', '=', 'COMPLETA');
    const part = !sel.ids && sel.limit !== undefined;
    if (part && sel.afterProgressivo !== undefined) q = q.where('progressivo', '>', sel.afterProgressivo);
    q = q.orderBy('progressivo');
    const rows = a.all(part ? q.limit(sel.limit ?? 0) : q);
    const out: InvioResult = { queued: 0, files: 0, transmissionIds: [], refused: [], next: part && rows.length === sel.limit ? (rows.at(-1)?.progressivo ?? null) : null };
    const found = new Set(rows.map((r) => r.id));
    for (const id of sel.ids ?? []) if (!found.has(id)) out.refused.push({ id, progressivo: 0, message: `Dichiarazione ${id} non trovata nell'archivio.` });
    const at = a.now();
    const setSentQuery = a.q
      .updateTable('declarations')
      .set({ status: 'ATTESA', version: 0, sent_version: 0, server_key: '', updated_at: '', scarto_origin: null, scarto_code: null, scarto_message: null, scarto_suggestion: null, scarto_json: null })
      .where('id', '=', 0)
      .compile();
    if (setSentQuery.parameters.length !== 11) throw new Error(`enqueueInvio: ${setSentQuery.sql}`);
    const setSent = a.prepared(setSentQuery.sql);
    const history = batchInsert(a, 'status_history', ['declaration_id', 'event', 'from_status', 'to_status', 'at', 'operator', 'reason']);
    const insertFile = bulkInsert(a, 'outbox_files', ['transmission_id', 'created_at', 'operator', 'state']);
    const items = batchInsert(a, 'outbox_items', ['transmission_id', 'position', 'declaration_id', 'version', 'item_json']);
    const ok: typeof rows = [];
    for (const r of rows) {
      const p = planTransition('INVIO', r.status);
      // p. 100: 25 days from the forwarding to INPS of the ordinaria N of the chain, for every R of it.
      const late = p.ok && r.tipo === 'R' ? rettificaSendRefusal(correctionFacts(a, [r.id]).get(r.id)?.ordinariaInpsSentAt ?? null, rules, now) : null;
      if (!p.ok) out.refused.push({ id: r.id, progressivo: r.progressivo, message: `Progressivo ${r.progressivo}: ${p.message}` });
      else if (late) out.refused.push({ id: r.id, progressivo: r.progressivo, message: `Progressivo ${r.progressivo}: ${late}` });
      else ok.push(r);
    }
    for (let i = 0; i < ok.length; i += MAX_TRANSMISSION_ITEMS) {
      const chunk = ok.slice(i, i + MAX_TRANSMISSION_ITEMS);
      const docs = readDocuments(a, chunk.map((r) => r.id));
      const transmissionId = randomUUID();
      // One call to the random source per file, not one per declaration (10,000 calls cost ~70 ms).
      const newKeys = randomBytes(12 * chunk.length).toString('hex');
      let position = 0;
      for (const [k, r] of chunk.entries()) {
        const doc = docs.get(r.id);
        const result = doc ? validate(doc, r.matricola, r.id) : null;
        if (!doc || !result || result.outcome !== 'COMPLETABILE') {
          out.refused.push({
            id: r.id,
            progressivo: r.progressivo,
            message: `Progressivo ${r.progressivo}: ${doc ? `restano errori (${result?.findings[0]?.message ?? 'vedere Monitor errori'}).` : 'dati della dichiarazione mancanti.'}`,
          });
          continue;
        }
        if (position === 0) insertFile({ transmission_id: transmissionId, created_at: at, operator, state: 'IN_ATTESA' });
        const key = r.server_key ?? newKeys.slice(24 * k, 24 * k + 24);
        const version = r.version + 1;
        const item = { declarationKey: key, version, progressivo: r.progressivo, tipo: r.tipo, matricola: r.matricola, document: doc };
        setSent.run('ATTESA', version, version, key, at, null, null, null, null, null, r.id);
        history.add({ declaration_id: r.id, event: 'CAMBIO_STATO', from_status: r.status, to_status: 'ATTESA', at, operator, reason: `invio (file ${transmissionId})` });
        items.add({ transmission_id: transmissionId, position: position++, declaration_id: r.id, version, item_json: JSON.stringify(item) });
        out.queued++;
      }
      if (position > 0) {
        out.files++;
        out.transmissionIds.push(transmissionId);
      }
    }
    history.flush();
    items.flush();
    return out;
  });
}
