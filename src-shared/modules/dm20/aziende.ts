/**
 * The reference data of the DM20-REG checks (INPS circolare 83/1992, 2.1.3 A–B): the firms of the sede (matricola,
 * sede SSZZ, constitution, type and date of cessation incl. 9 = transferred within the province, suspension) and
 * the highest progressivo per sede (the circular's archive DS09). Read from the screen or from a CSV file:
 *
 *   AZ;matricola;sede;data costituzione;tipo cessazione;data cessazione;data sospensione
 *   PM;sede;progressivo massimo
 *
 * Separator ";" (a "," is also accepted when the line has no ";"), fields optionally in double quotes, dates
 * gg/mm/aaaa, empty = none; blank lines and a first line starting with "tipo" (a header) are skipped. A refused
 * line is told with its number and its column. Pure.
 */
import { parseData } from '../../util/italian-input';
import type { Dm20Azienda } from './checks';
import { parseMatricola, readSede, type Read } from './keys';

export interface AziendaTesto {
  matricola: string;
  sede: string;
  costituzione: string;
  tipoCessazione: string;
  dataCessazione: string;
  sospensione: string;
}
export interface CampoErrato {
  field: keyof AziendaTesto | 'massimo' | 'tipo';
  message: string;
}

function day(label: string, text: string): Read<string | null> {
  const d = parseData(text);
  if (d.kind === 'empty') return { ok: true, value: null };
  if (d.kind === 'invalid') return { ok: false, message: `${label}: ${d.message}` };
  return { ok: true, value: d.value };
}

/** Checks one firm; every wrong field is told. */
export function checkAzienda(t: AziendaTesto): { ok: true; value: Dm20Azienda } | { ok: false; errors: CampoErrato[] } {
  const errors: CampoErrato[] = [];
  const m = parseMatricola(t.matricola);
  if (!m) errors.push({ field: 'matricola', message: `Matricola: «${t.matricola.trim()}» non valida, servono 10 cifre.` });
  const sede = readSede('Sede', t.sede);
  if (!sede.ok) errors.push({ field: 'sede', message: sede.message });
  const cost = day('Data di costituzione', t.costituzione);
  if (!cost.ok) errors.push({ field: 'costituzione', message: cost.message });
  const tipo = t.tipoCessazione.trim();
  if (tipo !== '' && !/^[1-9]$/.test(tipo)) errors.push({ field: 'tipoCessazione', message: `Tipo cessazione: «${tipo}» non valido, una cifra da 1 a 9 (9 = trasferita nella provincia).` });
  const cess = day('Data di cessazione', t.dataCessazione);
  if (!cess.ok) errors.push({ field: 'dataCessazione', message: cess.message });
  else if (tipo !== '' && cess.value === null && tipo !== '9') errors.push({ field: 'dataCessazione', message: 'Data di cessazione: obbligatoria con il tipo cessazione.' });
  else if (tipo === '' && cess.value !== null) errors.push({ field: 'tipoCessazione', message: 'Tipo cessazione: obbligatorio con la data di cessazione.' });
  const sosp = day('Data di sospensione', t.sospensione);
  if (!sosp.ok) errors.push({ field: 'sospensione', message: sosp.message });
  if (cost.ok && cess.ok && cost.value && cess.value && cess.value < cost.value) errors.push({ field: 'dataCessazione', message: 'Data di cessazione: precedente alla data di costituzione.' });
  if (errors.length || !m || !sede.ok || !cost.ok || !cess.ok || !sosp.ok) return { ok: false, errors };
  return { ok: true, value: { matricola: m.value, sede: sede.value, costituzione: cost.value, tipoCessazione: tipo === '' ? null : tipo, dataCessazione: cess.value, sospensione: sosp.value } };
}

