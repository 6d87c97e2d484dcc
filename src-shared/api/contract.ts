import { SbloccaInputSchema, SbloccaOutputSchema, SbloccoInfoSchema } from '../sblocco/api';
import { z } from 'zod';
import { ExchangeCopyInputSchema, ExchangeCopyOutputSchema, ExchangeUploadInputSchema, RestoreApplyInputSchema, RestorePlanSchema, RestoreResultSchema } from '../exchange/api';
import { PassphraseSchema } from '../exchange/format';
import {
  DeclarationDetailSchema,
  HistoryRowSchema,
  MonitorRowSchema,
  StatusSchema,
  TabSchema,
} from '../domain/declaration';
import type { AppErrorData } from '../errors';
import { ControlloRowSchema } from '../vigilanza/controlli';
import { DeclarationEditSchema, RedDocumentSchema } from '../domain/red-document';
import { CaptureSettingsSchema, HidDeviceInfoSchema, ReaderStateSchema, ScanEventSchema } from '../domain/capture';
import {
  AttesaRowSchema,
  DeskMessageSchema,
  ParkedChangeSchema,
  SegnalazioneSchema,
  StoricoFileSchema,
  SyncSettingsSchema,
  SyncSettingsViewSchema,
  SyncStateSchema,
} from '../domain/transmission';
import {
  DuplicatoInputSchema,
  ExportInputSchema,
  FileNameSchema,
  JobIdSchema,
  PrintedFileSchema,
  PrintListRowSchema,
  PrintModelsInputSchema,
  PrintModelsOutputSchema,
  PrintProgressSchema,
  VarieInputSchema,
} from '../print/api';
import {
  For730InputSchema,
  For730OutputSchema,
  List730InputSchema,
  List730OutputSchema,
  Upload730InputSchema,
  Upload730OutputSchema,
} from '../import730/api';
import { BackupInfoSchema, BackupListSchema, BackupSettingsSchema } from '../domain/backup';
import * as dna from '../modules/inail-dna/api';
import * as ca from '../modules/flussi-ca/api';
import { DM20_API } from '../modules/dm20/api';
import { CircolareRowSchema } from '../domain/circolari';

/**
 * The typed API between the renderer and the core: method name → zod input/output. The Electron preload
 * and the browser host are two transports of this one contract; the services implement it. Types come
 * from the schemas (`z.infer`), never written twice.
 */
const Id = z.number().int().positive();
/** Search text: partial codice fiscale or cognome e nome, as the operator types it. */
const SearchText = z.string().max(100);

