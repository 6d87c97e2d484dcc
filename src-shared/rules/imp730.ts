/**
 * The RED ↔ 730 cross-check (guide pp. 80, 86, 96–98; red-domain.md §6.8, §7.6): the 730s of the subjects held on
 * the desk (RuleContext.dati730) against the incomes of the RED, whether or not "Importazione 730" was used (p. 96).
 * The 730 is read as the import reads it (import730/mapping.ts).
 *
 * Domain choices ([assumption] where the guide is silent):
 *  - only a 730 in "Trasm.CGN" counts (the state the import accepts, p. 85), for the year it covers;
 *  - a row is compared when the RED asks it of the subject (obligatory, or optional with "Facoltativi": "reddito
 *    non facoltativo", p. 86); quadri C/D only for lines whose campo RED is filled ("indicizzata");
 *  - an amount in a row the 730 does not feed is not refused: the guide sends the operator to other documents
 *    for capital income taxed at source, CUD arrears, TFR (pp. 16–26). Foreign pensions are the exception the
 *    guide names (p. 96–97: Swiss AVS): more in the RED than in the 730 is IMP-08, until the CAF unlocks it.
 */
import { INCOME_ROW_LABELS } from '../domain/income-rows';
import type { IncomeRow } from '../domain/red-document';
import { dich730Di, redDa730, totaleEstero, totaliPerRigo } from '../import730/mapping';
import { modelloPerAnno } from '../import730/model';
import {
  defineRule,
  dichField,
  foreignAmountField,
  formatEuro,
  normCf,
  rigoField,
  subjectField,
  where,
  yearOf,
  type Facts,
  type SubjectFacts,
} from './facts';
import type { Rule } from './types';

/** The guide's wording in the Monitor errori (p. 86). */
export const VALORE_DIVERSO = 'Anagrafica e redditi: Valore diverso da reddito 730';

interface Confronto {
  sf: SubjectFacts;
  anno: number;
  modello: string;
  rows: Map<IncomeRow, { importo: number; quadro: 'AB' | 'CD' }>;
  estero: number;
}

/** The subject/years the RED must declare that have a 730 in Trasm.CGN, with what the 730 says. */
function confronti(f: Facts): Confronto[] {
  if (f.dati730.length === 0) return [];
  const out: Confronto[] = [];
  for (const sf of f.considered) {
    const cf = normCf(sf.subject.codiceFiscale);
    if (cf.length !== 16) continue;
    for (const anno of sf.neededYears) {
      const modello = modelloPerAnno(anno);
      if (!modello) continue;
      const d = dich730Di(f.dati730, cf, modello).trasmesso;
      if (!d) continue;
      const da = redDa730(d, cf, sf.subject.coltivatoreDiretto);
      out.push({ sf, anno, modello, rows: totaliPerRigo(da.contributi), estero: totaleEstero(da.contributi) });
    }
  }
  return out;
}

const asked = (f: Facts, c: Confronto, rigo: IncomeRow): boolean => {
  const req = c.sf.rows ? c.sf.rows[rigo] : 'O';
  return req === 'O' || (req === 'F' && yearOf(c.sf.subject, c.anno)?.facoltativi === true);
};

const diff = (c: Confronto, f: Facts, rigo: IncomeRow, red: number, dich: number): string =>
  `${VALORE_DIVERSO} – ${where(f, c.sf, c.anno)}, rigo ${rigo} (${INCOME_ROW_LABELS[rigo]}): nel RED ${formatEuro(red)} €, nel ${c.modello} ${formatEuro(dich)} €.`;

