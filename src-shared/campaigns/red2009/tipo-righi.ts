/**
 * "Codice tipo righi" of campaign RED2009 (matricola fields "codice tipo righi del dichiarante" and "… del
 * nucleo", guide p. 43), as data.
 *
 * PROJECT-DEFINED TABLE [assumption] — the guide refers to a "tabella allegata" that is not in its text
 * (red-domain.md §2.2, §14.1 n. 2–3). What the guide does say, and this table keeps:
 *  - 17 income rows (A1 … F4 and G1, G2), "ognuno di questi può essere obbligatorio o facoltativo in relazione
 *    alle prestazioni percepite" (p. 90): so A1–F4 are always either obligatory ('O') or optional ('F');
 *  - G1 and G2 "devono essere obbligatoriamente forniti solo quando sono richiesti" (p. 90): 'O' when asked,
 *    otherwise null (printed "Non rich.", p. 91);
 *  - the titolare uses the dichiarante code, coniuge and figli the nucleus code (p. 43).
 * The project's own choice (replaceable by the real INPS table without touching the rules):
 *  - codes 01–28 = 7 row profiles × 4 G1/G2 combinations, numbered profile by profile:
 *      (profile − 1) × 4 + 1 → G1 and G2 not asked; + 2 → G1 asked; + 3 → G2 asked; + 4 → G1 and G2 asked;
 *  - code 29 = no obligatory row (every row A1–F4 optional), G1 and G2 not asked;
 *  - nucleus code 00 = no rows at all for coniuge and figli (stringa-caf.md: "00 = no nucleus rows").
 * The profiles follow the kinds of income-linked benefits of the guide (pp. 4–15, 50–65); they are an
 * operator-readable approximation, not INPS's definition.
 */
import { INCOME_ROWS, type IncomeRow } from '../../domain/red-document';

/** 'O' obligatory, 'F' optional ("Facoltativi"), null not asked. */
export type RowRequirement = 'O' | 'F' | null;
export type TipoRighiRows = Readonly<Record<IncomeRow, RowRequirement>>;

/** Nucleus code meaning "no rows for coniuge and figli". */
export const TIPO_RIGHI_NESSUNO = '00';

/** Rows A1 … F4: always obligatory or optional when a code asks anything. */
export const ROWS_A_F: readonly IncomeRow[] = INCOME_ROWS.filter((r) => r !== 'G1' && r !== 'G2');

interface Profile {
  label: string;
  obbligatori: readonly IncomeRow[];
}

const PROFILES: readonly Profile[] = [
  { label: 'tutti i redditi', obbligatori: ROWS_A_F },
  {
    label: 'redditi assoggettabili IRPEF (esclusi i redditi esenti)',
    obbligatori: ROWS_A_F.filter((r) => r !== 'F4'),
  },
  {
    label: 'integrazione al minimo e maggiorazione sociale (esclusi casa di abitazione, arretrati e TFR)',
    obbligatori: ['A1', 'A2', 'A3', 'A4', 'B2', 'C1', 'D1', 'F1', 'F2', 'F3', 'F4'],
  },
  { label: 'cumulo della pensione con i redditi di lavoro', obbligatori: ['A1', 'A2', 'A3', 'A4'] },
  {
    label: 'redditi di lavoro e arretrati di lavoro',
    obbligatori: ['A1', 'A2', 'A3', 'A4', 'E1', 'E2'],
  },
  {
    label: 'prestazioni assistenziali (tutti i redditi esclusa la casa di abitazione)',
    obbligatori: ROWS_A_F.filter((r) => r !== 'B1'),
  },
  {
    label: 'assegni al nucleo familiare (tutti i redditi esclusi TFR e liquidazioni)',
    obbligatori: ROWS_A_F.filter((r) => r !== 'E3'),
  },
];

const G_VARIANTS: readonly { g1: boolean; g2: boolean }[] = [
  { g1: false, g2: false },
  { g1: true, g2: false },
  { g1: false, g2: true },
  { g1: true, g2: true },
];

export interface TipoRighiCode {
  /** `01` … `29` (or `00` for the nucleus). */
  code: string;
  profilo: string;
  obbligatori: readonly IncomeRow[];
  facoltativi: readonly IncomeRow[];
  g1: boolean;
  g2: boolean;
  /** Italian, for the operator: the rows the code asks for. */
  descrizione: string;
  rows: TipoRighiRows;
}

