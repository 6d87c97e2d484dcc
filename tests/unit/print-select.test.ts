import { describe, expect, it } from 'vitest';
import { composeDeclaration, printFacts } from '#shared/print/compose';
import { cellFor, chooseModels, nonPresentata } from '#shared/print/select';
import { printFileName, PRINT_FILE_NAME, safeNamePart } from '#shared/print/names';
import { declarationKey, parseDeclarationKey } from '#shared/print/key';
import type { Block } from '#shared/print/types';
import * as fx from '../helpers/print-fixtures';

const models = (d: Parameters<typeof printFacts>[0], elencoDocumenti = true) =>
  chooseModels(printFacts(d), { elencoDocumenti }).map((c) => (c.subjectKey ? `${c.model}:${c.subjectKey}` : c.model));

describe('model chosen for each kind of declaration (p. 105, red-domain §9.2)', () => {
  it('normal autocertificato with coniuge: RED/1 + RED/T + RED/C + AUTOCERTIFICAZIONE (Red Autocertificato)', () => {
    expect(models(fx.normaleConiuge())).toEqual(['RED1', 'REDT:titolare', 'REDC:coniuge', 'AUTOCERT_AUTO']);
  });
  it('documentato with 2 figli: one RED/F per child, Elenco allegati when asked, Autocertificazione for the child with Doc. = Nessuna', () => {
    expect(models(fx.documentatoDueFigli())).toEqual(['RED1', 'REDT:titolare', 'REDF:figlio-1', 'REDF:figlio-2', 'ELENCO_ALLEGATI', 'AUTOCERT_DOC']);
    expect(models(fx.documentatoDueFigli(), false)).toEqual(['RED1', 'REDT:titolare', 'REDF:figlio-1', 'REDF:figlio-2', 'AUTOCERT_DOC']);
  });
  it('documentato where nobody has Doc. = Nessuna: no AUTOCERTIFICAZIONE', () => {
    const d = fx.documentatoDueFigli();
    const f2 = d.document.soggetti[2];
    if (!f2?.anni[0]) throw new Error('fixture');
    f2.anni[0].doc = '730';
    expect(models(d)).toEqual(['RED1', 'REDT:titolare', 'REDF:figlio-1', 'REDF:figlio-2', 'ELENCO_ALLEGATI']);
  });
  it('documentato with Doc. = Nessuna for the titolare names him with the tax year', () => {
    const f = printFacts(fx.documentatoNessuna());
    expect(nonPresentata(f).map((x) => `${x.sf.label} ${x.anno}`)).toEqual(['Titolare 2008', 'Figlio n. 2 2008']);
  });
  it('Zero RED (autocertificato): RED/2 alone', () => expect(models(fx.zeroRed())).toEqual(['RED2']));
  it('Zero RED documentato: RED/7', () => {
    const d = fx.zeroRed();
    const y = d.document.soggetti[0]?.anni[0];
    if (!y) throw new Error('fixture');
    y.modo = 'DOCUMENTATO';
    expect(models(d, false)).toEqual(['RED7']);
  });
  it('rinuncia: RED/3', () => expect(models(fx.rinuncia())).toEqual(['RED3']));
  it('decesso (by the erede): RED/4', () => expect(models(fx.decesso())).toEqual(['RED4']));
  it('espatrio before the years asked: RED/5', () => expect(models(fx.espatrio())).toEqual(['RED5']));
});

describe('"Non dich." and "Non rich." (p. 91)', () => {
  // Titolare: tipo righi 05 = every row A1–F3 obligatory, F4 optional, G1/G2 not asked (tipo-righi.ts).
  // Coniuge: nucleus code 03 = every row A1–F4 obligatory, G2 asked, G1 not asked.
  const f = printFacts(fx.normaleConiuge());
  const [t, c] = f.subjects;
  if (!t || !c) throw new Error('fixture');
  it('an optional box not declared (Facoltativi not ticked) shows Non dich.', () => {
    expect(cellFor(t, 2008, 'F4')).toEqual({ kind: 'nonDich' });
  });
  it('G1/G2 not asked show Non rich.; G2 asked shows its amount', () => {
    expect(cellFor(t, 2008, 'G1')).toEqual({ kind: 'nonRich' });
    expect(cellFor(t, 2008, 'G2')).toEqual({ kind: 'nonRich' });
    expect(cellFor(c, 2008, 'G1')).toEqual({ kind: 'nonRich' });
    expect(cellFor(c, 2008, 'G2')).toEqual({ kind: 'amount', value: 431 });
  });
  it('obligatory rows show the amount, 0 when not filled', () => {
    expect(cellFor(t, 2008, 'A1')).toEqual({ kind: 'amount', value: 12345 });
    expect(cellFor(t, 2008, 'A2')).toEqual({ kind: 'amount', value: 0 });
    expect(cellFor(c, 2008, 'F4')).toEqual({ kind: 'amount', value: 0 });
  });
  it('with Facoltativi ticked the optional box shows its amount', () => {
    const g = printFacts(fx.documentatoDueFigli());
    const tt = g.subjects[0];
    if (!tt) throw new Error('fixture');
    expect(cellFor(tt, 2008, 'F4')).toEqual({ kind: 'amount', value: 120 });
  });
  it('the RED/T table puts them in the F4, G1 and G2 rows', () => {
    const { docs } = composeDeclaration(fx.normaleConiuge(), { caf: 'CAF CGN', sportello: 's', operatore: 'o', stampatoIl: '2009-05-04T08:00:00Z' }, { elencoDocumenti: false });
    const redT = docs.find((d) => d.model === 'REDT');
    const table = redT?.blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
    const row = (r: string) => table?.rows.find((x) => x[0] === r)?.[2];
    expect([row('A1'), row('F4'), row('G1'), row('G2')]).toEqual(['12.345', 'Non dich.', 'Non rich.', 'Non rich.']);
  });
});

describe('file names and the declaration key', () => {
  it('RED1_<codice fiscale>_<AAAAMMGG-hhmmss>.pdf in Italian time', () => {
    // 2009-05-04 08:15:30 UTC = 10:15:30 in Rome (summer time).
    expect(printFileName('RED1', 'rssmra40a01h501u', '2009-05-04T08:15:30Z')).toBe('RED1_RSSMRA40A01H501U_20090504-101530.pdf');
    expect(printFileName('01 Archivio Anagrafiche', null, '2009-01-10T23:30:00Z', 'xlsx')).toBe('01_Archivio_Anagrafiche_20090111-003000.xlsx');
  });
  it('names are safe: no path, no accents, accepted back by the API pattern', () => {
    expect(safeNamePart('../età/x')).toBe('eta_x');
    expect(PRINT_FILE_NAME.test(printFileName('Elenco documenti', null, '2009-05-04T08:15:30Z'))).toBe(true);
    expect(PRINT_FILE_NAME.test('../archivio-red.sqlite')).toBe(false);
  });
  it('the key carries progressivo and codice fiscale and reads back', () => {
    expect(declarationKey(42, 'RSSMRA40A01H501U')).toBe('RED-000042-RSSMRA40A01H501U');
    expect(parseDeclarationKey('RED-000042-RSSMRA40A01H501U')).toEqual({ progressivo: 42, codiceFiscale: 'RSSMRA40A01H501U' });
    expect(parseDeclarationKey('RSSMRA40A01H501U')).toBeNull();
  });
});
