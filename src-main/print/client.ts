import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES } from '#shared/errors';
import type { PrintJobs } from './jobs';
import type { PrintWorkerReply, ToPrintWorker } from './protocol';

type Request = ToPrintWorker extends infer T ? (T extends { seq: number } ? Omit<T, 'seq'> : never) : never;

/** Where the bundled print worker lives: next to the bundle that spawns it (dist/main). */
export function defaultPrintWorkerPath(): string {
  return join(__dirname, 'print-worker.cjs');
}

/**
 * The main-thread side of the print worker. Started lazily at the first print; when the bundle is not there
 * (unit tests run from the sources) the jobs run in-process instead.
 */
export class PrintClient {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private local: PrintJobs | null = null;

  constructor(private readonly workerPath: string | null = defaultPrintWorkerPath()) {}

  private start(): Worker | null {
    if (this.worker) return this.worker;
    if (!this.workerPath || !existsSync(this.workerPath)) return null;
    const w = new Worker(this.workerPath);
    w.on('message', (r: PrintWorkerReply) => {
      const p = this.pending.get(r.seq);
      if (!p) return;
      this.pending.delete(r.seq);
      if (r.ok) p.resolve(r.result);
      else p.reject(new AppError(r.error));
    });
    const fail = (why: string) => {
      for (const p of this.pending.values()) p.reject(new AppError({ code: ERROR_CODES.INTERNAL, message: `Processo di stampa interrotto: ${why}` }));
      this.pending.clear();
      this.worker = null;
    };
    w.on('error', (e) => fail(e.message));
    w.on('exit', (code) => fail(`uscita ${code}`));
    w.unref();
    this.worker = w;
    return w;
  }

  call<T>(req: Request): Promise<T> {
    const w = this.start();
    const seq = ++this.seq;
    const msg = { ...req, seq } as ToPrintWorker;
    if (!w) return this.inProcess(msg) as Promise<T>;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage(msg);
    });
  }

  /**
   * Loaded only here: the PDF, barcode and XLSX libraries (megabytes) stay out of the desk's start-up. The bundles
   * (scripts/build.mjs defines RED_DESK_BUNDLE) always have the print worker beside them, so this branch and the
   * libraries are left out of them altogether: 6 MB less for the host to load at every start.
   */
  private async inProcess(msg: ToPrintWorker): Promise<unknown> {
    if (process.env.RED_DESK_BUNDLE !== '1') {
      if (!this.local) {
        const { PrintJobs: Jobs } = await import('./jobs');
        this.local ??= new Jobs();
      }
      return this.local.handle(msg);
    } else {
      throw new AppError({ code: ERROR_CODES.INTERNAL, message: `Processo di stampa non trovato (${this.workerPath ?? 'nessun percorso'}): reinstallare RED Desk.` });
    }
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
