/**
 * From a 730 to the RED rows of one subject (guide pp. 16–26, 83, 85–86; red-domain.md §7.2–7.3): the
 * contributions each 730 line gives, shared by "Importazione 730" and the cross-check, so both read the 730 the
 * same way.
 *  - Quadri A and B from the 730/3 rows (P records): B1 = rigo 7; B2 = 1+2+3−7, or with "Coltivatore diretto"
 *    B2 = 1+3−7 and A3 = rigo 2 (p. 83). A negative B2 is entered as zero ([assumption]: no RED row takes a
 *    negative amount, RED-05).
 *  - Quadri C and D follow the "campo RED" of the line (p. 85); `NR` never goes in the RED; an empty campo RED
 *    is reported (p. 86: then nothing at all is imported). D4 code 7 with campo RED A3: up to € 7.500,00 goes
 *    to F4, the rest to A3.
 *  - Foreign pensions (campo RED H, H5) come with their amount only (p. 86).
 * Amounts: the 730 is in cents and each contribution keeps them; a RED row gets the total of its contributions
 * rounded up to the whole euro once (p. 93: the row's total is rounded, not each line — issue 11).
 */
import { FRANCHIGIA_SPORT_CENT, mappaDi, type RedTarget } from '../campaigns/red2009/import730';
import { INCOME_ROWS, type IncomeRow } from '../domain/red-document';
import { formatCent, type Dichiarazione730, type Modello730, type RigaC, type RigaD } from './model';

export interface Contributo {
  target: RedTarget;
  /** Whole euro, this contribution alone rounded up (for the report). */
  importo: number;
  /** The amount in cents, as in the 730. */
  centesimi: number;
  /** Where it comes from: "quadro C sez. I rigo C2" (for the report and the document lines). */
  origine: string;
  /** Quadri A/B (730/3) or a C/D line with its campo RED ("indicizzata"). */
  quadro: 'AB' | 'CD';
}

export interface NonImportato {
  origine: string;
  motivo: string;
}

export interface Da730 {
  modello: Modello730;
  contributi: Contributo[];
  /** Lines that never go in the RED (campo RED NR) or with a zero amount. */
  esclusi: NonImportato[];
  /** C/D lines of the subject whose campo RED is empty (p. 86). */
  senzaCampoRed: string[];
  /** A campo RED the guide does not foresee for that line (p. 85: a wrong campo RED gives a wrong import). */
  avvisi: string[];
}

const euro = (cent: number): number => (cent <= 0 ? 0 : Math.ceil(cent / 100));

function origineC(r: RigaC): string {
  return `quadro C sez. ${r.sezione} rigo ${r.rigo}${r.tipologia ? ` cod. ${r.tipologia}` : ''}${r.estero ? ' (estero)' : ''}`;
}
function origineD(r: RigaD): string {
  return `quadro D rigo ${r.rigo} cod. ${r.codice}`;
}

