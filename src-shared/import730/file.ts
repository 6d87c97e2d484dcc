/**
 * Reader of the 730 file (../shared/reference/730-file.md, format `RED730|1`). Pure and all-or-nothing: either
 * every 730 of the file, or the first error with its line, the field and what was expected, in Italian.
 * Fields are checked by hand (the file may hold 50,000 730s); the result is the zod-typed model.
 */
import { isCodiceFiscaleValido } from '../codice-fiscale/codice-fiscale';
import { codiciQuadroD } from '../campaigns/red2009/import730';
import {
  CAMPI_RED_C,
  CAMPI_RED_D,
  MODELLI_730,
  STATI_730,
  type Dichiarazione730,
  type Modello730,
  type Riga730,
  type Stato730,
} from './model';

export interface Errore730 {
  /** 1-based line of the file. */
  line: number;
  /** Italian name of the field (or of the record) at fault. */
  field: string;
  /** 1-based position of the field in the record, when there is one. */
  position?: number;
  /** What was expected there. */
  expected: string;
  message: string;
}

export type Esito730 = { ok: true; dichiarazioni: Dichiarazione730[]; lines: number[] } | { ok: false; error: Errore730 };

/** Longest line accepted (a record is a few dozen characters): a binary file is refused at once. */
const MAX_LINE = 1_000;

class Refused extends Error {
  constructor(readonly error: Errore730) {
    super(error.message);
  }
}

const show = (s: string): string => (s === '' ? 'vuoto' : `«${s.length > 40 ? `${s.slice(0, 40)}…` : s}»`);

function refuse(line: number, field: string, expected: string, found: string, position?: number): never {
  const where = position === undefined ? `riga ${line}` : `riga ${line}, campo ${position} «${field}»`;
  const message =
    position === undefined ? `File 730 non letto: ${where}: ${field}: atteso ${expected}; trovato ${show(found)}.` : `File 730 non letto: ${where}: atteso ${expected}; trovato ${show(found)}.`;
  throw new Refused({ line, field, ...(position === undefined ? {} : { position }), expected, message });
}

