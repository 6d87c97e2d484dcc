/**
 * "Importazione 730" (pp. 16–26, 83, 85–86): one case for every row of the mapping tables of the 730/2008 and the
 * 730/2009, with the expected RED rows computed by hand from the guide's formulas; the preconditions (IMP-01,
 * IMP-02, IMP-04) and what the import writes (Autocertificato, Documentato, foreign pensions, optional rows).
 */
import { describe, expect, it } from 'vitest';
import { documentLine } from '#shared/domain/red-document';
import { MAPPA_730, type RedTarget } from '#shared/campaigns/red2009/import730';
import { rowsFor } from '#shared/campaigns/red2009/tipo-righi';
import { importa730 } from '#shared/import730/importa';
import { redDa730, totaleEstero, totaliPerRigo } from '#shared/import730/mapping';
import type { Dichiarazione730, Modello730, Riga730 } from '#shared/import730/model';
import { CF, Decl, doc } from '../rules/fixtures';

const T = CF.titolare;
const C = CF.coniuge;

const d730 = (modello: Modello730, righe: Riga730[], over: Partial<Dichiarazione730> = {}): Dichiarazione730 => ({
  modello,
  cfDichiarante: T,
  cfConiuge: null,
  stato: 'TRASM_CGN',
  dataStato: '2009-05-20',
  righe,
  ...over,
});
const P = (rigo: 1 | 2 | 3 | 7, importo: number): Riga730 => ({ record: 'P', cf: T, rigo, importo });
const Cr = (sezione: 'I' | 'II', rigo: string, tipologia: '1' | '2' | '3' | null, importo: number, campoRed: Extract<Riga730, { record: 'C' }>['campoRed'], estero = false): Riga730 => ({
  record: 'C',
  cf: T,
  sezione,
  rigo,
  tipologia,
  col2: null,
  importo,
  campoRed,
  estero,
});
const D = (rigo: Extract<Riga730, { record: 'D' }>['rigo'], codice: number, importo: number, campoRed: Extract<Riga730, { record: 'D' }>['campoRed']): Riga730 => ({ record: 'D', cf: T, rigo, codice, importo, campoRed });

/** RED target → whole euro, from a 730 of the titolare. */
function red(modello: Modello730, righe: Riga730[], coltivatore = false): Record<string, number> {
  const da = redDa730(d730(modello, righe), T, coltivatore);
  const out: Record<string, number> = {};
  for (const [r, v] of totaliPerRigo(da.contributi)) out[r] = v.importo;
  const h = da.contributi.filter((c) => c.target === 'H' || c.target === 'H5');
  for (const c of h) out[c.target] = (out[c.target] ?? 0) + c.importo;
  return out;
}

