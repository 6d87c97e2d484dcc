/**
 * Names of the files written to <data dir>/stampe/ (issue 10, Deliver 2): they say what the file is, whose it
 * is and when it was made, e.g. "RED1_RSSMRA40A01H501U_20090504-101530.pdf",
 * "01_Archivio_Anagrafiche_20090504-101530.xlsx".
 */
import { fileStamp } from '../util/italian-time';

/** Letters, digits, '-' and '_' only: a name that is safe on every file system and in a download. */
export function safeNamePart(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60);
}

export function printFileName(what: string, codiceFiscale: string | null, iso: string, ext: 'pdf' | 'xlsx' | 'csv' = 'pdf'): string {
  const parts = [safeNamePart(what)];
  if (codiceFiscale) parts.push(safeNamePart(codiceFiscale.toUpperCase()));
  parts.push(fileStamp(iso));
  return `${parts.join('_')}.${ext}`;
}

/** A file name as the API accepts it back (download, open): one of ours, never a path. */
/** (txt: the INAIL DNA files, issue 15.) */
export const PRINT_FILE_NAME = /^[A-Za-z0-9_-]{1,120}\.(pdf|xlsx|csv|txt)$/;

/** The place line of an address: "00179 ROMA (RM)" — blanks for what is missing (labels, models). */
export function residenceLine(p: { cap?: string | null; comune?: string | null; provincia?: string | null }): string {
  const prov = p.provincia?.trim() ? `(${p.provincia.trim()})` : '';
  return [p.cap?.trim() ?? '', p.comune?.trim() ?? '', prov].filter(Boolean).join(' ');
}