export const API = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      campaign: z.string(),
      dataDir: z.string(),
      archiveFile: z.string(),
      operator: z.string(),
      schemaVersion: z.number().int(),
      /** Whether the host can show the system's folder chooser (the desktop application; not the browser host). */
      scegliCartella: z.boolean(),
    }),
  },
  'monitor.list': {
    input: z
      .object({
        tab: TabSchema,
        codiceFiscale: SearchText.optional(),
        cognomeNome: SearchText.optional(),
        gruppo: SearchText.optional(),
        segnalibro: SearchText.optional(),
        showRettificate: z.boolean().optional(),
        offset: z.number().int().min(0),
        limit: z.number().int().min(1).max(500),
      })
      .strict(),
    output: z.object({
      total: z.number().int(),
      offset: z.number().int(),
      rows: z.array(MonitorRowSchema),
      /** How many declarations match the search in each tab. */
      counts: z.object({ DA_SPEDIRE: z.number(), SPEDITE: z.number(), RICEVUTE: z.number(), SCARTATE: z.number() }),
      /** Every "Completa" of the archive (what "Seleziona tutte le complete" sends); null while searching. */
      completeCount: z.number().int().nullable(),
    }),
  },
  'monitor.locate': {
    input: z.object({ id: Id, showRettificate: z.boolean().optional() }).strict(),
    output: z.object({ tab: TabSchema, index: z.number().int() }),
  },
  'declarations.detail': {
    input: z.object({ id: Id }).strict(),
    output: DeclarationDetailSchema,
  },
  'declarations.findByCodiceFiscale': {
    input: z.object({ codiceFiscale: z.string().min(1).max(16) }).strict(),
    output: z.object({ rows: z.array(MonitorRowSchema), total: z.number().int() }),
  },
  'declarations.create': {
    input: z
      .object({
        matricola: z.string().max(200),
        /** The existing declarations for the same codice fiscale that the operator was shown and set aside
         * ("Annulla": a different matricola is being entered). Without it, an existing CF refuses creation. */
        acknowledgedExisting: z.array(Id).max(1000).optional(),
        /** "Data di consegna" (p. 75, 106): the day the request letter was taken in; null = not confirmed. */
        dataConsegna: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'data nel formato AAAA-MM-GG').nullable().optional(),
      })
      .strict(),
    output: z.object({ id: Id, progressivo: z.number().int(), status: StatusSchema, tab: TabSchema }),
  },
  'declarations.delete': {
    input: z.object({ id: Id, reason: z.string().max(500).optional() }).strict(),
    output: z.object({ id: Id }),
  },
  'declarations.get': {
    input: z.object({ id: Id }).strict(),
    output: DeclarationEditSchema,
  },
  /** One edit of the editor: the whole document, saved in one transaction with the status it implies. */
  'declarations.save': {
    input: z
      .object({
        id: Id,
        version: z.number().int().min(1),
        document: RedDocumentSchema,
        /** Fields (paths) whose typed text was refused: their value is absent from the document, so a
         * Completa declaration goes back to Incompleta (issue 18: a refused amount is never sent as 0). */
        invalidInputs: z.array(z.string().min(1).max(200)).max(200).optional(),
      })
      .strict(),
    output: z.object({ id: Id, version: z.number().int(), status: StatusSchema, updatedAt: z.string() }),
  },
  /** "Data di consegna" changed in the editor (p. 75, 106): a desk-only datum, never transmitted. */
  'declarations.setConsegna': {
    input: z
      .object({ id: Id, dataConsegna: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'data nel formato AAAA-MM-GG').nullable() })
      .strict(),
    output: z.object({ id: Id, dataConsegna: z.string().nullable() }),
  },
  /** "Rendi completa" (p. 87): refused while blocking errors remain. */
  'declarations.complete': {
    input: z.object({ id: Id, version: z.number().int().min(1) }).strict(),
    output: z.object({ id: Id, version: z.number().int(), status: StatusSchema, updatedAt: z.string() }),
  },
  /** Utilità → "Controllo Dichiarazioni RED" (p. 69): the whole "Da spedire" tab, or a selection. */
  'utility.check': {
    input: z.object({ ids: z.array(Id).max(200_000).optional() }).strict(),
    output: z.object({
      total: z.number().int(),
      checked: z.number().int(),
      changed: z.number().int(),
      withErrorsTotal: z.number().int(),
      /** The first 5,000 declarations with errors or warnings, in progressivo order. */
      withErrors: z.array(
        z.object({
          id: Id,
          progressivo: z.number().int(),
          codiceFiscale: z.string(),
          cognomeNome: z.string(),
          status: StatusSchema,
          blocking: z.number().int(),
          warnings: z.number().int(),
          firstMessage: z.string().nullable(),
        }),
      ),
    }),
  },
  /** Barcode readers: settings (persisted in the archive), HID devices, reader state. */
  'capture.settings': {
    input: z.object({}).strict(),
    output: CaptureSettingsSchema,
  },
  'capture.saveSettings': {
    input: CaptureSettingsSchema,
    output: CaptureSettingsSchema,
  },
  'capture.devices': {
    input: z.object({}).strict(),
    output: z.object({ devices: z.array(HidDeviceInfoSchema), error: z.string().nullable() }),
  },
  'capture.state': {
    input: z.object({}).strict(),
    output: ReaderStateSchema,
  },
  'declarations.history': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ rows: z.array(HistoryRowSchema) }),
  },
  /**
   * "Invio" (p. 99): the ticked "Completa" declarations of "Da spedire" (or all of them) go into the outbox
   * with status "Attesa", in files of at most 500; the sync sends them at once when the CAF is reachable.
   */
  'transmission.send': {
    input: z
      .object({ ids: z.array(Id).max(200_000).optional(), allComplete: z.boolean().optional() })
      .strict()
      .refine((v) => (v.ids !== undefined) !== (v.allComplete === true), { message: 'Indicare le dichiarazioni da inviare oppure «tutte le complete».' }),
    output: z.object({
      queued: z.number().int(),
      files: z.number().int(),
      /** Declarations not sent, with the reason (not Completa, blocking errors, …). */
      refused: z.array(z.object({ id: Id, progressivo: z.number().int(), message: z.string() })),
    }),
  },
  /**
   * "Modifica" of a "Trasm.CGN" (p. 102): the server withdraws it (only while it has not gone to INPS), then it
   * is back in "Da spedire". Needs the connection. Annullamento is the same Modifica followed by "Cancella"
   * (p. 101, T24).
   */
  'transmission.withdraw': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ id: Id, status: StatusSchema }),
  },
  /**
   * "Correggi" (pp. 103–104, 110–111): on a Ricevuta creates the rettificativa R (new progressivo; the original
   * becomes Rettificata); on a Scartata (codes of the campaign) or Scart. CAF brings it back to "Da spedire"
   * (Scart. CAF: with the suggested codice fiscale). Returns the declaration to open in the editor.
   */
  'transmission.correggi': {
    input: z.object({ id: Id, applySuggestedCf: z.boolean().optional() }).strict(),
    output: z.object({ id: Id, progressivo: z.number().int(), status: StatusSchema, rettificativa: z.boolean(), message: z.string() }),
  },
  /** Utilità → "Reinvio dichiarazioni" (p. 70): the declarations in "Attesa" and their files. */
  'transmission.attesa': {
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(AttesaRowSchema) }),
  },
  /** Resend now the files in the outbox (also those stopped by a refusal of the whole file). */
  'transmission.resend': {
    input: z.object({ transmissionIds: z.array(z.string().max(64)).max(10_000).optional() }).strict(),
    output: z.object({ files: z.number().int(), declarations: z.number().int() }),
  },
  /** Utilità → "Storico trasmissioni" (p. 70, 99), newest first. */
  'transmission.storico': {
    input: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(200) }).strict(),
    output: z.object({ total: z.number().int(), files: z.array(StoricoFileSchema) }),
  },
  /** "Segnalazioni" (p. 70): declarations not accepted by the CAF server and why. */
  'transmission.segnalazioni': {
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(SegnalazioneSchema) }),
  },
  /** Esiti and messages of the CAF waiting for a declaration this archive does not hold (shown in Segnalazioni). */
  'transmission.parked': {
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(ParkedChangeSchema) }),
  },
  /** 9011 checked by the CAF and found correct (p. 45, 109): the Scartata is made complete again (Utilità). */
  'transmission.riattiva9011': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ id: Id, status: StatusSchema }),
  },
  'messages.list': {
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(DeskMessageSchema) }),
  },
  /** "Vigilanza" (p. 72): the declarations of this desk involved in an INPS check, latest esito each. */
  'vigilanza.controlli': {
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(ControlloRowSchema) }),
  },
  /** "Circolari telematiche" (side link, p. 70): the circolari of the CAF, newest first. */
  'circolari.list': {
    input: z.object({}).strict(),
    output: z.object({ rows: z.array(CircolareRowSchema) }),
  },
  'circolari.markRead': {
    input: z.object({ ids: z.array(Id).max(10_000) }).strict(),
    output: z.object({ updated: z.number().int() }),
  },
  /** "Assistenza CGN" (side link, p. 70): a question to the CAF, sent at once (needs the connection); the answer arrives in Messaggi. */
  'assistenza.send': {
    input: z.object({ testo: z.string().max(4000), declarationId: Id.optional() }).strict(),
    output: z.object({ sentAt: z.string() }),
  },
  'messages.markRead': {
    input: z.object({ ids: z.array(Id).max(10_000) }).strict(),
    output: z.object({ updated: z.number().int() }),
  },
  'sync.state': {
    input: z.object({}).strict(),
    output: SyncStateSchema,
  },
  /** Sync now: push the outbox and pull esiti, rejections and messages. Resolves when it is done. */
  'sync.now': {
    input: z.object({}).strict(),
    output: SyncStateSchema,
  },
  'sync.settings': {
    input: z.object({}).strict(),
    output: SyncSettingsViewSchema,
  },
  'sync.saveSettings': {
    input: SyncSettingsSchema,
    output: SyncSettingsViewSchema,
  },
  /** "Esci" (p. 103): refused while a rettificativa R is not complete and sent. */
  'app.exitCheck': {
    input: z.object({}).strict(),
    output: z.object({
      canExit: z.boolean(),
      message: z.string().nullable(),
      pending: z.array(z.object({ id: Id, progressivo: z.number().int(), status: StatusSchema })),
    }),
  },
  // ----- prints (issue 10; schemas in print/api.ts) -----
  /** "Stampa modelli" → "CREA LISTA" (p. 105): the declarations of the tab, those sent to the CAF printable. */
  'prints.list': {
    input: z.object({ tab: z.enum(['SPEDITE', 'RICEVUTE']) }).strict(),
    output: z.object({ rows: z.array(PrintListRowSchema), notSent: z.number().int() }),
  },
  /** "ELABORA" → "STAMPA" (p. 105): one PDF; refused (OPR-08) for a declaration not sent to the CAF. */
  'prints.models': { input: PrintModelsInputSchema, output: PrintModelsOutputSchema },
  /** Stops a running print or export between two batches; nothing is left in stampe/. */
  'prints.cancel': { input: z.object({ jobId: JobIdSchema }).strict(), output: z.object({ cancelled: z.boolean() }) },
  /** "Stampe varie" 01–04 (p. 107) as .xlsx or .csv, with "Ordina e filtri". */
  'prints.export': { input: ExportInputSchema, output: z.object({ file: PrintedFileSchema.nullable(), cancelled: z.boolean() }) },
  /** "Stampe varie" 05–09 (p. 107). */
  'prints.varie': {
    input: VarieInputSchema,
    output: z.object({
      file: PrintedFileSchema.nullable(),
      count: z.number().int(),
      failed: z.array(z.object({ id: Id, progressivo: z.number().int(), message: z.string() })),
      cancelled: z.boolean(),
    }),
  },
  /** Utilità → "Richiesta duplicato Stringa CAF" (p. 66): INPS matricole only (OPR-10 / MAT-17). */
  'prints.duplicato': { input: DuplicatoInputSchema, output: z.object({ file: PrintedFileSchema }) },
  /** Utilità → "Elenco documenti necessari" (p. 73): generic, or for a declaration. */
  'prints.elencoDocumenti': { input: z.object({ id: Id.nullable() }).strict(), output: z.object({ file: PrintedFileSchema }) },
  /** Electron: opens a file of stampe/ in the system viewer (the browser host downloads it instead). */
  'prints.open': { input: z.object({ name: FileNameSchema }).strict(), output: z.object({ opened: z.boolean() }) },
  /** "Apri cartella stampe": opens it in Electron; always tells where it is. */
  'prints.folder': { input: z.object({}).strict(), output: z.object({ path: z.string(), opened: z.boolean() }) },
  // ----- 730s of the CAF (issue 12; schemas in import730/api.ts) -----
  /** Utilità → "Importa file 730": a file in pieces; the last piece reads it (all or nothing) into the archive. */
  'files730.upload': { input: Upload730InputSchema, output: Upload730OutputSchema },
  /** The 730s held, searchable by codice fiscale. */
  'files730.list': { input: List730InputSchema, output: List730OutputSchema },
  /** The current 730s of the subjects of a declaration ("Importazione 730", cross-check). */
  'files730.forSubjects': { input: For730InputSchema, output: For730OutputSchema },
  // ----- Servizi: copie di sicurezza (issue 13 point 2; schemas in domain/backup.ts) -----
  /** What the window must say about the archive now (damaged at open, restored …); null = nothing. */
  'archive.health': { input: z.object({}).strict(), output: z.object({ health: z.lazy(() => ArchiveHealthSchema).nullable() }) },
  /** The backups of the backup folder, newest first, with the settings and the last backup of this run. */
  'backup.list': { input: z.object({}).strict(), output: BackupListSchema },
  /** Servizi → "Esegui backup ora". */
  'backup.now': { input: z.object({}).strict(), output: BackupInfoSchema },
  /** Servizi → "Ripristina da backup": checked first; the current archive is kept aside (its name is returned). */
  'backup.restore': {
    input: z.object({ name: z.string().min(1).max(200) }).strict(),
    output: z.object({ restored: BackupInfoSchema, aside: z.string() }),
  },
  'backup.saveSettings': { input: BackupSettingsSchema, output: BackupSettingsSchema },
  // ----- Servizi: scambio archivi (issue 13 point 1; schemas in exchange/api.ts) -----
  /** "Copia per il Centro di Elaborazione" (CENTRO) and "Copia archivi da inviare al CAF" (CAF): one encrypted file. */
  'exchange.copy': { input: ExchangeCopyInputSchema, output: ExchangeCopyOutputSchema },
  /** The system's folder chooser for the copy's destination (desktop only: `app.info` says whether there is one). */
  'exchange.chooseFolder': { input: z.object({}).strict(), output: z.object({ folder: z.string().nullable() }) },
  /** "Ripristino da Centro di Raccolta": the file in pieces (base64); nothing is read until `exchange.plan`. */
  'exchange.upload': { input: ExchangeUploadInputSchema, output: z.object({ uploadId: z.string(), received: z.number().int() }) },
  /** Opens the uploaded file with the passphrase and says what restoring it would do (conflicts listed). */
  'exchange.plan': { input: z.object({ uploadId: z.string().max(64), passphrase: PassphraseSchema }).strict(), output: RestorePlanSchema },
  /** Restores the planned file with the operator's choices, in one transaction. */
  'exchange.restore': { input: RestoreApplyInputSchema, output: RestoreResultSchema },
  // ----- Archivio cifrato (issue 13 point 3) -----
  /** Before the monitor: the archive is open, or a passphrase must be chosen (first start) or given. */
  'archive.lockState': {
    input: z.object({}).strict(),
    output: z.object({ stato: z.enum(['aperto', 'scegliere', 'inserire']), minimo: z.number().int(), archivioInChiaro: z.boolean() }),
  },
  /** The locked screen: the passphrase (and, when it is chosen, its repetition); ARC-10 when wrong. */
  'archive.unlock': {
    input: z.object({ passphrase: z.string().min(1).max(1024), conferma: z.string().max(1024).optional() }).strict(),
    output: z.object({ stato: z.literal('aperto') }),
  },
  // ----- Utilità → "Sblocca dichiarazione errata" (issue 12 point 4; schemas in sblocco/api.ts) -----
  /** What the CAF operator needs to know of an Errata declaration, and its cross-check errors that can be lifted. */
  'sblocco.info': { input: z.object({ id: Id }).strict(), output: SbloccoInfoSchema },
  /** Checks the code read out by the CAF (offline, with the desk's secret) and records the unlock. */
  'sblocco.applica': { input: SbloccaInputSchema, output: SbloccaOutputSchema },
  // ----- Altri adempimenti → INAIL DNA (issue 15; schemas in modules/inail-dna/api.ts) -----
  'dna.datori': { input: z.object({}).strict(), output: z.object({ rows: z.array(dna.DnaDatoreRowSchema) }) },
  'dna.salvaDatore': { input: dna.DnaDatoreInputSchema, output: z.object({ id: Id }) },
  'dna.denunce': { input: z.object({ datoreId: Id }).strict(), output: z.object({ rows: z.array(dna.DnaDenunciaRowSchema) }) },
  'dna.salvaDenuncia': { input: dna.DnaDenunciaInputSchema, output: z.object({ id: Id }) },
  'dna.eliminaDenuncia': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  'dna.files': { input: z.object({}).strict(), output: z.object({ rows: z.array(dna.DnaFileRowSchema) }) },
  /** "Crea file": the notices not yet sent, into stampe/…_inail_dna.txt, read back and checked before it is offered. */
  'dna.creaFile': { input: z.object({}).strict(), output: dna.DnaCreaFileOutputSchema },
  'dna.ricreaFile': { input: z.object({ fileId: Id }).strict(), output: dna.DnaCreaFileOutputSchema },
  /** A DNA file of another program read into the list (all or nothing). */
  'dna.leggiFile': { input: dna.DnaLeggiFileInputSchema, output: dna.DnaLeggiFileOutputSchema },
  // ----- Altri adempimenti → Flussi incassi C.A. (issue 15; schemas in modules/flussi-ca/api.ts) -----
  'ca.estrazioni': { input: z.object({}).strict(), output: z.object({ rows: z.array(ca.CaEstrazioneSchema) }) },
  /** "Importa elenco": all or nothing; replaces the extraction of the same convenzione and year, says what changed. */
  'ca.importa': { input: z.object({ fileName: z.string().min(1).max(255), text: z.string().max(ca.MAX_ELENCO_CHARS) }).strict(), output: ca.CaImportaOutputSchema },
  'ca.differenze': { input: z.object({ estrazioneId: Id }).strict(), output: z.object({ rows: z.array(ca.CaDifferenzaSchema) }) },
  'ca.vista': { input: ca.CaVistaInputSchema, output: z.object({ rows: z.array(ca.CaRigaSchema) }) },
  /** The view as .xlsx or .csv in stampe/ (the writers of "Stampe varie"). */
  'ca.esporta': { input: ca.CaEsportaInputSchema, output: ca.CaEsportaOutputSchema },
  // ----- Altri adempimenti → Acquisizione DM20-REG (issue 16; schemas in modules/dm20/api.ts) -----
  ...DM20_API,
} as const;

