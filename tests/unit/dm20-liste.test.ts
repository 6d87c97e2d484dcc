/**
 * DM20-REG lists of option D and the rule of option F (issue 16; INPS circolare 83/1992 §§9, 11, allegati 1–5): the
 * monthly lists' content with their booking schemes, the DS79 options and periods, the F refusals. Expected amounts
 * are summed by hand in the comments; the accounts are those printed in the allegati of the seed.
 */
import { describe, expect, it } from 'vitest';
import type { Block, PageHeader, PrintDoc } from '#shared/print/types';
import { motiviNonCancellabile, rifiutoCancellazione } from '#shared/modules/dm20/elaborati';
import { composeDs79, filtraDs79, totaleDs79, type Ds79Row } from '#shared/modules/dm20/ds79';
import { allegatoDifferenza, composeMensile, type MensiliDati, type MensileSlip } from '#shared/modules/dm20/mensili';

const header: PageHeader = { caf: 'CAF', sportello: 'S1', operatore: 'op', progressivo: null, matricola: null, codiceFiscale: null, stampatoIl: '1992-03-02T09:00:00.000Z', barcode: null };
const tables = (d: PrintDoc<string>) => d.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table').map((b) => b.rows);
const texts = (d: PrintDoc<string>) => d.blocks.flatMap((b) => (b.kind === 'paragraph' || b.kind === 'heading' ? [b.text] : []));
const fields = (d: PrintDoc<string>) => d.blocks.flatMap((b) => (b.kind === 'fields' ? b.items.map((i) => `${i.label}: ${i.value}`) : []));

const s = (over: Partial<MensileSlip>): MensileSlip => ({ sc724: '6 000123 20215', annoConto: 1992, numero: 1, documentoDiverso: false, matricola: '6100012340', sap: '6100', importo: 0, dal: '0191', al: '0191', dataVersamento: '10/02/1992', codici: 'FS001', ...over });
const DATI: MensiliDati = {
  sede: '5000',
  anno: 1992,
  mese: 2,
  fs: [s({ numero: 2, importo: 600_000 }), s({ sc724: '6 000124 20220', numero: 1, importo: 250_000, codici: 'FS002' }), s({ numero: 3, matricola: '4900011110', sap: '4900', importo: 300_000 })],
  dd: [
    s({ numero: 4, matricola: '', sap: '5000', importo: 400_000, codici: 'DD003' }),
    s({ numero: 5, documentoDiverso: true, matricola: '', sap: '5000', importo: 150_000, codici: 'DD001', dal: '', al: '' }),
    s({ sc724: '6 000007 11230', annoConto: 1991, numero: 1, matricola: '5000099990', sap: '5000', importo: 100_000, codici: 'DD003' }),
  ],
  differenze: [
    { sc724: '6 000200 20214', tipoMovimento: '1', contabilizzato: 1_000_000, differenza: 12_000, tipo: 'grande' },
    { sc724: '6 000201 20214', tipoMovimento: '2', contabilizzato: 1_010_000, differenza: -10_000, tipo: 'grande' },
    { sc724: '6 000202 20214', tipoMovimento: '1', contabilizzato: 500_000, differenza: 3_000, tipo: 'piccola' },
    { sc724: '6 000203 20214', tipoMovimento: '1', contabilizzato: 505_000, differenza: -5_000, tipo: 'piccola' },
    { sc724: '6 000204 20214', tipoMovimento: '2', contabilizzato: 498_000, differenza: 2_000, tipo: 'piccola' },
  ],
  inoltrati: [
    { sc724: '6 000123 20215', importo: 3_000_000, esatti: { numero: 2, importo: 2_000_000 }, fuoriSede: { numero: 1, importo: 600_000 }, documentiDiversi: { numero: 1, importo: 400_000 } },
    { sc724: '6 000124 20215', importo: 1_010_000, esatti: { numero: 1, importo: 1_000_000 }, fuoriSede: { numero: 0, importo: 0 }, documentiDiversi: { numero: 0, importo: 0 } },
  ],
};

