/**
 * DM20-REG: what the monthly lists (§9.1–9.4) and the DS79 lists (§9) are made of. The monthly lists read the
 * collections and the counts stored at the inoltro (not the slips, which F deletes); the month is that of the
 * inoltro, as the archive stamps it (UTC).
 */
import type { Ds79Row } from '#shared/modules/dm20/ds79';
import type { MensiliDati, MensileSlip } from '#shared/modules/dm20/mensili';
import type { TipoDifferenza } from '#shared/modules/dm20/quadratura';
import type { ArchiveDb } from '../../archive/db';
import { sede } from './riferimento';

const KEY = `s.tipo || ' ' || s.articolo || ' ' || s.numero`;
const annoConto = (numero: string) => 1990 + Number(numero.slice(0, 1));

type CollDb = { chiave: string; snum: string; collezione: 'DD' | 'FS'; numero: number; documento_diverso: number; matricola: string; sap: string; importo: number; dal: string; al: string; data_versamento: string; codici: string };

export function mensiliDati(a: ArchiveDb, anno: number, mese: number): MensiliDati {
  return a.db.transaction(() => {
    const ym = `${anno}-${String(mese).padStart(2, '0')}`;
    const inMonth = `substr(s.inoltrato_at, 1, 7) = ?`;
    const coll = a
      .prepared(
        `SELECT ${KEY} AS chiave, s.numero AS snum, c.collezione, c.numero, c.documento_diverso, c.matricola, c.sap, c.importo, c.dal, c.al, c.data_versamento, c.codici
         FROM dm20_collezioni c JOIN dm20_sc724 s ON s.id = c.sc724_id WHERE c.collezione IN ('DD', 'FS') AND ${inMonth} ORDER BY s.numero, s.articolo, c.numero`,
      )
      .all(ym) as CollDb[];
    const slip = (r: CollDb): MensileSlip => ({
      sc724: r.chiave,
      annoConto: annoConto(r.snum),
      numero: r.numero,
      documentoDiverso: r.documento_diverso === 1,
      matricola: r.matricola,
      sap: r.sap,
      importo: r.importo,
      dal: r.dal,
      al: r.al,
      dataVersamento: r.data_versamento,
      codici: r.codici,
    });
    const differenze = (
      a
        .prepared(
          `SELECT ${KEY} AS chiave, s.tipo_movimento, s.importo_contabilizzato, c.importo, c.tipo_diff FROM dm20_collezioni c JOIN dm20_sc724 s ON s.id = c.sc724_id
           WHERE c.collezione = 'RC' AND ${inMonth} ORDER BY s.numero, s.articolo`,
        )
        .all(ym) as { chiave: string; tipo_movimento: '1' | '2'; importo_contabilizzato: number; importo: number; tipo_diff: TipoDifferenza }[]
    ).map((r) => ({ sc724: r.chiave, tipoMovimento: r.tipo_movimento, contabilizzato: r.importo_contabilizzato, differenza: r.importo, tipo: r.tipo_diff }));
    const inoltrati = (
      a
        .prepared(
          `SELECT ${KEY} AS chiave, s.importo_contabilizzato, s.n_esatti, s.imp_esatti, s.n_fuori_sede, s.imp_fuori_sede, s.n_doc_diversi, s.imp_doc_diversi
           FROM dm20_sc724 s WHERE ${inMonth} ORDER BY s.numero, s.articolo`,
        )
        .all(ym) as { chiave: string; importo_contabilizzato: number; n_esatti: number; imp_esatti: number; n_fuori_sede: number; imp_fuori_sede: number; n_doc_diversi: number; imp_doc_diversi: number }[]
    ).map((r) => ({
      sc724: r.chiave,
      importo: r.importo_contabilizzato,
      esatti: { numero: r.n_esatti, importo: r.imp_esatti },
      fuoriSede: { numero: r.n_fuori_sede, importo: r.imp_fuori_sede },
      documentiDiversi: { numero: r.n_doc_diversi, importo: r.imp_doc_diversi },
    }));
    return {
      sede: sede(a),
      anno,
      mese,
      fs: coll.filter((r) => r.collezione === 'FS').map(slip),
      dd: coll.filter((r) => r.collezione === 'DD').map(slip),
      differenze,
      inoltrati,
    };
  })();
}

type Ds79Db = {
  id: number;
  chiave: string;
  created_at: string;
  importo_contabilizzato: number;
  inoltrato_at: string | null;
  cancellato_at: string | null;
  n_esatti: number | null;
  imp_esatti: number | null;
  n_fuori_sede: number | null;
  imp_fuori_sede: number | null;
  n_doc_diversi: number | null;
  imp_doc_diversi: number | null;
  ln_e: number;
  li_e: number;
  ln_f: number;
  li_f: number;
  ln_d: number;
  li_d: number;
  rc: number | null;
};

/** Every SC7/24 of the archive as the DS79 lists show it: forwarded ones with the counts stored at the inoltro. */
export function ds79Righe(a: ArchiveDb): Ds79Row[] {
  const live = (esito: string, what: 'count(*)' | 'coalesce(sum(b.importo_lire), 0)') => `(SELECT ${what} FROM dm20_bollettini b WHERE b.sc724_id = s.id AND b.esito = '${esito}')`;
  const rows = a
    .prepared(
      `SELECT s.id, ${KEY} AS chiave, s.created_at, s.importo_contabilizzato, s.inoltrato_at, s.cancellato_at,
              s.n_esatti, s.imp_esatti, s.n_fuori_sede, s.imp_fuori_sede, s.n_doc_diversi, s.imp_doc_diversi,
              ${live('esatto', 'count(*)')} AS ln_e, ${live('esatto', 'coalesce(sum(b.importo_lire), 0)')} AS li_e,
              ${live('fuori-sede', 'count(*)')} AS ln_f, ${live('fuori-sede', 'coalesce(sum(b.importo_lire), 0)')} AS li_f,
              ${live('documento-diverso', 'count(*)')} AS ln_d, ${live('documento-diverso', 'coalesce(sum(b.importo_lire), 0)')} AS li_d,
              (SELECT c.importo FROM dm20_collezioni c WHERE c.sc724_id = s.id AND c.collezione = 'RC') AS rc
       FROM dm20_sc724 s ORDER BY s.numero, s.articolo LIMIT 10000`,
    )
    .all() as Ds79Db[];
  return rows.map((r) => {
    const inoltrato = r.inoltrato_at !== null;
    const esatti = inoltrato ? { numero: r.n_esatti ?? 0, importo: r.imp_esatti ?? 0 } : { numero: r.ln_e, importo: r.li_e };
    const fuoriSede = inoltrato ? { numero: r.n_fuori_sede ?? 0, importo: r.imp_fuori_sede ?? 0 } : { numero: r.ln_f, importo: r.li_f };
    const documentiDiversi = inoltrato ? { numero: r.n_doc_diversi ?? 0, importo: r.imp_doc_diversi ?? 0 } : { numero: r.ln_d, importo: r.li_d };
    const n = esatti.numero + fuoriSede.numero + documentiDiversi.numero;
    return {
      id: r.id,
      chiave: r.chiave,
      caricatoIl: r.created_at,
      importoContabilizzato: r.importo_contabilizzato,
      calcolato: esatti.importo + fuoriSede.importo + documentiDiversi.importo,
      stato: inoltrato ? 'inoltrato' : n > 0 ? 'acquisito' : 'caricato',
      inoltratoIl: r.inoltrato_at,
      cancellato: r.cancellato_at !== null,
      esatti,
      fuoriSede,
      documentiDiversi,
      differenza: r.rc,
    };
  });
}
