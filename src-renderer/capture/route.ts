/**
 * What a scan does, as a pure decision (unit- and fuzz-tested): the screens only carry it out.
 *  - Monitor: a valid Stringa CAF opens "Nuovo" filled in and decoded (or "Dichiarazione già presente").
 *  - "Nuovo" open: a valid Stringa CAF fills it and confirms.
 *  - Declaration editor: a "dati anagrafici" line (AN|…, stringa-caf.md) of the same codice fiscale fills the
 *    titolare's anagrafica after confirmation; another person's is refused.
 *  - Monitor: the barcode printed on every page of a model (RED-<progressivo>-<codice fiscale>, issue 10) selects
 *    that declaration, whatever tab it is in; elsewhere it is refused.
 * Anything else is refused (a readable code on the wrong screen) or bad (unreadable): a cue and a message,
 * and nothing is created or changed.
 */
import { MATRICOLA_CHARS_CODE, MATRICOLA_LENGTH_CODE, parseMatricola, type MatricolaError } from '#shared/matricola/codec';
import { parseAnagraficaScan, type AnagraficaScan } from '#shared/matricola/anagrafica-scan';
import { parseDeclarationKey } from '#shared/print/key';

/** Longest text taken from a reader (the API's ScanEvent allows 500). */
export const MAX_SCAN_LENGTH = 500;

export type ScanScreen =
  | { screen: 'monitor' }
  | { screen: 'nuovo' }
  | { screen: 'editor'; titolareCf: string; readOnly: boolean };

export type ScanDecision =
  /** Monitor: open "Nuovo" with this (normalised, valid) Stringa CAF. */
  | { kind: 'nuovo'; matricola: string }
  /** "Nuovo" open: put this (normalised, valid) Stringa CAF in it and confirm. */
  | { kind: 'fill-nuovo'; matricola: string }
  /** Monitor: select the declaration of a printed model's barcode. */
  | { kind: 'select'; progressivo: number; codiceFiscale: string }
  /** Editor: ask to load these data into the titolare's anagrafica. */
  | { kind: 'anagrafica'; value: AnagraficaScan; warnings: string[] }
  /** A readable code that this screen does not take. */
  | { kind: 'refused'; message: string }
  /** Unreadable or invalid. */
  | { kind: 'bad'; message: string };

export type ScanKind = 'matricola' | 'anagrafica' | 'chiave';

/** Removes the reader's suffix and blanks at both ends (CR, LF, TAB, spaces). */
export function cleanScan(text: string): string {
  const blank = (i: number) => text.charCodeAt(i) <= 32 || /\s/.test(text.charAt(i));
  let start = 0;
  let end = text.length;
  while (start < end && blank(start)) start++;
  while (end > start && blank(end - 1)) end--;
  return text.slice(start, end);
}

/** The dati anagrafici barcode starts with the literal "AN|", a printed model's with "RED-"; everything else is
 * read as a Stringa CAF (which starts with a codice fiscale, so never with "RED-"). */
export function scanKind(text: string): ScanKind {
  const t = cleanScan(text);
  if (/^AN\|/i.test(t)) return 'anagrafica';
  return /^RED-/i.test(t) ? 'chiave' : 'matricola';
}

/** A scan shown in a message: control characters made visible, long text cut. */
export function showScan(text: string, max = 40): string {
  const visible = [...text].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? '·' : c)).join('');
  return visible.length > max ? `${visible.slice(0, max)}…` : visible;
}

/** The one problem worth telling first for a scanned Stringa CAF: length, then characters, then the field. */
export function mainMatricolaProblem(errors: readonly MatricolaError[]): string {
  const pick =
    errors.find((e) => e.code === MATRICOLA_LENGTH_CODE) ?? errors.find((e) => e.code === MATRICOLA_CHARS_CODE) ?? errors[0];
  const more = errors.length > 1 && pick?.code !== MATRICOLA_LENGTH_CODE ? ` (e altri ${errors.length - 1} errori)` : '';
  return pick ? `${pick.message}${more}` : 'Stringa CAF non valida.';
}

function badMatricola(errors: readonly MatricolaError[]): ScanDecision {
  return { kind: 'bad', message: `Lettura non valida — ${mainMatricolaProblem(errors)}` };
}

