/**
 * The values typed in the DM20-REG procedure (INPS circolare 83/1992, 2.1): amounts in lire, the SC7/24 key, the
 * DM11 progressivo, the period "MMAA", the sede code "SSZZ" and the firm's matricola. Every reader returns either
 * the value or an Italian message naming the field. Amounts are whole lire ("comprensivo delle tre cifre finali"),
 * integers, never floating point. Pure.
 */

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const no = <T>(message: string): Read<T> => ({ ok: false, message });

/** Largest amount taken: 999 miliardi di lire (12 digits, well inside the integers a number holds exactly). */
export const MAX_LIRE = 999_999_999_999;
/** The circular's lowest DM20-REG amount (2.1.3 C). */
export const MIN_LIRE_DM20 = 1000;

/**
 * An amount in lire as typed: digits, optionally grouped by dots ("1.250.000"). No decimals (lire have none).
 * Empty gives null (the caller decides whether it is missing).
 */
export function readLire(label: string, text: string): Read<number | null> {
  const t = text.trim();
  if (t === '') return ok(null);
  if (!/^\d{1,3}(\.\d{3})*$/.test(t) && !/^\d+$/.test(t)) {
    return no(`${label}: importo non valido «${t}»: solo cifre in lire, comprese le tre cifre finali (es. 1.250.000), senza decimali.`);
  }
  const digits = t.replace(/\./g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > 12) return no(`${label}: importo troppo grande «${t}» (al massimo ${formatLire(MAX_LIRE)} lire).`);
  return ok(Number(digits));
}

/** 1250000 → "1.250.000" (integer lire, Italian thousands separator). */
export function formatLire(n: number): string {
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${s}` : s;
}

/** The SC7/24 key (2.1.1): tipo (only "6"), articolo (6 digits, zero-padded), numero (5 digits, ≥ "20102"). */
export interface Sc724Key {
  tipo: '6';
  articolo: string;
  numero: string;
}
/** The lowest numero the circular admits. */
export const MIN_NUMERO_SC724 = '20102';

export function formatSc724Key(k: Sc724Key): string {
  return `${k.tipo} ${k.articolo} ${k.numero}`;
}

/**
 * The numero is the "data articolo" (value date, AAMMGG) without its first character: the last digit of the year,
 * month, day. "20102" is 2 January 1992, the first working day of the procedure (payments booked from 1.1.92); the
 * year is read as 199Y (the procedure's decade: [assumption], the circular gives no other rule).
 */
export function dataArticolo(numero: string): { anno: number; mese: number; giorno: number } | null {
  const m = /^(\d)(\d{2})(\d{2})$/.exec(numero);
  if (!m) return null;
  const anno = 1990 + Number(m[1]);
  const mese = Number(m[2]);
  const giorno = Number(m[3]);
  if (mese < 1 || mese > 12) return null;
  const last = new Date(Date.UTC(anno, mese, 0)).getUTCDate();
  if (giorno < 1 || giorno > last) return null;
  return { anno, mese, giorno };
}

export interface Sc724KeyErrors {
  tipo?: string;
  articolo?: string;
  numero?: string;
}

/** Reads the three parts of the key as typed; the articolo is left-padded with zeros to 6. */
export function readSc724Key(input: { tipo: string; articolo: string; numero: string }): { ok: true; value: Sc724Key } | { ok: false; errors: Sc724KeyErrors } {
  const errors: Sc724KeyErrors = {};
  const tipo = input.tipo.trim();
  if (tipo !== '6') errors.tipo = tipo === '' ? 'Tipo SC7/24: obbligatorio (ammesso solo «6»).' : `Tipo SC7/24: «${tipo}» non ammesso, è ammesso solo «6».`;
  const art = input.articolo.trim();
  let articolo = '';
  if (art === '') errors.articolo = 'Articolo SC7/24: obbligatorio (il numero «PARTITA» dei «DATI DA ACQUISIRE»).';
  else if (!/^\d{1,6}$/.test(art)) errors.articolo = `Articolo SC7/24: «${art}» non valido, al massimo 6 cifre.`;
  else if (/^0+$/.test(art)) errors.articolo = 'Articolo SC7/24: non può essere zero.';
  else articolo = art.padStart(6, '0');
  const numero = input.numero.trim();
  if (numero === '') errors.numero = 'Numero SC7/24: obbligatorio (la «DATA ARTICOLO» senza il primo carattere).';
  else if (!/^\d{5}$/.test(numero)) errors.numero = `Numero SC7/24: «${numero}» non valido, servono 5 cifre (la data articolo AAMMGG senza il primo carattere).`;
  else if (numero < MIN_NUMERO_SC724) errors.numero = `Numero SC7/24: «${numero}» è inferiore a «${MIN_NUMERO_SC724}».`;
  else if (!dataArticolo(numero)) errors.numero = `Numero SC7/24: «${numero}» non è una data articolo esistente (AMMGG).`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { tipo: '6', articolo, numero } };
}

/** DM11 progressivo: 4 digits, "0001" when the slips have no totalising zone (2.1.2). */
export function readProgressivoDm11(text: string): Read<string> {
  const t = text.trim();
  if (t === '') return ok('0001');
  if (!/^\d{1,4}$/.test(t) || /^0+$/.test(t)) return no(`Progressivo DM11: «${t}» non valido, da 0001 a 9999.`);
  return ok(t.padStart(4, '0'));
}

/** Sede code "SSZZ": SS the sede, ZZ the zonal office ("00" the sede itself). */
export function readSede(label: string, text: string): Read<string> {
  const t = text.trim();
  if (!/^\d{4}$/.test(t)) return no(`${label}: «${t}» non valido, il codice sede si scrive SSZZ (4 cifre).`);
  return ok(t);
}

/**
 * The firm's matricola: 10 digits, "SSZZ" the sede, then the progressivo (5 digits) and a check character. The
 * circular calls a matricola "formalmente errata" without giving the rule; here it is one not made of 10 digits
 * ([assumption]; the check character's algorithm is not in the seed and is not verified).
 */
export interface Matricola {
  value: string;
  sede: string;
  progressivo: number;
}
export function parseMatricola(text: string): Matricola | null {
  const t = text.trim();
  if (!/^\d{10}$/.test(t)) return null;
  return { value: t, sede: t.slice(0, 4), progressivo: Number(t.slice(4, 9)) };
}

/** A month as a comparable number (year × 12 + month − 1). */
export type MonthIndex = number;
export const monthIndex = (anno: number, mese: number): MonthIndex => anno * 12 + mese - 1;
/** An ISO day's month. */
export const isoMonth = (iso: string): MonthIndex => monthIndex(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)));

/**
 * A period end "MMAA". AA is read as 19AA from 50 up and 20AA below ([assumption]: lire payments end in 2001).
 */
export function readMmaa(text: string): { kind: 'empty' } | { kind: 'bad' } | { kind: 'ok'; month: MonthIndex } {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  const m = /^(\d{2})(\d{2})$/.exec(t);
  if (!m) return { kind: 'bad' };
  const mese = Number(m[1]);
  const aa = Number(m[2]);
  if (mese < 1 || mese > 12) return { kind: 'bad' };
  return { kind: 'ok', month: monthIndex(aa >= 50 ? 1900 + aa : 2000 + aa, mese) };
}

/** "MM/AAAA" of a month index (for messages). */
export function formatMonth(m: MonthIndex): string {
  return `${String((m % 12) + 1).padStart(2, '0')}/${Math.floor(m / 12)}`;
}
