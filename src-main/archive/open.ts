import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError, ERROR_CODES } from '#shared/errors';
import { DESK_MIGRATIONS, LATEST_SCHEMA_VERSION, assertMigrationsOrdered, type Migration } from './migrations';
import { APPLICATION_ID } from './application-id';

export { APPLICATION_ID };

export interface OpenOptions {
  migrations?: readonly Migration[];
  /** Where backups go; default `<archive dir>/backup`. */
  backupDir?: string;
  /** Clock for backup names (tests). */
  now?: () => Date;
  /** How long to wait for a lock held by someone else before refusing. */
  busyTimeoutMs?: number;
}

export interface OpenedArchive {
  db: Database.Database;
  schemaVersion: number;
  /** Backup written before migrating, if any. */
  backupFile: string | null;
  appliedMigrations: string[];
}

function sqliteCode(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : '';
}

function refuse(code: string, message: string): AppError {
  return new AppError({ code, message, field: 'archivio' });
}

function translateOpenError(e: unknown, file: string): AppError {
  if (e instanceof AppError) return e;
  const code = sqliteCode(e);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return refuse(
      ERROR_CODES.ARCHIVE_LOCKED,
      `L'archivio ${file} è in uso da un altro programma (forse un'altra finestra di RED Desk). Chiudere l'altro programma e riprovare: il file non è stato modificato.`,
    );
  }
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

/**
 * Opens (creating if needed) the desk archive: checks that the file is a RED Desk archive this version
 * can handle, takes the archive for this process only (exclusive lock), backs the file up and applies
 * pending migrations in one transaction. Any refusal leaves the file exactly as it was.
 */
export function openArchive(file: string, options: OpenOptions = {}): OpenedArchive {
  const migrations = options.migrations ?? DESK_MIGRATIONS;
  assertMigrationsOrdered(migrations);
  const latest = migrations.length;
  const now = options.now ?? (() => new Date());
  mkdirSync(dirname(file), { recursive: true });
  const existed = existsSync(file) && statSync(file).size > 0;

  let db: Database.Database;
  try {
    db = new Database(file, { timeout: options.busyTimeoutMs ?? 1500 });
  } catch (e) {
    throw translateOpenError(e, file);
  }
  try {
    // Read-only checks first: nothing is written until we know the file is ours and not newer.
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

    // This process owns the archive: a second desk on the same file is refused instead of racing it.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.exec('BEGIN IMMEDIATE; COMMIT;'); // takes the lock now

    let backupFile: string | null = null;
    const pending = migrations.filter((m) => m.version > version);
    if (pending.length > 0 && existed && tables > 0) {
      const dir = options.backupDir ?? join(dirname(file), 'backup');
      mkdirSync(dir, { recursive: true });
      backupFile = join(dir, backupName(file, version, now()));
      // A consistent copy of the whole database (WAL included), written before any migration step. Written
      // under a temporary name and renamed once complete: a backup cut short (power loss, kill) is never
      // left under a name that looks like a good copy.
      const partial = `${backupFile}.partial`;
      rmSync(partial, { force: true });
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
    };
  } catch (e) {
    db.close();
    throw translateOpenError(e, file);
  }
}

export { LATEST_SCHEMA_VERSION };
