import { describe, expect, it } from 'vitest';
import { ALL_RULES, catalogue, createRegistry, validate } from '#shared/rules/engine';
import { BEHAVIOURS, DEFERRED_RULES, ESITO_CODES, MATRICOLA_CODES, OPERATION_CODES } from '#shared/rules/codes';
import { MATRICOLA_CHARS_CODE, MATRICOLA_LENGTH_CODE } from '#shared/matricola/codec';
import { RED2009_LAYOUT } from '#shared/campaigns/red2009/stringa-caf-layout';
import { Decl } from './fixtures';

/** red-domain.md §6.4–6.7: the rows with severity B/A/N (the "—" rows are behaviours). */
const DOMAIN_CHECKS = [
  'DIC-01', 'DIC-02', 'DIC-03', 'DIC-04', 'DIC-05', 'DIC-06', 'DIC-07', 'DIC-08', 'DIC-09', 'DIC-10', 'DIC-12',
  'DIC-14', 'DIC-15', 'DIC-16', 'DIC-17', 'DIC-18', 'DIC-19',
  'SOG-02', 'SOG-03', 'SOG-04', 'SOG-05', 'SOG-06', 'SOG-07', 'SOG-08',
  'ENT-01',
  'RED-01', 'RED-02', 'RED-03', 'RED-05', 'RED-09', 'RED-10', 'RED-11', 'RED-12', 'RED-13', 'RED-14', 'RED-15',
  'RED-16', 'RED-17', 'RED-18', 'RED-19',
  'EST-01', 'EST-02', 'EST-03', 'EST-04', 'EST-05', 'EST-06', 'EST-07',
  // §6.8: the cross-check with the 730s held on the desk (issue 12)
  'IMP-05', 'IMP-06', 'IMP-07', 'IMP-08',
];
/** Checks the engine cannot run yet (none since the 730s are on the desk, issue 12). */
const DEFERRED: string[] = [];
/** Project additions (documented in each area module). */
const ADDED = ['SOG-09', 'SOG-10', 'SOG-11', 'SOG-12', 'RED-20', 'DIC-20', 'DIC-21'];
const DOMAIN_BEHAVIOURS = ['DIC-11', 'DIC-13', 'ENT-02', 'RED-04', 'RED-06', 'RED-07', 'RED-08'];

describe('rule registry', () => {
  it('ALL_RULES = the §6.4–6.7 checks (minus the deferred ones) plus the project additions', () => {
    const expected = [...DOMAIN_CHECKS.filter((c) => !DEFERRED.includes(c)), ...ADDED].sort();
    expect(ALL_RULES.map((r) => r.code).sort()).toEqual(expected);
    expect(DEFERRED_RULES.map((e) => e.code)).toEqual(DEFERRED);
  });

  it('codes are unique and every rule has an Italian title and a reference', () => {
    expect(new Set(ALL_RULES.map((r) => r.code)).size).toBe(ALL_RULES.length);
    for (const r of ALL_RULES) {
      expect(r.title.length, r.code).toBeGreaterThan(10);
      expect(r.ref, r.code).not.toBe('');
    }
  });

  it('a duplicate code throws', () => {
    const first = ALL_RULES[0];
    if (!first) throw new Error('registry vuoto');
    expect(() => createRegistry([...ALL_RULES, { ...first }])).toThrow(/duplicato: DIC-01/);
    expect(() => createRegistry([{ ...first, code: 'DIC1' }])).toThrow(/non valido/);
  });

  it('validate can run a subset of rules', () => {
    const red05 = ALL_RULES.filter((r) => r.code === 'RED-05');
    const r = validate(new Decl().modo(null).row('titolare', 2008, 'A3', -5).ctx(), red05);
    expect(r.findings.map((f) => f.code)).toEqual(['RED-05']);
  });

  it('a rule run on its own gives the same findings as inside validate', () => {
    const d = new Decl({ statoCivile: '2', anniRichiesti: '3' }).modo(null, 'coniuge').row('titolare', 2008, 'A1', 50_000);
    const ctx = d.ctx();
    const alone = ALL_RULES.flatMap((r) => r.check(ctx));
    expect(validate(ctx).findings).toEqual(expect.arrayContaining(alone));
    expect(validate(ctx).findings.length).toBe(alone.length);
  });
});

