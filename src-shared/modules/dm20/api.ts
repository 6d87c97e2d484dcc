/**
 * The DM20-REG API (namespace "dm20.", issue 16): zod schemas of every method, spread into the contract
 * (api/contract.ts) as DM20_API. Amounts cross as integer lire; the slip boxes cross as typed text.
 */
import { z } from 'zod';
import { PrintedFileSchema } from '../../print/api';
import { Ds79RichiestaSchema, Ds79RowSchema } from './ds79';
import { DM20_LISTE } from './liste';
import { DM20_MENSILI } from './mensili';

const Id = z.number().int().positive();
const Text = (max: number) => z.string().max(max);
const Lire = z.number().int();
const Empty = z.object({}).strict();
/** The largest firms' CSV read in one call (the browser host takes at most 1 MB). */
export const MAX_AZIENDE_CSV_CHARS = 900_000;

export const Dm20AziendaSchema = z.object({
  matricola: z.string(),
  sede: z.string(),
  costituzione: z.string().nullable(),
  tipoCessazione: z.string().nullable(),
  dataCessazione: z.string().nullable(),
  sospensione: z.string().nullable(),
});
/** A firm as typed on screen (dates gg/mm/aaaa, empty = none). */
export const Dm20AziendaInputSchema = z
  .object({ matricola: Text(20), sede: Text(10), costituzione: Text(12), tipoCessazione: Text(2), dataCessazione: Text(12), sospensione: Text(12) })
  .strict();
export type Dm20AziendaInput = z.infer<typeof Dm20AziendaInputSchema>;

export const Dm20ImpostazioniSchema = z.object({
  /** The acquiring sede SSZZ; null until set (the acquisition needs it). */
  sede: z.string().nullable(),
  aziende: z.number().int(),
  progressivi: z.array(z.object({ sede: z.string(), massimo: z.number().int() })),
});

export const Dm20ImportaOutputSchema = z.object({ aziende: z.number().int(), progressivi: z.number().int() });

export const Dm20Sc724StatoSchema = z.enum(['acquisizione', 'quadrato', 'inoltrato']);
export const Dm20Sc724RowSchema = z.object({
  id: z.number().int(),
  tipo: z.string(),
  articolo: z.string(),
  numero: z.string(),
  /** As booked (the amount first acquired) and as acquired now (changed by variazione). */
  importoContabilizzato: Lire,
  importo: Lire,
  /** 1 = incassi through the collecting bodies, 2 = internal operations (§9.2): picks allegato 3/4 or 3 bis/4 bis. */
  tipoMovimento: z.enum(['1', '2']),
  stato: Dm20Sc724StatoSchema,
  dm11: z.number().int(),
  bollettini: z.number().int(),
  bloccanti: z.number().int(),
  inoltratoAt: z.string().nullable(),
  /** Lists B, C and E printed for it (F needs all three). */
  listeStampate: z.object({ B: z.boolean(), C: z.boolean(), E: z.boolean() }),
});
export type Dm20Sc724Row = z.infer<typeof Dm20Sc724RowSchema>;

export const Dm20Sc724InputSchema = z.object({ id: Id.optional(), tipo: Text(2), articolo: Text(10), numero: Text(10), importo: Text(20), tipoMovimento: z.enum(['1', '2']).optional() }).strict();
export const Dm20Dm11InputSchema = z.object({ id: Id.optional(), sc724Id: Id, progressivo: Text(6), importo: Text(20) }).strict();
export const Dm20Dm11RowSchema = z.object({ id: z.number().int(), sc724Id: z.number().int(), progressivo: z.string(), importo: Lire });
export type Dm20Dm11Row = z.infer<typeof Dm20Dm11RowSchema>;

export const Dm20SlipInputSchema = z
  .object({
    id: Id.optional(),
    documentoDiverso: z.boolean(),
    matricola: Text(20),
    sap: Text(10),
    tipoArchivio: Text(4),
    importo: Text(20),
    inadempienza: Text(12),
    dal: Text(6),
    al: Text(6),
    dataVersamento: Text(12),
  })
  .strict();
export const Dm20FindingSchema = z.object({ code: z.string(), field: z.string(), message: z.string() });
export const Dm20EsitoSchema = z.enum(['esatto', 'fuori-sede', 'documento-diverso']);
export const Dm20SlipRowSchema = Dm20SlipInputSchema.omit({ id: true }).extend({
  id: z.number().int(),
  dm11Id: z.number().int(),
  /** The DM20-REG progressivo within its SC7/24 (shown when the page is stored). */
  numero: z.number().int(),
  importoLire: Lire.nullable(),
  esito: Dm20EsitoSchema,
  findings: z.array(Dm20FindingSchema),
  bloccante: z.boolean(),
  periodoErrato: z.boolean(),
});
export type Dm20SlipRow = z.infer<typeof Dm20SlipRowSchema>;

export const Dm20PaginaInputSchema = z
  .object({
    dm11Id: Id,
    righe: z.array(Dm20SlipInputSchema).max(10),
    /** The second Invio: the DD003 slips are confirmed. */
    conferma: z.boolean(),
  })
  .strict();
export const Dm20PaginaOutputSchema = z.object({
  /** False: DD003 slips wait for the second Invio; nothing was stored. */
  stored: z.boolean(),
  righe: z.array(z.object({ esito: Dm20EsitoSchema, findings: z.array(Dm20FindingSchema), sap: z.string(), numero: z.number().int().nullable(), id: z.number().int().nullable() })),
  fuoriSede: z.number().int(),
  documentiDiversi: z.number().int(),
});
export type Dm20PaginaOutput = z.infer<typeof Dm20PaginaOutputSchema>;

