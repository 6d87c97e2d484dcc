import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { AppError, ERROR_CODES } from '#shared/errors';
import type { ArchiveHealth } from '#shared/api/contract';
import type { BackupInfo, IntegrityReport } from '#shared/domain/backup';
import type { ArchiveArgs, ArchiveMethod, ArchiveResult, BackupOp, BackupOps, FromWorker, ToWorker, WorkerInit } from './protocol';
import { swapInBackup, undoSwap } from './backup';

const dichiarazioni = (n: number | null) => `${(n ?? 0).toLocaleString('it-IT')} ${n === 1 ? 'dichiarazione' : 'dichiarazioni'}`;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Where the bundled worker lives: next to the bundle that spawns it (dist/main). */
export function defaultWorkerPath(): string {
  return join(__dirname, 'archive-worker.cjs');
}

export interface ArchiveClientOptions {
  workerPath?: string;
  backupDir?: string;
  /** Size above which the check at open is not run (tests). */
  openCheckMaxBytes?: number;
  /** The archive key (64 hex digits): the desk always gives one; absent only in tests of a plain archive. */
  key?: string;
  /** Told when the worker died and was restarted, or could not be restarted (the window shows it). */
  onHealth?: (h: ArchiveHealth) => void;
  /** Deaths tolerated within `restartWindowMs` before the archive is given up (default 3 in 60 s). */
  maxRestarts?: number;
  restartWindowMs?: number;
}

interface Ready {
  worker: Worker;
  schemaVersion: number;
  backupFile: string | null;
  integrity: IntegrityReport;
}

/** Starts a worker on the archive and waits for its 'ready' (migrations done) or its refusal. */
function spawnWorker(workerPath: string, init: WorkerInit): Promise<Ready> {
  const worker = new Worker(workerPath, { workerData: init });
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromWorker) => {
      if (m.kind === 'ready') {
        cleanup();
        resolve({ worker, schemaVersion: m.schemaVersion, backupFile: m.backupFile, integrity: m.integrity });
      } else if (m.kind === 'failed') {
        cleanup();
        void worker.terminate();
        reject(new AppError(m.error));
      }
    };
    const onError = (e: Error) => {
      cleanup();
      reject(new AppError({ code: ERROR_CODES.INTERNAL, message: `Avvio dell'archivio non riuscito: ${e.message}` }));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new AppError({ code: ERROR_CODES.INTERNAL, message: `Avvio dell'archivio non riuscito (uscita ${code}).` }));
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

/**
 * The main-thread side of the archive: spawns the worker, sends typed calls, and turns error data back
 * into AppError. A long query runs in the worker; the caller's thread (Electron main, the browser host)
 * never blocks on SQLite.
 *
 * If the worker dies (a crash in native code, out of memory), the calls it was serving are rejected with
 * ARC-08 (they may or may not have been committed: SQLite's transaction makes each all or nothing), a new
 * worker is started on the same file, and calls made meanwhile wait for it. Too many deaths in a short
 * time give the archive up (ARC-09) instead of looping. No call is left waiting in either case.
 */
export class ArchiveClient {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** Calls made while a new worker starts: sent once it is ready, rejected if it cannot start. */
  private queued: { msg: ToWorker; p: Pending }[] = [];
  private worker: Worker | null;
  private restarting: Promise<void> | null = null;
  private readonly deaths: number[] = [];
  private dead: AppError | null = null;
  private closing = false;

  private constructor(
    ready: Ready,
    readonly file: string,
    private readonly workerPath: string,
    private readonly init: WorkerInit,
    private readonly options: ArchiveClientOptions,
  ) {
    this.schemaVersion = ready.schemaVersion;
    this.backupFile = ready.backupFile;
    this.integrity = ready.integrity;
    this.backupDir = init.backupDir ?? join(dirname(file), 'backup');
    this.worker = ready.worker;
    this.attach(ready.worker);
  }

  schemaVersion: number;
  readonly backupFile: string | null;
  /** The bounded integrity check made when the archive was opened (or restored). */
  integrity: IntegrityReport;
  readonly backupDir: string;
  /** The last state told to the window (null: nothing to tell); the window asks it when it opens. */
  lastHealth: ArchiveHealth | null = null;

