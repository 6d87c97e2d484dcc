/**
 * Tab "Dichiarazione" (guide pp. 76–81; red-domain.md §6.4): stato civile, decesso, erede, espatrio,
 * Zero RED, rinuncia, domiciliazione. DIC-09 (Zero RED with a 730 showing incomes) lives with the 730
 * cross-check in imp730.ts.
 * DIC-11 and DIC-13 are editor behaviours (`BEHAVIOURS`).
 */
import { checkCodiceFiscale } from '../codice-fiscale/codice-fiscale';
import { isCodiceFiscaleValido } from '../codice-fiscale/codice-fiscale';
import { INCOME_ROWS } from '../domain/red-document';
import {
  defineRule,
  dichField,
  foreignImporto,
  yearOf,
  formatDate,
  formatEuro,
  normCf,
  rigoField,
  foreignAmountField,
  STATO_CIVILE_LABELS,
  where,
  type Facts,
} from './facts';
import { fieldPath, type Rule } from './types';

const STATO_CIVILE = dichField(fieldPath.anagrafica('statoCivile'));
const DECORRENZA = dichField(fieldPath.anagrafica('statoCivileDecorrenza'));

/** The titolare has entered nothing for the requested years (no mode, no amount, no foreign pension). */
function titolareSenzaRedditi(f: Facts): boolean {
  const t = f.titolare;
  if (!t) return true;
  for (const y of t.subject.anni) {
    if (!f.anni.includes(y.anno)) continue;
    if (y.modo !== null) return false;
    for (const e of Object.values(y.righi)) if (e && e.importo !== 0) return false;
  }
  return t.subject.pensioniEstere.length === 0;
}

