/**
 * The Stringa CAF (RED2009 layout, /work/shared/reference/stringa-caf.md) against oracles the product did not
 * compute: matricole whose controcodice was worked out by hand, and the independent reference of
 * tests/helpers/reference-cf.ts with the allowed values copied from the reference document's table.
 */
import { describe, expect, it } from 'vitest';
import { Prng } from '#shared/util/prng';
import { controcodice, generateMatricola, parseMatricola } from '#shared/matricola/codec';
import { referenceCfValid, referenceCheckChar } from '../helpers/reference-cf';

/**
 * By hand (odd positions with the D.M.'s odd table, even positions A=0…Z=25 / digits as themselves):
 *  BRNGNN71B26L219T G 3 3 0 A 1 29 00 1 7 4
 *   odd  B0 N20 N20 7→17 B0 6→15 2→5 9→21 G15 3→7 A1 2→5 0→1 1→0 4→9 = 136
 *   even R17 G6 N13 1 2 L11 1 T19 3 0 1 9 0 7                          =  90
 *   226 mod 26 = 18 → S
 *  CCCFBA85D03L21VE (an omocode) 8 1 2 1 0 0 01 01 0 0 0
 *   odd  C5 C5 B0 8→19 D7 3→7 2→5 V10 8→19 2→5 0→1 0→1 0→1 0→1 0→1 = 87
 *   even C2 F5 A0 5 0 L11 1 E4 1 1 0 1 1 0                             = 32
 *   119 mod 26 = 15 → P
 */
const HAND = [
  {
    matricola: 'BRNGNN71B26L219TG330A12900174S',
    values: {
      codiceFiscale: 'BRNGNN71B26L219T', codiceEmissione: 'G', anniRichiesti: '3', statoCivile: '3', rilevanzaConiuge: '0', numeroFigli: 'A',
      codiceInvarianza: '1', tipoRighiDichiarante: '29', tipoRighiNucleo: '00', flagPensioniEstere: '1', flagLavoro2007: '7', flagLavoro2008: '4',
    },
    anni: [2008, 2007],
  },
  {
    matricola: 'CCCFBA85D03L21VE8121000101000P',
    values: {
      codiceFiscale: 'CCCFBA85D03L21VE', codiceEmissione: '8', anniRichiesti: '1', statoCivile: '2', rilevanzaConiuge: '1', numeroFigli: '0',
      codiceInvarianza: '0', tipoRighiDichiarante: '01', tipoRighiNucleo: '01', flagPensioniEstere: '0', flagLavoro2007: '0', flagLavoro2008: '0',
    },
    anni: [2008],
  },
] as const;

describe('matricole calcolate a mano', () => {
  it.each(HAND)('$matricola: letta, decodificata e rigenerata uguale', ({ matricola, values, anni }) => {
    expect(controcodice(matricola.slice(0, 29))).toBe(matricola.charAt(29));
    const r = parseMatricola(matricola);
    if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
    expect(r.value.values).toEqual({ ...values, controcodice: matricola.charAt(29) });
    expect(r.value.anni).toEqual(anni);
    expect(generateMatricola(values)).toBe(matricola);
    // Read from a scanner: lower case and a trailing CR are not part of the string.
    expect(parseMatricola(`${matricola.toLowerCase()}\r\n`).ok).toBe(true);
  });

  it.each(HAND)('$matricola: every other controcodice is refused, naming the controcodice', ({ matricola }) => {
    for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      if (ch === matricola.charAt(29)) continue;
      const r = parseMatricola(matricola.slice(0, 29) + ch);
      expect(r.ok, ch).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.field)).toEqual(['controcodice']);
    }
  });

  it('the reference agrees with the hand computations (the oracle is itself checked)', () => {
    for (const { matricola } of HAND) expect(referenceCheckChar(matricola.slice(0, 29))).toBe(matricola.charAt(29));
  });
});

/** Allowed values per position 17–29, copied from the reference document's table (anni richiesti 2 is refused). */
const ALLOWED: readonly (readonly [number, string])[] = [
  [17, '8GH'],
  [18, '13'],
  [19, '012345'],
  [20, '012'],
  [21, '0123456789ABCDE'],
  [22, '01'],
  // 23–26: codice tipo righi dichiarante 01–29 and nucleo 00–29, checked as two-character values below.
  [27, '01'],
  [28, '01234567'],
  [29, '01234567'],
];
const TIPO_RIGHI = (v: string, min: number) => /^\d\d$/.test(v) && Number(v) >= min && Number(v) <= 29;

/** The reference's verdict on positions 1–29 (the controcodice is recomputed, so it is always right). */
function referenceBodyValid(body: string): boolean {
  if (!referenceCfValid(body.slice(0, 16))) return false;
  for (const [pos, set] of ALLOWED) if (!set.includes(body.charAt(pos - 1))) return false;
  return TIPO_RIGHI(body.slice(22, 24), 1) && TIPO_RIGHI(body.slice(24, 26), 0);
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

describe('Stringa CAF against the independent reference', () => {
  it('every character at every position 1–29, controcodice recomputed by the reference: accepted exactly when the table allows it', () => {
    let accepted = 0;
    let refused = 0;
    for (const { matricola } of HAND) {
      for (let pos = 1; pos <= 29; pos++) {
        for (const ch of ALNUM) {
          const body = matricola.slice(0, pos - 1) + ch + matricola.slice(pos, 29);
          const m = body + referenceCheckChar(body);
          const want = referenceBodyValid(body);
          expect(parseMatricola(m).ok, m).toBe(want);
          if (want) accepted++;
          else refused++;
        }
      }
    }
    expect(accepted).toBeGreaterThan(150);
    expect(refused).toBeGreaterThan(1_000);
  });

  it('5,000 random valid matricole: the product computes the reference controcodice and reads them back', () => {
    const p = new Prng(2009);
    const pick = (s: string) => s.charAt(p.int(0, s.length - 1));
    const two = (min: number) => String(p.int(min, 29)).padStart(2, '0');
    for (let n = 0; n < 5_000; n++) {
      // A codice fiscale of the reference's making.
      let cf = '';
      while (!referenceCfValid(cf)) {
        const body = `${Array.from({ length: 6 }, () => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ')).join('')}${p.int(10, 99)}${pick('ABCDEHLMPRST')}${String(p.int(1, 31) + (p.chance(0.5) ? 40 : 0)).padStart(2, '0')}${pick('ABCDEFGHILMZ')}${p.int(100, 999)}`;
        cf = body + referenceCheckChar(body);
      }
      const values = {
        codiceFiscale: cf, codiceEmissione: pick('8GH'), anniRichiesti: pick('13'), statoCivile: pick('012345'), rilevanzaConiuge: pick('012'),
        numeroFigli: pick('0123456789ABCDE'), codiceInvarianza: pick('01'), tipoRighiDichiarante: two(1), tipoRighiNucleo: two(0),
        flagPensioniEstere: pick('01'), flagLavoro2007: pick('01234567'), flagLavoro2008: pick('01234567'),
      };
      const body = Object.values(values).join('');
      const expected = body + referenceCheckChar(body);
      expect(generateMatricola(values), body).toBe(expected);
      expect(parseMatricola(expected).ok, expected).toBe(true);
    }
  });
});
