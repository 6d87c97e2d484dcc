/**
 * The RED ↔ 730 cross-check beyond the one-case-per-rule table (rules.test.ts): what it compares and what it
 * leaves alone (pp. 80, 86, 96–98), and that an import passes its own check.
 */
import { describe, expect, it } from 'vitest';
import { rowsFor } from '#shared/campaigns/red2009/tipo-righi';
import { importa730 } from '#shared/import730/importa';
import { validate } from '#shared/rules/engine';
import type { Dichiarazione730, Riga730 } from '#shared/import730/model';
import { CF, Decl, foreign } from '../rules/fixtures';

const T = CF.titolare;
const d730 = (righe: Riga730[], over: Partial<Dichiarazione730> = {}): Dichiarazione730 => ({
  modello: '730/2009',
  cfDichiarante: T,
  cfConiuge: null,
  stato: 'TRASM_CGN',
  dataStato: '2009-05-20',
  righe,
  ...over,
});
const P = (rigo: 1 | 2 | 3 | 7, importo: number, cf = T): Riga730 => ({ record: 'P', cf, rigo, importo });
const C2 = (importo: number, campoRed: 'A1' | 'A4' | null, cf = T): Riga730 => ({ record: 'C', cf, sezione: 'I', rigo: 'C2', tipologia: '2', col2: null, importo, campoRed, estero: false });
const D47 = (importo: number): Riga730 => ({ record: 'D', cf: T, rigo: 'D4', codice: 7, importo, campoRed: 'A3' });
const imp = (d: Decl) => d.validate().findings.filter((f) => f.code.startsWith('IMP-') || f.code === 'DIC-09');
const HOME = [P(3, 45000), P(7, 45000)];

