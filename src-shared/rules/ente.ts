/**
 * "Redditi da Ente pensionistico Italiano" (guide pp. 47, 83, 88; red-domain.md §5.7, §6.6). An Italian pension
 * is never entered (ENT-02, a behaviour: there is no field). A body that does not report to the Casellario —
 * "Ente pensionistico non codificato", or a listed body flagged `casellario: false` — means the RED cannot be
 * taken by the CAF: a blocking error on wrong data (the declaration is Errata, not merely incomplete).
 */
import { defineRule, enteField } from './facts';
import type { Rule } from './types';

const PRESENTARE_IN_SEDE =
  "la dichiarazione non può essere acquisita dal CAF ma deve essere presentata dall'interessato alla sede INPS (o dell'altro Ente) di competenza";

export const ENTE_RULES: readonly Rule[] = [
  defineRule({
    code: 'ENT-01',
    severity: 'BLOCCANTE',
    title: 'Ente pensionistico non codificato o che non trasmette al Casellario',
    ref: 'p. 47, 83, 88',
    check(f, emit) {
      const e = f.doc.ente;
      if (e.nonCodificato) {
        emit(false, `Ente pensionistico non codificato (non ha trasmesso i dati delle pensioni al Casellario): ${PRESENTARE_IN_SEDE}.`, enteField());
        return;
      }
      if (e.codice === null || e.codice === '') return;
      const ente = f.data.entePensionistico(e.codice);
      if (!ente) {
        emit(false, `Ente pensionistico «${e.codice}» non presente nell'elenco: usare "Cancella Ente" e scegliere l'Ente corretto.`, enteField());
      } else if (!ente.casellario) {
        emit(false, `${ente.nome}: l'Ente non ha trasmesso al Casellario i dati delle pensioni erogate; ${PRESENTARE_IN_SEDE}.`, enteField());
      }
    },
  }),
];
