import { z } from 'zod';
import { INPS_SCARTO_CODES, ScartoCodeSchema, ScartoSchema, type InpsScartoCode, type Scarto, type ScartoCode } from '../domain/scarto';

import { TipoSchema } from '../domain/declaration';
import { RedDocumentSchema } from '../domain/red-document';
import { matricolaErrorMessage, parseMatricola } from '../matricola/codec';
import type { Status } from '../status/statuses';
import { EsitoControlloSchema } from '../vigilanza/controlli';
import { CODICI_SBLOCCABILI, GIORNI_VALIDITA_MAX } from '../sblocco/codice';

/** The scarto lives with the domain (the desk's editor shows it too); the contract hands it on unchanged. */
export { INPS_SCARTO_CODES, ScartoCodeSchema, ScartoSchema, type InpsScartoCode, type Scarto, type ScartoCode };

/**
 * The HTTP contract between a desk and the central CAF server (ARCHITECTURE.md "desk → central CAF"):
 * every endpoint as `name → { method, path, auth, params?, query?, body?, response }` with zod schemas.
 * The server registers one handler per name and builds its OpenAPI document from this table; the desk's
 * sync client can type its calls from it. Types come from `z.infer`, never written twice.
 *
 * Desk authentication: `Authorization: Bearer <deskId>.<secret>` (or Basic deskId:secret). Admin (CAF
 * staff): `Authorization: Bearer <RED_DESK_SERVER_ADMIN_TOKEN>`. Errors: `{ error: { code, message, field? } }`.
 */

/** Stable codes of the server's refusals (the esiti codes 9xxx are separate, see ScartoCodeSchema). */
export const SERVER_ERROR_CODES = {
  INTERNAL: 'SRV-00',
  INPUT: 'SRV-01',
  TOO_LARGE: 'SRV-02',
  UNAUTHENTICATED: 'SRV-03',
  FORBIDDEN: 'SRV-04',
  NOT_FOUND: 'SRV-05',
  ALREADY_FORWARDED: 'SRV-06',
  DEADLINE: 'SRV-07',
  IDEMPOTENCY_MISMATCH: 'SRV-08',
  ITEM_REFUSED: 'SRV-09',
  MEDIA_TYPE: 'SRV-10',
  UNAVAILABLE: 'SRV-11',
  INPS: 'SRV-12',
  CONFLICT: 'SRV-13',
  /** The CAF disabled this desk (admin.desks.disable): every request is refused until it is enabled again. */
  DESK_DISABLED: 'SRV-14',
  /** Too many authentication attempts from this address or for this desk id (429). */
  RATE_LIMITED: 'SRV-15',
} as const;

export const ServerErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z.unknown().optional(),
  }),
});
export type ServerError = z.infer<typeof ServerErrorSchema>;

/**
 * Status of a declaration on the server. All but RITIRATA are desk statuses (statuses.ts); RITIRATA means
 * withdrawn by the desk ("Modifica" or annullamento of a Trasm.CGN, p. 101–102): it is back in the desk's
 * "Da spedire" and the server will not forward it until a new version is sent.
 */
/**
 * BLOCCATA (p. 68): a Trasm.CGN the CAF holds back from INPS (console "Blocca"); it is a flag on the server
 * (declarations.blocked_at), reported to the desk as this status; "Sblocca" reports TRASM_CGN again.
 */
export const ServerStatusSchema = z.enum(['TRASM_CGN', 'SCART_CAF', 'SCARTATA', 'TRASM_INPS', 'RICEVUTA', 'RITIRATA', 'BLOCCATA']);
export type ServerStatus = z.infer<typeof ServerStatusSchema>;
const _deskStatuses: Exclude<ServerStatus, 'RITIRATA'> extends Status ? true : never = true;
void _deskStatuses;

/** Rejection codes: CGN server (Scart. CAF; 9009–9011, p. 45, 109–110) and INPS esiti (p. 108). */
const CodiceFiscale = z.string().regex(/^[A-Z0-9]{16}$/, 'codice fiscale di 16 lettere e cifre maiuscole');


/** The desk's own id of a declaration (its archive id, or a uuid): the server keys everything per desk. */
export const DeclarationKeySchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'chiave della dichiarazione (1–64 caratteri A–Z a–z 0–9 . _ : -)');

