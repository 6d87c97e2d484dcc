/**
 * The server's INPS jobs on every dialect, with a recording INPS gateway in this process: several desks in one
 * batch (each desk's feed says only its own), the batch cap, a withdrawal racing the forward job (never both
 * withdrawn and sent, never neither), the periodic runner doing the whole flow by itself, and a transmission id
 * reused by another desk (its own file, not the other desk's answer).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangesResponseSchema, TransmitResponseSchema, type StatusChange } from '#shared/server-api/contract';
import type { RunningServer } from '#server/server';
import type { InpsBatch, InpsEsito, InpsGateway } from '#server/inps/gateway';
import { forwardToInps } from '#server/jobs/forward';
import { ingestEsiti } from '#server/jobs/esiti';
import { JobRunner } from '#server/jobs/runner';
import { Client, newDesk } from './helpers/client';
import { SIM_AUTH, SIM_TOKEN, startSimulator } from './helpers/processes';
import { startFaultProxy } from '../helpers/fault-proxy';
import { httpInpsGateway } from '#server/inps/http-gateway';
import { LeaseLostError } from '#server/jobs/leases';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { startInProcess } from './helpers/inproc';

/** INPS as the jobs see it: keeps every batch it is sent (a retry of the same id replaces it) and answers
 * Ricevuta for every item once asked. */
class RecordingInps implements InpsGateway {
  readonly batches = new Map<string, InpsBatch>();
  sends = 0;
  async send(batch: InpsBatch): Promise<void> {
    this.sends++;
    this.batches.set(batch.batchId, batch);
  }
  async esiti(batchId: string): Promise<InpsEsito[]> {
    return (this.batches.get(batchId)?.items ?? []).map((i) => ({ ref: i.ref, esito: 'RICEVUTA' as const }));
  }
  refs(): string[] {
    return [...this.batches.values()].flatMap((b) => b.items.map((i) => i.ref));
  }
}

