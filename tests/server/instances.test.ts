/**
 * Several server processes (issue 14 points 7–8).
 *  - Leases, on every dialect: a worker whose INPS calls (delivery, esiti) outlast the lease keeps renewing it and
 *    no other worker takes the batch; a worker whose renewals do not get through gives the work up when its lease
 *    ends, and another one delivers the batch with the same id, which INPS holds once; a lease taken over cannot
 *    be renewed nor used for the esiti transaction by its old holder.
 *  - Real server processes, on every dialect, INPS answering after 2.7 lease lengths: the live holder keeps its
 *    batch; killed (SIGKILL), its lease runs out and exactly one other process (PostgreSQL: one of two still
 *    running; SQLite: the process started again) delivers the batch and applies its esiti once.
 *  - SQLite is single-process: a second server process on the same folder is refused at start (message, exit
 *    code 3), also in this process; a process killed with SIGKILL leaves no stale lock.
 *  - PostgreSQL: 3 real server processes on one database, the INPS simulator and 50 desks sending at once; the
 *    process delivering a batch is killed with SIGKILL while INPS holds the batch but has not answered yet.
 *    Every declaration reaches INPS exactly once, every esito is applied once, every desk ends with the right
 *    statuses and histories.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '#server/config';
import type { InpsBatch, InpsEsito, InpsGateway } from '#server/inps/gateway';
import { BatchConflictError, InpsSimulator } from '#server/inps/simulator';
import { ingestEsiti } from '#server/jobs/esiti';
import { forwardToInps } from '#server/jobs/forward';
import { assertLeaseHeld, leaseBatch, LeaseLostError, newWorkerId, renewBatch } from '#server/jobs/leases';
import type { RunningServer } from '#server/server';
import { openStore, SQLITE_FILE, StoreInUseError } from '#server/store/db';
import type { SyncService } from '#main/sync/sync-service';
import { completeDeclarations, deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';
import { Client, newDesk } from './helpers/client';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { startInProcess } from './helpers/inproc';
import { SIM_AUTH, SIM_TOKEN, startServerProcess, startSimulator, type Proc } from './helpers/processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, ms: number, probe: () => Promise<T | null | undefined | false>, every = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: non avvenuto entro ${ms / 1000} s`);
    await sleep(every);
  }
}

/** INPS as a worker sees it: keyed by batch id (a repeated id is counted, not stored twice); `hold` keeps the
 * next deliveries waiting (after recording them), `holdEsiti` the next esiti requests, until `release`. A caller
 * that gives up (its signal aborts) gets the rejection at once, as over HTTP. */
class HoldingInps implements InpsGateway {
  readonly batches = new Map<string, { batch: InpsBatch; deliveries: number }>();
  private held: (() => void)[] = [];
  hold = false;
  holdEsiti = false;
  esitiCalls = 0;
  async send(batch: InpsBatch, signal?: AbortSignal): Promise<void> {
    const known = this.batches.get(batch.batchId);
    if (known) {
      expect(JSON.stringify(known.batch.items)).toBe(JSON.stringify(batch.items));
      known.deliveries++;
    } else this.batches.set(batch.batchId, { batch, deliveries: 1 });
    if (this.hold) await this.wait(signal);
  }
  async esiti(batchId: string, signal?: AbortSignal): Promise<InpsEsito[]> {
    this.esitiCalls++;
    if (this.holdEsiti) await this.wait(signal);
    return (this.batches.get(batchId)?.batch.items ?? []).map((i) => ({ ref: i.ref, esito: 'RICEVUTA' as const }));
  }
  release(): void {
    for (const r of this.held.splice(0)) r();
  }
  private wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.held.push(resolve);
      signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
  }
}

