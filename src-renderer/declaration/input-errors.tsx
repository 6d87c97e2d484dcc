import { createContext, useContext } from 'react';
import type { EditorTab, Finding } from '#shared/rules/types';

/**
 * Boxes whose typed text was refused (issue 18): "15OOO" in an amount, "31/02/2009" in a date. The text stays
 * in the box, the document holds no value for it (never a partial parse), and the editor lists it as a blocking
 * error in place of the rules' findings for that box; "Rendi completa" is refused while any is left. The store
 * outlives the box, so switching tab or subject keeps the typed text.
 */
export interface InputError {
  path: string;
  /** What the operator typed. */
  text: string;
  /** From util/italian-input.ts: quotes the text and says the format. */
  message: string;
}

export interface InputErrorStore {
  get(path: string): InputError | undefined;
  set(path: string, error: InputError | null): void;
}

const NO_STORE: InputErrorStore = { get: () => undefined, set: () => undefined };
export const InputErrors = createContext<InputErrorStore>(NO_STORE);
export const useInputErrors = (): InputErrorStore => useContext(InputErrors);

/** Codes of the catalogue (rules/codes.ts INPUT_CODES). */
const CODE = { importo: 'INS-01', data: 'INS-02' } as const;

const ANAGRAFICA_LABELS: Readonly<Record<string, string>> = {
  statoCivileDecorrenza: 'Decorrenza dello stato civile',
  dataDecesso: 'Data del decesso',
  dataEspatrio: "Data dell'espatrio",
};

/** "Titolare – redditi 2008, rigo A1" for a box's path; `labels` maps subject keys to "Titolare", "Coniuge"… */
export function describeInputPath(path: string, labels: ReadonlyMap<string, string>): string {
  const parts = path.split('.');
  if (parts[0] === 'anagrafica') return ANAGRAFICA_LABELS[parts[1] ?? ''] ?? path;
  if (parts[0] !== 'soggetti') return path;
  const who = labels.get(parts[1] ?? '') ?? 'Soggetto';
  if (parts[2] === 'anni' && parts[4] === 'righi') return `${who} – redditi ${parts[3] ?? ''}, rigo ${parts[5] ?? ''}`;
  if (parts[2] === 'pensioniEstere') return `${who}, pensione estera n. ${Number(parts[3] ?? 0) + 1}, reddito ${parts[5] ?? ''}`;
  if (parts[2] === 'dataDecesso') return `${who}: data del decesso`;
  return `${who}: ${parts.slice(2).join('.')}`;
}

/** The blocking findings of the refused boxes, for "Monitor errori" (Correggi goes to the box). */
export function inputFindings(errors: Iterable<InputError>, labels: ReadonlyMap<string, string>): Finding[] {
  const out: Finding[] = [];
  for (const e of errors) {
    const parts = e.path.split('.');
    const tab: EditorTab = parts[0] === 'soggetti' ? 'ANAGRAFICA_REDDITI' : 'DICHIARAZIONE';
    const anno = parts[2] === 'anni' ? Number(parts[3]) : undefined;
    out.push({
      code: e.message.startsWith('importo') ? CODE.importo : CODE.data,
      severity: 'BLOCCANTE',
      missing: false,
      message: `${describeInputPath(e.path, labels)}: ${e.message}`,
      field: {
        tab,
        path: e.path,
        ...(parts[0] === 'soggetti' && parts[1] ? { subjectKey: parts[1] } : {}),
        ...(anno !== undefined && Number.isFinite(anno) ? { anno } : {}),
      },
    });
  }
  return out;
}
