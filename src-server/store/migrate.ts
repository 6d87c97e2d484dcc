import { sql, type Kysely } from 'kysely';
import m0001 from '#migrations/server/0001_init.sql';
import m0002 from '#migrations/server/0002_job_leases.sql';
import m0003 from '#migrations/server/0003_sblocco.sql';
import m0004 from '#migrations/server/0004_desks_disabled.sql';
import m0005 from '#migrations/server/0005_console.sql';
import m0006 from '#migrations/server/0006_declaration_keys.sql';
import type { Store } from './db';
import { ensureInstanceId } from './settings';
import type { ServerDb } from './schema';

/**
 * Server migrations: plain SQL files migrations/server/NNNN_name.sql, valid on SQLite and PostgreSQL, embedded
 * at build time. Append only; a test checks every file in the folder is listed. The version lives in a
 * one-row `schema_version` table on both dialects (SQLite's `user_version` has no PostgreSQL twin).
 */
export interface ServerMigration {
  version: number;
  name: string;
  sql: string;
}

export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  { version: 1, name: '0001_init', sql: m0001 },
  { version: 2, name: '0002_job_leases', sql: m0002 },
  { version: 3, name: '0003_sblocco', sql: m0003 },
  { version: 4, name: '0004_desks_disabled', sql: m0004 },
  { version: 5, name: '0005_console', sql: m0005 },
  { version: 6, name: '0006_declaration_keys', sql: m0006 },
];
export const LATEST_SERVER_SCHEMA = SERVER_MIGRATIONS.length;

/** Splits a migration file into statements: each ends with ';' at the end of a line; `--` comment lines dropped. */
export function splitStatements(text: string): string[] {
  const lines = text.split(/\r?\n/).filter((l) => !/^\s*--/.test(l));
  return lines
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export class SchemaTooNewError extends Error {}

/** The PostgreSQL advisory lock key held while migrating (any fixed number; "RED" in ASCII). */
const MIGRATION_LOCK_KEY = 0x524544;

/**
 * Applies the pending migrations in ONE transaction (DDL is transactional on both dialects), so a failure
 * leaves the schema as it was. Refuses a database written by a newer server. Returns the schema version.
 */
export async function migrate(store: Store, migrations: readonly ServerMigration[] = SERVER_MIGRATIONS): Promise<number> {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrazioni del server non in ordine: attesa la versione ${i + 1}, trovata ${m.version} (${m.name}).`);
  });
  const latest = migrations.length;
  return store.db.transaction().execute(async (trx) => {
    // PostgreSQL: servers starting together on an empty database would race on creating schema_version (two
    // concurrent CREATE TABLE IF NOT EXISTS can fail on a duplicate type name) and would both see version 0; a
    // transaction-scoped advisory lock makes the others wait and then see the first one's table and version.
    // SQLite: the file has a single writer anyway.
    if (store.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL, applied_at TEXT NOT NULL)`.execute(trx);
    const current = await currentVersion(trx);
    if (current > latest) {
      throw new SchemaTooNewError(
        `Il database del server è allo schema ${current}, questa versione del server gestisce fino allo schema ${latest}: aggiornare il server. Nessuna modifica applicata.`,
      );
    }
    for (const m of migrations.filter((x) => x.version > current)) {
      for (const statement of splitStatements(m.sql)) await sql.raw(statement).execute(trx);
    }
    if (latest > current) {
      const row = { id: 1, version: latest, applied_at: new Date().toISOString() };
      if (current === 0) await trx.insertInto('schema_version').values(row).execute();
      else await trx.updateTable('schema_version').set(row).where('id', '=', 1).execute();
      // The server's identity is born with the schema, in the same transaction (no second write at start-up).
      await ensureInstanceId(trx);
    }
    return Math.max(current, latest);
  });
}

export async function currentVersion(db: Kysely<ServerDb>): Promise<number> {
  const row = await db.selectFrom('schema_version').select('version').where('id', '=', 1).executeTakeFirst();
  return row?.version ?? 0;
}
