/**
 * The INAIL DNA file (seed 002, "Struttura record"; red-domain.md §12.3): a text file whose name ends with
 * "inail_dna.txt", one record of exactly 168 characters per notice. Pure: builds and reads records.
 *
 * Our reading where the seed is silent: the date of a missing start (or end) and the worker's codice fiscale of a
 * foreign worker without one are blanks; the '?' fillers (30, 33, 40, 43, 46–47) are written always, since the text
 * sets them unconditionally. Records are separated by CR LF (the files of the time were DOS text); CR LF or LF are
 * accepted when reading. Only ASCII characters are written.
 */
import { checkCfDatore, checkDenunciaValue, type DnaDenuncia } from './checks';

export const DNA_RECORD_LENGTH = 168;
export const DNA_FILE_SUFFIX = 'inail_dna.txt';

/** The seed's table, position by position (1-based, inclusive). */
export const DNA_LAYOUT = [
  { from: 1, to: 16, campo: 'codice fiscale del lavoratore' },
  { from: 17, to: 25, campo: 'posizione assicurativa' },
  { from: 26, to: 29, campo: 'anno di inizio' },
  { from: 30, to: 30, campo: "carattere '?'" },
  { from: 31, to: 32, campo: 'mese di inizio' },
  { from: 33, to: 33, campo: "carattere '?'" },
  { from: 34, to: 35, campo: 'giorno di inizio' },
  { from: 36, to: 39, campo: 'anno di fine' },
  { from: 40, to: 40, campo: "carattere '?'" },
  { from: 41, to: 42, campo: 'mese di fine' },
  { from: 43, to: 43, campo: "carattere '?'" },
  { from: 44, to: 45, campo: 'giorno di fine' },
  { from: 46, to: 47, campo: "caratteri '??'" },
  { from: 48, to: 63, campo: 'codice fiscale del datore di lavoro' },
  { from: 64, to: 67, campo: 'codice di accesso riservato' },
  { from: 68, to: 87, campo: 'spazi' },
  { from: 88, to: 88, campo: "lavoratore straniero senza codice fiscale ('s' o 'n')" },
  { from: 89, to: 128, campo: 'cognome del lavoratore straniero' },
  { from: 129, to: 168, campo: 'nome del lavoratore straniero' },
] as const;

/** A notice with its employer, as one record carries it. */
export interface DnaRecordData extends DnaDenuncia {
  cfDatore: string;
  codiceAccesso: string;
}

/** "2009-04-15" → "2009?04?15"; no date → "    ?  ?  " (the fillers stay). */
function datePart(iso: string | null): string {
  if (iso === null) return '    ?  ?  ';
  return `${iso.slice(0, 4)}?${iso.slice(5, 7)}?${iso.slice(8, 10)}`;
}

const pad = (s: string, n: number) => s.padEnd(n, ' ').slice(0, n);

export function buildDnaRecord(r: DnaRecordData): string {
  const out =
    pad(r.straniero ? '' : r.cfLavoratore, 16) +
    r.posizione +
    datePart(r.dataInizio) +
    datePart(r.dataFine) +
    '??' +
    pad(r.cfDatore, 16) +
    r.codiceAccesso +
    ' '.repeat(20) +
    (r.straniero ? 's' : 'n') +
    pad(r.straniero ? r.cognome : '', 40) +
    pad(r.straniero ? r.nome : '', 40);
  if (out.length !== DNA_RECORD_LENGTH || !/^[\x20-\x7e]*$/.test(out)) throw new Error(`record DNA di ${out.length} caratteri o con caratteri non ASCII`);
  return out;
}

/** The file's text: the records, each ended by CR LF. */
export function buildDnaFile(records: readonly DnaRecordData[]): string {
  return records.map((r) => `${buildDnaRecord(r)}\r\n`).join('');
}

/** "20090504-101530" → "20090504-101530_inail_dna.txt". */
export function dnaFileName(stamp: string): string {
  return `${stamp}_${DNA_FILE_SUFFIX}`;
}

export interface DnaReadError {
  line: number;
  position: number;
  message: string;
}

export type DnaReadResult = { ok: true; records: DnaRecordData[] } | { ok: false; error: DnaReadError };

function refuse(line: number, position: number, what: string): { ok: false; error: DnaReadError } {
  return { ok: false, error: { line, position, message: `File DNA non letto: riga ${line}, posizione ${position}: ${what}` } };
}

