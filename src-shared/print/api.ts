/**
 * Zod schemas of the print and export API (issue 10), spread into the contract (api/contract.ts): "Stampa
 * modelli" (p. 105), "Stampe varie" with "Ordina e filtri" (p. 106–107), the printed Utilità (p. 66, 73).
 */
import { z } from 'zod';
import { StatusSchema } from '../domain/declaration';
import { PRINT_FILE_NAME } from './names';

const Id = z.number().int().positive();
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'data nel formato AAAA-MM-GG');
/** Chosen by the renderer, so that it can cancel a job before it ends. */
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{6,40}$/, 'identificativo del lavoro di stampa non valido');

export const PrintedFileSchema = z.object({
  /** The file name in <data dir>/stampe/ (what the browser host downloads). */
  name: z.string(),
  /** Full path, shown to the operator. */
  path: z.string(),
  pages: z.number().int().nullable(),
  rows: z.number().int().nullable(),
});
export type PrintedFile = z.infer<typeof PrintedFileSchema>;

export const PrintListRowSchema = z.object({
  id: Id,
  progressivo: z.number().int(),
  codiceFiscale: z.string(),
  cognomeNome: z.string(),
  status: StatusSchema,
  /** Sent to and received by the CAF (only these can be printed, OPR-08). */
  sent: z.boolean(),
  printedAt: z.string().nullable(),
  printCount: z.number().int(),
});
export type PrintListRow = z.infer<typeof PrintListRowSchema>;

/** "modello da stampare" (p. 105): every model the declaration needs, or only the main one / the attachments. */
export const ModelSelectionSchema = z.enum(['TUTTI', 'PRINCIPALE', 'ALLEGATI']);
export type ModelSelection = z.infer<typeof ModelSelectionSchema>;
export const MODEL_SELECTION_LABELS: Readonly<Record<ModelSelection, string>> = {
  TUTTI: 'Modello RED completo di allegati',
  PRINCIPALE: 'Solo il modello RED (RED/1 … RED/7)',
  ALLEGATI: 'Solo gli allegati (RED/T, RED/C, RED/F, elenco allegati, autocertificazione)',
};

export const PrintModelsInputSchema = z
  .object({
    jobId: JobIdSchema,
    ids: z.array(Id).min(1).max(20_000),
    modelli: ModelSelectionSchema,
    /** "ristampa dei modelli già stampati": without it, those already printed are skipped. */
    ristampa: z.boolean(),
    copie: z.number().int().min(1, 'almeno una copia').max(5, 'al massimo 5 copie'),
    elencoDocumenti: z.boolean(),
  })
  .strict();

export const PrintModelsOutputSchema = z.object({
  file: PrintedFileSchema.nullable(),
  printed: z.number().int(),
  /** Already printed and "ristampa" not chosen. */
  skipped: z.number().int(),
  failed: z.array(z.object({ id: Id, progressivo: z.number().int(), message: z.string() })),
  cancelled: z.boolean(),
});

export const ORDERS = ['PROGRESSIVO', 'COGNOME_NOME', 'CODICE_FISCALE'] as const;
export const OrderSchema = z.enum(ORDERS);
export const ORDER_LABELS: Readonly<Record<(typeof ORDERS)[number], string>> = {
  PROGRESSIVO: 'Progressivo',
  COGNOME_NOME: 'Cognome e nome',
  CODICE_FISCALE: 'Codice fiscale',
};
/** Codice emissione of the matricola: the Ente that asked for the RED (p. 41, 106). */
export const EnteEmissioneSchema = z.enum(['8', 'G', 'H']);
export const ENTE_EMISSIONE_LABELS = { '8': 'INPS', G: 'INPDAP', H: 'IPOST' } as const;

/** "Ordina e filtri" (p. 106). */
export const ListFilterSchema = z
  .object({
    order: OrderSchema,
    statuses: z.array(StatusSchema).max(20).optional(),
    enti: z.array(EnteEmissioneSchema).max(3).optional(),
    consegnaDal: IsoDay.optional(),
    consegnaAl: IsoDay.optional(),
  })
  .strict();
export type ListFilter = z.infer<typeof ListFilterSchema>;

export const EXPORT_KINDS = ['ANAGRAFICHE', 'DICHIARAZIONI', 'REDDITI', 'PENSIONI_ESTERE'] as const;
export const ExportKindSchema = z.enum(EXPORT_KINDS);
export type ExportKind = z.infer<typeof ExportKindSchema>;
/** Numbers and labels of p. 107. */
export const EXPORT_LABELS: Readonly<Record<ExportKind, string>> = {
  ANAGRAFICHE: '01 Archivio Anagrafiche',
  DICHIARAZIONI: '02 Archivio Dichiarazioni',
  REDDITI: '03 Archivio Redditi',
  PENSIONI_ESTERE: '04 Archivio Pensioni Estere',
};

export const ExportInputSchema = z
  .object({ jobId: JobIdSchema, kind: ExportKindSchema, format: z.enum(['xlsx', 'csv']), filter: ListFilterSchema })
  .strict();

/** The prints of "Stampe varie" tied to declarations (05–09). */
export const VARIE_PRINTS = ['AUTOCERT_RIGHI', 'AUTOCERT_LIBERO', 'ELENCO_ALLEGATI', 'MODULI_PROVA', 'ETICHETTE'] as const;
export const VariePrintSchema = z.enum(VARIE_PRINTS);
export type VariePrint = z.infer<typeof VariePrintSchema>;
export const VARIE_LABELS: Readonly<Record<VariePrint, string>> = {
  AUTOCERT_RIGHI: '05 Autocert. righi prestamp.',
  AUTOCERT_LIBERO: '06 Autocert. testo libero',
  ELENCO_ALLEGATI: '07 Elenco Allegati',
  MODULI_PROVA: '08 Moduli in prova',
  ETICHETTE: '09 Stampa Etichette',
};

export const VarieInputSchema = z
  .object({
    jobId: JobIdSchema,
    print: VariePrintSchema,
    /** The declarations to print; absent = every declaration that passes the filter. */
    ids: z.array(Id).min(1).max(20_000).optional(),
    filter: ListFilterSchema,
  })
  .strict();

export const DuplicatoInputSchema = z
  .object({
    /** A declaration of the archive whose matricola is known, or none (the data are typed in). */
    id: Id.nullable(),
    ente: EnteEmissioneSchema,
    codiceFiscale: z.string().trim().regex(/^[A-Z0-9]{16}$/i, 'codice fiscale di 16 caratteri'),
    cognome: z.string().trim().min(1, 'obbligatorio').max(60),
    nome: z.string().trim().min(1, 'obbligatorio').max(60),
    dataNascita: IsoDay,
    comuneNascita: z.string().trim().min(1, 'obbligatorio').max(60),
    indirizzo: z.string().trim().max(100),
    comune: z.string().trim().max(60),
    documento: z
      .object({
        tipo: z.string().trim().min(1, 'obbligatorio').max(40),
        numero: z.string().trim().min(1, 'obbligatorio').max(30),
        rilasciatoDa: z.string().trim().min(1, 'obbligatorio').max(80),
        data: IsoDay,
      })
      .strict(),
  })
  .strict();

export const FileNameSchema = z.string().regex(PRINT_FILE_NAME, 'nome di file non valido');

export const PrintProgressSchema = z.object({
  jobId: z.string(),
  done: z.number().int(),
  total: z.number().int(),
  /** What is being done, in Italian ("Composizione dei modelli", "Scrittura del file"). */
  phase: z.string(),
});
