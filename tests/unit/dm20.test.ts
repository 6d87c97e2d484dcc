/**
 * DM20-REG acquisition (INPS circolare 83/1992, seed 001; red-domain.md §12.2): the SC7/24 key rules (2.1.1), one
 * test per check code (it fires / the nearest case that does not), the squaring of lists A and B and the 5.000-lire
 * threshold of allegato 5. Expected values are the circular's rules applied by hand to the data below.
 *
 * Hand data: acquiring sede 5000; SC7/24 numero 20215 = data articolo 920215 without its first digit, i.e.
 * 15/02/1992 (month 02/1992). Firms: 5000012340 (sede 5000, progressivo 01234, constituted 15/03/1990),
 * 5000023450 (ceased type 1 on 30/06/1991), 5000034560 (suspended 10/09/1991), 5000045670 (ceased type 9),
 * 5000049990 (ceased type 3 on 30/06/1991). Highest progressivo of sede 5000: 05000.
 */
import { describe, expect, it } from 'vitest';
import { checkSlip, type Dm20Azienda, type Dm20CheckContext, type Dm20SlipInput } from '#shared/modules/dm20/checks';
import { DM20_CODICI } from '#shared/modules/dm20/codes';
import { dataArticolo, formatLire, readLire, readProgressivoDm11, readSc724Key } from '#shared/modules/dm20/keys';
import { collezioni, differenza, inoltroRefusals, quadra } from '#shared/modules/dm20/quadratura';
import { composeLista, composeQuadratura } from '#shared/modules/dm20/liste';

const firm = (matricola: string, extra: Partial<Dm20Azienda> = {}): Dm20Azienda => ({
  matricola,
  sede: '5000',
  costituzione: '1990-03-15',
  tipoCessazione: null,
  dataCessazione: null,
  sospensione: null,
  ...extra,
});
const FIRMS = [
  firm('5000012340'),
  firm('5000023450', { tipoCessazione: '1', dataCessazione: '1991-06-30' }),
  firm('5000034560', { sospensione: '1991-09-10' }),
  firm('5000045670', { tipoCessazione: '9', dataCessazione: '1991-01-31' }),
  firm('5000049990', { tipoCessazione: '3', dataCessazione: '1991-06-30' }),
];
const ctx: Dm20CheckContext = {
  sede: '5000',
  numeroSc724: '20215',
  azienda: (m) => FIRMS.find((x) => x.matricola === m) ?? null,
  progressivoMassimo: (s) => (s === '5000' ? 5000 : null),
};
const slip = (over: Partial<Dm20SlipInput> = {}): Dm20SlipInput => ({
  documentoDiverso: false,
  matricola: '5000012340',
  sap: '5000',
  tipoArchivio: '1',
  importo: '1.250.000',
  inadempienza: '',
  dal: '0191',
  al: '0191',
  dataVersamento: '10/02/1992',
  ...over,
});
const codes = (over: Partial<Dm20SlipInput>) => checkSlip(slip(over), ctx).findings.map((f) => f.code);

describe('SC7/24 key (2.1.1)', () => {
  it('tipo only 6; articolo padded to 6; numero 5 digits not below 20102', () => {
    expect(readSc724Key({ tipo: '6', articolo: '123', numero: '20102' })).toEqual({ ok: true, value: { tipo: '6', articolo: '000123', numero: '20102' } });
    const bad = readSc724Key({ tipo: '5', articolo: '1234567', numero: '20101' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors.tipo).toContain('ammesso solo «6»');
      expect(bad.errors.articolo).toContain('al massimo 6 cifre');
      expect(bad.errors.numero).toContain('inferiore a «20102»');
    }
    expect(readSc724Key({ tipo: '6', articolo: '1', numero: '2010' }).ok).toBe(false);
    // 20231: 31 February does not exist.
    expect(readSc724Key({ tipo: '6', articolo: '1', numero: '20231' }).ok).toBe(false);
  });
  it('numero = data articolo AAMMGG without its first character: 20102 is 2 January 1992', () => {
    expect(dataArticolo('20102')).toEqual({ anno: 1992, mese: 1, giorno: 2 });
    expect(dataArticolo('31231')).toEqual({ anno: 1993, mese: 12, giorno: 31 });
  });
  it('DM11 progressivo defaults to 0001', () => {
    expect(readProgressivoDm11('')).toEqual({ ok: true, value: '0001' });
    expect(readProgressivoDm11('12')).toEqual({ ok: true, value: '0012' });
    expect(readProgressivoDm11('0').ok).toBe(false);
  });
  it('lire are whole numbers with the three final digits, dots as thousands', () => {
    expect(readLire('Importo', '1.250.000')).toEqual({ ok: true, value: 1250000 });
    expect(readLire('Importo', '1250000')).toEqual({ ok: true, value: 1250000 });
    expect(readLire('Importo', '')).toEqual({ ok: true, value: null });
    expect(readLire('Importo', '1250,50').ok).toBe(false);
    expect(readLire('Importo', '12.50').ok).toBe(false);
    expect(formatLire(1250000)).toBe('1.250.000');
    expect(formatLire(-5001)).toBe('-5.001');
  });
});

