/**
 * "Pensioni Estere" grid, per subject (guide pp. 13–14, 40, 86, 94–97; red-domain.md §5.6, §6.7 EST-xx).
 * Every row present is checked (it would be transmitted), except in a RED breve where no income is asked.
 */
import { ISTITUZIONE_ALTRO } from '../campaigns/red2009/stati-esteri';
import type { ForeignPensionRow } from '../domain/red-document';
import { defineRule, foreignAmountField, foreignField, foreignImporto, type Facts, type SubjectFacts } from './facts';
import type { Rule } from './types';

const label = (sf: SubjectFacts, index: number): string => `${sf.label}, pensione estera n. ${index + 1}`;

type RowVisitor = (sf: SubjectFacts, row: ForeignPensionRow, index: number) => void;

/** Visits every foreign pension row of every subject (none in a RED breve). */
function eachRow(f: Facts, visit: RowVisitor): void {
  if (f.breve) return;
  for (const sf of f.subjects) {
    const pe = sf.subject.pensioniEstere;
    for (let index = 0; index < pe.length; index++) visit(sf, pe[index] as ForeignPensionRow, index);
  }
}

const validTipo = (t: number): boolean => Number.isInteger(t) && t >= 1 && t <= 5;

export const ESTERE_RULES: readonly Rule[] = [
  defineRule({
    code: 'EST-01',
    severity: 'BLOCCANTE',
    title: 'Pensione estera senza Stato, Istituzione o Tipo',
    ref: 'p. 86, 94, 96',
    check(f, emit) {
      eachRow(f, (sf, row, index) => {
        const key = sf.subject.key;
        const head = `Anagrafica e redditi: Stato/Istituzione/Tipo pensione estera – ${label(sf, index)}`;
        if (row.stato.trim() === '') emit(true, `${head}: indicare lo Stato estero.`, foreignField(key, index, 'stato'));
        if (row.istituzione.trim() === '') {
          emit(true, `${head}: indicare l'Istituzione (999 "altro" se non presente in tabella).`, foreignField(key, index, 'istituzione'));
        }
        if (row.tipo === null) emit(true, `${head}: indicare il Tipo (da 1 a 5).`, foreignField(key, index, 'tipo'));
      });
    },
  }),
  defineRule({
    code: 'EST-02',
    severity: 'BLOCCANTE',
    title: 'Più di 6 pensioni estere',
    ref: 'p. 95',
    check(f, emit) {
      if (f.breve) return;
      const max = f.data.maxForeignPensions;
      for (const sf of f.subjects) {
        const n = sf.subject.pensioniEstere.length;
        if (n <= max) continue;
        emit(
          false,
          `${sf.label}: ${n} pensioni estere; se il pensionato percepisce più di ${max} Pensioni Estere il Modello RED dovrà essere presentato allo Sportello della Sede INPS competente.`,
          foreignField(sf.subject.key, max, 'stato'),
        );
      }
    },
  }),
  defineRule({
    code: 'EST-03',
    severity: 'BLOCCANTE',
    title: 'Due pensioni estere con stesso Stato, Istituzione e Tipo',
    ref: 'p. 95',
    check(f, emit) {
      if (f.breve) return;
      for (const sf of f.subjects) {
        const pe = sf.subject.pensioniEstere;
        if (pe.length < 2) continue;
        const seen = new Map<string, number>();
        for (let index = 0; index < pe.length; index++) {
          const r = pe[index] as ForeignPensionRow;
          // "999 altro" is any institution the table does not list: two of them may be two different bodies (p. 95).
          if (r.stato === '' || r.istituzione === '' || r.tipo === null || r.istituzione === ISTITUZIONE_ALTRO.codice) continue;
          const k = `${r.stato}|${r.istituzione}|${r.tipo}`;
          const first = seen.get(k);
          if (first === undefined) {
            seen.set(k, index);
            continue;
          }
          emit(
            false,
            `${label(sf, index)}: stesso Stato, Istituzione e Tipo della pensione estera n. ${first + 1}; deve essere compilato un unico rigo in cui verrà inserita la somma delle pensioni.`,
            foreignField(sf.subject.key, index, 'stato'),
          );
        }
      }
    },
  }),
  defineRule({
    code: 'EST-04',
    severity: 'BLOCCANTE',
    title: 'Tipo della pensione estera non compreso tra 1 e 5',
    ref: 'p. 94–95',
    check(f, emit) {
      eachRow(f, (sf, row, index) => {
        if (row.tipo === null || validTipo(row.tipo)) return;
        emit(
          false,
          `${label(sf, index)}: Tipo «${row.tipo}» non ammesso (1 dirette, 2 superstiti, 3 infortuni sul lavoro, 4 rendite vitalizie o a tempo determinato, 5 arretrati).`,
          foreignField(sf.subject.key, index, 'tipo'),
        );
      });
    },
  }),
  defineRule({
    code: 'EST-05',
    severity: 'BLOCCANTE',
    title: 'Stato estero o Istituzione non presenti nelle tabelle (Istituzione sconosciuta: 999 "altro")',
    ref: 'p. 94',
    check(f, emit) {
      eachRow(f, (sf, row, index) => {
        if (row.stato === '') return;
        if (!f.data.isStatoEsteroValido(row.stato)) {
          emit(false, `${label(sf, index)}: lo Stato «${row.stato}» non è presente nella tabella degli Stati esteri.`, foreignField(sf.subject.key, index, 'stato'));
        } else if (row.istituzione !== '' && !f.data.isIstituzioneValida(row.stato, row.istituzione)) {
          emit(
            false,
            `${label(sf, index)}: l'Istituzione «${row.istituzione}» non è presente nella tabella degli Enti stranieri dello Stato scelto; se l'Istituzione non è in tabella indicare 999 "altro".`,
            foreignField(sf.subject.key, index, 'istituzione'),
          );
        }
      });
    },
  }),
  defineRule({
    code: 'EST-06',
    severity: 'BLOCCANTE',
    title: 'Pensione estera senza importo per gli anni richiesti',
    ref: 'assunzione di progetto (red-domain.md §6.7)',
    check(f, emit) {
      const first = f.anni[0];
      if (first === undefined) return;
      eachRow(f, (sf, row, index) => {
        if (f.anni.some((a) => (foreignImporto(row, a) ?? 0) !== 0)) return;
        emit(true, `${label(sf, index)}: indicare l'importo della pensione per gli anni richiesti.`, foreignAmountField(sf.subject.key, index, first));
      });
    },
  }),
  defineRule({
    code: 'EST-07',
    severity: 'NOTA',
    title: 'Pensioni estere: importo lordo; pensioni della Commissione Europea escluse',
    ref: 'p. 16–26, 40, 97',
    check(f, emit) {
      if (f.breve) return;
      for (const sf of f.subjects) {
        if (sf.subject.pensioniEstere.length === 0) continue;
        emit(
          false,
          `${sf.label}: le pensioni estere vanno indicate al lordo delle ritenute (l'AVS svizzera al lordo della ritenuta del 5%); le pensioni erogate dalla Commissione Europea non vanno dichiarate.`,
          foreignField(sf.subject.key, 0, 'stato'),
        );
      }
    },
  }),
];
