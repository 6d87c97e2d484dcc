import { COMUNI_DATA } from './comuni-data';

export interface Comune {
  /** Codice catastale (Belfiore), as in positions 12–15 of the codice fiscale. */
  codice: string;
  nome: string;
  /** Sigla della provincia. */
  provincia: string;
}

let table: Map<string, Comune> | null = null;
/** Upper-case name → the comuni of that name (two "CASTRO", two "SAN TEODORO"). */
let byName: Map<string, Comune[]> | null = null;

function load(): Map<string, Comune> {
  if (table === null) {
    table = new Map();
    byName = new Map();
    for (const line of COMUNI_DATA.split('\n')) {
      const [c = '', nome = '', provincia = ''] = line.split('|');
      const comune = { codice: c, nome, provincia };
      table.set(c, comune);
      const key = normaliseNome(nome);
      byName.set(key, [...(byName.get(key) ?? []), comune]);
    }
  }
  return table;
}

/**
 * The comune of a codice catastale (ISTAT list of 2020, comuni-data.ts), or null: a comune suppressed before 2020,
 * a foreign State (Z…) or a mistyped code. Built on first use.
 */
export function comuneDaCodice(codice: string): Comune | null {
  return load().get(codice.trim().toUpperCase()) ?? null;
}

/** The key a comune's name is looked up by: upper case, without accents or apostrophes ("Forli'", "FORLÌ" and
 * "forli" are one), single blanks. */
function normaliseNome(nome: string): string {
  return nome
    .normalize('NFD')
    .replace(/[\p{M}'’`]+/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

/**
 * The sigla della provincia of a comune typed by name, when the name is one comune of the list; null when it is
 * unknown or shared by comuni of different provinces (the operator then types the sigla).
 */
export function provinciaDelComune(nome: string): string | null {
  load();
  const found = byName?.get(normaliseNome(nome)) ?? [];
  const sigle = new Set(found.map((c) => c.provincia));
  return sigle.size === 1 ? (found[0]?.provincia ?? null) : null;
}

let sigle: Set<string> | null = null;
/** Whether `sigla` is the sigla of a province of the list (2020: 107, "SU" included) or "EE", used for a
 * residence abroad (as in the dati anagrafici barcode). */
export function isSiglaProvincia(sigla: string): boolean {
  sigle ??= new Set([...[...load().values()].map((c) => c.provincia), 'EE']);
  return sigle.has(sigla.trim().toUpperCase());
}

/** "H501 (ROMA, RM)", or the code alone when it is not in the list. */
export function describeComune(codice: string): string {
  const c = comuneDaCodice(codice);
  return c ? `${codice} (${c.nome}, ${c.provincia})` : codice;
}
