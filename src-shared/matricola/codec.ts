/**
 * Stringa CAF (matricola RED) codec driven by a layout table (campaigns/<campaign>/stringa-caf-layout.ts):
 * parse + validate (every error at once), split/join for the per-field inputs, generate with the controcodice.
 */
import { describeComune } from '../codice-fiscale/comuni';
import { AppError } from '../errors';
import { checkCodiceFiscale, decodeCodiceFiscale, weightedCheckChar } from '../codice-fiscale/codice-fiscale';
import {
  RED2009_LAYOUT,
  type MatricolaFieldDef,
  type MatricolaFieldKey,
  type MatricolaLayout,
} from '../campaigns/red2009/stringa-caf-layout';

/** Codes of the whole-string errors: MAT-18 wrong length, MAT-19 characters other than letters and digits
 * (the field errors use the layout's MAT-01..MAT-14; MAT-15..17 are red-domain.md §6.3, MAT-20 is a duplicate matricola). */
export const MATRICOLA_LENGTH_CODE = 'MAT-18';
export const MATRICOLA_CHARS_CODE = 'MAT-19';

export interface MatricolaError {
  code: string;
  field: MatricolaFieldKey | 'lunghezza' | 'caratteri';
  label: string;
  /** 1-based start of the field (first offending character for 'caratteri', 1 for 'lunghezza'). */
  position: number;
  length: number;
  value: string;
  allowedText: string;
  message: string;
  /** Length error of a short string: the first field not (wholly) there, where the operator goes on typing. */
  firstMissing?: MatricolaFieldKey;
}
export interface DecodedField {
  key: MatricolaFieldKey;
  label: string;
  value: string;
  meaning: string;
  start: number;
  length: number;
}
export interface DecodedMatricola {
  /** Normalised, `layout.length` characters. */
  matricola: string;
  campaign: 'RED2009';
  values: Record<MatricolaFieldKey, string>;
  fields: DecodedField[];
  anni: number[];
  notes: { code: string; message: string }[];
}
export type MatricolaResult =
  | { ok: true; value: DecodedMatricola }
  | { ok: false; errors: MatricolaError[]; partial?: Partial<Record<MatricolaFieldKey, string>> };

const STRING_LABEL = 'Stringa CAF';

/** Trims blanks and scanner suffixes (CR, LF, TAB) at both ends and upper-cases. */
export function normaliseMatricolaInput(input: string): string {
  return input.trim().toUpperCase();
}

const isList = (a: MatricolaFieldDef['allowed']): a is readonly string[] => Array.isArray(a);
const where = (d: MatricolaFieldDef): string =>
  d.length === 1 ? `posizione ${d.start}` : `posizioni ${d.start}–${d.start + d.length - 1}`;
const fieldName = (d: MatricolaFieldDef): string => `${d.label} (${where(d)})`;

function fieldError(d: MatricolaFieldDef, value: string, code: string, detail: string): MatricolaError {
  return {
    code,
    field: d.key,
    label: d.label,
    position: d.start,
    length: d.length,
    value,
    allowedText: d.allowedText,
    message: `${fieldName(d)}: ${detail}`,
  };
}

/** Checks one field value against its definition (the controcodice only formally: see checkControcodice). */
function validateValue(d: MatricolaFieldDef, value: string): MatricolaError | null {
  const allowed = `valori ammessi: ${d.allowedText}.`;
  if (value === '') return fieldError(d, value, d.errorCode, `valore mancante; ${allowed}`);
  if (value.length !== d.length) {
    const expected = d.length === 1 ? '1 carattere' : `${d.length} caratteri`;
    return fieldError(d, value, d.errorCode, `valore «${value}» di lunghezza errata (atteso ${expected}); ${allowed}`);
  }
  if (d.check === 'codiceFiscale') {
    const r = checkCodiceFiscale(value);
    return r.ok ? null : fieldError(d, value, d.errorCode, r.detail);
  }
  const refused = d.refused?.[value];
  if (refused) return fieldError(d, value, refused.errorCode, `${refused.reason}.`);
  const ok = isList(d.allowed) ? d.allowed.includes(value) : new RegExp(d.allowed.pattern).test(value);
  return ok ? null : fieldError(d, value, d.errorCode, `valore «${value}» non ammesso; ${allowed}`);
}

/** Expected check character over the characters before the controcodice, or null if they cannot be used. */
function expectedCheck(s: string, d: MatricolaFieldDef): string | null {
  const body = s.slice(0, d.start - 1);
  return body.length === d.start - 1 && /^[A-Z0-9]+$/.test(body) ? weightedCheckChar(body) : null;
}

