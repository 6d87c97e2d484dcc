import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { ServerDb } from './schema';

/**
 * Storage of the central server: Kysely over SQLite (a file in the data dir, zero set-up) or PostgreSQL (when
 * DATABASE_URL is set). The code above this module is the same for both; the differences are here, in
 * migrate.ts and in the comments of migrations/server/0001_init.sql.
 */
export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<ServerDb>;
  dialect: DialectName;
  /** The SQLite file, or the PostgreSQL URL without its password (for logs). */
  location: string;
  /** Runs `fn` in one transaction; retried on PostgreSQL serialization failures and deadlocks. */
  transaction<T>(fn: (trx: Transaction<ServerDb>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… → PostgreSQL; empty → SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL connection pool size. */
  poolSize?: number;
}

export const SQLITE_FILE = 'red-server.sqlite';
/** Held (an open exclusive transaction) by the one server process using the SQLite file of the same folder. */
export const SQLITE_LOCK_FILE = 'red-server.lock';

/** The SQLite store is already used by another server process (or another store in this one). */
export class StoreInUseError extends Error {}
/** The server's exit code when it refuses to start on a SQLite store already in use. */
export const EXIT_STORE_IN_USE = 3;

export function openStore(options: StoreOptions): Store {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize ?? 10) : openSqlite(options.dataDir);
}

/**
 * SQLite is the single-process embedded default: one server process per file. The process holds an exclusive
 * transaction on a small lock database next to the file for as long as the store is open; the operating system
 * drops that lock when the process ends, however it ends (kill -9 included), so a crash never leaves a stale
 * lock behind. A second process (or a second store in the same process) is refused at once.
 */
function lockSqlite(dataDir: string, file: string): Database.Database {
  const lock = new Database(join(dataDir, SQLITE_LOCK_FILE), { timeout: 0 });
  try {
    lock.exec('BEGIN EXCLUSIVE');
    return lock;
  } catch (e) {
    lock.close();
    if (!/^SQLITE_BUSY/.test(sqlState(e))) throw e;
    throw new StoreInUseError(
      `L'archivio SQLite del server ${file} è già in uso da un altro processo del server. Con SQLite il server funziona ` +
        'come un solo processo: fermare l’altro processo, oppure, per più istanze, usare PostgreSQL (DATABASE_URL).',
    );
  }
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, SQLITE_FILE);
  const lock = lockSqlite(dataDir, file);
  let database: Database.Database | undefined;
  try {
    database = new Database(file, { timeout: 5000 });
    // SQLite: WAL (readers don't block the writer), FULL sync (an acknowledged transmission survives a power cut),
    // foreign keys are off by default and must be switched on per connection. better-sqlite3 is synchronous and
    // Kysely's SqliteDriver serialises all queries on this one connection: transactions never interleave.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
  } catch (e) {
    database?.close();
    lock.close();
    throw e;
  }
  const db = new Kysely<ServerDb>({ dialect: new SqliteDialect({ database }) });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    transaction: (fn) => db.transaction().execute(fn),
    async close() {
      try {
        await db.destroy();
      } finally {
        if (lock.open) lock.close(); // ends the exclusive transaction: the file is free for the next process
      }
    },
  };
}

/** SQLSTATEs worth retrying the whole transaction for (PostgreSQL). */
const RETRYABLE = new Set(['40001', '40P01']);

function openPostgres(url: string, max: number): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // PostgreSQL: count(*) and sums are BIGINT, which pg returns as strings; our numbers stay far below 2^53,
    // so int8 is parsed to a number for this pool only (not globally).
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', (e) => console.error('[store] errore di una connessione PostgreSQL inattiva:', e.message));
  const db = new Kysely<ServerDb>({ dialect: new PostgresDialect({ pool }) });
  const u = new URL(url);
  u.password = '';
  return {
    db,
    dialect: 'postgres',
    location: u.toString(),
    async transaction(fn) {
      // READ COMMITTED (the default) with conditional updates (`… WHERE status = 'TRASM_CGN'`) and a per-desk
      // counter row; a deadlock or serialization failure aborts one side, which simply runs again.
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(fn);
        } catch (e) {
          if (attempt >= 5 || !RETRYABLE.has(sqlState(e))) throw e;
          await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
        }
      }
    },
    close: () => db.destroy(),
  };
}

function sqlState(e: unknown): string {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

/** A unique/primary key violation: PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_PRIMARYKEY / _UNIQUE. */
export function isUniqueViolation(e: unknown): boolean {
  const c = sqlState(e);
  return c === '23505' || c === 'SQLITE_CONSTRAINT_PRIMARYKEY' || c === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** ISO-8601 UTC with milliseconds: the only time format stored (TEXT, sorts chronologically). */
export const nowIso = (): string => new Date().toISOString();

/** Splits `items` in chunks (bulk inserts stay under both dialects' bound-parameter limits). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
