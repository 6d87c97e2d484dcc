import { describe, it, expect } from 'vitest';
import {
  cfCheckChar,
  checkCodiceFiscale,
  decodeCodiceFiscale,
  evenValue,
  isCodiceFiscalePrefix,
  oddValue,
  CF_DIGIT_POSITIONS,
  CF_OMOCODIA_LETTERS,
} from '#shared/codice-fiscale/codice-fiscale';

const VALID = 'RSSMRA85T10A562S';

/** Replaces the character at 1-based position p. */
const setAt = (s: string, p: number, ch: string): string => s.slice(0, p - 1) + ch + s.slice(p);
/** Sets the check character (position 16) to the correct one for the first 15 characters. */
const withCheck = (first15: string): string => first15 + cfCheckChar(first15);

/** Substitutes the digits of the first n omocodia positions (from the right: 15, 14, 13, 11, 10, 8, 7). */
function omocodifica(cf: string, n: number): string {
  let s = cf.slice(0, 15);
  for (const p of CF_DIGIT_POSITIONS.slice(0, n)) s = setAt(s, p, CF_OMOCODIA_LETTERS.charAt(Number(s.charAt(p - 1))));
  return withCheck(s);
}

describe('tabelle dispari/pari', () => {
  it('le cifre valgono come le lettere A–J in entrambe le tabelle', () => {
    for (let d = 0; d <= 9; d++) {
      const letter = 'ABCDEFGHIJ'.charAt(d);
      expect(oddValue(String(d))).toBe(oddValue(letter));
      expect(evenValue(String(d))).toBe(evenValue(letter));
    }
  });
  it('valori noti della tabella dispari e pari', () => {
    expect([oddValue('A'), oddValue('B'), oddValue('K'), oddValue('M'), oddValue('X'), oddValue('Z')]).toEqual([1, 0, 2, 18, 25, 23]);
    expect([evenValue('A'), evenValue('Z'), evenValue('7')]).toEqual([0, 25, 7]);
  });
  it('la tabella dispari è una permutazione di 0..25 (ogni lettera un valore diverso)', () => {
    const values = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map(oddValue);
    expect(new Set(values).size).toBe(26);
    expect(Math.max(...values)).toBe(25);
  });
  it('rifiuta caratteri che non sono lettere o cifre', () => {
    expect(() => oddValue('-')).toThrow(/non ammesso/);
    expect(() => evenValue('a')).toThrow(RangeError);
  });
});

describe('cfCheckChar', () => {
  it('calcola il carattere di controllo di RSSMRA85T10A562 (vettore calcolato a mano)', () => {
    // dispari: R8 S12 R8 8→19 T14 0→1 5→13 2→5 = 80; pari: S18 M12 A0 5 1 A0 6 = 42; 122 mod 26 = 18 → S
    expect(cfCheckChar('RSSMRA85T10A562')).toBe('S');
    expect(cfCheckChar('rssmra85t10a562')).toBe('S');
  });
  it('richiede esattamente 15 caratteri', () => {
    expect(() => cfCheckChar('RSSMRA85T10A56')).toThrow(/15 caratteri/);
  });
});