/** A Stringa CAF that parses (RED2009 layout); the desk checked it at "Nuovo", the server checks it again. */
export const MatricolaSchema = z
  .string()
  .regex(/^[A-Z0-9]{30}$/, 'Stringa CAF: 30 lettere maiuscole e cifre')
  .superRefine((value, ctx) => {
    const r = parseMatricola(value, undefined, { describe: false });
    if (!r.ok) ctx.addIssue({ code: 'custom', message: matricolaErrorMessage(r.errors) });
  });

export const MAX_TRANSMISSION_ITEMS = 500;

/** One declaration version in a transmission ("Invio"): the idempotency key is (declarationKey, version). */
export const TransmissionItemSchema = z
  .object({
    declarationKey: DeclarationKeySchema,
    /** The desk's document version; a new version replaces a withdrawn or correctable one. */
    version: z.number().int().min(1).max(2_000_000_000),
    progressivo: z.number().int().min(1).max(2_000_000_000),
    tipo: TipoSchema,
    matricola: MatricolaSchema,
    document: RedDocumentSchema,
  })
  .strict();
export type TransmissionItem = z.infer<typeof TransmissionItemSchema>;

export const TransmitRequestSchema = z
  .object({
    /** A uuid chosen by the desk per "Invio" file: retrying the same request replays the first answer. */
    transmissionId: z.uuid(),
    items: z.array(TransmissionItemSchema).min(1).max(MAX_TRANSMISSION_ITEMS),
  })
  .strict();
export type TransmitRequest = z.infer<typeof TransmitRequestSchema>;

export const ItemOutcomeSchema = z.enum(['accepted', 'duplicate', 'refused']);
export const TransmitItemResultSchema = z.object({
  declarationKey: z.string(),
  version: z.number().int(),
  /** accepted: stored now; duplicate: this version was already stored; refused: see `error`. */
  outcome: ItemOutcomeSchema,
  /** The declaration's status on the server after this request (null: refused and unknown to the server). */
  serverStatus: ServerStatusSchema.nullable(),
  /** The version the server holds (may be newer than `version` for a late duplicate). */
  serverVersion: z.number().int().nullable(),
  scarto: ScartoSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type TransmitItemResult = z.infer<typeof TransmitItemResultSchema>;

export const TransmitResponseSchema = z.object({
  transmissionId: z.string(),
  receivedAt: z.string(),
  /** True when this answer is the stored one of an earlier identical request. */
  replayed: z.boolean(),
  items: z.array(TransmitItemResultSchema),
});
export type TransmitResponse = z.infer<typeof TransmitResponseSchema>;

/** Change feed: one row per status change of a desk's declaration, or a message ("messaggi in piattaforma"). */
export const StatusChangeSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.literal('STATUS'),
  declarationKey: z.string(),
  version: z.number().int(),
  status: ServerStatusSchema,
  scarto: ScartoSchema.nullable(),
  /** BLOCCATA: the reason the CAF gave (shown on the desk under the list). */
  reason: z.string().max(1000).nullable().optional(),
});
/**
 * The code of the message that tells a desk INPS already "ricostituì" the position of a declaration (p. 102): from
 * then on "Correggi" is refused (OPR-05) and the correction goes to the counter of the Sede. It arrives in the feed
 * with the esito that reports it (jobs/esiti.ts).
 */
export const RICOSTITUITA_MESSAGE_CODE = 'RICOSTITUITA';

export const MessageChangeSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.literal('MESSAGE'),
  /** The declaration the message is about, when there is one (e.g. the outcome of a 9011 check). */
  declarationKey: z.string().nullable(),
  /** e.g. '9011' for the outcome of a matricola check, RICOSTITUITA_MESSAGE_CODE; null for a free message. */
  code: z.string().nullable(),
  text: z.string(),
  correctMatricola: z.string().nullable(),
});
/** "Circolari telematiche" (p. 70): a circolare of the CAF, sent to every desk. */
export const CircolareChangeSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.literal('CIRCOLARE'),
  circolareId: z.string().max(64),
  titolo: z.string().max(200),
  testo: z.string().max(20_000),
  /** ISO day. */
  data: z.string().max(10),
  scadenza: z.string().max(10).nullable(),
});
export const ChangeSchema = z.discriminatedUnion('kind', [StatusChangeSchema, MessageChangeSchema, CircolareChangeSchema]);
export type CircolareChange = z.infer<typeof CircolareChangeSchema>;
export type Change = z.infer<typeof ChangeSchema>;
export type StatusChange = z.infer<typeof StatusChangeSchema>;
export type MessageChange = z.infer<typeof MessageChangeSchema>;

