import { AppError, ERROR_CODES } from '#shared/errors';
import { RED2009_TRANSMISSION } from '#shared/campaigns/red2009/transmission';
import { planTransition } from '#shared/status/machine';
import {
  SyncSettingsSchema,
  type Connection,
  type SyncSettings,
  type SyncSettingsView,
  type SyncState,
} from '#shared/domain/transmission';
import type { ArchiveClient } from '../archive/client';
import { ServerCallError, ServerClient } from './server-client';
import { AssistenzaRequestSchema, type TransmitResponse } from '#shared/server-api/contract';

/**
 * The periodic sync with the central CAF (issue 4): pushes the outbox files ("Attesa") and pulls the change
 * feed (Tras.CGN, Scart. CAF, Trasm.INPS, esiti, messages), on an interval from the settings and on demand.
 * One sync at a time (a second request joins the running one). Failures back off exponentially up to the
 * interval; the files stay in the archive, so a crash or a restart loses nothing and sends nothing twice
 * (the server replays its answer to a file it already has).
 */

const SETTINGS_KEY = 'sync.settings';
const SECRET_KEY = 'sync.secret';
const DEFAULT_INTERVAL_S = 60;
const BACKOFF_FIRST_MS = 2_000;
const FEED_PAGE = 500;
/** Bodies an Invio may hand to the running pass at once (each up to 500 items, ~0.5 MB). */
const PRELOAD_MAX = 8;

/**
 * How the desk secret is kept in the archive. Electron seals it with the OS keychain (safeStorage: DPAPI,
 * Keychain, libsecret); the browser host has no keychain and keeps it as is, in the archive the operator's
 * account already protects.
 */
export interface SecretSealer {
  kind: string;
  seal(plain: string): string;
  open(sealed: string): string;
}

export const PLAIN_SECRETS: SecretSealer = { kind: 'plain', seal: (s) => s, open: (s) => s };

export interface SyncDeps {
  archive: ArchiveClient;
  secrets?: SecretSealer;
  operator: string;
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
  fetch?: typeof fetch;
  /** Per request. */
  timeoutMs?: number;
  onState(state: SyncState): void;
  onChanged(ids: number[]): void;
}

interface StoredSettings {
  serverUrl: string;
  deskId: string;
  intervalSeconds: number;
  deadline: string | null;
  caPem: string;
}

interface Config {
  serverUrl: string;
  deskId: string;
  secret: string;
  caPem: string;
}

/**
 * The stored secret: sealed together with the (server address, desk id) it was given for. It opens only for that
 * pair, so pointing the desk at another address or id never sends it there: it is asked again.
 */
interface BoundSecret {
  serverUrl: string;
  deskId: string;
  secret: string;
}

function envCredentials(env: NodeJS.ProcessEnv): { deskId: string; secret: string } | null {
  const v = env.RED_DESK_SERVER_CREDENTIALS;
  if (!v) return null;
  const dot = v.indexOf('.');
  if (dot <= 0 || dot === v.length - 1) return null;
  return { deskId: v.slice(0, dot), secret: v.slice(dot + 1) };
}

export class SyncService {
  private readonly env: NodeJS.ProcessEnv;
  private readonly clock: () => Date;
  private running: Promise<SyncState> | null = null;
  private rerun = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failures = 0;
  private connection: Connection = 'SCONOSCIUTO';
  private lastSyncAt: string | null = null;
  private lastAttemptAt: string | null = null;
  private lastError: string | null = null;
  private nextAttemptAt: string | null = null;
  private settingsCache: StoredSettings | null = null;
  /** The opened secret: the keychain is asked once, not at every sync (concurrent readers share the promise). */
  private secretCache: Promise<BoundSecret | null> | null = null;
  private readonly closing = new AbortController();
  /** Who waits for the next body request (see `sending`). */
  private sendingWaiters: (() => void)[] = [];
  /** Bodies of files an Invio has just frozen, asked for by it (see `preload`), in the order they were frozen. */
  private preloaded = new Map<string, Promise<string>>();

  constructor(private readonly deps: SyncDeps) {
    this.env = deps.env ?? process.env;
    this.clock = deps.clock ?? (() => new Date());
  }

  private now(): string {
    return this.clock().toISOString();
  }

  // ----- settings -----

