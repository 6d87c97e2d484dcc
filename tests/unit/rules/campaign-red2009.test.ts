import { describe, expect, it } from 'vitest';
import { INCOME_ROWS } from '#shared/domain/red-document';
import { TIPO_RIGHI, descrizioneTipoRighi, formatRows, rowsFor } from '#shared/campaigns/red2009/tipo-righi';
import {
  ISTITUZIONE_ALTRO,
  STATI_ESTERI,
  isIstituzioneValida,
  isStatoEsteroValido,
  istituzioneUnica,
  istituzioniDi,
} from '#shared/campaigns/red2009/stati-esteri';
import { ENTI_PENSIONISTICI, entePensionistico } from '#shared/campaigns/red2009/enti';
import { RED2009_CAMPAIGN, numeroFigliDaMatricola } from '#shared/campaigns/red2009/campaign';
import { campaignDataOf } from '#shared/rules/campaign-data';
import { newDocumentFor } from '#shared/rules/new-document';
import { RedDocumentSchema } from '#shared/domain/red-document';
import { CF, matricola } from './fixtures';

describe('tipo righi table (project-defined)', () => {
  it('has codes 01–29 and 00', () => {
    const codes = [...TIPO_RIGHI.keys()].sort();
    expect(codes).toEqual(Array.from({ length: 30 }, (_, i) => String(i).padStart(2, '0')));
  });

  it('A1–F4 are O or F for 01–29; G1/G2 are O when asked, else null', () => {
    for (const [code, e] of TIPO_RIGHI) {
      if (code === '00') continue;
      const rows = rowsFor(code);
      expect(Object.keys(rows).sort()).toEqual([...INCOME_ROWS].sort());
      for (const r of INCOME_ROWS) {
        if (r === 'G1' || r === 'G2') expect([null, 'O']).toContain(rows[r]);
        else expect(['O', 'F']).toContain(rows[r]);
      }
      expect(rows.G1 === 'O').toBe(e.g1);
      expect(rows.G2 === 'O').toBe(e.g2);
      expect(e.descrizione).toMatch(new RegExp(`^Codice ${code} – `));
    }
  });

  it('01 = every row obligatory, G1/G2 not asked; 04 adds G1 and G2; 29 = all optional; 00 = nothing', () => {
    expect(Object.values(rowsFor('01')).filter((v) => v === 'O')).toHaveLength(15);
    expect(rowsFor('01').G1).toBeNull();
    expect(rowsFor('04')).toMatchObject({ G1: 'O', G2: 'O', A1: 'O' });
    expect(Object.entries(rowsFor('29')).filter(([, v]) => v === 'O')).toEqual([]);
    expect(Object.values(rowsFor('00')).every((v) => v === null)).toBe(true);
    expect(descrizioneTipoRighi('01')).toBe('Codice 01 – tutti i redditi: obbligatori tutti i righi da A1 a F4; G1 e G2 non richiesti.');
    expect(descrizioneTipoRighi('09')).toContain('A1–A4, B2, C1, D1, F1–F4');
    expect(() => rowsFor('30')).toThrow(/sconosciuto/);
  });

  it('formats row lists by letter', () => {
    expect(formatRows(['A1', 'A2', 'A3', 'A4', 'E1', 'E2'])).toBe('A1–A4, E1–E2');
    expect(formatRows(['B1', 'C1', 'F4'])).toBe('B1, C1, F4');
  });
});

describe('Stati esteri and Enti stranieri (project data)', () => {
  it('~30 States with 3-character codes and at least one institution each', () => {
    expect(STATI_ESTERI.length).toBeGreaterThanOrEqual(30);
    for (const s of STATI_ESTERI) {
      expect(s.codice).toMatch(/^[0-9A-Z]{3}$/);
      expect(s.istituzioni.length).toBeGreaterThan(0);
      for (const i of s.istituzioni) expect(i.codice).toMatch(/^[0-9A-Z]{3}$/);
    }
    expect(new Set(STATI_ESTERI.map((s) => s.codice)).size).toBe(STATI_ESTERI.length);
  });

  it('"999 altro" is always available, last', () => {
    const svizzera = istituzioniDi('756');
    expect(svizzera.map((i) => i.codice)).toEqual(['AVS', 'SUV', 'LPP', '999']);
    expect(svizzera.at(-1)).toEqual(ISTITUZIONE_ALTRO);
    expect(isIstituzioneValida('756', '999')).toBe(true);
    expect(isIstituzioneValida('756', 'SUV')).toBe(true);
    expect(isIstituzioneValida('756', 'DRV')).toBe(false);
    expect(isIstituzioneValida('ZZZ', '999')).toBe(false);
    expect(istituzioniDi('ZZZ')).toEqual([]);
    expect(isStatoEsteroValido('276')).toBe(true);
  });

  it('States with a single institution can be filled by the editor', () => {
    expect(istituzioneUnica('032')?.codice).toBe('ANS');
    expect(istituzioneUnica('840')?.codice).toBe('SSA');
    expect(istituzioneUnica('756')).toBeNull();
    expect(STATI_ESTERI.filter((s) => s.istituzioni.length === 1).length).toBeGreaterThanOrEqual(5);
  });
});

