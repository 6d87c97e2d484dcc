import pg from 'pg';

/**
 * PostgreSQL for the benches: DATABASE_URL, as for the test suite (.ci/run starts one with scripts/pg-up.sh).
 * A bench measuring on PostgreSQL asks `postgresUnavailable` first and, when it answers a reason, skips those
 * measures with a row saying why; each measure runs on a fresh schema (`withSchema`), dropped afterwards.
 */

/** Why PostgreSQL cannot be used, or null when it can. */
export async function postgresUnavailable(url: string | undefined): Promise<string | null> {
  if (!url) return 'DATABASE_URL not set (eval "$(bash scripts/pg-up.sh)" starts a throwaway one)';
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    const u = new URL(url);
    u.password = '';
    return `PostgreSQL not reachable at ${u.toString()}: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** A fresh schema for one measure, selected through the URL (as tests/server/helpers/db.ts does). */
export async function withSchema<T>(url: string, prefix: string, fn: (schemaUrl: string) => Promise<T>): Promise<T> {
  const schema = `${prefix}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    return await fn(u.toString());
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
