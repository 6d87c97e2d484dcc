/**
 * Fast formal check of a codice fiscale for the validation hot path: the same answer as
 * `checkCodiceFiscale(cf).ok` (a parity test compares them over generated and mutated codes) without building
 * messages or intermediate strings. Rules call `checkCodiceFiscale` only when this says "invalid", to get the
 * Italian message; a valid code — the normal case — costs a single pass over 16 characters.
 */
import { CF_OMOCODIA_LETTERS } from '../codice-fiscale/codice-fiscale';

/** Odd-position values of A..Z (digits map like A..J): the D.M. 23/12/1976 table. */
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
/** Per position: L letter, M month letter, D digit or omocodia letter. */
const KIND = 'LLLLLLDDMDDLDDDL';
const MONTHS = new Set('ABCDEHLMPRST'.split('').map((c) => c.charCodeAt(0)));
/** Char code → digit value for digits and omocodia letters, -1 otherwise. */
const DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d <= 9; d++) {
  DIGIT[48 + d] = d;
  DIGIT[CF_OMOCODIA_LETTERS.charCodeAt(d)] = d;
}

const isLetter = (c: number): boolean => c >= 65 && c <= 90;

/** The normalised code (trimmed, upper case) if formally valid, else null. */
function validNormalised(input: string): string | null {
  const cf = input.trim().toUpperCase();
  if (cf.length !== 16) return null;
  let sum = 0;
  for (let i = 0; i < 16; i++) {
    const c = cf.charCodeAt(i);
    const k = KIND.charCodeAt(i);
    if (k === 76 /* L */) {
      if (!isLetter(c)) return null;
    } else if (k === 77 /* M */) {
      if (!MONTHS.has(c)) return null;
    } else if (c >= 128 || (DIGIT[c] ?? -1) < 0) return null;
    if (i < 15) {
      const idx = c <= 57 ? c - 48 : c - 65;
      sum += i % 2 === 0 ? (ODD[idx] ?? 0) : idx;
    }
  }
  const day = (DIGIT[cf.charCodeAt(9)] ?? 0) * 10 + (DIGIT[cf.charCodeAt(10)] ?? 0);
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return null;
  return cf.charCodeAt(15) === 65 + (sum % 26) ? cf : null;
}

export function isCodiceFiscaleValido(input: string): boolean {
  return validNormalised(input) !== null;
}

/** Two-digit birth year ("05") of a formally valid code (omocodia undone), or null if the code is invalid. */
export function annoNascitaDueCifre(input: string): string | null {
  const cf = validNormalised(input);
  if (cf === null) return null;
  return `${DIGIT[cf.charCodeAt(6)] ?? 0}${DIGIT[cf.charCodeAt(7)] ?? 0}`;
}
