/**
 * Income rows, compilation mode, "Doc." (guide pp. 4–15, 43, 84–93; red-domain.md §5.4–5.5, §6.7 RED-xx).
 * Only rows that count are checked (obligatory, optional with "Facoltativi" ticked, G1/G2 when asked: facts.ts);
 * nothing is asked in a RED breve. RED-04, RED-06, RED-07, RED-08 are editor behaviours (`BEHAVIOURS`).
 * RED-20 is a project addition: in a Documentato RED the amount of a row is the total of its documents
 * ("Ok Aggiorna", p. 93), so a difference means the list and the amount disagree.
 */
import { documentsTotal, lineCents, type IncomeRow } from '../domain/red-document';
import {
  defineRule,
  foreignAmountField,
  formatEuro,
  rigoField,
  where,
  yearField,
  yearOf,
  type Facts,
  personOf,
} from './facts';
import type { Rule } from './types';

const WORK_ROWS: ReadonlySet<IncomeRow> = new Set<IncomeRow>(['A1', 'A2', 'A3', 'A4']);

/** Field of the titolare's mode for a year (or the first requested year). */
function titolareModo(f: Facts, anno?: number) {
  const key = f.titolare?.subject.key ?? 'titolare';
  return yearField(key, anno ?? f.anni[0] ?? f.data.campaignYear - 1, 'modo');
}

/**
 * p. 43 judges the Documentato obligation per subject and year (issue 11): the flags of the matricola describe its
 * holder, the titolare, so what counts is the titolare's mode in each year asked. A mixed RED (titolare Documentato,
 * coniuge Autocertificato) is checked on the titolare's Documentato years; before, only a RED Documentato
 * throughout was.
 */
function titolareYears(f: Facts, modo: 'DOCUMENTATO' | 'AUTOCERTIFICATO'): number[] {
  const t = f.titolare;
  if (!t) return [];
  return t.neededYears.filter((anno) => yearOf(t.subject, anno)?.modo === modo);
}

/** Flag pensioni estere = 1 and the titolare declares no foreign pension amount for `anno` (p. 43). */
function pensioneEsteraNonDichiarata(f: Facts, anno: number): boolean {
  if (f.matricola.values.flagPensioniEstere !== '1' || !f.titolare) return false;
  return !f.titolare.subject.pensioniEstere.some((p) => p.importi.some((i) => i.anno === anno && i.importo > 0));
}

/** Flag lavoro of a year ≠ 0, the year is requested, and the titolare declares no work income (A1–A4) for it. */
function lavoroNonDichiarato(f: Facts, anno: number, flag: string): boolean {
  if (flag === '0' || !f.anni.includes(anno) || !f.titolare) return false;
  const t = f.titolare;
  return !f.counted.some((c) => c.sf === t && c.year.anno === anno && WORK_ROWS.has(c.rigo) && c.entry.importo > 0);
}

/** The flag lavoro of the matricola for a year of the campaign (2007 / 2008), or '0' for another year. */
function flagLavoro(f: Facts, anno: number): string {
  const v = f.matricola.values;
  return anno === 2007 ? v.flagLavoro2007 : anno === 2008 ? v.flagLavoro2008 : '0';
}

function lavoroText(anno: number): string {
  return `il flag lavoro anno ${anno} della matricola indica redditi di lavoro ma non sono stati dichiarati redditi di lavoro (righi A1–A4) per il ${anno}`;
}

const AUTOCERT =
  'la dichiarazione RED può essere elaborata a patto che questa venga trasmessa come autocertificata';

/** RED-11 / RED-12 (p. 43): flag lavoro ≠ 0 for the year, no work income declared, and the titolare's year Documentato. */
function lavoroRule(code: 'RED-11' | 'RED-12', anno: number): Rule {
  return defineRule({
    code,
    severity: 'BLOCCANTE',
    title: `Flag lavoro anno ${anno} ≠ 0, nessun reddito di lavoro ${anno} dichiarato dal titolare e anno Documentato`,
    ref: 'p. 43',
    check(f, emit) {
      if (f.breve || !f.titolare || !titolareYears(f, 'DOCUMENTATO').includes(anno)) return;
      if (!lavoroNonDichiarato(f, anno, flagLavoro(f, anno))) return;
      emit(false, `${where(f, f.titolare, anno)}: ${lavoroText(anno)}: ${AUTOCERT}.`, titolareModo(f, anno));
    },
  });
}