describe('DM20-REG monthly lists (§9, allegati 1–5)', () => {
  it('FS: one list per receiving sede, ordered, each with its mod. SOST. SC 10 for the sede total (allegato 1)', () => {
    const docs = composeMensile('FS', DATI, header);
    expect(docs.map((d) => d.title)).toEqual(['Lista mensile dei modd. DM20-REG fuori sede — Sede ricevente 4900', 'Lista mensile dei modd. DM20-REG fuori sede — Sede ricevente 6100']);
    const [, s6100] = docs;
    expect(fields(s6100!).slice(0, 3)).toEqual(['I.N.P.S. — Sede di: 5000', 'Elaborazione del: 02/03/1992', 'Relativa al mese: febbraio 1992 (02/92)']);
    // 600.000 + 250.000 = 850.000, by SC7/24 then numero.
    expect(tables(s6100!)).toEqual([
      [
        ['6 000123 20215', '2', '6100012340', '600.000', '0191–0191', '10/02/1992', 'FS001'],
        ['6 000124 20220', '1', '6100012340', '250.000', '0191–0191', '10/02/1992', 'FS002'],
      ],
      [['GPA 54/51', 'GPA 55/00', '850.000']],
      [['GPA 55/01', 'GPA 54/51', '850.000']],
    ]);
    expect(texts(s6100!)).toContain('Modd. DM20-REG: 2. Importo totale: L. 850.000.');
    expect(texts(s6100!)).toContain('Dalla Sede di 5000 (trasferente) — Storno modelli DM20-REG trasferiti');
    expect(texts(s6100!)).toContain('Alla Sede di 6100 (ricevente) — Cod. 6100 — Modelli DM20-REG trasferiti');
    expect(tables(docs[0]!)[1]).toEqual([['GPA 54/51', 'GPA 55/00', '300.000']]);
    expect(texts(composeMensile('FS', { ...DATI, fs: [] }, header)[0]!)).toContain('Nessun mod. DM20-REG fuori sede per i modd. SC7/24 inoltrati nel mese.');
  });

  it('GD: the overview and one prospetto per SC7/24 above 5.000 lire, allegato by credit/debit and tipo movimento', () => {
    expect(allegatoDifferenza({ differenza: 1, tipoMovimento: '1' }).allegato).toBe('3');
    expect(allegatoDifferenza({ differenza: 1, tipoMovimento: '2' }).allegato).toBe('3 bis');
    expect(allegatoDifferenza({ differenza: -1, tipoMovimento: '1' }).allegato).toBe('4');
    expect(allegatoDifferenza({ differenza: -1, tipoMovimento: '2' }).allegato).toBe('4 bis');
    const docs = composeMensile('GD', DATI, header);
    expect(docs.map((d) => d.code)).toEqual(['LISTA MENSILE DIFFERENZE', 'ALLEGATO 3', 'ALLEGATO 4 BIS']);
    // Calcolato = contabilizzato + differenza: 1.000.000 + 12.000 = 1.012.000; 1.010.000 − 10.000 = 1.000.000.
    expect(tables(docs[0]!)).toEqual([
      [
        ['6 000200 20214', '1', '1.000.000', '1.012.000', '12.000', 'a credito INPS', '3'],
        ['6 000201 20214', '2', '1.010.000', '1.000.000', '10.000', 'a debito INPS', '4 bis'],
      ],
    ]);
    expect(texts(docs[1]!)).toContain('Differenze a CREDITO I.N.P.S. da richiedere');
    expect(fields(docs[1]!)).toEqual(expect.arrayContaining(['Modello SC7/24 numero: 6 000200 20214', 'Tipo movimento: 1', 'Inoltrato nel mese di: febbraio anno 1992', 'Importo contabilizzato L.: 1.000.000', 'Importo calcolato L.: 1.012.000', 'Importo differenza L.: 12.000']));
    expect(tables(docs[1]!)).toEqual([
      [
        ['GPA 37/79', 'GPA 54/51', '12.000'],
        ['GPA 00/79', 'GPA 27/79', '12.000'],
      ],
    ]);
    expect(texts(docs[2]!)).toContain('Differenze a DEBITO I.N.P.S. da rimborsare');
    expect(tables(docs[2]!)).toEqual([[['GPA 54/51', 'GPA 52/99', '10.000']]]);
  });

  it('PD: the differences up to 5.000 lire and the month scheme of allegato 5 (credits 3.000 + 2.000, debits 5.000)', () => {
    const [d] = composeMensile('PD', DATI, header);
    expect(d!.code).toBe('ALLEGATO 5');
    expect(tables(d!)).toEqual([
      [
        ['6 000202 20214', '500.000', '503.000', '3.000', 'a credito INPS'],
        ['6 000203 20214', '505.000', '500.000', '5.000', 'a debito INPS'],
        ['6 000204 20214', '498.000', '500.000', '2.000', 'a credito INPS'],
      ],
      [['GPA 34/99', 'GPA 54/51', '5.000']],
      [['GPA 54/51', 'GPA 24/99', '5.000']],
    ]);
  });

  it('DD: the documenti diversi and the summary by accounting year of allegato 2 (91: 100.000; 92: 400.000 + 150.000)', () => {
    const [d] = composeMensile('DD', DATI, header);
    const t = tables(d!);
    expect(t[0]?.map((r) => [r[0], r[2], r[3], r[6]])).toEqual([
      ['6 000007 11230', '5000099990', '100.000', 'DD003'],
      ['6 000123 20215', '(assente)', '400.000', 'DD003'],
      ['6 000123 20215', 'doc. diverso', '150.000', 'DD001'],
    ]);
    expect(t.slice(1)).toEqual([[['GPA 54/51', 'GPA 52/99', '100.000']], [['GPA 54/51', 'GPA 52/99', '550.000']]]);
    expect(texts(d!)).toEqual(expect.arrayContaining(['Documenti diversi: 3. Importo totale: L. 650.000.', "Modd. SC7/24 con DM20-REG contabilizzati nell'anno 91", "Modd. SC7/24 con DM20-REG contabilizzati nell'anno 92"]));
  });

  it('I2: every SC7/24 forwarded with number and amount of esatti, fuori sede, documenti diversi, and the totals', () => {
    const [d] = composeMensile('I2', DATI, header);
    expect(tables(d!)).toEqual([
      [
        ['6 000123 20215', '3.000.000', '2', '2.000.000', '1', '600.000', '1', '400.000'],
        ['6 000124 20215', '1.010.000', '1', '1.000.000', '0', '0', '0', '0'],
        ['Totale', '4.010.000', '3', '3.000.000', '1', '600.000', '1', '400.000'],
      ],
    ]);
    expect(texts(d!)).toContain('Modd. SC7/24 inoltrati nel mese: 2.');
  });
});

