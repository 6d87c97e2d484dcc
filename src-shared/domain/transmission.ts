import { z } from 'zod';
import { StatusSchema } from './declaration';

/**
 * Desk side of the transmission to the central CAF (issue 4): the outbox ("Attesa"), the periodic sync,
 * "Storico trasmissioni", "Segnalazioni", messages and the connection state shown in the monitor.
 */

/** What the desk knows of its link to the CAF server. */
export const ConnectionSchema = z.enum([
  /** No server address or no desk credentials in the settings. */
  'NON_CONFIGURATO',
  /** The last exchange with the server succeeded. */
  'CONNESSO',
  /** Network error, timeout or 5xx: the outbox waits and is retried with backoff. */
  'NON_RAGGIUNGIBILE',
  /** 401: the desk id or secret is wrong (no automatic retry until the settings change). */
  'CREDENZIALI_ERRATE',
  /** Nothing tried yet since the start. */
  'SCONOSCIUTO',
  /** 403 SRV-14: the CAF disabled this desk (no automatic retry until the settings change or the next interval). */
  'DISABILITATO',
]);
export type Connection = z.infer<typeof ConnectionSchema>;

export const CONNECTION_LABELS: Readonly<Record<Connection, string>> = {
  NON_CONFIGURATO: 'Collegamento al CAF non configurato',
  CONNESSO: 'Collegato al CAF',
  NON_RAGGIUNGIBILE: 'CAF non raggiungibile',
  CREDENZIALI_ERRATE: 'Credenziali dello sportello non accettate',
  SCONOSCIUTO: 'Collegamento non ancora verificato',
  DISABILITATO: 'Sportello disabilitato dal CAF',
};

/** 127.0.0.0/8, ::1, localhost: the only hosts a desk reaches over cleartext http://. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

export const CLEARTEXT_REFUSED =
  'Indirizzo http:// ammesso solo per un server su questo computer (127.0.0.1, localhost): per il server del CAF usare https://';

/** Null when the address may be used; else the Italian reason (an http: address off loopback). */
export function insecureServerUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && !isLoopbackHostname(u.hostname) ? CLEARTEXT_REFUSED : null;
  } catch {
    return null;
  }
}

const PEM_CERT = /^-----BEGIN CERTIFICATE-----\r?\n[A-Za-z0-9+/=\r\n]+-----END CERTIFICATE-----\s*$/;

export const SyncStateSchema = z.object({
  connection: ConnectionSchema,
  serverUrl: z.string().nullable(),
  /** A sync is running now. */
  running: z.boolean(),
  /** End of the last complete sync (outbox pushed and changes pulled). */
  lastSyncAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** Italian description of the last failure (null after a success). */
  lastError: z.string().nullable(),
  /** When the next automatic attempt is due (periodic sync or backoff). */
  nextAttemptAt: z.string().nullable(),
  intervalSeconds: z.number().int(),
  /** Outbox: files and declarations waiting ("Attesa"). */
  outboxFiles: z.number().int(),
  outboxDeclarations: z.number().int(),
  /** Files still waiting after many failed attempts ("fermi"): the guide says to call CGN assistance and use "Reinvio". */
  stoppedFiles: z.number().int(),
  unreadMessages: z.number().int(),
  /** "Circolari telematiche" not yet opened (p. 70). */
  unreadCircolari: z.number().int(),
});
export type SyncState = z.infer<typeof SyncStateSchema>;

