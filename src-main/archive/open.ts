import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, ERROR_CODES } from '#shared/errors';
import { DESK_MIGRATIONS, LATEST_SCHEMA_VERSION, assertMigrationsOrdered, type Migration } from './migrations';
import { APPLICATION_ID } from './application-id';
import { assertHexKey, createOwnerOnly, encryptInPlace, isPlainSqlite, openDb, type Db } from './cipher';
import { checkCopy, codecFor, freeName } from './backup';
import { archiveInUse, takeArchiveLock } from './lock';

export { APPLICATION_ID };

export interface OpenOptions {
  migrations?: readonly Migration[];
  /** Where backups go; default `<archive dir>/backup`. */
  backupDir?: string;
  /** Clock for backup names (tests). */
  now?: () => Date;
  /** How long to wait for a lock held by someone else before refusing. */
  busyTimeoutMs?: number;
  /**
   * The archive key (64 hex digits; issue 13 point 3). The desk always gives one (src-main/services/archive-key.ts);
   * null opens a plain archive (tests of the layers below the key). A plain archive opened with a key is encrypted
   * once, after an encrypted backup of it (`encryptPlainArchive`).
   */
  key?: string | null;
}

export interface OpenedArchive {
  db: Db;
  schemaVersion: number;
  /** Backup written before migrating, if any. */
  backupFile: string | null;
  appliedMigrations: string[];
  /** Set when this open encrypted a plain archive: the backup taken first (encrypted too). */
  encryptedFrom: string | null;
}

function sqliteCode(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : '';
}

function refuse(code: string, message: string): AppError {
  return new AppError({ code, message, field: 'archivio' });
}

function translateOpenError(e: unknown, file: string, keyed = false): AppError {
  if (e instanceof AppError) return e;
  const code = sqliteCode(e);
  if (keyed && code === 'SQLITE_NOTADB') {
    return refuse(
      ERROR_CODES.ARCHIVE_KEY_WRONG,
      `L'archivio ${file} non si apre con questa chiave: la passphrase non è quella dell'archivio, oppure il file è danneggiato. Il file non è stato modificato; ripristinare una copia di sicurezza o contattare l'assistenza.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return archiveInUse(file);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' || code === 'SQLITE_PERM') {
    return refuse(
      ERROR_CODES.ARCHIVE_UNREADABLE,
      `L'archivio ${file} non è leggibile (${code}): il file è danneggiato, non è un archivio RED Desk o non si hanno i permessi. Il file non è stato modificato; ripristinare una copia di sicurezza o contattare l'assistenza.`,
    );
  }
  const msg = e instanceof Error ? e.message : String(e);
  return refuse(ERROR_CODES.ARCHIVE_UNREADABLE, `Impossibile aprire l'archivio ${file}: ${msg}. Il file non è stato modificato.`);
}

function backupName(file: string, version: number, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${basename(file)}.${stamp}.v${version}.bak`;
}

/** Read-only checks first: nothing is written until we know the file is ours and not newer. Returns user_version. */
function checkOurs(db: Db, file: string, existed: boolean, latest: number): { version: number; tables: number } {
  const version = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }).n;
  if (existed && tables > 0 && appId !== APPLICATION_ID) {
    throw refuse(
      ERROR_CODES.ARCHIVE_NOT_RED,
      `Il file ${file} è un database SQLite ma non un archivio RED Desk. Il file non è stato modificato.`,
    );
  }
  if (version > latest) {
    throw refuse(
      ERROR_CODES.ARCHIVE_NEWER,
      `L'archivio ${file} è stato aggiornato da una versione più recente di RED Desk (schema ${version}; questa versione gestisce fino allo schema ${latest}). Aggiornare RED Desk: il file non è stato modificato.`,
    );
  }
  return { version, tables };
}

/**
 * A plain archive met with a key (the first start after encryption came in): encrypted in place, once, after a
 * backup. The backup is a `VACUUM INTO` copy of the plain archive, encrypted with the key before it gets its
 * backup name and checked with the key; then the archive itself is rekeyed (SQLite3 Multiple Ciphers rewrites
 * every page encrypted, in one transaction) and vacuumed, so no page of it stays in clear. Returns the backup.
 * A refusal (not ours, newer, locked) changes nothing.
 */
function encryptPlainArchive(file: string, key: string, backupDir: string, latest: number, now: Date, busyTimeoutMs: number): string {
  const plain = openDb(file, null, { timeout: busyTimeoutMs });
  try {
    checkOurs(plain, file, true, latest);
    plain.pragma('locking_mode = EXCLUSIVE');
    plain.pragma('wal_checkpoint(TRUNCATE)');
    // Rekeying needs a rollback journal (not WAL); journal_mode is set back to WAL by the open that follows.
    plain.pragma('journal_mode = DELETE');
    mkdirSync(backupDir, { recursive: true, mode: 0o700 });
    const name = freeName(backupDir, now);
    const partial = join(backupDir, `${name}.partial`);
    try {
      rmSync(partial, { force: true });
      createOwnerOnly(partial);
      plain.prepare('VACUUM INTO ?').run(partial);
      const copy = openDb(partial, null, { fileMustExist: true });
      try {
        encryptInPlace(copy, key);
      } finally {
        copy.close();
      }
      checkCopy(partial, codecFor(key), true);
      renameSync(partial, join(backupDir, name));
    } catch (e) {
      rmSync(partial, { force: true });
      throw e;
    }
    encryptInPlace(plain, key);
    plain.exec('VACUUM');
    encryptPlainCopies([dirname(file), backupDir], file, key);
    return join(backupDir, name);
  } finally {
    plain.close();
  }
}

