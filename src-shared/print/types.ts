/**
 * The print engine's vocabulary (issue 10; guide pp. 66, 73, 91–93, 105–107). A model's layout is data
 * (models.ts: sections in order, the guide page it follows); `compose` turns a layout and a declaration into
 * a `PrintDoc` of plain blocks; src-main/print lays the blocks out on A4 pages with pdf-lib. Pure: no I/O.
 */

/** Every printable model. RED/1…RED/7 and the attachments of "Stampa modelli" (p. 105); the others come from
 * "Stampe varie" (p. 107) and "Utilità" (pp. 66, 73). */
export const MODEL_IDS = [
  'RED1',
  'REDT',
  'REDC',
  'REDF',
  'RED2',
  'RED3',
  'RED4',
  'RED5',
  'RED7',
  'ELENCO_ALLEGATI',
  'AUTOCERT_DOC',
  'AUTOCERT_AUTO',
  'AUTOCERT_RIGHI',
  'AUTOCERT_LIBERO',
  'DUPLICATO_STRINGA',
  'ELENCO_DOCUMENTI',
] as const;
export type ModelId = (typeof MODEL_IDS)[number];

export type Align = 'left' | 'right' | 'center';

/** What the PDF writer lays out, top to bottom; a block never needs to know the page size. */
export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'fields'; items: readonly { label: string; value: string }[]; columns: 1 | 2 | 3 }
  | {
      kind: 'table';
      /** Widths are fractions of the text width (they add up to 1). */
      columns: readonly { label: string; width: number; align?: Align }[];
      rows: readonly (readonly string[])[];
    }
  | { kind: 'paragraph'; text: string; small?: boolean }
  | { kind: 'checks'; items: readonly { label: string; checked: boolean }[] }
  /** Empty ruled lines to be filled in by hand. */
  | { kind: 'lines'; count: number }
  | { kind: 'signatures'; boxes: readonly string[]; placeDate: boolean }
  | { kind: 'spacer'; height: number };

/** What every page of a document carries (issue 10, Deliver 1). */
export interface PageHeader {
  caf: string;
  sportello: string;
  operatore: string;
  progressivo: number | null;
  matricola: string | null;
  codiceFiscale: string | null;
  /** ISO date-time of the print. */
  stampatoIl: string;
  /** Text of the Code 128 barcode: the declaration key (key.ts); null for prints not tied to a declaration. */
  barcode: string | null;
}

/** `M`: a RED model, or a module's own print (the DM20-REG lists, modules/dm20/liste.ts); the writer does not read it. */
export interface PrintDoc<M extends string = ModelId> {
  model: M;
  /** "Mod. CERT. RED/1", "ELENCO ALLEGATI" … */
  code: string;
  title: string;
  /** The guide page the layout follows ("p. 105"). */
  guidePage: string;
  header: PageHeader;
  blocks: readonly Block[];
  /** Printed across every page ("PROVA – NON VALIDO" for 08 Moduli in prova). */
  watermark: string | null;
}

/** One A4 sheet of address labels (09 Stampa Etichette): 3 × 8, filled row by row. */
export interface LabelSheetDoc {
  title: string;
  stampatoIl: string;
  labels: readonly (readonly string[])[];
}
