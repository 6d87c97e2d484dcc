/**
 * The rows of "Stampe varie" 01–04 (p. 107) and of the labels (09), built inside the archive worker batch by
 * batch: only plain arrays of cells cross to the file writer.
 */
import type { ExportKind, ListFilter } from '#shared/print/api';
import { residenceLine } from '#shared/print/names';
import { INCOME_ROWS } from '#shared/domain/red-document';
import { STATUS_INFO } from '#shared/status/statuses';
import type { ArchiveDb } from './db';
import { readDocuments } from './documents';
import { listBatch, subjectsOf, type DeclarationListRow, type ListCursor } from './prints';

export type Cell = string | number | null;

export interface ExportColumn {
  header: string;
  /** Column width in characters (xlsx). */
  width: number;
  /** 'date': ISO day or date-time shown as a date; 'euro': whole euro amount. */
  type?: 'text' | 'int' | 'euro' | 'date';
}

const ENTE = { '8': 'INPS', G: 'INPDAP', H: 'IPOST' } as Readonly<Record<string, string>>;
const ROLE = { TITOLARE: 'Titolare', CONIUGE: 'Coniuge', FIGLIO: 'Figlio/a' } as const;
const MODO = { DOCUMENTATO: 'Documentato', AUTOCERTIFICATO: 'Autocertificato' } as const;

const DECL_COLUMNS: readonly ExportColumn[] = [
  { header: 'Progressivo', width: 11, type: 'int' },
  { header: 'Codice fiscale', width: 18 },
  { header: 'Cognome e nome', width: 30 },
];
const declCells = (d: DeclarationListRow): Cell[] => [d.progressivo, d.codice_fiscale, d.cognome_nome];

export const EXPORT_COLUMNS: Readonly<Record<ExportKind, readonly ExportColumn[]>> = {
  ANAGRAFICHE: [
    ...DECL_COLUMNS,
    { header: 'Soggetto', width: 10 },
    { header: 'Codice fiscale soggetto', width: 18 },
    { header: 'Cognome', width: 20 },
    { header: 'Nome', width: 20 },
    { header: 'Sesso', width: 6 },
    { header: 'Data di nascita', width: 12, type: 'date' },
    { header: 'Comune di nascita', width: 20 },
    { header: 'Indirizzo', width: 30 },
    { header: 'CAP', width: 7 },
    { header: 'Comune di residenza', width: 20 },
    { header: 'Provincia', width: 9 },
  ],
  DICHIARAZIONI: [
    ...DECL_COLUMNS,
    { header: 'Matricola', width: 32 },
    { header: 'Ente', width: 8 },
    { header: 'Tipo', width: 6 },
    { header: 'Status', width: 12 },
    { header: 'Data di consegna', width: 12, type: 'date' },
    { header: 'Creata il', width: 12, type: 'date' },
    { header: 'Ultima modifica', width: 12, type: 'date' },
    { header: 'Ricevuta dal CAF il', width: 12, type: 'date' },
    { header: 'Esito INPS il', width: 12, type: 'date' },
    { header: 'Stampata il', width: 12, type: 'date' },
  ],
  REDDITI: [
    ...DECL_COLUMNS,
    { header: 'Soggetto', width: 10 },
    { header: 'Codice fiscale soggetto', width: 18 },
    { header: 'Anno', width: 6, type: 'int' },
    { header: 'Modalità', width: 14 },
    { header: 'Facoltativi', width: 10 },
    { header: 'Doc.', width: 8 },
    ...INCOME_ROWS.map((r): ExportColumn => ({ header: r, width: 9, type: 'euro' })),
  ],
  PENSIONI_ESTERE: [
    ...DECL_COLUMNS,
    { header: 'Soggetto', width: 10 },
    { header: 'Codice fiscale soggetto', width: 18 },
    { header: 'Stato', width: 7 },
    { header: 'Istituzione', width: 10 },
    { header: 'Tipo', width: 6, type: 'int' },
    { header: 'Anno', width: 6, type: 'int' },
    { header: 'Importo', width: 10, type: 'euro' },
  ],
};