describe('checks, one per code (fires / nearest case that does not)', () => {
  it('a correct slip of the sede is esatto with no finding', () => {
    const r = checkSlip(slip(), ctx);
    expect(r).toMatchObject({ esito: 'esatto', findings: [], bloccante: false, daConfermare: false, periodoErrato: false, importoLire: 1250000, dataVersamento: '1992-02-10' });
  });
  it('DD001: a document other than a DM20-REG', () => {
    expect(checkSlip(slip({ documentoDiverso: true }), ctx)).toMatchObject({ esito: 'documento-diverso', findings: [{ code: 'DD001' }] });
    expect(codes({ documentoDiverso: false })).not.toContain('DD001');
  });
  it('DD003: matricola absent, not 10 digits, progressivo above the highest of DS09, or unknown without a zonal SAP; waits for confirmation', () => {
    expect(checkSlip(slip({ matricola: '' }), ctx)).toMatchObject({ esito: 'documento-diverso', daConfermare: true, findings: [{ code: 'DD003', field: 'matricola' }] });
    expect(codes({ matricola: '500001234' })).toEqual(['DD003']);
    // 5000050010: progressivo 05001 > 05000; 5000050000 (= 05000, the highest) is not refused for it.
    expect(codes({ matricola: '5000050010' })).toEqual(['DD003']);
    expect(checkSlip(slip({ matricola: '5000050000' }), ctx).findings[0]?.message).not.toContain('oltre il massimo');
    expect(codes({ matricola: '5000050000' })).toEqual(['DD003']); // not in the archive, SAP = own sede
  });
  it('FS001: another sede (first two digits), SAP forced to the competent sede', () => {
    const r = checkSlip(slip({ matricola: '6100012340' }), ctx);
    expect(r).toMatchObject({ esito: 'fuori-sede', sap: '6100', findings: [{ code: 'FS001' }], daConfermare: false });
    // A zonal office of that sede typed in SAP is kept.
    expect(checkSlip(slip({ matricola: '6100012340', sap: '6103' }), ctx).sap).toBe('6103');
    // Same first two digits (a zonal office of this sede): not FS001.
    expect(codes({ matricola: '5001011110', sap: '5001' })).not.toContain('FS001');
  });
  it('FS002: a firm of a zonal office with its SAP typed, or transferred in the province (cessazione 9)', () => {
    expect(checkSlip(slip({ matricola: '5001011110', sap: '5001' }), ctx)).toMatchObject({ esito: 'fuori-sede', findings: [{ code: 'FS002', field: 'sap' }] });
    expect(checkSlip(slip({ matricola: '5000045670' }), ctx)).toMatchObject({ esito: 'fuori-sede', findings: [{ code: 'FS002', field: 'matricola' }] });
    // Same zonal firm without its SAP: DD003, not FS002; ceased type 3: esatto.
    expect(codes({ matricola: '5001011110' })).toEqual(['DD003']);
    expect(checkSlip(slip({ matricola: '5000049990' }), ctx).esito).toBe('esatto');
  });
  it('SS001: period absent (not blocking, list E)', () => {
    expect(checkSlip(slip({ dal: '', al: '' }), ctx)).toMatchObject({ esito: 'esatto', bloccante: false, periodoErrato: true, findings: [{ code: 'SS001' }] });
    expect(codes({ dal: '0191', al: '0191' })).toEqual([]);
  });
  it('SS002: wrong month (MMAA)', () => {
    expect(codes({ dal: '1391' })).toEqual(['SS002']);
    expect(codes({ al: '191' })).toEqual(['SS002']);
    expect(codes({ dal: '1291', al: '1291' })).toEqual([]);
  });
  it('SS003: dal after al', () => {
    expect(codes({ dal: '0391', al: '0291' })).toEqual(['SS003']);
    expect(codes({ dal: '0291', al: '0291' })).toEqual([]);
  });
  it('SS005: before the month of constitution (03/1990)', () => {
    expect(codes({ dal: '0290', al: '0390' })).toEqual(['SS005']);
    expect(codes({ dal: '0390', al: '0390' })).toEqual([]);
  });
  it('SS006: after the cessation (types 1 and 2 only; 06/1991)', () => {
    expect(codes({ matricola: '5000023450', dal: '0691', al: '0791' })).toEqual(['SS006']);
    expect(codes({ matricola: '5000023450', dal: '0691', al: '0691' })).toEqual([]);
    expect(codes({ matricola: '5000049990', dal: '0691', al: '0791' })).toEqual([]);
  });
  it('SS007: after the suspension (09/1991)', () => {
    expect(codes({ matricola: '5000034560', dal: '0991', al: '1091' })).toEqual(['SS007']);
    expect(codes({ matricola: '5000034560', dal: '0991', al: '0991' })).toEqual([]);
  });
  it('BL001 (blocking): amount missing or below 1.000 lire', () => {
    expect(checkSlip(slip({ importo: '' }), ctx)).toMatchObject({ bloccante: true, findings: [{ code: 'BL001', field: 'importo' }] });
    expect(codes({ importo: '999' })).toEqual(['BL001']);
    expect(codes({ importo: '12,5' })).toEqual(['BL001']);
    expect(codes({ importo: '1.000' })).toEqual([]);
  });
  it('BL002 (blocking): tipo archivio not 1, 2, 7, 9', () => {
    expect(codes({ tipoArchivio: '3' })).toEqual(['BL002']);
    expect(codes({ tipoArchivio: '' })).toEqual(['BL002']);
    for (const t of ['1', '2', '7', '9']) expect(codes({ tipoArchivio: t })).toEqual([]);
  });
  it('BL003 (blocking): inadempienza below 501 and not zero; absent is not an error', () => {
    expect(codes({ inadempienza: '500' })).toEqual(['BL003']);
    expect(codes({ inadempienza: '1' })).toEqual(['BL003']);
    expect(codes({ inadempienza: '501' })).toEqual([]);
    expect(codes({ inadempienza: '0' })).toEqual([]);
    expect(codes({ inadempienza: '' })).toEqual([]);
  });
  it('BL004 (blocking): payment date missing or wrong', () => {
    expect(codes({ dataVersamento: '' })).toEqual(['BL004']);
    expect(codes({ dataVersamento: '30/02/1992' })).toEqual(['BL004']);
    expect(codes({ dataVersamento: '29/02/1992' })).toEqual([]);
  });
  it('BL005 (to correct): period after the month of the data articolo (02/1992)', () => {
    expect(checkSlip(slip({ dal: '0292', al: '0392', dataVersamento: '10/04/1992' }), ctx)).toMatchObject({ bloccante: true, findings: [{ code: 'BL005', field: 'al' }] });
    expect(codes({ dal: '0292', al: '0292', dataVersamento: '10/02/1992' })).toEqual([]);
  });
  it('BL006 (to correct): period after the payment date', () => {
    expect(codes({ dal: '0192', al: '0292', dataVersamento: '31/01/1992' })).toEqual(['BL006']);
    expect(codes({ dal: '0192', al: '0192', dataVersamento: '31/01/1992' })).toEqual([]);
  });
  it('the catalogue has every code once, no SS004', () => {
    const all = DM20_CODICI.map((c) => c.code);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(['DD001', 'DD003', 'FS001', 'FS002', 'SS001', 'SS002', 'SS003', 'SS005', 'SS006', 'SS007']));
    expect(all).not.toContain('SS004');
  });
});

