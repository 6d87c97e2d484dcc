/**
 * INAIL "Denuncia nominativa degli assicurati" (D.Lgs. 38/2000 art. 14 c. 2; seed 002, red-domain.md §12.3): the
 * checks of an employer and of a notice, each message in Italian and naming its field. The codice fiscale rules are
 * those of src-shared/codice-fiscale; dates are read by util/italian-input. Pure.
 */
import { checkCodiceFiscale } from '../../codice-fiscale/codice-fiscale';
import { checkCodiceFiscaleNumerico } from '../../codice-fiscale/numerico';
import { parseData } from '../../util/italian-input';

/** One refusal: the field (its id in the forms) and the message that names it. */
export interface DnaFieldError {
  field: string;
  message: string;
}

export interface DnaDatore {
  codiceFiscale: string;
  codiceAccesso: string;
  /** Only for the desk's list (not in the record). */
  denominazione: string;
}

export interface DnaDenuncia {
  /** Empty for a foreign worker without a codice fiscale. */
  cfLavoratore: string;
  posizione: string;
  /** ISO days; at least one of the two. */
  dataInizio: string | null;
  dataFine: string | null;
  straniero: boolean;
  cognome: string;
  nome: string;
}

/** What the operator types (dates as gg/mm/aaaa or ggmmaaaa). */
export interface DnaDenunciaInput {
  cfLavoratore: string;
  posizione: string;
  dataInizio: string;
  dataFine: string;
  straniero: boolean;
  cognome: string;
  nome: string;
}

export const NAME_MAX = 40;

/** The employer's codice fiscale: 16 characters (a person) or 11 digits (a company). */
export function checkCfDatore(text: string): { ok: true; cf: string } | { ok: false; message: string } {
  const t = text.trim().toUpperCase();
  if (t === '') return { ok: false, message: 'Codice fiscale del datore di lavoro: obbligatorio.' };
  if (/^\d{11}$/.test(t)) {
    const r = checkCodiceFiscaleNumerico(t);
    return r.ok ? r : { ok: false, message: `Codice fiscale del datore di lavoro: ${r.detail}` };
  }
  if (/^\d+$/.test(t)) return { ok: false, message: `Codice fiscale del datore di lavoro: attese 11 cifre (società) o 16 caratteri (persona), trovati ${t.length}.` };
  const r = checkCodiceFiscale(t);
  return r.ok ? { ok: true, cf: r.cf } : { ok: false, message: `Codice fiscale del datore di lavoro: ${r.detail}` };
}

export function checkDatore(input: { codiceFiscale: string; codiceAccesso: string; denominazione: string }): { ok: true; value: DnaDatore } | { ok: false; errors: DnaFieldError[] } {
  const errors: DnaFieldError[] = [];
  const cf = checkCfDatore(input.codiceFiscale);
  if (!cf.ok) errors.push({ field: 'codiceFiscale', message: cf.message });
  const code = input.codiceAccesso.trim();
  if (code === '') errors.push({ field: 'codiceAccesso', message: 'Codice di accesso riservato: obbligatorio (le 4 cifre stampate sui moduli 10SM inviati dall’INAIL).' });
  else if (!/^\d{4}$/.test(code)) errors.push({ field: 'codiceAccesso', message: `Codice di accesso riservato: attese 4 cifre, trovato «${code}».` });
  const den = input.denominazione.trim();
  if (den.length > 60) errors.push({ field: 'denominazione', message: 'Denominazione: al massimo 60 caratteri.' });
  if (errors.length > 0 || !cf.ok) return { ok: false, errors };
  return { ok: true, value: { codiceFiscale: cf.cf, codiceAccesso: code, denominazione: den } };
}

