/**
 * What an operator types into an amount or a date box, read strictly (issue 18): a text is either a whole,
 * valid value or refused with a message that quotes it and says the format. Nothing is ever read partially
 * ("15OOO" is not 15, "12a50" is not 12, "31/02/2009" is not "missing"). One home for the editor, the
 * documents dialog, the foreign pensions grid and the prints. Pure: no DOM, no Node.
 */

export type Parsed<T> =
  | { kind: 'empty' }
  | { kind: 'ok'; value: T }
  /** Refused: `message` names the text and what is expected (the caller prefixes the field's name). */
  | { kind: 'invalid'; message: string };

/** Largest amount a box takes (the document's limit, red-document.ts). */
export const MAX_IMPORTO = 999_999_999;

const IMPORTO_HINT = 'solo cifre, decimali con la virgola (es. 1.234,50)';

/** 40000 → "40.000", -1234 → "-1.234" (whole euro, Italian thousands separator). */
export function formatEuro(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '.';
    out += digits.charAt(i);
  }
  return n < 0 ? `-${out}` : out;
}

/**
 * An amount in euro as typed, in CENTS: "1234", "1.234", "1234,50", "1.234,50", "1234.5" (the numeric keypad's dot
 * with one or two decimals), an optional "€" and spaces. Dots are thousands separators only in groups of three
 * ("1.2345" is refused, not read as 12345). A trailing comma ("1234,") is the operator about to type decimals and
 * reads as 1234. The documents of a row keep their cents: p. 93 rounds the row's total, not each document.
 */
export function parseCentesimi(text: string, options: { allowNegative?: boolean } = {}): Parsed<number> {
  const t = text.replace(/[\s\u00a0€]/g, '');
  if (t === '') return { kind: 'empty' };
  const negative = t.startsWith('-');
  const body = negative ? t.slice(1) : t;
  const whole = /^(\d+|\d{1,3}(?:\.\d{3})+)(?:,(\d*))?$/.exec(body);
  const keypad = /^(\d+)\.(\d{1,2})$/.exec(body);
  let intPart: string;
  let decimals: string;
  if (whole) {
    intPart = (whole[1] ?? '').replace(/\./g, '');
    decimals = whole[2] ?? '';
  } else if (keypad) {
    intPart = keypad[1] ?? '';
    decimals = keypad[2] ?? '';
  } else {
    return { kind: 'invalid', message: `importo non valido «${text.trim()}»: ${IMPORTO_HINT}.` };
  }
  if (decimals.length > 2) return { kind: 'invalid', message: `importo non valido «${text.trim()}»: al massimo due decimali (centesimi).` };
  if (negative && !options.allowNegative) return { kind: 'invalid', message: `importo non valido «${text.trim()}»: l'importo non può essere negativo.` };
  const cents = Number(intPart) * 100 + Number(decimals.padEnd(2, '0'));
  if (Math.ceil(cents / 100) > MAX_IMPORTO) return { kind: 'invalid', message: `importo non valido «${text.trim()}»: troppo grande (massimo ${formatEuro(MAX_IMPORTO)}).` };
  return { kind: 'ok', value: negative ? -cents || 0 : cents };
}

/** Cents rounded UP to the whole euro, in absolute value (p. 93, "arrotondato all'euro per eccesso"): 123450 → 1235,
 * -120 → -2. */
export function centsToEuroUp(cents: number): number {
  return cents < 0 ? -Math.ceil(-cents / 100) || 0 : Math.ceil(cents / 100);
}

/** 123450 → "1.234,50", 1200 → "12,00", -5 → "-0,05". */
export function formatCentesimi(cents: number): string {
  const abs = Math.abs(Math.trunc(cents));
  const out = `${formatEuro(Math.floor(abs / 100))},${String(abs % 100).padStart(2, '0')}`;
  return cents < 0 ? `-${out}` : out;
}

/**
 * An amount in euro as typed (the grammar of `parseCentesimi`), rounded UP to the whole euro (p. 93, "arrotondato
 * all'euro per eccesso"): the income rows and the foreign pensions.
 */
export function parseImporto(text: string, options: { allowNegative?: boolean } = {}): Parsed<number> {
  const r = parseCentesimi(text, options);
  return r.kind === 'ok' ? { kind: 'ok', value: centsToEuroUp(r.value) } : r;
}

/** "2008-03-15" → "15/03/2008"; '' for null or a text that is not an ISO date. */
export function isoToIt(iso: string | null | undefined): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return '';
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const DATE_HINT = 'scrivere gg/mm/aaaa o ggmmaaaa (es. 15/03/2008 o 15032008)';
/** Years a date of this desk can have: births of the oldest pensioners to the end of the campaigns. */
const MIN_YEAR = 1880;
const MAX_YEAR = 2100;

/**
 * A date as typed: "15/03/2008", "15-03-2008", "15.03.2008", "5/3/2008" or "15032008" (ggmmaaaa, without
 * separators) → ISO "2008-03-15". An impossible day is "data inesistente" with the reason; a two-digit year, a
 * text still being typed or any other text says the format.
 */
export function parseData(text: string): Parsed<string> {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  const sep = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d+)$/.exec(t);
  const compact = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  const m = sep ?? compact;
  if (!m) {
    if (/^\d{6}$/.test(t)) return { kind: 'invalid', message: `data non valida «${t}»: l'anno va scritto con quattro cifre; ${DATE_HINT}.` };
    return { kind: 'invalid', message: `data non valida «${t}»: ${DATE_HINT}.` };
  }
  const [, d = '', mo = '', y = ''] = m;
  if (y.length !== 4) return { kind: 'invalid', message: `data non valida «${t}»: l'anno va scritto con quattro cifre; ${DATE_HINT}.` };
  const day = Number(d);
  const month = Number(mo);
  const year = Number(y);
  if (month < 1 || month > 12) return { kind: 'invalid', message: `data inesistente «${t}»: il mese deve essere tra 01 e 12.` };
  if (year < MIN_YEAR || year > MAX_YEAR) return { kind: 'invalid', message: `data non valida «${t}»: anno ${year} fuori dall'intervallo ${MIN_YEAR}–${MAX_YEAR}.` };
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1) return { kind: 'invalid', message: `data inesistente «${t}»: il giorno deve essere tra 01 e ${last}.` };
  if (day > last) {
    return { kind: 'invalid', message: `data inesistente «${t}»: ${MONTHS[month - 1] ?? ''} ${year} ha ${last} giorni.` };
  }
  return { kind: 'ok', value: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}