describe('cross-check RED ↔ 730', () => {
  it('the message is the guide\'s, with the row and both amounts; blocking and wrong data (Errata)', () => {
    const r = new Decl().with730(d730([P(3, 60000), P(7, 60000)])).validate();
    const f = r.findings.find((x) => x.code === 'IMP-07');
    expect(f?.message).toBe('Anagrafica e redditi: Valore diverso da reddito 730 – Titolare – redditi 2008, rigo B1 (Casa di abitazione): nel RED 450 €, nel 730/2009 600 €.');
    expect(f?.severity).toBe('BLOCCANTE');
    expect(r.outcome).toBe('ERRATA');
  });

  it('an income transcribed in another row: omitted where the 730 puts it (IMP-06); the other row is not refused', () => {
    const codes = imp(new Decl().row('titolare', 2008, 'A4', 3100).with730(d730([...HOME, C2(310000, 'A1')]))).map((f) => [f.code, f.field.rigo]);
    expect(codes).toEqual([['IMP-06', 'A1']]);
  });

  it('D4 code 7: the RED must show F4 7.500 and A3 the rest', () => {
    const d = new Decl().edit((_, x) => (x.year('titolare').facoltativi = true)).with730(d730([...HOME, D47(1000000)]));
    expect(imp(d).map((f) => f.field.rigo).sort()).toEqual(['A3', 'F4']);
    d.row('titolare', 2008, 'A3', 2500).row('titolare', 2008, 'F4', 7500);
    expect(imp(d)).toEqual([]);
  });

  it('not compared: an optional row without "Facoltativi" (F4 in code 05), a 730 not in Trasm.CGN, a C/D line without campo RED, a 730/2008 for 2008', () => {
    expect(imp(new Decl().with730(d730([...HOME, D47(500000)])))).toEqual([]);
    expect(imp(new Decl().with730(d730([P(3, 60000), P(7, 60000)], { stato: 'IN_LAVORAZIONE' })))).toEqual([]);
    expect(imp(new Decl().with730(d730([...HOME, C2(310000, null)])))).toEqual([]);
    expect(imp(new Decl().with730(d730([P(3, 60000), P(7, 60000)], { modello: '730/2008' })))).toEqual([]);
  });

  it('an amount the 730 does not feed (F3 from capital income taxed at source) is not refused', () => {
    expect(imp(new Decl().row('titolare', 2008, 'F3', 120).with730(d730(HOME)))).toEqual([]);
  });

  it('foreign pensions: fewer in the RED than in the 730 is IMP-06, more is IMP-08 (AVS), equal passes', () => {
    const h = (importo: number): Riga730 => ({ record: 'C', cf: T, sezione: 'I', rigo: 'C1', tipologia: '1', col2: null, importo, campoRed: 'H', estero: true });
    expect(imp(new Decl().with730(d730([...HOME, h(530000)]))).map((f) => f.code)).toEqual(['IMP-06']);
    expect(imp(new Decl().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 5300 })).with730(d730([...HOME, h(530000)])))).toEqual([]);
    expect(imp(new Decl().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 6000 })).with730(d730([...HOME, h(530000)]))).map((f) => f.code)).toEqual(['IMP-08']);
  });

  it('an error unlocked by the CAF (Sblocca dichiarazione errata) stays as a note and no longer blocks; other codes still do', () => {
    const h = (importo: number): Riga730 => ({ record: 'C', cf: T, sezione: 'I', rigo: 'C1', tipologia: '1', col2: null, importo, campoRed: 'H', estero: true });
    const d = new Decl().foreign('titolare', foreign('756', 'AVS', 1, { 2008: 6000 })).with730(d730([...HOME, h(530000)]));
    expect(d.validate().outcome).toBe('ERRATA');
    const r = validate({ ...d.ctx(), sbloccati: ['IMP-08'] });
    const f = r.findings.find((x) => x.code === 'IMP-08');
    expect(f?.severity).toBe('NOTA');
    expect(f?.message).toMatch(/ – Sbloccato dal CAF \(«Sblocca dichiarazione errata»\)\.$/);
    expect(r.blocking).toBe(0);
    expect(r.outcome).toBe('COMPLETABILE');
    // Only IMP-05…08 can be lifted: another code in the list changes nothing; another IMP code still blocks.
    expect(validate({ ...d.ctx(), sbloccati: ['IMP-07', 'EST-01'] }).outcome).toBe('ERRATA');
  });

  it('the coniuge of a 730 congiunto is checked on its own lines', () => {
    const d = new Decl({ statoCivile: '2' }).withConiuge().with730(d730([...HOME, C2(150000, 'A1', CF.coniuge)], { cfConiuge: CF.coniuge }));
    expect(imp(d).map((f) => [f.code, f.field.subjectKey, f.field.rigo])).toEqual([['IMP-06', 'coniuge', 'A1']]);
  });

  it('after "Importazione 730" the declaration passes the cross-check (Autocertificato and Documentato)', () => {
    const righe = [P(1, 12000), P(3, 85050), P(7, 60000), C2(310000, 'A1'), { record: 'D', cf: T, rigo: 'D5', codice: 2, importo: 90000, campoRed: 'A3' } as Riga730];
    for (const mode of ['auto', 'doc'] as const) {
      const d = new Decl().with730(d730(righe));
      if (mode === 'doc') d.documentato();
      expect(imp(d).length).toBeGreaterThan(0);
      const r = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: d.dati730, rows: rowsFor('05') });
      if (!r.ok) throw new Error(r.message);
      Object.assign(d.doc, r.doc);
      expect(imp(d), mode).toEqual([]);
    }
  });

  it('DIC-09 names whose 730 it is; a Zero RED without 730 incomes passes', () => {
    const d = new Decl({ statoCivile: '2' }).withConiuge().zeroRed().with730(d730([C2(150000, 'A1', CF.coniuge)], { cfConiuge: CF.coniuge }));
    expect(imp(d).filter((f) => f.code === 'DIC-09').map((f) => f.message)).toEqual(['Non è possibile optare per la dichiarazione ZeroRED: il 730 di Coniuge (730/2009) ha redditi da inserire nel Modello RED.']);
    expect(imp(new Decl().zeroRed())).toEqual([]);
  });
});