function rowRule(code: 'IMP-05' | 'IMP-06' | 'IMP-07', title: string, ref: string): Rule {
  return defineRule({
    code,
    severity: 'BLOCCANTE',
    title,
    ref,
    check(f, emit) {
      for (const c of confronti(f)) {
        for (const [rigo, v] of c.rows) {
          if (!asked(f, c, rigo)) continue;
          const red = yearOf(c.sf.subject, c.anno)?.righi[rigo]?.importo ?? 0;
          if (red === v.importo) continue;
          const omitted = red === 0;
          const which = !omitted ? 'IMP-07' : v.quadro === 'AB' ? 'IMP-05' : 'IMP-06';
          if (which === code) emit(false, diff(c, f, rigo, red, v.importo), rigoField(c.sf.subject.key, c.anno, rigo));
        }
        if (code === 'IMP-06' && c.estero > 0) {
          const red = foreignTotal(c);
          if (red < c.estero) emit(false, `${VALORE_DIVERSO} – ${where(f, c.sf, c.anno)}, pensioni estere: nel RED ${formatEuro(red)} €, nel ${c.modello} ${formatEuro(c.estero)} €.`, foreignRef(c));
        }
      }
    },
  });
}

function foreignTotal(c: Confronto): number {
  let t = 0;
  for (const p of c.sf.subject.pensioniEstere) for (const i of p.importi) if (i.anno === c.anno) t += i.importo;
  return t;
}

function foreignRef(c: Confronto) {
  const key = c.sf.subject.key;
  const index = c.sf.subject.pensioniEstere.findIndex((p) => p.importi.some((i) => i.anno === c.anno));
  return index >= 0 ? foreignAmountField(key, index, c.anno) : subjectField(key, 'pensioniEstere');
}

export const IMP730_RULES: readonly Rule[] = [
  rowRule('IMP-05', 'Reddito non facoltativo dei quadri A e B del 730 omesso nel RED (Valore diverso da reddito 730)', 'p. 86, 96, 98'),
  rowRule('IMP-06', 'Reddito dei quadri C e D del 730 con il campo RED compilato omesso nel RED o indicato in un altro rigo (Valore diverso da reddito 730)', 'p. 86, 96, 98'),
  rowRule('IMP-07', 'Reddito del 730 trascritto nel RED con un importo diverso (Valore diverso da reddito 730)', 'p. 96, 98'),
  defineRule({
    code: 'IMP-08',
    severity: 'BLOCCANTE',
    title: 'Pensione estera nel RED non dichiarata ai fini fiscali nel 730 (es. AVS svizzera): sblocco a cura del CAF (Valore diverso da reddito 730)',
    ref: 'p. 86, 96–98',
    check(f, emit) {
      for (const c of confronti(f)) {
        const red = foreignTotal(c);
        if (red > c.estero) {
          emit(
            false,
            `${VALORE_DIVERSO} – ${where(f, c.sf, c.anno)}, pensioni estere: nel RED ${formatEuro(red)} €, nel ${c.modello} ${formatEuro(c.estero)} € (reddito non dichiarato ai fini fiscali, es. AVS svizzera: inviare la certificazione al CAF per lo sblocco).`,
            foreignRef(c),
          );
        }
      }
    },
  }),
];

/** DIC-09 (p. 80): Zero RED refused when a 730/2008 or 730/2009 of the titolare or of the family has incomes to enter in the RED. */
export const DIC09_RULE: Rule = defineRule({
  code: 'DIC-09',
  severity: 'BLOCCANTE',
  title: 'Zero RED non ammesso: il software "vede" un 730/2008 e/o 730/2009 con redditi da inserire nel Modello RED',
  ref: 'p. 80',
  check(f, emit) {
    if (!f.doc.zeroRed || f.dati730.length === 0) return;
    const seen: string[] = [];
    for (const sf of f.subjects) {
      const cf = normCf(sf.subject.codiceFiscale);
      if (cf.length !== 16) continue;
      for (const anno of f.anni) {
        const modello = modelloPerAnno(anno);
        const d = modello ? dich730Di(f.dati730, cf, modello).trasmesso : undefined;
        if (!d || !modello) continue;
        if (redDa730(d, cf, sf.subject.coltivatoreDiretto).contributi.length > 0) seen.push(`${sf.label} (${modello})`);
      }
    }
    if (seen.length > 0) {
      emit(false, `Non è possibile optare per la dichiarazione ZeroRED: ${seen.length === 1 ? 'il 730' : 'i 730'} di ${seen.join(', ')} ${seen.length === 1 ? 'ha' : 'hanno'} redditi da inserire nel Modello RED.`, dichField('zeroRed'));
    }
  },
});