  private async stored(): Promise<StoredSettings> {
    if (this.settingsCache) return this.settingsCache;
    const raw = await this.deps.archive.call('getSetting', SETTINGS_KEY);
    let s: Partial<StoredSettings> = {};
    try {
      s = raw ? (JSON.parse(raw) as Partial<StoredSettings>) : {};
    } catch {
      s = {};
    }
    const envInterval = Number(this.env.RED_DESK_SYNC_INTERVAL);
    this.settingsCache = {
      serverUrl: typeof s.serverUrl === 'string' ? s.serverUrl : '',
      deskId: typeof s.deskId === 'string' ? s.deskId : '',
      intervalSeconds:
        typeof s.intervalSeconds === 'number' ? s.intervalSeconds : Number.isInteger(envInterval) && envInterval >= 1 ? envInterval : DEFAULT_INTERVAL_S,
      deadline: typeof s.deadline === 'string' ? s.deadline : null,
      caPem: typeof s.caPem === 'string' ? s.caPem : '',
    };
    return this.settingsCache;
  }

  private async config(): Promise<Config | null> {
    const s = await this.stored();
    const serverUrl = this.env.RED_DESK_SERVER_URL || s.serverUrl;
    const creds = envCredentials(this.env) ?? { deskId: s.deskId, secret: await this.storedSecret(serverUrl, s.deskId) };
    if (!serverUrl || !creds.deskId || !creds.secret) return null;
    return { serverUrl, deskId: creds.deskId, secret: creds.secret, caPem: s.caPem };
  }

  /** The desk's id and secret, even offline: "Sblocca dichiarazione errata" checks its codes with them; null when not set. */
  async deskCredentials(): Promise<{ deskId: string; secret: string } | null> {
    const s = await this.stored();
    const serverUrl = this.env.RED_DESK_SERVER_URL || s.serverUrl;
    const creds = envCredentials(this.env) ?? { deskId: s.deskId, secret: await this.storedSecret(serverUrl, s.deskId) };
    return creds.deskId && creds.secret ? creds : null;
  }

  /** The stored desk secret if it was given for this (address, desk id); '' otherwise, or when none or unreadable. */
  private async storedSecret(serverUrl: string, deskId: string): Promise<string> {
    this.secretCache ??= this.openSecret();
    const b = await this.secretCache;
    if (!b) return '';
    // A secret kept before the binding (older desks) has no address: it serves until the settings change.
    if (b.serverUrl === '' && b.deskId === '') return b.secret;
    return b.serverUrl === serverUrl && b.deskId === deskId ? b.secret : '';
  }

  private async openSecret(): Promise<BoundSecret | null> {
    const raw = await this.deps.archive.call('getSetting', SECRET_KEY);
    if (!raw) return null;
    try {
      const { kind, value, bound } = JSON.parse(raw) as { kind?: unknown; value?: unknown; bound?: unknown };
      if (typeof value !== 'string') return null;
      const sealer = this.deps.secrets ?? PLAIN_SECRETS;
      const plain = kind === sealer.kind ? sealer.open(value) : kind === PLAIN_SECRETS.kind ? value : null;
      if (plain === null) return null;
      if (bound !== true) return { serverUrl: '', deskId: '', secret: plain };
      const b = JSON.parse(plain) as Partial<BoundSecret>;
      if (typeof b.serverUrl !== 'string' || typeof b.deskId !== 'string' || typeof b.secret !== 'string' || b.secret === '') return null;
      return { serverUrl: b.serverUrl, deskId: b.deskId, secret: b.secret };
    } catch {
      // Sealed on another machine or account (the keychain cannot open it): the operator enters it again.
      return null;
    }
  }

  /** The campaign deadline in force: the setting (the CAF circular), RED_DESK_DEADLINE, else the campaign's. */
  async deadline(): Promise<string | null> {
    const s = await this.stored();
    return s.deadline ?? (this.env.RED_DESK_DEADLINE || null) ?? RED2009_TRANSMISSION.deadline;
  }