/** Decides what a scan does on the screen that has it. Never throws. */
export function decideScan(raw: string, where: ScanScreen): ScanDecision {
  const text = cleanScan(raw);
  if (text === '') return { kind: 'bad', message: 'Lettura vuota: ripetere la lettura del codice a barre.' };
  if (text.length > MAX_SCAN_LENGTH) {
    return { kind: 'bad', message: `Lettura non valida: ${text.length} caratteri, più di quanti ne abbia un codice della lettera RED.` };
  }

  const kind = scanKind(text);
  if (kind === 'chiave') {
    const key = parseDeclarationKey(text);
    if (!key) return { kind: 'bad', message: `Codice del modello stampato non valido: «${showScan(text)}».` };
    if (where.screen !== 'monitor') {
      return {
        kind: 'refused',
        message: 'Codice di un modello stampato: chiudere la finestra aperta e leggerlo nel Monitor per selezionare la dichiarazione.',
      };
    }
    return { kind: 'select', progressivo: key.progressivo, codiceFiscale: key.codiceFiscale };
  }

  if (kind === 'anagrafica') {
    if (where.screen !== 'editor') {
      return {
        kind: 'refused',
        message: 'Scansione dati anagrafici: aprire prima la dichiarazione (Modifica), poi leggere di nuovo il codice a barre.',
      };
    }
    const r = parseAnagraficaScan(text);
    if (!r.ok) {
      const first = r.errors[0]?.message ?? 'formato non riconosciuto.';
      const more = r.errors.length > 1 ? ` (e altri ${r.errors.length - 1} errori)` : '';
      return { kind: 'bad', message: `Dati anagrafici non validi — ${first}${more}` };
    }
    const expected = where.titolareCf.trim().toUpperCase();
    if (r.value.codiceFiscale !== expected) {
      return {
        kind: 'refused',
        message: `Dati anagrafici rifiutati: il codice fiscale letto (${r.value.codiceFiscale}) è diverso da quello della dichiarazione (${expected || 'non indicato'}). Nessun dato è stato caricato.`,
      };
    }
    if (where.readOnly) {
      return { kind: 'refused', message: 'Dichiarazione in sola lettura: i dati anagrafici letti non possono essere caricati.' };
    }
    return { kind: 'anagrafica', value: r.value, warnings: r.warnings };
  }

  const m = parseMatricola(text);
  if (!m.ok) return badMatricola(m.errors);
  switch (where.screen) {
    case 'monitor':
      return { kind: 'nuovo', matricola: m.value.matricola };
    case 'nuovo':
      return { kind: 'fill-nuovo', matricola: m.value.matricola };
    case 'editor':
      return {
        kind: 'refused',
        message: 'Stringa CAF letta nella dichiarazione: per caricare una nuova dichiarazione chiuderla (Esc) e leggere il codice nel Monitor.',
      };
  }
}

/** A short description of a scan for the reader's test area ("Prova di lettura"). */
export function describeScan(raw: string): { ok: boolean; text: string } {
  const text = cleanScan(raw);
  const kind = scanKind(text);
  if (kind === 'chiave') {
    const key = parseDeclarationKey(text);
    return key
      ? { ok: true, text: `Modello stampato della dichiarazione ${key.progressivo} (${key.codiceFiscale}).` }
      : { ok: false, text: 'Codice del modello stampato non valido.' };
  }
  if (kind === 'anagrafica') {
    const r = parseAnagraficaScan(text);
    return r.ok
      ? { ok: true, text: `Dati anagrafici validi: ${r.value.cognome} ${r.value.nome} (${r.value.codiceFiscale}).` }
      : { ok: false, text: `Dati anagrafici non validi — ${r.errors[0]?.message ?? ''}` };
  }
  const m = parseMatricola(text);
  return m.ok
    ? { ok: true, text: `Stringa CAF valida per il codice fiscale ${m.value.values.codiceFiscale}.` }
    : { ok: false, text: `Non è una Stringa CAF valida — ${mainMatricolaProblem(m.errors)}` };
}

/** What a screen's scan handler answers: done, or the reason nothing happened (cue + message). */
export type ScanOutcome = { kind: 'done' } | { kind: 'refused' | 'bad'; message: string };

/** The outcome of a decision the screen did not act on (refused / bad), or done. */
export function outcomeOf(d: ScanDecision): ScanOutcome {
  return d.kind === 'refused' || d.kind === 'bad' ? { kind: d.kind, message: d.message } : { kind: 'done' };
}