describe('quadratura, differences, inoltro', () => {
  // SC7/24 of 3.000.000; DM11 0001 of 1.800.000 with slips 1.250.000 + 550.000; DM11 0002 of 1.200.000 with 1.200.000.
  const dm11 = [
    { id: 1, progressivo: '0001', importoLire: 1_800_000 },
    { id: 2, progressivo: '0002', importoLire: 1_200_000 },
  ];
  const slips = [
    { dm11Id: 1, importoLire: 1_250_000 },
    { dm11Id: 1, importoLire: 550_000 },
    { dm11Id: 2, importoLire: 1_200_000 },
  ];
  it('lists A and B square when every total matches', () => {
    const q = quadra(3_000_000, dm11, slips);
    expect(q.quadrato).toBe(true);
    expect(q.listaA).toEqual([
      { dm11Id: 1, progressivo: '0001', importoDm11: 1_800_000, totaleDm20: 1_800_000, bollettini: 2, differenza: 0 },
      { dm11Id: 2, progressivo: '0002', importoDm11: 1_200_000, totaleDm20: 1_200_000, bollettini: 1, differenza: 0 },
    ]);
    expect(q.listaB).toEqual({ importoSc724: 3_000_000, totaleDm11: 3_000_000, differenza: 0 });
  });
  it('a slip off by 4.000 lire unsquares list A; the SC7/24 off unsquares list B', () => {
    const q = quadra(3_000_000, dm11, [{ dm11Id: 1, importoLire: 1_250_000 }, { dm11Id: 1, importoLire: 546_000 }, slips[2]!]);
    expect(q.quadrato).toBe(false);
    expect(q.listaA[0]?.differenza).toBe(-4000);
    expect(quadra(3_010_000, dm11, slips).listaB.differenza).toBe(-10_000);
    expect(quadra(3_000_000, [], []).quadrato).toBe(false);
  });
  it('differences: up to 5.000 lire "piccole", above "grandi"; sign credit/debit of INPS', () => {
    expect(differenza(3_000_000, 3_000_000)).toBeNull();
    expect(differenza(3_000_000, 3_005_000)).toEqual({ importo: 5000, tipo: 'piccola', segno: 'credito' });
    expect(differenza(3_000_000, 3_005_001)).toEqual({ importo: 5001, tipo: 'grande', segno: 'credito' });
    expect(differenza(3_000_000, 2_995_000)).toEqual({ importo: -5000, tipo: 'piccola', segno: 'debito' });
    expect(differenza(3_000_000, 2_994_999)).toEqual({ importo: -5001, tipo: 'grande', segno: 'debito' });
  });
  it('inoltro refused with a blocking error, an unconfirmed DD003, or unsquared', () => {
    const q = quadra(3_000_000, dm11, slips);
    const ok = { id: 1, esito: 'esatto' as const, importoLire: 1_250_000, bloccante: false, daConfermare: false };
    expect(inoltroRefusals(q, [ok])).toEqual([]);
    expect(inoltroRefusals(q, [ok, { ...ok, id: 2, bloccante: true }])).toEqual([{ kind: 'bloccanti', slips: 1 }]);
    expect(inoltroRefusals(q, [{ ...ok, daConfermare: true }])).toEqual([{ kind: 'da-confermare', slips: 1 }]);
    expect(inoltroRefusals(quadra(3_000_001, dm11, slips), [ok])).toEqual([{ kind: 'non-quadrato' }]);
  });
  it('collections DD, FS, RC and the counts of esatti / fuori sede / documenti diversi', () => {
    const s = [
      { id: 1, esito: 'esatto' as const, importoLire: 1_000_000, bloccante: false, daConfermare: false },
      { id: 2, esito: 'fuori-sede' as const, importoLire: 300_000, bloccante: false, daConfermare: false },
      { id: 3, esito: 'documento-diverso' as const, importoLire: 200_000, bloccante: false, daConfermare: false },
      { id: 4, esito: 'esatto' as const, importoLire: 500_000, bloccante: false, daConfermare: false },
    ];
    // Booked 2.010.000, acquired 2.000.000: debit of 10.000, "grande".
    expect(collezioni(2_010_000, s)).toEqual({
      DD: [3],
      FS: [2],
      RC: { importo: -10_000, tipo: 'grande', segno: 'debito' },
      esatti: { numero: 2, importo: 1_500_000 },
      fuoriSede: { numero: 1, importo: 300_000 },
      documentiDiversi: { numero: 1, importo: 200_000 },
    });
  });
});

