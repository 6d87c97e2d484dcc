import { describe, it, expect } from 'vitest';
import { parseAnagraficaScan, type AnagraficaScanResult } from '#shared/matricola/anagrafica-scan';

const LINE = 'AN|RSSMRA85T10A562S|ROSSI|MARIO|M|19851210|ANCONA|VIA ROMA 1|60121|ANCONA|AN';
const fields = (r: AnagraficaScanResult): string[] => (r.ok ? [] : r.errors.map((e) => e.field));
/** Replaces the n-th |-separated part (0 = "AN"). */
const withPart = (n: number, v: string): string => LINE.split('|').map((p, i) => (i === n ? v : p)).join('|');

describe('parseAnagraficaScan', () => {
  it('legge una riga valida', () => {
    expect(parseAnagraficaScan(LINE)).toEqual({
      ok: true,
      warnings: [],
      value: {
        codiceFiscale: 'RSSMRA85T10A562S',
        cognome: 'ROSSI',
        nome: 'MARIO',
        sesso: 'M',
        dataNascita: '1985-12-10',
        comuneNascita: 'ANCONA',
        indirizzo: 'VIA ROMA 1',
        cap: '60121',
        comuneResidenza: 'ANCONA',
        provincia: 'AN',
      },
    });
  });

  it('accetta suffissi del lettore, spazi attorno ai campi, minuscole in CF, sesso e provincia', () => {
    const r = parseAnagraficaScan(' an| rssmra85t10a562s |Rossi|Mario|m|19851210|Ancona|Via Roma 1|60121|Ancona|an\r\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ codiceFiscale: 'RSSMRA85T10A562S', cognome: 'Rossi', sesso: 'M', provincia: 'AN' });
  });

  it('rifiuta una riga che non inizia con AN|', () => {
    const r = parseAnagraficaScan('RSSMRA85T10A562S8121200503013I');
    expect(r).toEqual({ ok: false, errors: [{ field: 'formato', message: expect.stringContaining('deve iniziare con «AN|»') }] });
  });

  it.each([
    [LINE.split('|').slice(0, 10).join('|'), 9],
    [`${LINE}|X`, 11],
  ])('rifiuta un numero di campi errato', (line, found) => {
    const r = parseAnagraficaScan(line);
    expect(fields(r)).toEqual(['formato']);
    if (!r.ok) expect(r.errors[0]?.message).toContain(`attesi 10 campi separati da «|», trovati ${found}`);
  });

  it.each<[number, string, string, RegExp]>([
    [1, 'RSSMRA85T10A562T', 'codiceFiscale', /^Codice fiscale: il carattere di controllo \(posizione 16\) non corrisponde agli altri caratteri/],
    [2, '', 'cognome', /^Cognome: non indicato\.$/],
    [3, ' ', 'nome', /^Nome: non indicato\.$/],
    [4, 'X', 'sesso', /^Sesso: valore «X» non ammesso; valori ammessi: M, F\.$/],
    [5, '19850230', 'dataNascita', /^Data di nascita: «19850230» non è una data valida \(formato atteso AAAAMMGG\)\.$/],
    [5, '10/12/1985', 'dataNascita', /formato atteso AAAAMMGG/],
    [6, '', 'comuneNascita', /^Comune di nascita: non indicato/],
    [7, '', 'indirizzo', /^Indirizzo: non indicato/],
    [8, '6012', 'cap', /^CAP: «6012» non valido \(attese 5 cifre\)\.$/],
    [9, '', 'comuneResidenza', /^Comune di residenza: non indicato/],
    [10, 'ANC', 'provincia', /^Provincia: «ANC» non valida/],
  ])('campo %i = «%s» → errore su %s', (n, v, field, msg) => {
    const r = parseAnagraficaScan(withPart(n, v));
    expect(fields(r)).toEqual([field]);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(msg);
  });

  it('riporta tutti gli errori insieme', () => {
    const r = parseAnagraficaScan('AN|XXX||MARIO|Z|2020|ANCONA|VIA ROMA 1|ABCDE|ANCONA|1');
    expect(fields(r)).toEqual(['codiceFiscale', 'cognome', 'sesso', 'dataNascita', 'cap', 'provincia']);
  });

  it('rifiuta i dati anagrafici di un\'altra persona rispetto alla dichiarazione', () => {
    const r = parseAnagraficaScan(LINE, 'BNCLRA02A41Z404S');
    expect(fields(r)).toEqual(['codiceFiscale']);
    if (!r.ok) expect(r.errors[0]?.message).toBe(
      'Codice fiscale: i dati anagrafici letti (RSSMRA85T10A562S) sono di una persona diversa da quella della dichiarazione (BNCLRA02A41Z404S).',
    );
    expect(parseAnagraficaScan(LINE, ' rssmra85t10a562s ').ok).toBe(true);
  });

  it('segnala (senza bloccare) sesso e data di nascita incoerenti con il codice fiscale', () => {
    const r = parseAnagraficaScan(withPart(5, '19851211').replace('|M|', '|F|'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([
      'Il sesso indicato (F) non corrisponde a quello del codice fiscale (M).',
      'La data di nascita indicata non corrisponde a quella del codice fiscale.',
    ]);
  });
});