/** "Impostazioni collegamento CAF". The secret is write-only: reading returns whether one is stored. */
export const SyncSettingsSchema = z
  .object({
    /** http(s)://host:port of the central CAF server; '' = not configured. */
    serverUrl: z.union([
      z.literal(''),
      z
        .url({ protocol: /^https?$/, error: 'Indirizzo del server non valido (http:// o https://)' })
        .refine((u) => insecureServerUrl(u) === null, { error: CLEARTEXT_REFUSED }),
    ]),
    deskId: z.union([z.literal(''), z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Identificativo dello sportello: lettere minuscole, cifre e trattini')]),
    /** Only when changing it; absent = keep the stored one. */
    secret: z.string().min(8, 'Il segreto dello sportello ha almeno 8 caratteri').max(200).optional(),
    intervalSeconds: z.number().int().min(10, 'Intervallo minimo 10 secondi').max(86_400),
    /** "termine per effettuare l'invio" of the CAF circular (ISO date-time); null = the campaign's. */
    deadline: z.iso.datetime({ offset: true, error: 'Termine non valido (data e ora)' }).nullable(),
    /**
     * The CAF's certificate authority (PEM, one or more certificates): when set, the desk trusts only it for the
     * server's HTTPS (pinning); absent or '' = the system's authorities.
     */
    caPem: z
      .string()
      .max(64 * 1024, 'Certificato troppo lungo')
      .refine((v) => v.trim() === '' || v.trim().split(/(?<=-----END CERTIFICATE-----)\s*/).filter(Boolean).every((c) => PEM_CERT.test(c.trim())), {
        error: 'Certificato non valido: incollare il testo PEM (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)',
      })
      .optional(),
  })
  .strict();
export type SyncSettings = z.infer<typeof SyncSettingsSchema>;

export const SyncSettingsViewSchema = z.object({
  serverUrl: z.string(),
  deskId: z.string(),
  hasSecret: z.boolean(),
  /** The pinned CA certificate(s), '' = none. */
  caPem: z.string(),
  intervalSeconds: z.number().int(),
  deadline: z.string().nullable(),
  /** The deadline in force (setting, else campaign data), null = none. */
  effectiveDeadline: z.string().nullable(),
  /** Values fixed by environment variables (RED_DESK_SERVER_URL, RED_DESK_SERVER_CREDENTIALS): shown read-only. */
  fromEnvironment: z.array(z.enum(['serverUrl', 'credentials'])),
});
export type SyncSettingsView = z.infer<typeof SyncSettingsViewSchema>;

export const OutboxStateSchema = z.enum(['IN_ATTESA', 'CONSEGNATA', 'RIFIUTATA']);
export const OUTBOX_STATE_LABELS: Readonly<Record<z.infer<typeof OutboxStateSchema>, string>> = {
  IN_ATTESA: 'In attesa di conferma',
  CONSEGNATA: 'Ricevuta dal CAF',
  RIFIUTATA: 'Rifiutata dal CAF',
};

export const ItemOutcomeLabelSchema = z.enum(['IN_ATTESA', 'ACCETTATA', 'GIA_RICEVUTA', 'RIFIUTATA']);
/** Outcome of one declaration inside a transmitted file ("Storico trasmissioni"). */
export const ITEM_OUTCOME_LABELS: Readonly<Record<z.infer<typeof ItemOutcomeLabelSchema>, string>> = {
  IN_ATTESA: 'In attesa di conferma',
  ACCETTATA: 'Ricevuta dal CAF',
  GIA_RICEVUTA: 'Già ricevuta dal CAF',
  RIFIUTATA: 'Rifiutata dal CAF',
};

/** "Storico trasmissioni" (p. 70, 99): one row per file ("Invio"), with its declarations. */
export const StoricoFileSchema = z.object({
  transmissionId: z.string(),
  createdAt: z.string(),
  /** When the server confirmed receipt (null: still waiting). */
  deliveredAt: z.string().nullable(),
  state: OutboxStateSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  operator: z.string(),
  items: z.array(
    z.object({
      id: z.number().int(),
      progressivo: z.number().int(),
      codiceFiscale: z.string(),
      cognomeNome: z.string(),
      version: z.number().int(),
      outcome: ItemOutcomeLabelSchema,
      message: z.string().nullable(),
    }),
  ),
});
export type StoricoFile = z.infer<typeof StoricoFileSchema>;

/** "Segnalazioni" (p. 70): declarations the CAF server did not accept, with the reason. */
export const SegnalazioneSchema = z.object({
  id: z.number().int(),
  progressivo: z.number().int(),
  codiceFiscale: z.string(),
  cognomeNome: z.string(),
  status: StatusSchema,
  code: z.string().nullable(),
  message: z.string(),
  at: z.string(),
  /** Suggested codice fiscale (Scart. CAF "collegato") or correct matricola (9010 / 9011), when given. */
  suggestion: z.string().nullable(),
});
export type Segnalazione = z.infer<typeof SegnalazioneSchema>;

/**
 * A change of the CAF's feed the desk could not apply yet (parked): an esito or message for a declaration this
 * archive does not hold (e.g. a backup restored from before its Invio). Applied as soon as the declaration is
 * there; shown in Segnalazioni meanwhile, so that one that never arrives is not silently waiting forever.
 */
export const ParkedChangeSchema = z.object({
  seq: z.number().int(),
  /** When the desk first received it. */
  parkedAt: z.string(),
  /** The declaration's key on the server, if the change names one. */
  declarationKey: z.string().nullable(),
  /** What the change says, in Italian. */
  description: z.string(),
  /** Why it is waiting. */
  reason: z.string(),
});
export type ParkedChange = z.infer<typeof ParkedChangeSchema>;

/** "Messaggi in piattaforma" from the CAF. */
export const DeskMessageSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  code: z.string().nullable(),
  text: z.string(),
  declarationId: z.number().int().nullable(),
  progressivo: z.number().int().nullable(),
  correctMatricola: z.string().nullable(),
  read: z.boolean(),
});
export type DeskMessage = z.infer<typeof DeskMessageSchema>;

/** A declaration waiting in the outbox ("Attesa"): what "Reinvio dichiarazioni" shows. */
export const AttesaRowSchema = z.object({
  id: z.number().int(),
  progressivo: z.number().int(),
  codiceFiscale: z.string(),
  cognomeNome: z.string(),
  transmissionId: z.string(),
  createdAt: z.string(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  state: OutboxStateSchema,
});
export type AttesaRow = z.infer<typeof AttesaRowSchema>;