/** The copies left in clear by earlier versions (backups, copies made before a migration or set aside by a
 * restore): rekeyed in place with the archive's key, so that no copy of the archive stays readable. */
function encryptPlainCopies(dirs: string[], archive: string, key: string): void {
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const n of readdirSync(dir)) {
      const f = join(dir, n);
      if (f === archive || !/\.(sqlite|bak)$/.test(n) || !isPlainSqlite(f)) continue;
      const copy = openDb(f, null, { fileMustExist: true });
      try {
        const appId = copy.pragma('application_id', { simple: true }) as number;
        if (appId !== APPLICATION_ID) continue;
        encryptInPlace(copy, key);
        copy.exec('VACUUM');
      } finally {
        copy.close();
      }
      chmodSync(f, 0o600);
    }
  }
}

/**
 * Opens (creating if needed) the desk archive: checks that the file is a RED Desk archive this version
 * can handle, takes the archive for this process only (the lock file of ./lock.ts), backs the file up and applies
 * pending migrations in one transaction. Any refusal leaves the file exactly as it was.
 */
export function openArchive(file: string, options: OpenOptions = {}): OpenedArchive {
  const migrations = options.migrations ?? DESK_MIGRATIONS;
  assertMigrationsOrdered(migrations);
  const latest = migrations.length;
  const now = options.now ?? (() => new Date());
  const key = options.key ?? null;
  if (key) assertHexKey(key);
  const timeout = options.busyTimeoutMs ?? 1500;
  const backupDir = options.backupDir ?? join(dirname(file), 'backup');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const existed = existsSync(file) && statSync(file).size > 0;
  let encryptedFrom: string | null = null;
  let release: () => void;
  try {
    // This process owns the archive: a second desk on the same file is refused instead of racing it.
    release = takeArchiveLock(file, timeout);
  } catch (e) {
    throw translateOpenError(e, file);
  }
  try {
    // Owner-only: a new archive is created 0600 (its -wal/-shm take the same mode); an older one is narrowed.
    if (existed) chmodSync(file, 0o600);
    else createOwnerOnly(file);
    if (key && existed && isPlainSqlite(file)) encryptedFrom = encryptPlainArchive(file, key, backupDir, latest, now(), timeout);
  } catch (e) {
    release();
    throw translateOpenError(e, file);
  }

  let db: Db;
  try {
    db = openDb(file, key, { timeout });
  } catch (e) {
    release();
    throw translateOpenError(e, file, key !== null);
  }
  // Closing the archive frees it for the next desk.
  const close = db.close.bind(db);
  db.close = () => {
    try {
      return close();
    } finally {
      release();
    }
  };
  try {
    const { version, tables } = checkOurs(db, file, existed, latest);

    // Normal locking (the lock file keeps other processes out): the backup thread reads a snapshot beside the
    // worker's writes (WAL).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // 32 MiB of page cache (SQLite's default is 2 MiB): the monitor's indexes stay in memory, and an encrypted
    // archive does not decrypt the same pages again at every search (bench/cipher.ts).
    db.pragma('cache_size = -32768');

    let backupFile: string | null = null;
    const pending = migrations.filter((m) => m.version > version);
    if (pending.length > 0 && existed && tables > 0) {
      const dir = backupDir;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      backupFile = join(dir, backupName(file, version, now()));
      // A consistent copy of the whole database (WAL included), written before any migration step. Written
      // under a temporary name and renamed once complete: a backup cut short (power loss, kill) is never
      // left under a name that looks like a good copy.
      const partial = `${backupFile}.partial`;
      rmSync(partial, { force: true });
      createOwnerOnly(partial);
      db.prepare('VACUUM INTO ?').run(partial);
      renameSync(partial, backupFile);
    }
    const apply = db.transaction(() => {
      for (const m of pending) {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      }
      db.pragma(`application_id = ${APPLICATION_ID}`);
    });
    try {
      if (pending.length > 0) apply();
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw refuse(
        ERROR_CODES.ARCHIVE_MIGRATION,
        `Aggiornamento dell'archivio non riuscito (${msg}). Nessuna modifica è stata applicata${backupFile ? `; copia di sicurezza: ${backupFile}` : ''}.`,
      );
    }
    return {
      db,
      schemaVersion: Math.max(version, pending.at(-1)?.version ?? version),
      backupFile,
      appliedMigrations: pending.map((m) => m.name),
      encryptedFrom,
    };
  } catch (e) {
    db.close();
    throw translateOpenError(e, file, key !== null);
  }
}

export { LATEST_SCHEMA_VERSION };