function subjectRowsFor(a: ArchiveDb, decls: readonly DeclarationListRow[]): Cell[][] {
  const subjects = subjectsOf(a, decls.map((d) => d.id));
  const by = new Map<number, typeof subjects>();
  for (const s of subjects) {
    const l = by.get(s.declaration_id);
    if (l) l.push(s);
    else by.set(s.declaration_id, [s]);
  }
  const order = { TITOLARE: 0, CONIUGE: 1, FIGLIO: 2 } as const;
  const out: Cell[][] = [];
  for (const d of decls) {
    for (const s of (by.get(d.id) ?? []).sort((x, y) => order[x.role] - order[y.role] || x.ordinal - y.ordinal)) {
      out.push([
        ...declCells(d),
        ROLE[s.role],
        s.codice_fiscale,
        s.cognome,
        s.nome,
        s.sesso,
        s.data_nascita,
        s.comune_nascita,
        s.indirizzo,
        s.cap,
        s.comune,
        s.provincia,
      ]);
    }
  }
  return out;
}

function documentRowsFor(a: ArchiveDb, kind: 'REDDITI' | 'PENSIONI_ESTERE', decls: readonly DeclarationListRow[]): Cell[][] {
  const docs = readDocuments(a, decls.map((d) => d.id));
  const out: Cell[][] = [];
  for (const d of decls) {
    const doc = docs.get(d.id);
    if (!doc) continue;
    for (const s of doc.soggetti) {
      const cf = s.role === 'TITOLARE' ? doc.anagrafica.codiceFiscale || s.codiceFiscale : s.codiceFiscale;
      if (kind === 'REDDITI') {
        for (const y of s.anni) {
          if (Object.keys(y.righi).length === 0) continue;
          out.push([
            ...declCells(d),
            ROLE[s.role],
            cf,
            y.anno,
            y.modo ? MODO[y.modo] : '',
            y.facoltativi ? 'sì' : 'no',
            y.doc ?? '',
            ...INCOME_ROWS.map((r) => y.righi[r]?.importo ?? null),
          ]);
        }
      } else {
        for (const p of s.pensioniEstere) {
          for (const i of p.importi) out.push([...declCells(d), ROLE[s.role], cf, p.stato, p.istituzione, p.tipo, i.anno, i.importo]);
        }
      }
    }
  }
  return out;
}

/** One batch of an export: the rows of the declarations after `cursor` that pass the filter. */
export function exportBatch(a: ArchiveDb, kind: ExportKind, filter: ListFilter, cursor: ListCursor | null, limit: number): { rows: Cell[][]; next: ListCursor | null; declarations: number } {
  const { rows: decls, next } = listBatch(a, filter, cursor, limit);
  let rows: Cell[][];
  if (kind === 'DICHIARAZIONI') {
    rows = decls.map((d) => [
      ...declCells(d),
      d.matricola,
      ENTE[d.matricola.charAt(16)] ?? '',
      d.tipo,
      STATUS_INFO[d.status].label,
      d.data_consegna,
      d.created_at,
      d.updated_at,
      d.cgn_received_at,
      d.esito_at,
      d.printed_at,
    ]);
  } else if (kind === 'ANAGRAFICHE') rows = subjectRowsFor(a, decls);
  else rows = documentRowsFor(a, kind, decls);
  return { rows, next, declarations: decls.length };
}

/** 09 Stampa Etichette: nome e cognome, indirizzo, CAP, comune e provincia of each titolare (p. 107). */
export function labelBatch(a: ArchiveDb, filter: ListFilter, cursor: ListCursor | null, limit: number): { labels: string[][]; ids: number[]; next: ListCursor | null } {
  const { rows: decls, next } = listBatch(a, filter, cursor, limit);
  const titolari = new Map(subjectsOf(a, decls.map((d) => d.id)).filter((s) => s.role === 'TITOLARE').map((s) => [s.declaration_id, s]));
  const labels: string[][] = [];
  for (const d of decls) {
    const s = titolari.get(d.id);
    const name = s ? `${s.nome ?? ''} ${s.cognome ?? ''}`.trim() : d.cognome_nome;
    labels.push([name || d.cognome_nome, s?.indirizzo ?? '', residenceLine(s ?? {})]);
  }
  return { labels, ids: decls.map((d) => d.id), next };
}
