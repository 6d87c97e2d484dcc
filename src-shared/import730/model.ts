/**
 * The 730s RED Desk reads for "Importazione 730" and the cross-check (guide pp. 16–26, 85–86, 96–98), in the
 * shape of the project's exchange file (../shared/reference/730-file.md). Amounts are in euro cents, as in the
 * file (two decimals); the RED takes whole euro, rounded up (p. 93), when a row is filled.
 */
import { z } from 'zod';

export const MODELLI_730 = ['730/2008', '730/2009'] as const;
export const Modello730Schema = z.enum(MODELLI_730);
export type Modello730 = z.infer<typeof Modello730Schema>;

/** `TRASM_CGN` (sent to the CAF) is the only state the import accepts (p. 85). */
export const STATI_730 = ['TRASM_CGN', 'IN_LAVORAZIONE', 'ANNULLATO'] as const;
export const Stato730Schema = z.enum(STATI_730);
export type Stato730 = z.infer<typeof Stato730Schema>;

/** The RED rows a 730 operator may choose in the "campo RED" of quadro C / quadro D (730-file.md). */
export const CAMPI_RED_C = ['A1', 'A2', 'A4', 'F1', 'F2', 'F3', 'F4', 'H'] as const;
export const CAMPI_RED_D = ['A3', 'E1', 'F3', 'F4', 'H5'] as const;
export type CampoRedC = (typeof CAMPI_RED_C)[number];
export type CampoRedD = (typeof CAMPI_RED_D)[number];
/** `NR`: an income that never goes in the RED (an Italian pension); null: the campo RED was not filled. */
export type CampoRed = CampoRedC | CampoRedD | 'NR';

const Cf = z.string().length(16);
const Cent = z.number().int().min(-99_999_999_999).max(99_999_999_999);

export const RigaPSchema = z.object({
  record: z.literal('P'),
  cf: Cf,
  /** 730/3 row: 1 dominicali, 2 agrari, 3 fabbricati, 7 abitazione principale (pp. 16–17). */
  rigo: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(7)]),
  importo: Cent,
});
export const RigaCSchema = z.object({
  record: z.literal('C'),
  cf: Cf,
  sezione: z.enum(['I', 'II']),
  rigo: z.string().regex(/^C\d{1,2}$/),
  /** Col. 1 (sez. I only): 1 pensione, 2 lavoro dipendente e assimilati, 3 LSU. */
  tipologia: z.enum(['1', '2', '3']).nullable(),
  /** Col. 2: 1 tempo indeterminato, 2 tempo determinato. */
  col2: z.enum(['1', '2']).nullable(),
  importo: Cent,
  campoRed: z.enum([...CAMPI_RED_C, 'NR']).nullable(),
  estero: z.boolean(),
});
export const RigaDSchema = z.object({
  record: z.literal('D'),
  cf: Cf,
  rigo: z.enum(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7']),
  codice: z.number().int().min(1).max(10),
  importo: Cent,
  campoRed: z.enum([...CAMPI_RED_D, 'NR']).nullable(),
});
export const Riga730Schema = z.discriminatedUnion('record', [RigaPSchema, RigaCSchema, RigaDSchema]);
export type RigaP = z.infer<typeof RigaPSchema>;
export type RigaC = z.infer<typeof RigaCSchema>;
export type RigaD = z.infer<typeof RigaDSchema>;
export type Riga730 = z.infer<typeof Riga730Schema>;

export const Dichiarazione730Schema = z.object({
  modello: Modello730Schema,
  cfDichiarante: Cf,
  /** Only for a 730 congiunto. */
  cfConiuge: Cf.nullable(),
  stato: Stato730Schema,
  dataStato: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  righe: z.array(Riga730Schema).max(2_000),
});
export type Dichiarazione730 = z.infer<typeof Dichiarazione730Schema>;

/** A 730 held in the desk's archive: where it came from. */
export const Held730Schema = Dichiarazione730Schema.extend({
  id: z.number().int(),
  fileName: z.string(),
  readAt: z.string(),
});
export type Held730 = z.infer<typeof Held730Schema>;

/** The tax year (redditi) a 730 covers: 730/2009 → 2008, 730/2008 → 2007 (p. 84, 92). */
export function annoRedditi(modello: Modello730): number {
  return Number(modello.slice(4)) - 1;
}

/** The 730 model whose incomes are those of `anno`, or null (the campaign knows 2007 and 2008). */
export function modelloPerAnno(anno: number): Modello730 | null {
  const m = `730/${anno + 1}`;
  return (MODELLI_730 as readonly string[]).includes(m) ? (m as Modello730) : null;
}

/** 123456 → "1.234,56" (cents, Italian format). */
export function formatCent(cent: number): string {
  const neg = cent < 0;
  const abs = Math.abs(cent);
  const euro = String(Math.trunc(abs / 100));
  let grouped = '';
  for (let i = 0; i < euro.length; i++) {
    if (i > 0 && (euro.length - i) % 3 === 0) grouped += '.';
    grouped += euro.charAt(i);
  }
  return `${neg ? '-' : ''}${grouped},${String(abs % 100).padStart(2, '0')}`;
}