/** The date at `from` (1-based): "AAAA?MM?GG", all blank (no date) or refused with its position. */
function readDate(rec: string, from: number, label: string, line: number): { ok: true; value: string | null } | { ok: false; error: DnaReadError } {
  const y = rec.slice(from - 1, from + 3);
  const m = rec.slice(from + 4, from + 6);
  const d = rec.slice(from + 7, from + 9);
  if (y === '    ' && m === '  ' && d === '  ') return { ok: true, value: null };
  if (!/^\d{4}$/.test(y)) return refuse(line, from, `anno di ${label} «${y}»: attese 4 cifre (AAAA) o spazi.`);
  if (!/^\d{2}$/.test(m)) return refuse(line, from + 5, `mese di ${label} «${m}»: attese 2 cifre (MM).`);
  if (!/^\d{2}$/.test(d)) return refuse(line, from + 8, `giorno di ${label} «${d}»: attese 2 cifre (GG).`);
  const month = Number(m);
  const day = Number(d);
  const last = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (month < 1 || month > 12) return refuse(line, from + 5, `mese di ${label} «${m}» inesistente.`);
  if (day < 1 || day > last) return refuse(line, from + 8, `giorno di ${label} «${d}» inesistente (il mese ne ha ${last}).`);
  return { ok: true, value: `${y}-${m}-${d}` };
}

const FIELD_POSITION: Readonly<Record<string, number>> = { cfLavoratore: 1, posizione: 17, dataInizio: 26, dataFine: 36, cognome: 89, nome: 129 };

/** One record, or its refusal with the line and the first position at fault. */
export function readDnaRecord(rec: string, line: number): { ok: true; value: DnaRecordData } | { ok: false; error: DnaReadError } {
  if (rec.length !== DNA_RECORD_LENGTH) return refuse(line, Math.min(rec.length, DNA_RECORD_LENGTH) + 1, `il record è lungo ${rec.length} caratteri invece di ${DNA_RECORD_LENGTH}.`);
  for (let i = 0; i < rec.length; i++) {
    const c = rec.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return refuse(line, i + 1, `carattere non ammesso (codice ${c}).`);
  }
  for (const p of [30, 33, 40, 43, 46, 47]) {
    if (rec.charAt(p - 1) !== '?') return refuse(line, p, `atteso il carattere '?', trovato «${rec.charAt(p - 1)}».`);
  }
  if (rec.slice(67, 87) !== ' '.repeat(20)) {
    const at = [...rec.slice(67, 87)].findIndex((c) => c !== ' ');
    return refuse(line, 68 + at, 'le posizioni 68–87 devono contenere spazi.');
  }
  const flag = rec.charAt(87);
  if (flag !== 's' && flag !== 'n') return refuse(line, 88, `atteso 's' (lavoratore straniero senza codice fiscale) o 'n', trovato «${flag}».`);
  const straniero = flag === 's';
  const inizio = readDate(rec, 26, 'inizio', line);
  if (!inizio.ok) return inizio;
  const fine = readDate(rec, 36, 'fine', line);
  if (!fine.ok) return fine;
  const cfDatore = checkCfDatore(rec.slice(47, 63).trimEnd());
  if (!cfDatore.ok || rec.slice(47, 63).startsWith(' ')) return refuse(line, 48, cfDatore.ok ? 'codice fiscale del datore di lavoro non allineato a sinistra.' : cfDatore.message);
  const codiceAccesso = rec.slice(63, 67);
  if (!/^\d{4}$/.test(codiceAccesso)) return refuse(line, 64, `codice di accesso riservato «${codiceAccesso}»: obbligatorio, 4 cifre.`);
  const cognome = rec.slice(88, 128).trimEnd();
  const nome = rec.slice(128, 168).trimEnd();
  if (!straniero && (cognome !== '' || nome !== '')) return refuse(line, cognome !== '' ? 89 : 129, "cognome e nome vanno lasciati a spazi quando la posizione 88 è 'n'.");
  if (straniero && (cognome.startsWith(' ') || nome.startsWith(' '))) return refuse(line, cognome.startsWith(' ') ? 89 : 129, 'cognome e nome vanno allineati a sinistra.');
  const value: DnaRecordData = {
    cfLavoratore: rec.slice(0, 16).trimEnd(),
    posizione: rec.slice(16, 25),
    dataInizio: inizio.value,
    dataFine: fine.value,
    straniero,
    cognome: straniero ? cognome : '',
    nome: straniero ? nome : '',
    cfDatore: cfDatore.cf,
    codiceAccesso,
  };
  const [first] = checkDenunciaValue(value);
  if (first) return refuse(line, FIELD_POSITION[first.field] ?? 1, first.message);
  return { ok: true, value };
}

/** A whole file: every record, or the first wrong one with its line and position (nothing taken from a refused file). */
export function readDnaFile(text: string): DnaReadResult {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return { ok: false, error: { line: 1, position: 1, message: 'File DNA non letto: il file è vuoto.' } };
  const records: DnaRecordData[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const r = readDnaRecord(raw.endsWith('\r') ? raw.slice(0, -1) : raw, i + 1);
    if (!r.ok) return r;
    records.push(r.value);
  }
  return { ok: true, records };
}
