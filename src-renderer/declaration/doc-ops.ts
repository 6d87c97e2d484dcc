import {
  emptySubject,
  emptyYear,
  type RedDocument,
  type SubjectDoc,
  type SubjectYearDoc,
} from '#shared/domain/red-document';
import { istituzioneUnica } from '#shared/campaigns/red2009/stati-esteri';
import type { DecodedMatricola } from '#shared/matricola/codec';
import type { RowsTable } from '#shared/rules/campaign-data';

/**
 * Pure edits of the declaration document used by the editor. Each takes a draft (a deep copy the caller
 * owns) and changes it in place.
 */
export type Draft = RedDocument;

export function subjectOf(d: Draft, key: string): SubjectDoc | undefined {
  return d.soggetti.find((s) => s.key === key);
}

/** The subject's year, created when missing (a requested year the archive has no row for yet). */
export function yearOf(s: SubjectDoc, anno: number): SubjectYearDoc {
  let y = s.anni.find((x) => x.anno === anno);
  if (!y) {
    y = emptyYear(anno);
    s.anni.push(y);
    s.anni.sort((a, b) => b.anno - a.anno);
  }
  return y;
}

/** Zero RED forces "Autocertificato" on every subject and year (p. 80, 89). */
export function forceAutocertificato(d: Draft, anni: readonly number[]): void {
  for (const s of d.soggetti) for (const anno of anni) yearOf(s, anno).modo = 'AUTOCERTIFICATO';
}

/** The next free key "figlio-N". */
export function nextFiglioKey(d: Draft): string {
  let n = 1;
  const keys = new Set(d.soggetti.map((s) => s.key));
  while (keys.has(`figlio-${n}`)) n++;
  return `figlio-${n}`;
}

function addFiglio(d: Draft, anni: readonly number[], zeroRed: boolean): string {
  const key = nextFiglioKey(d);
  const s = emptySubject(key, 'FIGLIO', anni);
  if (zeroRed) for (const y of s.anni) y.modo = 'AUTOCERTIFICATO';
  d.soggetti.push(s);
  return key;
}

/** A subject row nobody has filled yet (as proposed from the matricola). */
export function isBlankSubject(s: SubjectDoc): boolean {
  return (
    s.codiceFiscale.trim() === '' &&
    s.cognome.trim() === '' &&
    s.nome.trim() === '' &&
    s.indirizzo.trim() === '' &&
    s.comune.trim() === '' &&
    s.pensioniEstere.length === 0 &&
    s.anni.every((y) => Object.keys(y.righi).length === 0)
  );
}

/**
 * "Figli" of the Dichiarazione tab (p. 79) and the figli rows of "Soggetti" (p. 82) kept coherent: raising the
 * number adds empty figli rows (when the nucleus code asks figli rows at all, p. 42–43); lowering it takes away
 * the last figli rows only while they are still empty, so nothing typed is lost (SOG-02 then reports the rest).
 */
export function setNumeroFigli(d: Draft, n: number, anni: readonly number[], figliAsked: boolean): void {
  d.anagrafica.numeroFigli = n;
  if (!figliAsked) return;
  let figli = d.soggetti.filter((s) => s.role === 'FIGLIO');
  while (figli.length < n) {
    addFiglio(d, anni, d.zeroRed);
    figli = d.soggetti.filter((s) => s.role === 'FIGLIO');
  }
  for (let last = figli[figli.length - 1]; figli.length > n && last && isBlankSubject(last); last = figli[figli.length - 1]) {
    d.soggetti.splice(d.soggetti.indexOf(last), 1);
    figli = figli.slice(0, -1);
  }
}

export function addConiuge(d: Draft, anni: readonly number[], zeroRed: boolean): string {
  const existing = d.soggetti.find((s) => s.role === 'CONIUGE');
  if (existing) return existing.key;
  const s = emptySubject('coniuge', 'CONIUGE', anni);
  if (zeroRed) for (const y of s.anni) y.modo = 'AUTOCERTIFICATO';
  const titolare = d.soggetti.findIndex((s2) => s2.role === 'TITOLARE');
  d.soggetti.splice(titolare + 1, 0, s);
  return s.key;
}

/** "Elimina riga": figli only, and the number of figli of the Dichiarazione tab goes down with it (p. 82). */
export function removeFiglio(d: Draft, key: string): boolean {
  const i = d.soggetti.findIndex((s) => s.key === key);
  if (i < 0 || d.soggetti[i]?.role !== 'FIGLIO') return false;
  d.soggetti.splice(i, 1);
  const rimasti = d.soggetti.filter((s) => s.role === 'FIGLIO').length;
  if (d.anagrafica.numeroFigli > rimasti) d.anagrafica.numeroFigli -= 1;
  return true;
}

/** Unticking "Facoltativi": the optional rows are not declared any more ("Non dich.", p. 91). */
export function dropOptionalRows(y: SubjectYearDoc, rows: RowsTable | undefined): void {
  if (!rows) return;
  for (const [rigo, req] of Object.entries(rows)) if (req === 'F') delete y.righi[rigo as keyof typeof y.righi];
}

/** Optional rows holding a value (asked before unticking "Facoltativi"). */
export function optionalRowsWithValues(y: SubjectYearDoc, rows: RowsTable | undefined): string[] {
  if (!rows) return [];
  return Object.entries(rows)
    .filter(([rigo, req]) => {
      const e = y.righi[rigo as keyof typeof y.righi];
      return req === 'F' && e !== undefined && (e.importo !== 0 || e.documenti.length > 0);
    })
    .map(([rigo]) => rigo);
}

/** Foreign pension: a State chosen; its only institution is filled by itself (p. 94). */
export function setForeignStato(s: SubjectDoc, index: number, stato: string): void {
  const row = s.pensioniEstere[index];
  if (!row) return;
  if (row.stato === stato) return;
  row.stato = stato;
  const unica = istituzioneUnica(stato);
  row.istituzione = unica ? unica.codice : '';
}

export function setForeignAmount(s: SubjectDoc, index: number, anno: number, importo: number | null): void {
  const row = s.pensioniEstere[index];
  if (!row) return;
  const rest = row.importi.filter((i) => i.anno !== anno);
  row.importi = importo === null ? rest : [...rest, { anno, importo }].sort((a, b) => b.anno - a.anno);
}

export function addForeignRow(s: SubjectDoc): number {
  s.pensioniEstere.push({ stato: '', istituzione: '', tipo: null, importi: [] });
  return s.pensioniEstere.length - 1;
}

/** The requested years of the matricola, newest first (2008, 2007). */
export function anniOf(m: DecodedMatricola): number[] {
  return [...m.anni].sort((a, b) => b - a);
}
