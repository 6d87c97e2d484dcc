import { z } from 'zod';

export const ScartoCodeSchema = z.enum(['SCART_CAF', '9009', '9010', '9011', '9201', '9202', '9203', '9204', '9205', '9209']);
export type ScartoCode = z.infer<typeof ScartoCodeSchema>;
export const INPS_SCARTO_CODES = ['9201', '9202', '9203', '9204', '9205', '9209'] as const satisfies readonly ScartoCode[];
export type InpsScartoCode = (typeof INPS_SCARTO_CODES)[number];

/** Why a declaration was rejected: the "DESCRIZIONE SCARTO" shown in red under the list (p. 108, 110). */
export const ScartoSchema = z.object({
  origin: z.enum(['CGN', 'INPS']),
  code: ScartoCodeSchema,
  /** Verbatim description (p. 45, 108–110), with the suggested codice fiscale / correct matricola when given. */
  message: z.string(),
  /** Scart. CAF: the codici fiscali found wrong, titolare first ("C.F.: codice fiscale collegato …"). */
  codiciFiscali: z
    .array(z.object({ role: z.enum(['TITOLARE', 'CONIUGE']), codiceFiscale: z.string(), suggested: z.string().nullable() }))
    .optional(),
  /** 9010 (and a 9011 found wrong): the matricola to load a new declaration with. */
  correctMatricola: z.string().nullable().optional(),
});
export type Scarto = z.infer<typeof ScartoSchema>;