describe.each(DIALECTS)('job leases on %s', (dialect) => {
  let db: FreshDb;
  let server: RunningServer;
  beforeEach(async () => {
    db = await freshDb(dialect);
    server = await startInProcess(db);
  });
  afterEach(async () => {
    await server.close();
    await db.drop();
  });
  const batchRow = (id: string) => server.store.db.selectFrom('inps_batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('a holder whose INPS calls outlast the lease keeps renewing it: no other worker takes the batch, delivered and applied once', async () => {
    const desk = await newDesk(server.url, 'roma-01');
    await desk.transmit([itemFor(cfFor(1)), itemFor(cfFor(2)), itemFor(cfFor(3))]);
    const inps = new HoldingInps();
    const a = { workerId: newWorkerId(), leaseMs: 1000 };
    const b = { workerId: newWorkerId(), leaseMs: 1000 };
    inps.hold = true;
    // A claims the batch and delivers it; INPS records it and takes 3.5 lease lengths to answer.
    const slow = forwardToInps(server.store, inps, 1000, a);
    await until('consegna del lotto da parte di A', 5000, async () => inps.batches.size === 1);
    const batchId = [...inps.batches.keys()][0]!;
    const first = await batchRow(batchId);
    expect(first).toMatchObject({ lease_owner: a.workerId, sent_at: null });
    inps.hold = false;
    // Meanwhile B tries again and again: the batch is A's all along, its lease pushed forward.
    for (let t = 0; t < 3500; t += 250) {
      expect(await forwardToInps(server.store, inps, 1000, b)).toMatchObject({ forwarded: 0, sent: 0, pendingBatches: 1, error: null });
      await sleep(250);
    }
    const renewed = await batchRow(batchId);
    expect(renewed.lease_owner).toBe(a.workerId);
    expect(renewed.lease_until! > first.lease_until!).toBe(true);
    inps.release();
    expect(await slow).toEqual({ forwarded: 3, batchId, sent: 1, pendingBatches: 0, error: null });
    expect(inps.batches.get(batchId)!.deliveries).toBe(1);
    expect(await batchRow(batchId)).toMatchObject({ attempts: 1, lease_owner: null, lease_until: null, last_error: null });

    // The esiti: A's request takes 3.5 lease lengths too; B finds nothing to do meanwhile; applied once, by A.
    inps.holdEsiti = true;
    const esitiA = ingestEsiti(server.store, inps, a);
    await until('richiesta degli esiti da parte di A', 5000, async () => inps.esitiCalls === 1);
    inps.holdEsiti = false;
    for (let t = 0; t < 3500; t += 250) {
      expect(await ingestEsiti(server.store, inps, b)).toEqual({ ricevute: 0, scartate: 0, pendingBatches: 1, error: null });
      await sleep(250);
    }
    expect(inps.esitiCalls).toBe(1);
    inps.release();
    expect(await esitiA).toEqual({ ricevute: 3, scartate: 0, pendingBatches: 0, error: null });
    const statuses = await server.store.db.selectFrom('declarations').select('status').execute();
    expect(statuses.map((s) => s.status)).toEqual(['RICEVUTA', 'RICEVUTA', 'RICEVUTA']);
  });

  it('a holder whose renewals do not get through gives the work up when its lease ends; another worker then delivers the batch once', async () => {
    const desk = await newDesk(server.url, 'roma-01');
    await desk.transmit([itemFor(cfFor(4)), itemFor(cfFor(5))]);
    const inps = new HoldingInps();
    // A "renews" only once a minute: as if the database did not hear from it (a frozen or cut-off process).
    const a = { workerId: newWorkerId(), leaseMs: 1000, renewMs: 60_000 };
    const b = { workerId: newWorkerId(), leaseMs: 1000 };
    inps.hold = true;
    const started = performance.now();
    const stuck = forwardToInps(server.store, inps, 1000, a);
    await until('consegna del lotto da parte di A', 5000, async () => inps.batches.size === 1);
    const batchId = [...inps.batches.keys()][0]!;
    inps.hold = false;
    expect(await forwardToInps(server.store, inps, 1000, b)).toMatchObject({ sent: 0, pendingBatches: 1 });
    // A stops by itself at the end of its lease: INPS call abandoned, nothing written about the batch.
    const gaveUp = await stuck;
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(gaveUp).toEqual({ forwarded: 2, batchId, sent: 0, pendingBatches: 1, error: `Lotto ${batchId}: il rinnovo della presa in carico non è riuscito prima della scadenza, lavoro interrotto.` });
    expect(await batchRow(batchId)).toMatchObject({ attempts: 0, sent_at: null, lease_owner: a.workerId });
    // B takes it over once the database says the lease ended, and delivers it once (INPS holds the batch once).
    await until('lotto ripreso da B', 5000, async () => (await forwardToInps(server.store, inps, 1000, b)).sent === 1);
    expect(inps.batches.size).toBe(1);
    expect(inps.batches.get(batchId)!.deliveries).toBe(2);
    expect(await batchRow(batchId)).toMatchObject({ attempts: 1, lease_owner: null });
    expect(await ingestEsiti(server.store, inps, b)).toEqual({ ricevute: 2, scartate: 0, pendingBatches: 0, error: null });
  });

  it('a lease taken over after it ended is no longer renewable by its old holder, whose fenced writes (the esiti transaction) are refused', async () => {
    const desk = await newDesk(server.url, 'roma-01');
    await desk.transmit([itemFor(cfFor(6))]);
    const inps = new HoldingInps();
    expect(await forwardToInps(server.store, inps)).toMatchObject({ sent: 1 });
    const a = { workerId: newWorkerId(), leaseMs: 1000 };
    const b = { workerId: newWorkerId(), leaseMs: 1000 };
    const batchId = (await leaseBatch(server.store, 'esiti', a))!;
    expect(await renewBatch(server.store, batchId, a)).toBe(true);
    expect(await leaseBatch(server.store, 'esiti', b)).toBeNull();
    await sleep(1100);
    expect(await leaseBatch(server.store, 'esiti', b)).toBe(batchId);
    expect(await renewBatch(server.store, batchId, a)).toBe(false);
    expect(await renewBatch(server.store, batchId, b)).toBe(true);
    // A's fenced write is refused and rolled back; B's goes through.
    await expect(server.store.transaction((trx) => assertLeaseHeld(trx, server.store.dialect, batchId, a))).rejects.toThrow(LeaseLostError);
    await server.store.transaction((trx) => assertLeaseHeld(trx, server.store.dialect, batchId, b));
    expect((await batchRow(batchId)).lease_owner).toBe(b.workerId);
  });
});

