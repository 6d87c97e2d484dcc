/** The fast path of `checkCodiceFiscale` (no messages) must agree with the detailed check it falls back to. */
import { describe, expect, it } from 'vitest';
import { Prng } from '#shared/util/prng';
import { CF_DIGIT_POSITIONS, CF_MONTH_LETTERS, CF_OMOCODIA_LETTERS, cfCheckChar, checkCodiceFiscale, decodeCodiceFiscale } from '#shared/codice-fiscale/codice-fiscale';
import { annoNascitaDueCifre, isCodiceFiscaleValido } from '#shared/codice-fiscale/codice-fiscale';

/** Deterministic PRNG (mulberry32) so that a failure is reproducible. */
function prng(seed: number): () => number {
  const p = new Prng(seed);
  return () => p.next();
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;

function validCf(r: () => number): string {
  const pick = (s: string) => s.charAt(Math.floor(r() * s.length));
  const digits = (n: number) => Array.from({ length: n }, () => pick('0123456789')).join('');
  const day = Math.floor(r() * 31) + 1 + (r() < 0.5 ? 40 : 0);
  let body =
    Array.from({ length: 6 }, () => pick(LETTERS)).join('') +
    digits(2) +
    pick(CF_MONTH_LETTERS) +
    String(day).padStart(2, '0') +
    pick(LETTERS) +
    digits(3);
  // Omocodia on some codes: substitute digits from the right, as the Agenzia does.
  const subs = r() < 0.3 ? Math.floor(r() * 4) + 1 : 0;
  const chars = body.split('');
  for (const p of CF_DIGIT_POSITIONS.slice(0, subs)) chars[p - 1] = CF_OMOCODIA_LETTERS.charAt(Number(chars[p - 1]));
  body = chars.join('');
  return body + cfCheckChar(body);
}

function mutate(cf: string, r: () => number): string {
  const i = Math.floor(r() * cf.length);
  const k = r();
  if (k < 0.6) return cf.slice(0, i) + ALNUM.charAt(Math.floor(r() * ALNUM.length)) + cf.slice(i + 1);
  if (k < 0.7) return cf.toLowerCase();
  if (k < 0.8) return ` ${cf}\t`;
  if (k < 0.9) return cf.slice(0, i) + cf.slice(i + 1);
  return cf.slice(0, i) + 'é' + cf.slice(i + 1);
}

describe('isCodiceFiscaleValido ≡ checkCodiceFiscale(cf).ok', () => {
  it('agrees on 20,000 generated, omocodic and mutated codes', () => {
    const r = prng(2009);
    let valid = 0;
    for (let n = 0; n < 10_000; n++) {
      const cf = validCf(r);
      const variants = [cf, mutate(cf, r)];
      for (const v of variants) {
        const ref = checkCodiceFiscale(v).ok;
        expect(isCodiceFiscaleValido(v), v).toBe(ref);
        if (ref) valid++;
      }
    }
    expect(valid).toBeGreaterThan(10_000);
  });

  it('agrees on edge cases', () => {
    for (const v of ['', 'RSSMRA40A01H501', 'RSSMRA40A01H501XX', 'RSSMRA40Z01H501A', 'RSSMRA40A00H501A', 'RSSMRA40A32H501A', 'RSSMRA40A41H501A']) {
      expect(isCodiceFiscaleValido(v), v).toBe(checkCodiceFiscale(v).ok);
    }
  });

  it('gives the two-digit birth year with omocodia undone', () => {
    const r = prng(7);
    for (let n = 0; n < 2_000; n++) {
      const cf = validCf(r);
      expect(annoNascitaDueCifre(cf)).toBe(String(decodeCodiceFiscale(cf).annoDueCifre).padStart(2, '0'));
    }
    expect(annoNascitaDueCifre('RSSMRA40A01H501')).toBeNull();
  });
});
