/**
 * "Dati anagrafici" barcode (second barcode of the letter), project-defined format (stringa-caf.md):
 * AN|cf|cognome|nome|sesso|AAAAMMGG|comune nascita|indirizzo|CAP|comune residenza|provincia
 */
import { checkCodiceFiscale, decodeCodiceFiscale } from '../codice-fiscale/codice-fiscale';

export type AnagraficaScan = {
  codiceFiscale: string;
  cognome: string;
  nome: string;
  sesso: 'M' | 'F';
  /** YYYY-MM-DD */
  dataNascita: string;
  comuneNascita: string;
  indirizzo: string;
  cap: string;
  comuneResidenza: string;
  provincia: string;
};
export type AnagraficaScanError = { field: string; message: string };
export type AnagraficaScanResult =
  | { ok: true; value: AnagraficaScan; /** CF not matching sesso/data di nascita (not blocking: real CFs may differ). */ warnings: string[] }
  | { ok: false; errors: AnagraficaScanError[] };

const TEXT_FIELDS = [
  ['cognome', 'Cognome'],
  ['nome', 'Nome'],
  ['comuneNascita', 'Comune di nascita'],
  ['indirizzo', 'Indirizzo'],
  ['comuneResidenza', 'Comune di residenza'],
] as const;

function isoDate(s: string): string | null {
  if (!/^\d{8}$/.test(s)) return null;
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(4, 6));
  const d = Number(s.slice(6, 8));
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1850 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

/**
 * Parses one scanned line. With `expectedCf` (the declaration being loaded), a scan of another person is refused.
 */
export function parseAnagraficaScan(input: string, expectedCf?: string): AnagraficaScanResult {
  const parts = input.trim().split('|').map((p) => p.trim());
  if ((parts[0] ?? '').toUpperCase() !== 'AN') {
    return { ok: false, errors: [{ field: 'formato', message: 'Codice a barre dei dati anagrafici non riconosciuto: deve iniziare con «AN|».' }] };
  }
  if (parts.length !== 11) {
    const msg = `Codice a barre dei dati anagrafici incompleto o errato: attesi 10 campi separati da «|», trovati ${parts.length - 1}.`;
    return { ok: false, errors: [{ field: 'formato', message: msg }] };
  }
  const [, cfRaw = '', cognome = '', nome = '', sessoRaw = '', dataRaw = '', comuneNascita = '', indirizzo = '', cap = '', comuneResidenza = '', provRaw = ''] = parts;
  const errors: AnagraficaScanError[] = [];
  const cf = checkCodiceFiscale(cfRaw);
  if (!cf.ok) errors.push({ field: 'codiceFiscale', message: cf.message });
  const text = { cognome, nome, comuneNascita, indirizzo, comuneResidenza };
  for (const [key, label] of TEXT_FIELDS) if (text[key] === '') errors.push({ field: key, message: `${label}: non indicato.` });
  const sesso = sessoRaw.toUpperCase();
  if (sesso !== 'M' && sesso !== 'F') {
    errors.push({ field: 'sesso', message: `Sesso: valore «${sessoRaw}» non ammesso; valori ammessi: M, F.` });
  }
  const dataNascita = isoDate(dataRaw);
  if (dataNascita === null) {
    errors.push({ field: 'dataNascita', message: `Data di nascita: «${dataRaw}» non è una data valida (formato atteso AAAAMMGG).` });
  }
  if (!/^\d{5}$/.test(cap)) errors.push({ field: 'cap', message: `CAP: «${cap}» non valido (attese 5 cifre).` });
  const provincia = provRaw.toUpperCase();
  if (!/^[A-Z]{2}$/.test(provincia)) {
    errors.push({ field: 'provincia', message: `Provincia: «${provRaw}» non valida (attesa la sigla di 2 lettere, EE per l'estero).` });
  }
  if (cf.ok && expectedCf !== undefined && cf.cf !== expectedCf.trim().toUpperCase()) {
    errors.push({
      field: 'codiceFiscale',
      message: `Codice fiscale: i dati anagrafici letti (${cf.cf}) sono di una persona diversa da quella della dichiarazione (${expectedCf.trim().toUpperCase()}).`,
    });
  }
  if (!cf.ok || dataNascita === null || (sesso !== 'M' && sesso !== 'F') || errors.length > 0) return { ok: false, errors };

  const warnings: string[] = [];
  const enc = decodeCodiceFiscale(cf.cf);
  if (enc.sesso !== sesso) warnings.push(`Il sesso indicato (${sesso}) non corrisponde a quello del codice fiscale (${enc.sesso}).`);
  const [y, m, d] = dataNascita.split('-').map(Number);
  if (enc.annoDueCifre !== (y ?? 0) % 100 || enc.mese !== m || enc.giorno !== d) {
    warnings.push('La data di nascita indicata non corrisponde a quella del codice fiscale.');
  }
  const value: AnagraficaScan = { codiceFiscale: cf.cf, cognome, nome, sesso, dataNascita, comuneNascita, indirizzo, cap, comuneResidenza, provincia };
  return { ok: true, value, warnings };
}