describe('catalogue ("Decodifica codici errore")', () => {
  const cat = catalogue();
  const codes = cat.map((e) => e.code);

  it('has unique codes', () => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('lists every rule with its severity, the deferred checks and the behaviours', () => {
    for (const r of ALL_RULES) expect(cat.find((e) => e.code === r.code)).toEqual({ code: r.code, severity: r.severity, title: r.title, ref: r.ref });
    expect(cat.find((e) => e.code === 'DIC-09')?.severity).toBe('BLOCCANTE');
    expect(BEHAVIOURS.map((b) => b.code).sort()).toEqual(DOMAIN_BEHAVIOURS.sort());
    for (const c of DOMAIN_BEHAVIOURS) expect(cat.find((e) => e.code === c)?.severity).toBe('COMPORTAMENTO');
  });

  it('lists the 730 codes of §6.8: the import refusals, the note after it, the refused file, the cross-check rules', () => {
    for (const c of ['IMP-01', 'IMP-02', 'IMP-03', 'IMP-04', 'IMP-10']) expect(cat.find((e) => e.code === c)?.severity, c).toBe('OPERAZIONE');
    expect(cat.find((e) => e.code === 'IMP-09')?.severity).toBe('NOTA');
    for (const c of ['IMP-05', 'IMP-06', 'IMP-07', 'IMP-08']) expect(cat.find((e) => e.code === c)?.title, c).toContain('Valore diverso da reddito 730');
    // IMP after EST, before OPR.
    expect(codes.indexOf('IMP-01')).toBeGreaterThan(codes.indexOf('EST-07'));
    expect(codes.indexOf('IMP-10')).toBeLessThan(codes.indexOf('OPR-01'));
  });

  it('lists OPR-01…OPR-14, SOG-01, MAT-01…MAT-20 and the esiti', () => {
    const opr = Array.from({ length: 14 }, (_, i) => `OPR-${String(i + 1).padStart(2, '0')}`);
    const mat = Array.from({ length: 20 }, (_, i) => `MAT-${String(i + 1).padStart(2, '0')}`);
    expect(OPERATION_CODES.map((e) => e.code)).toEqual([...opr, 'SOG-01']);
    expect(MATRICOLA_CODES.map((e) => e.code)).toEqual(mat);
    expect(ESITO_CODES.map((e) => e.code)).toEqual(['9009', '9010', '9011', '9201', '9202', '9203', '9204', '9205', '9209']);
    for (const c of [...opr, ...mat, '9009', '9209', 'SOG-01']) expect(codes).toContain(c);
    expect(cat.find((e) => e.code === 'MAT-16')?.severity).toBe('NOTA');
    expect(cat.find((e) => e.code === '9203')?.severity).toBe('ESITO');
    expect(cat.find((e) => e.code === 'OPR-04')?.severity).toBe('OPERAZIONE');
  });

  it('includes every code the matricola codec can produce', () => {
    const fromLayout = RED2009_LAYOUT.fields.flatMap((f) => [
      f.errorCode,
      ...Object.values(f.refused ?? {}).map((r) => r.errorCode),
      ...Object.values(f.notes ?? {}).map((n) => n.code),
    ]);
    for (const c of [...fromLayout, MATRICOLA_LENGTH_CODE, MATRICOLA_CHARS_CODE]) expect(codes).toContain(c);
  });

  it('is grouped by area (MAT, INS, DIC, SOG, ENT, RED, EST, IMP, SBL, OPR, esiti) and sorted by code inside', () => {
    const areas = codes.map((c) => (/^\d/.test(c) ? 'ESITI' : c.slice(0, 3)));
    const order = ['MAT', 'INS', 'DIC', 'SOG', 'ENT', 'RED', 'EST', 'IMP', 'SBL', 'OPR', 'ESITI'];
    expect([...new Set(areas)]).toEqual(order);
    expect(codes.slice(0, 3)).toEqual(['MAT-01', 'MAT-02', 'MAT-03']);
  });

  it('returns a copy the caller may sort', () => {
    const c = catalogue();
    c.reverse();
    expect(catalogue()[0]?.code).toBe('MAT-01');
  });
});