function checkControcodice(d: MatricolaFieldDef, value: string, s: string): MatricolaError | null {
  const expected = expectedCheck(s, d);
  if (expected === null) return validateValue(d, value);
  // The expected character is never shown: an operator who types it turns a mistyped matricola into a formally
  // valid wrong one (issue 18). The message sends them back to the letter or the reader instead.
  if (value === '') return fieldError(d, value, d.errorCode, 'valore mancante. Ricopiare il controcodice dalla lettera o rileggere la Stringa CAF con la penna ottica.');
  if (value === expected) return null;
  return fieldError(
    d,
    value,
    d.errorCode,
    'non corrisponde agli altri caratteri: uno dei caratteri della Stringa CAF è stato trascritto male. Ricontrollarla carattere per carattere sulla lettera o rileggerla con la penna ottica.',
  );
}

function validateField(d: MatricolaFieldDef, value: string, s: string): MatricolaError | null {
  return d.check === 'controcodice' ? checkControcodice(d, value, s) : validateValue(d, value);
}

/** Splits by the layout even if the string is invalid or short (missing parts are ''). */
export function splitMatricola(input: string, layout: MatricolaLayout = RED2009_LAYOUT): Record<MatricolaFieldKey, string> {
  const s = normaliseMatricolaInput(input);
  const out = {} as Record<MatricolaFieldKey, string>;
  for (const d of layout.fields) out[d.key] = s.slice(d.start - 1, d.start - 1 + d.length);
  return out;
}

/** Inverse of splitMatricola: concatenates the (normalised) parts in layout order; missing parts are ''. */
export function joinMatricola(parts: Partial<Record<MatricolaFieldKey, string>>, layout: MatricolaLayout = RED2009_LAYOUT): string {
  return layout.fields.map((d) => normaliseMatricolaInput(parts[d.key] ?? '')).join('');
}

const controcodiceDef = (layout: MatricolaLayout): MatricolaFieldDef => {
  const d = layout.fields.find((f) => f.check === 'controcodice');
  if (!d || d.start + d.length - 1 !== layout.length) {
    throw new Error(`Tracciato ${layout.campaign}: il controcodice deve essere l'ultimo campo della Stringa CAF.`);
  }
  return d;
};

/** Controcodice over the first `layout.length - 1` characters (29 for RED2009), CF odd/even tables mod 26. */
export function controcodice(first29: string, layout: MatricolaLayout = RED2009_LAYOUT): string {
  const body = normaliseMatricolaInput(first29);
  const n = controcodiceDef(layout).start - 1;
  if (body.length !== n || !/^[A-Z0-9]+$/.test(body)) {
    throw new Error(`Controcodice: servono ${n} lettere o cifre, ricevuto «${first29}».`);
  }
  return weightedCheckChar(body);
}

const describeChar = (ch: string): string =>
  ch === ' ' ? 'spazio' : ch === '\t' ? 'tabulazione' : ch === '\r' || ch === '\n' ? 'a capo' : `«${ch}»`;

function charsError(s: string): MatricolaError | null {
  const bad: { ch: string; pos: number }[] = [];
  for (let i = 0; i < s.length; i++) if (!/[A-Z0-9]/.test(s.charAt(i))) bad.push({ ch: s.charAt(i), pos: i + 1 });
  const first = bad[0];
  if (!first) return null;
  const list = bad.map((b) => `${describeChar(b.ch)} in posizione ${b.pos}`).join(', ');
  return {
    code: MATRICOLA_CHARS_CODE,
    field: 'caratteri',
    label: STRING_LABEL,
    position: first.pos,
    length: 1,
    value: bad.map((b) => b.ch).join(''),
    allowedText: 'lettere (A–Z) e cifre (0–9)',
    message: `${STRING_LABEL}: caratter${bad.length === 1 ? 'e non ammesso' : 'i non ammessi'}: ${list}; sono ammesse solo lettere e cifre.`,
  };
}

