import { z } from 'zod';
import { StatusSchema } from '../domain/declaration';
import { STATUSES } from '../status/statuses';
import { ExchangeKindSchema, PassphraseSchema } from './format';

/** What the Servizi windows and the core exchange about the exchange files (issue 13 point 1). */

/** Which declarations a copy holds: all, those of some statuses, or the ones chosen on the monitor. */
export const ExchangeSelectionSchema = z.discriminatedUnion('tipo', [
  z.object({ tipo: z.literal('TUTTE') }).strict(),
  z.object({ tipo: z.literal('STATI'), stati: z.array(StatusSchema).min(1, 'Scegliere almeno uno stato').max(STATUSES.length) }).strict(),
  z.object({ tipo: z.literal('SCELTE'), ids: z.array(z.number().int().positive()).min(1, 'Nessuna dichiarazione scelta').max(200_000) }).strict(),
]);
export type ExchangeSelection = z.infer<typeof ExchangeSelectionSchema>;

export const ExchangeCopyInputSchema = z
  .object({
    kind: ExchangeKindSchema,
    selection: ExchangeSelectionSchema,
    passphrase: PassphraseSchema,
    /** The folder to write into (Electron: from the save dialog; browser host: typed). Empty: the desk's scambio/ folder. */
    folder: z.string().max(1000),
  })
  .strict();

export const ExchangeCopyOutputSchema = z.object({
  file: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  declarations: z.number().int(),
  /** Declarations left out of a CAF copy (Errata, Incompleta: nothing to send yet). */
  excluded: z.number().int(),
  /** Browser host: the file can be downloaded at this path of the host (null in Electron). */
  downloadPath: z.string().nullable(),
});

/** One piece of a file being read (the browser host takes at most 1 MB per call): base64. */
export const ExchangeUploadInputSchema = z
  .object({
    uploadId: z.string().max(64).optional(),
    fileName: z.string().min(1).max(255),
    chunk: z.string().max(1_400_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'pezzo del file non in base64'),
    last: z.boolean(),
  })
  .strict();

export const MAX_EXCHANGE_FILE_BYTES = 200 * 1024 * 1024;

const ExistingSchema = z.object({ id: z.number().int(), progressivo: z.number().int(), status: StatusSchema, codiceFiscale: z.string(), cognomeNome: z.string(), matricola: z.string() });

export const ConflictSchema = z.object({
  /** Position of the declaration in the file (what a choice refers to). */
  indice: z.number().int(),
  sportello: z.string(),
  progressivoOrigine: z.number().int(),
  status: StatusSchema,
  codiceFiscale: z.string(),
  cognomeNome: z.string(),
  matricola: z.string(),
  /** What it shares with the declarations here: the matricola, or only the codice fiscale. */
  motivo: z.enum(['MATRICOLA', 'CODICE_FISCALE']),
  esistenti: z.array(ExistingSchema),
});
export type Conflict = z.infer<typeof ConflictSchema>;

export const RestorePlanSchema = z.object({
  token: z.string(),
  fileName: z.string(),
  sportello: z.string(),
  creato: z.string(),
  dichiarazioni: z.number().int(),
  /** Declarations that will be added (no conflict). */
  nuove: z.number().int(),
  /** Declarations of this file already restored here (same desk and progressivo of origin): nothing to add. */
  giaPresenti: z.number().int(),
  /** Already sent by their desk: they keep their status here and are never sent again from here. */
  giaSpedite: z.number().int(),
  /** The file was read before (date), null otherwise. */
  giaLetto: z.string().nullable(),
  conflitti: z.array(ConflictSchema),
});
export type RestorePlan = z.infer<typeof RestorePlanSchema>;

/** For a conflict: skip the incoming one, or add it as a new declaration beside the one here. */
export const RestoreChoiceSchema = z.enum(['SALTA', 'NUOVA']);
export type RestoreChoice = z.infer<typeof RestoreChoiceSchema>;

export const RestoreApplyInputSchema = z
  .object({ token: z.string().max(64), scelte: z.record(z.string().regex(/^\d{1,7}$/), RestoreChoiceSchema) })
  .strict();

export const RestoreResultSchema = z.object({
  aggiunte: z.number().int(),
  saltate: z.number().int(),
  giaPresenti: z.number().int(),
  primoProgressivo: z.number().int().nullable(),
  ultimoProgressivo: z.number().int().nullable(),
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;