/** One case per mapping row id (both models); amounts in cents as in the file, expectations in whole euro. */
const CASES: Record<string, { name: string; righe: Riga730[]; coltivatore?: boolean; expect: Partial<Record<RedTarget, number>> }[]> = {
  'AB-B2': [{ name: 'B2 = 1+2+3−7: 120,00 + 300,00 + 850,50 − 600,00 = 670,50 → 671', righe: [P(1, 12000), P(2, 30000), P(3, 85050), P(7, 60000)], expect: { B1: 600, B2: 671 } }],
  'AB-B1': [{ name: 'B1 = rigo 7 (only the main home: B2 = 600 − 600 = 0, not entered)', righe: [P(3, 60000), P(7, 60000)], expect: { B1: 600 } }],
  'AB-B2-CD': [{ name: 'coltivatore diretto: B2 = 1+3−7 = 120,00 + 850,50 − 600,00 = 370,50 → 371', righe: [P(1, 12000), P(2, 30000), P(3, 85050), P(7, 60000)], coltivatore: true, expect: { B1: 600, B2: 371, A3: 300 } }],
  'AB-A3-CD': [{ name: 'coltivatore diretto: A3 = rigo 2 = 455,10 → 456', righe: [P(2, 45510)], coltivatore: true, expect: { A3: 456 } }],
  'C-I-1-IT': [{ name: 'Italian pension (campo RED NR): never in the RED', righe: [Cr('I', 'C1', '1', 1420000, 'NR')], expect: {} }],
  'C-I-1-EST': [{ name: 'foreign pension: H, amount only', righe: [Cr('I', 'C1', '1', 530000, 'H', true)], expect: { H: 5300 } }],
  'C-I-2': [
    { name: 'employee income: A1', righe: [Cr('I', 'C2', '2', 310000, 'A1')], expect: { A1: 3100 } },
    { name: 'co.co.co.: A4', righe: [Cr('I', 'C3', '2', 120050, 'A4')], expect: { A4: 1201 } },
  ],
  'C-I-2-EST': [{ name: 'work abroad: A2 gross of the € 8.000,00 allowance', righe: [Cr('I', 'C2', '2', 950000, 'A2', true)], expect: { A2: 9500 } }],
  'C-I-3': [{ name: 'LSU: taxable part A1, exempt part 3.098,74 → F4 3.099', righe: [Cr('I', 'C4', '3', 200000, 'A1'), Cr('I', 'C4', '3', 309874, 'F4')], expect: { A1: 2000, F4: 3099 } }],
  'C-II': [
    { name: 'other assimilated income: A1', righe: [Cr('II', 'C6', null, 80000, 'A1')], expect: { A1: 800 } },
    { name: 'annuity for consideration F1, from the spouse F2, not for consideration F3', righe: [Cr('II', 'C6', null, 100000, 'F1'), Cr('II', 'C7', null, 120000, 'F2'), Cr('II', 'C8', null, 30000, 'F3')], expect: { F1: 1000, F2: 1200, F3: 300 } },
  ],
  'D-D1': [{ name: 'D1 any code: F3', righe: [D('D1', 4, 50000, 'F3')], expect: { F3: 500 } }],
  'D-D2': [{ name: 'D2 any code: F3', righe: [D('D2', 7, 25000, 'F3')], expect: { F3: 250 } }],
  'D-D3': [{ name: 'D3 codes 1–3: A3', righe: [D('D3', 1, 100000, 'A3'), D('D3', 3, 20000, 'A3')], expect: { A3: 1200 } }],
  'D-D4': [{ name: 'D4 codes 1–6: F3', righe: [D('D4', 3, 40000, 'F3'), D('D4', 6, 1, 'F3')], expect: { F3: 401 } }],
  'D-D4-7': [
    { name: 'D4 code 7 = 9.000,00: F4 7.500, A3 1.500', righe: [D('D4', 7, 900000, 'A3')], expect: { F4: 7500, A3: 1500 } },
    { name: 'D4 code 7 = 5.000,00 (below the allowance): all in F4', righe: [D('D4', 7, 500000, 'A3')], expect: { F4: 5000 } },
  ],
  'D-D5': [{ name: 'D5 codes 1, 2 and 3: A3', righe: [D('D5', 1, 30000, 'A3'), D('D5', 2, 90000, 'A3'), D('D5', 3, 10000, 'A3')], expect: { A3: 1300 } }],
  'D-D6': [{ name: 'D6 codes 1–10: F3', righe: [D('D6', 1, 10000, 'F3'), D('D6', 10, 70000, 'F3')], expect: { F3: 800 } }],
  'D-D7': [{ name: 'D7 codes 2–8: F3', righe: [D('D7', 2, 30000, 'F3'), D('D7', 8, 5000, 'F3')], expect: { F3: 350 } }],
  'D-D7-1': [
    { name: 'D7 code 1, arrears of work: E1', righe: [D('D7', 1, 80000, 'E1')], expect: { E1: 800 } },
    { name: 'D7 code 1, arrears of a foreign pension: H5', righe: [D('D7', 1, 80000, 'H5')], expect: { H5: 800 } },
  ],
};

