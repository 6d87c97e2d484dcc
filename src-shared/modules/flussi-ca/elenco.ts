/**
 * INAIL "Flussi incassi C.A." (seed 003, red-domain.md §12.4): the .txt list of the contributi associativi paid with
 * F24 in the current year, downloaded by an association from Punto Cliente on 20 May, 20 July and 20 November. Each
 * extraction replaces the previous one; the data are not final (the final ones are in "Rendicontazione annuale").
 * Pure: reads the text into a header and rows, or refuses it with the line.
 *
 * Our reading of the seed's partly garbled "Descrizione del file":
 * - header: «Codice convenzione NNNN Denominazione <sigla> Anno AAAA Estrazione gg/mm/aaaa» on one line (as the
 *   example prints it), its parts separated by blanks and/or "|"; codice convenzione up to 4 digits (kept with
 *   leading zeros to 4, "0328"), descrizione up to 40 characters, anno 4 digits;
 * - "Data estrazione" is typed NUM yet shown gg/mm/aaaa, and "Data pagamento" is said to be 8 characters yet shown
 *   gg/mm/aaaa (10): both dates are accepted as gg/mm/aaaa or as ggmmaaaa, and must be real days;
 * - whether the lines are "|"-delimited or blank-separated is not said (the "|" of the example may be the page's
 *   table markup): a line with "|" is split on "|", any other on blanks; a trailing "|" is ignored;
 * - a line with no digit is the name of a region (the Sede's territorial competence) and opens its group; a data
 *   line has 4 fields: codice ditta (digits, up to 9), codice contributo (letters/digits, up to 5: "FI508"
 *   provincial, "00071" national), importo (up to 16 characters, comma and exactly 2 decimals, "." thousands
 *   separators allowed), data pagamento; a data line before any region line is refused;
 * - blank lines are skipped.
 * The 6-digit "progressivo di pagamento" of the F24 is decoded by `decodeProgressivo` below.
 */
import { formatCentesimi, parseCentesimi, parseData } from '../../util/italian-input';

export interface ElencoHeader {
  convenzione: string;
  descrizione: string;
  anno: number;
  /** ISO day. */
  dataEstrazione: string;
}

export interface Incasso {
  regione: string;
  codiceDitta: string;
  codiceContributo: string;
  importoCent: number;
  /** ISO day. */
  dataPagamento: string;
}

export type ElencoResult = { ok: true; header: ElencoHeader; rows: Incasso[] } | { ok: false; line: number; message: string };

const fail = (line: number, what: string): ElencoResult => ({ ok: false, line, message: `Elenco non letto: riga ${line}: ${what}` });

/** gg/mm/aaaa or ggmmaaaa, a real day → ISO; else the reason. */
function readDate(label: string, text: string): { ok: true; iso: string } | { ok: false; message: string } {
  if (!/^\d{2}\/\d{2}\/\d{4}$/.test(text) && !/^\d{8}$/.test(text)) return { ok: false, message: `${label} «${text}»: attesa gg/mm/aaaa o ggmmaaaa.` };
  const r = parseData(text);
  return r.kind === 'ok' ? { ok: true, iso: r.value } : { ok: false, message: `${label}: ${r.kind === 'invalid' ? r.message : 'mancante.'}` };
}

const HEADER = /^Codice\s+convenzione\s+(\S+)\s+Denominazione\s+(.+?)\s+Anno\s+(\S+)\s+Estrazione\s+(\S+)$/i;

function readHeader(line: string, n: number): { ok: true; header: ElencoHeader } | { ok: false; result: ElencoResult } {
  const t = line.replace(/\|/g, ' ').replace(/\s+/g, ' ').trim();
  const m = HEADER.exec(t);
  if (!m) return { ok: false, result: fail(n, 'attesa la testata «Codice convenzione … Denominazione … Anno … Estrazione gg/mm/aaaa».') };
  const [, conv = '', desc = '', anno = '', data = ''] = m;
  if (!/^\d{1,4}$/.test(conv)) return { ok: false, result: fail(n, `codice convenzione «${conv}»: attese al massimo 4 cifre.`) };
  if (desc.length > 40) return { ok: false, result: fail(n, `descrizione associazione di ${desc.length} caratteri: al massimo 40.`) };
  if (!/^\d{4}$/.test(anno)) return { ok: false, result: fail(n, `anno di competenza «${anno}»: attese 4 cifre.`) };
  const d = readDate('data estrazione', data);
  if (!d.ok) return { ok: false, result: fail(n, d.message) };
  return { ok: true, header: { convenzione: conv.padStart(4, '0'), descrizione: desc, anno: Number(anno), dataEstrazione: d.iso } };
}