describe('lists C and E (§9): content', () => {
  const header = { caf: 'CAF CGN', sportello: 'S1', operatore: 'op', progressivo: null, matricola: null, codiceFiscale: null, stampatoIl: '1992-03-01T09:00:00Z', barcode: null };
  const s = (numero: number, esito: 'esatto' | 'fuori-sede' | 'documento-diverso', sap: string, importoLire: number, codes: string[], matricola = '5000012340') => ({
    sc724: '6 000123 20215',
    numero,
    documentoDiverso: false,
    matricola,
    sap,
    importoLire,
    dal: '0191',
    al: '0191',
    dataVersamento: '10/02/1992',
    esito,
    findings: codes.map((code) => ({ code, message: code })),
  });
  const slips = [
    s(1, 'esatto', '5000', 1_000_000, []),
    s(2, 'fuori-sede', '6100', 300_000, ['FS001'], '6100012340'),
    s(3, 'fuori-sede', '5001', 200_000, ['FS002'], '5001011110'),
    s(4, 'documento-diverso', '5000', 250_000, ['DD003'], '5000099990'),
    s(5, 'esatto', '5000', 400_000, ['SS003']),
    s(6, 'fuori-sede', '6100', 50_000, ['FS001', 'SS002'], '6100022220'),
  ];
  const rowsOf = (d: { blocks: readonly unknown[] }) => d.blocks.flatMap((b) => ((b as { kind: string }).kind === 'table' ? (b as { rows: string[][] }).rows : []));
  const texts = (d: { blocks: readonly unknown[] }) => d.blocks.flatMap((b) => ((b as { kind: string; text?: string }).text ? [(b as { text: string }).text] : []));
  it('list C fuori sede: by competent sede (5001, then 6100), each with count and total; documenti diversi apart', () => {
    const [fs, dd] = composeLista('C', slips, header);
    expect(fs?.code).toBe('LISTA C — FUORI SEDE');
    expect(texts(fs!)).toEqual(['Sede di competenza 5001', 'Bollettini: 1. Importo totale: L. 200.000.', 'Sede di competenza 6100', 'Bollettini: 2. Importo totale: L. 350.000.', 'Totale fuori sede', 'Bollettini: 3. Importo totale: L. 550.000.']);
    expect(rowsOf(fs!).map((r) => [r[1], r[2], r[3], r[6]])).toEqual([
      ['3', '5001011110', '200.000', 'FS002'],
      ['2', '6100012340', '300.000', 'FS001'],
      ['6', '6100022220', '50.000', 'FS001'],
    ]);
    expect(dd?.code).toBe('LISTA C — DOCUMENTI DIVERSI');
    expect(rowsOf(dd!).map((r) => [r[1], r[2], r[3], r[6]])).toEqual([['4', '5000099990', '250.000', 'DD003']]);
  });
  it('list E: only the forwarded esatti with a period code', () => {
    const [e] = composeLista('E', slips, header);
    expect(rowsOf(e!).map((r) => [r[1], r[3], r[4], r[5]])).toEqual([['5', '400.000', '0191–0191', 'SS003']]);
    expect(texts(e!)).toEqual(['Bollettini: 1. Importo totale: L. 400.000.']);
  });
});