describe('mapping tables of pp. 16–26: one case for every row, 730/2008 and 730/2009', () => {
  for (const modello of ['730/2008', '730/2009'] as const) {
    it(`${modello}: every row of the table has its case, each row cites its pages`, () => {
      for (const row of MAPPA_730[modello]) {
        expect(CASES[row.id], `case for ${row.id}`).toBeDefined();
        expect(row.pagine).toBe(modello === '730/2008' ? 'pp. 16–20' : 'pp. 21–26');
      }
    });
    for (const [id, cases] of Object.entries(CASES)) {
      for (const c of cases) {
        it(`${modello} ${id}: ${c.name}`, () => {
          expect(red(modello, c.righe, c.coltivatore ?? false)).toEqual(c.expect);
          // The line's campo RED is one the guide foresees: no warning.
          expect(redDa730(d730(modello, c.righe), T, c.coltivatore ?? false).avvisi).toEqual([]);
        });
      }
    }
  }

  it('730/2009 only: D4 code 8 ("Redditi da Capitale non tassati") goes to F3 (pp. 21–26)', () => {
    expect(MAPPA_730['730/2009'].find((r) => r.id === 'D-D4')?.codici).toEqual([1, 2, 3, 4, 5, 6, 8]);
    expect(MAPPA_730['730/2008'].find((r) => r.id === 'D-D4')?.codici).toEqual([1, 2, 3, 4, 5, 6]);
    expect(red('730/2009', [D('D4', 8, 12345, 'F3')])).toEqual({ F3: 124 });
  });

  it('a campo RED the guide does not foresee is imported as indicated, with a warning (p. 85)', () => {
    const da = redDa730(d730('730/2009', [D('D5', 2, 90000, 'F3')]), T, false);
    expect(totaliPerRigo(da.contributi).get('F3')?.importo).toBe(900);
    expect(da.avvisi).toEqual(['quadro D rigo D5 cod. 2: campo RED «F3» non previsto dalla guida (righi previsti: A3, pp. 21–26); importato come indicato nel 730.']);
  });

  it('a negative B2 (row 3 negative) is entered as zero, with a warning', () => {
    const da = redDa730(d730('730/2009', [P(3, -20000), P(7, 10000)]), T, false);
    expect(totaliPerRigo(da.contributi).get('B2')).toBeUndefined();
    expect(da.avvisi[0]).toContain('negativo (-300,00 €), indicato zero');
  });

  it('an empty campo RED is reported, not imported (p. 86); lines of the other spouse are not this subject\'s', () => {
    const righe: Riga730[] = [Cr('I', 'C2', '2', 310000, null), { ...Cr('I', 'C1', '2', 100000, 'A1'), cf: C }];
    const da = redDa730(d730('730/2009', righe, { cfConiuge: C }), T, false);
    expect(da.senzaCampoRed).toEqual(['quadro C sez. I rigo C2 cod. 2 (3.100,00 €)']);
    expect(da.contributi).toEqual([]);
    expect(totaleEstero(redDa730(d730('730/2009', [Cr('I', 'C1', '1', 530000, 'H', true)]), T, false).contributi)).toBe(5300);
  });
});

// ----- the import into the document ---------------------------------------------------------------------

const EXAMPLE: Riga730[] = [P(1, 12000), P(3, 85050), P(7, 60000), Cr('I', 'C1', '1', 1420000, 'NR'), Cr('I', 'C2', '2', 310000, 'A1'), D('D5', 2, 90000, 'A3')];
const ALL_ROWS = rowsFor('01');

