import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { read730File } from '#shared/import730/file';
import { Dichiarazione730Schema } from '#shared/import730/model';
import { Prng } from '#shared/util/prng';

const ESEMPIO = readFileSync(new URL('../../fixtures/730/esempio.txt', import.meta.url), 'utf8');
const A = 'RSSMRA40A01H501K';

/** The example with one line replaced (1-based line number of the file). */
function withLine(n: number, text: string | null): string {
  const lines = ESEMPIO.split('\n');
  if (text === null) lines.splice(n - 1, 1);
  else lines[n - 1] = text;
  return lines.join('\n');
}

function refusal(text: string) {
  const r = read730File(text);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('730 file reader: the example of 730-file.md', () => {
  it('reads the two 730s, every line, amounts in cents', () => {
    const r = read730File(ESEMPIO);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.dichiarazioni).toHaveLength(2);
    expect(r.lines).toEqual([3, 10]);
    const [a, b] = r.dichiarazioni;
    expect(a).toMatchObject({ modello: '730/2009', cfDichiarante: A, cfConiuge: null, stato: 'TRASM_CGN', dataStato: '2009-05-20' });
    expect(a?.righe).toEqual([
      { record: 'P', cf: A, rigo: 1, importo: 12000 },
      { record: 'P', cf: A, rigo: 3, importo: 85050 },
      { record: 'P', cf: A, rigo: 7, importo: 60000 },
      { record: 'C', cf: A, sezione: 'I', rigo: 'C1', tipologia: '1', col2: null, importo: 1420000, campoRed: 'NR', estero: false },
      { record: 'C', cf: A, sezione: 'I', rigo: 'C2', tipologia: '2', col2: '2', importo: 310000, campoRed: 'A1', estero: false },
      { record: 'D', cf: A, rigo: 'D5', codice: 2, importo: 90000, campoRed: 'A3' },
    ]);
    expect(b).toMatchObject({ cfDichiarante: 'BNCLRA45B41F205A', cfConiuge: 'VRDGPP43C10F205W' });
    expect(b?.righe).toEqual([{ record: 'C', cf: 'VRDGPP43C10F205W', sezione: 'I', rigo: 'C1', tipologia: '1', col2: null, importo: 530000, campoRed: 'H', estero: true }]);
    for (const d of r.dichiarazioni) expect(Dichiarazione730Schema.parse(d)).toEqual(d);
  });

  it('accepts CRLF, a BOM, blank lines and comments', () => {
    const r = read730File(`\ufeff${ESEMPIO.replace(/\n/g, '\r\n')}\r\n\r\n# fine\r\n`);
    expect(r.ok && r.dichiarazioni.length).toBe(2);
  });

  it('a negative amount only on 730/3 row 3', () => {
    const r = read730File(withLine(5, `P|${A}|3|-850,50`));
    expect(r.ok && r.dichiarazioni[0]?.righe[1]).toEqual({ record: 'P', cf: A, rigo: 3, importo: -85050 });
    expect(refusal(withLine(4, `P|${A}|1|-120,00`))).toMatchObject({ line: 4, field: 'importo', position: 4 });
  });
});

