import { z } from 'zod';

/**
 * "Circolari telematiche" and "Assistenza CGN" (side links, p. 70): what the desk and the CAF console exchange
 * besides declarations. The desk's scarto code of a declaration the CAF blocked ("Bloccata", p. 68) is here too.
 */
export const BLOCCATA_CODE = 'BLOCCATA';

/** A circolare as the desk lists it. */
export const CircolareRowSchema = z.object({
  id: z.number().int(),
  titolo: z.string(),
  testo: z.string(),
  /** ISO day of the circolare. */
  data: z.string(),
  /** ISO day by which something is due, when the circolare names one. */
  scadenza: z.string().nullable(),
  read: z.boolean(),
});
export type CircolareRow = z.infer<typeof CircolareRowSchema>;