/** Names go into a fixed-width ASCII record: capital letters, spaces, apostrophe, dot and hyphen. */
function checkName(label: string, field: string, text: string, errors: DnaFieldError[]): string {
  const t = text.trim().replace(/\s+/g, ' ').toUpperCase();
  if (t === '') {
    errors.push({ field, message: `${label} del lavoratore straniero: obbligatorio quando manca il codice fiscale.` });
  } else if (t.length > NAME_MAX) {
    errors.push({ field, message: `${label} del lavoratore straniero: al massimo ${NAME_MAX} caratteri (trovati ${t.length}).` });
  } else {
    const bad = /[^A-Z '.-]/.exec(t);
    if (bad) errors.push({ field, message: `${label} del lavoratore straniero: carattere «${bad[0]}» non ammesso (solo lettere senza accenti, spazio, apostrofo, punto e trattino; per «À» scrivere «A'»).` });
  }
  return t;
}

/** Start and/or end, both real dates, the end not before the start. */
function checkDates(inizio: string | null, fine: string | null, errors: DnaFieldError[]): void {
  if (inizio === null && fine === null) {
    errors.push({ field: 'dataInizio', message: 'Data di inizio o di fine del rapporto di lavoro: indicarne almeno una (assunzione, cessazione o entrambe).' });
  } else if (inizio !== null && fine !== null && fine < inizio) {
    errors.push({ field: 'dataFine', message: 'Data di fine del rapporto di lavoro: non può essere precedente alla data di inizio.' });
  }
}

/** A notice already in its final form (as read from a record or from the archive). */
export function checkDenunciaValue(d: DnaDenuncia): DnaFieldError[] {
  const errors: DnaFieldError[] = [];
  if (d.straniero) {
    if (d.cfLavoratore !== '') errors.push({ field: 'cfLavoratore', message: 'Codice fiscale del lavoratore: va lasciato vuoto per un lavoratore straniero sprovvisto di codice fiscale.' });
    checkName('Cognome', 'cognome', d.cognome, errors);
    checkName('Nome', 'nome', d.nome, errors);
  } else {
    const r = checkCodiceFiscale(d.cfLavoratore);
    if (!r.ok) errors.push({ field: 'cfLavoratore', message: `Codice fiscale del lavoratore: ${r.detail}` });
    if (d.cognome !== '' || d.nome !== '') errors.push({ field: 'cognome', message: 'Cognome e nome: si indicano solo per il lavoratore straniero sprovvisto di codice fiscale.' });
  }
  if (!/^\d{9}$/.test(d.posizione)) errors.push({ field: 'posizione', message: `Posizione assicurativa: attese 9 cifre, trovato «${d.posizione}».` });
  checkDates(d.dataInizio, d.dataFine, errors);
  return errors;
}

/** What the operator typed → a notice, or the refusals (every field checked, each message naming its field). */
export function checkDenuncia(input: DnaDenunciaInput): { ok: true; value: DnaDenuncia } | { ok: false; errors: DnaFieldError[] } {
  const errors: DnaFieldError[] = [];
  const date = (label: string, field: string, text: string): string | null => {
    const r = parseData(text);
    if (r.kind === 'ok') return r.value;
    if (r.kind === 'invalid') errors.push({ field, message: `${label}: ${r.message}` });
    return null;
  };
  const dataInizio = date('Data di inizio del rapporto di lavoro', 'dataInizio', input.dataInizio);
  const dataFine = date('Data di fine del rapporto di lavoro', 'dataFine', input.dataFine);
  const posizione = input.posizione.trim();
  const value: DnaDenuncia = {
    cfLavoratore: input.cfLavoratore.trim().toUpperCase(),
    posizione,
    dataInizio,
    dataFine,
    straniero: input.straniero,
    cognome: input.straniero ? input.cognome.trim().replace(/\s+/g, ' ').toUpperCase() : input.cognome.trim(),
    nome: input.straniero ? input.nome.trim().replace(/\s+/g, ' ').toUpperCase() : input.nome.trim(),
  };
  const invalidDates = errors.length > 0;
  for (const e of checkDenunciaValue(value)) {
    // A date already refused is not reported again as "missing".
    if (invalidDates && e.field === 'dataInizio' && e.message.startsWith('Data di inizio o di fine')) continue;
    errors.push(e);
  }
  if (value.cfLavoratore !== '' && !value.straniero) {
    const r = checkCodiceFiscale(value.cfLavoratore);
    if (r.ok) value.cfLavoratore = r.cf;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