  static async open(file: string, options: ArchiveClientOptions = {}): Promise<ArchiveClient> {
    const init: WorkerInit = {
      file,
      ...(options.backupDir ? { backupDir: options.backupDir } : {}),
      ...(options.openCheckMaxBytes !== undefined ? { openCheckMaxBytes: options.openCheckMaxBytes } : {}),
      ...(options.key ? { key: options.key } : {}),
    };
    const workerPath = options.workerPath ?? defaultWorkerPath();
    const ready = await spawnWorker(workerPath, init);
    const client = new ArchiveClient(ready, file, workerPath, init, options);
    if (!ready.integrity.ok) await client.tellDamaged();
    return client;
  }

  private tell(h: ArchiveHealth): void {
    this.lastHealth = h;
    this.options.onHealth?.(h);
  }

  /** A backup's copy of the archive failed its check (the damage was copied from the archive): told as at open. */
  async reportDamaged(errors: string[]): Promise<void> {
    this.integrity = { ...this.integrity, ok: false, errors };
    await this.tellDamaged();
  }

  /** The archive opened but failed its check: the window says so and names the last good backup. */
  private async tellDamaged(): Promise<void> {
    const good = await this.backup('lastGood').catch(() => null);
    this.tell({
      state: 'DANNEGGIATO',
      at: new Date().toISOString(),
      message: `Il controllo di integrità dell'archivio ha trovato dei danni (${this.integrity.errors.slice(0, 2).join('; ')}). ${
        good
          ? `Ultima copia di sicurezza valida: ${good.label} (${dichiarazioni(good.declarations)}). Ripristinarla da Servizi → «Ripristina da backup».`
          : 'Non ci sono copie di sicurezza valide: contattare l\'assistenza prima di continuare.'
      }`,
    });
  }

