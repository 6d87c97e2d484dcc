import { z } from 'zod';
import { centsToEuroUp } from '../util/italian-input';
import { StatusSchema, TipoSchema } from './declaration';
import { ScartoSchema } from './scarto';

/**
 * The RED declaration as the editor and the validation engine see it (guide pp. 76–98): one document,
 * loaded and saved whole. The archive stores it in its tables (subjects, subject_years, income_rows,
 * income_documents, foreign_pensions …); this is the shape that crosses the API.
 *
 * Amounts are whole euro (rounded up at input, p. 93). Dates are ISO `YYYY-MM-DD`.
 */
export const INCOME_ROWS = ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'C1', 'D1', 'E1', 'E2', 'E3', 'F1', 'F2', 'F3', 'F4', 'G1', 'G2'] as const;
export const IncomeRowSchema = z.enum(INCOME_ROWS);
export type IncomeRow = z.infer<typeof IncomeRowSchema>;

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'data nel formato AAAA-MM-GG');
const Euro = z.number().int().min(-999_999_999).max(999_999_999);
const Text = (max: number) => z.string().max(max);

/** "Elenco dei redditi dichiarati e documenti esibiti" (p. 93): one line per document seen. */
export const DocumentLineSchema = z.object({
  descrizione: Text(200),
  /** Whole euro, this line alone rounded up: what documents written before the cents carry (and nothing else). */
  importo: Euro,
  /** The document's amount in cents as typed (issue 11, p. 93): the row's total is rounded, not each line. Absent
   * in lines written before it. */
  centesimi: z.number().int().min(-99_999_999_900).max(99_999_999_900).optional(),
});
export type DocumentLine = z.infer<typeof DocumentLineSchema>;

/** A line with its cents as typed, its whole-euro field kept for readers of the older shape. */
export function documentLine(descrizione: string, centesimi: number): DocumentLine {
  return { descrizione, importo: centsToEuroUp(centesimi), centesimi };
}

/** A line's amount in cents (a line written before the cents: its whole euro). */
export function lineCents(l: DocumentLine): number {
  return l.centesimi ?? l.importo * 100;
}

/**
 * The row's amount from its documents ("Ok Aggiorna", p. 93): the SUM of the documents, rounded up to the whole euro
 * once — 10,20 + 10,20 is 21, not 22.
 */
export function documentsTotal(lines: readonly DocumentLine[]): number {
  let cents = 0;
  for (const l of lines) cents += lineCents(l);
  return centsToEuroUp(cents);
}

export const IncomeEntrySchema = z.object({
  importo: Euro,
  /** Documentato: the lines whose sum is `importo` ("Ok Aggiorna"). */
  documenti: z.array(DocumentLineSchema).max(100),
});
export type IncomeEntry = z.infer<typeof IncomeEntrySchema>;

/** Per subject and requested year: mode, "Facoltativi", "Doc." and the rows A1 … G2 (pp. 84, 90–93). */
export const SubjectYearDocSchema = z.object({
  anno: z.number().int().min(1990).max(2100),
  modo: z.enum(['DOCUMENTATO', 'AUTOCERTIFICATO']).nullable(),
  facoltativi: z.boolean(),
  /** "Doc.": 730, Unico or Nessuna (no tax return filed for the year). */
  doc: z.enum(['730', 'UNICO', 'NESSUNA']).nullable(),
  /** Only the rows the operator has filled; an absent obligatory row counts as 0. */
  righi: z.partialRecord(IncomeRowSchema, IncomeEntrySchema),
});
export type SubjectYearDoc = z.infer<typeof SubjectYearDocSchema>;

/** "Pensioni estere" grid row (pp. 94–95): Stato, Istituzione, Tipo 1–5, one amount per requested year. */
export const ForeignPensionRowSchema = z.object({
  stato: Text(3),
  istituzione: Text(3),
  tipo: z.number().int().min(1).max(5).nullable(),
  importi: z.array(z.object({ anno: z.number().int(), importo: Euro })).max(5),
});
export type ForeignPensionRow = z.infer<typeof ForeignPensionRowSchema>;

