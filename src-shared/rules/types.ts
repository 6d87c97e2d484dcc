import type { DecodedMatricola } from '../matricola/codec';
import type { IncomeRow, RedDocument } from '../domain/red-document';
import type { Dichiarazione730 } from '../import730/model';

/**
 * The validation engine's vocabulary (guide p. 87, "Monitor errori"; red-domain.md §6). Rules are pure
 * functions of the declaration, the decoded matricola and the campaign data; each finding carries a stable
 * code, a severity, an Italian message and a pointer to the field the operator must fix.
 */
export type Severity = 'BLOCCANTE' | 'AVVERTIMENTO' | 'NOTA';

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  BLOCCANTE: 'Errore bloccante',
  AVVERTIMENTO: 'Avvertimento',
  NOTA: 'Nota',
};

/** The editor tab holding a field. */
export type EditorTab = 'DICHIARAZIONE' | 'ANAGRAFICA_REDDITI';

/**
 * Where a finding points. `path` is the field's id in the editor (`data-field`), built with `fieldPath`:
 *   anagrafica.<field> | erede.<field> | ente | zeroRed | rinuncia | note.<field>
 *   soggetti.<key>.<field> | soggetti.<key>.anni.<anno>.<modo|doc|facoltativi>
 *   soggetti.<key>.anni.<anno>.righi.<A1…G2> | soggetti.<key>.pensioniEstere.<index>.<stato|istituzione|tipo|importo.<anno>>
 */
export interface FieldRef {
  tab: EditorTab;
  path: string;
  subjectKey?: string;
  anno?: number;
  rigo?: IncomeRow;
}

export interface Finding {
  code: string;
  severity: Severity;
  /** Blocking findings only: `true` when data is missing (→ Incompleta), `false` when data is wrong (→ Errata). */
  missing: boolean;
  message: string;
  field: FieldRef;
}

/** Campaign parameters the rules read (campaigns/redYYYY). */
export interface RuleCampaign {
  id: string;
  /** Any amount above this gives an "Avvertimento" (p. 87). */
  warningAmount: number;
  maxForeignPensions: number;
  /** Zero RED refused when stato civile becomes coniugato before this date (p. 80). */
  zeroRedConiugatoBefore: string;
}

export interface RuleContext {
  doc: RedDocument;
  matricola: DecodedMatricola;
  campaign: RuleCampaign;
  /** Today in Italian civil time, ISO `YYYY-MM-DD` (italian-time.ts `romeToday`): events cannot be after it.
   * Passed in, so the rules stay pure and tests fix the day. */
  today: string;
  /** The 730s held on the desk for the codici fiscali of the declaration's subjects (cross-check IMP-05…08 and
   * DIC-09, pp. 80, 86, 96); absent or empty: no 730, those rules find nothing. */
  dati730?: readonly Dichiarazione730[];
  /** Cross-check errors the CAF lifted on this declaration ("Sblocca dichiarazione errata", p. 70, 97–98; only the
   * codes of sblocco/codice.ts CODICI_SBLOCCABILI): their findings are kept, as notes, and no longer block. */
  sbloccati?: readonly string[];
}

export interface Rule {
  code: string;
  severity: Severity;
  /** One line for "Decodifica codici errore": what the rule checks. */
  title: string;
  /** Guide reference (page). */
  ref: string;
  check(ctx: RuleContext): Finding[];
}

export interface ValidationResult {
  findings: Finding[];
  blocking: number;
  warnings: number;
  notes: number;
  /** Status implied by the findings: blocking wrong data → ERRATA; missing data → INCOMPLETA; none → COMPLETA
   * allowed ("the operator makes it Completa"). */
  outcome: 'ERRATA' | 'INCOMPLETA' | 'COMPLETABILE';
}

/** Path helpers, so rules and editor build the same ids. */
export const fieldPath = {
  anagrafica: (f: keyof RedDocument['anagrafica']) => `anagrafica.${f}`,
  erede: (f: keyof RedDocument['erede']) => `erede.${f}`,
  subject: (key: string, f: string) => `soggetti.${key}.${f}`,
  year: (key: string, anno: number, f: 'modo' | 'doc' | 'facoltativi') => `soggetti.${key}.anni.${anno}.${f}`,
  rigo: (key: string, anno: number, rigo: IncomeRow) => `soggetti.${key}.anni.${anno}.righi.${rigo}`,
  foreign: (key: string, index: number, f: 'stato' | 'istituzione' | 'tipo' | `importo.${number}`) => `soggetti.${key}.pensioniEstere.${index}.${f}`,
};
