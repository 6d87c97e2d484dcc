/**
 * Codice fiscale delle persone fisiche (D.M. 23/12/1976): formal check, check character, omocodia,
 * decoding of the birth data. Pure TS. The odd/even tables are also used by the matricola controcodice.
 */

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Value of A..Z (and of 0..9, which map like A..J) at an odd position (1, 3, 5, …). */
const ODD_TABLE = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
/** Month letters A..T for January..December. */
export const CF_MONTH_LETTERS = 'ABCDEHLMPRST';
/** Omocodia substitution letters for the digits 0..9. */
export const CF_OMOCODIA_LETTERS = 'LMNPQRSTUV';
/** 1-based positions holding digits (or their omocodia letters), in the order INPS/AdE substitute them. */
export const CF_DIGIT_POSITIONS: readonly number[] = [15, 14, 13, 11, 10, 8, 7];
const LETTER_POSITIONS: readonly number[] = [1, 2, 3, 4, 5, 6, 12, 16];
const OMOCODIA_LIST = CF_OMOCODIA_LETTERS.split('').join(', ');
const MONTH_LIST = CF_MONTH_LETTERS.split('').join(', ');

/** Index 0..25 of a letter, or of a digit mapped like A..J; -1 if neither. */
function tableIndex(ch: string): number {
  if (ch.length !== 1) return -1;
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  return LETTERS.indexOf(ch);
}

function indexOrThrow(ch: string): number {
  const i = tableIndex(ch);
  if (i < 0) throw new RangeError(`Carattere «${ch}» non ammesso nel calcolo del carattere di controllo.`);
  return i;
}

export function oddValue(ch: string): number {
  return ODD_TABLE[indexOrThrow(ch)] ?? 0;
}

export function evenValue(ch: string): number {
  return indexOrThrow(ch);
}

/** Odd/even table sum modulo 26 as a letter, over any string of upper-case letters and digits. */
export function weightedCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body.charAt(i);
    sum += i % 2 === 0 ? oddValue(ch) : evenValue(ch);
  }
  return LETTERS.charAt(sum % 26);
}

export function cfCheckChar(first15: string): string {
  if (first15.length !== 15) {
    throw new RangeError(`Codice fiscale: per il carattere di controllo servono 15 caratteri, trovati ${first15.length}.`);
  }
  return weightedCheckChar(first15.toUpperCase());
}

export type CfErrorCode = 'CF_LUNGHEZZA' | 'CF_CARATTERI' | 'CF_CONTROLLO';
export type CfResult =
  | { ok: true; cf: string; omocodico: boolean }
  /** `detail` is `message` without the leading "Codice fiscale: " (for callers that name the field themselves). */
  | { ok: false; code: CfErrorCode; message: string; detail: string; position?: number };

function fail(code: CfErrorCode, detail: string, position?: number): CfResult {
  const r: CfResult = { ok: false, code, message: `Codice fiscale: ${detail}`, detail };
  if (position !== undefined) r.position = position;
  return r;
}

/** Replaces omocodia letters in the digit positions with their digits (other characters unchanged). */
export function deomocodifica(cf: string): string {
  const chars = cf.split('');
  for (const p of CF_DIGIT_POSITIONS) {
    const ch = chars[p - 1];
    const i = ch === undefined ? -1 : CF_OMOCODIA_LETTERS.indexOf(ch);
    if (i >= 0) chars[p - 1] = String(i);
  }
  return chars.join('');
}

function isLetter(ch: string): boolean {
  return ch.length === 1 && ch >= 'A' && ch <= 'Z';
}
function isDigitOrOmocodia(ch: string): boolean {
  return ch.length === 1 && ((ch >= '0' && ch <= '9') || CF_OMOCODIA_LETTERS.includes(ch));
}
function isValidDay(day: number): boolean {
  return (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
}

/** Error detail for the character at 1-based position p, or null if it fits that position. */
function charError(ch: string, p: number): string | null {
  if (LETTER_POSITIONS.includes(p)) {
    return isLetter(ch) ? null : `il carattere «${ch}» in posizione ${p} non è ammesso (attesa una lettera).`;
  }
  if (p === 9) {
    return ch.length === 1 && CF_MONTH_LETTERS.includes(ch)
      ? null
      : `la lettera del mese «${ch}» in posizione 9 non è valida (ammesse ${MONTH_LIST}).`;
  }
  if (isDigitOrOmocodia(ch)) return null;
  return `il carattere «${ch}» in posizione ${p} non è ammesso (attesa una cifra o una lettera di omocodia ${OMOCODIA_LIST}).`;
}

const DAY_RULE = 'ammessi da 01 a 31 per gli uomini, da 41 a 71 per le donne';

/** Per position: L letter, M month letter, D digit or omocodia letter. */
const KIND = 'LLLLLLDDMDDLDDDL';
const MONTHS = new Set('ABCDEHLMPRST'.split('').map((c) => c.charCodeAt(0)));
/** Char code → digit value for digits and omocodia letters, -1 otherwise. */
const DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d <= 9; d++) {
  DIGIT[48 + d] = d;
  DIGIT[CF_OMOCODIA_LETTERS.charCodeAt(d)] = d;
}