/** "1234,56" → 123456 cents, or NaN when the text is not an amount (no regex: the file has millions of them). */
function parseCents(s: string, signed: boolean): number {
  let i = 0;
  const neg = signed && s.charCodeAt(0) === 45; // '-'
  if (neg) i = 1;
  const comma = s.length - 3;
  if (comma - i < 1 || comma - i > 11 || s.charCodeAt(comma) !== 44) return Number.NaN; // ','
  if (s.charCodeAt(i) === 48 && comma - i > 1) return Number.NaN; // leading zero
  let v = 0;
  for (let k = i; k < s.length; k++) {
    if (k === comma) continue;
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

function cents(s: string, signed: boolean, line: number, field: string, position: number): number {
  const v = parseCents(s, signed);
  if (Number.isNaN(v)) {
    refuse(line, field, signed ? 'un importo in euro con due decimali e la virgola, senza separatore delle migliaia (es. 1234,56 o -120,00)' : 'un importo in euro non negativo con due decimali e la virgola, senza separatore delle migliaia (es. 1234,56)', s, position);
  }
  return v;
}

const dateCache = new Map<string, boolean>();
/** A real calendar day AAAA-MM-GG (a file holds few distinct dates: each is checked once). */
function isoDate(s: string): boolean {
  let ok = dateCache.get(s);
  if (ok === undefined) {
    ok = checkIsoDate(s);
    if (dateCache.size > 10_000) dateCache.clear();
    dateCache.set(s, ok);
  }
  return ok;
}

function checkIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

function cf(s: string, line: number, field: string, position: number): string {
  if (s.length !== 16 || s !== s.toUpperCase() || !isCodiceFiscaleValido(s)) {
    refuse(line, field, 'un codice fiscale di 16 caratteri maiuscoli con il carattere di controllo corretto', s, position);
  }
  return s;
}

function oneOf<T extends string>(s: string, allowed: readonly T[], line: number, field: string, position: number): T {
  if (!(allowed as readonly string[]).includes(s)) refuse(line, field, `uno tra ${allowed.map((a) => (a === '' ? 'vuoto' : a)).join(', ')}`, s, position);
  return s as T;
}

const FIELDS: Readonly<Record<string, readonly string[]>> = {
  RED730: ['tipo record', 'versione'],
  '730': ['tipo record', 'modello', 'codice fiscale dichiarante', 'codice fiscale coniuge dichiarante', 'stato', 'data stato'],
  P: ['tipo record', 'codice fiscale soggetto', 'rigo 730/3', 'importo'],
  C: ['tipo record', 'codice fiscale soggetto', 'sezione', 'rigo', 'tipologia', 'colonna 2', 'importo', 'campo RED', 'estero'],
  D: ['tipo record', 'codice fiscale soggetto', 'rigo', 'codice', 'importo', 'campo RED'],
  FINE: ['tipo record', 'numero di 730 nel file'],
};

/** Reads a whole 730 file. Never throws: a malformed file gives its first error. */
export function read730File(text: string): Esito730 {
  try {
    return { ok: true, ...parse(text) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.error };
    throw e;
  }
}

function parse(text: string): { dichiarazioni: Dichiarazione730[]; lines: number[] } {
  const out: Dichiarazione730[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  let current: (Dichiarazione730 & { righe: Riga730[] }) | null = null;
  let header = false;
  let fine: number | null = null;
  let lineNo = 0;
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const len = text.length;
  while (start <= len) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = len;
    lineNo++;
    let raw = text.slice(start, end);
    start = end + 1;
    if (raw.endsWith('\r')) raw = raw.slice(0, -1);
    if (end === len && raw === '') break;
    if (raw.length > MAX_LINE) refuse(lineNo, 'lunghezza della riga', `al massimo ${MAX_LINE} caratteri`, `${raw.length} caratteri`);
    if (raw.length === 0 || raw.charCodeAt(0) === 35 || (raw.charCodeAt(0) <= 32 && raw.trim() === '')) continue; // '#'
    if (fine !== null) refuse(lineNo, 'riga dopo FINE', 'nessun record dopo «FINE» (solo righe vuote o commenti)', raw);
    const f = raw.split('|');
    const kind = f[0] ?? '';
    const names = FIELDS[kind];
    if (!names) refuse(lineNo, 'tipo record', 'uno tra RED730, 730, P, C, D, FINE', kind);
    if (f.length !== names.length) {
      refuse(lineNo, `record ${kind}`, `${names.length} campi separati da «|» (nessun campo può contenere «|»)`, `${f.length} campi`);
    }
    const at = (i: number): string => f[i] ?? '';
    if (!header) {
      if (kind !== 'RED730') refuse(lineNo, 'prima riga', 'l\'intestazione «RED730|1»', raw);
      if (at(1) !== '1') refuse(lineNo, 'versione', '1 (formato RED730 versione 1)', at(1), 2);
      header = true;
      continue;
    }
    switch (kind) {
      case 'RED730':
        refuse(lineNo, 'tipo record', 'l\'intestazione «RED730» solo sulla prima riga', raw);
        break;
      case '730': {
        if (current) {
          out.push(current);
        }
        const modello = oneOf<Modello730>(at(1), MODELLI_730, lineNo, 'modello', 2);
        const cfD = cf(at(2), lineNo, 'codice fiscale dichiarante', 3);
        let cfC: string | null = null;
        if (at(3) !== '') {
          cfC = cf(at(3), lineNo, 'codice fiscale coniuge dichiarante', 4);
          if (cfC === cfD) refuse(lineNo, 'codice fiscale coniuge dichiarante', 'un codice fiscale diverso da quello del dichiarante, o vuoto', cfC, 4);
        }
        const stato = oneOf<Stato730>(at(4), STATI_730, lineNo, 'stato', 5);
        if (!isoDate(at(5))) refuse(lineNo, 'data stato', 'una data esistente nel formato AAAA-MM-GG', at(5), 6);
        const key = `${cfD}|${modello}`;
        const prev = seen.get(key);
        if (prev !== undefined) refuse(lineNo, 'codice fiscale dichiarante', `un solo 730 ${modello} per codice fiscale nel file (già presente alla riga ${prev})`, cfD, 3);
        seen.set(key, lineNo);
        current = { modello, cfDichiarante: cfD, cfConiuge: cfC, stato, dataStato: at(5), righe: [] };
        lines.push(lineNo);
        break;
      }
      case 'P':
      case 'C':
      case 'D': {
        if (!current) refuse(lineNo, 'tipo record', 'un record «730» prima delle sue righe', kind);
        // The subject is one of the two codici fiscali already checked on the «730» record: comparing is enough.
        const given = at(1);
        const s = given === current.cfDichiarante || given === current.cfConiuge ? given : cf(given, lineNo, 'codice fiscale soggetto', 2);
        if (s !== current.cfDichiarante && s !== current.cfConiuge) {
          refuse(lineNo, 'codice fiscale soggetto', `il codice fiscale del dichiarante${current.cfConiuge ? ' o del coniuge dichiarante' : ''} del 730 in corso`, s, 2);
        }
        if (current.righe.length >= 2_000) refuse(lineNo, `record ${kind}`, 'al massimo 2.000 righe per un 730', kind);
        current.righe.push(kind === 'P' ? rigaP(at, s, lineNo) : kind === 'C' ? rigaC(at, s, lineNo) : rigaD(at, s, lineNo, current.modello));
        break;
      }
      case 'FINE': {
        if (!/^(0|[1-9]\d{0,6})$/.test(at(1))) refuse(lineNo, 'numero di 730 nel file', 'un numero intero', at(1), 2);
        if (current) out.push(current);
        current = null;
        const n = Number(at(1));
        if (n !== out.length) refuse(lineNo, 'numero di 730 nel file', `${out.length} (i record «730» letti)`, at(1), 2);
        fine = lineNo;
        break;
      }
    }
  }
  if (!header) refuse(Math.max(lineNo, 1), 'prima riga', 'l\'intestazione «RED730|1»', 'file vuoto');
  if (fine === null) refuse(lineNo, 'ultima riga', 'il record «FINE|<numero di 730>»', 'fine del file');
  return { dichiarazioni: out, lines };
}

const RIGHI_P = ['1', '2', '3', '7'] as const;
const SEZIONI = ['I', 'II'] as const;
const TIPOLOGIE = ['1', '2', '3'] as const;
const VUOTO = [''] as const;
const COL2 = ['', '1', '2'] as const;
const CAMPO_C = [...CAMPI_RED_C, 'NR', ''] as const;
const CAMPO_D = [...CAMPI_RED_D, 'NR', ''] as const;
const ESTERO = ['S', 'N'] as const;
const RIGHI_D = ['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7'] as const;
const codesCache = new Map<string, readonly number[]>();
function codesOf(modello: Modello730, rigo: string): readonly number[] {
  const key = `${modello}|${rigo}`;
  let c = codesCache.get(key);
  if (!c) codesCache.set(key, (c = codiciQuadroD(modello, rigo)));
  return c;
}

function rigaP(at: (i: number) => string, s: string, line: number): Riga730 {
  const r = oneOf(at(2), RIGHI_P, line, 'rigo 730/3', 3);
  const importo = cents(at(3), r === '3', line, 'importo', 4);
  return { record: 'P', cf: s, rigo: Number(r) as 1 | 2 | 3 | 7, importo };
}

function rigaC(at: (i: number) => string, s: string, line: number): Riga730 {
  const sezione = oneOf(at(2), SEZIONI, line, 'sezione', 3);
  if (!/^C\d{1,2}$/.test(at(3))) refuse(line, 'rigo', 'un rigo del quadro C (es. C1)', at(3), 4);
  const tipologia = sezione === 'I' ? oneOf(at(4), TIPOLOGIE, line, 'tipologia', 5) : oneOf(at(4), VUOTO, line, 'tipologia', 5);
  const col2 = oneOf(at(5), COL2, line, 'colonna 2', 6);
  const importo = cents(at(6), false, line, 'importo', 7);
  const campo = oneOf(at(7), CAMPO_C, line, 'campo RED', 8);
  const estero = oneOf(at(8), ESTERO, line, 'estero', 9);
  return {
    record: 'C',
    cf: s,
    sezione,
    rigo: at(3),
    tipologia: tipologia === '' ? null : tipologia,
    col2: col2 === '' ? null : col2,
    importo,
    campoRed: campo === '' ? null : campo,
    estero: estero === 'S',
  };
}

function rigaD(at: (i: number) => string, s: string, line: number, modello: Modello730): Riga730 {
  const rigo = oneOf(at(2), RIGHI_D, line, 'rigo', 3);
  const codes = codesOf(modello, rigo);
  const codice = Number(at(3));
  if (!/^\d{1,2}$/.test(at(3)) || !codes.includes(codice)) {
    refuse(line, 'codice', `un codice del rigo ${rigo} del ${modello}: ${codes.join(', ')}`, at(3), 4);
  }
  const importo = cents(at(4), false, line, 'importo', 5);
  const campo = oneOf(at(5), CAMPO_D, line, 'campo RED', 6);
  return { record: 'D', cf: s, rigo, codice, importo, campoRed: campo === '' ? null : campo };
}