export const DICHIARAZIONE_RULES: readonly Rule[] = [
  defineRule({
    code: 'DIC-01',
    severity: 'BLOCCANTE',
    title: 'Stato civile 0 (non noto) non aggiornato',
    ref: 'p. 42',
    check(f, emit) {
      if (f.statoCivileMatricola !== '0' || f.doc.anagrafica.statoCivile !== null) return;
      const inpdap = f.matricola.values.codiceEmissione === 'G' ? ' (per le dichiarazioni INPDAP lo stato civile è sempre 0)' : '';
      emit(
        true,
        `Lo stato civile 0 (non noto) deve essere sempre aggiornato con un valore compreso tra 1 e 5${inpdap}.`,
        STATO_CIVILE,
      );
    },
  }),
  defineRule({
    code: 'DIC-02',
    severity: 'BLOCCANTE',
    title: 'Stato civile variato senza data di decorrenza',
    ref: 'p. 79',
    check(f, emit) {
      if (!f.statoCivileChanged || f.doc.anagrafica.statoCivileDecorrenza !== null) return;
      emit(true, 'Stato civile variato: inserire la data della nuova situazione anagrafica (decorrenza).', DECORRENZA);
    },
  }),
  defineRule({
    code: 'DIC-03',
    severity: 'NOTA',
    title: 'Stato civile variato: verificare il dato (sanzione in caso di errore)',
    ref: 'p. 79',
    check(f, emit) {
      if (!f.statoCivileChanged) return;
      const from = STATO_CIVILE_LABELS[f.statoCivileMatricola] ?? f.statoCivileMatricola;
      const to = STATO_CIVILE_LABELS[f.doc.anagrafica.statoCivile ?? ''] ?? '';
      emit(
        false,
        `Stato civile variato da «${from}» a «${to}»: verificare il dato; in caso di stato civile errato (controllo a campione del 2%) l'INPS applica al CAF una sanzione di € 144.`,
        STATO_CIVILE,
      );
    },
  }),
  defineRule({
    code: 'DIC-04',
    severity: 'BLOCCANTE',
    title: 'Titolare deceduto senza data del decesso',
    ref: 'p. 81',
    check(f, emit) {
      const a = f.doc.anagrafica;
      if (!a.deceduto || a.dataDecesso !== null) return;
      emit(
        true,
        "Titolare deceduto: è sufficiente spuntare la casella «Deceduto» e comunicare la data dell'evento; indicare la data del decesso.",
        dichField(fieldPath.anagrafica('dataDecesso')),
      );
    },
  }),
  defineRule({
    code: 'DIC-05',
    severity: 'BLOCCANTE',
    title: "Titolare deceduto: dati dell'erede mancanti",
    ref: 'p. 77, 79, 81',
    check(f, emit) {
      if (!f.doc.anagrafica.deceduto) return;
      const e = f.doc.erede;
      if (e.codiceFiscale.trim() === '') {
        emit(true, "Titolare deceduto: deve inoltre essere compilata la sezione dell'Erede (codice fiscale).", dichField(fieldPath.erede('codiceFiscale')));
      }
      if (e.nominativo.trim() === '') {
        emit(true, "Titolare deceduto: deve inoltre essere compilata la sezione dell'Erede (nominativo).", dichField(fieldPath.erede('nominativo')));
      }
    },
  }),
  defineRule({
    code: 'DIC-06',
    severity: 'BLOCCANTE',
    title: "Codice fiscale dell'erede formalmente errato",
    ref: 'p. 77',
    check(f, emit) {
      const cf = f.doc.erede.codiceFiscale;
      if (!f.doc.anagrafica.deceduto || cf.trim() === '') return;
      if (isCodiceFiscaleValido(cf)) return;
      const r = checkCodiceFiscale(cf);
      if (r.ok) return;
      emit(false, `Codice fiscale dell'erede: ${r.detail}`, dichField(fieldPath.erede('codiceFiscale')));
    },
  }),
  defineRule({
    code: 'DIC-07',
    severity: 'BLOCCANTE',
    title: "Espatrio senza data dell'espatrio",
    ref: 'p. 79, 81',
    check(f, emit) {
      const a = f.doc.anagrafica;
      if (!a.espatriato || a.dataEspatrio !== null) return;
      emit(true, "Espatrio del titolare: va indicata la data dell'espatrio.", dichField(fieldPath.anagrafica('dataEspatrio')));
    },
  }),
  defineRule({
    code: 'DIC-08',
    severity: 'BLOCCANTE',
    title: "Espatrio non anteriore agli anni richiesti e redditi non indicati",
    ref: 'p. 81',
    check(f, emit) {
      const a = f.doc.anagrafica;
      if (!a.espatriato || a.dataEspatrio === null || a.dataEspatrio < f.firstDay || a.deceduto || f.doc.rinuncia) return;
      if (!titolareSenzaRedditi(f)) return;
      emit(
        true,
        `Espatrio del ${formatDate(a.dataEspatrio)}: il RED breve è ammesso solo se l'espatrio è avvenuto in data anteriore all'anno di richiesta dei redditi; indicare i redditi degli anni richiesti.`,
        dichField(fieldPath.anagrafica('dataEspatrio')),
      );
    },
  }),
  defineRule({
    code: 'DIC-10',
    severity: 'BLOCCANTE',
    title: 'Zero RED non ammesso: stato civile variato in coniugato prima del 01.01.2009 con coniuge rilevante',
    ref: 'p. 80',
    check(f, emit) {
      const a = f.doc.anagrafica;
      if (!f.doc.zeroRed || a.statoCivile !== '2' || a.statoCivileDecorrenza === null) return;
      if (a.statoCivileDecorrenza >= f.data.zeroRedConiugatoBefore) return;
      // "in presenza di coniuge rilevante" (p. 80): rilevanza 1 and 2 are both "rilevante" (p. 42), 0 is not.
      if (f.statoCivileMatricola === '2' || f.rilevanza === '0') return;
      emit(
        false,
        `Non è possibile optare per la dichiarazione ZeroRED se viene modificato lo stato civile in coniugato con data decorrenza anteriore al ${formatDate(f.data.zeroRedConiugatoBefore)} e da matricola risulta uno stato civile diverso da coniugato in presenza di coniuge rilevante.`,
        dichField('zeroRed'),
      );
    },
  }),
  defineRule({
    code: 'DIC-12',
    severity: 'BLOCCANTE',
    title: 'Zero RED con redditi indicati',
    ref: 'p. 77, 80',
    check(f, emit) {
      // A Zero RED is a RED breve (p. 77): no income is asked and the editor disables the boxes, so the amounts
      // are read from the document itself (a declaration stored before, or Zero RED ticked after the incomes).
      if (!f.doc.zeroRed) return;
      for (const sf of f.subjects) {
        for (const anno of f.anni) {
          const year = yearOf(sf.subject, anno);
          for (const rigo of INCOME_ROWS) {
            const importo = year?.righi[rigo]?.importo ?? 0;
            if (importo <= 0) continue;
            emit(
              false,
              `${where(f, sf, anno)}, rigo ${rigo}: importo ${formatEuro(importo)} in una dichiarazione Zero RED (nessun reddito negli anni richiesti); togliere l'opzione Zero RED per indicare i redditi.`,
              rigoField(sf.subject.key, anno, rigo),
            );
          }
        }
        sf.subject.pensioniEstere.forEach((row, index) => {
          for (const anno of f.anni) {
            const importo = foreignImporto(row, anno) ?? 0;
            if (importo <= 0) continue;
            emit(
              false,
              `${where(f, sf, anno)}, pensione estera n. ${index + 1}: importo ${formatEuro(importo)} in una dichiarazione Zero RED; togliere l'opzione Zero RED per indicare i redditi.`,
              foreignAmountField(sf.subject.key, index, anno),
            );
          }
        });
      }
    },
  }),
  defineRule({
    code: 'DIC-14',
    severity: 'BLOCCANTE',
    title: 'Scelte incompatibili tra decesso, rinuncia e Zero RED',
    ref: 'p. 77, 80–81',
    check(f, emit) {
      const d = f.doc;
      const chosen: string[] = [];
      if (d.anagrafica.deceduto) chosen.push('decesso');
      if (d.rinuncia) chosen.push('rinuncia alle prestazioni');
      if (d.zeroRed) chosen.push('Zero RED');
      if (chosen.length < 2) return;
      emit(
        false,
        `Sono state scelte insieme più opzioni incompatibili (${chosen.join(', ')}): indicarne una sola.`,
        dichField(d.zeroRed ? 'zeroRed' : 'rinuncia'),
      );
    },
  }),
  defineRule({
    code: 'DIC-15',
    severity: 'NOTA',
    title: 'Codice fiscale del titolare variato rispetto alla matricola',
    ref: 'p. 46, 79',
    check(f, emit) {
      const cf = normCf(f.doc.anagrafica.codiceFiscale);
      if (cf === '' || cf === f.matricola.values.codiceFiscale) return;
      emit(
        false,
        "Codice fiscale del titolare variato: deve essere quello presente nell'archivio dell'Agenzia delle Entrate; prova valida è la nuova tessera sanitaria o il tesserino dell'Agenzia delle Entrate. In caso di codice fiscale errato l'INPS applica al CAF una sanzione di € 288.",
        dichField(fieldPath.anagrafica('codiceFiscale')),
      );
    },
  }),
  defineRule({
    code: 'DIC-16',
    severity: 'NOTA',
    title: 'Numero figli variato rispetto alla matricola',
    ref: 'p. 79',
    check(f, emit) {
      const n = f.doc.anagrafica.numeroFigli;
      const m = f.data.numeroFigli(f.matricola.values.numeroFigli);
      if (Number.isNaN(m) || n === m) return;
      emit(
        false,
        `Numero figli variato (da ${m} a ${n}): la modifica di questo dato non determina variazioni nelle prestazioni; per adeguare gli assegni e i trattamenti di famiglia il pensionato deve presentare domanda alla sede INPS.`,
        dichField(fieldPath.anagrafica('numeroFigli')),
      );
    },
  }),
  defineRule({
    code: 'DIC-17',
    severity: 'NOTA',
    title: 'Domiciliazione: firma del pensionato',
    ref: 'p. 77',
    check(f, emit) {
      if (!f.doc.domiciliazione) return;
      emit(
        false,
        "Domiciliazione: l'autorizzazione deve essere firmata dal pensionato nell'apposita sezione del modello RED cartaceo.",
        dichField('domiciliazione'),
      );
    },
  }),
  defineRule({
    code: 'DIC-18',
    severity: 'BLOCCANTE',
    title: 'Coniuge deceduto durante gli anni richiesti: stato civile non aggiornato',
    ref: 'p. 81',
    check(f, emit) {
      if (f.breve || f.rilevanza !== '1') return;
      const a = f.doc.anagrafica;
      for (const sf of f.subjects) {
        const d = sf.subject.dataDecesso;
        if (sf.subject.role !== 'CONIUGE' || d === null || d < f.firstDay || d > f.lastDay) continue;
        const base = `Coniuge deceduto il ${formatDate(d)} durante gli anni richiesti: comunicare la variazione dello stato civile (vedovo/a) con la data del decesso ed inserire anche i dati reddituali del coniuge`;
        if (a.statoCivile === null) emit(true, `${base}.`, STATO_CIVILE);
        else if (a.statoCivile !== '3') emit(false, `${base}; lo stato civile indicato è «${STATO_CIVILE_LABELS[a.statoCivile] ?? a.statoCivile}».`, STATO_CIVILE);
        else if (a.statoCivileDecorrenza === null) emit(true, `${base}; indicare la decorrenza.`, DECORRENZA);
        else if (a.statoCivileDecorrenza !== d) {
          emit(false, `${base}; la decorrenza (${formatDate(a.statoCivileDecorrenza)}) è diversa dalla data del decesso.`, DECORRENZA);
        }
      }
    },
  }),
  defineRule({
    code: 'DIC-19',
    // p. 81 asks the same of both deaths: the stato civile becomes vedovo/a with the date of death. Before the
    // period the coniuge's incomes are not asked, but a stato civile left coniugato is as wrong as in DIC-18, so
    // the two rules block alike (issue 11; the guide gives no severity, p. 81 wins over red-domain's "N").
    severity: 'BLOCCANTE',
    title: 'Coniuge deceduto prima degli anni richiesti: stato civile non aggiornato in vedovo/a con la data del decesso',
    ref: 'p. 81',
    check(f, emit) {
      if (f.breve || f.rilevanza !== '1') return;
      const a = f.doc.anagrafica;
      for (const sf of f.subjects) {
        const d = sf.subject.dataDecesso;
        if (sf.subject.role !== 'CONIUGE' || d === null || d >= f.firstDay) continue;
        const base = `Coniuge deceduto il ${formatDate(d)}, prima degli anni richiesti: comunicare esclusivamente la variazione dello stato civile (vedovo/a) con la data di decesso; i redditi del coniuge non vanno indicati`;
        if (a.statoCivile === null) {
          if (f.statoCivileMatricola !== '3') emit(true, `${base}.`, STATO_CIVILE);
        } else if (a.statoCivile !== '3') emit(false, `${base}; lo stato civile indicato è «${STATO_CIVILE_LABELS[a.statoCivile] ?? a.statoCivile}».`, STATO_CIVILE);
        else if (a.statoCivileDecorrenza === null) emit(true, `${base}; indicare la decorrenza.`, DECORRENZA);
        else if (a.statoCivileDecorrenza !== d) {
          emit(false, `${base}; la decorrenza (${formatDate(a.statoCivileDecorrenza)}) è diversa dalla data del decesso.`, DECORRENZA);
        }
      }
    },
  }),
];