/** "A1–A4, B2, C1, D1, F1–F4": rows grouped by letter, consecutive numbers as a range. */
export function formatRows(rows: readonly IncomeRow[]): string {
  if (rows.length === ROWS_A_F.length && ROWS_A_F.every((r) => rows.includes(r))) return 'tutti i righi da A1 a F4';
  const parts: string[] = [];
  let i = 0;
  const sorted = INCOME_ROWS.filter((r) => rows.includes(r));
  while (i < sorted.length) {
    const first = sorted[i] as IncomeRow;
    let j = i;
    while (j + 1 < sorted.length) {
      const cur = sorted[j] as IncomeRow;
      const next = sorted[j + 1] as IncomeRow;
      if (next.charAt(0) !== cur.charAt(0) || Number(next.charAt(1)) !== Number(cur.charAt(1)) + 1) break;
      j++;
    }
    const last = sorted[j] as IncomeRow;
    parts.push(first === last ? first : `${first}–${last}`);
    i = j + 1;
  }
  return parts.join(', ');
}

function gText(g1: boolean, g2: boolean): string {
  if (g1 && g2) return 'richiesti G1 e G2';
  if (g1) return 'richiesto G1 (G2 non richiesto)';
  if (g2) return 'richiesto G2 (G1 non richiesto)';
  return 'G1 e G2 non richiesti';
}

function makeCode(code: string, profilo: string, obbligatori: readonly IncomeRow[], g1: boolean, g2: boolean): TipoRighiCode {
  const facoltativi = ROWS_A_F.filter((r) => !obbligatori.includes(r));
  const rows = {} as Record<IncomeRow, RowRequirement>;
  for (const r of ROWS_A_F) rows[r] = obbligatori.includes(r) ? 'O' : 'F';
  rows.G1 = g1 ? 'O' : null;
  rows.G2 = g2 ? 'O' : null;
  const obb = obbligatori.length > 0 ? `obbligatori ${formatRows(obbligatori)}` : 'nessun rigo obbligatorio';
  const fac = facoltativi.length > 0 ? `; facoltativi ${formatRows(facoltativi)}` : '';
  return {
    code,
    profilo,
    obbligatori: [...obbligatori],
    facoltativi,
    g1,
    g2,
    descrizione: `Codice ${code} – ${profilo}: ${obb}${fac}; ${gText(g1, g2)}.`,
    rows: Object.freeze(rows),
  };
}

function buildTable(): ReadonlyMap<string, TipoRighiCode> {
  const m = new Map<string, TipoRighiCode>();
  PROFILES.forEach((p, pi) => {
    G_VARIANTS.forEach((g, gi) => {
      const code = String(pi * G_VARIANTS.length + gi + 1).padStart(2, '0');
      m.set(code, makeCode(code, p.label, p.obbligatori, g.g1, g.g2));
    });
  });
  m.set('29', makeCode('29', 'solo redditi facoltativi', [], false, false));
  const none = {} as Record<IncomeRow, RowRequirement>;
  for (const r of INCOME_ROWS) none[r] = null;
  m.set(TIPO_RIGHI_NESSUNO, {
    code: TIPO_RIGHI_NESSUNO,
    profilo: 'nessun rigo',
    obbligatori: [],
    facoltativi: [],
    g1: false,
    g2: false,
    descrizione: 'Codice 00 – nessun reddito richiesto ai componenti del nucleo (coniuge e figli).',
    rows: Object.freeze(none),
  });
  return m;
}

/** Every code 00–29, built once at module load. */
export const TIPO_RIGHI: ReadonlyMap<string, TipoRighiCode> = buildTable();

/** The project-defined marker (the table is not INPS's). */
export const TIPO_RIGHI_PROJECT_DEFINED = true;

function entry(code: string): TipoRighiCode {
  const e = TIPO_RIGHI.get(code);
  if (!e) throw new RangeError(`Codice tipo righi «${code}» sconosciuto (ammessi da 01 a 29, 00 solo per il nucleo).`);
  return e;
}

/** Which rows a code asks: 'O' obligatory, 'F' optional, null not asked. Throws on an unknown code. */
export function rowsFor(code: string): TipoRighiRows {
  return entry(code).rows;
}

/** The operator's description of a code ("Codice 05 – …: obbligatori …; facoltativi …; G1 e G2 non richiesti."). */
export function descrizioneTipoRighi(code: string): string {
  return entry(code).descrizione;
}