  private attach(worker: Worker): void {
    worker.on('message', (m: FromWorker) => {
      if (m.kind !== 'reply') return;
      const p = this.pending.get(m.seq);
      if (!p) return;
      this.pending.delete(m.seq);
      if (m.ok) p.resolve(m.result);
      else p.reject(new AppError(m.error));
    });
    let reason = '';
    worker.on('error', (e) => {
      reason = e.message;
    });
    // 'exit' follows 'error' too: one place handles the death, once per worker.
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      if (this.closing) {
        // Died while closing: nothing is left to wait for (the close call included).
        this.worker = null;
        for (const p of this.pending.values()) p.reject(new AppError({ code: ERROR_CODES.ARCHIVE_UNAVAILABLE, message: "L'archivio è stato chiuso." }));
        this.pending.clear();
        return;
      }
      this.died(reason || `uscita ${code}`);
    });
  }

  private died(why: string): void {
    this.worker = null;
    const interrupted = new AppError({
      code: ERROR_CODES.ARCHIVE_INTERRUPTED,
      message: `L'archivio si è interrotto durante l'operazione (${why}): l'operazione potrebbe non essere stata registrata. Controllare e, se serve, ripeterla.`,
    });
    for (const p of this.pending.values()) p.reject(interrupted);
    this.pending.clear();

    const now = Date.now();
    const window = this.options.restartWindowMs ?? 60_000;
    this.deaths.push(now);
    while (this.deaths.length && this.deaths[0]! < now - window) this.deaths.shift();
    if (this.deaths.length > (this.options.maxRestarts ?? 3)) {
      this.giveUp(`si è interrotto ${this.deaths.length} volte in poco tempo; ultimo motivo: ${why}`);
      return;
    }
    this.restarting = spawnWorker(this.workerPath, this.init).then(
      (ready) => {
        this.restarting = null;
        if (this.closing) {
          void ready.worker.terminate();
          return;
        }
        this.worker = ready.worker;
        this.attach(ready.worker);
        const queued = this.queued;
        this.queued = [];
        for (const q of queued) this.post(q.msg, q.p);
        this.tell({
          state: 'RIAVVIATO',
          at: new Date().toISOString(),
          message: `L'archivio si è interrotto (${why}) ed è stato riavviato. Le operazioni in corso in quel momento potrebbero non essere state registrate: controllarle e, se serve, ripeterle.`,
        });
      },
      (e: unknown) => {
        this.restarting = null;
        this.giveUp(`riavvio non riuscito: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  }

  private giveUp(why: string): void {
    this.dead = new AppError({
      code: ERROR_CODES.ARCHIVE_UNAVAILABLE,
      message: `L'archivio non è più disponibile (${why}). Chiudere e riavviare RED Desk.`,
    });
    for (const q of this.queued) q.p.reject(this.dead);
    this.queued = [];
    this.tell({ state: 'NON_DISPONIBILE', at: new Date().toISOString(), message: this.dead.message });
  }

  private post(msg: ToWorker, p: Pending): void {
    if (!this.worker) {
      this.queued.push({ msg, p });
      return;
    }
    this.pending.set(msg.seq, p);
    this.worker.postMessage(msg);
  }

  call<M extends ArchiveMethod>(method: M, ...args: ArchiveArgs<M>): Promise<ArchiveResult<M>> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.closing) return Promise.reject(new AppError({ code: ERROR_CODES.ARCHIVE_UNAVAILABLE, message: "L'archivio è in chiusura." }));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.post({ kind: 'call', seq, method, args }, { resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /** A backup operation, run by the worker on its own connection (src-main/archive/backup.ts). */
  backup<O extends BackupOp>(op: O, ...args: Parameters<BackupOps[O]>): Promise<Awaited<ReturnType<BackupOps[O]>>> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.closing) return Promise.reject(new AppError({ code: ERROR_CODES.ARCHIVE_UNAVAILABLE, message: "L'archivio è in chiusura." }));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.post({ kind: 'backup', seq, op, args }, { resolve: resolve as (v: unknown) => void, reject });
    });
  }

  /** Sends 'close' to a worker and waits for it to end (the file is then closed and checkpointed). */
  private async stopWorker(worker: Worker): Promise<void> {
    const seq = ++this.seq;
    const done = new Promise<void>((resolve) => {
      this.pending.set(seq, { resolve: () => resolve(), reject: () => resolve() });
      worker.once('exit', () => resolve());
    });
    const msg: ToWorker = { kind: 'close', seq };
    worker.postMessage(msg);
    await done;
    await worker.terminate();
  }

  private install(ready: Ready): void {
    this.worker = ready.worker;
    this.schemaVersion = ready.schemaVersion;
    this.integrity = ready.integrity;
    this.attach(ready.worker);
    const queued = this.queued;
    this.queued = [];
    for (const q of queued) this.post(q.msg, q.p);
  }

  /**
   * "Ripristina da backup": checks the backup, stops the worker (calls made meanwhile wait), keeps the current
   * archive aside (renamed, never deleted), puts the backup in its place and starts a worker on it. If the
   * restored file cannot be opened, the previous archive is put back and the error is thrown.
   */
  async restore(name: string): Promise<{ restored: BackupInfo; aside: string }> {
    const restored = await this.backup('verify', name);
    const worker = this.worker;
    if (!worker || this.restarting || this.closing || this.dead) {
      throw new AppError({ code: ERROR_CODES.BACKUP_FAILED, message: "L'archivio non è pronto per il ripristino (si sta riavviando o chiudendo): riprovare tra poco." });
    }
    let release: () => void = () => {};
    this.restarting = new Promise<void>((r) => (release = r));
    this.worker = null;
    try {
      await this.stopWorker(worker);
      let aside: string;
      try {
        aside = swapInBackup(this.file, join(this.backupDir, name), new Date());
      } catch (e) {
        this.install(await spawnWorker(this.workerPath, this.init));
        throw e;
      }
      try {
        this.install(await spawnWorker(this.workerPath, this.init));
      } catch (e) {
        undoSwap(this.file, aside);
        this.install(await spawnWorker(this.workerPath, this.init));
        const msg = e instanceof Error ? e.message : String(e);
        throw new AppError({ code: ERROR_CODES.BACKUP_FAILED, message: `Ripristino non riuscito (${msg}): l'archivio precedente è stato rimesso al suo posto.` });
      }
      this.tell({
        state: 'RIPRISTINATO',
        at: new Date().toISOString(),
        message: `Archivio ripristinato dalla copia di sicurezza del ${restored.label} (${dichiarazioni(restored.declarations)}). L'archivio precedente è conservato in ${aside}.`,
      });
      return { restored, aside };
    } catch (e) {
      if (!this.worker && !this.dead) this.giveUp(`ripristino non riuscito: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    } finally {
      this.restarting = null;
      release();
    }
  }

  /** Ends the worker as if it had crashed (fault injection for tests; never called by the app). */
  async simulateCrash(): Promise<void> {
    await this.worker?.terminate();
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await this.restarting;
    const worker = this.worker;
    if (this.dead || !worker) return;
    await this.stopWorker(worker);
  }
}