describe('Importazione 730 for one subject and year', () => {
  it('Autocertificato: the rows take the 730 amounts (example of 730-file.md: B1 600, B2 371, A1 3.100, A3 900); the Italian pension is reported as not imported', () => {
    const d = new Decl();
    const r = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2009', EXAMPLE)], rows: ALL_ROWS });
    if (!r.ok) throw new Error(r.message);
    const righi = r.doc.soggetti[0]?.anni[0]?.righi;
    // B2 = 120,00 + 850,50 − 600,00 = 370,50 → 371
    expect(righi).toEqual({ B1: { importo: 600, documenti: [] }, B2: { importo: 371, documenti: [] }, A1: { importo: 3100, documenti: [] }, A3: { importo: 900, documenti: [] } });
    expect(r.report.importati.map((i) => `${i.rigo} ${i.importo}`)).toEqual(['B1 600', 'B2 371', 'A1 3100', 'A3 900']);
    expect(r.report.nonImportati).toEqual([{ origine: 'quadro C sez. I rigo C1 cod. 1 (14.200,00 €)', motivo: 'campo RED «NR»: reddito da non indicare mai nel RED (pensione italiana, pp. 16, 21)' }]);
    // The input document is untouched.
    expect(d.subject('titolare').anni[0]?.righi).toEqual({ B1: { importo: 450, documenti: [] } });
  });

  it('Documentato: each amount is a line of the "Elenco dei redditi dichiarati e documenti esibiti" with a standard description; the import is integrale (a row it writes loses its earlier lines); importing again changes nothing', () => {
    const d = new Decl().documentato();
    d.row('titolare', 2008, 'A1', 200, [doc('Busta paga dicembre', 200)]);
    const run = (docIn: typeof d.doc) => {
      const r = importa730({ doc: docIn, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2009', EXAMPLE)], rows: ALL_ROWS });
      if (!r.ok) throw new Error(r.message);
      return r.doc;
    };
    const once = run(d.doc);
    const righi = once.soggetti[0]?.anni[0]?.righi;
    expect(righi?.B1).toEqual({ importo: 600, documenti: [documentLine('Importazione 730/2009: prospetto 730/3 rigo 7', 600 * 100)] });
    // The line keeps its 370,50; the row is its total rounded up once (p. 93): 371.
    expect(righi?.B2).toEqual({ importo: 371, documenti: [documentLine('Importazione 730/2009: prospetto 730/3 righi 1+2+3−7', 37_050)] });
    expect(righi?.A1).toEqual({ importo: 3100, documenti: [documentLine('Importazione 730/2009: quadro C sez. I rigo C2 cod. 2', 3100 * 100)] });
    d.row('titolare', 2008, 'C1', 80, [doc('Estratto conto', 80)]);
    expect(run(d.doc).soggetti[0]?.anni[0]?.righi.C1).toEqual({ importo: 80, documenti: [doc('Estratto conto', 80)] });
    expect(righi?.A3).toEqual({ importo: 900, documenti: [documentLine('Importazione 730/2009: quadro D rigo D5 cod. 2', 900 * 100)] });
    expect(run(once)).toEqual(once);
  });

  it('D4 code 7 split in a Documentato RED: two lines, F4 7.500 and A3 the rest', () => {
    const d = new Decl().documentato();
    const r = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2009', [D('D4', 7, 1000000, 'A3')])], rows: ALL_ROWS });
    if (!r.ok) throw new Error(r.message);
    const righi = r.doc.soggetti[0]?.anni[0]?.righi;
    expect(righi?.F4?.importo).toBe(7500);
    expect(righi?.A3?.importo).toBe(2500);
    expect(righi?.F4?.documenti[0]?.descrizione).toBe('Importazione 730/2009: quadro D rigo D4 cod. 7: franchigia di € 7.500,00');
  });

  it('foreign pension: a grid row with the amount only (Stato, Istituzione, Tipo by hand, p. 86); H5 with Tipo 5', () => {
    const d = new Decl();
    const r = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2009', [Cr('I', 'C1', '1', 530000, 'H', true), D('D7', 1, 40000, 'H5')])], rows: ALL_ROWS });
    if (!r.ok) throw new Error(r.message);
    expect(r.doc.soggetti[0]?.pensioniEstere).toEqual([
      { stato: '', istituzione: '', tipo: null, importi: [{ anno: 2008, importo: 5300 }] },
      { stato: '', istituzione: '', tipo: 5, importi: [{ anno: 2008, importo: 400 }] },
    ]);
    expect(r.report.importati[0]?.origine).toContain('solo l\'importo, indicare Stato, Istituzione e Tipo (p. 86)');
  });

  it('congiunto: the coniuge gets the lines with its own codice fiscale', () => {
    const d = new Decl({ statoCivile: '2' }).withConiuge();
    const dich = d730('730/2009', [Cr('I', 'C2', '2', 310000, 'A1'), { ...Cr('I', 'C2', '2', 150000, 'A1'), cf: C }], { cfConiuge: C });
    const r = importa730({ doc: d.doc, subjectKey: 'coniuge', anno: 2008, dich: [dich], rows: ALL_ROWS });
    if (!r.ok) throw new Error(r.message);
    expect(r.doc.soggetti.find((s) => s.key === 'coniuge')?.anni[0]?.righi.A1?.importo).toBe(1500);
    expect(r.doc.soggetti.find((s) => s.key === 'titolare')?.anni[0]?.righi.A1).toBeUndefined();
  });

  it('an optional row without "Facoltativi", or a row not asked, is not imported and the report says why', () => {
    const d = new Decl();
    const rows = { ...ALL_ROWS, A3: 'F' as const, B1: null };
    const r = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2009', EXAMPLE)], rows });
    if (!r.ok) throw new Error(r.message);
    expect(r.report.importati.map((i) => i.rigo)).toEqual(['B2', 'A1']);
    expect(r.report.nonImportati.map((n) => n.motivo)).toEqual([
      'campo RED «NR»: reddito da non indicare mai nel RED (pensione italiana, pp. 16, 21)',
      'rigo B1 non richiesto dalla matricola per questo soggetto',
      "rigo A3 facoltativo: spuntare «Facoltativi» e ripetere l'importazione",
    ]);
  });
});

describe('Importazione 730: preconditions of pp. 85–86', () => {
  it('IMP-01: no 730 in "Trasm.CGN" with the subject\'s codice fiscale for the year', () => {
    const d = new Decl();
    const r1 = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [], rows: ALL_ROWS });
    expect(r1).toEqual({ ok: false, code: 'IMP-01', message: `Importazione 730 non possibile: non esiste un 730/2009 in stato «Trasm.CGN» con il codice fiscale ${T} (p. 85).` });
    const r2 = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2009', EXAMPLE, { stato: 'IN_LAVORAZIONE' })], rows: ALL_ROWS });
    expect(r2.ok === false && r2.message).toContain('(il 730/2009 presente è in lavorazione)');
    // A 730/2008 covers the incomes 2007, not 2008.
    expect(importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2008', EXAMPLE)], rows: ALL_ROWS }).ok).toBe(false);
    // The nearest non-case: the 730/2009 in Trasm.CGN.
    expect(importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2009', EXAMPLE)], rows: ALL_ROWS }).ok).toBe(true);
  });

  it('IMP-02: the mode (Documentato / Autocertificato) not chosen', () => {
    const d = new Decl().modo(null);
    const r = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2009', EXAMPLE)], rows: ALL_ROWS });
    expect(r).toEqual({ ok: false, code: 'IMP-02', message: 'Importazione 730 non possibile: scegliere prima la modalità di compilazione «Documentato» o «Autocertificato» per i redditi 2008 (p. 85).' });
  });

  it('IMP-04: one C/D income without campo RED → nothing at all is imported, and why', () => {
    const d = new Decl();
    const r = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: [d730('730/2009', [...EXAMPLE, D('D6', 3, 5000, null)])], rows: ALL_ROWS });
    expect(r).toEqual({
      ok: false,
      code: 'IMP-04',
      message: "Nessun reddito importato: nel 730/2009 non è compilato il campo RED nel dettaglio dei quadri C e D per: quadro D rigo D6 cod. 3 (50,00 €). Far compilare il campo RED nel 730, poi ripetere l'importazione (p. 86).",
    });
  });
});

describe('a RED row from several 730 lines (p. 93, issue 11 point 11)', () => {
  it('the cents of the lines are summed and the row rounded up once: 10,20 + 10,20 → 21', () => {
    const c = (centesimi: number) => ({ target: 'A1' as const, importo: Math.ceil(centesimi / 100), centesimi, origine: 'quadro C', quadro: 'CD' as const });
    expect(totaliPerRigo([c(1_020), c(1_020)]).get('A1')).toEqual({ importo: 21, quadro: 'CD' });
    const h = (centesimi: number) => ({ target: 'H' as const, importo: Math.ceil(centesimi / 100), centesimi, origine: 'quadro C estero', quadro: 'CD' as const });
    expect(totaleEstero([h(50), h(50), h(50)])).toBe(2);
  });
});