function lengthError(s: string, layout: MatricolaLayout): MatricolaError {
  const base = { code: MATRICOLA_LENGTH_CODE, field: 'lunghezza', label: STRING_LABEL, position: 1, length: layout.length, value: s, allowedText: `${layout.length} caratteri` } as const;
  const missing = s.length > 0 && s.length < layout.length ? layout.fields.find((d) => d.start - 1 + d.length > s.length) : undefined;
  if (missing) {
    return {
      ...base,
      firstMissing: missing.key,
      message: `${STRING_LABEL} incompleta: attesi ${layout.length} caratteri, trovati ${s.length}; manca dal campo «${missing.label}» (${where(missing)}).`,
    };
  }
  return {
    ...base,
    message:
      s.length === 0
        ? `${STRING_LABEL} non indicata: attesi ${layout.length} caratteri.`
        : `Lunghezza della ${STRING_LABEL} errata: attesi ${layout.length} caratteri, trovati ${s.length}.`,
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The four-digit birth year of a two-digit CF year: 19yy, unless yy is not after the campaign's year, where the
 * code cannot tell 19yy from 20yy ("Inverti 1900/2000", p. 83) and both are said.
 */
function birthYearText(yy: number, campaign: string): string {
  const campaignYy = Number(/\d{4}/.exec(campaign)?.[0] ?? '0') % 100;
  return yy > campaignYy ? String(1900 + yy) : `${1900 + yy} (o ${2000 + yy})`;
}

function meaningOf(d: MatricolaFieldDef, value: string, campaign: string): string {
  if (d.check === 'codiceFiscale') {
    const cf = decodeCodiceFiscale(value);
    const r = checkCodiceFiscale(value);
    const omo = r.ok && r.omocodico ? ' (codice omocodico)' : '';
    return `${cf.sesso === 'F' ? 'donna' : 'uomo'}, data di nascita ${pad2(cf.giorno)}/${pad2(cf.mese)}/${birthYearText(cf.annoDueCifre, campaign)}, comune di nascita ${describeComune(cf.codiceComune)}${omo}`;
  }
  if (d.check === 'controcodice') return 'corretto';
  return d.meanings?.[value] ?? value;
}

/**
 * Parses and validates a Stringa CAF. Reports every field error at once (in layout order), then the
 * character error, then the length error. The controcodice is checked whenever positions 1–29 are usable.
 */
export function parseMatricola(
  input: string,
  layout: MatricolaLayout = RED2009_LAYOUT,
  options: { describe?: boolean } = {},
): MatricolaResult {
  // `describe: false` skips the meaning texts (left empty): for bulk checks that never show them.
  const describe = options.describe ?? true;
  const s = normaliseMatricolaInput(input);
  if (s === '') return { ok: false, errors: [lengthError(s, layout)] };
  const values = splitMatricola(s, layout);
  const errors: MatricolaError[] = [];
  for (const d of layout.fields) {
    // A short string: the fields not yet (wholly) there are said once, by the length error (issue 18).
    if (s.length < layout.length && d.start - 1 + d.length > s.length) continue;
    const e = validateField(d, values[d.key], s);
    if (e) errors.push(e);
  }
  const ce = charsError(s);
  if (ce) errors.push(ce);
  if (s.length !== layout.length) errors.push(lengthError(s, layout));
  if (errors.length > 0) {
    const partial: Partial<Record<MatricolaFieldKey, string>> = {};
    for (const d of layout.fields) if (values[d.key] !== '') partial[d.key] = values[d.key];
    return { ok: false, errors, partial };
  }
  const notes: { code: string; message: string }[] = [];
  const fields: DecodedField[] = layout.fields.map((d) => {
    const value = values[d.key];
    const note = d.notes?.[value];
    if (note) notes.push({ ...note });
    return { key: d.key, label: d.label, value, meaning: describe ? meaningOf(d, value, layout.campaign) : '', start: d.start, length: d.length };
  });
  const anni = [...(layout.yearsByAnniRichiesti[values.anniRichiesti] ?? [])];
  return { ok: true, value: { matricola: s, campaign: layout.campaign, values, fields, anni, notes } };
}

/**
 * Builds a Stringa CAF from its field values (trimmed, upper-cased) and computes the controcodice.
 * Throws an AppError (an Error; code of the first error, all Italian messages one per line) on invalid values.
 */
export function generateMatricola(
  values: Omit<Record<MatricolaFieldKey, string>, 'controcodice'>,
  layout: MatricolaLayout = RED2009_LAYOUT,
): string {
  const check = controcodiceDef(layout);
  const parts: Partial<Record<MatricolaFieldKey, string>> = {};
  const errors: MatricolaError[] = [];
  for (const d of layout.fields) {
    if (d === check) continue;
    const raw: string | undefined = (values as Partial<Record<MatricolaFieldKey, string>>)[d.key];
    const v = normaliseMatricolaInput(raw ?? '');
    parts[d.key] = v;
    const e = validateValue(d, v);
    if (e) errors.push(e);
  }
  const first = errors[0];
  if (first) {
    throw new AppError({ code: first.code, field: first.field, message: errors.map((e) => e.message).join('\n'), details: errors });
  }
  const body = joinMatricola(parts, layout);
  return body + controcodice(body, layout);
}

/** All messages of a failed parse, one per line (for a dialog). */
export function matricolaErrorMessage(errors: readonly MatricolaError[]): string {
  return errors.map((e) => e.message).join('\n');
}