const IMPORTO = /^(\d{1,3}(\.\d{3})+|\d+),\d{2}$/;

/** The whole text: header and rows, or the first wrong line (nothing is taken from a refused file). */
export function readElenco(text: string): ElencoResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: ElencoHeader | null = null;
  let regione: string | null = null;
  const rows: Incasso[] = [];
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const raw = (lines[i] ?? '').trim().replace(/\|\s*$/, '').trim();
    if (raw === '') continue;
    if (header === null) {
      const h = readHeader(raw, n);
      if (!h.ok) return h.result;
      header = h.header;
      continue;
    }
    if (!/\d/.test(raw)) {
      const name = raw.replace(/\|/g, ' ').replace(/\s+/g, ' ').trim();
      if (!/^[A-Za-zÀ-ÿ' .-]{2,40}$/.test(name)) return fail(n, `nome di regione «${name}» non valido.`);
      regione = name.toUpperCase();
      continue;
    }
    const fields = (raw.includes('|') ? raw.split('|') : raw.split(/\s+/)).map((f) => f.trim());
    if (fields.length !== 4 || fields.some((f) => f === '')) return fail(n, `attesi 4 campi (codice ditta, codice contributo, importo, data pagamento), trovati ${fields.filter((f) => f !== '').length}.`);
    const [ditta = '', contributo = '', importo = '', data = ''] = fields;
    if (regione === null) return fail(n, 'dati di una ditta prima della riga della regione (Sede INAIL).');
    if (!/^\d{1,9}$/.test(ditta)) return fail(n, `codice ditta «${ditta}»: attese al massimo 9 cifre.`);
    if (!/^[A-Za-z0-9]{1,5}$/.test(contributo)) return fail(n, `codice contributo «${contributo}»: attesi al massimo 5 caratteri, lettere o cifre.`);
    if (importo.length > 16 || !IMPORTO.test(importo)) return fail(n, `importo incasso «${importo}»: atteso un importo con la virgola e 2 decimali (es. 135,24), al massimo 16 caratteri.`);
    const cents = parseCentesimi(importo);
    if (cents.kind !== 'ok') return fail(n, `importo incasso «${importo}»: ${cents.kind === 'invalid' ? cents.message : 'mancante.'}`);
    const d = readDate('data pagamento', data);
    if (!d.ok) return fail(n, d.message);
    rows.push({ regione, codiceDitta: ditta, codiceContributo: contributo.toUpperCase(), importoCent: cents.value, dataPagamento: d.iso });
  }
  if (header === null) return fail(1, 'il file è vuoto: attesa la testata «Codice convenzione … Estrazione gg/mm/aaaa».');
  return { ok: true, header, rows };
}

export interface ProgressivoDecodificato {
  prefisso: string;
  anno: number;
  autoliquidazione: string;
  convenzione: string;
}

/**
 * The 6-digit "progressivo di pagamento" of the F24: the first two digits tell the year of competence of the
 * contribution, the last four the convenzione. The seed gives one pair only: 71 → autoliquidazione 902011, year
 * 2011. [assumption] the prefix grows with the year (prefix − 60 = the year's last two digits: 70 → 2010, 72 → 2012);
 * prefixes below 60 are not decoded.
 */
export function decodeProgressivo(text: string): { ok: true; value: ProgressivoDecodificato } | { ok: false; message: string } {
  const t = text.trim();
  if (!/^\d{6}$/.test(t)) return { ok: false, message: `Progressivo di pagamento «${t}»: attese 6 cifre (es. 710328).` };
  const prefisso = t.slice(0, 2);
  const p = Number(prefisso);
  if (p < 60) return { ok: false, message: `Progressivo di pagamento «${t}»: il prefisso ${prefisso} non corrisponde a un anno noto (71 = 2011).` };
  const anno = 2000 + (p - 60);
  return { ok: true, value: { prefisso, anno, autoliquidazione: `90${anno}`, convenzione: t.slice(2) } };
}

/** "135,24" from cents (the list's own form, thousands with "."). */
export const formatImporto = formatCentesimi;
