/**
 * The archive worker: the only thread that touches the SQLite file. Requests arrive with a `seq` id and
 * are answered in order; errors cross as data ({ code, message, field }).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, ERROR_CODES, type AppErrorData } from '#shared/errors';
import { Archive } from './archive';
import { openArchive } from './open';
import { createValidator } from './validator';
import { ARCHIVE_METHODS, type FromWorker, type ToWorker, type WorkerInit } from './protocol';

const SLOW_MS = 40;

function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  const msg = e instanceof Error ? e.message : String(e);
  return { code: ERROR_CODES.INTERNAL, message: `Errore interno dell'archivio: ${msg}` };
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('worker.ts must run as a worker thread');
  const init = workerData as WorkerInit;
  const post = (m: FromWorker) => port.postMessage(m);
  let archive: Archive;
  try {
    const opened = openArchive(init.file, init.backupDir ? { backupDir: init.backupDir } : {});
    archive = new Archive(opened.db, () => new Date(), createValidator());
    post({ kind: 'ready', schemaVersion: opened.schemaVersion, backupFile: opened.backupFile, appliedMigrations: opened.appliedMigrations });
  } catch (e) {
    post({ kind: 'failed', error: toErrorData(e) });
    return;
  }
  const allowed = new Set<string>(ARCHIVE_METHODS);
  port.on('message', (msg: ToWorker) => {
    if (msg.kind === 'close') {
      try {
        archive.db.pragma('optimize');
        archive.db.close();
        post({ kind: 'reply', seq: msg.seq, ok: true, result: null });
      } catch (e) {
        post({ kind: 'reply', seq: msg.seq, ok: false, error: toErrorData(e) });
      }
      port.close();
      return;
    }
    const started = performance.now();
    try {
      if (!allowed.has(msg.method)) throw new AppError({ code: ERROR_CODES.INTERNAL, message: `Metodo d'archivio sconosciuto: ${String(msg.method)}` });
      const fn = archive[msg.method] as (...a: unknown[]) => unknown;
      const result = fn.apply(archive, msg.args);
      post({ kind: 'reply', seq: msg.seq, ok: true, result });
    } catch (e) {
      post({ kind: 'reply', seq: msg.seq, ok: false, error: toErrorData(e) });
    }
    const ms = performance.now() - started;
    if (ms > SLOW_MS) console.warn(`[archivio] ${msg.method} lento: ${ms.toFixed(1)} ms`);
  });
}

main();
