/**
 * The codice fiscale against oracles the product did not compute: published codes with their check
 * characters from a well-kept third-party validator, and an independent reference implementation
 * (tests/helpers/reference-cf.ts) for the fast path (isCodiceFiscaleValido) and the detailed check on
 * generated codes. (This replaces a test that compared the fast path with checkCodiceFiscale, which calls it.)
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '#shared/util/prng';
import { annoNascitaDueCifre, cfCheckChar, checkCodiceFiscale, decodeCodiceFiscale, isCodiceFiscaleValido } from '#shared/codice-fiscale/codice-fiscale';
import { referenceCfValid, referenceCheckChar } from '../helpers/reference-cf';

/**
 * Published by python-codicefiscale (github.com/fabiocaccamo/python-codicefiscale), tests/test_encode.py at
 * commit 8e140267f52faf48201fafaea0b6bab7f4a24c58: each code with the person it was encoded from (birth date,
 * sex, place of birth), so the decoded birth data are checked too.
 */
const PUBLISHED: readonly { cf: string; born: string; sesso: 'M' | 'F'; comune: string }[] = [
  { cf: 'THDSDA95P08Z330H', born: '1995-09-08', sesso: 'M', comune: 'Z330' }, // Marocco
  { cf: 'BLSLGS84C22Z145O', born: '1984-03-22', sesso: 'M', comune: 'Z145' }, // Lettonia
  { cf: 'BRNGNN71B26L219T', born: '1971-02-26', sesso: 'M', comune: 'L219' }, // Torino
  { cf: 'CCCFBA85D03L219P', born: '1985-04-03', sesso: 'M', comune: 'L219' },
  { cf: 'GMBLSN84A05G674H', born: '1984-01-05', sesso: 'M', comune: 'G674' }, // Pinerolo
  { cf: 'MRTMRA83T56A269B', born: '1983-12-16', sesso: 'F', comune: 'A269' }, // Anagni
  { cf: 'PNLMHL79R27I158P', born: '1979-10-27', sesso: 'M', comune: 'I158' }, // San Severo
  { cf: 'QTRDRA71P13G388J', born: '1971-09-13', sesso: 'M', comune: 'G388' }, // Pavia
  { cf: 'TKKYKU87B68L219F', born: '1987-02-28', sesso: 'F', comune: 'L219' },
  { cf: 'RSSMRA50B17A558W', born: '1950-02-17', sesso: 'M', comune: 'A558' }, // Porretta Terme
];

/**
 * The same source, tests/test_checks.py at commit 9158cab2fcb3cd4f27a778d9f72e21700e09bc22: the omocodes of
 * CCCFBA85D03L219P (digits replaced from the right) with their own check characters, and a wrong one.
 */
const OMOCODES = ['CCCFBA85D03L21VE', 'CCCFBA85D03L2MVP', 'CCCFBA85D03LNMVE', 'CCCFBA85D0PLNMVA', 'CCCFBA85DLPLNMVL', 'CCCFBA8RDLPLNMVX', 'CCCFBAURDLPLNMVU'];
const WRONG_CHECK = 'CCCFBA85D03L219B'; // the right one is P

describe('codici fiscali pubblicati (python-codicefiscale)', () => {
  it.each(PUBLISHED)('$cf: valido, carattere di controllo e dati di nascita come pubblicati', ({ cf, born, sesso, comune }) => {
    expect(cfCheckChar(cf.slice(0, 15))).toBe(cf.charAt(15));
    expect(isCodiceFiscaleValido(cf)).toBe(true);
    expect(checkCodiceFiscale(cf)).toEqual({ ok: true, cf, omocodico: false });
    const [yyyy, mm, dd] = born.split('-').map(Number);
    expect(decodeCodiceFiscale(cf)).toEqual({ sesso, annoDueCifre: yyyy! % 100, mese: mm, giorno: dd, codiceComune: comune });
  });

  it.each(OMOCODES)('%s: omocodice valido, stessi dati di nascita di CCCFBA85D03L219P', (cf) => {
    expect(cfCheckChar(cf.slice(0, 15))).toBe(cf.charAt(15));
    expect(isCodiceFiscaleValido(cf)).toBe(true);
    expect(checkCodiceFiscale(cf)).toEqual({ ok: true, cf, omocodico: true });
    expect(decodeCodiceFiscale(cf)).toEqual({ sesso: 'M', annoDueCifre: 85, mese: 4, giorno: 3, codiceComune: 'L219' });
  });

  it('anno di nascita a due cifre (fast path), omocodia annullata', () => {
    for (const { cf, born } of PUBLISHED) expect(annoNascitaDueCifre(cf), cf).toBe(born.slice(2, 4));
    for (const cf of OMOCODES) expect(annoNascitaDueCifre(cf), cf).toBe('85');
    expect(annoNascitaDueCifre(WRONG_CHECK)).toBeNull();
    expect(annoNascitaDueCifre('CCCFBA85D03L219')).toBeNull();
  });

  it('un carattere di controllo errato è rifiutato indicando quello atteso', () => {
    expect(isCodiceFiscaleValido(WRONG_CHECK)).toBe(false);
    expect(checkCodiceFiscale(WRONG_CHECK)).toMatchObject({ ok: false, code: 'CF_CONTROLLO', position: 16, message: 'Codice fiscale: il carattere di controllo non è corretto (atteso P, posizione 16).' });
  });

  it('the reference agrees with the published codes (the oracle is itself checked)', () => {
    for (const { cf } of PUBLISHED) expect(referenceCheckChar(cf.slice(0, 15)), cf).toBe(cf.charAt(15));
    for (const cf of OMOCODES) expect(referenceCfValid(cf), cf).toBe(true);
    expect(referenceCfValid(WRONG_CHECK)).toBe(false);
  });
});

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;
const OMOCODIA = 'LMNPQRSTUV';
/** Positions of the digits, in the order the Agenzia replaces them with letters (from the right). */
const DIGIT_POSITIONS = [15, 14, 13, 11, 10, 8, 7];