export const Dm20QuadraturaSchema = z.object({
  listaA: z.array(z.object({ dm11Id: z.number().int(), progressivo: z.string(), importoDm11: Lire, totaleDm20: Lire, bollettini: z.number().int(), differenza: Lire })),
  listaB: z.object({ importoSc724: Lire, totaleDm11: Lire, differenza: Lire }),
  quadrato: z.boolean(),
});

const Conteggio = z.object({ numero: z.number().int(), importo: Lire });
export const Dm20InoltroOutputSchema = z.object({
  dd: z.number().int(),
  fs: z.number().int(),
  rc: z.object({ importo: Lire, tipo: z.enum(['grande', 'piccola']), segno: z.enum(['credito', 'debito']) }).nullable(),
  esatti: Conteggio,
  fuoriSede: Conteggio,
  documentiDiversi: Conteggio,
});

const Sc724Id = z.object({ sc724Id: Id }).strict();

const Somma = z.object({ n: z.number().int(), importo: Lire });
export const Dm20SituazioneSchema = z.object({
  acquisizione: z.object({ sc724: Somma, dm11: Somma, bollettini: Somma }),
  gestione: z.object({ sc724: Somma, bollettini: Somma }),
  collezioni: z.object({ DD: Somma, FS: Somma, RC: Somma }),
  statistiche: z.array(z.object({ anno: z.number().int(), caricati: z.number().int(), esatti: z.number().int(), stornati: z.number().int() })),
});
export type Dm20Situazione = z.infer<typeof Dm20SituazioneSchema>;

export const DM20_API = {
  'dm20.impostazioni': { input: Empty, output: Dm20ImpostazioniSchema },
  'dm20.salvaSede': { input: z.object({ sede: Text(10) }).strict(), output: z.object({ sede: z.string() }) },
  'dm20.aziende': { input: z.object({ filtro: Text(20) }).strict(), output: z.object({ rows: z.array(Dm20AziendaSchema) }) },
  'dm20.salvaAzienda': { input: Dm20AziendaInputSchema, output: z.object({ matricola: z.string() }) },
  'dm20.salvaProgressivo': { input: z.object({ sede: Text(10), massimo: Text(10) }).strict(), output: z.object({ sede: z.string() }) },
  /** The firms' archive from a CSV (columns in the README's DM20-REG section): all rows or none. */
  'dm20.importaAziende': { input: z.object({ fileName: z.string().min(1).max(255), text: z.string().max(MAX_AZIENDE_CSV_CHARS) }).strict(), output: Dm20ImportaOutputSchema },
  /** The SC7/24 of the acquisition archive (not forwarded), or the forwarded ones. */
  'dm20.sc724': { input: z.object({ inoltrati: z.boolean() }).strict(), output: z.object({ rows: z.array(Dm20Sc724RowSchema) }) },
  'dm20.salvaSc724': { input: Dm20Sc724InputSchema, output: z.object({ id: Id }) },
  'dm20.eliminaSc724': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  'dm20.dm11': { input: Sc724Id, output: z.object({ rows: z.array(Dm20Dm11RowSchema) }) },
  'dm20.salvaDm11': { input: Dm20Dm11InputSchema, output: z.object({ id: Id }) },
  'dm20.eliminaDm11': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  'dm20.bollettini': { input: Sc724Id, output: z.object({ rows: z.array(Dm20SlipRowSchema) }) },
  /** Invio on a page of up to 10 slips: checks, and stores unless DD003 slips wait for the second Invio. */
  'dm20.salvaPagina': { input: Dm20PaginaInputSchema, output: Dm20PaginaOutputSchema },
  'dm20.eliminaBollettino': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** B — Quadratura: lists A and B; marks the SC7/24 squared when it is. */
  'dm20.quadratura': { input: Sc724Id, output: Dm20QuadraturaSchema },
  /** C — Inoltro: refused with blocking errors, unconfirmed DD003 or unsquared; builds DD, FS and RC. */
  'dm20.inoltro': { input: Sc724Id, output: Dm20InoltroOutputSchema },
  /** D — Stampe: list C (fuori sede, documenti diversi) or E (period errors) of the forwarded SC7/24, as PDF in stampe/. */
  'dm20.stampaLista': { input: z.object({ lista: z.enum(DM20_LISTE) }).strict(), output: z.object({ file: PrintedFileSchema }) },
  /** E — situazione archivi, H — statistiche per anno (loaded, esatti, stornati). */
  'dm20.situazione': { input: Empty, output: Dm20SituazioneSchema },
  /** D — lists A and B of one SC7/24 (its quadratura now) as PDF in stampe/. */
  'dm20.stampaQuadratura': { input: Sc724Id, output: z.object({ file: PrintedFileSchema }) },
  /** F — cancels the processed SC7/24 (squared, forwarded, lists B, C, E printed): all those asked for, or none. */
  'dm20.cancellaElaborati': { input: z.object({ sc724Ids: z.array(Id).min(1).max(1000) }).strict(), output: z.object({ cancellati: z.array(z.string()) }) },
  /** D — a monthly list (§9.1–9.4, allegati 1–5) of the SC7/24 forwarded in a month, as PDF in stampe/. */
  'dm20.stampaMensile': {
    input: z.object({ lista: z.enum(DM20_MENSILI), anno: z.number().int().min(1990).max(2099), mese: z.number().int().min(1).max(12) }).strict(),
    output: z.object({ file: PrintedFileSchema }),
  },
  /** D — the DS79 list of one option (§9) on screen … */
  'dm20.ds79': { input: Ds79RichiestaSchema, output: z.object({ rows: z.array(Ds79RowSchema) }) },
  /** … and as PDF in stampe/. */
  'dm20.stampaDs79': { input: Ds79RichiestaSchema, output: z.object({ file: PrintedFileSchema }) },
} as const;
