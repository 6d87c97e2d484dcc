/**
 * An independent reference for the codice fiscale check character and formal check, and for the Stringa CAF
 * controcodice, written for the tests from the published rules (D.M. 23/12/1976: the tables of the
 * characters in odd and even positions; /work/shared/reference/stringa-caf.md for the Stringa CAF), as
 * character → value maps. It imports nothing from the product, so a test comparing the two is an oracle.
 */

/** Odd positions (1st, 3rd, …): the D.M.'s table, a digit counting as the letter in the same row. */
const DISPARI: Readonly<Record<string, number>> = {
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
};

/** Even positions: A = 0 … Z = 25, and 0 … 9 their own value. */
function pari(ch: string): number {
  return ch >= '0' && ch <= '9' ? Number(ch) : ch.charCodeAt(0) - 65;
}

/** Sum of the values (odd table at positions 1, 3, …; even table at 2, 4, …) modulo 26, as a letter. */
export function referenceCheckChar(body: string): string {
  let sum = 0;
  [...body].forEach((ch, i) => {
    const v = (i + 1) % 2 === 1 ? DISPARI[ch] : pari(ch);
    if (v === undefined || v < 0 || v > 25) throw new Error(`carattere non ammesso: ${ch}`);
    sum += v;
  });
  return String.fromCharCode(65 + (sum % 26));
}

const OMOCODIA = 'LMNPQRSTUV';
const CIFRA = `[0-9${OMOCODIA}]`;
/** Letters for surname and name, year, month letter, day, comune (a letter and three digits), check letter. */
const SHAPE = new RegExp(`^[A-Z]{6}${CIFRA}{2}[ABCDEHLMPRST]${CIFRA}{2}[A-Z]${CIFRA}{3}[A-Z]$`);

function digitOf(ch: string): number {
  return ch >= '0' && ch <= '9' ? Number(ch) : OMOCODIA.indexOf(ch);
}

/** Formal check of a codice fiscale (blanks around and lower case tolerated, as the desk does). */
export function referenceCfValid(input: string): boolean {
  const cf = input.trim().toUpperCase();
  if (!SHAPE.test(cf)) return false;
  const day = digitOf(cf.charAt(9)) * 10 + digitOf(cf.charAt(10));
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return false;
  return referenceCheckChar(cf.slice(0, 15)) === cf.charAt(15);
}