  async settings(): Promise<SyncSettingsView> {
    const s = await this.stored();
    const fromEnvironment: SyncSettingsView['fromEnvironment'] = [];
    if (this.env.RED_DESK_SERVER_URL) fromEnvironment.push('serverUrl');
    const envCreds = envCredentials(this.env);
    if (envCreds) fromEnvironment.push('credentials');
    const serverUrl = this.env.RED_DESK_SERVER_URL || s.serverUrl;
    const hasSecret = envCreds !== null || (await this.storedSecret(serverUrl, s.deskId)) !== '';
    return {
      serverUrl,
      deskId: envCreds?.deskId ?? s.deskId,
      hasSecret,
      caPem: s.caPem,
      intervalSeconds: s.intervalSeconds,
      deadline: s.deadline,
      effectiveDeadline: await this.deadline(),
      fromEnvironment,
    };
  }

  async saveSettings(input: SyncSettings): Promise<SyncSettingsView> {
    const v = SyncSettingsSchema.parse(input);
    const before = await this.stored();
    const next: StoredSettings = {
      serverUrl: v.serverUrl,
      deskId: v.deskId,
      intervalSeconds: v.intervalSeconds,
      deadline: v.deadline,
      caPem: v.caPem !== undefined ? v.caPem.trim() : before.caPem,
    };
    await this.deps.archive.call('setSetting', SETTINGS_KEY, JSON.stringify(next));
    const serverUrl = this.env.RED_DESK_SERVER_URL || next.serverUrl;
    if (v.secret !== undefined) {
      const sealer = this.deps.secrets ?? PLAIN_SECRETS;
      const bound: BoundSecret = { serverUrl, deskId: next.deskId, secret: v.secret };
      await this.deps.archive.call('setSetting', SECRET_KEY, JSON.stringify({ kind: sealer.kind, bound: true, value: sealer.seal(JSON.stringify(bound)) }));
      this.secretCache = Promise.resolve(bound);
    } else if (next.serverUrl !== before.serverUrl || next.deskId !== before.deskId) {
      // Another address or desk id: the old secret is dropped, never sent to the new address (it is asked again).
      await this.deps.archive.call('setSetting', SECRET_KEY, '');
      this.secretCache = Promise.resolve(null);
    }
    this.settingsCache = next;
    this.failures = 0;
    this.connection = 'SCONOSCIUTO';
    this.lastError = null;
    void this.syncNow().catch(() => undefined);
    return this.settings();
  }

  // ----- state -----

  async state(): Promise<SyncState> {
    const [counts, s, cfg] = await Promise.all([this.deps.archive.call('outboxCounts'), this.stored(), this.config()]);
    return {
      connection: cfg ? this.connection : 'NON_CONFIGURATO',
      serverUrl: cfg?.serverUrl ?? null,
      running: this.running !== null,
      lastSyncAt: this.lastSyncAt,
      lastAttemptAt: this.lastAttemptAt,
      lastError: this.lastError,
      nextAttemptAt: cfg ? this.nextAttemptAt : null,
      intervalSeconds: s.intervalSeconds,
      outboxFiles: counts.outboxFiles,
      outboxDeclarations: counts.outboxDeclarations,
      stoppedFiles: counts.stuckFiles,
      unreadMessages: counts.unreadMessages,
      unreadCircolari: counts.unreadCircolari,
    };
  }

  private async publish(): Promise<SyncState> {
    const s = await this.state();
    this.deps.onState(s);
    return s;
  }

  // ----- the sync -----