export const REDDITI_RULES: readonly Rule[] = [
  defineRule({
    code: 'RED-01',
    severity: 'BLOCCANTE',
    title: 'Tipologia di compilazione (Documentato/Autocertificato) non selezionata',
    ref: 'p. 84, 89',
    check(f, emit) {
      for (const sf of f.subjects) {
        for (const anno of sf.neededYears) {
          const y = yearOf(sf.subject, anno);
          if (y && y.modo !== null) continue;
          emit(
            true,
            `${where(f, sf, anno)}: l'Incaricato del CAF ha l'obbligo di selezionare la tipologia di compilazione (Documentato o Autocertificato).`,
            yearField(sf.subject.key, anno, 'modo'),
          );
        }
      }
    },
  }),
  defineRule({
    code: 'RED-02',
    severity: 'BLOCCANTE',
    title: 'Dichiarazione dei redditi presentata ("Doc.") non indicata',
    ref: 'p. 84, 92',
    check(f, emit) {
      for (const sf of f.subjects) {
        for (const anno of sf.neededYears) {
          const y = yearOf(sf.subject, anno);
          if (y && y.doc !== null) continue;
          emit(
            true,
            `${where(f, sf, anno)}: indicare se ${personOf(sf)} ha presentato o meno la dichiarazione dei redditi ("Doc.": 730, Unico o Nessuna).`,
            yearField(sf.subject.key, anno, 'doc'),
          );
        }
      }
    },
  }),
  defineRule({
    code: 'RED-03',
    severity: 'AVVERTIMENTO',
    title: 'Importo superiore a 40.000 euro',
    ref: 'p. 87',
    check(f, emit) {
      const max = f.data.warningAmount;
      for (const c of f.counted) {
        if (c.entry.importo <= max) continue;
        emit(
          false,
          `${where(f, c.sf, c.year.anno)}, rigo ${c.rigo}: un importo superiore a ${formatEuro(max)} euro (${formatEuro(c.entry.importo)}); verificare il dato.`,
          rigoField(c.sf.subject.key, c.year.anno, c.rigo),
        );
      }
      for (const p of f.foreignAmounts) {
        if (p.importo <= max) continue;
        emit(
          false,
          `${where(f, p.sf, p.anno)}, pensione estera n. ${p.index + 1}: un importo superiore a ${formatEuro(max)} euro (${formatEuro(p.importo)}); verificare il dato.`,
          foreignAmountField(p.sf.subject.key, p.index, p.anno),
        );
      }
    },
  }),
  defineRule({
    code: 'RED-05',
    severity: 'BLOCCANTE',
    title: 'Importo negativo',
    ref: 'p. 5',
    check(f, emit) {
      const text = 'importo negativo non ammesso; nel caso di redditi negativi (perdite) deve essere imputato «zero».';
      for (const c of f.counted) {
        const neg = c.entry.importo < 0 || (c.year.modo === 'DOCUMENTATO' && c.entry.documenti.some((d) => lineCents(d) < 0));
        if (neg) emit(false, `${where(f, c.sf, c.year.anno)}, rigo ${c.rigo}: ${text}`, rigoField(c.sf.subject.key, c.year.anno, c.rigo));
      }
      for (const p of f.foreignAmounts) {
        if (p.importo >= 0) continue;
        emit(false, `${where(f, p.sf, p.anno)}, pensione estera n. ${p.index + 1}: ${text}`, foreignAmountField(p.sf.subject.key, p.index, p.anno));
      }
    },
  }),
  defineRule({
    code: 'RED-09',
    severity: 'BLOCCANTE',
    title: 'RED Documentato: importo senza documenti esibiti',
    ref: 'p. 84, 89, 93',
    check(f, emit) {
      for (const c of f.counted) {
        if (c.year.modo !== 'DOCUMENTATO' || c.rigo === 'C1' || c.entry.importo <= 0 || c.entry.documenti.length > 0) continue;
        emit(
          true,
          `${where(f, c.sf, c.year.anno)}, rigo ${c.rigo}: RED Documentato, è obbligatoria la compilazione analitica dei documenti visionati ("Elenco dei redditi dichiarati e documenti esibiti").`,
          rigoField(c.sf.subject.key, c.year.anno, c.rigo),
        );
      }
    },
  }),
  defineRule({
    code: 'RED-10',
    severity: 'BLOCCANTE',
    title: 'Flag pensioni estere = 1, nessuna pensione estera dichiarata dal titolare e anno Documentato',
    ref: 'p. 43',
    check(f, emit) {
      if (f.breve || !f.titolare) return;
      for (const anno of titolareYears(f, 'DOCUMENTATO')) {
        if (!pensioneEsteraNonDichiarata(f, anno)) continue;
        emit(
          false,
          `${where(f, f.titolare, anno)}: la matricola indica una pensione estera nota all'Ente ma non è stata dichiarata alcuna pensione estera: ${AUTOCERT}.`,
          titolareModo(f, anno),
        );
      }
    },
  }),
  lavoroRule('RED-11', 2007),
  lavoroRule('RED-12', 2008),
  defineRule({
    code: 'RED-13',
    severity: 'NOTA',
    title: 'Anni del titolare da mantenere Autocertificati (flag pensioni estere o lavoro della matricola)',
    ref: 'p. 43',
    check(f, emit) {
      if (f.breve || !f.titolare) return;
      for (const anno of titolareYears(f, 'AUTOCERTIFICATO')) {
        const reasons: string[] = [];
        if (pensioneEsteraNonDichiarata(f, anno)) reasons.push("la matricola indica una pensione estera nota all'Ente non dichiarata");
        if (lavoroNonDichiarato(f, anno, flagLavoro(f, anno))) reasons.push(lavoroText(anno));
        if (reasons.length === 0) continue;
        emit(false, `${where(f, f.titolare, anno)}: il RED deve restare Autocertificato: ${reasons.join('; ')}; ${AUTOCERT}.`, titolareModo(f, anno));
      }
    },
  }),
  defineRule({
    code: 'RED-14',
    severity: 'BLOCCANTE',
    title: 'Zero RED compilato come Documentato',
    ref: 'p. 89',
    check(f, emit) {
      // A Zero RED is a RED breve (no year is "needed"): every requested year of every subject is looked at.
      if (!f.doc.zeroRed) return;
      for (const sf of f.subjects) {
        for (const anno of f.anni) {
          if (yearOf(sf.subject, anno)?.modo !== 'DOCUMENTATO') continue;
          emit(
            false,
            `${where(f, sf, anno)}: il RED a redditi "ZERO" non può essere mai considerato documentato; selezionare "Autocertificato".`,
            yearField(sf.subject.key, anno, 'modo'),
          );
        }
      }
    },
  }),
  defineRule({
    // p. 36 (rigo E3): "in caso di fondo previdenziale liquidato a nome del coniuge questo va indicato solo nel caso in
    // cui vengano richiesti anche i redditi del coniuge". So the note is for an E3 of the coniuge in a year whose
    // incomes are NOT asked (rilevanza 0/2, nucleus code 00, not coniugato, RED breve): it is not considered and must
    // not be there. Before issue 11 the note fired on the opposite case, an E3 that the guide asks for.
    code: 'RED-15',
    severity: 'NOTA',
    title: 'Fondo previdenziale del coniuge (rigo E3) indicato senza che siano richiesti i redditi del coniuge',
    ref: 'p. 36',
    check(f, emit) {
      for (const sf of f.subjects) {
        if (sf.subject.role !== 'CONIUGE') continue;
        for (const y of sf.subject.anni) {
          const e3 = y.righi.E3;
          if (!e3 || e3.importo <= 0 || sf.neededYears.includes(y.anno) || !f.anni.includes(y.anno)) continue;
          emit(
            false,
            `${where(f, sf, y.anno)}, rigo E3: il fondo previdenziale liquidato al coniuge va indicato solo se sono richiesti anche i redditi del coniuge; per questo anno non sono richiesti e l'importo di ${formatEuro(e3.importo)} non è considerato.`,
            rigoField(sf.subject.key, y.anno, 'E3'),
          );
        }
      }
    },
  }),
  defineRule({
    code: 'RED-16',
    severity: 'NOTA',
    title: 'Rigo G2 richiesto: quote di pensione trattenute',
    ref: 'p. 12',
    check(f, emit) {
      for (const sf of f.subjects) {
        const anno = sf.neededYears[0];
        if (anno === undefined || sf.rows?.G2 !== 'O') continue;
        emit(
          false,
          `${sf.label}, rigo G2 (quote di pensione trattenute): se l'importo della pensione è inferiore al trattamento minimo non viene operata alcuna trattenuta e andrà quindi indicato "zero" nel rigo G2.`,
          rigoField(sf.subject.key, anno, 'G2'),
        );
      }
    },
  }),
  defineRule({
    code: 'RED-17',
    severity: 'NOTA',
    title: 'Rigo A2: lavoro dipendente prestato all\'estero (frontalieri)',
    ref: 'p. 4',
    check(f, emit) {
      for (const c of f.counted) {
        if (c.rigo !== 'A2' || c.entry.importo <= 0) continue;
        emit(
          false,
          `${where(f, c.sf, c.year.anno)}, rigo A2: per i lavoratori frontalieri il reddito va indicato al lordo della franchigia di € ${formatEuro(f.data.franchigiaFrontalieri)},00.`,
          rigoField(c.sf.subject.key, c.year.anno, 'A2'),
        );
      }
    },
  }),
  defineRule({
    code: 'RED-18',
    severity: 'NOTA',
    title: 'Rigo C1 autocertificato in un RED Documentato',
    ref: 'p. 89',
    check(f, emit) {
      for (const c of f.counted) {
        if (c.rigo !== 'C1' || c.year.modo !== 'DOCUMENTATO' || c.entry.importo <= 0 || c.entry.documenti.length > 0) continue;
        emit(
          false,
          `${where(f, c.sf, c.year.anno)}, rigo C1 autocertificato: il pensionato deve compilare e sottoscrivere il modulo "AUTOCERTIFICAZIONE (DPR 445/2000)".`,
          rigoField(c.sf.subject.key, c.year.anno, 'C1'),
        );
      }
    },
  }),
  defineRule({
    code: 'RED-19',
    severity: 'NOTA',
    title: 'RED Autocertificato: firma e documento d\'identità',
    ref: 'p. 89',
    check(f, emit) {
      for (const sf of f.subjects) {
        for (const anno of sf.neededYears) {
          if (yearOf(sf.subject, anno)?.modo !== 'AUTOCERTIFICATO') continue;
          emit(
            false,
            "RED Autocertificato: l'autocertificazione ai sensi della L. 445/2000 deve essere firmata e accompagnata dalla copia di un documento d'identità in corso di validità.",
            yearField(sf.subject.key, anno, 'modo'),
          );
          return;
        }
      }
    },
  }),
  defineRule({
    code: 'RED-20',
    severity: 'BLOCCANTE',
    title: 'RED Documentato: importo diverso dalla somma dei documenti esibiti',
    ref: 'p. 93',
    check(f, emit) {
      for (const c of f.counted) {
        const docs = c.entry.documenti;
        if (c.year.modo !== 'DOCUMENTATO' || docs.length === 0) continue;
        // p. 93: the row is the total of its documents rounded up once (issue 11), not the sum of rounded lines.
        const sum = documentsTotal(docs);
        if (sum === c.entry.importo) continue;
        emit(
          false,
          `${where(f, c.sf, c.year.anno)}, rigo ${c.rigo}: l'importo (${formatEuro(c.entry.importo)}) è diverso dal totale dei documenti esibiti (${formatEuro(sum)}); aggiornare l'elenco e confermare con "Ok Aggiorna".`,
          rigoField(c.sf.subject.key, c.year.anno, c.rigo),
        );
      }
    },
  }),
];
