import { z } from 'zod';
import { DeclarationKeySchema, ServerStatusSchema } from '../server-api/contract';

/**
 * The console for CAF staff (issue 14 points 9–10): the JSON API its page (src-console) calls on the central server
 * (src-server/console). Same-origin, behind a session cookie (HttpOnly, SameSite=Strict) obtained with the admin
 * token; every body and query is parsed with these schemas on the server, every answer on the page.
 */
export const CONSOLE_BASE = '/console';
export const CONSOLE_API = '/console/api';
/** Sent by the page on every write: a cross-site form cannot set it (no CORS), a second guard beside SameSite. */
export const CONSOLE_CSRF_HEADER = 'x-red-console';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'data nel formato AAAA-MM-GG');

export const LoginSchema = z.object({ token: z.string().min(1, 'inserire il token').max(500) }).strict();
export const SessionSchema = z.object({ ok: z.literal(true), expiresAt: z.string() });

export const StatusCountSchema = z.object({ status: ServerStatusSchema, n: z.number().int() });
export const OverviewSchema = z.object({
  total: z.number().int(),
  /** Declarations by status on the server; BLOCCATA counts the blocked Trasm.CGN (not also counted as Trasm.CGN). */
  byStatus: z.array(StatusCountSchema),
  /** The desks with most declarations (at most 20), by status. */
  byDesk: z.array(z.object({ deskId: z.string(), name: z.string(), total: z.number().int(), byStatus: z.array(StatusCountSchema) })),
  desks: z.number().int(),
  /** Trasm.CGN waiting for the forwarding to INPS, and since when the oldest waits. */
  outbox: z.object({ waiting: z.number().int(), oldestAt: z.string().nullable(), lagSeconds: z.number().int().nullable() }),
  /** Sent to INPS, esito not yet received. */
  esiti: z.object({ pendingDeclarations: z.number().int(), openBatches: z.number().int(), unsentBatches: z.number().int() }),
  deadline: z.string().nullable(),
  now: z.string(),
  /** When the counts were read (they may be up to a few seconds old). */
  countedAt: z.string(),
});
export type Overview = z.infer<typeof OverviewSchema>;

export const ConsoleDeskSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  declarations: z.number().int(),
  /** Set while the CAF keeps the desk disabled (its requests are refused with the reason). */
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
});
export const ConsoleDesksSchema = z.object({ rows: z.array(ConsoleDeskSchema) });
export type ConsoleDesk = z.infer<typeof ConsoleDeskSchema>;

export const CfQuerySchema = z
  .object({ cf: z.string().trim().toUpperCase().pipe(z.string().regex(/^[A-Z0-9]{11,16}$/, 'codice fiscale: 16 caratteri (o 11 cifre)')) })
  .strict();
export const ConsoleDeclarationSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  declarationKey: z.string(),
  progressivo: z.number().int(),
  tipo: z.enum(['N', 'R']),
  matricola: z.string(),
  codiceFiscale: z.string(),
  cognomeNome: z.string(),
  status: ServerStatusSchema,
  blockedReason: z.string().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
});
export type ConsoleDeclaration = z.infer<typeof ConsoleDeclarationSchema>;
export const ConsoleDeclarationsSchema = z.object({ rows: z.array(ConsoleDeclarationSchema) });

export const IdParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();
export const BlockSchema = z.object({ reason: z.string().trim().min(3, 'indicare il motivo (almeno 3 caratteri)').max(1000) }).strict();

export const NewCircolareSchema = z
  .object({
    titolo: z.string().trim().min(1, 'indicare il titolo').max(200),
    testo: z.string().trim().min(1, 'indicare il testo').max(20_000),
    data: IsoDay,
    scadenza: IsoDay.nullable().optional(),
  })
  .strict();
export const ConsoleCircolareSchema = z.object({
  id: z.string(),
  titolo: z.string(),
  testo: z.string(),
  data: z.string(),
  scadenza: z.string().nullable(),
  createdAt: z.string(),
  /** Desks whose feed received it. */
  desks: z.number().int().optional(),
});
export const ConsoleCircolariSchema = z.object({ rows: z.array(ConsoleCircolareSchema) });

export const ConsoleAssistenzaSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  testo: z.string(),
  declarationKey: DeclarationKeySchema.nullable(),
  createdAt: z.string(),
  risposta: z.string().nullable(),
  answeredAt: z.string().nullable(),
});
export type ConsoleAssistenza = z.infer<typeof ConsoleAssistenzaSchema>;
export const ConsoleAssistenzeSchema = z.object({ rows: z.array(ConsoleAssistenzaSchema) });
export const AnswerSchema = z.object({ risposta: z.string().trim().min(1, 'scrivere la risposta').max(4000) }).strict();

/** The code of the message that carries an answer of "Assistenza CGN" to the desk. */
export const ASSISTENZA_MESSAGE_CODE = 'ASSISTENZA';