describe('lists A and B printed (§3)', () => {
  it('one row per DM11 and the SC7/24 row, with the differences of the hand example (−4.000 on DM11 0001)', () => {
    const header = { caf: 'CAF CGN', sportello: 'S1', operatore: 'op', progressivo: null, matricola: null, codiceFiscale: null, stampatoIl: '1992-03-01T09:00:00Z', barcode: null };
    const q = quadra(3_000_000, [{ id: 1, progressivo: '0001', importoLire: 1_800_000 }, { id: 2, progressivo: '0002', importoLire: 1_200_000 }], [{ dm11Id: 1, importoLire: 1_796_000 }, { dm11Id: 2, importoLire: 1_200_000 }]);
    const [a, b] = composeQuadratura('6 000123 20215', q, header);
    const rows = (d: { blocks: readonly unknown[] }) => d.blocks.flatMap((x) => ((x as { kind: string }).kind === 'table' ? (x as { rows: string[][] }).rows : []));
    expect(rows(a!)).toEqual([
      ['0001', '1.800.000', '1.796.000', '1', '-4.000', 'squadrato'],
      ['0002', '1.200.000', '1.200.000', '1', '0', 'quadrato'],
    ]);
    expect(rows(b!)).toEqual([['6 000123 20215', '3.000.000', '3.000.000', '0', 'quadrato']]);
  });
});
