/**
 * Facts derived once per validation from (document, matricola, campaign) and shared by every rule: RED breve,
 * which years each subject must declare, which rows count, the RED's overall mode. `validate` computes them
 * once (`withFacts`); a rule run on its own computes them itself, so rules stay pure functions of the context.
 *
 * Domain choices made here (red-domain.md §5.2, §5.5; all [inferred]/[assumption] where the guide is silent):
 *  - RED breve = titolare deceased, "rinuncia", espatrio dated before the first requested year, or "Zero RED"
 *    (p. 77 lists the four cases of the "Breve"; issue 11 point 2): no incomes are asked of anyone, only the
 *    titolare's anagrafica and the Dichiarazione tab are checked (p. 79, 81). A Zero RED keeps its mode: the
 *    software imposes Autocertificato (p. 80), so it is Documentato only in a stored document that says so on
 *    every requested year of the titolare (RED-14 blocks it; the print would be RED/7);
 *  - the titolare declares every requested year; figli every requested year unless the nucleus code is 00;
 *    the coniuge only with rilevanza coniuge 1, for the years in which the titolare is coniugato (from the
 *    matricola stato civile and the updated one with its decorrenza, p. 78) and not after the coniuge's death
 *    (p. 81). An unknown stato civile (0, not updated) asks the coniuge's incomes if a coniuge row exists;
 *  - a row counts when the subject's code makes it obligatory, or optional with "Facoltativi" ticked, or
 *    asked (G1/G2): other values are ignored, as the editor greys those boxes (p. 90–91);
 *  - the RED is "Documentato" only if every required subject/year is Documentato (red-domain.md §5.5).
 */
import { RED2009_LAYOUT } from '../campaigns/red2009/stringa-caf-layout';
import { decodeCodiceFiscale, isCodiceFiscaleValido } from '../codice-fiscale/codice-fiscale';
import {
  INCOME_ROWS,
  type ForeignPensionRow,
  type IncomeEntry,
  type IncomeRow,
  type RedDocument,
  type SubjectDoc,
  type SubjectYearDoc,
} from '../domain/red-document';
import type { DecodedMatricola } from '../matricola/codec';
import type { Dichiarazione730 } from '../import730/model';
import { campaignDataOf, type CampaignData, type RowsTable } from './campaign-data';
import { fieldPath, type FieldRef, type Finding, type Rule, type RuleContext, type Severity } from './types';

export type BreveReason = 'DECESSO' | 'RINUNCIA' | 'ESPATRIO' | 'ZERO_RED';
export type RedMode = 'DOCUMENTATO' | 'AUTOCERTIFICATO';

export interface SubjectFacts {
  subject: SubjectDoc;
  /** "Titolare", "Coniuge", "Figlio n. 2" (for messages). */
  label: string;
  /** Rows asked of this subject (titolare: dichiarante code; coniuge/figli: nucleus code). */
  rows: RowsTable | undefined;
  /** Requested years whose incomes this subject must declare (empty in a RED breve). */
  neededYears: readonly number[];
}

export interface CountedEntry {
  sf: SubjectFacts;
  year: SubjectYearDoc;
  rigo: IncomeRow;
  entry: IncomeEntry;
}

export interface ForeignAmount {
  sf: SubjectFacts;
  index: number;
  row: ForeignPensionRow;
  anno: number;
  importo: number;
}

export interface Facts {
  doc: RedDocument;
  matricola: DecodedMatricola;
  data: CampaignData;
  /** Requested years, matricola order (2008, 2007). */
  anni: readonly number[];
  /** First and last day of the requested period, ISO. */
  firstDay: string;
  /** Today (Italian civil date, ISO), from the context. */
  today: string;
  lastDay: string;
  breve: BreveReason | null;
  /** Stato civile known to the ente (matricola) and the updated one (null = confirmed). */
  statoCivileMatricola: string;
  statoCivileChanged: boolean;
  rilevanza: string;
  subjects: readonly SubjectFacts[];
  /** Subjects the checks look at: all of them, only the titolare in a RED breve. */
  considered: readonly SubjectFacts[];
  titolare: SubjectFacts | undefined;
  counted: readonly CountedEntry[];
  /** Foreign pension amounts of the years each subject must declare. */
  foreignAmounts: readonly ForeignAmount[];
  /** null when some required subject/year has no mode, or nothing is required. */
  redMode: RedMode | null;
  /** Titolare coniugato for at least part of the year: true / false / null (stato civile unknown). */
  coniugatoIn(anno: number): boolean | null;
  /** The 730s of the subjects held on the desk (context), [] when none. */
  dati730: readonly Dichiarazione730[];
}

/** Stato civile labels: the meanings of the matricola field (one table, in the campaign layout). */
export const STATO_CIVILE_LABELS: Readonly<Record<string, string>> =
  RED2009_LAYOUT.fields.find((f) => f.key === 'statoCivile')?.meanings ?? {};

