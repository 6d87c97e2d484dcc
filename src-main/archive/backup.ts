/**
 * Copie di sicurezza of the archive (issue 13 point 2). A backup is made by SQLite from a connection to the live
 * archive (the backup thread's own, see ./backup-thread.ts): never a file copy of a live database. It is written under a temporary name (`.partial`), checked
 * (`PRAGMA quick_check`, application_id, the declarations counted), synced to disk and only then renamed to
 * its final name: a backup cut short (kill, power loss, full disk) never carries a name that looks good.
 *
 * The file operations go through a `BackupCodec`, which opens the copies with the archive's key (issue 13 point 3:
 * a copy of an encrypted archive is encrypted with the same key; `PLAIN_CODEC` only for a plain archive).
 *
 * The copy is made with `VACUUM INTO`: a consistent snapshot written by SQLite, encrypted
 * with the archive's own key. (The stepped online backup API cannot write an encrypted copy: SQLite3 Multiple Ciphers
 * refuses a backup into a destination without the key, and better-sqlite3's `backup()` cannot give it one.)
 */
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, ERROR_CODES } from '#shared/errors';
import { fileStamp } from '#shared/util/italian-time';
import type { BackupInfo, IntegrityReport } from '#shared/domain/backup';
import { APPLICATION_ID } from './application-id';
import { createOwnerOnly, openDb, type Db } from './cipher';

