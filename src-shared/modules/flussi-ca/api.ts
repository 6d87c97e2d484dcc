/** Schemas of the Flussi incassi C.A. API methods (contract.ts, namespace "ca."). */
import { z } from 'zod';
import { PrintedFileSchema } from '../../print/api';

const Id = z.number().int().positive();
/** The largest list read in one call (the browser host takes at most 1 MB). */
export const MAX_ELENCO_CHARS = 900_000;

export const CaEstrazioneSchema = z.object({
  id: z.number().int(),
  convenzione: z.string(),
  descrizione: z.string(),
  anno: z.number().int(),
  dataEstrazione: z.string(),
  fileName: z.string(),
  importedAt: z.string(),
  righe: z.number().int(),
  totaleCent: z.number().int(),
  /** The extraction it replaced (same convenzione and year), if any. */
  precedenteId: z.number().int().nullable(),
  precedenteData: z.string().nullable(),
});
export type CaEstrazione = z.infer<typeof CaEstrazioneSchema>;

export const CaDifferenzeSchema = z.object({ nuovi: z.number().int(), variati: z.number().int(), tolti: z.number().int() });

export const CaImportaOutputSchema = z.object({ estrazione: CaEstrazioneSchema, differenze: CaDifferenzeSchema.nullable() });

export const CaVistaSchema = z.enum(['regioni', 'contributi', 'ditte', 'righe']);
export type CaVista = z.infer<typeof CaVistaSchema>;

export const CaVistaInputSchema = z.object({ estrazioneId: Id, vista: CaVistaSchema, ditta: z.string().max(9).optional() }).strict();
/** A totals row (chiave = region, codice contributo or codice ditta) or a payment row (righe). */
export const CaRigaSchema = z.object({
  chiave: z.string(),
  regione: z.string().nullable(),
  codiceContributo: z.string().nullable(),
  dataPagamento: z.string().nullable(),
  incassi: z.number().int(),
  importoCent: z.number().int(),
});
export type CaRiga = z.infer<typeof CaRigaSchema>;

export const CaDifferenzaSchema = z.object({
  tipo: z.enum(['NUOVO', 'VARIATO', 'TOLTO']),
  regione: z.string(),
  codiceDitta: z.string(),
  codiceContributo: z.string(),
  dataPagamento: z.string(),
  primaCent: z.number().int().nullable(),
  dopoCent: z.number().int().nullable(),
});
export type CaDifferenza = z.infer<typeof CaDifferenzaSchema>;

export const CaEsportaInputSchema = CaVistaInputSchema.extend({ format: z.enum(['xlsx', 'csv']) }).strict();
export const CaEsportaOutputSchema = z.object({ file: PrintedFileSchema });