const r = (over: Partial<Ds79Row>): Ds79Row => ({
  id: 1,
  chiave: '6 000123 20215',
  caricatoIl: '1992-02-20T08:00:00.000Z',
  importoContabilizzato: 0,
  calcolato: 0,
  stato: 'inoltrato',
  inoltratoIl: '1992-02-21T08:00:00.000Z',
  cancellato: false,
  esatti: { numero: 0, importo: 0 },
  fuoriSede: { numero: 0, importo: 0 },
  documentiDiversi: { numero: 0, importo: 0 },
  differenza: null,
  ...over,
});
const ROWS: Ds79Row[] = [
  r({ id: 1, importoContabilizzato: 3_000_000, calcolato: 3_000_000, cancellato: true, esatti: { numero: 2, importo: 2_000_000 }, fuoriSede: { numero: 1, importo: 600_000 }, documentiDiversi: { numero: 1, importo: 400_000 } }),
  r({ id: 2, chiave: '6 000124 20215', importoContabilizzato: 1_010_000, calcolato: 1_000_000, differenza: -10_000, esatti: { numero: 1, importo: 1_000_000 } }),
  r({ id: 3, chiave: '6 000125 20310', caricatoIl: '1992-03-01T08:00:00.000Z', stato: 'acquisito', inoltratoIl: null, importoContabilizzato: 500_000, calcolato: 500_000, esatti: { numero: 1, importo: 500_000 } }),
  r({ id: 4, chiave: '6 000126 11231', stato: 'caricato', inoltratoIl: null, importoContabilizzato: 700_000 }),
];
const ids = (q: Parameters<typeof filtraDs79>[1]) => filtraDs79(ROWS, q).map((x) => x.id);

