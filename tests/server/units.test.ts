/**
 * The server's parts on their own: migrations (both dialects), the CAF checks, credentials, the INPS simulator's
 * logic, the contract ↔ handler registry, configuration.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVER_API } from '#shared/server-api/contract';
import { personOf, runCafChecks, type CheckLists } from '#server/checks/checks';
import { loadConfig } from '#server/config';
import { adminTokenMatches, DeskAuthenticator, hashSecret, parseDeskAuthorization, verifySecret } from '#server/http/auth';
import { createHandlers } from '#server/http/handlers';
import { InpsSimulator, SimConfigSchema } from '#server/inps/simulator';
import { JobRunner } from '#server/jobs/runner';
import { openStore, type Store } from '#server/store/db';
import { migrate, SchemaTooNewError, SERVER_MIGRATIONS, splitStatements } from '#server/store/migrate';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { REPO } from './helpers/processes';

describe.each(DIALECTS)('migrations on %s', (dialect) => {
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

  it('creates the schema, is a no-op the second time, refuses a database from a newer server', async () => {
    expect(await migrate(store)).toBe(SERVER_MIGRATIONS.length);
    expect(await migrate(store)).toBe(SERVER_MIGRATIONS.length);
    await store.db.updateTable('schema_version').set({ version: 99 }).execute();
    await expect(migrate(store)).rejects.toThrow(SchemaTooNewError);
    await expect(migrate(store)).rejects.toThrow(/schema 99/);
  });

  it('applies all of a migration or nothing', async () => {
    const broken = [...SERVER_MIGRATIONS, { version: SERVER_MIGRATIONS.length + 1, name: '0002_broken', sql: 'CREATE TABLE extra (id INTEGER);\nCREATE TABLE desks (id TEXT);' }];
    await expect(migrate(store, broken)).rejects.toThrow();
    // Neither 0001 nor the first statement of 0002 stayed.
    const tables = await store.db.introspection.getTables();
    expect(tables.map((t) => t.name).filter((n) => n !== 'schema_version')).toEqual([]);
    expect(await migrate(store)).toBe(SERVER_MIGRATIONS.length);
  });
});

describe('query plans (SQLite)', () => {
  it('the hot queries use their indexes (EXPLAIN QUERY PLAN)', async () => {
    const db = await freshDb('sqlite');
    const store = openStore({ dataDir: db.dataDir });
    try {
      await migrate(store);
      const plan = async (text: string) =>
        (await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`).execute(store.db)).rows.map((r) => r.detail).join(' | ');
      expect(await plan("SELECT id FROM declarations WHERE status = 'TRASM_CGN' ORDER BY received_at LIMIT 1000")).toMatch(/declarations_to_forward/);
      expect(await plan("SELECT seq FROM changes WHERE desk_id = 'x' AND seq > 5 ORDER BY seq LIMIT 500")).toMatch(/sqlite_autoindex_changes_1/);
      expect(await plan("SELECT id FROM declarations WHERE desk_id = 'x' AND declaration_key IN ('a', 'b')")).toMatch(/sqlite_autoindex_declarations/);
      expect(await plan("SELECT id FROM declarations WHERE inps_batch_id = 'b' AND status = 'TRASM_INPS'")).toMatch(/declarations_by_batch/);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});

describe('migration files', () => {
  it('lists every file of migrations/server in order, and splits statements at line-final semicolons', () => {
    const files = readdirSync(join(REPO, 'migrations/server')).filter((f) => f.endsWith('.sql')).sort();
    expect(SERVER_MIGRATIONS.map((m) => `${m.name}.sql`)).toEqual(files);
    expect(splitStatements('-- a comment; with a semicolon\nCREATE TABLE a (x TEXT);\n\nCREATE INDEX i ON a (x);\n')).toEqual(['CREATE TABLE a (x TEXT)', 'CREATE INDEX i ON a (x)']);
  });
});

describe('CAF checks', () => {
  const lists = (anagrafe: [string, string | null][] | null, matricole: CheckLists['matricole'] = new Map()): CheckLists => ({
    anagrafe: anagrafe ? new Map(anagrafe) : null,
    matricole,
  });
  const item = itemFor(cfFor(1), { coniugeCf: cfFor(2) });
  const person = personOf(item.document);

  it('reads titolare, name and coniuge from the document', () => {
    expect(person).toEqual({ codiceFiscale: cfFor(1), cognomeNome: `COGNOME ${cfFor(1).slice(0, 3)} MARIO`, coniugeCf: cfFor(2) });
  });
  it('skips the codice fiscale check while no anagrafe is loaded', () => {
    expect(runCafChecks(item, person, lists(null))).toBeNull();
  });
  it('passes known codici fiscali and reports unknown or "collegato" ones, titolare first', () => {
    expect(runCafChecks(item, person, lists([[cfFor(1), null], [cfFor(2), null]]))).toBeNull();
    const r = runCafChecks(item, person, lists([[cfFor(1), cfFor(9)]]));
    expect(r?.codiciFiscali).toEqual([
      { role: 'TITOLARE', codiceFiscale: cfFor(1), suggested: cfFor(9) },
      { role: 'CONIUGE', codiceFiscale: cfFor(2), suggested: null },
    ]);
    expect(r?.message).toBe(`C.F.: codice fiscale collegato ${cfFor(9)} (titolare ${cfFor(1)}); C.F.: Non è presente in Anagrafica tributaria (coniuge ${cfFor(2)})`);
  });
  it('checks the matricola lists before the codici fiscali', () => {
    const m = new Map([[item.matricola, { code: '9009' as const, corretta: null }]]);
    expect(runCafChecks(item, person, lists([], m))).toMatchObject({ origin: 'CGN', code: '9009' });
  });
});

describe('credentials', () => {
  it('parses Bearer and Basic, refuses anything else', () => {
    expect(parseDeskAuthorization('Bearer roma-01.s3cr.et')).toEqual({ deskId: 'roma-01', secret: 's3cr.et' });
    expect(parseDeskAuthorization(`Basic ${Buffer.from('roma-01:a:b').toString('base64')}`)).toEqual({ deskId: 'roma-01', secret: 'a:b' });
    for (const bad of [undefined, '', 'Bearer', 'Bearer .x', 'Bearer roma-01.', 'Bearer ROMA.x', 'Token roma-01.x', 'Basic !!!']) {
      expect(parseDeskAuthorization(bad), String(bad)).toBeNull();
    }
  });
  it('hashes with a salt and verifies in constant time', async () => {
    const a = await hashSecret('segreto');
    const b = await hashSecret('segreto');
    expect(a.hash).not.toBe(b.hash);
    expect(await verifySecret('segreto', a.salt, a.hash)).toBe(true);
    expect(await verifySecret('segreta', a.salt, a.hash)).toBe(false);
    expect(adminTokenMatches('Bearer tok', 'tok')).toBe(true);
    expect(adminTokenMatches('Bearer tok2', 'tok')).toBe(false);
    expect(adminTokenMatches(undefined, 'tok')).toBe(false);
  });
});

describe('INPS simulator', () => {
  const batch = (id: string, refs: string[]) => ({
    batchId: id,
    items: refs.map((ref, i) => ({ ...itemFor(cfFor(i)), ref, codiceFiscale: cfFor(i) })).map(({ declarationKey: _k, ...x }) => x),
  });
  it('receives a batch once and answers by matricola, codice fiscale, default; PENDING waits', () => {
    const sim = new InpsSimulator();
    const b = batch('b1', ['r0', 'r1', 'r2']);
    sim.configure(SimConfigSchema.parse({ default: 'PENDING', byMatricola: { [b.items[0]!.matricola]: '9205' }, byCodiceFiscale: { [cfFor(1)]: 'RICEVUTA' } }));
    expect(sim.receive(b)).toBe(true);
    expect(sim.receive(b)).toBe(false);
    expect(sim.esiti('b1')).toEqual([
      { ref: 'r0', esito: 'SCARTATA', code: '9205' },
      { ref: 'r1', esito: 'RICEVUTA' },
    ]);
    sim.configure(SimConfigSchema.parse({ default: '9209' }));
    expect(sim.esiti('b1')?.map((e) => e.esito === 'SCARTATA' ? e.code : e.esito)).toEqual(['9205', 'RICEVUTA', '9209']);
    expect(sim.esiti('nope')).toBeNull();
  });
  it('fails the configured number of deliveries', () => {
    const sim = new InpsSimulator();
    sim.configure(SimConfigSchema.parse({ failSends: 1 }));
    expect(() => sim.receive(batch('b', ['r']))).toThrow(/non disponibile/);
    expect(sim.receive(batch('b', ['r']))).toBe(true);
  });
});

describe('registry and configuration', () => {
  it('has one handler per endpoint of the contract', () => {
    const store = {} as Store;
    const handlers = createHandlers({ store, jobs: new JobRunner(store, null, () => undefined), auth: new DeskAuthenticator(store.db), schemaVersion: 1, defaultDeadline: undefined });
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(SERVER_API).sort());
  });
  it('reads the environment with defaults and names every bad variable', () => {
    const c = loadConfig({ RED_DESK_SERVER_DATA_DIR: '/tmp/x' });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 4800, databaseUrl: undefined, dataDir: '/tmp/x', adminToken: undefined, tls: undefined, inps: undefined, forwardIntervalMs: 0 });
    expect(() => loadConfig({ PORT: 'abc', RED_DESK_SERVER_INPS_URL: 'ftp://x' })).toThrow(/PORT[\s\S]*RED_DESK_SERVER_INPS_URL/);
    expect(() => loadConfig({ RED_DESK_SERVER_TLS_KEY: '/k' })).toThrow(/insieme/);
  });
});
