/**
 * The validation engine ("Monitor errori", guide p. 87): the registry of every rule, `validate` and the
 * catalogue behind "Decodifica codici errore". Rules are pure; the shared facts are computed once per call.
 */
import { BEHAVIOURS, DEFERRED_RULES, IMPORT_730_CODES, ESITO_CODES, INPUT_CODES, MATRICOLA_CODES, OPERATION_CODES, type CatalogueEntry } from './codes';
import { DATE_RULES } from './date-eventi';
import { DICHIARAZIONE_RULES } from './dichiarazione';
import { ENTE_RULES } from './ente';
import { ESTERE_RULES } from './estere';
import { DIC09_RULE, IMP730_RULES } from './imp730';
import { withFacts } from './facts';
import { isSbloccabile } from '../sblocco/codice';
import { SBLOCCO_CODES } from '../sblocco/regole';
import { REDDITI_RULES } from './redditi';
import { SOGGETTI_RULES } from './soggetti';
import type { Finding, Rule, RuleContext, Severity, ValidationResult } from './types';

export type { CatalogueEntry, CatalogueKind } from './codes';

const CODE_FORMAT = /^[A-Z]{3}-\d{2}$/;

/** Checks a rule list (unique codes, AREA-NN format) and returns it frozen; throws on a duplicate. */
export function createRegistry(rules: readonly Rule[]): readonly Rule[] {
  const seen = new Set<string>();
  for (const r of rules) {
    if (!CODE_FORMAT.test(r.code)) throw new Error(`Regola con codice non valido: «${r.code}» (atteso AREA-NN).`);
    if (seen.has(r.code)) throw new Error(`Codice di regola duplicato: ${r.code}.`);
    seen.add(r.code);
  }
  return Object.freeze([...rules]);
}

/** Every rule, in area order (Dichiarazione, Soggetti, Ente, Redditi, Pensioni estere). */
export const ALL_RULES: readonly Rule[] = createRegistry([
  ...DICHIARAZIONE_RULES,
  DIC09_RULE,
  ...DATE_RULES,
  ...SOGGETTI_RULES,
  ...ENTE_RULES,
  ...REDDITI_RULES,
  ...ESTERE_RULES,
  ...IMP730_RULES,
]);

const RANK: Readonly<Record<Severity, number>> = { BLOCCANTE: 0, AVVERTIMENTO: 1, NOTA: 2 };

const byRankThenCode = (a: Finding, b: Finding): number => {
  const r = RANK[a.severity] - RANK[b.severity];
  if (r !== 0) return r;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
};

/** Runs `rules` (default: every rule) on a declaration and derives the status the findings imply. */
export function validate(ctx: RuleContext, rules: readonly Rule[] = ALL_RULES): ValidationResult {
  const findings: Finding[] = [];
  withFacts(ctx, () => {
    for (const rule of rules) {
      const out = rule.check(ctx);
      if (out.length === 1) findings.push(out[0] as Finding);
      else if (out.length > 1) {
        // A line is never shown twice: the same field and message from two paths of one rule counts once (codes
        // are unique per rule, so only a rule's own findings can repeat). Most rules emit 0 or 1: no cost there.
        const seen = new Set<string>();
        for (const f of out) {
          const key = `${f.field.path}\u0000${f.message}`;
          if (seen.has(key)) continue;
          seen.add(key);
          findings.push(f);
        }
      }
    }
  });
  if (ctx.sbloccati && ctx.sbloccati.length > 0) liftUnlocked(findings, ctx.sbloccati);
  // Array.prototype.sort is stable: findings of one code keep the order their rule produced.
  findings.sort(byRankThenCode);
  let blocking = 0;
  let warnings = 0;
  let notes = 0;
  let wrong = false;
  for (const f of findings) {
    if (f.severity === 'BLOCCANTE') {
      blocking++;
      if (!f.missing) wrong = true;
    } else if (f.severity === 'AVVERTIMENTO') warnings++;
    else notes++;
  }
  const outcome: ValidationResult['outcome'] = wrong ? 'ERRATA' : blocking > 0 ? 'INCOMPLETA' : 'COMPLETABILE';
  return { findings, blocking, warnings, notes, outcome };
}

/** The CAF's unlock of a cross-check error: the finding stays in the Monitor errori as a note and no longer blocks. */
export const SBLOCCATO_SUFFIX = ' – Sbloccato dal CAF («Sblocca dichiarazione errata»).';
function liftUnlocked(findings: Finding[], sbloccati: readonly string[]): void {
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i] as Finding;
    if (f.severity !== 'BLOCCANTE' || !isSbloccabile(f.code) || !sbloccati.includes(f.code)) continue;
    findings[i] = { ...f, severity: 'NOTA', missing: false, message: `${f.message}${SBLOCCATO_SUFFIX}` };
  }
}

const AREA_ORDER = ['MAT', 'INS', 'DIC', 'SOG', 'ENT', 'RED', 'EST', 'IMP', 'SBL', 'OPR'];
const areaRank = (code: string): number => {
  const i = AREA_ORDER.indexOf(code.slice(0, 3));
  return i < 0 ? AREA_ORDER.length : i;
};

function buildCatalogue(): readonly CatalogueEntry[] {
  const all: CatalogueEntry[] = [
    ...ALL_RULES.map((r): CatalogueEntry => ({ code: r.code, severity: r.severity, title: r.title, ref: r.ref })),
    ...DEFERRED_RULES,
    ...IMPORT_730_CODES,
    ...BEHAVIOURS,
    ...INPUT_CODES,
    ...OPERATION_CODES,
    ...MATRICOLA_CODES,
    ...ESITO_CODES,
    ...SBLOCCO_CODES,
  ];
  const seen = new Set<string>();
  for (const e of all) {
    if (seen.has(e.code)) throw new Error(`Catalogo dei codici: codice duplicato ${e.code}.`);
    seen.add(e.code);
  }
  all.sort((a, b) => areaRank(a.code) - areaRank(b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return Object.freeze(all.map((e) => Object.freeze({ ...e })));
}

const CATALOGUE = buildCatalogue();

/** Every code the desk can show, for "Decodifica codici errore": rules, behaviours, refusals, matricola, esiti. */
export function catalogue(): CatalogueEntry[] {
  return [...CATALOGUE];
}
