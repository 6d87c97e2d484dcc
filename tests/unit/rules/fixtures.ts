/**
 * Realistic RED2009 declarations for the rule tests: valid codici fiscali and matricole (generated, controcodice
 * computed), a complete titolare-only declaration as the starting point, small fluent edits on top.
 */
import { cfCheckChar } from '#shared/codice-fiscale/codice-fiscale';
import { generateMatricola, parseMatricola, type DecodedMatricola } from '#shared/matricola/codec';
import type { MatricolaFieldKey } from '#shared/campaigns/red2009/stringa-caf-layout';
import { RED2009_CAMPAIGN } from '#shared/campaigns/red2009/campaign';
import {
  emptySubject,
  emptyYear,
  type DocumentLine,
  type ForeignPensionRow,
  type IncomeRow,
  type RedDocument,
  type SubjectDoc,
  type SubjectYearDoc,
} from '#shared/domain/red-document';
import { newDocumentFor } from '#shared/rules/new-document';
import { validate } from '#shared/rules/engine';
import type { RuleContext, ValidationResult } from '#shared/rules/types';
import type { Dichiarazione730 } from '#shared/import730/model';

/** A formally valid codice fiscale from its first 15 characters. */
export const cf = (first15: string): string => first15 + cfCheckChar(first15);

export const CF = {
  /** Rossi Mario, born 01/01/1940 in Roma. */
  titolare: cf('RSSMRA40A01H501'),
  /** Bianchi Anna, born 05/08/1942 in Roma. */
  coniuge: cf('BNCNNA42M45H501'),
  /** Rossi Luca, born 10/03/1995. */
  figlio1: cf('RSSLCU95C10H501'),
  /** Rossi Giulia, born 10/04/2002 (or 1902: "Inverti 1900/2000"). */
  figlio2: cf('RSSGLI02D50H501'),
  /** Rossi Paolo, the heir, born 12/05/1965. */
  erede: cf('RSSPLA65E12H501'),
  /** Another valid CF (e.g. the one on the new tessera sanitaria). */
  altro: cf('RSSMRA40A01F205'),
};

/** A codice fiscale with a wrong check character. */
export const wrongCf = (valid: string): string => valid.slice(0, 15) + (valid.charAt(15) === 'A' ? 'B' : 'A');

export type MatricolaValues = Omit<Record<MatricolaFieldKey, string>, 'controcodice'>;

/** INPS, 2008 only, vedovo, coniuge rilevante, no children, tipo righi 05 (IRPEF rows) for both. */
export const BASE_MATRICOLA: MatricolaValues = {
  codiceFiscale: CF.titolare,
  codiceEmissione: '8',
  anniRichiesti: '1',
  statoCivile: '3',
  rilevanzaConiuge: '1',
  numeroFigli: '0',
  codiceInvarianza: '0',
  tipoRighiDichiarante: '05',
  tipoRighiNucleo: '05',
  flagPensioniEstere: '0',
  flagLavoro2007: '0',
  flagLavoro2008: '0',
};

export function matricola(over: Partial<MatricolaValues> = {}): DecodedMatricola {
  const r = parseMatricola(generateMatricola({ ...BASE_MATRICOLA, ...over }));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.value;
}

const PEOPLE: Record<string, { cf: string; cognome: string; nome: string }> = {
  titolare: { cf: CF.titolare, cognome: 'ROSSI', nome: 'MARIO' },
  coniuge: { cf: CF.coniuge, cognome: 'BIANCHI', nome: 'ANNA' },
  'figlio-1': { cf: CF.figlio1, cognome: 'ROSSI', nome: 'LUCA' },
  'figlio-2': { cf: CF.figlio2, cognome: 'ROSSI', nome: 'GIULIA' },
};

function fillAnagrafica(s: SubjectDoc): void {
  const p = PEOPLE[s.key];
  if (p) {
    if (s.codiceFiscale === '') s.codiceFiscale = p.cf;
    s.cognome = p.cognome;
    s.nome = p.nome;
  } else {
    s.cognome = 'ROSSI';
    s.nome = 'FIGLIO';
  }
  s.indirizzo = 'VIA APPIA NUOVA 112';
  s.comune = 'ROMA';
}

function fillYears(s: SubjectDoc): void {
  for (const y of s.anni) {
    y.modo = 'AUTOCERTIFICATO';
    y.doc = '730';
  }
}

export const doc = (descrizione: string, importo: number): DocumentLine => ({ descrizione, importo });

export const foreign = (stato: string, istituzione: string, tipo: number | null, importi: Record<number, number>): ForeignPensionRow => ({
  stato,
  istituzione,
  tipo,
  importi: Object.entries(importi).map(([anno, importo]) => ({ anno: Number(anno), importo })),
});