describe('730 file reader: malformed files are refused with line, field and what was expected', () => {
  it('missing field', () => {
    const e = refusal(withLine(8, `C|${A}|I|C2|2|2|3100,00|A1`));
    expect(e).toMatchObject({ line: 8, field: 'record C' });
    expect(e.message).toBe('File 730 non letto: riga 8: record C: atteso 9 campi separati da «|» (nessun campo può contenere «|»); trovato «8 campi».');
  });

  it('a «|» inside a field makes one field too many', () => {
    const e = refusal(withLine(9, `D|${A}|D5|2|900,00|A3|extra`));
    expect(e).toMatchObject({ line: 9, field: 'record D', expected: '6 campi separati da «|» (nessun campo può contenere «|»)' });
  });

  it('wrong count in FINE', () => {
    const e = refusal(withLine(12, 'FINE|3'));
    expect(e).toMatchObject({ line: 12, field: 'numero di 730 nel file', position: 2, expected: '2 (i record «730» letti)' });
    expect(e.message).toBe('File 730 non letto: riga 12, campo 2 «numero di 730 nel file»: atteso 2 (i record «730» letti); trovato «3».');
  });

  it('FINE missing, or a record after it', () => {
    expect(refusal(withLine(12, null))).toMatchObject({ field: 'ultima riga' });
    expect(refusal(`${ESEMPIO}P|${A}|1|1,00\n`)).toMatchObject({ line: 13, field: 'riga dopo FINE' });
  });

  it('bad codice fiscale: wrong check character, lower case, wrong length', () => {
    expect(refusal(withLine(3, '730|730/2009|RSSMRA40A01H501A||TRASM_CGN|2009-05-20'))).toMatchObject({ line: 3, field: 'codice fiscale dichiarante', position: 3 });
    expect(refusal(withLine(4, 'P|rssmra40a01h501k|1|120,00'))).toMatchObject({ line: 4, field: 'codice fiscale soggetto', position: 2 });
    const e = refusal(withLine(10, '730|730/2009|BNCLRA45B41F205A|VRDGPP43C10F205|TRASM_CGN|2009-06-03'));
    expect(e).toMatchObject({ line: 10, field: 'codice fiscale coniuge dichiarante', position: 4 });
    expect(e.message).toContain('atteso un codice fiscale di 16 caratteri maiuscoli con il carattere di controllo corretto; trovato «VRDGPP43C10F205»');
  });

  it('a subject that is neither dichiarante nor coniuge of the 730', () => {
    expect(refusal(withLine(11, 'C|RSSMRA40A01H501K|I|C1|1||5300,00|H|S'))).toMatchObject({ line: 11, field: 'codice fiscale soggetto' });
  });

  it('bad amount: thousands separator, one decimal, dot, negative, letters', () => {
    for (const bad of ['14.200,00', '14200,0', '14200.00', '-1,00', '1420O,00', '']) {
      expect(refusal(withLine(7, `C|${A}|I|C1|1||${bad}|NR|N`))).toMatchObject({ line: 7, field: 'importo', position: 7 });
    }
  });

  it('unknown record, and a row before any 730', () => {
    const e = refusal(withLine(9, `X|${A}|D5|2|900,00|A3`));
    expect(e).toMatchObject({ line: 9, field: 'tipo record', expected: 'uno tra RED730, 730, P, C, D, FINE' });
    expect(refusal(withLine(3, `P|${A}|1|120,00`))).toMatchObject({ line: 3, field: 'tipo record', expected: 'un record «730» prima delle sue righe' });
  });

  it('header, modello, stato, date, codes and campo RED', () => {
    expect(refusal(withLine(1, 'RED730|2'))).toMatchObject({ line: 1, field: 'versione' });
    expect(refusal(withLine(1, '# niente'))).toMatchObject({ line: 3, field: 'prima riga' });
    expect(refusal('')).toMatchObject({ line: 1, field: 'prima riga' });
    expect(refusal(withLine(3, `730|730/2010|${A}||TRASM_CGN|2009-05-20`))).toMatchObject({ line: 3, field: 'modello', expected: 'uno tra 730/2008, 730/2009' });
    expect(refusal(withLine(3, `730|730/2009|${A}||INVIATO|2009-05-20`))).toMatchObject({ line: 3, field: 'stato' });
    expect(refusal(withLine(3, `730|730/2009|${A}||TRASM_CGN|2009-02-30`))).toMatchObject({ line: 3, field: 'data stato' });
    expect(refusal(withLine(4, `P|${A}|4|120,00`))).toMatchObject({ line: 4, field: 'rigo 730/3' });
    expect(refusal(withLine(8, `C|${A}|I|C2|2|2|3100,00|B2|N`))).toMatchObject({ line: 8, field: 'campo RED', position: 8 });
    expect(refusal(withLine(8, `C|${A}|II|C6|2||3100,00|A1|N`))).toMatchObject({ line: 8, field: 'tipologia' });
    expect(refusal(withLine(9, `D|${A}|D5|4|900,00|A3`))).toMatchObject({ line: 9, field: 'codice', expected: 'un codice del rigo D5 del 730/2009: 1, 2, 3' });
  });

  it('D4 code 8 exists only in the 730/2009 (pp. 21–26)', () => {
    expect(read730File(withLine(9, `D|${A}|D4|8|900,00|F3`)).ok).toBe(true);
    const e = refusal(withLine(3, `730|730/2008|${A}||TRASM_CGN|2008-05-20`).replace(`D|${A}|D5|2|900,00|A3`, `D|${A}|D4|8|900,00|F3`));
    expect(e).toMatchObject({ line: 9, field: 'codice', expected: 'un codice del rigo D4 del 730/2008: 1, 2, 3, 4, 5, 6, 7' });
  });

  it('the same codice fiscale and modello twice in one file', () => {
    const twice = ESEMPIO.replace('FINE|2', `730|730/2009|${A}||TRASM_CGN|2009-05-21\nFINE|3`);
    expect(refusal(twice)).toMatchObject({ line: 12, field: 'codice fiscale dichiarante', expected: 'un solo 730 730/2009 per codice fiscale nel file (già presente alla riga 3)' });
  });
});

describe('730 file reader: fuzz', () => {
  it('10,000 mutated files: never throws; a refusal always names a line of the file and says what was expected', () => {
    const rng = new Prng(730);
    const alphabet = ['|', ',', '-', '0', '9', 'A', 'Z', '\n', '\r', ' ', '#', 'é', '\u0000', 'C', 'D', 'P'];
    let refused = 0;
    for (let i = 0; i < 10_000; i++) {
      const chars = [...ESEMPIO];
      const edits = rng.int(1, 4);
      for (let k = 0; k < edits; k++) {
        const at = rng.int(0, chars.length - 1);
        const op = rng.int(0, 2);
        if (op === 0) chars.splice(at, 1);
        else if (op === 1) chars.splice(at, 0, rng.pick(alphabet));
        else chars[at] = rng.pick(alphabet);
      }
      const text = chars.join('');
      const r = read730File(text);
      if (!r.ok) {
        refused++;
        expect(r.error.line).toBeGreaterThanOrEqual(1);
        expect(r.error.line).toBeLessThanOrEqual(text.split('\n').length);
        expect(r.error.expected.length).toBeGreaterThan(0);
        expect(r.error.message).toMatch(/^File 730 non letto: riga \d+/);
      } else {
        for (const d of r.dichiarazioni) Dichiarazione730Schema.parse(d);
      }
    }
    expect(refused).toBeGreaterThan(5_000);
  });
});