describe.each(DIALECTS)('a killed holder on %s (real server processes)', (dialect) => {
  let db: FreshDb;
  let sim: Proc;
  const procs: Proc[] = [];
  beforeEach(async () => {
    db = await freshDb(dialect);
    sim = await startSimulator();
  });
  afterEach(async () => {
    await Promise.all(procs.splice(0).map((p) => p.stop()));
    await sim.stop();
    await db.drop();
  });

  /** One query on the server's database while the processes run (SQLite: read-only, WAL lets it read beside the writer). */
  async function query<T>(text: string): Promise<T[]> {
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: db.databaseUrl });
      await c.connect();
      try {
        return (await c.query(text)).rows as T[];
      } finally {
        await c.end();
      }
    }
    const file = new Database(join(db.dataDir, SQLITE_FILE), { readonly: true, fileMustExist: true });
    try {
      return file.prepare(text).all() as T[];
    } finally {
      file.close();
    }
  }

  it('INPS slower than the lease: no other process takes the batch from its live holder; killed, it loses it and one other process delivers it once', { timeout: 90_000 }, async () => {
    // Lease 1.5 s, INPS answers every delivery after 4 s: only the renewals keep a batch with its holder.
    const env = {
      RED_DESK_SERVER_INPS_URL: sim.url,
      RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN,
      RED_DESK_SERVER_FORWARD_INTERVAL_MS: '100',
      RED_DESK_SERVER_ESITI_INTERVAL_MS: '200',
      RED_DESK_SERVER_JOB_LEASE_MS: '1500',
    };
    const simClient = new Client(sim.url, SIM_AUTH);
    expect((await simClient.put('/config', { answerDelayMs: 4000 })).status).toBe(200);
    // PostgreSQL: 3 processes polling every 100 ms. SQLite: one process (the file is single-process), started
    // again after the kill as an operator or a service manager would.
    const start = () => startServerProcess(db, env).then((p) => (procs.push(p), p));
    const first = await start();
    if (dialect === 'postgres') await Promise.all([start(), start()]);
    const desk = await newDesk(first.url, 'roma-01');
    const cfs = [10, 11, 12, 13, 14].map((i) => cfFor(i));
    expect((await desk.transmit(cfs.map((cf) => itemFor(cf)))).status).toBe(200);

    type Received = { batchId: string; deliveries: number; items: { ref: string }[] };
    const received = async () => (await simClient.get<Received[]>('/batches')).body;
    const [batch] = await until('lotto consegnato all\'INPS', 20_000, async () => {
      const r = await received();
      return r.length > 0 ? r : null;
    }, 20);
    // Two lease lengths later INPS still has not answered, and no other process has delivered the batch again.
    await sleep(2500);
    expect(await received()).toEqual([expect.objectContaining({ batchId: batch!.batchId, deliveries: 1 })]);
    const [lease] = await query<{ lease_owner: string | null; sent_at: string | null }>(`SELECT lease_owner, sent_at FROM inps_batches WHERE id = '${batch!.batchId}'`);
    expect(lease?.sent_at).toBeNull();
    const holder = procs.find((p) => String(p.proc.pid) === lease?.lease_owner?.split('#')[1]);
    expect(holder, `titolare del lotto: ${lease?.lease_owner ?? '—'}`).toBeDefined();

    // Killed while INPS holds the batch and has not answered: nobody renews its lease any more.
    holder!.proc.kill('SIGKILL');
    expect(await holder!.stop()).toBeNull();
    procs.splice(procs.indexOf(holder!), 1);
    if (dialect === 'sqlite') await start();

    // Taken over once the lease has run out and delivered again by exactly one process (INPS holds it once), which
    // keeps it through INPS's 4 s answer; then the esiti are applied.
    await until('esiti applicati', 40_000, async () => {
      const rows = await query<{ status: string }>('SELECT status FROM declarations');
      return rows.every((r) => r.status === 'RICEVUTA');
    }, 200);
    const after = await received();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ batchId: batch!.batchId, deliveries: 2 });
    expect(new Set(after[0]!.items.map((i) => i.ref)).size).toBe(cfs.length);
    const [row] = await query<{ attempts: number; sent_at: string | null; completed_at: string | null; lease_owner: string | null }>(
      `SELECT attempts, sent_at, completed_at, lease_owner FROM inps_batches WHERE id = '${batch!.batchId}'`,
    );
    expect(row).toMatchObject({ attempts: 1, lease_owner: null });
    expect(row?.sent_at).not.toBeNull();
    expect(row?.completed_at).not.toBeNull();
    // Each esito applied once: one RICEVUTA per declaration in the desk's feed.
    const feed = await query<{ payload: string }>('SELECT payload FROM changes');
    const ricevute = feed.map((c) => JSON.parse(c.payload) as { kind: string; status?: string }).filter((p) => p.kind === 'STATUS' && p.status === 'RICEVUTA');
    expect(ricevute).toHaveLength(cfs.length);
  });
});

