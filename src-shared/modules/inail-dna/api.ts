/** Schemas of the INAIL DNA API methods (contract.ts, namespace "dna."). */
import { z } from 'zod';
import { PrintedFileSchema } from '../../print/api';

const Id = z.number().int().positive();
const Text = (max: number) => z.string().max(max);
/** The largest DNA file read in one call (the browser host takes at most 1 MB): 5,000 records. */
export const MAX_DNA_FILE_CHARS = 5_000 * 170;

export const DnaDatoreInputSchema = z
  .object({ id: Id.optional(), codiceFiscale: Text(20), codiceAccesso: Text(10), denominazione: Text(100) })
  .strict();

export const DnaDatoreRowSchema = z.object({
  id: z.number().int(),
  codiceFiscale: z.string(),
  codiceAccesso: z.string(),
  denominazione: z.string(),
  denunce: z.number().int(),
  daInviare: z.number().int(),
});
export type DnaDatoreRow = z.infer<typeof DnaDatoreRowSchema>;

export const DnaDenunciaInputSchema = z
  .object({
    id: Id.optional(),
    datoreId: Id,
    cfLavoratore: Text(20),
    posizione: Text(20),
    dataInizio: Text(12),
    dataFine: Text(12),
    straniero: z.boolean(),
    cognome: Text(60),
    nome: Text(60),
  })
  .strict();
export type DnaDenunciaInputData = z.infer<typeof DnaDenunciaInputSchema>;

export const DnaDenunciaRowSchema = z.object({
  id: z.number().int(),
  datoreId: z.number().int(),
  cfLavoratore: z.string(),
  posizione: z.string(),
  dataInizio: z.string().nullable(),
  dataFine: z.string().nullable(),
  straniero: z.boolean(),
  cognome: z.string(),
  nome: z.string(),
  /** The DNA file the notice was put in, and when; null = still to send. */
  fileName: z.string().nullable(),
  fileDate: z.string().nullable(),
  /** Read from another program's file (its name). */
  lettaDa: z.string().nullable(),
});
export type DnaDenunciaRow = z.infer<typeof DnaDenunciaRowSchema>;

export const DnaFileRowSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  createdAt: z.string(),
  records: z.number().int(),
  recreatedAt: z.string().nullable(),
  recreatedName: z.string().nullable(),
});
export type DnaFileRow = z.infer<typeof DnaFileRowSchema>;

export const DnaCreaFileOutputSchema = z.object({ file: PrintedFileSchema, records: z.number().int() });
export const DnaLeggiFileInputSchema = z.object({ fileName: z.string().min(1).max(255), text: z.string().max(MAX_DNA_FILE_CHARS) }).strict();
export const DnaLeggiFileOutputSchema = z.object({ records: z.number().int(), datoriNuovi: z.number().int() });
