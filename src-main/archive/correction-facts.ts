import { RICOSTITUITA_MESSAGE_CODE } from '#shared/server-api/contract';
import type { ArchiveDb } from './db';

/**
 * The facts of a declaration's chain that decide its correction windows (status/machine.ts `correggiRefusal`,
 * `rettificaSendRefusal`): the ordinaria "N" at the root of the chain N → R → R …, its first sending to the CAF
 * (p. 69) and its forwarding to INPS (p. 100), and whether INPS said the position was "ricostituita" (p. 102) about
 * any declaration of the chain (it is the pensioner's position, not one copy of the RED).
 */
export interface CorrectionFacts {
  ordinariaInvioAt: string | null;
  ordinariaInpsSentAt: string | null;
  ricostituita: boolean;
}

interface ChainRow {
  id: number;
  tipo: 'N' | 'R';
  rettifica_of: number | null;
  cgn_received_at: string | null;
  inps_sent_at: string | null;
}

/** A chain is a handful of corrections; the bound only stops a corrupt loop of `rettifica_of`. */
const MAX_CHAIN = 100;

/** Facts per declaration id (ids not in the archive are left out). Rows of type N cost no query but one. */
export function correctionFacts(a: ArchiveDb, ids: readonly number[]): Map<number, CorrectionFacts> {
  const out = new Map<number, CorrectionFacts>();
  if (ids.length === 0) return out;
  const select = () => a.q.selectFrom('declarations').select(['id', 'tipo', 'rettifica_of', 'cgn_received_at', 'inps_sent_at']);
  const known = new Map<number, ChainRow>();
  for (const r of a.all(select().where('id', 'in', [...ids]))) known.set(r.id, r);
  const chains = new Map<number, number[]>();
  for (const id of ids) {
    let cur = known.get(id);
    if (!cur) continue;
    const chain = [cur.id];
    while (cur.tipo === 'R' && cur.rettifica_of !== null && chain.length < MAX_CHAIN) {
      const next: ChainRow | undefined = known.get(cur.rettifica_of) ?? a.first(select().where('id', '=', cur.rettifica_of));
      if (!next || chain.includes(next.id)) break;
      known.set(next.id, next);
      chain.push(next.id);
      cur = next;
    }
    chains.set(id, chain);
    out.set(id, { ordinariaInvioAt: cur.cgn_received_at ?? cur.inps_sent_at, ordinariaInpsSentAt: cur.inps_sent_at, ricostituita: false });
  }
  const members = [...new Set([...chains.values()].flat())];
  const ricostituite = new Set(
    a
      .all(
        a.q
          .selectFrom('messages')
          .select('declaration_id')
          .distinct()
          .where('code', '=', RICOSTITUITA_MESSAGE_CODE)
          .where('declaration_id', 'in', members),
      )
      .map((m) => m.declaration_id),
  );
  if (ricostituite.size > 0) {
    for (const [id, chain] of chains) {
      const f = out.get(id);
      if (f && chain.some((c) => ricostituite.has(c))) f.ricostituita = true;
    }
  }
  return out;
}