export const ChangesQuerySchema = z
  .object({
    /** Last `seq` the desk applied (0 = from the start). Per desk, gap-free and increasing. */
    after: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(1000).default(500),
  })
  .strict();
export const ChangesResponseSchema = z.object({
  changes: z.array(ChangeSchema),
  /** Pass it as `after` next time (= the last seq returned, or `after` when nothing is new). */
  cursor: z.number().int(),
  hasMore: z.boolean(),
  /**
   * The server's identity (stored in its database, the same for every process on it): the cursor means something
   * only for this server, so a desk that sees another id starts the feed again from 0.
   */
  serverId: z.string().min(1).max(100),
});
export type ChangesResponse = z.infer<typeof ChangesResponseSchema>;

export const DeclarationParamsSchema = z.object({ key: DeclarationKeySchema }).strict();
export const WithdrawRequestSchema = z
  .object({
    /** MODIFICA: the desk edits it and sends a new version; ANNULLAMENTO: the desk then deletes it (p. 101). */
    reason: z.enum(['MODIFICA', 'ANNULLAMENTO']),
    /** The version the desk withdraws; refused with 409 if the server holds another one. */
    version: z.number().int().min(1).optional(),
  })
  .strict();
export const WithdrawResponseSchema = z.object({
  declarationKey: z.string(),
  version: z.number().int(),
  serverStatus: z.literal('RITIRATA'),
  /** False when it was already withdrawn (the call is idempotent). */
  changed: z.boolean(),
});

export const DeclarationStateSchema = z.object({
  declarationKey: z.string(),
  version: z.number().int(),
  progressivo: z.number().int(),
  tipo: TipoSchema,
  matricola: z.string(),
  codiceFiscale: z.string(),
  cognomeNome: z.string(),
  status: ServerStatusSchema,
  scarto: ScartoSchema.nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
});
export type DeclarationState = z.infer<typeof DeclarationStateSchema>;

/** "Storico trasmissioni" (p. 70, 99): date and time of each file and the declarations in it. */
export const TransmissionsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export const TransmissionsResponseSchema = z.object({
  total: z.number().int(),
  transmissions: z.array(
    z.object({
      transmissionId: z.string(),
      receivedAt: z.string(),
      items: z.array(
        z.object({
          declarationKey: z.string(),
          version: z.number().int(),
          codiceFiscale: z.string(),
          cognomeNome: z.string(),
          outcome: ItemOutcomeSchema,
        }),
      ),
    }),
  ),
});

/** The public liveness probe: nothing about the server's insides. */
export const HealthResponseSchema = z.object({ status: z.literal('ok') });
/** Detailed health (admin token): storage, schema, identity and the authentication counters of this process. */
export const HealthDetailsSchema = z.object({
  status: z.literal('ok'),
  dialect: z.enum(['sqlite', 'postgres']),
  schemaVersion: z.number().int(),
  time: z.string(),
  serverId: z.string(),
  /** Since this process started. */
  failedLogins: z.number().int(),
  rateLimited: z.number().int(),
  loginsBusy: z.number().int(),
});

// ----- admin (CAF staff) -------------------------------------------------------------------------------------

const DeskId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'identificativo dello sportello (a–z, 0–9, -; max 40)');
export const DeskParamsSchema = z.object({ deskId: DeskId }).strict();
export const CreateDeskRequestSchema = z.object({ deskId: DeskId, name: z.string().min(1).max(100) }).strict();
export const DeskDisableSchema = z.object({ disabled: z.boolean(), reason: z.string().min(1).max(500).optional() }).strict();
export const DeskDisableResponseSchema = z.object({ deskId: z.string(), disabled: z.boolean(), reason: z.string().nullable() });
export const DeskCredentialsSchema = z.object({
  deskId: z.string(),
  /** Shown once: only a scrypt hash is kept. */
  secret: z.string(),
  /** Ready-made header value: `Bearer <deskId>.<secret>`. */
  authorization: z.string(),
});

/** The anagrafe list the CAF loads (the SIATEL check of p. 110): a CF is valid, or "collegato" to a newer one. */
export const AnagrafeLoadSchema = z
  .object({
    replace: z.boolean(),
    entries: z
      .array(z.object({ codiceFiscale: CodiceFiscale, collegatoA: CodiceFiscale.nullable().optional() }).strict())
      .max(200_000),
  })
  .strict();
