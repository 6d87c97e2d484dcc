/**
 * "Sblocca dichiarazione errata" (guide p. 70, 97–98; issue 12 point 4): the unlock code the CAF operator reads out
 * on the phone. Pure: the HMAC-SHA256 is passed in (node:crypto on the desk and on the server), so both sides build
 * the same message here and nowhere else.
 *
 *   chiave di sblocco = HMAC-SHA256(segreto dello sportello, "red-desk/sblocco/v1")
 *   codice            = 15 bit giorno di scadenza (giorni dal 2000-01-01) ‖ primi 45 bit di
 *                       HMAC-SHA256(chiave di sblocco, "v1|<sportello>|<codice fiscale>|<campagna>|<progressivo>|<errore>|<scadenza>")
 *   60 bit in base32 di Crockford, 12 caratteri in gruppi di 4 (XXXX-XXXX-XXXX).
 *
 * The desk derives the key from its own secret and checks a code offline; the server keeps only the derived key
 * (src-server/http/auth.ts), never the secret. A code names one desk, one declaration (what the desk operator reads
 * out: codice fiscale, campagna, progressivo), one error code and its last valid day.
 */

export type Hmac = (key: Uint8Array, message: Uint8Array) => Uint8Array;

/** The cross-check errors the CAF can lift (pp. 96–98; rules/imp730.ts). */
export const CODICI_SBLOCCABILI = ['IMP-05', 'IMP-06', 'IMP-07', 'IMP-08'] as const;
export type CodiceSbloccabile = (typeof CODICI_SBLOCCABILI)[number];
export const isSbloccabile = (code: string): code is CodiceSbloccabile => (CODICI_SBLOCCABILI as readonly string[]).includes(code);

/** Days a code issued today stays valid by default, and at most. */
export const GIORNI_VALIDITA = 5;
export const GIORNI_VALIDITA_MAX = 14;

export const KEY_LABEL = 'red-desk/sblocco/v1';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const EPOCH_MS = Date.UTC(2000, 0, 1);
const DAY_MS = 86_400_000;
const DAY_BITS = 15;
const MAC_BITS = 45;
export const CODE_CHARS = 12;

export interface Pratica {
  deskId: string;
  codiceFiscale: string;
  campagna: string;
  progressivo: number;
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

export function chiaveSblocco(hmac: Hmac, deskSecret: string): Uint8Array {
  return hmac(utf8(deskSecret), utf8(KEY_LABEL));
}

/** The signed message: every part normalised as the two sides type it. */
export function messaggio(p: Pratica, errore: string, scadenza: string): string {
  return ['v1', p.deskId.trim().toLowerCase(), p.codiceFiscale.trim().toUpperCase(), p.campagna.trim().toUpperCase(), String(p.progressivo), errore, scadenza].join('|');
}

export function dayNumber(iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - EPOCH_MS) / DAY_MS);
}
export function dayIso(n: number): string {
  return new Date(EPOCH_MS + n * DAY_MS).toISOString().slice(0, 10);
}

/** The first 45 bits of the MAC as a bigint. */
function mac45(hmac: Hmac, key: Uint8Array, p: Pratica, errore: string, scadenza: string): bigint {
  const m = hmac(key, utf8(messaggio(p, errore, scadenza)));
  let v = 0n;
  for (let i = 0; i < 6; i++) v = (v << 8n) | BigInt(m[i] ?? 0);
  return v >> BigInt(48 - MAC_BITS);
}

function encode(v: bigint): string {
  let out = '';
  for (let i = CODE_CHARS - 1; i >= 0; i--) out += ALPHABET[Number((v >> BigInt(5 * i)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** The code for a declaration and an error, valid until `scadenza` (ISO day, included). */
export function generaCodice(hmac: Hmac, key: Uint8Array, p: Pratica, errore: CodiceSbloccabile, scadenza: string): string {
  const day = dayNumber(scadenza);
  if (!Number.isInteger(day) || day < 0 || day >= 1 << DAY_BITS) throw new RangeError(`Scadenza fuori intervallo: ${scadenza}`);
  return encode((BigInt(day) << BigInt(MAC_BITS)) | mac45(hmac, key, p, errore, scadenza));
}

/** Crockford decoding: case-insensitive, O→0, I/L→1, hyphens and blanks ignored; null when not 12 valid symbols. */
export function decodifica(text: string): bigint | null {
  const s = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== CODE_CHARS) return null;
  let v = 0n;
  for (const c of s) {
    const i = ALPHABET.indexOf(c);
    if (i < 0) return null;
    v = (v << 5n) | BigInt(i);
  }
  return v;
}

/** The code as the CAF issues it (XXXX-XXXX-XXXX), from what was typed; null when malformed. */
export function normalizza(text: string): string | null {
  const v = decodifica(text);
  return v === null ? null : encode(v);
}

export type Verifica =
  | { ok: true; scadenza: string }
  | { ok: false; motivo: 'FORMATO' | 'SCADUTO' | 'NON_VALIDO'; message: string };

/**
 * Checks a code typed on the desk. `today` is the desk's day (Italian time). The comparison is constant-time over
 * the 45 bits; a code for another desk, declaration or error is just "non valido" (the desk cannot tell which).
 */
export function verificaCodice(hmac: Hmac, key: Uint8Array, p: Pratica, errore: string, text: string, today: string): Verifica {
  const v = decodifica(text);
  if (v === null) {
    return { ok: false, motivo: 'FORMATO', message: 'Codice di sblocco non valido: sono attesi 12 caratteri (cifre e lettere, in gruppi di 4 come XXXX-XXXX-XXXX).' };
  }
  const day = Number(v >> BigInt(MAC_BITS));
  const scadenza = dayIso(day);
  const expected = mac45(hmac, key, p, errore, scadenza);
  const given = v & ((1n << BigInt(MAC_BITS)) - 1n);
  let diff = 0n;
  for (let i = 0; i < MAC_BITS; i++) diff |= ((expected >> BigInt(i)) ^ (given >> BigInt(i))) & 1n;
  if (diff !== 0n || dayNumber(today) + GIORNI_VALIDITA_MAX < day) {
    return {
      ok: false,
      motivo: 'NON_VALIDO',
      message: `Codice di sblocco non valido per questa dichiarazione (sportello ${p.deskId}, progressivo ${p.progressivo}, codice fiscale ${p.codiceFiscale}) e per l'errore ${errore}: verificare con l'operatore del CAF i dati comunicati e il codice letto.`,
    };
  }
  if (today > scadenza) {
    const [y, m, d] = scadenza.split('-');
    return { ok: false, motivo: 'SCADUTO', message: `Codice di sblocco scaduto il ${d}/${m}/${y}: chiedere un nuovo codice al CAF.` };
  }
  return { ok: true, scadenza };
}

/** The last valid day of a code issued on `today` for `giorni` days (today counts as the first). */
export function scadenzaDa(today: string, giorni: number): string {
  return dayIso(dayNumber(today) + giorni - 1);
}
