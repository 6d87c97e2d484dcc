/**
 * The backup off the archive worker's thread. `VACUUM INTO` of 100,000 declarations takes seconds; on the worker's
 * own connection it held every other call (the first page of the monitor, at start, waited for the start's backup).
 * The copy is made instead by a second thread of the same bundle, on its own read-only connection: in WAL mode it
 * reads a consistent snapshot while the worker goes on answering and writing. The copy, its check and its rename
 * are `writeBackup`'s, unchanged.
 */
import { Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES, type AppErrorData } from '#shared/errors';
import type { BackupInfo } from '#shared/domain/backup';
import { codecFor, writeBackup } from './backup';
import { openDb } from './cipher';

export interface BackupJob {
  file: string;
  key: string | null;
  dir: string;
  keep: number;
  /** ISO time of the backup (its name). */
  now: string;
}

type Outcome = { ok: true; info: BackupInfo } | { ok: false; error: AppErrorData };

/** Runs in the backup thread: one backup, then the thread ends. */
export async function backupThreadMain(job: BackupJob, post: (o: Outcome) => void): Promise<void> {
  try {
    const db = openDb(job.file, job.key, { readonly: true, fileMustExist: true });
    try {
      post({ ok: true, info: await writeBackup(db, job.dir, { now: new Date(job.now), keep: job.keep, codec: codecFor(job.key) }) });
    } finally {
      db.close();
    }
  } catch (e) {
    post({ ok: false, error: e instanceof AppError ? e.toData() : { code: ERROR_CODES.BACKUP_FAILED, message: `La copia di sicurezza non è riuscita (${e instanceof Error ? e.message : String(e)}).` } });
  }
}

/** Starts the backup thread on `workerFile` (the archive worker's bundle) and waits for its outcome. */
export function runBackupThread(workerFile: string, job: BackupJob): Promise<BackupInfo> {
  return new Promise((resolve, reject) => {
    const w = new Worker(workerFile, { workerData: { backupJob: job } });
    let settled = false;
    w.once('message', (o: Outcome) => {
      settled = true;
      if (o.ok) resolve(o.info);
      else reject(new AppError(o.error));
    });
    w.once('error', (e) => {
      if (settled) return;
      settled = true;
      reject(new AppError({ code: ERROR_CODES.BACKUP_FAILED, message: `La copia di sicurezza non è riuscita (${e.message}).` }));
    });
    w.once('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new AppError({ code: ERROR_CODES.BACKUP_FAILED, message: `La copia di sicurezza si è interrotta (uscita ${code}).` }));
    });
  });
}