describe('INPS keyed by batch id, lease settings', () => {
  const batch = (id: string, cfs: string[]): InpsBatch => ({
    batchId: id,
    items: cfs.map((cf, i) => {
      const t = itemFor(cf);
      return { ref: `r${i}`, version: 1, matricola: t.matricola, codiceFiscale: cf, tipo: 'N', progressivo: i + 1, document: t.document };
    }),
  });
  it('the same id with the same items is one batch delivered twice; the same id with other items is refused', () => {
    const sim = new InpsSimulator();
    expect(sim.receive(batch('b1', [cfFor(1), cfFor(2)]))).toBe(true);
    expect(sim.receive(batch('b1', [cfFor(1), cfFor(2)]))).toBe(false);
    expect(() => sim.receive(batch('b1', [cfFor(1), cfFor(3)]))).toThrow(BatchConflictError);
    expect(sim.received()).toEqual([expect.objectContaining({ batchId: 'b1', deliveries: 2, items: [expect.objectContaining({ ref: 'r0' }), expect.objectContaining({ ref: 'r1' })] })]);
  });
  it('RED_DESK_SERVER_JOB_LEASE_MS: 60 s by default, at least 1 s', () => {
    expect(loadConfig({ RED_DESK_SERVER_DATA_DIR: '/tmp/x' }).jobLeaseMs).toBe(60_000);
    expect(loadConfig({ RED_DESK_SERVER_DATA_DIR: '/tmp/x', RED_DESK_SERVER_JOB_LEASE_MS: '5000' }).jobLeaseMs).toBe(5000);
    expect(() => loadConfig({ RED_DESK_SERVER_JOB_LEASE_MS: '500' })).toThrow(/RED_DESK_SERVER_JOB_LEASE_MS/);
  });
});

