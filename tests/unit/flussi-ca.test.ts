/**
 * Flussi incassi C.A. list (seed 003, "Descrizione del file"; red-domain.md §12.4): the seed's example read into
 * the expected rows (fixture tests/fixtures/flussi-ca/esempio.txt, the example as printed); both date forms; the
 * blank-separated form; malformed lines refused with their line; the progressivo di pagamento of the seed (710328).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeProgressivo, readElenco } from '#shared/modules/flussi-ca/elenco';
import { Prng } from '#shared/util/prng';

const ESEMPIO = readFileSync(new URL('../fixtures/flussi-ca/esempio.txt', import.meta.url), 'utf8');
const ROWS = [
  { regione: 'PIEMONTE', codiceDitta: '12345', codiceContributo: '00071', importoCent: 13524, dataPagamento: '2012-02-16' },
  { regione: 'PIEMONTE', codiceDitta: '56789', codiceContributo: '00072', importoCent: 57968, dataPagamento: '2012-02-18' },
  { regione: 'CALABRIA', codiceDitta: '13579', codiceContributo: '00072', importoCent: 15937, dataPagamento: '2012-02-16' },
  { regione: 'CALABRIA', codiceDitta: '24680', codiceContributo: '00073', importoCent: 26048, dataPagamento: '2012-02-17' },
];

describe('Flussi C.A.: reading the list', () => {
  it("the seed's example: header and the four rows", () => {
    expect(readElenco(ESEMPIO)).toEqual({ ok: true, header: { convenzione: '1470', descrizione: 'FED.ARP.', anno: 2012, dataEstrazione: '2012-05-20' }, rows: ROWS });
  });

  it('blank-separated lines and 8-character dates (ggmmaaaa) read the same', () => {
    const plain = ESEMPIO.replace(/ \|/g, '').replace(/(\d{2})\/(\d{2})\/(\d{4})/g, '$1$2$3');
    expect(plain).toContain('12345 00071 135,24 16022012');
    expect(readElenco(plain)).toEqual(readElenco(ESEMPIO));
  });

  it('a convenzione of fewer than 4 digits keeps its leading zeros; thousands with a dot; a region of several words', () => {
    const r = readElenco('Codice convenzione 328 Denominazione ASS. ARTIGIANI Anno 2011 Estrazione 20/11/2011\nFRIULI VENEZIA GIULIA\n123456789|FI508|1.234,50|30/06/2011\n');
    expect(r).toEqual({
      ok: true,
      header: { convenzione: '0328', descrizione: 'ASS. ARTIGIANI', anno: 2011, dataEstrazione: '2011-11-20' },
      rows: [{ regione: 'FRIULI VENEZIA GIULIA', codiceDitta: '123456789', codiceContributo: 'FI508', importoCent: 123450, dataPagamento: '2011-06-30' }],
    });
  });

  const lines = ESEMPIO.split('\r\n');
  const withLine = (n: number, text: string) => lines.map((l, i) => (i === n - 1 ? text : l)).join('\r\n');
  it.each([
    [1, 'Convenzione 1470 Anno 2012', /riga 1: attesa la testata/],
    [1, 'Codice convenzione 14700 Denominazione X Anno 2012 Estrazione 20/05/2012', /riga 1: codice convenzione «14700»/],
    [1, 'Codice convenzione 1470 Denominazione X Anno 2012 Estrazione 31/02/2012', /riga 1: data estrazione: data inesistente/],
    [3, '12345 | 00071 | 135,2 | 16/02/2012 |', /riga 3: importo incasso «135,2»/],
    [3, '12345 | 00071 | 135.24 | 16/02/2012 |', /riga 3: importo incasso «135.24»/],
    [4, '56789 | 00072 | 579,68 | 2012-02-18 |', /riga 4: data pagamento «2012-02-18»: attesa gg\/mm\/aaaa o ggmmaaaa/],
    [4, '56789 | 00072 | 579,68 | 30/02/2012 |', /riga 4: data pagamento: data inesistente/],
    [6, '1234567890 | 00072 | 159,37 | 16/02/2012 |', /riga 6: codice ditta «1234567890»: attese al massimo 9 cifre/],
    [6, '13579 | 000722 | 159,37 | 16/02/2012 |', /riga 6: codice contributo «000722»/],
    [7, '24680 | 00073 | 260,48 |', /riga 7: attesi 4 campi .* trovati 3/],
  ])('line %i malformed → refused with its line', (n, text, message) => {
    const r = readElenco(withLine(n, text));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBe(n);
      expect(r.message).toMatch(message);
    }
  });

  it('a data line before any region line is refused', () => {
    expect(readElenco(withLine(2, '11111 | 00071 | 1,00 | 16/02/2012 |'))).toMatchObject({ ok: false, line: 2, message: expect.stringMatching(/prima della riga della regione/) });
  });

  it('2,000 fuzzed lists never crash', () => {
    const rng = new Prng(2012);
    const alphabet = '0123456789|/ ,.\r\nABCDEFGHIJKLMNOPQRSTUVWXYZ\u00e0\t';
    for (let i = 0; i < 2_000; i++) {
      let t = ESEMPIO;
      for (let e = rng.int(1, 5); e > 0; e--) {
        const p = rng.int(0, t.length);
        t = rng.int(0, 2) === 0 ? t.slice(0, p) + t.slice(p + rng.int(1, 8)) : t.slice(0, p) + alphabet.charAt(rng.int(0, alphabet.length - 1)) + t.slice(p + rng.int(0, 1));
      }
      const r = readElenco(t);
      if (!r.ok) expect(r.line).toBeGreaterThanOrEqual(1);
      else for (const row of r.rows) expect(Number.isInteger(row.importoCent)).toBe(true);
    }
  });
});

describe('progressivo di pagamento', () => {
  it("the seed's 710328: year 2011 (autoliquidazione 902011), convenzione 0328", () => {
    expect(decodeProgressivo('710328')).toEqual({ ok: true, value: { prefisso: '71', anno: 2011, autoliquidazione: '902011', convenzione: '0328' } });
  });
  it('not 6 digits → refused', () => {
    expect(decodeProgressivo('71032')).toMatchObject({ ok: false, message: expect.stringMatching(/attese 6 cifre/) });
  });
});
