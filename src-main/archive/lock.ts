/**
 * One desk per archive. The archive itself is opened in SQLite's normal locking mode (WAL), so that a second
 * connection of this same process — the backup thread — can read a consistent snapshot while the archive worker
 * goes on writing. Another process is kept out by a small lock database next to the archive
 * (`archivio-red.sqlite.lock`, empty), on which the archive's owner holds an exclusive transaction for as long
 * as the archive is open; the operating system drops that lock when the process ends, however it ends (kill -9
 * included), so a crash never leaves a stale lock behind. The same scheme as the server's SQLite store.
 */
import { AppError, ERROR_CODES } from '#shared/errors';
import { createOwnerOnly, openDb } from './cipher';

export const LOCK_SUFFIX = '.lock';

function sqliteCode(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
}

/** The refusal of an archive another program holds. */
export function archiveInUse(file: string): AppError {
  return new AppError({
    code: ERROR_CODES.ARCHIVE_LOCKED,
    field: 'archivio',
    message: `L'archivio ${file} è in uso da un altro programma (forse un'altra finestra di RED Desk). Chiudere l'altro programma e riprovare: il file non è stato modificato.`,
  });
}

/** Takes the archive `file` for this process (waiting up to `timeoutMs`); returns the function that frees it. */
export function takeArchiveLock(file: string, timeoutMs: number): () => void {
  const path = file + LOCK_SUFFIX;
  createOwnerOnly(path);
  const lock = openDb(path, null, { timeout: timeoutMs });
  try {
    lock.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    lock.close();
    const code = sqliteCode(e);
    if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED')) throw e;
    throw archiveInUse(file);
  }
  return () => {
    if (lock.open) lock.close(); // ends the exclusive transaction: the archive is free for the next desk
  };
}
