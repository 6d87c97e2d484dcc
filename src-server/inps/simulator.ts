import { createHash } from 'node:crypto';
import { z } from 'zod';
import { INPS_SCARTO_CODES } from '#shared/server-api/contract';
import type { InpsBatch, InpsEsito } from './gateway';

/**
 * The INPS simulator's logic (no I/O): it keeps the batches it received and answers each declaration with the
 * outcome its configuration says, chosen by matricola, then codice fiscale, then the default. PENDING means "no
 * esito yet": it is decided the first time a later configuration gives a real outcome, then never changes.
 */
export const SimOutcomeSchema = z.enum(['RICEVUTA', 'PENDING', ...INPS_SCARTO_CODES]);
export type SimOutcome = z.infer<typeof SimOutcomeSchema>;

export const SimConfigSchema = z
  .object({
    default: SimOutcomeSchema.default('RICEVUTA'),
    byMatricola: z.record(z.string(), SimOutcomeSchema).default({}),
    byCodiceFiscale: z.record(z.string(), SimOutcomeSchema).default({}),
    /**
     * Matricole or codici fiscali of the positions INPS has already "ricostituito" (p. 102): their RICEVUTA esito
     * says so, as long as the batch is still being answered.
     */
    ricostituite: z.array(z.string()).default([]),
    /** The next N deliveries answer 503 (to exercise the server's retry). */
    failSends: z.number().int().min(0).default(0),
    /**
     * A delivery is answered this many ms after INPS has recorded it (a slow channel): a server process killed
     * meanwhile never learns that INPS has the batch, and another one delivers it again.
     */
    answerDelayMs: z.number().int().min(0).max(60_000).default(0),
  })
  .strict();
export type SimConfig = z.infer<typeof SimConfigSchema>;

interface Received {
  batch: InpsBatch;
  /** The content's fingerprint: the same id again must bring the same items. */
  digest: string;
  receivedAt: string;
  /** How many times the batch was delivered (the first time and the duplicates). */
  deliveries: number;
  esiti: Map<string, InpsEsito>;
}

/** The same batch id delivered with other content: refused (HTTP 409), nothing recorded. */
export class BatchConflictError extends Error {}

const digestOf = (batch: InpsBatch): string => createHash('sha256').update(JSON.stringify(batch.items)).digest('hex');

export class InpsSimulator {
  private config: SimConfig = SimConfigSchema.parse({});
  private readonly batches = new Map<string, Received>();

  configure(config: SimConfig): void {
    this.config = config;
  }

  getConfig(): SimConfig {
    return this.config;
  }

  /**
   * Keyed by the batch id, as INPS keys a file by its protocol: returns false when the batch was already received
   * with the same content (a repeated delivery: recorded once, counted in `deliveries`); throws
   * BatchConflictError for the same id with other content, and a plain Error when told to fail.
   */
  receive(batch: InpsBatch): boolean {
    if (this.config.failSends > 0) {
      this.config = { ...this.config, failSends: this.config.failSends - 1 };
      throw new Error('INPS simulato: servizio temporaneamente non disponibile');
    }
    const digest = digestOf(batch);
    const known = this.batches.get(batch.batchId);
    if (known) {
      if (known.digest !== digest) throw new BatchConflictError(`INPS simulato: il lotto ${batch.batchId} è già stato ricevuto con un contenuto diverso`);
      known.deliveries++;
      return false;
    }
    this.batches.set(batch.batchId, { batch, digest, receivedAt: new Date().toISOString(), deliveries: 1, esiti: new Map() });
    return true;
  }

  esiti(batchId: string): InpsEsito[] | null {
    const r = this.batches.get(batchId);
    if (!r) return null;
    for (const item of r.batch.items) {
      if (r.esiti.has(item.ref)) continue;
      const outcome = this.config.byMatricola[item.matricola] ?? this.config.byCodiceFiscale[item.codiceFiscale] ?? this.config.default;
      if (outcome === 'PENDING') continue;
      r.esiti.set(item.ref, outcome === 'RICEVUTA' ? { ref: item.ref, esito: 'RICEVUTA' } : { ref: item.ref, esito: 'SCARTATA', code: outcome });
    }
    const ricostituite = new Set(this.config.ricostituite);
    const items = new Map(r.batch.items.map((i) => [i.ref, i]));
    return [...r.esiti.values()].map((e) => {
      const item = items.get(e.ref);
      const ricostituita = e.esito === 'RICEVUTA' && !!item && (ricostituite.has(item.matricola) || ricostituite.has(item.codiceFiscale));
      return ricostituita ? { ...e, ricostituita } : e;
    });
  }

  /** What INPS has received (tests check that a withdrawn declaration never got here). */
  received(): { batchId: string; receivedAt: string; deliveries: number; items: { ref: string; version: number; matricola: string; codiceFiscale: string }[] }[] {
    return [...this.batches.values()].map((r) => ({
      batchId: r.batch.batchId,
      receivedAt: r.receivedAt,
      deliveries: r.deliveries,
      items: r.batch.items.map((i) => ({ ref: i.ref, version: i.version, matricola: i.matricola, codiceFiscale: i.codiceFiscale })),
    }));
  }
}
