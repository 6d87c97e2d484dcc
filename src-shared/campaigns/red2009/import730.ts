/**
 * "Inserimento redditi da 730" (guide pp. 16–26): which 730 line feeds which RED row, for the 730/2008 (redditi
 * 2007, pp. 16–20) and the 730/2009 (redditi 2008, pp. 21–26), as campaign data. The 730 pages carry no printed
 * number: rows cite the table-of-contents ranges (red-domain.md §0.2). The import follows the "campo RED" chosen
 * by the 730 operator (p. 85); this table says which RED rows the guide foresees for each line, so that the
 * report can point out a campo RED the guide does not foresee, and it holds the quadro D codes of each model.
 */
import type { IncomeRow } from '../../domain/red-document';
import type { Modello730 } from '../../import730/model';

/** A RED destination: an income row, or the foreign pension grid (H: Tipo chosen by hand; H5: arrears). */
export type RedTarget = IncomeRow | 'H' | 'H5';

export interface MappaRiga {
  /** Stable id, used by tests and in the report. */
  id: string;
  /** What the line is, in the guide's words (Italian). */
  voce: string;
  /** Quadro A/B (730/3 rows), C or D. */
  quadro: 'AB' | 'C' | 'D';
  /** Matching: quadro C sezione + tipologia, or quadro D rigo + codes; quadri A/B by the 730/3 rows. */
  sezione?: 'I' | 'II';
  tipologia?: '1' | '2' | '3' | null;
  estero?: boolean;
  rigo?: string;
  codici?: readonly number[];
  /** The RED rows the guide foresees (the campo RED must be one of them; null = never in the RED). */
  red: readonly RedTarget[] | null;
  pagine: string;
}

/** Tax-exempt part of amateur sports income: up to € 7.500,00 goes to F4, the rest to A3 (p. 5, 16–20). */
export const FRANCHIGIA_SPORT_CENT = 750_000;

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