export const MatricoleLoadSchema = z
  .object({
    replace: z.boolean(),
    entries: z
      .array(
        z
          .object({ matricola: MatricolaSchema, code: z.enum(['9009', '9010', '9011']), matricolaCorretta: MatricolaSchema.nullable().optional() })
          .strict()
          .refine((e) => e.code !== '9010' || !!e.matricolaCorretta, { message: 'il codice 9010 richiede la matricola corretta', path: ['matricolaCorretta'] }),
      )
      .max(200_000),
  })
  .strict();
export const ListLoadResponseSchema = z.object({ loaded: z.number().int(), total: z.number().int() });

/** Outcome of the CAF's check of a 9011 matricola ("Attendere messaggio in Piattaforma", p. 45, 109). */
export const MatricolaVerificaSchema = z
  .object({ matricola: MatricolaSchema, esito: z.enum(['CORRETTA', 'ERRATA']), matricolaCorretta: MatricolaSchema.optional() })
  .strict()
  .refine((v) => v.esito === 'CORRETTA' || !!v.matricolaCorretta, { message: 'esito ERRATA richiede la matricola corretta', path: ['matricolaCorretta'] });
export const MatricolaVerificaResponseSchema = z.object({ messages: z.number().int() });

export const SendMessageSchema = z
  .object({ deskId: DeskId, text: z.string().min(1).max(2000), declarationKey: DeclarationKeySchema.optional() })
  .strict();
/** "Assistenza CGN" (p. 70): a question of the desk to the CAF, optionally about one of its declarations. */
export const AssistenzaRequestSchema = z
  .object({
    testo: z.string().trim().min(1, 'scrivere la domanda').max(4000, 'al massimo 4000 caratteri'),
    declarationKey: DeclarationKeySchema.optional(),
  })
  .strict();
export type AssistenzaRequest = z.infer<typeof AssistenzaRequestSchema>;
export const AssistenzaResponseSchema = z.object({ id: z.string(), createdAt: z.string() });
export const SendMessageResponseSchema = z.object({ seq: z.number().int() });
/**
 * A check of INPS on a declaration (Vigilanza, p. 112), reported by the CAF staff to the desk that sent it: the
 * desk receives a message with code `CONTROLLO_INPS:<esito>` (src-shared/vigilanza/controlli.ts).
 */
export const SendControlloSchema = z
  .object({ deskId: DeskId, declarationKey: DeclarationKeySchema, esito: EsitoControlloSchema, nota: z.string().max(1000).optional() })
  .strict();

export const CampaignSettingsSchema = z
  .object({ deadline: z.iso.datetime({ offset: true }).nullable() })
  .strict();

/**
 * "Sblocca dichiarazione errata" (p. 70, 97–98): the CAF issues the code its operator reads out to the desk, for one
 * declaration (what the desk operator reads out: codice fiscale, campagna, progressivo), one cross-check error, one desk
 * (src-shared/sblocco/codice.ts). 409 when the server has no unlock key for the desk yet.
 */
export const SbloccoRequestSchema = z
  .object({
    deskId: DeskId,
    codiceFiscale: CodiceFiscale,
    campagna: z.string().regex(/^RED\d{4}$/, 'campagna come RED2009'),
    progressivo: z.number().int().min(1).max(99_999_999),
    codiceErrore: z.enum(CODICI_SBLOCCABILI),
    /** Days of validity counting today (default GIORNI_VALIDITA). */
    giorni: z.number().int().min(1).max(GIORNI_VALIDITA_MAX).optional(),
  })
  .strict();
export const SbloccoResponseSchema = z.object({
  codice: z.string(),
  /** Last valid day, ISO. */
  scadenza: z.string(),
  deskId: z.string(),
  codiceFiscale: z.string(),
  campagna: z.string(),
  progressivo: z.number().int(),
  codiceErrore: z.string(),
});

export const ForwardResultSchema = z.object({
  /** Declarations moved to Trasm.INPS by this run (put in a new INPS batch). */
  forwarded: z.number().int(),
  batchId: z.string().nullable(),
  /** Batches delivered to INPS in this run (the new one and any left pending by a failure). */
  sent: z.number().int(),
  pendingBatches: z.number().int(),
  error: z.string().nullable(),
});
export type ForwardResult = z.infer<typeof ForwardResultSchema>;
export const EsitiResultSchema = z.object({
  ricevute: z.number().int(),
  scartate: z.number().int(),
  /** Batches still waiting for some esiti. */
  pendingBatches: z.number().int(),
  error: z.string().nullable(),
});
export type EsitiResult = z.infer<typeof EsitiResultSchema>;

// ----- the endpoint table ------------------------------------------------------------------------------------

