/**
 * The server's migrations as real upgrades, on SQLite and PostgreSQL: for every migration N ≥ 2 in
 * migrations/server (none yet: the list below grows by itself), a database built by the real migrations up to
 * N-1 and filled with realistic rows is migrated to N and every row is still there. And the real server
 * process killed (SIGKILL) in the middle of its start-up migration: the database holds all of the migration
 * or none of it, and the next start completes it.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, SQLITE_FILE, type Store } from '#server/store/db';
import { migrate, SERVER_MIGRATIONS, splitStatements } from '#server/store/migrate';
import { ADMIN_TOKEN } from './helpers/client';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { REPO, startServerProcess } from './helpers/processes';

const now = '2009-05-04T08:30:00.000Z';

/** Schema 1 rows as the server writes them: two desks, a transmission with its items, declarations in every
 * status with their versions, the change feed, the CAF lists, an INPS batch and a setting. */
async function seedV1(store: Store): Promise<void> {
  const db = store.db;
  const run = (text: string) => sql.raw(text).execute(db);
  await run(`INSERT INTO desks (id, name, secret_salt, secret_hash, change_seq, created_at) VALUES ('sportello-1', 'Sportello 1', 'aa', 'bb', 6, '${now}'), ('sportello-2', 'Sportello 2', 'cc', 'dd', 0, '${now}')`);
  await run(`INSERT INTO transmissions (desk_id, id, received_at, request_hash, item_count, response) VALUES ('sportello-1', 't1', '${now}', 'h1', 6, '{"items":[]}')`);
  const statuses = ['TRASM_CGN', 'SCART_CAF', 'SCARTATA', 'TRASM_INPS', 'RICEVUTA', 'RITIRATA'];
  for (const [i, status] of statuses.entries()) {
    const cf = `RSSMRA4${i}A01H501X`;
    await run(`INSERT INTO transmission_items (desk_id, transmission_id, position, declaration_key, version, codice_fiscale, cognome_nome, outcome) VALUES ('sportello-1', 't1', ${i}, 'k${i}', 1, '${cf}', 'ROSSI MARIA', '${status === 'SCART_CAF' ? 'refused' : 'accepted'}')`);
    await run(
      `INSERT INTO declarations (id, desk_id, declaration_key, version, progressivo, tipo, matricola, codice_fiscale, cognome_nome, status, scarto, inps_batch_id, received_at, updated_at)
       VALUES ('d${i}', 'sportello-1', 'k${i}', 1, ${i + 1}, 'N', 'M${i}', '${cf}', 'ROSSI MARIA', '${status}', ${status.startsWith('SCART') ? `'{"code":"9203"}'` : 'NULL'}, ${['TRASM_INPS', 'RICEVUTA', 'SCARTATA'].includes(status) ? "'b1'" : 'NULL'}, '${now}', '${now}')`,
    );
    await run(`INSERT INTO declaration_versions (id, declaration_id, version, transmission_id, document, received_at) VALUES ('v${i}', 'd${i}', 1, 't1', '{"anagrafica":{}}', '${now}')`);
    await run(`INSERT INTO changes (desk_id, seq, created_at, payload) VALUES ('sportello-1', ${i + 1}, '${now}', '{"kind":"STATUS","key":"k${i}","status":"${status}"}')`);
  }
  await run(`INSERT INTO anagrafe (codice_fiscale, collegato_a) VALUES ('RSSMRA40A01H501X', NULL), ('RSSMRA41A01H501X', 'RSSMRA40A01H501X')`);
  await run(`INSERT INTO matricole_errate (matricola, code, matricola_corretta) VALUES ('M9', '9011', 'M10')`);
  await run(`INSERT INTO inps_batches (id, created_at, item_count, sent_at, completed_at, attempts, last_error) VALUES ('b1', '${now}', 3, '${now}', NULL, 1, NULL)`);
  await run(`INSERT INTO settings (key, value) VALUES ('deadline', '2009-06-30T09:00:00+02:00')`);
}

type Tables = Map<string, string[]>;
/** Every table's rows as sorted JSON strings (column → value), schema_version apart. */
async function snapshot(store: Store): Promise<Tables> {
  const out: Tables = new Map();
  for (const t of await store.db.introspection.getTables()) {
    if (t.name === 'schema_version') continue;
    const rows = (await sql.raw<Record<string, unknown>>(`SELECT * FROM ${t.name}`).execute(store.db)).rows;
    out.set(t.name, rows.map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))).sort());
  }
  return out;
}

