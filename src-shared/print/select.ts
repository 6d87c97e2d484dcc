/**
 * Which models a declaration prints (p. 105, red-domain.md §9.2) and what each income box shows (p. 91).
 * Decided from the validation facts (rules/facts.ts): RED breve, Zero RED, the RED's mode, the subjects and
 * the years each one declares.
 *
 * [assumption] Zero RED autocertificato prints RED/2 alone (the model is itself the self-certification of no
 * income); RED/7 (Zero RED documentato) is printed if such a declaration exists. The "AUTOCERTIFICAZIONE – Red
 * Documentato" is added when some subject/year declares "Doc." = Nessuna (p. 92); the "Elenco allegati" of a
 * Documentato RED when the operator asks for it in ELABORA (p. 105).
 */
import type { IncomeRow } from '../domain/red-document';
import { yearOf, type Facts, type SubjectFacts } from '../rules/facts';
import type { ModelId } from './types';

export interface ModelChoice {
  model: ModelId;
  /** RED/T, RED/C, RED/F: the subject the attachment is about. */
  subjectKey: string | null;
}

export interface ChooseOptions {
  /** "inclusione dell'elenco documenti per i RED documentati" (p. 105). */
  elencoDocumenti: boolean;
}

/** The subjects/years with no tax return filed ("Doc." = Nessuna), as the prints name them (p. 92). */
export function nonPresentata(f: Facts): { sf: SubjectFacts; anno: number }[] {
  const out: { sf: SubjectFacts; anno: number }[] = [];
  for (const sf of f.considered) for (const anno of sf.neededYears) if (yearOf(sf.subject, anno)?.doc === 'NESSUNA') out.push({ sf, anno });
  return out;
}

/** The main model of a declaration: RED/1 … RED/7. */
export function mainModel(f: Facts): ModelId {
  if (f.breve === 'DECESSO') return 'RED4';
  if (f.breve === 'RINUNCIA') return 'RED3';
  if (f.breve === 'ESPATRIO') return 'RED5';
  if (f.doc.zeroRed) return f.redMode === 'DOCUMENTATO' ? 'RED7' : 'RED2';
  return 'RED1';
}

export function chooseModels(f: Facts, opts: ChooseOptions): ModelChoice[] {
  const main = mainModel(f);
  const out: ModelChoice[] = [{ model: main, subjectKey: null }];
  if (main === 'RED1') {
    for (const sf of f.subjects) {
      if (sf.subject.role === 'TITOLARE') out.push({ model: 'REDT', subjectKey: sf.subject.key });
    }
    for (const sf of f.subjects) {
      if (sf.subject.role === 'CONIUGE' && sf.neededYears.length > 0) out.push({ model: 'REDC', subjectKey: sf.subject.key });
    }
    for (const sf of f.subjects) {
      if (sf.subject.role === 'FIGLIO' && sf.neededYears.length > 0) out.push({ model: 'REDF', subjectKey: sf.subject.key });
    }
  }
  if (main === 'RED1' || main === 'RED7') {
    if (f.redMode === 'DOCUMENTATO') {
      if (opts.elencoDocumenti) out.push({ model: 'ELENCO_ALLEGATI', subjectKey: null });
      if (nonPresentata(f).length > 0) out.push({ model: 'AUTOCERT_DOC', subjectKey: null });
    } else if (main === 'RED1') {
      out.push({ model: 'AUTOCERT_AUTO', subjectKey: null });
    }
  }
  return out;
}

export const NON_DICH = 'Non dich.';
export const NON_RICH = 'Non rich.';
/** A year the subject does not declare (e.g. the coniuge before the marriage). */
export const NON_DOVUTO = '—';

export type Cell = { kind: 'amount'; value: number } | { kind: 'nonDich' } | { kind: 'nonRich' } | { kind: 'nonDovuto' };

/**
 * What the box of a row shows for a subject and year (p. 91): the amount; "Non dich." in an optional box when
 * the operator chose not to declare the optional incomes; "Non rich." in G1/G2 when they are not asked.
 */
export function cellFor(sf: SubjectFacts, anno: number, rigo: IncomeRow): Cell {
  if (!sf.neededYears.includes(anno)) return { kind: 'nonDovuto' };
  const req = sf.rows ? sf.rows[rigo] : 'O';
  if (req === null) return { kind: 'nonRich' };
  const year = yearOf(sf.subject, anno);
  if (req === 'F' && !year?.facoltativi) return { kind: 'nonDich' };
  return { kind: 'amount', value: year?.righi[rigo]?.importo ?? 0 };
}
