/**
 * "Soggetti" and their anagrafica (guide pp. 42, 78, 82–83; red-domain.md §6.5). SOG-01 (deleting the coniuge or
 * the titolare) is an operation refusal (`OPERATION_CODES`). SOG-09…SOG-12 are project additions: the model
 * keeps the titolare's codice fiscale both in the Dichiarazione tab and in the subject list, and nothing in the
 * schema forbids two titolari or the same person twice.
 */
import { checkCodiceFiscale } from '../codice-fiscale/codice-fiscale';
import { INCOME_ROWS, type SubjectDoc } from '../domain/red-document';
import { annoNascitaDueCifre, isCodiceFiscaleValido } from '../codice-fiscale/codice-fiscale';
import { isSiglaProvincia } from '../codice-fiscale/comuni';
import {
  defineRule,
  dichField,
  foreignAmountField,
  normCf,
  rigoField,
  subjectField,
  type Facts,
  type SubjectFacts,
} from './facts';
import { fieldPath, type FieldRef, type Rule } from './types';

const ANAGRAFICA_FIELDS = [
  ['cognome', 'cognome'],
  ['nome', 'nome'],
  ['indirizzo', 'indirizzo'],
  ['comune', 'comune di residenza'],
] as const;

/** The anagrafica data a subject lacks, in the order of the screen (codice fiscale first). */
function missingAnagrafica(s: SubjectDoc): { field: 'codiceFiscale' | (typeof ANAGRAFICA_FIELDS)[number][0]; what: string }[] {
  const out: { field: 'codiceFiscale' | (typeof ANAGRAFICA_FIELDS)[number][0]; what: string }[] = [];
  if (s.codiceFiscale.trim() === '') out.push({ field: 'codiceFiscale', what: 'codice fiscale' });
  for (const [field, what] of ANAGRAFICA_FIELDS) if (s[field].trim() === '') out.push({ field, what });
  return out;
}

