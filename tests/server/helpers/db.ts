import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The dialects the server suite runs on: SQLite always, PostgreSQL when DATABASE_URL is set (CI: .ci/run starts
 * one with scripts/pg-up.sh). Each test gets a fresh database: a temporary directory (SQLite) or a new random
 * schema selected through the URL's `options=-c search_path=…` (PostgreSQL), dropped afterwards.
 */
export type Dialect = 'sqlite' | 'postgres';
if (process.env.RED_DESK_TEST_REQUIRE_PG === '1' && !process.env.DATABASE_URL) {
  // CI (.ci/run) sets this: without PostgreSQL the dialect tests would vanish instead of failing.
  throw new Error('RED_DESK_TEST_REQUIRE_PG=1 ma DATABASE_URL non impostato: i test su PostgreSQL non possono girare');
}
export const DIALECTS: Dialect[] = process.env.DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface FreshDb {
  dialect: Dialect;
  /** For the server: undefined = SQLite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

export async function freshDb(dialect: Dialect): Promise<FreshDb> {
  const dataDir = mkdtempSync(join(tmpdir(), 'red-server-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') return { dialect, databaseUrl: undefined, dataDir, drop: async () => removeDir() };
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL non impostato');
  const schema = `t_${Math.random().toString(36).slice(2, 12)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    dialect,
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
      removeDir();
    },
  };
}