const UPGRADES = SERVER_MIGRATIONS.slice(1).map((m) => ({ from: SERVER_MIGRATIONS[m.version - 2]!.name, to: m.name, version: m.version }));
/** The tables 0001 creates, read from its own text. */
const V1_TABLES = splitStatements(SERVER_MIGRATIONS[0]!.sql)
  .map((s) => /^CREATE TABLE (\w+)/.exec(s)?.[1])
  .filter((x): x is string => Boolean(x))
  .sort();

describe.each(DIALECTS)('server migrations on %s: real upgrades', (dialect) => {
  let db: FreshDb;
  let store: Store;
  beforeEach(async () => {
    db = await freshDb(dialect);
    store = openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
  });
  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('the realistic schema-1 data fit the schema (so the upgrades below start from real rows)', async () => {
    expect(await migrate(store, SERVER_MIGRATIONS.slice(0, 1))).toBe(1);
    await seedV1(store);
    const snap = await snapshot(store);
    expect([...snap.keys()].sort()).toEqual(V1_TABLES);
    expect([...snap.values()].reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(30);
  });

  for (const u of UPGRADES) {
    it(`${u.from} → ${u.to}: only N applied, every row of N-1 kept`, async () => {
      expect(await migrate(store, SERVER_MIGRATIONS.slice(0, 1))).toBe(1);
      await seedV1(store);
      expect(await migrate(store, SERVER_MIGRATIONS.slice(0, u.version - 1))).toBe(u.version - 1);
      const before = await snapshot(store);
      expect(await migrate(store, SERVER_MIGRATIONS.slice(0, u.version))).toBe(u.version);
      const after = await snapshot(store);
      for (const [table, rows] of before) {
        const now = after.get(table);
        expect(now, table).toBeDefined();
        // Old columns keep their values: each old row is contained in a new row.
        const parsed = (now ?? []).map((r) => Object.fromEntries(JSON.parse(r) as [string, unknown][]));
        for (const r of rows) expect(parsed, `${table}: ${r}`).toContainEqual(expect.objectContaining(Object.fromEntries(JSON.parse(r) as [string, unknown][])));
      }
    });
  }
});

/** The migration's own tables, and the recorded version (0 when the row is not there). */
async function schemaState(fresh: FreshDb): Promise<{ tables: string[]; version: number }> {
  const s = openStore({ databaseUrl: fresh.databaseUrl, dataDir: fresh.dataDir });
  try {
    const tables = (await s.db.introspection.getTables()).map((t) => t.name).filter((n) => n !== 'schema_version').sort();
    const hasVersion = (await s.db.introspection.getTables()).some((t) => t.name === 'schema_version');
    const version = hasVersion ? ((await s.db.selectFrom('schema_version').select('version').executeTakeFirst())?.version ?? 0) : 0;
    return { tables, version };
  } finally {
    await s.close();
  }
}

/** The local TCP ports of a process's sockets (Linux /proc): how its PostgreSQL sessions are told apart from
 * those of other tests running at the same time. */
function tcpPortsOf(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    } catch {
      /* closed meanwhile */
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[9] && inodes.has(f[9])) ports.push(parseInt(f[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

/** True while the server process `pid` is inside its migration transaction. */
async function migrationOpen(fresh: FreshDb, pid: number): Promise<boolean> {
  if (fresh.dialect === 'postgres') {
    const ports = tcpPortsOf(pid);
    if (ports.length === 0) return false;
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    try {
      // Held (by the event trigger below) in the migration's first CREATE INDEX: tables already created before it.
      const r = await c.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE client_port = ANY($1) AND state = 'active' AND query ~* '^CREATE INDEX '", [ports]);
      return (r.rows[0] as { n: number }).n > 0;
    } finally {
      await c.end();
    }
  }
  // SQLite: the transaction took the write lock (schema_version exists: it is created just before it).
  let probe: Database.Database | null = null;
  try {
    probe = new Database(join(fresh.dataDir, SQLITE_FILE), { timeout: 0, fileMustExist: true });
    if (!probe.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'schema_version'").pluck().get()) return false;
    probe.exec('BEGIN IMMEDIATE; ROLLBACK;');
    return false;
  } catch (e) {
    return /SQLITE_BUSY|database is locked/i.test(String((e as { code?: string }).code ?? e));
  } finally {
    probe?.close();
  }
}

/**
 * PostgreSQL: an event trigger that holds every CREATE INDEX in this test's schema for a moment, so that the
 * server is caught inside its migration with tables already created (only this schema: other tests run at the
 * same time). Returns the function that removes it.
 */
async function holdCreateIndex(fresh: FreshDb): Promise<() => Promise<void>> {
  const schema = new URL(fresh.databaseUrl!).searchParams.get('options')!.replace('-c search_path=', '');
  const name = `hold_${schema}`;
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query(`CREATE FUNCTION public.${name}() RETURNS event_trigger LANGUAGE plpgsql AS $$
    BEGIN IF current_schema() = '${schema}' THEN PERFORM pg_sleep(1); END IF; END $$`);
  await c.query(`CREATE EVENT TRIGGER ${name} ON ddl_command_end WHEN TAG IN ('CREATE INDEX') EXECUTE FUNCTION public.${name}()`);
  await c.end();
  return async () => {
    const d = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await d.connect();
    await d.query(`DROP EVENT TRIGGER IF EXISTS ${name}`);
    await d.query(`DROP FUNCTION IF EXISTS public.${name}()`);
    await d.end();
  };
}

describe.each(DIALECTS)('server killed during its start-up migration on %s', (dialect) => {
  it('kill -9 with the migration transaction open: none of it is left; the next start migrates and serves', async () => {
    const fresh = await freshDb(dialect);
    const release = dialect === 'postgres' ? await holdCreateIndex(fresh) : async () => {};
    try {
      const child = spawn(process.execPath, [join(REPO, 'dist/server/server.cjs')], {
        env: { ...process.env, PORT: '0', DATABASE_URL: fresh.databaseUrl ?? '', RED_DESK_SERVER_DATA_DIR: fresh.dataDir, RED_DESK_SERVER_ADMIN_TOKEN: ADMIN_TOKEN, RED_DESK_SERVER_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<void>((r) => child.on('exit', () => r()));
      let caught = false;
      const deadline = Date.now() + 20_000;
      while (!caught && Date.now() < deadline && !out.includes('in ascolto')) {
        caught = await migrationOpen(fresh, child.pid!).catch(() => false);
        if (caught) child.kill('SIGKILL');
      }
      if (!caught) child.kill('SIGKILL');
      await exited;
      expect(caught, `transazione di migrazione mai vista aperta; uscita:\n${out}`).toBe(true);
      expect(out).not.toContain('in ascolto');
      // (PostgreSQL rolls the transaction back when it notices the client is gone; what is committed is what counts.)
      expect(await schemaState(fresh)).toEqual({ tables: [], version: 0 });
      await release();

      const server = await startServerProcess(fresh);
      try {
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
      } finally {
        await server.stop();
      }
      const done = await schemaState(fresh);
      expect(done.version).toBe(SERVER_MIGRATIONS.length);
      expect(done.tables).toEqual(expect.arrayContaining(V1_TABLES));
    } finally {
      await release();
      await fresh.drop();
    }
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('servers starting together on an empty PostgreSQL', () => {
  it('each of 4 stores migrating at once on a fresh schema ends at the latest version; the schema is made once', { timeout: 60_000 }, async () => {
    // Repeated: the race (two CREATE TABLE IF NOT EXISTS at once) does not show every time.
    for (let round = 0; round < 5; round++) {
      const db = await freshDb('postgres');
      const stores = Array.from({ length: 4 }, () => openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, poolSize: 2 }));
      try {
        const versions = await Promise.all(stores.map((s) => migrate(s)));
        expect(versions).toEqual(Array.from({ length: 4 }, () => SERVER_MIGRATIONS.length));
        const rows = await stores[0]!.db.selectFrom('schema_version').selectAll().execute();
        expect(rows.map((r) => r.version)).toEqual([SERVER_MIGRATIONS.length]);
      } finally {
        await Promise.all(stores.map((s) => s.close()));
        await db.drop();
      }
    }
  });
});
