/**
 * Encryption at rest (issue 13 point 3): the one place that opens an SQLite file of the desk. The archive and
 * its backups are SQLCipher 4 files (better-sqlite3-multiple-ciphers, `cipher = 'sqlcipher'`), keyed with a
 * raw 256-bit key (hex): the key is already derived (scrypt) or random, so SQLCipher's own PBKDF2 is not run
 * again at every open. `key: null` opens a plain file (only the migration of an old plain archive does that).
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';

export type Db = Database.Database;
export { Database };

const HEX_KEY = /^[0-9a-f]{64}$/;

/** The first 16 bytes of a plain SQLite file ("SQLite format 3\0"); an encrypted file starts with its salt. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function assertHexKey(key: string): void {
  if (!HEX_KEY.test(key)) throw new Error('chiave dell\'archivio non valida (attesi 64 caratteri esadecimali)');
}

/** Sets the key on a connection just opened (before anything else is read or written). */
export function applyKey(db: Db, key: string): void {
  assertHexKey(key);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${key}'"`);
}

/** Opens `file` with the key (or plain with null); secure_delete on, so deleted rows are overwritten. */
export function openDb(file: string, key: string | null, options: Database.Options = {}): Db {
  const db = new Database(file, options);
  try {
    if (key) applyKey(db, key);
    if (!options.readonly) db.pragma('secure_delete = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** True when `file` is a plain (unencrypted) SQLite database: it starts with SQLite's own header. */
export function isPlainSqlite(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    return n === 16 && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}

/** Creates `file` empty and owner-only (0600) when it does not exist, so SQLite (and its -wal/-shm, which take
 * the database's mode) never writes it readable by other users. */
export function createOwnerOnly(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
}

/** Encrypts a plain database in place with `key` (SQLite3 Multiple Ciphers' rekey: every page rewritten in one
 * transaction; it needs a rollback journal, so the connection is put in journal_mode DELETE first). */
export function encryptInPlace(db: Db, key: string): void {
  assertHexKey(key);
  db.pragma('journal_mode = DELETE');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`rekey = "x'${key}'"`);
}
