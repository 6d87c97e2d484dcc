/** Guide labels of the income rows: one home in src-shared (the prints use them too). */
export { INCOME_ROW_LABELS } from '#shared/domain/income-rows';

/** Stato civile choices of "Conferma/aggiornamento dati anagrafici" (p. 79; codes of the matricola, p. 41). */
export const STATO_CIVILE_OPTIONS: readonly { value: '1' | '2' | '3' | '4' | '5'; label: string }[] = [
  { value: '1', label: '1 – celibe/nubile' },
  { value: '2', label: '2 – coniugato/a' },
  { value: '3', label: '3 – vedovo/a' },
  { value: '4', label: '4 – separato/a' },
  { value: '5', label: '5 – divorziato/a' },
];

export const TIPO_DICHIARAZIONE_LABELS = {
  NORMALE: 'Normale',
  RETTIFICATA: 'Rettificata',
  RETTIFICATIVA: 'Rettificativa',
} as const;

export const ROLE_LABELS = { TITOLARE: 'Titolare', CONIUGE: 'Coniuge', FIGLIO: 'Figlio' } as const;

/** "15/03/2008" from ISO; '' for null. */
export function isoToIt(iso: string | null): string {
  if (!iso || iso.length !== 10) return '';
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * A date typed by the operator: "15/03/2008", "15-03-2008", "15.03.2008" or "15032008" → ISO; null when
 * incomplete or not a real day.
 */
export function itToIso(text: string): string | null {
  const t = text.trim();
  let d: string, m: string, y: string;
  const sep = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const compact = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (sep) [, d = '', m = '', y = ''] = sep;
  else if (compact) [, d = '', m = '', y = ''] = compact;
  else return null;
  const day = Number(d);
  const month = Number(m);
  const year = Number(y);
  if (year < 1880 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > last) return null;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 40000 → "40.000" (whole euro). */
export function formatEuro(n: number): string {
  const digits = String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return n < 0 ? `-${digits}` : digits;
}

/**
 * An amount typed by the operator ("1.234,50", "1234.5", "1234"), in euro with decimals; null if empty,
 * NaN if not a number. A comma is the decimal separator; dots are thousands separators unless the only
 * separator is one dot followed by 1–2 digits.
 */
export function parseEuroText(text: string): number | null {
  const t = text.trim().replace(/\s|€/g, '');
  if (t === '') return null;
  let norm: string;
  if (t.includes(',')) norm = t.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+\.\d{1,2}$/.test(t)) norm = t;
  else norm = t.replace(/\./g, '');
  if (!/^-?\d+(\.\d*)?$/.test(norm)) return Number.NaN;
  return Number(norm);
}
