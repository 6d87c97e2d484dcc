/**
 * The desk's outbox and sync through a network that loses, delays, duplicates and cuts requests and answers
 * (tests/helpers/fault-proxy.ts, seeded): every declaration reaches the central server exactly once, every
 * desk status and history row is applied exactly once, and the outbox empties. Then the desk-side view of
 * credentials: wrong ones keep the outbox intact, and a desk never receives another desk's changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { admin, Client } from '../server/helpers/client';
import { DIALECTS, freshDb } from '../server/helpers/db';
import { startInProcess } from '../server/helpers/inproc';
import { SIM_AUTH, SIM_TOKEN, startSimulator, type Proc } from '../server/helpers/processes';
import { completeDeclarations, deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';
import { FAULT_KINDS, startFaultProxy } from '../helpers/fault-proxy';
import { Prng } from '#shared/util/prng';
import type { SyncService } from '#main/sync/sync-service';
import type { DeclarationState, TransmissionsResponseSchema } from '#shared/server-api/contract';
import type { z } from 'zod';

/** Per request; a long-delayed answer (TIMEOUT_MS + 300) arrives after the desk gave up on it. */
const TIMEOUT_MS = 800;
/** Twelve "Invio" of varying sizes: 316 declarations. */
const INVIO_SIZES = [1, 4, 12, 30, 2, 45, 18, 60, 9, 25, 70, 40];
const TOTAL = INVIO_SIZES.reduce((a, b) => a + b, 0);
/** Every deck of 16 requests: each fault twice, 4 clean. */
const FAULTS = { dropRequest: 2, dropAnswer: 2, delay: 2, duplicate: 2, cutRequest: 2, cutAnswer: 2 };
/** FAULT_SEED=n replays another sequence of faults. */
const SEED = Number(process.env.FAULT_SEED ?? 20090630);

let sim: Proc;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});

/** Syncs until `done` holds; each pass may fail on an injected fault, the next one retries. */
async function syncUntil(sync: SyncService, done: () => boolean, label: string, maxPasses = 300): Promise<number> {
  for (let pass = 1; pass <= maxPasses; pass++) {
    await sync.syncNow();
    if (done()) return pass;
  }
  throw new Error(`${label}: non raggiunto dopo ${maxPasses} sincronizzazioni`);
}

