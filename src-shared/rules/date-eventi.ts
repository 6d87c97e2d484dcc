/**
 * Dates of events that must already have happened (issue 18; guide pp. 78–81): the decorrenza of the new stato
 * civile, the titolare's death and espatrio, the coniuge's death. A date after today, or before the birth of the
 * person it concerns (birth from the codice fiscale, p. 83), is a wrong datum: blocking, so the declaration
 * becomes Errata and cannot be sent. Dates that are impossible as typed ("31/02/2009") never reach the document:
 * the editor refuses them (util/italian-input.ts).
 */
import type { SubjectDoc } from '../domain/red-document';
import { birthDateOf, defineRule, dichField, formatDate, subjectField, type Facts } from './facts';
import { fieldPath, type FieldRef, type Rule } from './types';

interface EventDate {
  /** "la data del decesso del titolare" */
  what: string;
  iso: string;
  field: FieldRef;
  /** The person whose birth bounds the date. */
  person: SubjectDoc | undefined;
  personLabel: string;
}

function eventDates(f: Facts): EventDate[] {
  const a = f.doc.anagrafica;
  const t = f.titolare?.subject;
  const out: EventDate[] = [];
  const add = (what: string, iso: string | null, field: FieldRef, person: SubjectDoc | undefined, personLabel: string) => {
    if (iso !== null) out.push({ what, iso, field, person, personLabel });
  };
  add('la decorrenza del nuovo stato civile', a.statoCivileDecorrenza, dichField(fieldPath.anagrafica('statoCivileDecorrenza')), t, 'del titolare');
  add('la data del decesso del titolare', a.dataDecesso, dichField(fieldPath.anagrafica('dataDecesso')), t, 'del titolare');
  add("la data dell'espatrio", a.dataEspatrio, dichField(fieldPath.anagrafica('dataEspatrio')), t, 'del titolare');
  for (const sf of f.subjects) {
    if (sf.subject.role !== 'CONIUGE') continue;
    add('la data del decesso del coniuge', sf.subject.dataDecesso, subjectField(sf.subject.key, 'dataDecesso'), sf.subject, 'del coniuge');
  }
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const DATE_RULES: readonly Rule[] = [
  defineRule({
    code: 'DIC-20',
    severity: 'BLOCCANTE',
    title: 'Data di un evento (decorrenza, decesso, espatrio) successiva alla data odierna',
    ref: 'p. 78–81',
    check(f, emit) {
      for (const e of eventDates(f)) {
        if (e.iso <= f.today) continue;
        emit(false, `${cap(e.what)} (${formatDate(e.iso)}) è successiva a oggi (${formatDate(f.today)}): indicare la data dell'evento già avvenuto.`, e.field);
      }
    },
  }),
  defineRule({
    code: 'DIC-21',
    severity: 'BLOCCANTE',
    title: 'Data di un evento anteriore alla data di nascita della persona',
    ref: 'p. 78–83',
    check(f, emit) {
      for (const e of eventDates(f)) {
        const birth = e.person ? birthDateOf(e.person) : null;
        if (birth === null || e.iso >= birth) continue;
        emit(
          false,
          `${cap(e.what)} (${formatDate(e.iso)}) è anteriore alla data di nascita ${e.personLabel} (${formatDate(birth)}, dal codice fiscale): verificare la data o il codice fiscale.`,
          e.field,
        );
      }
    },
  }),
];
