/**
 * Status derivation on realistic declarations: blocking wrong data → ERRATA, blocking missing data →
 * INCOMPLETA, otherwise COMPLETABILE (the operator can make it "Completa", guide p. 87).
 */
import { describe, expect, it } from 'vitest';
import { validate } from '#shared/rules/engine';
import { newDocumentFor } from '#shared/rules/new-document';
import { RED2009_CAMPAIGN } from '#shared/campaigns/red2009/campaign';
import { CF, Decl, doc, foreign, matricola } from './fixtures';

const outcome = (d: Decl) => d.validate().outcome;

describe('status derivation', () => {
  it('a new declaration straight from the matricola is Incompleta', () => {
    const m = matricola({ statoCivile: '2' });
    const r = validate({ doc: newDocumentFor(m), matricola: m, campaign: RED2009_CAMPAIGN, today: '2009-06-15' });
    expect(r.outcome).toBe('INCOMPLETA');
    expect(r.findings.every((f) => f.severity !== 'BLOCCANTE' || f.missing)).toBe(true);
  });

  it('titolare only: complete → Completabile; mode missing → Incompleta; negative amount → Errata', () => {
    expect(outcome(new Decl())).toBe('COMPLETABILE');
    expect(outcome(new Decl().modo(null))).toBe('INCOMPLETA');
    expect(outcome(new Decl().row('titolare', 2008, 'B2', -300))).toBe('ERRATA');
  });

  it('wrong data wins over missing data', () => {
    expect(outcome(new Decl().modo(null).row('titolare', 2008, 'B2', -300))).toBe('ERRATA');
  });

  it('with coniuge rilevante: complete → Completabile; coniuge without anagrafica → Incompleta', () => {
    const ok = new Decl({ statoCivile: '2' }).row('coniuge', 2008, 'A1', 14_200);
    expect(outcome(ok)).toBe('COMPLETABILE');
    const noName = new Decl({ statoCivile: '2' }).edit((_, x) => (x.subject('coniuge').cognome = ''));
    expect(outcome(noName)).toBe('INCOMPLETA');
    // Married, coniuge rilevante, coniuge row removed: SOG-05.
    const none = new Decl({ statoCivile: '2' }).edit((d) => (d.soggetti = d.soggetti.filter((s) => s.role !== 'CONIUGE')));
    expect(none.codes()).toContain('SOG-05');
    expect(outcome(none)).toBe('INCOMPLETA');
  });

  it('two years requested (anni richiesti 3): every year of every subject', () => {
    const ok = new Decl({ anniRichiesti: '3', statoCivile: '2' }).row('titolare', 2007, 'B1', 450);
    expect(ok.anni).toEqual([2008, 2007]);
    expect(outcome(ok)).toBe('COMPLETABILE');
    const no2007 = new Decl({ anniRichiesti: '3', statoCivile: '2' }).edit((_, x) => (x.year('coniuge', 2007).doc = null));
    expect(no2007.validate().findings.filter((f) => f.severity === 'BLOCCANTE').map((f) => [f.code, f.field.path])).toEqual([
      ['RED-02', 'soggetti.coniuge.anni.2007.doc'],
    ]);
    expect(outcome(no2007)).toBe('INCOMPLETA');
  });

  it('documented with document lines: totals agree → Completabile; missing list → Incompleta; totals differ → Errata', () => {
    const base = () =>
      new Decl({ statoCivile: '2' })
        .row('titolare', 2008, 'A1', 9_350, [doc('CUD 2009 datore di lavoro', 9_350)])
        .row('coniuge', 2008, 'B2', 1_260, [doc('Visura catastale terreni', 860), doc('Contratto di locazione', 400)])
        .documentato();
    const ok = base();
    expect(ok.validate().findings.map((f) => f.code)).toEqual([]);
    expect(outcome(ok)).toBe('COMPLETABILE');
    expect(outcome(base().edit((_, x) => (x.year('coniuge').righi.B2 = { importo: 1_260, documenti: [] })))).toBe('INCOMPLETA');
    expect(outcome(base().row('coniuge', 2008, 'B2', 1_300, [doc('Visura catastale terreni', 860), doc('Contratto di locazione', 400)]))).toBe('ERRATA');
  });

  it('Zero RED: Completabile when nothing is declared; Errata with an income', () => {
    expect(outcome(new Decl({ statoCivile: '2' }).zeroRed())).toBe('COMPLETABILE');
    expect(outcome(new Decl({ statoCivile: '2' }).zeroRed().row('coniuge', 2008, 'C1', 35))).toBe('ERRATA');
  });

  it('deceased titolare with erede: a RED breve, no incomes asked of anyone', () => {
    const d = new Decl({ statoCivile: '2', numeroFigli: '1' })
      .modo(null)
      .edit((doc2, x) => {
        doc2.anagrafica.deceduto = true;
        doc2.anagrafica.dataDecesso = '2009-01-12';
        doc2.erede = { codiceFiscale: CF.erede, nominativo: 'ROSSI PAOLO' };
        x.subject('coniuge').codiceFiscale = '';
      });
    const r = d.validate();
    expect(r.findings.map((f) => f.code)).toEqual([]);
    expect(r.outcome).toBe('COMPLETABILE');
    const noErede = d.edit((doc2) => (doc2.erede = { codiceFiscale: '', nominativo: '' }));
    expect(outcome(noErede)).toBe('INCOMPLETA');
  });

  it('foreign pensions: 6 rows → Completabile; 7 rows → Errata (EST-02)', () => {
    const six = () =>
      new Decl().foreign(
        'titolare',
        foreign('756', 'AVS', 1, { 2008: 9_800 }),
        foreign('756', 'SUV', 3, { 2008: 2_100 }),
        foreign('276', 'DRV', 1, { 2008: 3_100 }),
        foreign('250', 'CNA', 2, { 2008: 1_500 }),
        foreign('056', 'ONP', 1, { 2008: 2_700 }),
        foreign('056', 'FMP', 3, { 2008: 900 }),
      );
    expect(outcome(six())).toBe('COMPLETABILE');
    const seven = six().foreign('titolare', foreign('032', 'ANS', 1, { 2008: 1_200 }));
    expect(seven.validate().findings.filter((f) => f.severity === 'BLOCCANTE').map((f) => f.code)).toEqual(['EST-02']);
    expect(outcome(seven)).toBe('ERRATA');
  });

  it('findings are sorted: blocking, warnings, notes; by code within a severity', () => {
    const r = new Decl()
      .row('titolare', 2008, 'A2', 45_000)
      .row('titolare', 2008, 'A3', -10)
      .edit((d) => (d.domiciliazione = true))
      .modo(null)
      .validate();
    const rank = { BLOCCANTE: 0, AVVERTIMENTO: 1, NOTA: 2 } as const;
    const keys = r.findings.map((f) => [rank[f.severity], f.code] as const);
    expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)));
    expect(r.blocking).toBe(r.findings.filter((f) => f.severity === 'BLOCCANTE').length);
    expect(r.warnings).toBe(1);
    expect(r.notes).toBe(r.findings.length - r.blocking - r.warnings);
  });
});