/** A code built with the reference check character (never the product's). */
function generated(p: Prng): string {
  const pick = (s: string) => s.charAt(p.int(0, s.length - 1));
  const day = p.int(1, 31) + (p.chance(0.5) ? 40 : 0);
  const chars = [
    ...Array.from({ length: 6 }, () => pick(LETTERS)),
    pick('0123456789'),
    pick('0123456789'),
    pick('ABCDEHLMPRST'),
    ...String(day).padStart(2, '0'),
    pick(LETTERS),
    pick('0123456789'),
    pick('0123456789'),
    pick('0123456789'),
  ];
  for (const pos of DIGIT_POSITIONS.slice(0, p.chance(0.3) ? p.int(1, 7) : 0)) chars[pos - 1] = OMOCODIA.charAt(Number(chars[pos - 1]));
  const body = chars.join('');
  return body + referenceCheckChar(body);
}

/** One typing or reading mistake. */
function mutated(cf: string, p: Prng): string {
  const i = p.int(0, cf.length - 1);
  const k = p.next();
  if (k < 0.6) return cf.slice(0, i) + ALNUM.charAt(p.int(0, ALNUM.length - 1)) + cf.slice(i + 1);
  if (k < 0.7) return cf.toLowerCase();
  if (k < 0.8) return ` ${cf}\t`;
  if (k < 0.9) return cf.slice(0, i) + cf.slice(i + 1);
  return cf.slice(0, i) + cf.charAt(i + 1) + cf.charAt(i) + cf.slice(i + 2); // two characters swapped
}

describe('fast path and detailed check against the independent reference', () => {
  it('agree with the reference on 20,000 generated codes and 20,000 mistakes', () => {
    const p = new Prng(19761223);
    const seen = { valid: 0, invalid: 0 };
    for (let n = 0; n < 20_000; n++) {
      const cf = generated(p);
      for (const v of [cf, mutated(cf, p)]) {
        const want = referenceCfValid(v);
        expect(isCodiceFiscaleValido(v), v).toBe(want);
        expect(checkCodiceFiscale(v).ok, v).toBe(want);
        seen[want ? 'valid' : 'invalid']++;
      }
      expect(cfCheckChar(cf.slice(0, 15)), cf).toBe(cf.charAt(15));
    }
    // Both outcomes well represented, so agreement means something.
    expect(seen.valid).toBeGreaterThan(20_000);
    expect(seen.invalid).toBeGreaterThan(8_000);
  });

  it('agree on every character at every position, with the check character recomputed (only the structure can fail)', () => {
    const p = new Prng(1976);
    let checked = 0;
    let refused = 0;
    for (const base of [...PUBLISHED.map((x) => x.cf), ...OMOCODES, ...Array.from({ length: 40 }, () => generated(p))]) {
      for (let pos = 1; pos <= 15; pos++) {
        for (const ch of ALNUM) {
          const body = base.slice(0, pos - 1) + ch + base.slice(pos, 15);
          const cf = body + referenceCheckChar(body);
          const want = referenceCfValid(cf);
          expect(isCodiceFiscaleValido(cf), cf).toBe(want);
          expect(checkCodiceFiscale(cf).ok, cf).toBe(want);
          checked++;
          if (!want) refused++;
        }
      }
    }
    expect(checked).toBe(57 * 15 * 36);
    expect(refused).toBeGreaterThan(checked / 4);
  });
});
