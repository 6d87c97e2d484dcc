import { z } from 'zod';
import { HistoryEventSchema, StatusSchema, TipoSchema } from '../domain/declaration';
import { RedDocumentSchema } from '../domain/red-document';

/**
 * "Servizi" exchange files (issue 13 point 1): what a Centro di Raccolta copies for its Centro di Elaborazione
 * ("Copia per il Centro di Elaborazione"), and what a Centro di Elaborazione copies for the CAF ("Copia archivi da
 * inviare al CAF"). The pure part: the format version, the manifest and the data, as zod schemas. The container
 * (zip, scrypt, AES-256-GCM) is written and read in src-main/exchange (the desk) and src-server/exchange (the CAF).
 *
 * The container is one zip with three parts:
 *  - `manifest.json` (in clear: what the file is, readable before the passphrase is asked);
 *  - `dati.bin`: the data (JSON, deflated) encrypted with AES-256-GCM; the manifest's bytes are its additional
 *    authenticated data, so a changed manifest fails the tag as a changed datum does;
 *  - `autenticazione.bin`: the 16-byte GCM authentication tag.
 * The manifest carries the SHA-256 of `dati.bin` and of `autenticazione.bin`: a damaged part is told apart from a
 * wrong passphrase.
 */

/** Raised when the data or the manifest change shape; a desk refuses a file of a newer format. */
export const EXCHANGE_FORMAT_VERSION = 1;

export const EXCHANGE_PARTS = { manifest: 'manifest.json', data: 'dati.bin', tag: 'autenticazione.bin' } as const;

/** "Copia per il Centro di Elaborazione" (CENTRO) or "Copia archivi da inviare al CAF" (CAF). */
export const ExchangeKindSchema = z.enum(['CENTRO', 'CAF']);
export type ExchangeKind = z.infer<typeof ExchangeKindSchema>;

const Hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/** scrypt's cost is bounded: a hostile file cannot make the reader spend gigabytes deriving the key. */
export const ScryptParamsSchema = z
  .object({
    N: z.number().int().min(1024).max(1 << 17).refine((n) => (n & (n - 1)) === 0, 'potenza di 2'),
    r: z.number().int().min(1).max(16),
    p: z.number().int().min(1).max(4),
    salt: Hex(16),
  })
  .strict();
export type ScryptParams = z.infer<typeof ScryptParamsSchema>;

/** Only the version is read first: a newer file is refused for its version, not for an unknown field. */
export const ManifestHeadSchema = z.object({ formato: z.literal('RED-DESK-SCAMBIO'), versione: z.number().int().min(1) });

export const ManifestSchema = z
  .object({
    formato: z.literal('RED-DESK-SCAMBIO'),
    versione: z.literal(EXCHANGE_FORMAT_VERSION),
    tipo: ExchangeKindSchema,
    /** A uuid per file: the same file read twice is known by it. */
    fileId: z.uuid(),
    campagna: z.string().min(1).max(20),
    /** The desk (codice sportello) that wrote the file. */
    sportello: z.string().min(1).max(64),
    creato: z.iso.datetime(),
    conteggi: z.object({ dichiarazioni: z.number().int().min(0), storico: z.number().int().min(0) }).strict(),
    kdf: ScryptParamsSchema,
    cifratura: z.object({ algoritmo: z.literal('AES-256-GCM'), iv: Hex(12) }).strict(),
    /** SHA-256 (hex) of every other part, by its name in the zip. */
    parti: z.record(z.string(), Hex(32)),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

const Iso = z.string().min(1).max(40);

/** One status-history row, as it was on the desk that wrote it (the history travels with the declaration). */
export const ExchangeHistorySchema = z
  .object({
    event: HistoryEventSchema,
    from: StatusSchema.nullable(),
    to: StatusSchema.nullable(),
    at: Iso,
    operator: z.string().max(200),
    reason: z.string().max(2000).nullable(),
  })
  .strict();
export type ExchangeHistory = z.infer<typeof ExchangeHistorySchema>;

/** One declaration in a file: its origin (the desk where it was entered and its progressivo there), its row, its
 * document, its history. */
export const ExchangeDeclarationSchema = z
  .object({
    origine: z.object({ sportello: z.string().min(1).max(64), progressivo: z.number().int().min(1) }).strict(),
    campagna: z.string().min(1).max(20),
    tipo: TipoSchema,
    status: StatusSchema,
    matricola: z.string().min(1).max(40),
    codiceFiscale: z.string().max(16),
    /** "COGNOME NOME" of the titolare, as the monitor shows it. */
    cognomeNome: z.string().max(200),
    version: z.number().int().min(0),
    /** The key the CAF server knows it by (null: never sent nor copied for the CAF) and the version sent. */
    serverKey: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/).nullable(),
    sentVersion: z.number().int().nullable(),
    cgnReceivedAt: Iso.nullable(),
    inpsSentAt: Iso.nullable(),
    esitoAt: Iso.nullable(),
    scarto: z
      .object({ origin: z.enum(['INPS', 'CGN', 'CAF']).nullable(), code: z.string().nullable(), message: z.string().nullable(), suggestion: z.string().nullable(), json: z.string().nullable() })
      .strict(),
    /** A rettificativa: the origin progressivo of the declaration it corrects (same origin desk). */
    rettificaOf: z.number().int().nullable(),
    createdAt: Iso,
    updatedAt: Iso,
    printedAt: Iso.nullable(),
    printCount: z.number().int().min(0),
    dataConsegna: Iso.nullable(),
    document: RedDocumentSchema,
    storico: z.array(ExchangeHistorySchema).max(10_000),
  })
  .strict();
export type ExchangeDeclaration = z.infer<typeof ExchangeDeclarationSchema>;

export const ExchangeDataSchema = z.object({ dichiarazioni: z.array(ExchangeDeclarationSchema) }).strict();
export type ExchangeData = z.infer<typeof ExchangeDataSchema>;

/** The declarations written by the desk itself carry its code; restored ones keep the code of their desk. */
export function originKey(o: { sportello: string; progressivo: number }): string {
  return `${o.sportello}#${o.progressivo}`;
}

/** The refusals of a file (each says that nothing was changed). */
export const EXCHANGE_ERRORS = {
  TRUNCATED: 'SCA-01',
  NOT_EXCHANGE: 'SCA-02',
  NEWER: 'SCA-03',
  CAMPAIGN: 'SCA-04',
  TAMPERED: 'SCA-05',
  PASSPHRASE: 'SCA-06',
  KIND: 'SCA-07',
  OWN: 'SCA-08',
  DESK: 'SCA-09',
} as const;

export const NOTHING_CHANGED = "Nessuna dichiarazione è stata modificata nell'archivio.";

/** A passphrase the two desks agree on: long enough that guessing it is not practical. */
export const PassphraseSchema = z.string().min(10, 'La passphrase deve avere almeno 10 caratteri').max(200, 'Passphrase troppo lunga (al massimo 200 caratteri)');
