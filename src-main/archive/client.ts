import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { AppError, ERROR_CODES } from '#shared/errors';
import type { ArchiveArgs, ArchiveMethod, ArchiveResult, FromWorker, ToWorker, WorkerInit } from './protocol';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Where the bundled worker lives: next to the bundle that spawns it (dist/main). */
export function defaultWorkerPath(): string {
  return join(__dirname, 'archive-worker.cjs');
}

/**
 * The main-thread side of the archive: spawns the worker, sends typed calls, and turns error data back
 * into AppError. A long query runs in the worker; the caller's thread (Electron main, the browser host)
 * never blocks on SQLite.
 */
export class ArchiveClient {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private dead: AppError | null = null;

  private constructor(
    private readonly worker: Worker,
    readonly file: string,
    readonly schemaVersion: number,
    readonly backupFile: string | null,
  ) {
    worker.on('message', (m: FromWorker) => {
      if (m.kind !== 'reply') return;
      const p = this.pending.get(m.seq);
      if (!p) return;
      this.pending.delete(m.seq);
      if (m.ok) p.resolve(m.result);
      else p.reject(new AppError(m.error));
    });
    const fail = (why: string) => {
      this.dead = new AppError({ code: ERROR_CODES.INTERNAL, message: `L'archivio non è più disponibile (${why}). Riavviare RED Desk.` });
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`uscita ${code}`));
  }

  static open(file: string, options: { workerPath?: string; backupDir?: string } = {}): Promise<ArchiveClient> {
    const init: WorkerInit = { file, ...(options.backupDir ? { backupDir: options.backupDir } : {}) };
    const worker = new Worker(options.workerPath ?? defaultWorkerPath(), { workerData: init });
    return new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        if (m.kind === 'ready') {
          cleanup();
          resolve(new ArchiveClient(worker, file, m.schemaVersion, m.backupFile));
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
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
    });
  }

  call<M extends ArchiveMethod>(method: M, ...args: ArchiveArgs<M>): Promise<ArchiveResult<M>> {
    if (this.dead) return Promise.reject(this.dead);
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      const msg: ToWorker = { kind: 'call', seq, method, args };
      this.worker.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    if (this.dead) return;
    const seq = ++this.seq;
    const done = new Promise<void>((resolve) => {
      this.pending.set(seq, { resolve: () => resolve(), reject: () => resolve() });
    });
    const msg: ToWorker = { kind: 'close', seq };
    this.worker.postMessage(msg);
    await done;
    await this.worker.terminate();
  }
}