describe('Enti pensionistici (project data)', () => {
  it('unique codes of at most 10 characters, INPS/INPDAP/IPOST in the Casellario', () => {
    expect(new Set(ENTI_PENSIONISTICI.map((e) => e.codice)).size).toBe(ENTI_PENSIONISTICI.length);
    for (const e of ENTI_PENSIONISTICI) expect(e.codice.length).toBeLessThanOrEqual(10);
    for (const c of ['ENPAM', 'FORENSE', 'ENASARCO', 'INPGI']) expect(entePensionistico(c)?.casellario).toBe(true);
    // p. 88: "Seleziona Ente" lists the bodies other than INPS, INPDAP and IPOST (those ask for the RED).
    for (const c of ['INPS', 'INPDAP', 'IPOST']) expect(entePensionistico(c)).toBeUndefined();
    expect(ENTI_PENSIONISTICI.some((e) => !e.casellario)).toBe(true);
  });
});

describe('campaign RED2009', () => {
  it('parameters', () => {
    expect(RED2009_CAMPAIGN).toMatchObject({ id: 'RED2009', warningAmount: 40_000, maxForeignPensions: 6, zeroRedConiugatoBefore: '2009-01-01' });
    expect(RED2009_CAMPAIGN.annoLabel(2007)).toBe('redditi 2007');
  });

  it('a plain RuleCampaign finds its tables by id; an unknown campaign is refused', () => {
    const plain = { id: 'RED2009', warningAmount: 1, maxForeignPensions: 1, zeroRedConiugatoBefore: '2009-01-01' };
    expect(campaignDataOf(plain)).toBe(RED2009_CAMPAIGN);
    expect(() => campaignDataOf({ ...plain, id: 'RED2031' })).toThrow(/sconosciuta/);
  });

  it('numero figli: 0–9, A–E = 10–14', () => {
    expect(['0', '9', 'A', 'E', 'F', ''].map(numeroFigliDaMatricola)).toEqual([0, 9, 10, 14, NaN, NaN]);
  });
});

describe('newDocumentFor', () => {
  it('titolare only: CF and years from the matricola, numero figli decoded, nothing else filled', () => {
    // Nucleus code 00: no figli income asked, so no figli row is proposed (p. 42) although the number is 12.
    const m = matricola({ anniRichiesti: '3', statoCivile: '3', numeroFigli: 'C', tipoRighiNucleo: '00' });
    const d = newDocumentFor(m);
    expect(RedDocumentSchema.safeParse(d).success).toBe(true);
    expect(d.anagrafica).toEqual({
      codiceFiscale: CF.titolare,
      statoCivile: null,
      statoCivileDecorrenza: null,
      numeroFigli: 12,
      deceduto: false,
      dataDecesso: null,
      espatriato: false,
      dataEspatrio: null,
    });
    expect(d.soggetti.map((s) => [s.key, s.role, s.codiceFiscale])).toEqual([['titolare', 'TITOLARE', CF.titolare]]);
    expect(d.soggetti[0]?.anni.map((y) => [y.anno, y.modo, y.doc, y.facoltativi, y.righi])).toEqual([
      [2008, null, null, false, {}],
      [2007, null, null, false, {}],
    ]);
    expect([d.zeroRed, d.rinuncia, d.domiciliazione, d.ente, d.erede]).toEqual([
      false,
      false,
      false,
      { codice: null, nonCodificato: false },
      { codiceFiscale: '', nominativo: '' },
    ]);
  });

  it('proposes one empty figlio row per figlio of the matricola when the nucleus code asks rows (p. 82)', () => {
    const d = newDocumentFor(matricola({ numeroFigli: '3', tipoRighiNucleo: '05' }));
    expect(d.anagrafica.numeroFigli).toBe(3);
    expect(d.soggetti.map((s) => [s.key, s.role, s.codiceFiscale, s.anni.length])).toEqual([
      ['titolare', 'TITOLARE', CF.titolare, 1],
      ['figlio-1', 'FIGLIO', '', 1],
      ['figlio-2', 'FIGLIO', '', 1],
      ['figlio-3', 'FIGLIO', '', 1],
    ]);
    // "A" = 10 figli (p. 79); nucleus code 00 proposes none (p. 42).
    expect(newDocumentFor(matricola({ numeroFigli: 'A', tipoRighiNucleo: '05' })).soggetti.filter((s) => s.role === 'FIGLIO')).toHaveLength(10);
    expect(newDocumentFor(matricola({ numeroFigli: '3', tipoRighiNucleo: '00' })).soggetti.map((s) => s.key)).toEqual(['titolare']);
  });

  it('adds an empty coniuge only when rilevanza coniuge = 1 and stato civile known = 2', () => {
    const roles = (over: Parameters<typeof matricola>[0]) => newDocumentFor(matricola(over)).soggetti.map((s) => s.key);
    expect(roles({ statoCivile: '2', rilevanzaConiuge: '1' })).toEqual(['titolare', 'coniuge']);
    expect(roles({ statoCivile: '2', rilevanzaConiuge: '2' })).toEqual(['titolare']);
    expect(roles({ statoCivile: '2', rilevanzaConiuge: '0' })).toEqual(['titolare']);
    expect(roles({ statoCivile: '0', rilevanzaConiuge: '1' })).toEqual(['titolare']);
    const coniuge = newDocumentFor(matricola({ statoCivile: '2', anniRichiesti: '3' })).soggetti[1];
    expect(coniuge).toMatchObject({ role: 'CONIUGE', codiceFiscale: '', dataDecesso: null, pensioniEstere: [] });
    expect(coniuge?.anni.map((y) => y.anno)).toEqual([2008, 2007]);
  });
});