/** The RED contributions of the subject `cf` in the 730 `d`. */
export function redDa730(d: Dichiarazione730, cf: string, coltivatoreDiretto: boolean): Da730 {
  const out: Da730 = { modello: d.modello, contributi: [], esclusi: [], senzaCampoRed: [], avvisi: [] };
  const p = { 1: 0, 2: 0, 3: 0, 7: 0 };
  let anyP = false;
  const ab: Contributo[] = [];
  const cd: Contributo[] = [];
  const add = (target: RedTarget, cent: number, origine: string, quadro: 'AB' | 'CD') => {
    const importo = euro(cent);
    if (importo > 0) (quadro === 'AB' ? ab : cd).push({ target, importo, centesimi: cent, origine, quadro });
  };
  for (const r of d.righe) {
    if (r.cf !== cf) continue;
    if (r.record === 'P') {
      p[r.rigo] += r.importo;
      anyP = true;
      continue;
    }
    const origine = r.record === 'C' ? origineC(r) : origineD(r);
    if (r.campoRed === null) {
      out.senzaCampoRed.push(`${origine} (${formatCent(r.importo)} €)`);
      continue;
    }
    if (r.campoRed === 'NR') {
      out.esclusi.push({ origine: `${origine} (${formatCent(r.importo)} €)`, motivo: 'campo RED «NR»: reddito da non indicare mai nel RED (pensione italiana, pp. 16, 21)' });
      continue;
    }
    if (r.importo === 0) {
      out.esclusi.push({ origine, motivo: 'importo zero' });
      continue;
    }
    const m = mappaDi(d.modello, r.record === 'C' ? r : { record: 'D', rigo: r.rigo, codice: r.codice });
    if (m && (m.red === null || !m.red.includes(r.campoRed))) {
      out.avvisi.push(
        `${origine}: campo RED «${r.campoRed}» non previsto dalla guida (${m.red === null ? 'reddito da non indicare nel RED' : `righi previsti: ${m.red.join(', ')}`}, ${m.pagine}); importato come indicato nel 730.`,
      );
    }
    if (r.record === 'D' && r.rigo === 'D4' && r.codice === 7 && r.campoRed === 'A3') {
      const esente = Math.min(r.importo, FRANCHIGIA_SPORT_CENT);
      add('F4', esente, `${origine}: franchigia di € 7.500,00`, 'CD');
      add('A3', r.importo - esente, `${origine}: al netto della franchigia di € 7.500,00`, 'CD');
      continue;
    }
    add(r.campoRed, r.importo, origine, 'CD');
  }
  if (anyP) {
    const b2 = coltivatoreDiretto ? p[1] + p[3] - p[7] : p[1] + p[2] + p[3] - p[7];
    add('B1', p[7], 'prospetto 730/3 rigo 7', 'AB');
    if (b2 < 0) out.avvisi.push(`Prospetto 730/3: B2 = ${coltivatoreDiretto ? 'righi 1+3−7' : 'righi 1+2+3−7'} negativo (${formatCent(b2)} €), indicato zero.`);
    add('B2', b2, coltivatoreDiretto ? 'prospetto 730/3 righi 1+3−7 (coltivatore diretto)' : 'prospetto 730/3 righi 1+2+3−7', 'AB');
    if (coltivatoreDiretto) add('A3', p[2], 'prospetto 730/3 rigo 2 (coltivatore diretto)', 'AB');
  }
  out.contributi = [...ab, ...cd];
  return out;
}

/** Totals per RED income row (H and H5 apart): the cents of its contributions summed, then rounded up once. */
export function totaliPerRigo(contributi: readonly Contributo[]): Map<IncomeRow, { importo: number; quadro: 'AB' | 'CD' }> {
  const m = new Map<IncomeRow, { cents: number; quadro: 'AB' | 'CD' }>();
  for (const c of contributi) {
    if (c.target === 'H' || c.target === 'H5') continue;
    const prev = m.get(c.target);
    m.set(c.target, { cents: (prev?.cents ?? 0) + c.centesimi, quadro: prev?.quadro === 'CD' || c.quadro === 'CD' ? 'CD' : 'AB' });
  }
  return new Map(
    INCOME_ROWS.filter((r) => m.has(r)).map((r) => {
      const t = m.get(r) as { cents: number; quadro: 'AB' | 'CD' };
      return [r, { importo: euro(t.cents), quadro: t.quadro }];
    }),
  );
}

/** Foreign pension amount the 730 gives (campo RED H and H5): the cents summed, rounded up once. */
export function totaleEstero(contributi: readonly Contributo[]): number {
  let t = 0;
  for (const c of contributi) if (c.target === 'H' || c.target === 'H5') t += c.centesimi;
  return euro(t);
}

/** The 730 of a subject for a year: the one in TRASM_CGN of the right model where the subject is dichiarante or coniuge. */
export function dich730Di<T extends Dichiarazione730>(list: readonly T[], cf: string, modello: Modello730): { trasmesso: T | undefined; altri: T[] } {
  const mine = list.filter((d) => d.modello === modello && (d.cfDichiarante === cf || d.cfConiuge === cf));
  return { trasmesso: mine.find((d) => d.stato === 'TRASM_CGN'), altri: mine.filter((d) => d.stato !== 'TRASM_CGN') };
}
