/**
 * Quadratura and inoltro (INPS circolare 83/1992 §§3–4, 9.2, allegati 3–5): list A (each DM11 against the total of
 * its DM20-REG), list B (the SC7/24 against the total of its DM11), and at the inoltro the collections DD
 * (documenti diversi), FS (fuori sede) and RC (the difference between the booked SC7/24 amount and the acquired
 * DM20-REG total: "grande" above 5.000 lire, "piccola" up to 5.000). All in integer lire. Pure.
 */
import type { Dm20Esito } from './checks';

/** Differences up to this amount are "piccole" (allegato 5: "fino a L. 5.000"); above it "grandi" (allegati 3, 4). */
export const SOGLIA_PICCOLE_DIFFERENZE = 5000;

export interface SlipSum {
  dm11Id: number;
  importoLire: number | null;
}
export interface Dm11Sum {
  id: number;
  progressivo: string;
  importoLire: number;
}

export interface RigaListaA {
  dm11Id: number;
  progressivo: string;
  importoDm11: number;
  totaleDm20: number;
  bollettini: number;
  /** DM20-REG total minus DM11 amount (0 = squared). */
  differenza: number;
}
export interface ListaB {
  importoSc724: number;
  totaleDm11: number;
  /** DM11 total minus SC7/24 amount. */
  differenza: number;
}
export interface Quadratura {
  listaA: RigaListaA[];
  listaB: ListaB;
  quadrato: boolean;
}

/** Squares one SC7/24: every DM11 with its slips (list A), the SC7/24 with its DM11 (list B). A missing amount counts 0. */
export function quadra(importoSc724: number, dm11: readonly Dm11Sum[], slips: readonly SlipSum[]): Quadratura {
  const listaA = dm11.map((d) => {
    const own = slips.filter((s) => s.dm11Id === d.id);
    const totaleDm20 = own.reduce((t, s) => t + (s.importoLire ?? 0), 0);
    return { dm11Id: d.id, progressivo: d.progressivo, importoDm11: d.importoLire, totaleDm20, bollettini: own.length, differenza: totaleDm20 - d.importoLire };
  });
  const totaleDm11 = dm11.reduce((t, d) => t + d.importoLire, 0);
  const listaB = { importoSc724, totaleDm11, differenza: totaleDm11 - importoSc724 };
  return { listaA, listaB, quadrato: dm11.length > 0 && listaB.differenza === 0 && listaA.every((r) => r.differenza === 0) };
}

export type TipoDifferenza = 'grande' | 'piccola';
export interface Differenza {
  /** Acquired (calcolato) minus booked (contabilizzato): > 0 credit of INPS to request, < 0 debit to refund. */
  importo: number;
  tipo: TipoDifferenza;
  segno: 'credito' | 'debito';
}

/** The RC entry of an SC7/24 (null when booked and acquired amounts are equal). */
export function differenza(contabilizzato: number, calcolato: number): Differenza | null {
  const d = calcolato - contabilizzato;
  if (d === 0) return null;
  return { importo: d, tipo: Math.abs(d) > SOGLIA_PICCOLE_DIFFERENZE ? 'grande' : 'piccola', segno: d > 0 ? 'credito' : 'debito' };
}

export interface SlipEsito {
  id: number;
  esito: Dm20Esito;
  importoLire: number | null;
  bloccante: boolean;
  daConfermare: boolean;
}

export type InoltroRefusal = { kind: 'bloccanti'; slips: number } | { kind: 'da-confermare'; slips: number } | { kind: 'non-quadrato' } | { kind: 'senza-dm11' };

/** Whether an SC7/24 may be forwarded: no blocking errors, no unconfirmed DD003, squared. */
export function inoltroRefusals(q: Quadratura, slips: readonly SlipEsito[]): InoltroRefusal[] {
  const out: InoltroRefusal[] = [];
  const bl = slips.filter((s) => s.bloccante).length;
  if (bl) out.push({ kind: 'bloccanti', slips: bl });
  const dc = slips.filter((s) => s.daConfermare).length;
  if (dc) out.push({ kind: 'da-confermare', slips: dc });
  if (q.listaA.length === 0) out.push({ kind: 'senza-dm11' });
  else if (!q.quadrato) out.push({ kind: 'non-quadrato' });
  return out;
}

export function refusalText(r: InoltroRefusal): string {
  switch (r.kind) {
    case 'bloccanti':
      return `${r.slips} bollettini con errori bloccanti da correggere`;
    case 'da-confermare':
      return `${r.slips} documenti diversi (DD003) non confermati`;
    case 'senza-dm11':
      return 'nessun DM11 acquisito';
    case 'non-quadrato':
      return 'SC7/24 non quadrato con i DM11 e i DM20-REG';
  }
}

export interface Conteggio {
  numero: number;
  importo: number;
}
export interface Collezioni {
  DD: number[];
  FS: number[];
  /** Null when the SC7/24 has no difference. */
  RC: Differenza | null;
  esatti: Conteggio;
  fuoriSede: Conteggio;
  documentiDiversi: Conteggio;
}

/** The collections built at the inoltro of one SC7/24 (§4) and the counts of the monthly list of §9.4. */
export function collezioni(importoContabilizzato: number, slips: readonly SlipEsito[]): Collezioni {
  const count = (e: Dm20Esito): Conteggio => {
    const own = slips.filter((s) => s.esito === e);
    return { numero: own.length, importo: own.reduce((t, s) => t + (s.importoLire ?? 0), 0) };
  };
  const calcolato = slips.reduce((t, s) => t + (s.importoLire ?? 0), 0);
  return {
    DD: slips.filter((s) => s.esito === 'documento-diverso').map((s) => s.id),
    FS: slips.filter((s) => s.esito === 'fuori-sede').map((s) => s.id),
    RC: differenza(importoContabilizzato, calcolato),
    esatti: count('esatto'),
    fuoriSede: count('fuori-sede'),
    documentiDiversi: count('documento-diverso'),
  };
}