export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof API)[M]['output']>;
export const API_METHODS = Object.keys(API) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(API, name);
}

/** The archive worker died: restarted (calls work again) or given up (RED Desk must be restarted). */
export const ArchiveHealthSchema = z.object({
  /** DANNEGGIATO: the check at open found damage (the message names the last good backup); RIPRISTINATO: a
   * backup was restored (the message says where the previous archive was kept). */
  state: z.enum(['RIAVVIATO', 'NON_DISPONIBILE', 'DANNEGGIATO', 'RIPRISTINATO']),
  message: z.string(),
  at: z.string(),
});
export type ArchiveHealth = z.infer<typeof ArchiveHealthSchema>;

/** Events pushed from the core to the renderer. */
export const EVENTS = {
  /** The archive worker died and was restarted, or could not be (shown to the operator). */
  'archive.health': ArchiveHealthSchema,
  'archive.changed': z.object({ ids: z.array(z.number().int()) }),
  /** A complete scan from a HID reader. */
  'capture.scan': ScanEventSchema,
  /** The HID reader's state changed (connected, unplugged, permission problem …). */
  'capture.state': ReaderStateSchema,
  /** Progress of "Controllo Dichiarazioni RED". */
  'check.progress': z.object({ checked: z.number().int(), total: z.number().int() }),
  /** The connection / sync state changed (shown in the monitor's status bar). */
  'sync.state': SyncStateSchema,
  /** Progress of a print or export job. */
  'print.progress': PrintProgressSchema,
} as const;
export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;

/** What crosses a transport for one call. */
export type ApiReply<T = unknown> = { ok: true; result: T } | { ok: false; error: AppErrorData };

/** The object the renderer talks to: `window.redDesk` in Electron, the HTTP/WebSocket client in a browser. */
export interface RedDeskApi {
  invoke<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** What the Electron preload exposes: a raw call returning the reply envelope (errors as data). */
export interface RedDeskBridge {
  call(method: string, input: unknown): Promise<ApiReply>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}