const isLetterCode = (c: number): boolean => c >= 65 && c <= 90;

/**
 * Fast path of the formal check: the normalised code (trimmed, upper case) if valid, else null, in one pass
 * and without messages (the validation engine checks every subject's code on every edit);
 * `checkCodiceFiscale` builds the Italian message only for an invalid code.
 */
function validNormalised(input: string): string | null {
  const cf = input.trim().toUpperCase();
  if (cf.length !== 16) return null;
  let sum = 0;
  for (let i = 0; i < 16; i++) {
    const c = cf.charCodeAt(i);
    const k = KIND.charCodeAt(i);
    if (k === 76 /* L */) {
      if (!isLetterCode(c)) return null;
    } else if (k === 77 /* M */) {
      if (!MONTHS.has(c)) return null;
    } else if (c >= 128 || (DIGIT[c] ?? -1) < 0) return null;
    if (i < 15) {
      const idx = c <= 57 ? c - 48 : c - 65;
      sum += i % 2 === 0 ? (ODD_TABLE[idx] ?? 0) : idx;
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

export function checkCodiceFiscale(input: string): CfResult {
  const valid = validNormalised(input);
  if (valid !== null) {
    let omocodico = false;
    for (const p of CF_DIGIT_POSITIONS) if (valid.charCodeAt(p - 1) > 57) omocodico = true;
    return { ok: true, cf: valid, omocodico };
  }
  const cf = input.trim().toUpperCase();
  if (cf.length === 0) return fail('CF_LUNGHEZZA', 'non indicato (attesi 16 caratteri).');
  if (cf.length !== 16) return fail('CF_LUNGHEZZA', `lunghezza errata (attesi 16 caratteri, trovati ${cf.length}).`);
  for (let p = 1; p <= 16; p++) {
    const err = charError(cf.charAt(p - 1), p);
    if (err) return fail('CF_CARATTERI', err, p);
  }
  const plain = deomocodifica(cf);
  const day = Number(plain.slice(9, 11));
  if (!isValidDay(day)) {
    return fail('CF_CARATTERI', `il giorno di nascita «${plain.slice(9, 11)}» (posizioni 10–11) non è valido (${DAY_RULE}).`, 10);
  }
  const expected = weightedCheckChar(cf.slice(0, 15));
  if (cf.charAt(15) !== expected) {
    // Never the expected character (issue 18): it would invite typing it over a mistyped code.
    return fail(
      'CF_CONTROLLO',
      'il carattere di controllo (posizione 16) non corrisponde agli altri caratteri: il codice fiscale contiene un errore di trascrizione. Ricontrollarlo sul documento o sulla tessera sanitaria.',
      16,
    );
  }
  return { ok: true, cf, omocodico: plain !== cf };
}

export interface CodiceFiscaleData {
  sesso: 'M' | 'F';
  annoDueCifre: number;
  mese: number;
  giorno: number;
  /** Codice catastale of the comune (or Z… of the foreign state) of birth, omocodia removed. */
  codiceComune: string;
}

/** Birth data encoded in a valid codice fiscale; throws an Error with the Italian message if it is invalid. */
export function decodeCodiceFiscale(cf: string): CodiceFiscaleData {
  const r = checkCodiceFiscale(cf);
  if (!r.ok) throw new Error(r.message);
  const plain = deomocodifica(r.cf);
  const day = Number(plain.slice(9, 11));
  return {
    sesso: day > 40 ? 'F' : 'M',
    annoDueCifre: Number(plain.slice(6, 8)),
    mese: CF_MONTH_LETTERS.indexOf(plain.charAt(8)) + 1,
    giorno: day > 40 ? day - 40 : day,
    codiceComune: plain.slice(11, 15),
  };
}

/**
 * True if s (trimmed, any case) could be the start of a codice fiscale: 1..15 characters, each allowed at its
 * position, and the day (once its digits are there) plausible. With 16 characters: the full check.
 */
export function isCodiceFiscalePrefix(s: string): boolean {
  const t = s.trim().toUpperCase();
  if (t.length === 0 || t.length > 16) return false;
  if (t.length === 16) return checkCodiceFiscale(t).ok;
  for (let p = 1; p <= t.length; p++) if (charError(t.charAt(p - 1), p)) return false;
  const plain = deomocodifica(t);
  if (t.length >= 10 && Number(plain.charAt(9)) > 7) return false;
  if (t.length >= 11 && !isValidDay(Number(plain.slice(9, 11)))) return false;
  return true;
}
