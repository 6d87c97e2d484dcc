/**
 * INAIL DNA record (seed 002 "Struttura record", red-domain.md §12.3): every position checked against the seed's
 * table with values written by hand; a foreign worker, start only, end only; wrong records refused with line and
 * position; 5,000 fuzzed records read without a crash. Employer 12345678903: check digit 3 computed by hand
 * (odd places 1+3+5+7+9 = 25, even places 2,4,6,8,0 doubled → 4+8+3+7+0 = 22, 47 → 3); the codici fiscali of INPS
 * (80078750587) and INAIL (01165400589) are public third-party vectors of the 11-digit rule.
 */
import { describe, expect, it } from 'vitest';
import { buildDnaFile, buildDnaRecord, DNA_LAYOUT, dnaFileName, readDnaFile, readDnaRecord, type DnaRecordData } from '#shared/modules/inail-dna/record';
import { checkDatore, checkDenuncia } from '#shared/modules/inail-dna/checks';
import { checkCodiceFiscaleNumerico } from '#shared/codice-fiscale/numerico';
import { Prng } from '#shared/util/prng';

const WORKER = 'RSSMRA40A01H501K';
const base: DnaRecordData = {
  cfLavoratore: WORKER,
  posizione: '123456789',
  dataInizio: '2009-04-15',
  dataFine: null,
  straniero: false,
  cognome: '',
  nome: '',
  cfDatore: '12345678903',
  codiceAccesso: '4321',
};
/** 1-based inclusive slice, as the seed counts. */
const at = (rec: string, from: number, to: number) => rec.slice(from - 1, to);

describe('DNA record: the seed\'s table, position by position', () => {
  it('the layout covers 1–168 without gaps', () => {
    let next = 1;
    for (const f of DNA_LAYOUT) {
      expect(f.from).toBe(next);
      next = f.to + 1;
    }
    expect(next).toBe(169);
  });

  it('hiring only (start date, no end)', () => {
    const rec = buildDnaRecord(base);
    expect(rec).toHaveLength(168);
    expect(at(rec, 1, 16)).toBe('RSSMRA40A01H501K');
    expect(at(rec, 17, 25)).toBe('123456789');
    expect(at(rec, 26, 29)).toBe('2009');
    expect(at(rec, 30, 30)).toBe('?');
    expect(at(rec, 31, 32)).toBe('04');
    expect(at(rec, 33, 33)).toBe('?');
    expect(at(rec, 34, 35)).toBe('15');
    expect(at(rec, 36, 39)).toBe('    ');
    expect(at(rec, 40, 40)).toBe('?');
    expect(at(rec, 41, 42)).toBe('  ');
    expect(at(rec, 43, 43)).toBe('?');
    expect(at(rec, 44, 45)).toBe('  ');
    expect(at(rec, 46, 47)).toBe('??');
    expect(at(rec, 48, 63)).toBe('12345678903     ');
    expect(at(rec, 64, 67)).toBe('4321');
    expect(at(rec, 68, 87)).toBe('                    ');
    expect(at(rec, 88, 88)).toBe('n');
    expect(at(rec, 89, 128)).toBe(' '.repeat(40));
    expect(at(rec, 129, 168)).toBe(' '.repeat(40));
    // The whole record, written out by hand.
    expect(rec).toBe(`RSSMRA40A01H501K1234567892009?04?15    ?  ?  ??12345678903     4321${' '.repeat(20)}n${' '.repeat(80)}`);
  });

  it('end only (cessation)', () => {
    const rec = buildDnaRecord({ ...base, dataInizio: null, dataFine: '2009-12-31' });
    expect(at(rec, 26, 35)).toBe('    ?  ?  ');
    expect(at(rec, 36, 39)).toBe('2009');
    expect(at(rec, 40, 40)).toBe('?');
    expect(at(rec, 41, 42)).toBe('12');
    expect(at(rec, 43, 43)).toBe('?');
    expect(at(rec, 44, 45)).toBe('31');
  });

  it('a foreign worker without codice fiscale: blanks at 1–16, s at 88, names left-aligned and blank-padded', () => {
    const rec = buildDnaRecord({ ...base, cfLavoratore: '', straniero: true, cognome: "N'DIAYE", nome: 'AMADOU', cfDatore: 'RSSMRA40A01H501K', dataFine: '2009-05-01' });
    expect(at(rec, 1, 16)).toBe(' '.repeat(16));
    expect(at(rec, 26, 45)).toBe('2009?04?152009?05?01');
    expect(at(rec, 48, 63)).toBe('RSSMRA40A01H501K');
    expect(at(rec, 88, 88)).toBe('s');
    expect(at(rec, 89, 128)).toBe(`N'DIAYE${' '.repeat(33)}`);
    expect(at(rec, 129, 168)).toBe(`AMADOU${' '.repeat(34)}`);
    expect(readDnaRecord(rec, 1)).toEqual({ ok: true, value: { ...base, cfLavoratore: '', straniero: true, cognome: "N'DIAYE", nome: 'AMADOU', cfDatore: 'RSSMRA40A01H501K', dataFine: '2009-05-01' } });
  });

  it('the file: CR LF after each record, name ending with inail_dna.txt, read back to the same notices', () => {
    const recs = [base, { ...base, dataInizio: null, dataFine: '2010-01-31' }];
    const text = buildDnaFile(recs);
    expect(text.length).toBe(2 * 170);
    expect(text.slice(168, 170)).toBe('\r\n');
    expect(dnaFileName('20091203-101500')).toBe('20091203-101500_inail_dna.txt');
    expect(dnaFileName('x').endsWith('inail_dna.txt')).toBe(true);
    expect(readDnaFile(text)).toEqual({ ok: true, records: recs });
    expect(readDnaFile(text.replace(/\r\n/g, '\n'))).toEqual({ ok: true, records: recs });
  });
});