describe('DM20-REG DS79 lists (§9)', () => {
  it('each option over the whole archive', () => {
    const all = { kind: 'archivio' } as const;
    expect(ids({ opzione: 'tutti', periodo: all, chiave: '' })).toEqual([1, 2, 3, 4]);
    expect(ids({ opzione: 'caricati', periodo: all, chiave: '' })).toEqual([4]);
    expect(ids({ opzione: 'acquisiti', periodo: all, chiave: '' })).toEqual([3]);
    expect(ids({ opzione: 'inoltrati', periodo: all, chiave: '' })).toEqual([1, 2]);
    expect(ids({ opzione: 'differenza', periodo: all, chiave: '' })).toEqual([2]);
    expect(ids({ opzione: 'singolo', periodo: all, chiave: ' 6000124 20215 ' })).toEqual([2]);
    expect(ids({ opzione: 'singolo', periodo: all, chiave: '6 000124 20216' })).toEqual([]);
  });
  it('by load month, booking month (data articolo) and account year', () => {
    expect(ids({ opzione: 'tutti', periodo: { kind: 'caricamento', anno: 1992, mese: 3 }, chiave: '' })).toEqual([3]);
    expect(ids({ opzione: 'tutti', periodo: { kind: 'contabilizzazione', anno: 1992, mese: 2 }, chiave: '' })).toEqual([1, 2]);
    expect(ids({ opzione: 'tutti', periodo: { kind: 'anno-conto', anno: 1991 }, chiave: '' })).toEqual([4]);
    expect(ids({ opzione: 'inoltrati', periodo: { kind: 'anno-conto', anno: 1992 }, chiave: '' })).toEqual([1, 2]);
  });
  it('totals and the printed list (3.000.000 + 1.010.000 booked, 3.000.000 + 1.000.000 acquired)', () => {
    const rows = filtraDs79(ROWS, { opzione: 'inoltrati', periodo: { kind: 'archivio' }, chiave: '' });
    expect(totaleDs79(rows)).toEqual({ sc724: 2, contabilizzato: 4_010_000, calcolato: 4_000_000, esatti: { numero: 3, importo: 3_000_000 }, fuoriSede: { numero: 1, importo: 600_000 }, documentiDiversi: { numero: 1, importo: 400_000 } });
    const d = composeDs79(rows, { opzione: 'inoltrati', periodo: { kind: 'archivio' }, chiave: '' }, header);
    expect(tables(d)).toEqual([
      [
        ['6 000123 20215', '20/02/1992', 'inoltrato (cancellato)', '3.000.000', '3.000.000', '2', '1', '1', '', '21/02/1992'],
        ['6 000124 20215', '20/02/1992', 'inoltrato', '1.010.000', '1.000.000', '1', '0', '0', '-10.000', '21/02/1992'],
      ],
    ]);
    expect(texts(d)[0]).toBe('SC7/24 inoltrati — intero archivio.');
  });
});

describe('DM20-REG F — which SC7/24 may be cancelled (§11)', () => {
  const ok = { chiave: '6 000123 20215', quadrato: true, inoltrato: true, cancellato: false, liste: { B: true, C: true, E: true } };
  it('only squared, forwarded, with lists B, C and E printed', () => {
    expect(motiviNonCancellabile(ok)).toEqual([]);
    expect(motiviNonCancellabile({ ...ok, inoltrato: false })).toEqual(['non è stato inoltrato']);
    expect(motiviNonCancellabile({ ...ok, quadrato: false })).toEqual(['non è quadrato']);
    expect(motiviNonCancellabile({ ...ok, liste: { B: true, C: false, E: true } })).toEqual(['la lista C non è stata stampata']);
    expect(motiviNonCancellabile({ ...ok, liste: { B: false, C: true, E: false } })).toEqual(['le liste B, E non sono state stampate']);
    expect(motiviNonCancellabile({ ...ok, cancellato: true })).toEqual(['è già stato cancellato']);
    expect(rifiutoCancellazione([ok])).toBeNull();
    expect(rifiutoCancellazione([ok, { ...ok, chiave: '6 000124 20215', inoltrato: false }])).toBe('Cancellazione rifiutata, nessun SC7/24 cancellato:\nSC7/24 6 000124 20215: non è stato inoltrato.');
  });
});
