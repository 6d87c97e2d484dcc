import { COMUNI_DATA } from './comuni-data';

export interface Comune {
  /** Codice catastale (Belfiore), as in positions 12–15 of the codice fiscale. */
  codice: string;
  nome: string;
  /** Sigla della provincia. */
  provincia: string;
}

let table: Map<string, Comune> | null = null;

/**
 * The comune of a codice catastale (ISTAT list of 2020, comuni-data.ts), or null: a comune suppressed before 2020,
 * a foreign State (Z…) or a mistyped code. Built on first use.
 */
export function comuneDaCodice(codice: string): Comune | null {
  if (table === null) {
    table = new Map();
    for (const line of COMUNI_DATA.split('\n')) {
      const [c = '', nome = '', provincia = ''] = line.split('|');
      table.set(c, { codice: c, nome, provincia });
    }
  }
  return table.get(codice.trim().toUpperCase()) ?? null;
}

/** "H501 (ROMA, RM)", or the code alone when it is not in the list. */
export function describeComune(codice: string): string {
  const c = comuneDaCodice(codice);
  return c ? `${codice} (${c.nome}, ${c.provincia})` : codice;
}