describe('DNA file read: a wrong record is refused with its line and position', () => {
  const good = buildDnaRecord(base);
  const put = (rec: string, pos: number, s: string) => rec.slice(0, pos - 1) + s + rec.slice(pos - 1 + s.length);
  const cases: [string, string, number, RegExp][] = [
    ['short record', good.slice(0, 160), 161, /lungo 160 caratteri invece di 168/],
    ['? at 30 missing', put(good, 30, '-'), 30, /'\?'/],
    ['? at 47 missing', put(good, 47, ' '), 47, /'\?'/],
    ['month 13', put(good, 31, '13'), 31, /mese di inizio «13» inesistente/],
    ['31 April', put(good, 34, '31'), 34, /giorno di inizio «31» inesistente \(il mese ne ha 30\)/],
    ['letters in the year', put(good, 36, '20X9'), 36, /anno di fine/],
    ['no date at all', put(good, 26, '    ?  ?  '), 26, /indicarne almeno una/],
    ['end before start', put(good, 36, '2009?04?14'), 36, /non può essere precedente/],
    ['worker CF check character', put(good, 16, 'A'), 1, /Codice fiscale del lavoratore: il carattere di controllo/],
    ['posizione with a letter', put(good, 17, 'A23456789'), 17, /Posizione assicurativa: attese 9 cifre/],
    ['employer CF check digit', put(good, 48, '12345678904'), 48, /Codice fiscale del datore di lavoro: la cifra di controllo/],
    ['no access code', put(good, 64, '    '), 64, /codice di accesso riservato « {4}»: obbligatorio/],
    ['not blank at 70', put(good, 70, 'X'), 70, /68–87/],
    ['flag S upper case', put(good, 88, 'S'), 88, /atteso 's'/],
    ['name with flag n', put(good, 129, 'MARIO'), 129, /cognome e nome vanno lasciati a spazi/],
  ];
  it.each(cases)('%s', (_n, rec, position, message) => {
    const text = `${good}\r\n${rec}\r\n`;
    const r = readDnaFile(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBe(2);
    expect(r.error.position).toBe(position);
    expect(r.error.message).toMatch(/^File DNA non letto: riga 2, posizione \d+: /);
    expect(r.error.message).toMatch(message);
  });

  it('a foreign worker with s but no cognome is refused at 89', () => {
    const rec = buildDnaRecord({ ...base, cfLavoratore: '', straniero: true, cognome: 'X', nome: 'Y' });
    const r = readDnaRecord(rec.slice(0, 88) + ' '.repeat(80), 3);
    expect(r).toMatchObject({ ok: false, error: { line: 3, position: 89 } });
  });

  it('5,000 fuzzed records: never a crash, always a result with a line and position inside the record', () => {
    const rng = new Prng(15_2026);
    const alphabet = ' ?0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZsn\'-.\t\u00e0\u0000\r';
    let accepted = 0;
    for (let i = 0; i < 5_000; i++) {
      let rec = good;
      const edits = rng.int(1, 4);
      for (let e = 0; e < edits; e++) {
        const kind = rng.int(0, 9);
        const pos = rng.int(0, rec.length);
        if (kind === 0) rec = rec.slice(0, pos) + rec.slice(pos + rng.int(1, 10));
        else if (kind === 1) rec = rec.slice(0, pos) + alphabet.charAt(rng.int(0, alphabet.length - 1)) + rec.slice(pos);
        else rec = rec.slice(0, pos) + alphabet.charAt(rng.int(0, alphabet.length - 1)) + rec.slice(pos + 1);
      }
      const r = readDnaFile(`${good}\n${rec}\n`);
      if (r.ok) {
        accepted++;
        // An accepted record writes back to exactly what was read (a CR at its end is the line's end).
        expect(buildDnaRecord(r.records[1]!)).toBe(rec.replace(/\r$/, ''));
      } else {
        expect(r.error.line).toBeGreaterThanOrEqual(2);
        expect(r.error.position).toBeGreaterThanOrEqual(1);
        expect(r.error.position).toBeLessThanOrEqual(169);
        expect(r.error.message).toMatch(/^File DNA non letto: riga \d+, posizione \d+: ./);
      }
    }
    expect(accepted).toBeLessThan(5_000);
  });
});

describe('DNA checks: Italian messages naming the field', () => {
  it('11-digit codice fiscale: third-party vectors and a hand-computed one', () => {
    expect(checkCodiceFiscaleNumerico('80078750587').ok).toBe(true);
    expect(checkCodiceFiscaleNumerico('01165400589').ok).toBe(true);
    expect(checkCodiceFiscaleNumerico('12345678903').ok).toBe(true);
    expect(checkCodiceFiscaleNumerico('12345678904')).toMatchObject({ ok: false, position: 11 });
  });

  it('employer: codice fiscale and access code', () => {
    expect(checkDatore({ codiceFiscale: ' 12345678903 ', codiceAccesso: '4321', denominazione: 'Rossi srl' })).toEqual({
      ok: true,
      value: { codiceFiscale: '12345678903', codiceAccesso: '4321', denominazione: 'Rossi srl' },
    });
    const r = checkDatore({ codiceFiscale: 'RSSMRA40A01H501A', codiceAccesso: '', denominazione: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['codiceFiscale', 'codiceAccesso']);
    expect(r.errors[0]!.message).toMatch(/^Codice fiscale del datore di lavoro: il carattere di controllo/);
    expect(r.errors[1]!.message).toMatch(/^Codice di accesso riservato: obbligatorio/);
    const r2 = checkDatore({ codiceFiscale: '12345678903', codiceAccesso: '12a4', denominazione: '' });
    expect(r2).toMatchObject({ ok: false, errors: [{ field: 'codiceAccesso', message: 'Codice di accesso riservato: attese 4 cifre, trovato «12a4».' }] });
  });

  const input = { cfLavoratore: WORKER, posizione: '123456789', dataInizio: '15/04/2009', dataFine: '', straniero: false, cognome: '', nome: '' };
  it('notice: dates real, end not before start, one of them at least', () => {
    expect(checkDenuncia(input)).toEqual({ ok: true, value: { ...input, dataInizio: '2009-04-15', dataFine: null } });
    expect(checkDenuncia({ ...input, dataInizio: '31/02/2009' })).toMatchObject({ ok: false, errors: [{ field: 'dataInizio', message: expect.stringMatching(/^Data di inizio del rapporto di lavoro: data inesistente «31\/02\/2009»/) }] });
    expect(checkDenuncia({ ...input, dataInizio: '' })).toMatchObject({ ok: false, errors: [{ field: 'dataInizio', message: expect.stringMatching(/indicarne almeno una/) }] });
    expect(checkDenuncia({ ...input, dataFine: '14042009' })).toMatchObject({ ok: false, errors: [{ field: 'dataFine', message: 'Data di fine del rapporto di lavoro: non può essere precedente alla data di inizio.' }] });
    expect(checkDenuncia({ ...input, posizione: '12345678' })).toMatchObject({ ok: false, errors: [{ field: 'posizione', message: 'Posizione assicurativa: attese 9 cifre, trovato «12345678».' }] });
  });

  it('foreign worker: cognome and nome required, no codice fiscale, no accents', () => {
    const f = { ...input, cfLavoratore: '', straniero: true, cognome: 'diallo', nome: '' };
    expect(checkDenuncia(f)).toMatchObject({ ok: false, errors: [{ field: 'nome', message: 'Nome del lavoratore straniero: obbligatorio quando manca il codice fiscale.' }] });
    expect(checkDenuncia({ ...f, nome: 'Moussà' })).toMatchObject({ ok: false, errors: [{ field: 'nome', message: expect.stringMatching(/carattere «À» non ammesso/) }] });
    expect(checkDenuncia({ ...f, nome: 'moussa' })).toMatchObject({ ok: true, value: { cognome: 'DIALLO', nome: 'MOUSSA', cfLavoratore: '' } });
    expect(checkDenuncia({ ...f, cfLavoratore: WORKER, nome: 'X' })).toMatchObject({ ok: false, errors: [{ field: 'cfLavoratore' }] });
  });
});