describe('SQLite is single-process', () => {
  let db: FreshDb;
  beforeEach(async () => {
    db = await freshDb('sqlite');
  });
  afterEach(async () => {
    await db.drop();
  });

  it('a second server process on the same folder is refused at start with a message and exit code 3', async () => {
    const first = await startServerProcess(db);
    try {
      const second = startServerProcess(db);
      await expect(second).rejects.toThrow(/uscito \(3\)/);
      await expect(second).rejects.toThrow(/già in uso da un altro processo del server[\s\S]*PostgreSQL \(DATABASE_URL\)/);
      // The first one is unaffected.
      expect((await new Client(first.url).get('/health')).status).toBe(200);
    } finally {
      expect(await first.stop('SIGKILL')).toBeNull();
    }
    // Killed with SIGKILL: no stale lock, the next process starts.
    const next = await startServerProcess(db);
    expect((await new Client(next.url).get('/health')).status).toBe(200);
    expect(await next.stop()).toBe(0);
  });

  it('also a second store in the same process; closing the first frees the file', async () => {
    const a = openStore({ dataDir: db.dataDir });
    expect(() => openStore({ dataDir: db.dataDir })).toThrow(StoreInUseError);
    await a.close();
    const b = openStore({ dataDir: db.dataDir });
    await b.close();
  });
});

const DESKS = 50;
const PER_DESK = 6;

