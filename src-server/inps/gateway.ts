import { z } from 'zod';
import { RedDocumentSchema } from '#shared/domain/red-document';
import { INPS_SCARTO_CODES } from '#shared/server-api/contract';

/**
 * The INPS side of the server, behind one interface ("Trasmissione RED all'INPS", p. 100; esiti, p. 108).
 * Today: the simulator over HTTP (http-gateway.ts ↔ simulator-main.ts); a real channel implements the same two
 * calls. The wire schemas below are the simulator's protocol.
 */
export const InpsItemSchema = z.object({
  /** The server's declaration id: the esito comes back with it. */
  ref: z.string(),
  version: z.number().int(),
  matricola: z.string(),
  codiceFiscale: z.string(),
  tipo: z.enum(['N', 'R']),
  progressivo: z.number().int(),
  document: RedDocumentSchema,
});
export const InpsBatchSchema = z.object({ batchId: z.string().min(1).max(100), items: z.array(InpsItemSchema).max(10_000) });
export const InpsEsitoSchema = z.discriminatedUnion('esito', [
  /** `ricostituita`: INPS already recalculated ("ricostituito") the pension of this position (p. 102). */
  z.object({ ref: z.string(), esito: z.literal('RICEVUTA'), ricostituita: z.boolean().optional() }),
  z.object({ ref: z.string(), esito: z.literal('SCARTATA'), code: z.enum(INPS_SCARTO_CODES) }),
]);
export const InpsEsitiResponseSchema = z.object({ batchId: z.string(), esiti: z.array(InpsEsitoSchema) });

export type InpsItem = z.infer<typeof InpsItemSchema>;
export type InpsBatch = z.infer<typeof InpsBatchSchema>;
export type InpsEsito = z.infer<typeof InpsEsitoSchema>;

export interface InpsGateway {
  /** Delivers a batch. Idempotent on `batchId`: a retry after a lost answer must not make a second file.
   * `signal`: the caller gave up (its lease on the batch was lost): stop waiting and reject. */
  send(batch: InpsBatch, signal?: AbortSignal): Promise<void>;
  /** The esiti INPS has produced so far for a batch (possibly some only). */
  esiti(batchId: string, signal?: AbortSignal): Promise<InpsEsito[]>;
}

/** INPS could not be reached or refused the call; the job keeps the batch and retries next time. */
export class InpsUnavailableError extends Error {}