/** The highest progressivo of a sede: 1 to 99999 (the 5 digits after SSZZ in the matricola). */
export function checkProgressivo(sedeText: string, massimoText: string): { ok: true; value: { sede: string; massimo: number } } | { ok: false; errors: CampoErrato[] } {
  const errors: CampoErrato[] = [];
  const sede = readSede('Sede', sedeText);
  if (!sede.ok) errors.push({ field: 'sede', message: sede.message });
  const t = massimoText.trim();
  if (!/^\d{1,5}$/.test(t) || Number(t) === 0) errors.push({ field: 'massimo', message: `Progressivo massimo: «${t}» non valido, da 1 a 99999.` });
  if (!sede.ok || errors.length) return { ok: false, errors };
  return { ok: true, value: { sede: sede.value, massimo: Number(t) } };
}

/** Splits one CSV line; quotes may hold the separator, "" is a quote. */
export function splitCsvLine(line: string): string[] | null {
  const sep = line.includes(';') ? ';' : ',';
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (ch === sep) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (quoted) return null;
  out.push(cur.trim());
  return out;
}

export interface CsvRefusal {
  line: number;
  column: number;
  message: string;
}
export type AziendeCsv = { ok: true; aziende: Dm20Azienda[]; progressivi: { sede: string; massimo: number }[] } | { ok: false; error: CsvRefusal };

const AZ_COLUMNS: readonly (keyof AziendaTesto)[] = ['matricola', 'sede', 'costituzione', 'tipoCessazione', 'dataCessazione', 'sospensione'];
const refuse = (line: number, column: number, message: string): AziendeCsv => ({ ok: false, error: { line, column, message: `Riga ${line}, colonna ${column}: ${message}` } });

/** Reads the whole file; the first wrong line refuses it all (nothing is stored from a wrong file). */
export function readAziendeCsv(text: string): AziendeCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const aziende: Dm20Azienda[] = [];
  const progressivi: { sede: string; massimo: number }[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const cols = splitCsvLine(raw);
    if (!cols) return refuse(n, 1, 'virgolette non chiuse.');
    const kind = (cols[0] ?? '').toUpperCase();
    if (i === 0 && kind.startsWith('TIPO')) continue;
    if (kind === 'AZ') {
      if (cols.length !== 7) return refuse(n, Math.min(cols.length, 7) + (cols.length < 7 ? 1 : 0), `una riga AZ ha 7 colonne (AZ;matricola;sede;costituzione;tipo cessazione;data cessazione;sospensione), trovate ${cols.length}.`);
      const t = Object.fromEntries(AZ_COLUMNS.map((k, j) => [k, cols[j + 1] ?? ''])) as unknown as AziendaTesto;
      const r = checkAzienda(t);
      if (!r.ok) {
        const e = r.errors[0]!;
        return refuse(n, AZ_COLUMNS.indexOf(e.field as keyof AziendaTesto) + 2, e.message);
      }
      const dup = seen.get(r.value.matricola);
      if (dup !== undefined) return refuse(n, 2, `Matricola: ${r.value.matricola} è già alla riga ${dup}.`);
      seen.set(r.value.matricola, n);
      aziende.push(r.value);
    } else if (kind === 'PM') {
      if (cols.length !== 3) return refuse(n, Math.min(cols.length + 1, 3), `una riga PM ha 3 colonne (PM;sede;progressivo massimo), trovate ${cols.length}.`);
      const r = checkProgressivo(cols[1] ?? '', cols[2] ?? '');
      if (!r.ok) return refuse(n, r.errors[0]!.field === 'sede' ? 2 : 3, r.errors[0]!.message);
      if (progressivi.some((p) => p.sede === r.value.sede)) return refuse(n, 2, `Sede: il progressivo massimo della Sede ${r.value.sede} è già indicato.`);
      progressivi.push(r.value);
    } else {
      return refuse(n, 1, `tipo riga «${cols[0] ?? ''}» non riconosciuto: AZ (azienda) o PM (progressivo massimo).`);
    }
  }
  if (aziende.length === 0 && progressivi.length === 0) return refuse(1, 1, 'il file non contiene righe AZ o PM.');
  return { ok: true, aziende, progressivi };
}