export function yearOf(s: SubjectDoc, anno: number): SubjectYearDoc | undefined {
  for (const y of s.anni) if (y.anno === anno) return y;
  return undefined;
}

export function foreignImporto(row: ForeignPensionRow, anno: number): number | undefined {
  for (const i of row.importi) if (i.anno === anno) return i.importo;
  return undefined;
}

function computeFacts(ctx: RuleContext): Facts {
  const { doc, matricola } = ctx;
  const data = campaignDataOf(ctx.campaign);
  const anni = matricola.anni;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const a of anni) {
    if (a < first) first = a;
    if (a > last) last = a;
  }
  if (anni.length === 0) first = last = data.campaignYear - 1;
  const firstDay = `${first}-01-01`;
  const lastDay = `${last}-12-31`;
  const a = doc.anagrafica;
  const breve: BreveReason | null = a.deceduto
    ? 'DECESSO'
    : doc.rinuncia
      ? 'RINUNCIA'
      : a.espatriato && a.dataEspatrio !== null && a.dataEspatrio < firstDay
        ? 'ESPATRIO'
        : doc.zeroRed
          ? 'ZERO_RED'
          : null;
  const v = matricola.values;
  const mSC = v.statoCivile;
  const uSC = a.statoCivile;
  const dec = a.statoCivileDecorrenza;

  const coniugatoIn = (anno: number): boolean | null => {
    if (uSC === null) return mSC === '0' ? null : mSC === '2';
    if (uSC === mSC || dec === null) return uSC === '2' || mSC === '2';
    const oldPresent = dec > `${anno}-01-01`;
    const newPresent = dec <= `${anno}-12-31`;
    return (oldPresent && mSC === '2') || (newPresent && uSC === '2');
  };

  const nucleusRows = data.tipoRighi(v.tipoRighiNucleo);
  const nucleusNone = v.tipoRighiNucleo === data.tipoRighiNessuno;
  const subjects: SubjectFacts[] = [];
  let figlio = 0;
  let titolare: SubjectFacts | undefined;
  for (const s of doc.soggetti) {
    let sf: SubjectFacts;
    if (s.role === 'TITOLARE') {
      sf = { subject: s, label: 'Titolare', rows: data.tipoRighi(v.tipoRighiDichiarante), neededYears: breve ? [] : anni };
      titolare ??= sf;
    } else if (s.role === 'CONIUGE') {
      const needed =
        breve || nucleusNone || v.rilevanzaConiuge !== '1'
          ? []
          : anni.filter((y) => coniugatoIn(y) !== false && (s.dataDecesso === null || s.dataDecesso >= `${y}-01-01`));
      sf = { subject: s, label: 'Coniuge', rows: nucleusRows, neededYears: needed };
    } else {
      figlio++;
      sf = { subject: s, label: `Figlio n. ${figlio}`, rows: nucleusRows, neededYears: breve || nucleusNone ? [] : anni };
    }
    subjects.push(sf);
  }

  const counted: CountedEntry[] = [];
  const foreignAmounts: ForeignAmount[] = [];
  let allDoc = true;
  let anyRequired = false;
  let modeMissing = false;
  for (const sf of subjects) {
    for (const anno of sf.neededYears) {
      anyRequired = true;
      const year = yearOf(sf.subject, anno);
      if (!year || year.modo === null) modeMissing = true;
      else if (year.modo !== 'DOCUMENTATO') allDoc = false;
      if (year) {
        const righi = year.righi;
        for (const rigo of INCOME_ROWS) {
          const entry = righi[rigo];
          if (entry === undefined) continue;
          const req = sf.rows ? sf.rows[rigo] : 'O';
          if (req === 'O' || (req === 'F' && year.facoltativi)) counted.push({ sf, year, rigo, entry });
        }
      }
      const pe = sf.subject.pensioniEstere;
      for (let index = 0; index < pe.length; index++) {
        const row = pe[index] as ForeignPensionRow;
        const importo = foreignImporto(row, anno);
        if (importo !== undefined) foreignAmounts.push({ sf, index, row, anno, importo });
      }
    }
  }
  let redMode: RedMode | null = !anyRequired || modeMissing ? null : allDoc ? 'DOCUMENTATO' : 'AUTOCERTIFICATO';
  if (breve === 'ZERO_RED') {
    const t = titolare?.subject;
    const documentato = t !== undefined && anni.length > 0 && anni.every((anno) => yearOf(t, anno)?.modo === 'DOCUMENTATO');
    redMode = documentato ? 'DOCUMENTATO' : 'AUTOCERTIFICATO';
  }

  return {
    doc,
    matricola,
    data,
    anni,
    firstDay,
    lastDay,
    today: ctx.today,
    breve,
    statoCivileMatricola: mSC,
    statoCivileChanged: uSC !== null && uSC !== mSC,
    rilevanza: v.rilevanzaConiuge,
    subjects,
    considered: breve ? (titolare ? [titolare] : []) : subjects,
    titolare,
    counted,
    foreignAmounts,
    redMode,
    coniugatoIn,
    dati730: ctx.dati730 ?? [],
  };
}

