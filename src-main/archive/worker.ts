/**
 * The archive worker: the only thread that touches the SQLite file. Requests arrive with a `seq` id and
 * are answered in order; errors cross as data ({ code, message, field }).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { AppError, ERROR_CODES, type AppErrorData } from '#shared/errors';
import { Archive } from './archive';
import { openArchive } from './open';
import { createValidator } from './validator';
import { ARCHIVE_METHODS, type BackupOps, type FromWorker, type ToWorker, type WorkerInit } from './protocol';
import { checkCopy, codecFor, integrityAtOpen, isBackupName, lastGoodBackup, listBackups, type BackupCodec } from './backup';
import { backupThreadMain, runBackupThread, type BackupJob } from './backup-thread';

const SLOW_MS = 40;

function toErrorData(e: unknown): AppErrorData {
  if (e instanceof AppError) return e.toData();
  const msg = e instanceof Error ? e.message : String(e);
  return { code: ERROR_CODES.INTERNAL, message: `Errore interno dell'archivio: ${msg}` };
}

/** The backup operations; one backup at a time, made by a thread of its own (./backup-thread.ts). */
function backupOps(init: WorkerInit, dir: string, codec: BackupCodec): BackupOps {
  let running = false;
  const named = (name: string) => {
    if (!isBackupName(name)) throw new AppError({ code: ERROR_CODES.BACKUP_FAILED, message: `«${name}» non è il nome di una copia di sicurezza.` });
    return join(dir, name);
  };
  return {
    async run(keep) {
      if (running) throw new AppError({ code: ERROR_CODES.BACKUP_FAILED, message: 'Una copia di sicurezza è già in corso: attendere che finisca.' });
      running = true;
      try {
        return await runBackupThread(__filename, { file: init.file, key: init.key ?? null, dir, keep, now: new Date().toISOString() });
      } finally {
        running = false;
      }
    },
    list: () => listBackups(dir, codec),
    verify(name) {
      const info = listBackups(dir, codec).find((b) => b.name === name);
      if (!info) throw new AppError({ code: ERROR_CODES.BACKUP_FAILED, message: `La copia di sicurezza ${named(name)} non esiste più.` });
      return { ...info, declarations: checkCopy(named(name), codec, true), problem: null };
    },
    lastGood: () => lastGoodBackup(dir, codec),
  };
}

/** An unreadable archive: the message names the last good backup, to restore from. */
function withLastGood(e: unknown, dir: string, codec: BackupCodec): unknown {
  if (!(e instanceof AppError) || e.code !== ERROR_CODES.ARCHIVE_UNREADABLE) return e;
  const good = lastGoodBackup(dir, codec);
  const hint = good ? ` Ultima copia di sicurezza valida: ${good.label} (${join(dir, good.name)}).` : ' Non ci sono copie di sicurezza valide.';
  return new AppError({ ...e.toData(), message: e.message + hint });
}

function main(): void {
  const port = parentPort;
  if (!port) throw new Error('worker.ts must run as a worker thread');
  const init = workerData as WorkerInit;
  const post = (m: FromWorker) => port.postMessage(m);
  let archive: Archive;
  let backups: BackupOps;
  const backupDir = init.backupDir ?? join(dirname(init.file), 'backup');
  const codec = codecFor(init.key ?? null);
  try {
    const opened = openArchive(init.file, { backupDir, key: init.key ?? null });
    const integrity = integrityAtOpen(opened.db, init.file, init.openCheckMaxBytes);
    archive = new Archive(opened.db, () => new Date(), createValidator());
    backups = backupOps(init, backupDir, codec);
    post({ kind: 'ready', schemaVersion: opened.schemaVersion, backupFile: opened.backupFile ?? opened.encryptedFrom, appliedMigrations: opened.appliedMigrations, integrity });
  } catch (e) {
    post({ kind: 'failed', error: toErrorData(withLastGood(e, backupDir, codec)) });
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
    if (msg.kind === 'backup') {
      // Asynchronous: the backup runs in its own thread; other calls are answered meanwhile.
      void (async () => {
        try {
          const fn = Object.hasOwn(backups, msg.op) ? (backups[msg.op] as (...a: unknown[]) => unknown) : undefined;
          if (typeof fn !== 'function') throw new AppError({ code: ERROR_CODES.INTERNAL, message: `Operazione di copia sconosciuta: ${String(msg.op)}` });
          post({ kind: 'reply', seq: msg.seq, ok: true, result: await fn.apply(backups, msg.args) });
        } catch (e) {
          post({ kind: 'reply', seq: msg.seq, ok: false, error: toErrorData(e) });
        }
      })();
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

// The same bundle runs the backup thread (./backup-thread.ts) when started with a backup job.
const job = (workerData as { backupJob?: BackupJob } | null)?.backupJob;
if (job) void backupThreadMain(job, (o) => parentPort?.postMessage(o));
else main();
