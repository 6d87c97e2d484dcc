import { z } from 'zod';
import { StatusSchema } from '../domain/declaration';
import { CODICI_SBLOCCABILI } from './codice';

/** One unlock recorded on a declaration ("Sblocca dichiarazione errata", p. 70, 97–98). */
export const SbloccoSchema = z.object({
  codiceErrore: z.string(),
  /** The code the CAF operator read out. */
  codice: z.string(),
  /** Last valid day of that code (ISO). */
  scadenza: z.string(),
  at: z.string(),
  operator: z.string(),
  motivo: z.string(),
});
export type Sblocco = z.infer<typeof SbloccoSchema>;

/** What the dialog shows: what the CAF operator needs to know, and the errors that can be lifted now. */
export const SbloccoInfoSchema = z.object({
  id: z.number().int(),
  progressivo: z.number().int(),
  codiceFiscale: z.string(),
  cognomeNome: z.string(),
  campagna: z.string(),
  status: StatusSchema,
  /** The desk id the codes are bound to; null when the connection to the CAF is not configured. */
  deskId: z.string().nullable(),
  /** The blocking cross-check errors present now (first message of each code). */
  errori: z.array(z.object({ codice: z.enum(CODICI_SBLOCCABILI), messaggio: z.string() })),
  sblocchi: z.array(SbloccoSchema),
});
export type SbloccoInfo = z.infer<typeof SbloccoInfoSchema>;

export const SbloccaInputSchema = z
  .object({
    id: z.number().int().positive(),
    codiceErrore: z.enum(CODICI_SBLOCCABILI),
    codice: z.string().max(40),
    motivo: z.string().trim().min(1, 'Indicare il motivo dello sblocco.').max(500),
  })
  .strict();

export const SbloccaOutputSchema = z.object({ id: z.number().int(), status: StatusSchema, sblocco: SbloccoSchema });