let session: { ctx: RuleContext; facts: Facts } | null = null;

/** The facts of a context: the ones of the running `withFacts`, or freshly computed. */
export function factsOf(ctx: RuleContext): Facts {
  return session !== null && session.ctx === ctx ? session.facts : computeFacts(ctx);
}

/** Runs `fn` with the facts of `ctx` computed once (synchronous: no other validation can interleave). */
export function withFacts<T>(ctx: RuleContext, fn: () => T): T {
  const previous = session;
  session = { ctx, facts: computeFacts(ctx) };
  try {
    return fn();
  } finally {
    session = previous;
  }
}

// ----- findings ------------------------------------------------------------------------------------------

export type Emit = (missing: boolean, message: string, field: FieldRef) => void;

export interface RuleDef {
  code: string;
  severity: Severity;
  title: string;
  ref: string;
  check(f: Facts, emit: Emit): void;
}

/** A Rule whose check works on the shared facts; `missing` is kept only for blocking findings. */
export function defineRule(def: RuleDef): Rule {
  const { code, severity, title, ref } = def;
  const blocking = severity === 'BLOCCANTE';
  return {
    code,
    severity,
    title,
    ref,
    check(ctx: RuleContext): Finding[] {
      const out: Finding[] = [];
      def.check(factsOf(ctx), (missing, message, field) => {
        out.push({ code, severity, missing: blocking && missing, message, field });
      });
      return out;
    },
  };
}

export const dichField = (path: string): FieldRef => ({ tab: 'DICHIARAZIONE', path });
export const enteField = (): FieldRef => ({ tab: 'ANAGRAFICA_REDDITI', path: 'ente' });
export const subjectField = (key: string, f: string): FieldRef => ({
  tab: 'ANAGRAFICA_REDDITI',
  path: fieldPath.subject(key, f),
  subjectKey: key,
});
export const yearField = (key: string, anno: number, f: 'modo' | 'doc' | 'facoltativi'): FieldRef => ({
  tab: 'ANAGRAFICA_REDDITI',
  path: fieldPath.year(key, anno, f),
  subjectKey: key,
  anno,
});
export const rigoField = (key: string, anno: number, rigo: IncomeRow): FieldRef => ({
  tab: 'ANAGRAFICA_REDDITI',
  path: fieldPath.rigo(key, anno, rigo),
  subjectKey: key,
  anno,
  rigo,
});
export const foreignField = (key: string, index: number, f: 'stato' | 'istituzione' | 'tipo'): FieldRef => ({
  tab: 'ANAGRAFICA_REDDITI',
  path: fieldPath.foreign(key, index, f),
  subjectKey: key,
});
export const foreignAmountField = (key: string, index: number, anno: number): FieldRef => ({
  tab: 'ANAGRAFICA_REDDITI',
  path: fieldPath.foreign(key, index, `importo.${anno}`),
  subjectKey: key,
  anno,
});

// ----- formatting (Italian) ------------------------------------------------------------------------------

export { formatEuro } from '../util/italian-input';

/**
 * Birth date (ISO) of a subject from the codice fiscale, the century chosen by "Inverti 1900/2000" (p. 83);
 * null when the code is not valid.
 */
export function birthDateOf(s: SubjectDoc): string | null {
  if (!isCodiceFiscaleValido(s.codiceFiscale)) return null;
  const d = decodeCodiceFiscale(s.codiceFiscale);
  const year = (s.invertiSecolo ? 2000 : 1900) + d.annoDueCifre;
  return `${year}-${String(d.mese).padStart(2, '0')}-${String(d.giorno).padStart(2, '0')}`;
}

/** "2008-03-15" → "15/03/2008". */
export function formatDate(iso: string): string {
  return iso.length === 10 ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

/** Who a message speaks of: "il pensionato" only for the titolare (issue 18), never for the coniuge. */
export function personOf(sf: SubjectFacts): string {
  return sf.subject.role === 'TITOLARE' ? 'il pensionato' : sf.subject.role === 'CONIUGE' ? 'il coniuge' : 'il figlio';
}

/** "Titolare – redditi 2008". */
export function where(f: Facts, sf: SubjectFacts, anno: number): string {
  return `${sf.label} – ${f.data.annoLabel(anno)}`;
}

export const normCf = (cf: string): string => cf.trim().toUpperCase();