/** "archivio-red_20261203-185512.sqlite" (Italian time); "-2", "-3" … for two in the same second. */
const NAME = /^archivio-red_(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.sqlite$/;
const PARTIAL = '.partial';
/**
 * The check at open reads the whole file and holds the worker meanwhile: above this size it is not run at open (on
 * the loaded test machine a 75 MB archive of 100,000 declarations took 2.4 s, over the start-up budget). A larger
 * archive is still checked at each start, without delaying it: the backup made at start copies its pages as they
 * are and checks the copy, and a copy that fails the check reports the archive damaged (BackupService).
 */
export const OPEN_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/** How a copy is opened: with the archive's key (hex), or plain for a plain archive. */
export interface BackupCodec {
  open(file: string, options?: { readonly?: boolean }): Db;
}
export function codecFor(key: string | null): BackupCodec {
  return { open: (file, options = {}) => openDb(file, key, { readonly: options.readonly ?? false, fileMustExist: true }) };
}
export const PLAIN_CODEC: BackupCodec = codecFor(null);

export function isBackupName(name: string): boolean {
  return NAME.test(name);
}

/** Oldest first: by the time in the name, then by its "-2", "-3" … (plain string order would put "-2" first). */
function byAge(a: string, b: string): number {
  const key = (n: string) => {
    const m = NAME.exec(n);
    return m ? `${m.slice(1, 7).join('')}-${(m[7] ?? '1').padStart(6, '0')}` : n;
  };
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

/** The backup names in `dir`, newest first. */
function backupNames(dir: string): string[] {
  return readdirSync(dir).filter(isBackupName).sort(byAge).reverse();
}

function labelOf(name: string): string {
  const m = NAME.exec(name);
  if (!m) return name;
  return `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}:${m[6]}`;
}

function errCode(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
}

export function isDiskFull(e: unknown): boolean {
  const c = errCode(e);
  return c === 'SQLITE_FULL' || c === 'ENOSPC' || c === 'EDQUOT' || c === 'EFBIG';
}

/** The Italian message of a failed write: a full disk has its own. */
export function backupWriteError(e: unknown, dir: string, what: string): AppError {
  if (e instanceof AppError) return e;
  if (isDiskFull(e)) {
    return new AppError({
      code: ERROR_CODES.BACKUP_DISK_FULL,
      message: `Spazio su disco esaurito in ${dir}: ${what} non è stata completata e nessun file parziale è rimasto. L'archivio non è stato modificato. Liberare spazio sul disco e riprovare.`,
    });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new AppError({ code: ERROR_CODES.BACKUP_FAILED, message: `${what[0]!.toUpperCase()}${what.slice(1)} non è riuscita (${msg}). Nessun file parziale è rimasto; l'archivio non è stato modificato.` });
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks a copy: it opens, is a RED Desk archive, passes `quick_check` (when `full`) and its declarations are
 * counted. Returns the count, or throws BAK-02 with the reason.
 */
export function checkCopy(file: string, codec: BackupCodec, full: boolean): number {
  let db: Db | null = null;
  try {
    db = codec.open(file, { readonly: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) throw new Error('non è un archivio RED Desk');
    if (full) {
      const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
      const errors = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
      if (errors.length > 0) throw new Error(`controllo di integrità non superato: ${errors.join('; ')}`);
    }
    return (db.prepare('SELECT count(*) AS n FROM declarations WHERE deleted_at IS NULL').get() as { n: number }).n;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new AppError({ code: ERROR_CODES.BACKUP_DAMAGED, message: `La copia ${basename(file)} non è utilizzabile (${msg}).` });
  } finally {
    db?.close();
  }
}

/** The backups in `dir`, newest first; each opened to count its declarations (a copy that does not open says why). */
export function listBackups(dir: string, codec: BackupCodec = PLAIN_CODEC): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return backupNames(dir).map((name) => {
      const file = join(dir, name);
      let declarations: number | null = null;
      let problem: string | null = null;
      try {
        declarations = checkCopy(file, codec, false);
      } catch (e) {
        problem = e instanceof Error ? e.message : String(e);
      }
      return { name, label: labelOf(name), size: statSync(file).size, declarations, problem };
    });
}

/** Removes the oldest backups beyond `keep` (only files named as backups; the copies made before a migration and
 * the archives set aside by a restore are never touched). Returns the names removed. */
export function rotateBackups(dir: string, keep: number): string[] {
  const names = backupNames(dir);
  const removed = names.slice(keep);
  for (const n of removed) rmSync(join(dir, n), { force: true });
  return removed;
}

/** Leftovers of a backup cut short (a kill, a power loss): never a good copy, removed before the next one. */
function removePartials(dir: string): void {
  for (const n of readdirSync(dir)) if (n.endsWith(PARTIAL) && isBackupName(n.slice(0, -PARTIAL.length))) rmSync(join(dir, n), { force: true });
}

/** A new name, after every backup of the same second (a rotated-away name is never reused: it would sort oldest). */
export function freeName(dir: string, now: Date): string {
  const stamp = fileStamp(now.toISOString());
  const base = `archivio-red_${stamp}`;
  let seq = 0;
  for (const n of readdirSync(dir)) {
    const m = NAME.exec(n.endsWith(PARTIAL) ? n.slice(0, -PARTIAL.length) : n);
    if (m && `${m.slice(1, 4).join('')}-${m.slice(4, 7).join('')}` === stamp) seq = Math.max(seq, Number(m[7] ?? '1'));
  }
  return seq === 0 ? `${base}.sqlite` : `${base}-${seq + 1}.sqlite`;
}

/**
 * One backup of the open archive `db` into `dir`: online backup to `<name>.partial`, made a self-contained
 * single file (journal_mode DELETE), checked, synced, renamed; then the oldest beyond `keep` are removed.
 * On any failure nothing but the good backups remains.
 */
export async function writeBackup(
  db: Db,
  dir: string,
  options: { now: Date; keep: number; codec?: BackupCodec },
): Promise<BackupInfo> {
  const codec = options.codec ?? PLAIN_CODEC;
  let partial: string | null = null;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    removePartials(dir);
    const name = freeName(dir, options.now);
    partial = join(dir, name + PARTIAL);
    createOwnerOnly(partial);
    try {
      db.prepare('VACUUM INTO ?').run(partial);
    } catch (e) {
      // VACUUM INTO reads every row: a damaged archive stops it (where the page-by-page backup copied the damage
      // and the check of the copy found it). Either way: a damaged archive, told as such.
      const c = errCode(e);
      if (!c.startsWith('SQLITE_CORRUPT') && c !== 'SQLITE_NOTADB') throw e;
      throw new AppError({ code: ERROR_CODES.BACKUP_DAMAGED, message: `La copia ${name} non è utilizzabile: l'archivio è danneggiato (${e instanceof Error ? e.message : String(e)}).` });
    }
    const copy = codec.open(partial);
    try {
      // The copy carries the archive's WAL mode in its header: made a single file, readable on its own.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const declarations = checkCopy(partial, codec, true);
    fsyncPath(partial);
    const file = join(dir, name);
    renameSync(partial, file);
    partial = null;
    fsyncPath(dir);
    rotateBackups(dir, options.keep);
    return { name, label: labelOf(name), size: statSync(file).size, declarations, problem: null };
  } catch (e) {
    if (partial) rmSync(partial, { force: true });
    throw backupWriteError(e, dir, 'la copia di sicurezza');
  }
}

/** The newest backup that passes the full check (what a damaged archive is told to restore), or null. */
export function lastGoodBackup(dir: string, codec: BackupCodec = PLAIN_CODEC): BackupInfo | null {
  for (const b of listBackups(dir, codec)) {
    if (b.problem) continue;
    try {
      checkCopy(join(dir, b.name), codec, true);
      return b;
    } catch {
      // damaged: try the one before
    }
  }
  return null;
}

/** The check at open: `quick_check` when the archive is not larger than `maxBytes` (else not run, and said so). */
export function integrityAtOpen(db: Db, file: string, maxBytes = OPEN_CHECK_MAX_BYTES): IntegrityReport {
  const started = performance.now();
  const size = existsSync(file) ? statSync(file).size : 0;
  if (size > maxBytes) return { ok: true, checked: false, errors: [], ms: 0 };
  try {
    const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
    const errors = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return { ok: errors.length === 0, checked: true, errors, ms: performance.now() - started };
  } catch (e) {
    return { ok: false, checked: true, errors: [e instanceof Error ? e.message : String(e)], ms: performance.now() - started };
  }
}

/** The name the current archive is kept under when a backup replaces it (never deleted). */
export function asideName(archiveFile: string, now: Date): string {
  const stem = basename(archiveFile).replace(/\.sqlite$/, '');
  return join(dirname(archiveFile), `${stem}.prima-del-ripristino_${fileStamp(now.toISOString())}.sqlite`);
}

/**
 * Puts a checked backup in place of the archive (the archive's worker is stopped): the backup is copied next to
 * the archive under a temporary name and synced; the current archive (with its -wal/-shm, if any) is renamed
 * aside; the copy is renamed to the archive's name. Returns the aside name; `undoSwap` puts it back.
 */
export function swapInBackup(archiveFile: string, backupFile: string, now: Date): string {
  const tmp = `${archiveFile}.ripristino${PARTIAL}`;
  const aside = asideName(archiveFile, now);
  try {
    rmSync(tmp, { force: true });
    copyFileSync(backupFile, tmp);
    chmodSync(tmp, 0o600);
    fsyncPath(tmp);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw backupWriteError(e, dirname(archiveFile), 'il ripristino');
  }
  renameSync(archiveFile, aside);
  for (const s of ['-wal', '-shm']) if (existsSync(archiveFile + s)) renameSync(archiveFile + s, aside + s);
  renameSync(tmp, archiveFile);
  fsyncPath(dirname(archiveFile));
  return aside;
}

export function undoSwap(archiveFile: string, aside: string): void {
  rmSync(archiveFile, { force: true });
  for (const s of ['-wal', '-shm']) {
    rmSync(archiveFile + s, { force: true });
    if (existsSync(aside + s)) renameSync(aside + s, archiveFile + s);
  }
  renameSync(aside, archiveFile);
}