export type AuthKind = 'none' | 'desk' | 'admin';
export interface EndpointDef {
  method: 'GET' | 'POST' | 'PUT';
  /** Fastify style (`:key`). */
  path: string;
  auth: AuthKind;
  summary: string;
  /** HTTP status of a success (default 200). */
  status?: number;
  /** Larger body limit (admin list loads). */
  bigBody?: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
}

const EMPTY = z.object({}).strict();

/**
 * "Copia archivi da inviare al CAF" loaded by CAF staff (issue 13 point 1): the file as written by the desk, in
 * base64 (the encrypted zip of src-shared/exchange). Its declarations go through the same idempotent ingest as a
 * transmission, each under the desk it comes from: nothing is stored twice, whichever way it arrives.
 */
export const ExchangeLoadSchema = z
  .object({
    fileName: z.string().min(1).max(255),
    data: z.string().min(1).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'file in base64'),
  })
  .strict();
const DeskTally = z.object({ deskId: z.string(), accepted: z.number().int(), duplicate: z.number().int(), refused: z.number().int() });
export const ExchangeLoadResponseSchema = z.object({
  fileId: z.string(),
  sportello: z.string(),
  dichiarazioni: z.number().int(),
  perSportello: z.array(DeskTally),
  /** The first refused items with their reason (at most 100). */
  rifiutate: z.array(z.object({ sportello: z.string(), progressivo: z.number().int(), message: z.string() })),
  /** Transmissions already loaded from this same file: answered as the first time (nothing stored again). */
  replayed: z.number().int(),
});
export type ExchangeLoadResponse = z.infer<typeof ExchangeLoadResponseSchema>;