/** "a, b e c". */
const listIt = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} e ${items[items.length - 1] ?? ''}`;

/** The first amount > 0 entered for a subject (any year, any row, foreign pensions), or null. */
function firstIncome(s: SubjectDoc): FieldRef | null {
  for (const y of s.anni) {
    for (const r of INCOME_ROWS) {
      const e = y.righi[r];
      if (e && e.importo > 0) return rigoField(s.key, y.anno, r);
    }
  }
  for (let i = 0; i < s.pensioniEstere.length; i++) {
    for (const imp of s.pensioniEstere[i]?.importi ?? []) if (imp.importo > 0) return foreignAmountField(s.key, i, imp.anno);
  }
  return null;
}

function figli(f: Facts): SubjectFacts[] {
  return f.subjects.filter((sf) => sf.subject.role === 'FIGLIO');
}

/** No figli income is asked: nucleus code 00 (p. 43). */
const figliNonRichiesti = (f: Facts): boolean => f.matricola.values.tipoRighiNucleo === f.data.tipoRighiNessuno;

/**
 * The subjects whose anagrafica SOG-03/SOG-04 check: every considered subject, except a figlio row still
 * entirely blank when no figli income is asked (nucleus code 00). p. 82 lists in "Soggetti" the members "per i
 * quali è necessario presentare il Modello RED"; p. 42 says the figli are filled only when the assegni familiari
 * are asked: where the two meet, p. 42 wins, so an unfilled figlio never blocks a RED that asks nothing of him.
 * A figlio with some datum is still checked, so a half-typed codice fiscale is not sent.
 */
function anagraficaDaControllare(f: Facts): SubjectFacts[] {
  const skipBlank = figliNonRichiesti(f);
  return f.considered.filter(
    (sf) => !(skipBlank && sf.subject.role === 'FIGLIO' && missingAnagrafica(sf.subject).length === ANAGRAFICA_FIELDS.length + 1),
  );
}

export const SOGGETTI_RULES: readonly Rule[] = [
  defineRule({
    code: 'SOG-02',
    severity: 'BLOCCANTE',
    title:
      'Numero dei figli in "Soggetti" diverso dal numero figli della Dichiarazione; non si applica con codice tipo righi del nucleo 00 né in un RED breve (figli solo se richiesti gli assegni familiari: vale p. 42 su p. 82)',
    ref: 'p. 42, 82',
    check(f, emit) {
      // Not in a RED breve (no figli count, p. 77, 80) nor with nucleus code 00 (p. 42: number and incomes of the
      // figli only when the assegni familiari are asked; the code says none is): p. 42 wins over p. 82 there.
      if (f.breve || figliNonRichiesti(f)) return;
      const rows = figli(f);
      const n = f.doc.anagrafica.numeroFigli;
      if (rows.length === n) return;
      const msg = `In "Soggetti" ci sono ${rows.length} figli ma il numero figli indicato nella sezione Dichiarazione è ${n}: l'inserimento o l'eliminazione delle righe deve essere eseguita coerentemente con il numero figli indicato nella sezione Dichiarazione.`;
      const extra = rows[n];
      if (extra) emit(false, msg, subjectField(extra.subject.key, 'codiceFiscale'));
      else emit(true, msg, dichField(fieldPath.anagrafica('numeroFigli')));
    },
  }),
  defineRule({
    code: 'SOG-03',
    severity: 'BLOCCANTE',
    title:
      'Codice fiscale di un soggetto mancante o formalmente errato (un figlio non compilato non blocca con codice tipo righi del nucleo 00: vale p. 42 su p. 82)',
    ref: 'p. 42, 83',
    check(f, emit) {
      const cf = f.doc.anagrafica.codiceFiscale;
      const path = dichField(fieldPath.anagrafica('codiceFiscale'));
      if (cf.trim() === '') emit(true, 'Conferma dati anagrafici: indicare il codice fiscale del titolare.', path);
      else if (!isCodiceFiscaleValido(cf)) {
        const r = checkCodiceFiscale(cf);
        if (!r.ok) emit(false, `Conferma dati anagrafici, codice fiscale del titolare: ${r.detail}`, path);
      }
      for (const sf of anagraficaDaControllare(f)) {
        const s = sf.subject;
        if (s.codiceFiscale.trim() === '') {
          // With other data missing too, SOG-04 says it all in one line (issue 18): not repeated here.
          if (missingAnagrafica(s).length === 1) {
            emit(true, `${sf.label}: devono essere forniti i dati anagrafici; manca il codice fiscale.`, subjectField(s.key, 'codiceFiscale'));
          }
          continue;
        }
        if (isCodiceFiscaleValido(s.codiceFiscale)) continue;
        const r = checkCodiceFiscale(s.codiceFiscale);
        if (!r.ok) emit(false, `${sf.label}, codice fiscale: ${r.detail}`, subjectField(s.key, 'codiceFiscale'));
      }
    },
  }),
  defineRule({
    code: 'SOG-04',
    severity: 'BLOCCANTE',
    title:
      'Dati anagrafici di un soggetto mancanti (cognome e nome, indirizzo, comune di residenza; con essi il codice fiscale); un figlio non compilato non blocca con codice tipo righi del nucleo 00 (vale p. 42 su p. 82)',
    ref: 'p. 42, 83',
    check(f, emit) {
      // One line per subject, pointing at the first datum missing (issue 18): the operator reads who and what.
      for (const sf of anagraficaDaControllare(f)) {
        const missing = missingAnagrafica(sf.subject);
        const first = missing[0];
        if (!first || (missing.length === 1 && first.field === 'codiceFiscale')) continue;
        const verb = missing.length === 1 ? 'manca' : 'mancano';
        emit(true, `${sf.label}: devono essere forniti i dati anagrafici; ${verb} ${listIt(missing.map((m) => m.what))}.`, subjectField(sf.subject.key, first.field));
      }
    },
  }),
  defineRule({
    code: 'SOG-05',
    severity: 'BLOCCANTE',
    title: 'Coniuge rilevante (richiesto se presente) non inserito',
    ref: 'p. 42, 78',
    check(f, emit) {
      if (f.breve || f.rilevanza !== '1') return;
      if (f.matricola.values.tipoRighiNucleo === f.data.tipoRighiNessuno) return;
      if (f.subjects.some((sf) => sf.subject.role === 'CONIUGE')) return;
      const anni = f.anni.filter((a) => f.coniugatoIn(a) === true);
      if (anni.length === 0) return;
      emit(
        true,
        `Rilevanza coniuge 1 (coniuge richiesto se presente): il titolare risulta coniugato negli anni richiesti (${anni
          .slice()
          .sort()
          .join(', ')}); inserire il coniuge con i suoi redditi.`,
        subjectField('coniuge', 'codiceFiscale'),
      );
    },
  }),
  defineRule({
    code: 'SOG-06',
    severity: 'AVVERTIMENTO',
    title: 'Redditi del coniuge indicati con coniuge non rilevante o non richiesto',
    ref: 'p. 42',
    check(f, emit) {
      if (f.breve || (f.rilevanza !== '0' && f.rilevanza !== '2')) return;
      const msg =
        f.rilevanza === '0'
          ? 'Rilevanza coniuge 0 (non rilevante): i redditi del coniuge non vengono mai richiesti; verificare i redditi indicati per il coniuge.'
          : 'Rilevanza coniuge 2 (rilevante ma non richiesto): i redditi del coniuge NON SONO da dichiarare insieme a quelli del titolare (il coniuge presenta un proprio RED); verificare i redditi indicati per il coniuge.';
      for (const sf of f.subjects) {
        if (sf.subject.role !== 'CONIUGE') continue;
        const field = firstIncome(sf.subject);
        if (field) emit(false, msg, field);
      }
    },
  }),
  defineRule({
    code: 'SOG-07',
    severity: 'NOTA',
    title: 'Figli: da indicare solo se sono richiesti gli assegni familiari',
    ref: 'p. 42',
    check(f, emit) {
      if (f.breve) return;
      const first = figli(f)[0];
      if (!first && f.doc.anagrafica.numeroFigli === 0) return;
      emit(
        false,
        'Figli: i figli e i relativi redditi vanno compilati solo se sono richiesti gli assegni familiari (figli minori, figli maggiorenni inabili al lavoro o studenti fino a 26 anni).',
        first ? subjectField(first.subject.key, 'codiceFiscale') : dichField(fieldPath.anagrafica('numeroFigli')),
      );
    },
  }),
  defineRule({
    code: 'SOG-08',
    severity: 'NOTA',
    title: 'Anno di nascita del codice fiscale ambiguo (1900/2000)',
    ref: 'p. 83',
    check(f, emit) {
      const limit = f.data.campaignYear % 100;
      for (const sf of f.considered) {
        const s = sf.subject;
        const yy = annoNascitaDueCifre(s.codiceFiscale);
        if (yy === null || Number(yy) > limit) continue;
        const current = s.invertiSecolo ? `20${yy}` : `19${yy}`;
        emit(
          false,
          `${sf.label}: dal codice fiscale il soggetto potrebbe essere nato nel 19${yy} oppure nel 20${yy} (ora considerato ${current}); se necessario usare «Inverti 1900/2000 su data di nascita».`,
          subjectField(s.key, 'invertiSecolo'),
        );
      }
    },
  }),
  defineRule({
    code: 'SOG-09',
    severity: 'BLOCCANTE',
    title: 'Codice fiscale del titolare diverso tra "Soggetti" e "Conferma dati anagrafici"',
    ref: 'p. 79, 83',
    check(f, emit) {
      const t = f.titolare;
      if (!t) return;
      const a = normCf(f.doc.anagrafica.codiceFiscale);
      const s = normCf(t.subject.codiceFiscale);
      if (a === '' || s === '' || a === s) return;
      emit(
        false,
        `Il codice fiscale del titolare in "Soggetti" (${s}) è diverso da quello della sezione "Conferma/Aggiornamento dati anagrafici" (${a}).`,
        subjectField(t.subject.key, 'codiceFiscale'),
      );
    },
  }),
  defineRule({
    code: 'SOG-10',
    severity: 'BLOCCANTE',
    title: 'Stesso codice fiscale per due soggetti',
    ref: 'p. 82–83',
    check(f, emit) {
      const seen = new Map<string, string>();
      for (const sf of f.considered) {
        const cf = normCf(sf.subject.codiceFiscale);
        if (cf === '') continue;
        const other = seen.get(cf);
        if (other === undefined) seen.set(cf, sf.label);
        else {
          emit(
            false,
            `${sf.label}: il codice fiscale ${cf} è già indicato per ${other.toLowerCase()}.`,
            subjectField(sf.subject.key, 'codiceFiscale'),
          );
        }
      }
    },
  }),
  defineRule({
    code: 'SOG-11',
    severity: 'BLOCCANTE',
    title: 'Soggetti: un solo titolare e al più un coniuge',
    ref: 'p. 82',
    check(f, emit) {
      let titolari = 0;
      let coniugi = 0;
      for (const sf of f.subjects) {
        const role = sf.subject.role;
        if (role === 'TITOLARE' && ++titolari > 1) {
          emit(false, 'Soggetti: è ammesso un solo titolare.', subjectField(sf.subject.key, 'codiceFiscale'));
        } else if (role === 'CONIUGE' && ++coniugi > 1) {
          emit(false, 'Soggetti: è ammesso un solo coniuge.', subjectField(sf.subject.key, 'codiceFiscale'));
        }
      }
      if (titolari === 0) emit(true, 'Soggetti: manca il titolare della dichiarazione.', subjectField('titolare', 'codiceFiscale'));
    },
  }),
  defineRule({
    // Project addition (issue 10): the CAP and the provincia are not in the RED model, but the address labels
    // (09 Stampa Etichette) and the exports carry them; a wrong one is shown, never blocks.
    code: 'SOG-12',
    severity: 'AVVERTIMENTO',
    title: 'CAP o sigla della provincia di residenza non validi',
    ref: 'p. 107',
    check(f, emit) {
      for (const sf of f.considered) {
        const { cap, provincia, key } = sf.subject;
        if (cap.trim() !== '' && !/^\d{5}$/.test(cap.trim())) {
          emit(false, `${sf.label}: il CAP deve essere di 5 cifre (indicato «${cap.trim()}»).`, subjectField(key, 'cap'));
        }
        if (provincia.trim() !== '' && !isSiglaProvincia(provincia)) {
          emit(false, `${sf.label}: «${provincia.trim()}» non è la sigla di una provincia italiana (es. RM, MI, NA; EE per l'estero).`, subjectField(key, 'provincia'));
        }
      }
    },
  }),
];