describe.each(DIALECTS)('INPS jobs on %s', (dialect) => {
  let db: FreshDb;
  let server: RunningServer;
  let inps: RecordingInps;
  beforeEach(async () => {
    db = await freshDb(dialect);
    server = await startInProcess(db);
    inps = new RecordingInps();
  });
  afterEach(async () => {
    await server.close();
    await db.drop();
  });

  /** The last status of each declaration in a desk's feed: what that desk ends up showing. */
  const lastStatus = async (desk: Client): Promise<Record<string, string>> => {
    const r = ChangesResponseSchema.parse((await desk.get('/v1/changes?after=0&limit=1000')).body);
    const out: Record<string, string> = {};
    for (const c of r.changes) if (c.kind === 'STATUS') out[(c as StatusChange).declarationKey] = c.status;
    return out;
  };
  /** Server id → declaration key, per desk. */
  const ids = async () =>
    Object.fromEntries(
      (await server.store.db.selectFrom('declarations').select(['id', 'desk_id', 'declaration_key']).execute()).map((r) => [r.id, `${r.desk_id}/${r.declaration_key}`]),
    );

  it('several desks in one batch: INPS gets one file with all of them, each desk hears only of its own', async () => {
    const roma = await newDesk(server.url, 'roma-01');
    const milano = await newDesk(server.url, 'milano-02');
    await roma.transmit([itemFor(cfFor(1)), itemFor(cfFor(2))]);
    // The same codice fiscale at another desk: another declaration (its own key; a key is unique across the CAF).
    await milano.transmit([itemFor(cfFor(3)), itemFor(cfFor(1), { key: `m-${cfFor(1)}` })]);
    const r = await forwardToInps(server.store, inps);
    expect(r).toMatchObject({ forwarded: 4, sent: 1, pendingBatches: 0, error: null });
    expect(inps.batches.size).toBe(1);
    const byId = await ids();
    expect(inps.refs().map((ref) => byId[ref]).sort()).toEqual(['milano-02/m-' + cfFor(1), 'milano-02/d-' + cfFor(3), 'roma-01/d-' + cfFor(1), 'roma-01/d-' + cfFor(2)].sort());
    expect(await lastStatus(roma)).toEqual({ [`d-${cfFor(1)}`]: 'TRASM_INPS', [`d-${cfFor(2)}`]: 'TRASM_INPS' });
    expect(await lastStatus(milano)).toEqual({ [`d-${cfFor(3)}`]: 'TRASM_INPS', [`m-${cfFor(1)}`]: 'TRASM_INPS' });
    expect(await ingestEsiti(server.store, inps)).toMatchObject({ error: null });
    expect(await lastStatus(roma)).toEqual({ [`d-${cfFor(1)}`]: 'RICEVUTA', [`d-${cfFor(2)}`]: 'RICEVUTA' });
    expect(await lastStatus(milano)).toEqual({ [`d-${cfFor(3)}`]: 'RICEVUTA', [`m-${cfFor(1)}`]: 'RICEVUTA' });
  });

  it('the batch cap: at most maxItems per run, oldest first; every declaration goes to INPS once', async () => {
    const desk = await newDesk(server.url, 'roma-01');
    for (let i = 0; i < 5; i++) {
      await desk.transmit([itemFor(cfFor(10 + i))]); // received one after the other (distinct milliseconds)
      await new Promise((r) => setTimeout(r, 5));
    }
    const runs = [];
    for (let i = 0; i < 4; i++) runs.push(await forwardToInps(server.store, inps, 2));
    expect(runs.map((r) => r.forwarded)).toEqual([2, 2, 1, 0]);
    expect(runs[3]!.batchId).toBeNull();
    expect([...inps.batches.values()].map((b) => b.items.length)).toEqual([2, 2, 1]);
    const byId = await ids();
    // Oldest first across runs (within a file the order is INPS's business).
    const files = [...inps.batches.values()].map((b) => b.items.map((i) => byId[i.ref]).sort());
    expect(files).toEqual([[10, 11], [12, 13], [14]].map((ns) => ns.map((n) => `roma-01/d-${cfFor(n)}`).sort()));
  });

  it('a withdrawal racing the forward job: each declaration either withdrawn (200) and never sent, or sent and refused (409)', async () => {
    const desk = await newDesk(server.url, 'roma-01');
    const seen = { withdrawn: 0, refused: 0 };
    // Rounds with the job started a little later each time, so that it lands before, among and after the
    // withdrawals; odd rounds start the job first and the withdrawals after it. More rounds (up to 40) while one
    // of the two outcomes has not happened yet: on a loaded machine one side may win every one of the first 8.
    for (let round = 0; round < 40 && (round < 8 || seen.withdrawn === 0 || seen.refused === 0); round++) {
      const cfs = Array.from({ length: 12 }, (_, i) => cfFor(100 + round * 12 + i));
      await desk.transmit(cfs.map((cf) => itemFor(cf)));
      const delay = new Promise((r) => setTimeout(r, (round % 8) * 4));
      let withdrawals: ReturnType<typeof desk.post>[];
      let job: Awaited<ReturnType<typeof forwardToInps>>;
      if (round % 2 === 0) {
        withdrawals = cfs.map((cf) => desk.post(`/v1/declarations/d-${cf}/withdraw`, { reason: 'MODIFICA' }));
        await delay;
        job = await forwardToInps(server.store, inps);
      } else {
        const running = forwardToInps(server.store, inps);
        await delay;
        withdrawals = cfs.map((cf) => desk.post(`/v1/declarations/d-${cf}/withdraw`, { reason: 'MODIFICA' }));
        job = await running;
      }
      const answers = await Promise.all(withdrawals);
      const byId = await ids();
      const sent = new Set(inps.refs().map((ref) => byId[ref]!.replace('roma-01/', '')));
      const last = await lastStatus(desk);
      let sentNow = 0;
      cfs.forEach((cf, i) => {
        const key = `d-${cf}`;
        const status = answers[i]!.status;
        expect([200, 409], key).toContain(status);
        if (status === 200) {
          seen.withdrawn++;
          expect(sent.has(key), `${key} ritirata ma inviata all'INPS`).toBe(false);
          expect(last[key]).toBe('RITIRATA');
        } else {
          seen.refused++;
          sentNow++;
          expect(answers[i]!.body).toMatchObject({ error: { code: 'SRV-06' } });
          expect(sent.has(key), `${key} né ritirata né inviata`).toBe(true);
          expect(last[key]).toBe('TRASM_INPS');
        }
      });
      expect(job.forwarded).toBe(sentNow);
    }
    // Both outcomes happened, so the race was run.
    expect(seen.withdrawn).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('the periodic runner forwards and collects the esiti by itself; stop waits for the job under way', async () => {
    const desk = await newDesk(server.url, 'roma-01');
    await desk.transmit([itemFor(cfFor(70)), itemFor(cfFor(71))]);
    const runner = new JobRunner(server.store, inps, () => {});
    runner.start(30, 30);
    try {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && Object.values(await lastStatus(desk)).some((s) => s !== 'RICEVUTA')) await new Promise((r) => setTimeout(r, 25));
      expect(await lastStatus(desk)).toEqual({ [`d-${cfFor(70)}`]: 'RICEVUTA', [`d-${cfFor(71)}`]: 'RICEVUTA' });
    } finally {
      await runner.stop();
    }
    const sends = inps.sends;
    await new Promise((r) => setTimeout(r, 100));
    expect(inps.sends).toBe(sends); // stopped: no more runs
    expect(inps.batches.size).toBe(1);
  });

  it('a transmission id reused by another desk is that desk\'s own file, never the other desk\'s answer', async () => {
    const roma = await newDesk(server.url, 'roma-01');
    const milano = await newDesk(server.url, 'milano-02');
    const id = randomUUID();
    const a = TransmitResponseSchema.parse((await roma.transmit([itemFor(cfFor(80)), itemFor(cfFor(81))], id)).body);
    const b = TransmitResponseSchema.parse((await milano.transmit([itemFor(cfFor(82))], id)).body);
    expect(a.items.map((i) => i.outcome)).toEqual(['accepted', 'accepted']);
    expect(b.items).toHaveLength(1);
    expect(b.items[0]).toMatchObject({ outcome: 'accepted' });
    expect(Object.keys(await lastStatus(milano))).toEqual([`d-${cfFor(82)}`]);
    expect(Object.keys(await lastStatus(roma)).sort()).toEqual([`d-${cfFor(80)}`, `d-${cfFor(81)}`].sort());
    // A retry gets each desk its own answer again.
    expect(TransmitResponseSchema.parse((await roma.transmit([itemFor(cfFor(80)), itemFor(cfFor(81))], id)).body)).toEqual({ ...a, replayed: true });
    expect(TransmitResponseSchema.parse((await milano.transmit([itemFor(cfFor(82))], id)).body)).toEqual({ ...b, replayed: true });
  });
});

describe('the HTTP gateway to INPS loses an answer', () => {
  it('the batch INPS received but whose answer was lost is sent again with the same id: INPS holds it once', async () => {
    const db = await freshDb('sqlite');
    const server = await startInProcess(db);
    const sim = await startSimulator();
    // The first POST /batches reaches INPS, which takes it; the answer is then cut before the server reads it.
    const proxy = await startFaultProxy({ target: sim.url, seed: 17, faults: { dropAnswer: 1 }, passes: 0, faultable: (m, p) => m === 'POST' && p === '/batches' });
    try {
      const desk = await newDesk(server.url, 'roma-01');
      await desk.transmit([itemFor(cfFor(90)), itemFor(cfFor(91))]);
      const gateway = httpInpsGateway(proxy.url, SIM_TOKEN, 5_000);
      const first = await forwardToInps(server.store, gateway);
      expect(first).toMatchObject({ forwarded: 2, sent: 0, pendingBatches: 1, error: expect.stringContaining('INPS non raggiungibile') });
      expect(proxy.counts().dropAnswer).toBe(1);
      const batch = await server.store.db.selectFrom('inps_batches').selectAll().executeTakeFirstOrThrow();
      expect(batch).toMatchObject({ id: first.batchId, sent_at: null, attempts: 1 });
      proxy.setFaults({}, 1);
      const second = await forwardToInps(server.store, gateway);
      expect(second).toMatchObject({ forwarded: 0, sent: 1, pendingBatches: 0, error: null });
      const received = (await new Client(sim.url, SIM_AUTH).get<{ batchId: string; items: unknown[] }[]>('/batches')).body;
      expect(received.map((b) => [b.batchId, b.items.length])).toEqual([[first.batchId, 2]]);
      expect(await ingestEsiti(server.store, gateway)).toMatchObject({ error: null });
      const statuses = await server.store.db.selectFrom('declarations').select('status').execute();
      expect(statuses.map((s) => s.status)).toEqual(['RICEVUTA', 'RICEVUTA']);
    } finally {
      await proxy.close();
      await sim.stop();
      await server.close();
      await db.drop();
    }
  });
});

describe('the HTTP gateway to INPS, given up by its caller', () => {
  it('a delivery whose lease is lost is abandoned at once with the lease\'s reason, not reported as INPS unreachable', async () => {
    const sim = await startSimulator();
    try {
      // INPS answers after 5 s; the caller gives up after 300 ms (its lease was taken over).
      expect((await new Client(sim.url, SIM_AUTH).put('/config', { answerDelayMs: 5000 })).status).toBe(200);
      const gateway = httpInpsGateway(sim.url, SIM_TOKEN, 30_000);
      const t = itemFor(cfFor(95));
      const batch = { batchId: 'lotto-abbandonato', items: [{ ref: 'r1', version: 1, matricola: t.matricola, codiceFiscale: cfFor(95), tipo: 'N' as const, progressivo: 1, document: t.document }] };
      const controller = new AbortController();
      const reason = new LeaseLostError('lotto-abbandonato', 'taken');
      setTimeout(() => controller.abort(reason), 300);
      const started = performance.now();
      await expect(gateway.send(batch, controller.signal)).rejects.toBe(reason);
      expect(performance.now() - started).toBeLessThan(3000);
      // Without a signal the same call waits for INPS's answer.
      const slow = performance.now();
      await gateway.send(batch);
      expect(performance.now() - slow).toBeGreaterThanOrEqual(4900);
    } finally {
      await sim.stop();
    }
  });
});