export const SERVER_API = {
  health: { method: 'GET', path: '/health', auth: 'none', summary: 'Server attivo (sonda pubblica, senza dettagli)', response: HealthResponseSchema },
  'health.details': { method: 'GET', path: '/health/details', auth: 'admin', summary: 'Stato dettagliato del server', response: HealthDetailsSchema },
  'transmissions.send': {
    method: 'POST',
    path: '/v1/transmissions',
    auth: 'desk',
    summary: 'Trasmissione RED al CAF CGN ("Invio"): un file di dichiarazioni, idempotente',
    body: TransmitRequestSchema,
    response: TransmitResponseSchema,
  },
  'transmissions.list': {
    method: 'GET',
    path: '/v1/transmissions',
    auth: 'desk',
    summary: 'Storico trasmissioni dello sportello',
    query: TransmissionsQuerySchema,
    response: TransmissionsResponseSchema,
  },
  'changes.list': {
    method: 'GET',
    path: '/v1/changes',
    auth: 'desk',
    summary: 'Variazioni di status ed esiti, messaggi in piattaforma: feed con cursore',
    query: ChangesQuerySchema,
    response: ChangesResponseSchema,
  },
  'declarations.get': {
    method: 'GET',
    path: '/v1/declarations/:key',
    auth: 'desk',
    summary: 'Status sul server di una dichiarazione dello sportello',
    params: DeclarationParamsSchema,
    response: DeclarationStateSchema,
  },
  'declarations.withdraw': {
    method: 'POST',
    path: '/v1/declarations/:key/withdraw',
    auth: 'desk',
    summary: 'Ritiro di una dichiarazione Trasm.CGN ("Modifica" o annullamento); 409 se già inoltrata all\'INPS, 422 (SRV-07) dopo il termine della campagna',
    params: DeclarationParamsSchema,
    body: WithdrawRequestSchema,
    response: WithdrawResponseSchema,
  },
  'assistenza.send': {
    method: 'POST',
    path: '/v1/assistenza',
    auth: 'desk',
    summary: '"Assistenza CGN" (p. 70): una domanda dello sportello al CAF; la risposta arriva come messaggio in piattaforma',
    status: 201,
    body: AssistenzaRequestSchema,
    response: AssistenzaResponseSchema,
  },
  'admin.desks.create': {
    method: 'POST',
    path: '/v1/admin/desks',
    auth: 'admin',
    summary: 'Crea le credenziali di uno sportello',
    status: 201,
    body: CreateDeskRequestSchema,
    response: DeskCredentialsSchema,
  },
  'admin.desks.rotate': {
    method: 'POST',
    path: '/v1/admin/desks/:deskId/secret',
    auth: 'admin',
    summary: 'Nuovo segreto per uno sportello (il precedente non vale più)',
    params: DeskParamsSchema,
    body: EMPTY.optional(),
    response: DeskCredentialsSchema,
  },
  'admin.desks.disable': {
    method: 'PUT',
    path: '/v1/admin/desks/:deskId/disabled',
    auth: 'admin',
    summary: 'Disabilita (o riabilita) uno sportello: le sue richieste sono rifiutate',
    params: DeskParamsSchema,
    body: DeskDisableSchema,
    response: DeskDisableResponseSchema,
  },
  'admin.anagrafe.load': {
    method: 'PUT',
    path: '/v1/admin/anagrafe',
    auth: 'admin',
    summary: 'Carica l\'elenco dei codici fiscali (Anagrafe tributaria, controllo SIATEL)',
    bigBody: true,
    body: AnagrafeLoadSchema,
    response: ListLoadResponseSchema,
  },
  'admin.matricole.load': {
    method: 'PUT',
    path: '/v1/admin/matricole-errate',
    auth: 'admin',
    summary: 'Carica gli elenchi delle matricole errate (9009, 9010, 9011)',
    bigBody: true,
    body: MatricoleLoadSchema,
    response: ListLoadResponseSchema,
  },
  'admin.matricole.verifica': {
    method: 'POST',
    path: '/v1/admin/matricole-errate/verifica',
    auth: 'admin',
    summary: 'Esito della verifica di una matricola IPOST 9011: messaggio in piattaforma agli sportelli',
    body: MatricolaVerificaSchema,
    response: MatricolaVerificaResponseSchema,
  },
  'admin.messages.send': {
    method: 'POST',
    path: '/v1/admin/messages',
    auth: 'admin',
    summary: 'Messaggio in piattaforma a uno sportello',
    body: SendMessageSchema,
    response: SendMessageResponseSchema,
  },
  'admin.controlli.send': {
    method: 'POST',
    path: '/v1/admin/controlli',
    auth: 'admin',
    summary: "Esito di un controllo INPS (Vigilanza) su una dichiarazione ricevuta: messaggio in piattaforma allo sportello",
    body: SendControlloSchema,
    response: SendMessageResponseSchema,
  },
  'admin.campaign.set': {
    method: 'PUT',
    path: '/v1/admin/campaign',
    auth: 'admin',
    summary: 'Termine della campagna per le trasmissioni (null: nessun termine)',
    body: CampaignSettingsSchema,
    response: CampaignSettingsSchema,
  },
  'admin.jobs.forward': {
    method: 'POST',
    path: '/v1/admin/jobs/forward',
    auth: 'admin',
    summary: 'Trasmissione all\'INPS adesso (Trasm.CGN → Trasm.INPS)',
    body: EMPTY.optional(),
    response: ForwardResultSchema,
  },
  'admin.jobs.esiti': {
    method: 'POST',
    path: '/v1/admin/jobs/esiti',
    auth: 'admin',
    summary: 'Acquisizione degli esiti INPS adesso (Ricevuta / Scartata)',
    body: EMPTY.optional(),
    response: EsitiResultSchema,
  },
  'admin.exchange.load': {
    method: 'POST',
    path: '/v1/admin/copie-caf',
    auth: 'admin',
    summary: 'Carica una "Copia archivi da inviare al CAF" (file di scambio cifrato): ogni dichiarazione come in una trasmissione',
    bigBody: true,
    body: ExchangeLoadSchema,
    response: ExchangeLoadResponseSchema,
  },
  'admin.sblocchi.create': {
    method: 'POST',
    path: '/v1/admin/sblocchi',
    auth: 'admin',
    summary: 'Codice di sblocco di un errore «Valore diverso da reddito 730» di una dichiarazione di uno sportello (Sblocca dichiarazione errata); 409 se lo sportello non si è ancora collegato',
    status: 201,
    body: SbloccoRequestSchema,
    response: SbloccoResponseSchema,
  },
} as const satisfies Record<string, EndpointDef>;

export type ServerEndpoint = keyof typeof SERVER_API;
type Def<K extends ServerEndpoint> = (typeof SERVER_API)[K];
type Field<K extends ServerEndpoint, F extends string> = Def<K> extends { [P in F]: infer S extends z.ZodType } ? z.infer<S> : undefined;
/** Parsed inputs and the output of an endpoint, from its schemas. */
export interface EndpointIO<K extends ServerEndpoint> {
  params: Field<K, 'params'>;
  query: Field<K, 'query'>;
  body: Field<K, 'body'>;
  response: z.infer<Def<K>['response']>;
}