interface DeskRow {
  id: number;
  status: string;
  server_key: string | null;
  sent_version: number | null;
}
const deskRows = (desk: TestDesk) => desk.db.prepare('SELECT id, status, server_key, sent_version FROM declarations ORDER BY id').all() as DeskRow[];
const statusCounts = (desk: TestDesk) =>
  Object.fromEntries((desk.db.prepare('SELECT status, count(*) AS n FROM declarations GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));

describe.each(DIALECTS)('sync through a faulty network (%s)', (dialect) => {
  it('delivers every declaration exactly once and applies every status once, whatever the network does', async () => {
    const db = await freshDb(dialect);
    const srv = await startInProcess(db, { RED_DESK_SERVER_INPS_URL: sim.url, RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN });
    const proxy = await startFaultProxy({
      target: srv.url,
      seed: SEED,
      faults: FAULTS,
      passes: 4,
      delayMs: [5, 150],
      longDelayMs: TIMEOUT_MS + 300,
      longDelayChance: 0.3,
      faultable: (_m, path) => path.startsWith('/v1/'),
    });
    const desk = openTestDesk();
    try {
      await new Client(sim.url, SIM_AUTH).put('/config', {});
      const creds = await deskCredentials(srv.url, 'sportello-rete');
      const sync = syncFor(desk, proxy.url, creds, { timeoutMs: TIMEOUT_MS });
      const rng = new Prng(SEED + 1);

      // Invio after Invio, with syncs started in between (some awaited, some still running at the next Invio).
      let start = 0;
      let running: Promise<unknown> = Promise.resolve();
      const transmissionIds: string[] = [];
      for (const size of INVIO_SIZES) {
        const ids = completeDeclarations(desk.archive, size, start);
        start += size;
        const r = desk.archive.enqueueInvio({ ids }, 'op');
        expect(r).toMatchObject({ queued: size, files: 1, refused: [] });
        transmissionIds.push(...r.transmissionIds);
        if (rng.chance(0.75)) running = sync.syncNow();
        if (rng.chance(0.5)) await running;
      }
      await running;
      const passes = await syncUntil(
        sync,
        () => desk.archive.outboxCounts().outboxFiles === 0 && statusCounts(desk).TRASM_CGN === TOTAL,
        'outbox vuoto e tutte Tras.CGN',
      );

      // The network really was bad: every kind of fault happened, retries reached the server again.
      const counts = proxy.counts();
      for (const k of FAULT_KINDS) expect(counts[k], `${k} iniettati`).toBeGreaterThan(0);
      expect(proxy.events.filter((e) => e.forwarded >= 2).length).toBeGreaterThan(0);
      expect(proxy.events.filter((e) => e.replayed).length, 'risposte ripetute dal server').toBeGreaterThan(0);
      console.log(`[fault-proxy ${dialect}] ${proxy.events.length} richieste, ${passes} sincronizzazioni finali, guasti ${JSON.stringify(counts)}`);

      // Desk: every declaration Tras.CGN, one Attesa and one Attesa → Tras.CGN in its history, outbox empty.
      const rows = deskRows(desk);
      expect(rows).toHaveLength(TOTAL);
      expect(statusCounts(desk)).toEqual({ TRASM_CGN: TOTAL });
      const history = desk.db
        .prepare(
          `SELECT declaration_id AS id, sum(to_status = 'ATTESA') AS toAttesa, sum(from_status = 'ATTESA') AS fromAttesa,
                  sum(from_status = 'ATTESA' AND to_status = 'TRASM_CGN') AS cgn, sum(to_status = 'TRASM_CGN') AS toCgn
           FROM status_history GROUP BY declaration_id`,
        )
        .all() as { id: number; toAttesa: number; fromAttesa: number; cgn: number; toCgn: number }[];
      expect(history).toHaveLength(TOTAL);
      expect(history.filter((h) => h.toAttesa !== 1 || h.fromAttesa !== 1 || h.cgn !== 1 || h.toCgn !== 1)).toEqual([]);
      expect(desk.archive.outboxCounts()).toMatchObject({ outboxFiles: 0, outboxDeclarations: 0 });
      const files = desk.db.prepare('SELECT transmission_id AS id, state FROM outbox_files').all() as { id: string; state: string }[];
      expect(files.map((f) => f.id).sort()).toEqual([...transmissionIds].sort());
      expect(new Set(files.map((f) => f.state))).toEqual(new Set(['CONSEGNATA']));
      const items = desk.db.prepare('SELECT declaration_id, outcome, item_json FROM outbox_items').all() as { declaration_id: number; outcome: string; item_json: string | null }[];
      expect(items).toHaveLength(TOTAL);
      expect(new Set(items.map((i) => i.declaration_id)).size).toBe(TOTAL);
      expect(items.every((i) => i.outcome === 'accepted' && i.item_json === null)).toBe(true);

      // Server, as the desk sees it (directly, not through the proxy): its Storico holds each file once, each
      // (key, version) accepted once, and each declaration in Tras.CGN at the version the desk sent.
      const api = new Client(srv.url, `Bearer ${creds.deskId}.${creds.secret}`);
      type Storico = z.infer<typeof TransmissionsResponseSchema>;
      const storico: Storico['transmissions'] = [];
      for (let offset = 0; ; offset += 200) {
        const page = await api.get<Storico>(`/v1/transmissions?limit=200&offset=${offset}`);
        expect(page.status).toBe(200);
        storico.push(...page.body.transmissions);
        if (storico.length >= page.body.total) break;
      }
      expect(storico.map((t) => t.transmissionId).sort()).toEqual([...transmissionIds].sort());
      const accepted = storico.flatMap((t) => t.items.map((i) => `${i.declarationKey}@${i.version}:${i.outcome}`));
      expect(accepted).toHaveLength(TOTAL);
      expect(new Set(accepted).size).toBe(TOTAL);
      expect(accepted.every((a) => a.endsWith(':accepted'))).toBe(true);
      for (const r of rows) {
        const s = await api.get<DeclarationState>(`/v1/declarations/${r.server_key ?? 'nessuna'}`);
        expect(s.status).toBe(200);
        expect(s.body).toMatchObject({ status: 'TRASM_CGN', version: r.sent_version });
      }
      // The server's own store: one declaration row and one stored version per declaration, no copies.
      const store = srv.store.db;
      const perKey = await store
        .selectFrom('declaration_versions as v')
        .innerJoin('declarations as d', 'd.id', 'v.declaration_id')
        .select(['d.declaration_key', 'v.version', sql<number>`count(*)`.as('n')])
        .where('d.desk_id', '=', creds.deskId)
        .groupBy(['d.declaration_key', 'v.version'])
        .execute();
      expect(perKey).toHaveLength(TOTAL);
      expect(perKey.filter((p) => Number(p.n) !== 1)).toEqual([]);
      expect(new Set(perKey.map((p) => p.declaration_key))).toEqual(new Set(rows.map((r) => r.server_key)));
      const serverTx = await store.selectFrom('transmissions').select(sql<number>`count(*)`.as('n')).where('desk_id', '=', creds.deskId).executeTakeFirstOrThrow();
      expect(Number(serverTx.n)).toBe(INVIO_SIZES.length);

      // Forwarding to INPS and the esiti, then the feed through the same network: all Ricevuta, each once.
      expect((await admin(srv.url).post('/v1/admin/jobs/forward')).status).toBe(200);
      expect((await admin(srv.url).post('/v1/admin/jobs/esiti')).status).toBe(200);
      const before = proxy.events.length;
      await syncUntil(sync, () => statusCounts(desk).RICEVUTA === TOTAL, 'tutte Ricevute');
      expect(proxy.events.slice(before).some((e) => e.fault !== 'pass')).toBe(true);
      const after = desk.db
        .prepare(
          `SELECT declaration_id AS id, sum(to_status = 'TRASM_INPS') AS inps, sum(to_status = 'RICEVUTA') AS ricevuta
           FROM status_history GROUP BY declaration_id`,
        )
        .all() as { id: number; inps: number; ricevuta: number }[];
      expect(after.filter((h) => h.inps !== 1 || h.ricevuta !== 1)).toEqual([]);
      expect(desk.db.prepare('SELECT count(*) AS n FROM parked_changes').get()).toEqual({ n: 0 });
      await sync.stop();
    } finally {
      desk.close();
      await proxy.close();
      await srv.close();
      await db.drop();
    }
  }, 60_000);
});

describe('desk credentials (desk side)', () => {
  it('wrong credentials keep the outbox; a desk never receives another desk\'s declarations', async () => {
    const db = await freshDb('sqlite');
    const srv = await startInProcess(db);
    const roma = openTestDesk();
    const milano = openTestDesk();
    try {
      const romaCreds = await deskCredentials(srv.url, 'roma-01');
      const milanoCreds = await deskCredentials(srv.url, 'milano-02');
      const romaIds = completeDeclarations(roma.archive, 3, 0);
      roma.archive.enqueueInvio({ ids: romaIds }, 'op');
      const romaSync = syncFor(roma, srv.url, romaCreds);
      expect((await romaSync.syncNow()).outboxFiles).toBe(0);
      await romaSync.stop();

      const milanoIds = completeDeclarations(milano.archive, 2, 100);
      milano.archive.enqueueInvio({ ids: milanoIds }, 'op');
      // Milano's secret with Roma's id, Roma's secret with Milano's id: refused, nothing leaves the outbox.
      for (const wrong of [{ deskId: romaCreds.deskId, secret: milanoCreds.secret }, { deskId: milanoCreds.deskId, secret: romaCreds.secret }]) {
        const bad = syncFor(milano, srv.url, wrong);
        const s = await bad.syncNow();
        expect(s.connection).toBe('CREDENZIALI_ERRATE');
        expect(s).toMatchObject({ outboxFiles: 1, outboxDeclarations: 2 });
        await bad.stop();
      }
      expect(milanoIds.map((id) => milano.archive.getForEdit(id).status)).toEqual(['ATTESA', 'ATTESA']);
      expect(milano.archive.attesaList()[0]?.lastError).toMatch(/Credenziali/);
      const stored = await srv.store.db.selectFrom('declarations').select(['desk_id', sql<number>`count(*)`.as('n')]).groupBy('desk_id').execute();
      expect(stored.map((r) => [r.desk_id, Number(r.n)])).toEqual([['roma-01', 3]]);

      // With its own credentials Milano sends, and its feed holds only its own changes: nothing of Roma's
      // reaches it (it would be parked as "not in the archive").
      const good = syncFor(milano, srv.url, milanoCreds);
      expect((await good.syncNow()).outboxFiles).toBe(0);
      await good.syncNow();
      await good.stop();
      expect(milanoIds.map((id) => milano.archive.getForEdit(id).status)).toEqual(['TRASM_CGN', 'TRASM_CGN']);
      expect(milano.db.prepare('SELECT count(*) AS n FROM parked_changes').get()).toEqual({ n: 0 });
      expect(milano.archive.syncCursor()).toBe(2);
    } finally {
      roma.close();
      milano.close();
      await srv.close();
      await db.drop();
    }
  });
});