describe.skipIf(!DIALECTS.includes('postgres'))('3 server processes on one PostgreSQL', () => {
  let sim: Proc;
  let db: FreshDb;
  let servers: Proc[] = [];
  const desks: TestDesk[] = [];
  const syncs: SyncService[] = [];
  beforeAll(async () => {
    sim = await startSimulator();
    db = await freshDb('postgres');
  });
  afterAll(async () => {
    await Promise.all(syncs.map((s) => s.stop()));
    for (const d of desks) d.close();
    await Promise.all(servers.map((s) => s.stop()));
    await sim.stop();
    await db.drop();
  });

  it('50 desks send at once, the process delivering a batch is killed (SIGKILL): every declaration on INPS exactly once, every desk right', { timeout: 240_000 }, async () => {
    const env = {
      RED_DESK_SERVER_INPS_URL: sim.url,
      RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN,
      RED_DESK_SERVER_FORWARD_INTERVAL_MS: '150',
      RED_DESK_SERVER_ESITI_INTERVAL_MS: '250',
      RED_DESK_SERVER_JOB_LEASE_MS: '10000',
    };
    servers = await Promise.all([0, 1, 2].map(() => startServerProcess(db, env)));
    const simClient = new Client(sim.url, SIM_AUTH);

    // 50 desks, 6 complete declarations each (distinct codici fiscali); every 7th one INPS rejects (9203).
    const ids: number[][] = [];
    const credentials: { deskId: string; secret: string }[] = [];
    const rejected = new Set<string>();
    for (let d = 0; d < DESKS; d++) {
      const creds = await deskCredentials(servers[d % 3]!.url, `sportello-${String(d).padStart(2, '0')}`);
      const desk = openTestDesk();
      desks.push(desk);
      const mine = completeDeclarations(desk.archive, PER_DESK, 1000 + d * PER_DESK);
      ids.push(mine);
      mine.forEach((id, i) => {
        if ((d * PER_DESK + i) % 7 === 3) rejected.add(desk.archive.getForEdit(id).matricola);
      });
      expect(desk.archive.enqueueInvio({ ids: mine }, 'op')).toMatchObject({ queued: PER_DESK, refused: [] });
      syncs.push(syncFor(desk, servers[d % 3]!.url, creds));
      credentials.push(creds);
    }
    // INPS records each delivery at once but answers it 6 s later (the lease lasts 10 s): a process killed
    // meanwhile never learns that INPS has the batch. (Long enough for this busy test process to notice and kill.)
    const byMatricola = Object.fromEntries([...rejected].map((m) => [m, '9203']));
    expect((await simClient.put('/config', { byMatricola, answerDelayMs: 6000 })).status).toBe(200);

    // All the desks send at once, each to "its" process.
    const firstRound = Promise.allSettled(syncs.map((s) => s.syncNow()));

    // The victim: the process holding the lease of a batch that INPS has received but not answered yet.
    const watch = new pg.Client({ connectionString: db.databaseUrl });
    await watch.connect();
    let victim: Proc;
    let victimBatch: string;
    try {
      [victim, victimBatch] = await until('un lotto in consegna', 90_000, async () => {
        const r = await watch.query<{ id: string; lease_owner: string }>('SELECT id, lease_owner FROM inps_batches WHERE sent_at IS NULL AND lease_owner IS NOT NULL');
        if (r.rows.length === 0) return null;
        const atInps = new Set((await simClient.get<{ batchId: string }[]>('/batches')).body.map((b) => b.batchId));
        for (const row of r.rows) {
          const pid = row.lease_owner.split('#')[1];
          const proc = servers.find((s) => String(s.proc.pid) === pid);
          if (proc && atInps.has(row.id)) return [proc, row.id] as const;
        }
        return null;
      }, 20);
      victim.proc.kill('SIGKILL');
      expect(await victim.stop()).toBeNull(); // killed by the signal, no exit code
      // Killed in the middle of the delivery: INPS has the batch, the database does not know.
      const after = await watch.query<{ sent_at: string | null }>('SELECT sent_at FROM inps_batches WHERE id = $1', [victimBatch]);
      expect(after.rows[0]?.sent_at).toBeNull();
    } finally {
      await watch.end();
    }
    const live = servers.filter((s) => s !== victim);
    await simClient.put('/config', { byMatricola, answerDelayMs: 0 });
    await firstRound;

    // The desks of the dead process go on with a live one (as behind a load balancer): same desk, same outbox.
    for (let d = 0; d < DESKS; d++) {
      if (servers[d % 3] !== victim) continue;
      await syncs[d]!.stop();
      syncs[d] = syncFor(desks[d]!, live[d % 2]!.url, credentials[d]!);
    }
    const expected = (d: number, id: number) => (rejected.has(desks[d]!.archive.getForEdit(id).matricola) ? 'SCARTATA' : 'RICEVUTA');
    const settled = () => ids.every((mine, d) => mine.every((id) => desks[d]!.archive.getForEdit(id).status === expected(d, id)));
    await until('tutti gli esiti sugli sportelli', 150_000, async () => {
      await Promise.all(syncs.map((s) => s.syncNow()));
      return settled();
    }, 300);

    // INPS: every declaration exactly once, in batches it holds once; the victim's batch was delivered again
    // (by a live process, after the lease expired) and deduplicated.
    const received = (await simClient.get<{ batchId: string; deliveries: number; items: { ref: string; version: number }[] }[]>('/batches')).body;
    const refs = received.flatMap((b) => b.items.map((i) => `${i.ref}@${i.version}`));
    expect(refs.length).toBe(DESKS * PER_DESK);
    expect(new Set(refs).size).toBe(DESKS * PER_DESK);
    expect(received.find((b) => b.batchId === victimBatch)?.deliveries).toBeGreaterThanOrEqual(2);
    // Live processes never deliver the same batch twice: the lease keeps the others off it.
    expect(received.filter((b) => b.batchId !== victimBatch && b.deliveries !== 1)).toEqual([]);

    const check = new pg.Client({ connectionString: db.databaseUrl });
    await check.connect();
    try {
      const decls = (await check.query<{ id: string; desk_id: string; declaration_key: string; status: string }>('SELECT id, desk_id, declaration_key, status FROM declarations')).rows;
      expect(decls.length).toBe(DESKS * PER_DESK);
      expect(new Set(refs.map((r) => r.split('@')[0]))).toEqual(new Set(decls.map((d) => d.id)));
      const batches = (await check.query<{ n: number }>('SELECT count(*)::int AS n FROM inps_batches WHERE sent_at IS NULL OR completed_at IS NULL OR lease_owner IS NOT NULL')).rows[0]!;
      expect(batches.n).toBe(0);
      // Each esito applied once: one Trasm.INPS and one final status per declaration in its desk's feed.
      const feed = (await check.query<{ desk_id: string; payload: string }>('SELECT desk_id, payload FROM changes')).rows;
      const count = new Map<string, number>();
      for (const c of feed) {
        const p = JSON.parse(c.payload) as { kind: string; declarationKey: string; status?: string };
        if (p.kind !== 'STATUS') continue;
        const k = `${c.desk_id}/${p.declarationKey}/${p.status}`;
        count.set(k, (count.get(k) ?? 0) + 1);
      }
      for (const d of decls) {
        expect(count.get(`${d.desk_id}/${d.declaration_key}/TRASM_CGN`) ?? 0, d.declaration_key).toBeLessThanOrEqual(1);
        expect(count.get(`${d.desk_id}/${d.declaration_key}/TRASM_INPS`), d.declaration_key).toBe(1);
        expect(count.get(`${d.desk_id}/${d.declaration_key}/${d.status}`), d.declaration_key).toBe(1);
      }
    } finally {
      await check.end();
    }

    // Every desk: the right final status, and each step once in the declaration's history.
    let scartate = 0;
    for (let d = 0; d < DESKS; d++) {
      for (const id of ids[d]!) {
        const final = expected(d, id);
        if (final === 'SCARTATA') scartate++;
        expect(desks[d]!.archive.history(id).map((h) => h.toStatus)).toEqual(['INCOMPLETA', 'COMPLETA', 'ATTESA', 'TRASM_CGN', 'TRASM_INPS', final]);
      }
    }
    expect(scartate).toBe(rejected.size);
    expect(scartate).toBeGreaterThan(0);
    // The survivors kept serving; nothing was left unsent in any desk's outbox.
    for (const desk of desks) expect(desk.db.prepare("SELECT count(*) FROM outbox_files WHERE state <> 'CONSEGNATA'").pluck().get()).toBe(0);
  });
});