/**
 * A declaration under construction. `new Decl()` is complete (Completabile: only the RED-19 note): titolare
 * with anagrafica, 2008 Autocertificato, "Doc." 730, B1 (casa di abitazione) 450 euro.
 */
export class Decl {
  readonly m: DecodedMatricola;
  readonly doc: RedDocument;
  /** The day the rules are run on: during the 2009 campaign, unless a test moves it. */
  today = '2009-06-15';
  /** The 730s held on the desk for the subjects (cross-check IMP-05…08, DIC-09). */
  dati730: Dichiarazione730[] = [];

  constructor(over: Partial<MatricolaValues> = {}) {
    this.m = matricola(over);
    this.doc = newDocumentFor(this.m);
    for (const s of this.doc.soggetti) {
      fillAnagrafica(s);
      fillYears(s);
    }
    const t = this.subject('titolare');
    for (const y of t.anni) y.righi.B1 = { importo: 450, documenti: [] };
  }

  get anni(): readonly number[] {
    return this.m.anni;
  }

  subject(key: string): SubjectDoc {
    const s = this.doc.soggetti.find((x) => x.key === key);
    if (!s) throw new Error(`soggetto ${key} assente`);
    return s;
  }

  year(key: string, anno: number = this.anni[0] ?? 2008): SubjectYearDoc {
    const s = this.subject(key);
    let y = s.anni.find((x) => x.anno === anno);
    if (!y) {
      y = emptyYear(anno);
      s.anni.push(y);
    }
    return y;
  }

  /** Adds a complete coniuge (key 'coniuge') if there is none. */
  withConiuge(): this {
    if (!this.doc.soggetti.some((s) => s.role === 'CONIUGE')) {
      const s = emptySubject('coniuge', 'CONIUGE', this.anni);
      fillAnagrafica(s);
      fillYears(s);
      this.doc.soggetti.splice(1, 0, s);
    }
    return this;
  }

  /**
   * Complete figli 'figlio-1' … 'figlio-n' (the rows proposed from the matricola are kept, the missing ones
   * added) and "numero figli" set to the number of figli rows.
   */
  withFigli(n: number): this {
    for (let i = 1; i <= n; i++) {
      if (this.doc.soggetti.some((x) => x.key === `figlio-${i}`)) continue;
      const s = emptySubject(`figlio-${i}`, 'FIGLIO', this.anni);
      fillAnagrafica(s);
      fillYears(s);
      this.doc.soggetti.push(s);
    }
    this.doc.anagrafica.numeroFigli = this.doc.soggetti.filter((s) => s.role === 'FIGLIO').length;
    return this;
  }

  /** Takes a figlio row away without touching "numero figli" (a stored declaration out of step). */
  dropFiglioRow(key: string): this {
    this.doc.soggetti = this.doc.soggetti.filter((s) => !(s.key === key && s.role === 'FIGLIO'));
    return this;
  }

  /** Sets the mode of every year of a subject (every subject when key is omitted). */
  modo(modo: SubjectYearDoc['modo'], key?: string): this {
    for (const s of this.doc.soggetti) if (key === undefined || s.key === key) for (const y of s.anni) y.modo = modo;
    return this;
  }

  row(key: string, anno: number, rigo: IncomeRow, importo: number, documenti: DocumentLine[] = []): this {
    this.year(key, anno).righi[rigo] = { importo, documenti };
    return this;
  }

  /** Documentato everywhere, each amount > 0 backed by one document of the same amount. */
  documentato(): this {
    for (const s of this.doc.soggetti) {
      for (const y of s.anni) {
        y.modo = 'DOCUMENTATO';
        for (const e of Object.values(y.righi)) if (e && e.importo > 0 && e.documenti.length === 0) e.documenti.push(doc('CUD 2009', e.importo));
      }
    }
    return this;
  }

  /** Zero RED: autocertificato everywhere and every amount 0. */
  zeroRed(): this {
    this.doc.zeroRed = true;
    for (const s of this.doc.soggetti) {
      for (const y of s.anni) {
        y.modo = 'AUTOCERTIFICATO';
        y.righi = {};
      }
    }
    return this;
  }

  foreign(key: string, ...rows: ForeignPensionRow[]): this {
    this.subject(key).pensioniEstere.push(...rows);
    return this;
  }

  with730(...d: Dichiarazione730[]): this {
    this.dati730.push(...d);
    return this;
  }

  on(today: string): this {
    this.today = today;
    return this;
  }

  edit(fn: (d: RedDocument, self: this) => void): this {
    fn(this.doc, this);
    return this;
  }

  ctx(): RuleContext {
    return { doc: this.doc, matricola: this.m, campaign: RED2009_CAMPAIGN, today: this.today, dati730: this.dati730 };
  }

  validate(): ValidationResult {
    return validate(this.ctx());
  }

  codes(): string[] {
    return this.validate().findings.map((f) => f.code);
  }
}
