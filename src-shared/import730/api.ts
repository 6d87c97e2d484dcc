/** Schemas of the 730 API methods (contract.ts): Utilità → "Importa file 730", the list, the 730s of a declaration. */
import { z } from 'zod';
import { Held730Schema, Modello730Schema, Stato730Schema } from './model';

/** A file crosses the transports in pieces (the browser host takes at most 1 MB per call). */
export const UPLOAD_CHUNK_CHARS = 256 * 1024;
/** Largest 730 file accepted (a file of 50,000 730s is about 10 MB). */
export const MAX_FILE_730_CHARS = 64 * 1024 * 1024;

export const Upload730InputSchema = z
  .object({
    /** Absent on the first piece; the id returned by the first piece afterwards. */
    uploadId: z.string().regex(/^[a-z0-9-]{1,64}$/).optional(),
    fileName: z.string().min(1).max(255),
    chunk: z.string().max(UPLOAD_CHUNK_CHARS),
    last: z.boolean(),
  })
  .strict();

export const Import730ResultSchema = z.object({
  fileId: z.number().int(),
  fileName: z.string(),
  readAt: z.string(),
  count: z.number().int(),
  replaced: z.number().int(),
});

export const Upload730OutputSchema = z.object({ uploadId: z.string(), received: z.number().int(), result: Import730ResultSchema.nullable() });

export const List730InputSchema = z
  .object({
    codiceFiscale: z.string().max(16).optional(),
    storico: z.boolean().optional(),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(500),
  })
  .strict();

export const List730RowSchema = z.object({
  id: z.number().int(),
  modello: Modello730Schema,
  cfDichiarante: z.string(),
  cfConiuge: z.string().nullable(),
  stato: Stato730Schema,
  dataStato: z.string(),
  fileName: z.string(),
  readAt: z.string(),
  righe: z.number().int(),
  replacedAt: z.string().nullable(),
});
export type List730Row = z.infer<typeof List730RowSchema>;

export const List730OutputSchema = z.object({ total: z.number().int(), rows: z.array(List730RowSchema) });

export const For730InputSchema = z.object({ codiciFiscali: z.array(z.string().max(16)).max(16) }).strict();
export const For730OutputSchema = z.object({ rows: z.array(Held730Schema) });