describe('checkCodiceFiscale', () => {
  it('accetta un codice valido, anche minuscolo e con spazi intorno', () => {
    expect(checkCodiceFiscale(VALID)).toEqual({ ok: true, cf: VALID, omocodico: false });
    expect(checkCodiceFiscale(`  ${VALID.toLowerCase()} \r\n`)).toEqual({ ok: true, cf: VALID, omocodico: false });
  });

  it('rifiuta un carattere di controllo errato senza suggerire quello atteso (S)', () => {
    const r = checkCodiceFiscale(setAt(VALID, 16, 'T'));
    expect(r).toMatchObject({ ok: false, code: 'CF_CONTROLLO', position: 16 });
    if (r.ok) return;
    expect(r.message).toBe('Codice fiscale: il carattere di controllo (posizione 16) non corrisponde agli altri caratteri: il codice fiscale contiene un errore di trascrizione. Ricontrollarlo sul documento o sulla tessera sanitaria.');
    expect(r.detail).toBe('il carattere di controllo (posizione 16) non corrisponde agli altri caratteri: il codice fiscale contiene un errore di trascrizione. Ricontrollarlo sul documento o sulla tessera sanitaria.');
    expect(r.message).not.toMatch(/atteso|\bS\b/);
  });

  it.each([
    ['', /non indicato/],
    ['RSSMRA85T10A562', /attesi 16 caratteri, trovati 15/],
    ['RSSMRA85T10A562SX', /attesi 16 caratteri, trovati 17/],
  ])('rifiuta la lunghezza errata di «%s»', (input, msg) => {
    const r = checkCodiceFiscale(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('CF_LUNGHEZZA');
    expect(r.message).toMatch(/^Codice fiscale: /);
    expect(r.message).toMatch(msg);
  });

  it.each([
    [setAt(VALID, 15, '#'), 15, /attesa una cifra o una lettera di omocodia/],
    [setAt(VALID, 1, '1'), 1, /attesa una lettera/],
    [setAt(VALID, 12, '5'), 12, /attesa una lettera/],
    [setAt(VALID, 7, 'A'), 7, /«A» in posizione 7/],
    [setAt(VALID, 16, '0'), 16, /attesa una lettera/],
    [setAt(VALID, 4, ' '), 4, /posizione 4/],
  ])('rifiuta caratteri non ammessi (%s, posizione %i)', (input, position, msg) => {
    const r = checkCodiceFiscale(input);
    expect(r).toMatchObject({ ok: false, code: 'CF_CARATTERI', position });
    if (!r.ok) expect(r.message).toMatch(msg);
  });

  it('rifiuta una lettera del mese non valida', () => {
    for (const month of 'FGIJKNOQUVWXYZ') {
      const r = checkCodiceFiscale(withCheck(setAt(VALID, 9, month).slice(0, 15)));
      expect(r).toMatchObject({ ok: false, code: 'CF_CARATTERI', position: 9 });
      if (!r.ok) expect(r.message).toContain('lettera del mese');
    }
  });

  it.each(['00', '32', '40', '72', '99'])('rifiuta il giorno di nascita %s', (day) => {
    const r = checkCodiceFiscale(withCheck(VALID.slice(0, 9) + day + VALID.slice(11, 15)));
    expect(r).toMatchObject({ ok: false, code: 'CF_CARATTERI', position: 10 });
    if (!r.ok) expect(r.message).toBe(
      `Codice fiscale: il giorno di nascita «${day}» (posizioni 10–11) non è valido (ammessi da 01 a 31 per gli uomini, da 41 a 71 per le donne).`,
    );
  });

  it('accetta il giorno +40 delle donne e ne ricava sesso e giorno', () => {
    const cf = withCheck('RSSMRA85T50A562');
    expect(checkCodiceFiscale(cf).ok).toBe(true);
    expect(decodeCodiceFiscale(cf)).toEqual({ sesso: 'F', annoDueCifre: 85, mese: 12, giorno: 10, codiceComune: 'A562' });
    expect(checkCodiceFiscale(withCheck('RSSMRA85T71A562')).ok).toBe(true);
    expect(checkCodiceFiscale(withCheck('RSSMRA85T41A562')).ok).toBe(true);
  });

  it('omocodia: sostituendo le cifre da destra il codice resta valido, omocodico e con gli stessi dati', () => {
    const plain = decodeCodiceFiscale(VALID);
    for (let n = 1; n <= 7; n++) {
      const cf = omocodifica(VALID, n);
      expect(cf).not.toBe(VALID);
      expect(checkCodiceFiscale(cf)).toEqual({ ok: true, cf, omocodico: true });
      expect(decodeCodiceFiscale(cf)).toEqual(plain);
    }
    expect(omocodifica(VALID, 7)).toBe(withCheck('RSSMRAURTMLARSN'));
  });

  it('omocodia: il carattere di controllo va ricalcolato sul codice sostituito', () => {
    const wrong = omocodifica(VALID, 1).slice(0, 15) + 'S';
    const r = checkCodiceFiscale(wrong);
    expect(r).toMatchObject({ ok: false, code: 'CF_CONTROLLO' });
  });

  it('rifiuta nelle posizioni numeriche le lettere che non sono di omocodia', () => {
    for (const ch of 'ABCDEFGHIJKOWXYZ') {
      expect(checkCodiceFiscale(withCheck(setAt(VALID, 14, ch).slice(0, 15)))).toMatchObject({ ok: false, code: 'CF_CARATTERI', position: 14 });
    }
  });
});

describe('decodeCodiceFiscale', () => {
  it('ricava sesso, anno, mese, giorno e comune', () => {
    expect(decodeCodiceFiscale(VALID)).toEqual({ sesso: 'M', annoDueCifre: 85, mese: 12, giorno: 10, codiceComune: 'A562' });
    expect(decodeCodiceFiscale(withCheck('BNCLRA02A41Z404'))).toEqual({ sesso: 'F', annoDueCifre: 2, mese: 1, giorno: 1, codiceComune: 'Z404' });
  });
  it('lancia un errore in italiano su un codice non valido', () => {
    expect(() => decodeCodiceFiscale('RSSMRA85T10A562T')).toThrow('Codice fiscale: il carattere di controllo (posizione 16) non corrisponde agli altri caratteri: il codice fiscale contiene un errore di trascrizione. Ricontrollarlo sul documento o sulla tessera sanitaria.');
  });
});

describe('isCodiceFiscalePrefix', () => {
  it.each(['R', 'rss', 'RSSMRA', 'RSSMRA8', 'RSSMRA85T', 'RSSMRA85T4', 'RSSMRA85T10', 'RSSMRA85T10A562', 'RSSMRAUR', VALID])(
    '«%s» può essere l\'inizio di un codice fiscale',
    (s) => expect(isCodiceFiscalePrefix(s)).toBe(true),
  );
  it.each(['', '  ', '1', 'RSSMR4', 'RSSMRAA', 'RSSMRA85F', 'RSSMRA85T8', 'RSSMRA85T32', 'RSSMRA85T00', 'RSSMRA85T10A562T', `${VALID}X`])(
    '«%s» non può essere l\'inizio di un codice fiscale',
    (s) => expect(isCodiceFiscalePrefix(s)).toBe(false),
  );
});
