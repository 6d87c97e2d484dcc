/**
 * DM20-REG option F and the printing marks it depends on (circolare 83/1992 §11): which SC7/24 had lists B, C and E
 * printed, and the cancellation of the processed SC7/24 — their DM11 and slips go (archive 78), the SC7/24 row stays
 * as the accounting control record (DS79) with the counts and amounts stored at its inoltro, and the collections
 * keep their own copy of the slips (archive 30), so the statistics H, the DS79 lists and the monthly lists do not
 * change. One transaction: all the SC7/24 asked for, or none.
 */
import { rifiutoCancellazione } from '#shared/modules/dm20/elaborati';
import type { ListaSlip } from '#shared/modules/dm20/liste';
import type { ArchiveDb } from '../../archive/db';
import { refused } from './errors';
import { listaSlips } from './situazione';
import { sc724Row } from './store';

/** What lists C and E are made of, with the SC7/24 they cover (read together, so the marks match the paper). */
export function datiListe(a: ArchiveDb): { sc724Ids: number[]; slips: ListaSlip[] } {
  return a.db.transaction(() => {
    const ids = (a.prepared('SELECT id FROM dm20_sc724 WHERE inoltrato_at IS NOT NULL AND cancellato_at IS NULL ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    return { sc724Ids: ids, slips: listaSlips(a) };
  })();
}

/** Records that a list was printed for these SC7/24 (the first time counts). B only while squared; C, E once forwarded. */
export function segnaStampa(a: ArchiveDb, lista: 'B' | 'C' | 'E', sc724Ids: readonly number[]): number {
  const col = { B: 'lista_b_at', C: 'lista_c_at', E: 'lista_e_at' }[lista];
  const when = lista === 'B' ? 'quadrato_at IS NOT NULL' : 'inoltrato_at IS NOT NULL';
  const upd = a.prepared(`UPDATE dm20_sc724 SET ${col} = coalesce(${col}, ?) WHERE id = ? AND ${when} AND cancellato_at IS NULL`);
  return a.db
    .transaction(() => {
      const now = a.now();
      let n = 0;
      for (const id of new Set(sc724Ids)) n += upd.run(now, id).changes;
      return n;
    })
    .immediate();
}

/** F — cancels the processed SC7/24 asked for, or refuses them all naming each one that cannot go and why. */
export function cancellaElaborati(a: ArchiveDb, sc724Ids: readonly number[]): { cancellati: string[] } {
  return a.db
    .transaction(() => {
      const rows = [...new Set(sc724Ids)].map((id) => sc724Row(a, id));
      const why = rifiutoCancellazione(
        rows.map((r) => ({
          chiave: `${r.tipo} ${r.articolo} ${r.numero}`,
          quadrato: r.quadrato_at !== null,
          inoltrato: r.inoltrato_at !== null,
          cancellato: r.cancellato_at !== null,
          liste: { B: r.lista_b_at !== null, C: r.lista_c_at !== null, E: r.lista_e_at !== null },
        })),
      );
      if (why) throw refused(why);
      const now = a.now();
      const slips = a.prepared('DELETE FROM dm20_bollettini WHERE sc724_id = ?');
      const dm11 = a.prepared('DELETE FROM dm20_dm11 WHERE sc724_id = ?');
      const mark = a.prepared('UPDATE dm20_sc724 SET cancellato_at = ?, updated_at = ? WHERE id = ?');
      for (const r of rows) {
        slips.run(r.id);
        dm11.run(r.id);
        mark.run(now, now, r.id);
      }
      return { cancellati: rows.map((r) => `${r.tipo} ${r.articolo} ${r.numero}`) };
    })
    .immediate();
}