export const SubjectDocSchema = z.object({
  /** Stable within the document (editor keys, rule field pointers). */
  key: z.string().min(1).max(40),
  role: z.enum(['TITOLARE', 'CONIUGE', 'FIGLIO']),
  codiceFiscale: Text(16),
  cognome: Text(60),
  nome: Text(60),
  indirizzo: Text(100),
  /** CAP and sigla della provincia of the residence (issue 10: address labels, 09 Stampa Etichette). Absent in
   * documents written before them: read as empty. */
  cap: Text(5).default(''),
  comune: Text(60),
  provincia: Text(2).default(''),
  /** "Inverti 1900/2000 su data di nascita" (p. 83). */
  invertiSecolo: z.boolean(),
  /** "La residenza è variata rispetto a quella indicata nella lettera". */
  residenzaVariata: z.boolean(),
  coltivatoreDiretto: z.boolean(),
  /** Coniuge only: date of death, when it happened (p. 81). */
  dataDecesso: IsoDate.nullable(),
  anni: z.array(SubjectYearDocSchema).max(5),
  pensioniEstere: z.array(ForeignPensionRowSchema).max(20),
});
export type SubjectDoc = z.infer<typeof SubjectDocSchema>;

export const StatoCivileSchema = z.enum(['1', '2', '3', '4', '5']);

export const RedDocumentSchema = z.object({
  /** "Conferma/aggiornamento dati anagrafici" (p. 79). */
  anagrafica: z.object({
    /** The titolare's codice fiscale as confirmed or corrected by the CAF (starts as the matricola's). */
    codiceFiscale: Text(16),
    /** Updated stato civile (1–5); null = the one known to the ente is confirmed. */
    statoCivile: StatoCivileSchema.nullable(),
    /** "decorrenza" of the new stato civile. */
    statoCivileDecorrenza: IsoDate.nullable(),
    numeroFigli: z.number().int().min(0).max(14),
    deceduto: z.boolean(),
    dataDecesso: IsoDate.nullable(),
    espatriato: z.boolean(),
    dataEspatrio: IsoDate.nullable(),
  }),
  /** RED breve options (pp. 77, 80–81) besides decesso and espatrio. */
  zeroRed: z.boolean(),
  rinuncia: z.boolean(),
  domiciliazione: z.boolean(),
  note: z.object({ gruppo: Text(40), segnalibro: Text(40), appunti: Text(4000) }),
  /** "Erede": only when the titolare is deceased (p. 77). */
  erede: z.object({ codiceFiscale: Text(16), nominativo: Text(120) }),
  /** "Redditi da Ente pensionistico Italiano" (p. 83, 88): a coded ente, or "non codificato". */
  ente: z.object({ codice: Text(10).nullable(), nonCodificato: z.boolean() }),
  soggetti: z.array(SubjectDocSchema).min(1).max(16),
});
export type RedDocument = z.infer<typeof RedDocumentSchema>;

/** A declaration opened in the editor: identity, the decoded matricola and the document. */
export const DeclarationEditSchema = z.object({
  id: z.number().int(),
  progressivo: z.number().int(),
  tipo: TipoSchema,
  status: StatusSchema,
  version: z.number().int(),
  matricola: z.string(),
  /** "Normale" / "Rettificata" / "Rettificativa": set by the software (p. 77). */
  tipoDichiarazione: z.enum(['NORMALE', 'RETTIFICATA', 'RETTIFICATIVA']),
  document: RedDocumentSchema,
  updatedAt: z.string(),
  /** Scart. CAF (p. 110): the CAF's rejection, shown inside the declaration's Monitor errori until corrected. */
  scartoCaf: ScartoSchema.nullable(),
  /** "Data di consegna" (p. 75, 106): the day the request letter was taken in; null = not confirmed. */
  dataConsegna: z.string().nullable(),
  /** Cross-check errors the CAF lifted ("Sblocca dichiarazione errata", p. 70, 97–98): notes, not blocking. */
  sbloccati: z.array(z.string()).optional(),
});
export type DeclarationEdit = z.infer<typeof DeclarationEditSchema>;

export function emptyYear(anno: number): SubjectYearDoc {
  return { anno, modo: null, facoltativi: false, doc: null, righi: {} };
}

export function emptySubject(key: string, role: SubjectDoc['role'], anni: readonly number[], codiceFiscale = ''): SubjectDoc {
  return {
    key,
    role,
    codiceFiscale,
    cognome: '',
    nome: '',
    indirizzo: '',
    cap: '',
    comune: '',
    provincia: '',
    invertiSecolo: false,
    residenzaVariata: false,
    coltivatoreDiretto: false,
    dataDecesso: null,
    anni: anni.map(emptyYear),
    pensioniEstere: [],
  };
}