function mappa(modello: Modello730): readonly MappaRiga[] {
  const p = modello === '730/2008' ? 'pp. 16–20' : 'pp. 21–26';
  const d4Codes = modello === '730/2008' ? range(1, 6) : [...range(1, 6), 8];
  const rows: MappaRiga[] = [
    { id: 'AB-B2', quadro: 'AB', voce: 'B2 = somma algebrica righi 1+2+3−7 del 730/3', red: ['B2'], pagine: p },
    { id: 'AB-B1', quadro: 'AB', voce: 'B1 = rigo 7 del 730/3', red: ['B1'], pagine: p },
    { id: 'AB-B2-CD', quadro: 'AB', voce: 'Coltivatore diretto: B2 = somma algebrica righi 1+3−7 del 730/3', red: ['B2'], pagine: p },
    { id: 'AB-A3-CD', quadro: 'AB', voce: 'Coltivatore diretto: A3 = rigo 2 del 730/3', red: ['A3'], pagine: p },
    { id: 'C-I-1-IT', quadro: 'C', sezione: 'I', tipologia: '1', estero: false, voce: 'Quadro C sez. I, cod. 1: pensione italiana (mai nel RED)', red: null, pagine: p },
    { id: 'C-I-1-EST', quadro: 'C', sezione: 'I', tipologia: '1', estero: true, voce: 'Quadro C sez. I, cod. 1: pensione estera, al lordo delle ritenute (sezione H)', red: ['H'], pagine: p },
    { id: 'C-I-2', quadro: 'C', sezione: 'I', tipologia: '2', estero: false, voce: 'Quadro C sez. I, cod. 2: lavoro dipendente (A1) o co.co.co. / lavoro a progetto (A4)', red: ['A1', 'A4'], pagine: p },
    { id: 'C-I-2-EST', quadro: 'C', sezione: 'I', tipologia: '2', estero: true, voce: "Quadro C sez. I, cod. 2: lavoro prestato all'estero, al lordo della franchigia di € 8.000,00", red: ['A2'], pagine: p },
    { id: 'C-I-3', quadro: 'C', sezione: 'I', tipologia: '3', voce: 'Quadro C sez. I, cod. 3: lavori socialmente utili: quota imponibile (A1), quota esente fino a € 3.098,74 (F4)', red: ['A1', 'F4'], pagine: p },
    { id: 'C-II', quadro: 'C', sezione: 'II', voce: 'Quadro C sez. II: altri redditi assimilati (A1), rendite a titolo oneroso (F1), assegni periodici dal coniuge (F2), assegni e rendite non a titolo oneroso (F3)', red: ['A1', 'F1', 'F2', 'F3'], pagine: p },
    { id: 'D-D1', quadro: 'D', rigo: 'D1', codici: range(1, 4), voce: 'Quadro D rigo D1 (indipendentemente dai codici)', red: ['F3'], pagine: p },
    { id: 'D-D2', quadro: 'D', rigo: 'D2', codici: range(1, 7), voce: 'Quadro D rigo D2 (indipendentemente dai codici)', red: ['F3'], pagine: p },
    { id: 'D-D3', quadro: 'D', rigo: 'D3', codici: range(1, 3), voce: 'Quadro D rigo D3 cod. 1–3', red: ['A3'], pagine: p },
    { id: 'D-D4', quadro: 'D', rigo: 'D4', codici: d4Codes, voce: `Quadro D rigo D4 cod. ${modello === '730/2008' ? '1–6' : '1–6 e 8'}`, red: ['F3'], pagine: p },
    { id: 'D-D4-7', quadro: 'D', rigo: 'D4', codici: [7], voce: 'Quadro D rigo D4 cod. 7: attività sportive dilettantistiche, A3 al netto della franchigia di € 7.500,00, la franchigia in F4', red: ['A3', 'F4'], pagine: p },
    { id: 'D-D5', quadro: 'D', rigo: 'D5', codici: range(1, 3), voce: 'Quadro D rigo D5 cod. 1, 2 e 3', red: ['A3'], pagine: p },
    { id: 'D-D6', quadro: 'D', rigo: 'D6', codici: range(1, 10), voce: 'Quadro D rigo D6 cod. 1–10', red: ['F3'], pagine: p },
    { id: 'D-D7', quadro: 'D', rigo: 'D7', codici: range(2, 8), voce: 'Quadro D rigo D7 cod. 2–8', red: ['F3'], pagine: p },
    { id: 'D-D7-1', quadro: 'D', rigo: 'D7', codici: [1], voce: "Quadro D rigo D7 cod. 1: arretrati di lavoro (E1) o di pensione estera (H5)", red: ['E1', 'H5'], pagine: p },
  ];
  return Object.freeze(rows.map((r) => Object.freeze(r)));
}

export const MAPPA_730: Readonly<Record<Modello730, readonly MappaRiga[]>> = {
  '730/2008': mappa('730/2008'),
  '730/2009': mappa('730/2009'),
};

/** Quadro D codes of each model (red-domain.md §7.5, pp. 16–26): D4 has code 8 only in the 730/2009. */
export function codiciQuadroD(modello: Modello730, rigo: string): readonly number[] {
  let codes: number[] = [];
  for (const r of MAPPA_730[modello]) if (r.quadro === 'D' && r.rigo === rigo) codes = [...codes, ...(r.codici ?? [])];
  return codes.sort((a, b) => a - b);
}

/** The mapping row of a quadro C / D line, or undefined. */
export function mappaDi(modello: Modello730, line: { record: 'C'; sezione: 'I' | 'II'; tipologia: string | null; estero: boolean } | { record: 'D'; rigo: string; codice: number }): MappaRiga | undefined {
  for (const r of MAPPA_730[modello]) {
    if (line.record === 'C' && r.quadro === 'C') {
      if (r.sezione !== line.sezione) continue;
      if (r.sezione === 'II') return r;
      if (r.tipologia !== line.tipologia) continue;
      if (r.estero !== undefined && r.estero !== line.estero) continue;
      return r;
    }
    if (line.record === 'D' && r.quadro === 'D' && r.rigo === line.rigo && r.codici?.includes(line.codice)) return r;
  }
  return undefined;
}