  /** Starts the periodic sync (a first run at once). */
  start(): void {
    if (this.closing.signal.aborted) throw new Error('SyncService fermato: crearne uno nuovo.');
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops the timer and waits for a running sync to end (nothing is left half-applied: each step is a transaction). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.closing.abort();
    this.preloaded.clear();
    await this.running?.catch(() => undefined);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = new Date(this.clock().getTime() + ms).toISOString();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.syncNow().catch(() => undefined);
    }, ms);
    this.timer.unref?.();
  }

  /**
   * Sync now (periodic, on demand, after an "Invio"). Joins a running sync; if asked again while one runs,
   * one more run follows so that what was queued meanwhile goes out too.
   */
  syncNow(): Promise<SyncState> {
    if (this.running) {
      this.rerun = true;
      return this.running;
    }
    const run = (async () => {
      try {
        await this.runOnce();
        while (this.rerun && !this.stopped) {
          this.rerun = false;
          await this.runOnce();
        }
      } finally {
        this.running = null;
        // What a pass did not take is asked for again by the next one (bounded memory, never a stale list).
        this.preloaded.clear();
        this.wakeSending();
      }
      return this.publish();
    })();
    this.running = run;
    void this.publish().catch(() => undefined);
    return run;
  }

  private client(cfg: Config, periodic: boolean): ServerClient {
    return new ServerClient({
      baseUrl: cfg.serverUrl,
      deskId: cfg.deskId,
      secret: cfg.secret,
      ...(cfg.caPem ? { caPem: cfg.caPem } : {}),
      ...(periodic && this.deps.timeoutMs !== undefined ? { timeoutMs: this.deps.timeoutMs } : {}),
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      ...(periodic ? { signal: this.closing.signal } : {}),
    });
  }

  /** 2 s, 4 s, 8 s … up to the sync interval, ±20%. */
  private backoffMs(intervalSeconds: number, failures = this.failures): number {
    const cap = Math.max(BACKOFF_FIRST_MS, intervalSeconds * 1000);
    const base = Math.min(cap, BACKOFF_FIRST_MS * 2 ** Math.max(0, failures - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /**
   * One pass. The backoff is the service's timer: every file still waiting goes out at each pass, oldest
   * first (the per-file next attempt is what "Reinvio dichiarazioni" shows).
   */
  private async runOnce(): Promise<void> {
    const { archive } = this.deps;
    const s = await this.stored();
    const cfg = await this.config();
    if (!cfg) {
      this.connection = 'NON_CONFIGURATO';
      this.schedule(s.intervalSeconds * 1000);
      return;
    }
    const client = this.client(cfg, true);
    this.lastAttemptAt = this.now();
    try {
      // 1. The outbox, oldest file first. A file the server cannot take now (5xx) does not hold back the esiti:
      // the feed is still pulled, then the failure is reported and the file retried with backoff.
      let pushError: ServerCallError | null = null;
      try {
        if (!(await this.pushOutbox(client, s.intervalSeconds))) return;
      } catch (e) {
        if (e instanceof ServerCallError && e.kind === 'unavailable') pushError = e;
        else throw e;
      }
      // 2. The change feed, page by page; each page and its cursor in one transaction.
      for (;;) {
        if (this.stopped) return;
        const after = await archive.call('syncCursor');
        const page = await client.changes(after, FEED_PAGE);
        // The cursor belongs to the server that gave it: another server (another database) starts again from 0.
        const r = await archive.call('applyChanges', page.changes, page.cursor, this.deps.operator, page.serverId);
        if (r.changedIds.length) this.deps.onChanged(r.changedIds);
        if (r.reset) continue;
        if (!page.hasMore || page.cursor <= after) break;
      }
      if (pushError) throw pushError;
      this.failures = 0;
      this.connection = 'CONNESSO';
      this.lastError = null;
      this.lastSyncAt = this.now();
      this.schedule(s.intervalSeconds * 1000);
    } catch (e) {
      this.failures++;
      this.lastError = e instanceof Error ? e.message : String(e);
      if (e instanceof ServerCallError && (e.kind === 'auth' || e.kind === 'disabled' || e.kind === 'insecure')) {
        this.connection = e.kind === 'auth' ? 'CREDENZIALI_ERRATE' : e.kind === 'disabled' ? 'DISABILITATO' : 'NON_CONFIGURATO';
        this.schedule(s.intervalSeconds * 1000);
      } else {
        this.connection = 'NON_RAGGIUNGIBILE';
        this.schedule(this.backoffMs(s.intervalSeconds));
      }
      if (!(e instanceof ServerCallError)) throw e;
    }
  }

  /**
   * The body of a file just frozen by an Invio (services.ts), asked for by it right after the file's part was
   * committed: the running pass takes the file from here, oldest first after the files it already knew, instead of
   * asking the worker for the outbox list and the body behind the next part being frozen (the worker answers in
   * order). Only while a pass runs, at most PRELOAD_MAX files; the outbox stays the truth (see `pushOutbox`).
   */
  preload(transmissionId: string, body: Promise<string>): void {
    body.catch(() => undefined);
    if (!this.running || this.stopped || this.preloaded.size >= PRELOAD_MAX) return;
    this.preloaded.set(transmissionId, body);
  }

  /**
   * Resolves when the sync has put its next request for a file's body in the archive worker's queue, or its
   * pass ended. An Invio queued part by part (services.ts) waits for it after the first part, so that the
   * first file's body is not queued behind the next parts being frozen (the worker answers in order).
   */
  sending(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.sendingWaiters.push(resolve));
  }

  private wakeSending(): void {
    const waiters = this.sendingWaiters;
    this.sendingWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * Sends the outbox files, oldest first; false if the service stopped meanwhile. The body of the next file is
   * asked for as soon as a file goes on the wire, and the answer to a file is applied in the archive worker
   * while the next file is on the wire (in order; the answers that arrived meanwhile together, in one
   * transaction): on an Invio of 10,000 the server is not kept waiting by the desk's worker
   * (bench/transmission.ts). A file that fails stops the pass once the answers already received are applied.
   */
  private async pushOutbox(client: ServerClient, intervalSeconds: number): Promise<boolean> {
    const { archive } = this.deps;
    const due = await archive.call('outboxWaiting');
    const seen = new Set(due);
    // Handlers attached at once (no unhandled rejection if the pass ends early); awaited where it matters.
    const body = (i: number) => {
      const p = (async () => {
        // Past the last file: those queued since the pass began (an Invio is queued part by part) go out too,
        // first those the Invio handed over (preload), else those the outbox lists now.
        if (i >= due.length) {
          for (const f of this.preloaded.keys()) {
            if (!seen.has(f)) {
              seen.add(f);
              due.push(f);
            }
          }
        }
        if (i >= due.length) {
          for (const f of await archive.call('outboxWaiting')) {
            if (!seen.has(f)) {
              seen.add(f);
              due.push(f);
            }
          }
        }
        const f = due[i];
        if (!f) return null;
        // A file is taken once: its preloaded body (the same frozen bytes outboxBody gives) is dropped when used.
        const text = this.preloaded.get(f) ?? archive.call('outboxBody', f);
        this.preloaded.delete(f);
        this.wakeSending();
        return text;
      })();
      p.catch(() => undefined);
      return p;
    };
    // The answers waiting to be applied, and the one application running (see `apply`).
    let waiting: { transmissionId: string; response: TransmitResponse }[] = [];
    let applying: Promise<void> = Promise.resolve();
    let applyFailed = false;
    // Applies the answers in order: those that arrived while the previous ones were being applied (the worker busy
    // freezing the next part of an Invio, say) go together, in one worker call and one transaction.
    const apply = (transmissionId: string, response: TransmitResponse) => {
      waiting.push({ transmissionId, response });
      if (waiting.length > 1) return; // an application already queued takes this answer too
      const previous = applying;
      applying = (async () => {
        await previous;
        const batch = waiting;
        waiting = [];
        const r = await archive.call('outboxDelivered', batch, this.deps.operator);
        if (r.changedIds.length) this.deps.onChanged(r.changedIds);
      })();
      applying.catch(() => (applyFailed = true));
    };
    try {
      let next = body(0);
      for (let i = 0; ; i++) {
        if (this.stopped) return false;
        if (applyFailed) break; // the error surfaces below; nothing more is sent in this pass
        let request = await next;
        // Asked for while the previous file was on the wire, when the next part of an Invio may not have been
        // queued yet: look again now.
        if (request === null && i > 0) request = await body(i);
        const file = due[i];
        if (request === null || file === undefined) break;
        // The next body is asked for before this file goes out: the worker prepares it while the server works.
        next = body(i + 1);
        try {
          apply(file, await client.transmit(request));
        } catch (e) {
          await applying;
          if (e instanceof ServerCallError && (e.kind === 'deadline' || e.kind === 'refused' || e.kind === 'conflict')) {
            // Refused as a whole for good: the declarations go back to "Da spedire" with the reason.
            const r = await archive.call('outboxRejected', file, e.code ?? 'SRV', e.message, this.deps.operator);
            if (r.changedIds.length) this.deps.onChanged(r.changedIds);
            continue;
          }
          const wait = this.backoffMs(intervalSeconds, this.failures + 1);
          await archive.call('outboxAttemptFailed', file, e instanceof Error ? e.message : String(e), new Date(this.clock().getTime() + wait).toISOString());
          throw e;
        }
      }
    } finally {
      await applying;
    }
    return true;
  }

  // ----- Assistenza CGN -----

  /**
   * "Assistenza CGN" (p. 70): the question goes to the CAF at once (it is not queued like an Invio: the operator
   * sees whether it left); the answer comes back later as a message in the change feed.
   */
  async assistenza(testo: string, declarationId: number | undefined): Promise<{ sentAt: string }> {
    const body = AssistenzaRequestSchema.safeParse({ testo });
    if (!body.success) throw new AppError({ code: ERROR_CODES.INPUT, message: `Domanda: ${body.error.issues[0]?.message ?? 'non valida'}.`, field: 'testo' });
    let declarationKey: string | undefined;
    if (declarationId !== undefined) {
      const ref = await this.deps.archive.call('serverRef', declarationId);
      if (!ref.serverKey) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: `La dichiarazione ${ref.progressivo} non è mai stata trasmessa al CAF: scegliere una dichiarazione trasmessa o nessuna.`, field: 'declarationId' });
      declarationKey = ref.serverKey;
    }
    const cfg = await this.config();
    if (!cfg) throw new AppError({ code: 'OPR-12', message: 'Collegamento al CAF non configurato (Utilità → Impostazioni collegamento CAF): per scrivere all\'assistenza serve la connessione.' });
    const client = new ServerClient({ baseUrl: cfg.serverUrl, deskId: cfg.deskId, secret: cfg.secret, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) });
    try {
      const r = await client.assistenza({ testo: body.data.testo, ...(declarationKey ? { declarationKey } : {}) });
      this.connection = 'CONNESSO';
      return { sentAt: r.createdAt };
    } catch (e) {
      if (!(e instanceof ServerCallError)) throw e;
      throw new AppError({ code: 'OPR-12', message: `Domanda non inviata all'assistenza del CAF: ${e.message}` });
    }
  }

  // ----- Modifica of a Tras.CGN -----

  /**
   * "Modifica" / annullamento of a Tras.CGN (p. 101–102): the server withdraws it, then it is back in
   * "Da spedire". Needs the connection; refused once the CAF has forwarded it to INPS.
   */
  async withdraw(id: number) {
    const { archive } = this.deps;
    const ref = await archive.call('serverRef', id);
    if (ref.status === 'TRASM_INPS') {
      throw new AppError({ code: 'OPR-03', message: 'Una dichiarazione Trasm.INPS non si modifica: attendere che passi in Ricevute (p. 103).' });
    }
    const p = planTransition('RITIRO', ref.status);
    if (!p.ok || !ref.serverKey || ref.sentVersion === null) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: p.ok ? 'Dichiarazione mai trasmessa.' : p.message });
    const cfg = await this.config();
    if (!cfg) throw new AppError({ code: 'OPR-12', message: 'Collegamento al CAF non configurato (Utilità → Impostazioni collegamento CAF): per modificare una dichiarazione trasmessa serve la connessione.' });
    const client = this.client(cfg, false);
    try {
      const r = await client.withdraw(ref.serverKey, { reason: 'MODIFICA', version: ref.sentVersion });
      const done = await archive.call('applyWithdrawn', id, r.version, this.deps.operator);
      this.deps.onChanged([id]);
      this.connection = 'CONNESSO';
      void this.publish().catch(() => undefined);
      return done;
    } catch (e) {
      if (!(e instanceof ServerCallError)) throw e;
      if (e.kind === 'network' || e.kind === 'unavailable') {
        this.connection = 'NON_RAGGIUNGIBILE';
        this.lastError = e.message;
        void this.publish().catch(() => undefined);
        throw new AppError({ code: 'OPR-02', message: `Per modificare una dichiarazione Trasm.CGN serve la connessione al CAF: ${e.message}` });
      }
      if (e.kind === 'conflict') {
        // Already with INPS (SRV-06) or another version: fetch the news so the monitor shows the truth.
        await this.syncNow().catch(() => undefined);
        throw new AppError({
          code: e.code === 'SRV-06' ? 'OPR-03' : ERROR_CODES.OPERATION_REFUSED,
          message: e.code === 'SRV-06' ? 'La dichiarazione è già stata trasmessa all\'INPS dal CAF: non si può più modificare (attendere che passi in Ricevute).' : e.message,
        });
      }
      // The CAF's deadline passed (its copy may be later than this desk's setting): sent declarations stay as they are.
      if (e.kind === 'deadline') throw new AppError({ code: 'OPR-14', message: e.message });
      throw new AppError({ code: 'OPR-12', message: e.message });
    }
  }
}
