/**
 * The desk's transmission and sync against the real central server (in this process, SQLite) and the INPS
 * simulator process: Invio → Tras.CGN → Trasm.INPS → Ricevuta / Scartata; Modifica (withdraw); Correggi and
 * the rettificativa; Scart. CAF with the suggested codice fiscale; offline outbox; deadline.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '#server/server';
import { admin, Client } from '../server/helpers/client';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { startInProcess } from '../server/helpers/inproc';
import { SIM_AUTH, SIM_TOKEN, startSimulator, type Proc } from '../server/helpers/processes';
import { cfFor } from '../server/helpers/fixtures';
import { completeDeclarations, deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';
import { RED2009_TRANSMISSION } from '#shared/campaigns/red2009/transmission';
import { Decl } from '../unit/rules/fixtures';
import { createServices } from '#main/services/services';
import { SyncService } from '#main/sync/sync-service';
import type { CaptureService } from '#main/capture/service-types';
import { DEFAULT_CAPTURE_SETTINGS } from '#shared/domain/capture';

const noCapture: CaptureService = {
  settings: async () => DEFAULT_CAPTURE_SETTINGS,
  saveSettings: async (x) => x,
  devices: async () => ({ devices: [], error: null }),
  state: () => ({ state: 'disattivata', message: '', device: null }),
  start: async () => {},
  stop: async () => {},
};

let sim: Proc;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});

describe('desk ↔ central CAF', () => {
  let db: FreshDb;
  let srv: RunningServer;
  let desk: TestDesk;
  let creds: { deskId: string; secret: string };
  beforeEach(async () => {
    db = await freshDb('sqlite');
    srv = await startInProcess(db, { RED_DESK_SERVER_INPS_URL: sim.url, RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN });
    await new Client(sim.url, SIM_AUTH).put('/config', {});
    creds = await deskCredentials(srv.url, 'sportello-1');
    desk = openTestDesk();
  });
  afterEach(async () => {
    desk.close();
    await srv.close();
    await db.drop();
  });
  const status = (id: number) => desk.archive.getForEdit(id).status;
  const jobs = async () => {
    expect((await admin(srv.url).post('/v1/admin/jobs/forward')).status).toBe(200);
    expect((await admin(srv.url).post('/v1/admin/jobs/esiti')).status).toBe(200);
  };

  it('Invio → Attesa → Tras.CGN → Trasm.INPS → Ricevuta / Scartata 9203, with history and Storico', async () => {
    const ids = completeDeclarations(desk.archive, 3);
    const ko = desk.archive.getForEdit(ids[1]!).matricola;
    await new Client(sim.url, SIM_AUTH).put('/config', { byMatricola: { [ko]: '9203' } });
    const sync = syncFor(desk, srv.url, creds);
    const r = desk.archive.enqueueInvio({ ids }, 'op');
    expect(r).toMatchObject({ queued: 3, files: 1, refused: [] });
    expect(ids.map(status)).toEqual(['ATTESA', 'ATTESA', 'ATTESA']);
    const s = await sync.syncNow();
    expect(s.connection).toBe('CONNESSO');
    expect(s.outboxFiles).toBe(0);
    expect(ids.map(status)).toEqual(['TRASM_CGN', 'TRASM_CGN', 'TRASM_CGN']);
    await jobs();
    await sync.syncNow();
    expect(ids.map(status)).toEqual(['RICEVUTA', 'SCARTATA', 'RICEVUTA']);
    const row = desk.archive.monitorList({ tab: 'SCARTATE', offset: 0, limit: 10 }).rows[0]!;
    expect(row).toMatchObject({ scartoCode: '9203', status: 'SCARTATA' });
    expect(row.scartoMessage).toMatch(/ritrasmettere/i);
    expect(desk.archive.monitorList({ tab: 'RICEVUTE', offset: 0, limit: 10 }).rows[0]!.inpsSentAt).not.toBeNull();
    expect(desk.archive.history(ids[0]!).map((h) => h.toStatus)).toEqual(['INCOMPLETA', 'COMPLETA', 'ATTESA', 'TRASM_CGN', 'TRASM_INPS', 'RICEVUTA']);
    const st = desk.archive.storico(0, 10);
    expect(st.total).toBe(1);
    expect(st.files[0]!.state).toBe('CONSEGNATA');
    expect(st.files[0]!.items.map((i) => i.outcome)).toEqual(['ACCETTATA', 'ACCETTATA', 'ACCETTATA']);

    // Correggi on the 9203: back in Da spedire, made complete, resent with a new version, then Ricevuta.
    await new Client(sim.url, SIM_AUTH).put('/config', {});
    const c = desk.archive.correggi(ids[1]!, { applySuggestedCf: false }, RED2009_TRANSMISSION, new Date().toISOString(), 'op');
    expect(c).toMatchObject({ id: ids[1], rettificativa: false, status: 'INCOMPLETA' });
    desk.archive.makeComplete(ids[1]!, desk.archive.getForEdit(ids[1]!).version, 'op');
    desk.archive.enqueueInvio({ ids: [ids[1]!] }, 'op');
    await sync.syncNow();
    expect(status(ids[1]!)).toBe('TRASM_CGN');
    await jobs();
    await sync.syncNow();
    expect(status(ids[1]!)).toBe('RICEVUTA');

    // Correggi on a Ricevuta: rettificativa R with a new progressivo; the original is Rettificata and hidden.
    const r0 = desk.archive.correggi(ids[0]!, { applySuggestedCf: false }, RED2009_TRANSMISSION, new Date().toISOString(), 'op');
    expect(r0.rettificativa).toBe(true);
    expect(status(ids[0]!)).toBe('RETTIFICATA');
    const rett = desk.archive.getForEdit(r0.id);
    expect(rett).toMatchObject({ tipo: 'R', tipoDichiarazione: 'RETTIFICATIVA' });
    expect(r0.progressivo).toBeGreaterThan(Math.max(...ids.map((i) => desk.archive.getForEdit(i).progressivo)));
    expect(desk.archive.monitorList({ tab: 'RICEVUTE', offset: 0, limit: 10 }).rows.map((x) => x.id)).not.toContain(ids[0]);
    expect(desk.archive.monitorList({ tab: 'RICEVUTE', offset: 0, limit: 10, showRettificate: true }).rows.map((x) => x.id)).toContain(ids[0]);
    expect(desk.archive.exitCheck().canExit).toBe(false);
    // The R cannot be deleted (p. 103: it must be sent): it would hide the Rettificata and slip past the Esci guard.
    expect(() => desk.archive.remove(r0.id, 'op', null)).toThrow(/rettificativa «R» non si cancella/);
    expect(status(r0.id)).toBe('INCOMPLETA');
    desk.archive.makeComplete(r0.id, rett.version, 'op');
    // Past the 25 days INPS gives to rettifiche (p. 100) the R is not sent.
    const late = desk.archive.enqueueInvio({ ids: [r0.id] }, 'op', RED2009_TRANSMISSION, new Date(Date.now() + 26 * 86_400_000).toISOString());
    expect(late.queued).toBe(0);
    expect(late.refused[0]?.message).toMatch(/entro 25 giorni/);
    expect(status(r0.id)).toBe('COMPLETA');
    desk.archive.enqueueInvio({ ids: [r0.id] }, 'op');
    expect(desk.archive.exitCheck().canExit).toBe(true);
    await sync.syncNow();
    expect(status(r0.id)).toBe('TRASM_CGN');
    await sync.stop();
  });

  it('Modifica of a Tras.CGN withdraws it; refused once forwarded to INPS', async () => {
    const ids = completeDeclarations(desk.archive, 2);
    const sync = syncFor(desk, srv.url, creds);
    desk.archive.enqueueInvio({ ids }, 'op');
    await sync.syncNow();
    await expect(sync.withdraw(ids[0]!)).resolves.toMatchObject({ status: 'COMPLETA' });
    expect(status(ids[0]!)).toBe('COMPLETA');
    // The feed's RITIRATA is applied idempotently.
    await sync.syncNow();
    expect(status(ids[0]!)).toBe('COMPLETA');
    // Forwarded to INPS, esiti not yet in: the desk still shows Tras.CGN, the server refuses (SRV-06) and the
    // desk fetches the news, so the monitor shows Trasm.INPS.
    expect((await admin(srv.url).post('/v1/admin/jobs/forward')).status).toBe(200);
    expect(status(ids[1]!)).toBe('TRASM_CGN');
    await expect(sync.withdraw(ids[1]!)).rejects.toMatchObject({ code: 'OPR-03' });
    expect(status(ids[1]!)).toBe('TRASM_INPS');
    // Resent after the withdrawal: a new version, accepted.
    desk.archive.enqueueInvio({ ids: [ids[0]!] }, 'op');
    await sync.syncNow();
    expect(status(ids[0]!)).toBe('TRASM_CGN');
    await sync.stop();
  });

  it('Scart. CAF: Correggi with the suggested codice fiscale, resent and accepted', async () => {
    const old = cfFor(500);
    const nuovo = cfFor(501);
    const put = await admin(srv.url).put('/v1/admin/anagrafe', { replace: true, entries: [{ codiceFiscale: old, collegatoA: nuovo }, { codiceFiscale: nuovo }] });
    expect(put.status).toBe(200);
    const d = new Decl({ codiceFiscale: old });
    const c = desk.archive.create({ campaign: 'RED2009', matricola: d.m.matricola, codiceFiscale: old, document: d.doc, operator: 't' });
    const v = desk.archive.saveDocument(c.id, 1, d.doc, 't').version;
    desk.archive.makeComplete(c.id, v, 't');
    const sync = syncFor(desk, srv.url, creds);
    desk.archive.enqueueInvio({ ids: [c.id] }, 'op');
    await sync.syncNow();
    expect(status(c.id)).toBe('SCART_CAF');
    const seg = desk.archive.segnalazioni();
    expect(seg).toHaveLength(1);
    expect(seg[0]).toMatchObject({ id: c.id, suggestion: nuovo });
    expect(seg[0]!.message).toMatch(/collegato/);
    const r = desk.archive.correggi(c.id, { applySuggestedCf: true }, RED2009_TRANSMISSION, new Date().toISOString(), 'op');
    expect(desk.archive.getForEdit(c.id).document.anagrafica.codiceFiscale).toBe(nuovo);
    desk.archive.makeComplete(c.id, desk.archive.getForEdit(c.id).version, 'op');
    expect(r.rettificativa).toBe(false);
    desk.archive.enqueueInvio({ ids: [c.id] }, 'op');
    await sync.syncNow();
    expect(status(c.id)).toBe('TRASM_CGN');
    expect(desk.archive.segnalazioni()).toHaveLength(0);
    await sync.stop();
  });

  it('offline: the outbox waits in Attesa and goes out when the server is back; the deadline refuses the file', async () => {
    const ids = completeDeclarations(desk.archive, 2);
    const down = syncFor(desk, 'http://127.0.0.1:9', creds);
    desk.archive.enqueueInvio({ ids: [ids[0]!] }, 'op');
    const s = await down.syncNow();
    expect(s.connection).toBe('NON_RAGGIUNGIBILE');
    expect(s.outboxDeclarations).toBe(1);
    expect(desk.archive.attesaList()[0]).toMatchObject({ id: ids[0], attempts: 1 });
    expect(status(ids[0]!)).toBe('ATTESA');
    await down.stop();
    const up = syncFor(desk, srv.url, creds);
    expect((await up.syncNow()).outboxFiles).toBe(0);
    expect(status(ids[0]!)).toBe('TRASM_CGN');

    expect((await admin(srv.url).put('/v1/admin/campaign', { deadline: '2009-06-30T09:00:00+02:00' })).status).toBe(200);
    desk.archive.enqueueInvio({ ids: [ids[1]!] }, 'op');
    await up.syncNow();
    expect(status(ids[1]!)).toBe('COMPLETA');
    const row = desk.archive.monitorList({ tab: 'DA_SPEDIRE', offset: 0, limit: 10 }).rows.find((x) => x.id === ids[1]);
    expect(row?.scartoMessage).toMatch(/termine/i);
    expect(desk.archive.storico(0, 10).files[0]!.state).toBe('RIFIUTATA');
    // "Segnalazioni" lists the refusal at reception with its reason.
    expect(desk.archive.segnalazioni().find((x) => x.id === ids[1])).toMatchObject({ code: 'SRV-07', status: 'COMPLETA' });
    await up.stop();
  });

  it('Invio of all the complete through the API (issue 14): 1,001 queued one file at a time, three files, all Tras.CGN', async () => {
    completeDeclarations(desk.archive, 1_001);
    const env = { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.deskId}.${creds.secret}`, RED_DESK_DEADLINE: '2999-06-30T09:00:00+02:00' };
    const sync = syncFor(desk, srv.url, creds, { env });
    const api = createServices({ archive: desk.client, sync, capture: noCapture, dataDir: '/tmp', operator: 'op', version: '0', emit: () => {} });
    expect(await api.dispatch('transmission.send', { allComplete: true })).toEqual({ ok: true, result: { queued: 1_001, files: 3, refused: [] } });
    // Files of at most 500 (the parts one file, then two, then four): 500, 500 and the last one.
    expect(desk.db.prepare('SELECT count(*) FROM outbox_items GROUP BY transmission_id ORDER BY 1 DESC').pluck().all()).toEqual([500, 500, 1]);
    expect((await sync.syncNow()).outboxFiles).toBe(0);
    expect(desk.db.prepare('SELECT status, count(*) AS n FROM declarations GROUP BY status').all()).toEqual([{ status: 'TRASM_CGN', n: 1_001 }]);
    expect(desk.archive.storico(0, 10).files.map((f) => f.state)).toEqual(['CONSEGNATA', 'CONSEGNATA', 'CONSEGNATA']);
    // Written in batches (multi-row INSERTs, one UPDATE per outcome): still one history row per change and
    // declaration, in order, the Attesa one naming the declaration's own file; every item answered and dropped.
    const history = desk.db
      .prepare(
        `SELECT h.from_status || '>' || h.to_status || ':' || (h.reason = 'invio (file ' || i.transmission_id || ')' OR h.reason = 'conferma di ricezione del CAF') AS step, count(*) AS n
         FROM status_history h JOIN outbox_items i ON i.declaration_id = h.declaration_id
         WHERE h.event = 'CAMBIO_STATO' AND h.to_status IN ('ATTESA', 'TRASM_CGN') GROUP BY step ORDER BY step`,
      )
      .all();
    expect(history).toEqual([{ step: 'ATTESA>TRASM_CGN:1', n: 1_001 }, { step: 'COMPLETA>ATTESA:1', n: 1_001 }]);
    const outOfOrder = desk.db
      .prepare(`SELECT count(*) FROM status_history a JOIN status_history b ON a.declaration_id = b.declaration_id WHERE a.to_status = 'ATTESA' AND b.to_status = 'TRASM_CGN' AND b.id < a.id`)
      .pluck()
      .get();
    expect(outOfOrder).toBe(0);
    expect(desk.db.prepare('SELECT outcome, item_json IS NULL AS dropped, count(*) AS n FROM outbox_items GROUP BY 1, 2').all()).toEqual([{ outcome: 'accepted', dropped: 1, n: 1_001 }]);
    await sync.stop();
  });

  it('Invio of all the complete: the first file\'s body is read before the next part is frozen, the next body while a file is on the wire', async () => {
    completeDeclarations(desk.archive, 1_001);
    // The archive worker answers in order: what matters is the order in which the calls reach it.
    const calls: string[] = [];
    let answersApplied = 0;
    const recorded = new Proxy(desk.client, {
      get(target, prop, receiver) {
        if (prop !== 'call') return Reflect.get(target, prop, receiver) as unknown;
        return (method: string, ...args: unknown[]) => {
          calls.push(method);
          if (method === 'outboxDelivered') answersApplied += (args[0] as unknown[]).length;
          return (target.call as (m: string, ...a: unknown[]) => Promise<unknown>)(method, ...args);
        };
      },
    });
    const onWire: number[] = [];
    const f: typeof fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (init?.method === 'POST' && new URL(url).pathname === '/v1/transmissions') onWire.push(calls.length);
      return fetch(input, init);
    };
    const env = { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.deskId}.${creds.secret}`, RED_DESK_DEADLINE: '2999-06-30T09:00:00+02:00' };
    const sync = syncFor(desk, srv.url, creds, { env, fetch: f, archive: recorded });
    const api = createServices({ archive: recorded, sync, capture: noCapture, dataDir: '/tmp', operator: 'op', version: '0', emit: () => {} });
    expect(await api.dispatch('transmission.send', { allComplete: true })).toEqual({ ok: true, result: { queued: 1_001, files: 3, refused: [] } });
    await sync.syncNow();
    const first = (m: string, from = 0) => calls.indexOf(m, from);
    const secondPart = first('enqueueInvio', first('enqueueInvio') + 1);
    expect(first('outboxBody')).toBeGreaterThan(first('enqueueInvio'));
    expect(first('outboxBody')).toBeLessThan(secondPart);
    // Before each file goes on the wire, the next file is already asked for (its body, or the outbox list when the
    // next part may still be being frozen): the worker prepares it while the server works.
    expect(onWire).toHaveLength(3);
    const bodies = calls.flatMap((m, i) => (m === 'outboxBody' ? [i] : []));
    for (const [k, at] of onWire.entries()) {
      const askedNext = calls.slice(bodies[k]! + 1, at).some((m) => m === 'outboxBody' || m === 'outboxWaiting');
      expect(askedNext, `file ${k + 1}`).toBe(true);
    }
    expect(calls.filter((m) => m === 'outboxBody')).toHaveLength(3);
    // Each answer applied once, alone or with those that arrived while the worker was busy.
    expect(answersApplied).toBe(3);
    expect(desk.db.prepare('SELECT status, count(*) AS n FROM declarations GROUP BY status').all()).toEqual([{ status: 'TRASM_CGN', n: 1_001 }]);
    await sync.stop();
  });

  it('answers that arrive while the archive is busy are applied together, in one transaction, each once and in order', async () => {
    completeDeclarations(desk.archive, 1_001);
    // The first answer is held back from the archive until the third file has been answered: the second and third
    // answers wait meanwhile, as they do while the worker freezes the next part of an Invio.
    let thirdAnswered: () => void = () => {};
    const third = new Promise<void>((r) => (thirdAnswered = r));
    let answers = 0;
    const f: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (init?.method === 'POST' && new URL(url).pathname === '/v1/transmissions' && ++answers === 3) thirdAnswered();
      return res;
    };
    // The number of answers in each call that applies them.
    const applied: number[] = [];
    const held = new Proxy(desk.client, {
      get(target, prop, receiver) {
        if (prop !== 'call') return Reflect.get(target, prop, receiver) as unknown;
        return async (method: string, ...args: unknown[]) => {
          if (method === 'outboxDelivered') {
            if (applied.length === 0) await third;
            applied.push((args[0] as unknown[]).length);
          }
          return (target.call as (m: string, ...a: unknown[]) => Promise<unknown>)(method, ...args);
        };
      },
    });
    const env = { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.deskId}.${creds.secret}`, RED_DESK_DEADLINE: '2999-06-30T09:00:00+02:00' };
    const sync = syncFor(desk, srv.url, creds, { env, fetch: f, archive: held });
    const api = createServices({ archive: held, sync, capture: noCapture, dataDir: '/tmp', operator: 'op', version: '0', emit: () => {} });
    expect(await api.dispatch('transmission.send', { allComplete: true })).toEqual({ ok: true, result: { queued: 1_001, files: 3, refused: [] } });
    expect((await sync.syncNow()).outboxFiles).toBe(0);
    expect(applied).toEqual([1, 2]);
    expect(desk.db.prepare('SELECT status, count(*) AS n FROM declarations GROUP BY status').all()).toEqual([{ status: 'TRASM_CGN', n: 1_001 }]);
    expect(desk.db.prepare(`SELECT count(*) FROM status_history WHERE to_status = 'TRASM_CGN'`).pluck().get()).toBe(1_001);
    expect(desk.archive.storico(0, 10).files.map((x) => x.state)).toEqual(['CONSEGNATA', 'CONSEGNATA', 'CONSEGNATA']);
    // The answers to a file do not wait for the disk; every other write still does.
    expect(desk.db.pragma('synchronous', { simple: true })).toBe(2);
    await sync.stop();
  });

  it('Invio of all the complete while the CAF cannot be reached: the bodies handed to the sync go with its pass, each file goes out once later', async () => {
    completeDeclarations(desk.archive, 1_001);
    let reachable = false;
    const sent = new Map<string, number>();
    const f: typeof fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (init?.method === 'POST' && new URL(url).pathname === '/v1/transmissions') {
        if (!reachable) throw new TypeError('fetch failed');
        const id = (JSON.parse(String(init.body)) as { transmissionId: string }).transmissionId;
        sent.set(id, (sent.get(id) ?? 0) + 1);
      }
      return fetch(input, init);
    };
    const env = { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.deskId}.${creds.secret}`, RED_DESK_DEADLINE: '2999-06-30T09:00:00+02:00' };
    const sync = syncFor(desk, srv.url, creds, { env, fetch: f });
    const api = createServices({ archive: desk.client, sync, capture: noCapture, dataDir: '/tmp', operator: 'op', version: '0', emit: () => {} });
    expect(await api.dispatch('transmission.send', { allComplete: true })).toEqual({ ok: true, result: { queued: 1_001, files: 3, refused: [] } });
    expect((await sync.syncNow()).outboxFiles).toBe(3);
    expect(desk.db.prepare('SELECT status, count(*) AS n FROM declarations GROUP BY status').all()).toEqual([{ status: 'ATTESA', n: 1_001 }]);
    reachable = true;
    expect((await sync.syncNow()).outboxFiles).toBe(0);
    expect([...sent.values()]).toEqual([1, 1, 1]);
    expect(desk.db.prepare('SELECT status, count(*) AS n FROM declarations GROUP BY status').all()).toEqual([{ status: 'TRASM_CGN', n: 1_001 }]);
    await sync.stop();
  });

  it('after the campaign deadline Invio is refused with the date (OPR-11) and nothing changes; the setting moves it', async () => {
    const ids = completeDeclarations(desk.archive, 1);
    const sync = new SyncService({ archive: desk.client, operator: 'op', env: { RED_DESK_DEADLINE: '2009-06-23T09:00:00+02:00' }, onState: () => {}, onChanged: () => {} });
    const api = createServices({ archive: desk.client, sync, capture: noCapture, dataDir: '/tmp', operator: 'op', version: '0', emit: () => {} });
    const reply = await api.dispatch('transmission.send', { ids });
    expect(reply).toMatchObject({ ok: false, error: { code: 'OPR-11' } });
    expect(reply.ok ? '' : reply.error.message).toMatch(/termine per effettuare l'invio è scaduto il 23\/06\/2009 alle ore 09:00/);
    expect(status(ids[0]!)).toBe('COMPLETA');
    expect(desk.archive.storico(0, 10).total).toBe(0);
    const saved = await api.dispatch('sync.saveSettings', { serverUrl: '', deskId: '', intervalSeconds: 60, deadline: '2999-06-30T09:00:00+02:00' });
    expect(saved).toMatchObject({ ok: true, result: { effectiveDeadline: '2999-06-30T09:00:00+02:00' } });
    expect(await api.dispatch('transmission.send', { ids })).toMatchObject({ ok: true, result: { queued: 1, files: 1 } });
    expect(status(ids[0]!)).toBe('ATTESA');
    // A bad setting is refused naming the field, and nothing is stored.
    const bad = await api.dispatch('sync.saveSettings', { serverUrl: 'ftp://x', deskId: 'Sportello 1', intervalSeconds: 1, deadline: null });
    expect(bad).toMatchObject({ ok: false });
    expect(bad.ok ? null : bad.error.field).toBe('serverUrl');
    expect((await sync.settings()).deadline).toBe('2999-06-30T09:00:00+02:00');
    await sync.stop();
  });

  it('9011: Scartata until the CAF message says the matricola is correct, then "Riattiva" and resend (p. 45, 109)', async () => {
    const d = new Decl({ codiceFiscale: cfFor(700), codiceEmissione: 'H' });
    const c = desk.archive.create({ campaign: 'RED2009', matricola: d.m.matricola, codiceFiscale: cfFor(700), document: d.doc, operator: 't' });
    desk.archive.makeComplete(c.id, desk.archive.saveDocument(c.id, 1, d.doc, 't').version, 't');
    const a = admin(srv.url);
    expect((await a.put('/v1/admin/matricole-errate', { replace: false, entries: [{ matricola: d.m.matricola, code: '9011' }] })).status).toBe(200);
    const sync = syncFor(desk, srv.url, creds);
    desk.archive.enqueueInvio({ ids: [c.id] }, 'op');
    await sync.syncNow();
    expect(status(c.id)).toBe('SCARTATA');
    expect(desk.archive.segnalazioni()[0]).toMatchObject({ id: c.id, code: '9011' });
    expect(() => desk.archive.riattiva9011(c.id, 'op')).toThrow(/Attendere il messaggio/);
    expect(() => desk.archive.correggi(c.id, { applySuggestedCf: false }, RED2009_TRANSMISSION, new Date().toISOString(), 'op')).toThrow(/codice 9011/);
    expect((await a.post('/v1/admin/matricole-errate/verifica', { matricola: d.m.matricola, esito: 'CORRETTA' })).status).toBe(200);
    const s = await sync.syncNow();
    expect(s.unreadMessages).toBe(1);
    const [msg] = desk.archive.messagesList();
    expect(msg).toMatchObject({ code: '9011', declarationId: c.id, read: false, correctMatricola: null });
    expect(desk.archive.markMessagesRead([msg!.id])).toBe(1);
    expect(desk.archive.riattiva9011(c.id, 'op')).toEqual({ id: c.id, status: 'COMPLETA' });
    desk.archive.enqueueInvio({ ids: [c.id] }, 'op');
    await sync.syncNow();
    expect(status(c.id)).toBe('TRASM_CGN');
    await sync.stop();
  });

  it('the desk secret is stored sealed (keychain in Electron) and used for the connection', async () => {
    const sealer = { kind: 'test-keychain', seal: (x: string) => Buffer.from(x).toString('base64'), open: (x: string) => Buffer.from(x, 'base64').toString() };
    const sync = new SyncService({ archive: desk.client, operator: 'op', env: {}, secrets: sealer, onState: () => {}, onChanged: () => {} });
    expect((await sync.state()).connection).toBe('NON_CONFIGURATO');
    const view = await sync.saveSettings({ serverUrl: srv.url, deskId: creds.deskId, secret: creds.secret, intervalSeconds: 60, deadline: null });
    expect(view).toMatchObject({ hasSecret: true, deskId: creds.deskId, fromEnvironment: [] });
    expect(desk.archive.getSetting('sync.secret')).not.toContain(creds.secret);
    expect((await sync.syncNow()).connection).toBe('CONNESSO');
    await sync.stop();
    // Another keychain (another PC or account) cannot open it: not configured until the secret is entered again.
    const other = new SyncService({ archive: desk.client, operator: 'op', env: {}, secrets: { ...sealer, kind: 'altro' }, onState: () => {}, onChanged: () => {} });
    expect((await other.state()).connection).toBe('NON_CONFIGURATO');
    await other.stop();
    // The keychain is asked once per start, not at every sync.
    let opened = 0;
    const counting = { ...sealer, open: (x: string) => (opened++, sealer.open(x)) };
    const again = new SyncService({ archive: desk.client, operator: 'op', env: {}, secrets: counting, onState: () => {}, onChanged: () => {} });
    for (let i = 0; i < 3; i++) expect((await again.syncNow()).connection).toBe('CONNESSO');
    expect(opened).toBe(1);
    await again.stop();
  });

  it('a file the server cannot take now (5xx) stays in Attesa but does not hold back the esiti of the others', async () => {
    const ids = completeDeclarations(desk.archive, 2);
    const sync = syncFor(desk, srv.url, creds);
    desk.archive.enqueueInvio({ ids: [ids[0]!] }, 'op');
    await sync.syncNow();
    await jobs();
    await sync.stop();
    desk.archive.enqueueInvio({ ids: [ids[1]!] }, 'op');
    const failingPosts: typeof fetch = async (input, init) =>
      init?.method === 'POST' ? new Response(JSON.stringify({ error: { code: 'SRV-11', message: 'in manutenzione' } }), { status: 503 }) : fetch(input, init);
    const flaky = syncFor(desk, srv.url, creds, { fetch: failingPosts });
    const s = await flaky.syncNow();
    expect(status(ids[0]!)).toBe('RICEVUTA');
    expect(status(ids[1]!)).toBe('ATTESA');
    expect(s).toMatchObject({ connection: 'NON_RAGGIUNGIBILE', outboxDeclarations: 1 });
    expect(s.lastError).toMatch(/503/);
    expect(desk.archive.attesaList()[0]).toMatchObject({ id: ids[1], attempts: 1 });
    expect(s.stoppedFiles).toBe(0);
    // After 5 failed attempts the file counts as "fermo" in the status bar (call CGN, use Reinvio).
    let last = s;
    for (let i = 0; i < 4; i++) last = await flaky.syncNow();
    expect(last.stoppedFiles).toBe(1);
    await flaky.stop();
  });

  it('closing the desk aborts a request in flight; the file stays in the outbox and goes out next time', async () => {
    const ids = completeDeclarations(desk.archive, 1);
    desk.archive.enqueueInvio({ ids }, 'op');
    let started!: () => void;
    const inFlight = new Promise<void>((r) => (started = r));
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        started();
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const stuck = syncFor(desk, srv.url, creds, { fetch: hanging, timeoutMs: 60_000 });
    const run = stuck.syncNow();
    await inFlight;
    const t = Date.now();
    await stuck.stop();
    expect(Date.now() - t).toBeLessThan(2_000);
    await run;
    expect(status(ids[0]!)).toBe('ATTESA');
    const next = syncFor(desk, srv.url, creds);
    await next.syncNow();
    expect(status(ids[0]!)).toBe('TRASM_CGN');
    await next.stop();
  });

  it('syncs by itself on the interval: an Invio made between two passes goes out without "Sincronizza"', async () => {
    const ids = completeDeclarations(desk.archive, 1);
    let passes = 0;
    const counted = syncFor(desk, srv.url, creds, {
      env: { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.deskId}.${creds.secret}`, RED_DESK_SYNC_INTERVAL: '1' },
      onState: (st) => {
        if (!st.running && st.lastSyncAt) passes++;
      },
    });
    counted.start();
    await expect.poll(() => passes, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    desk.archive.enqueueInvio({ ids }, 'op');
    await expect.poll(() => status(ids[0]!), { timeout: 5_000 }).toBe('TRASM_CGN');
    await counted.stop();
  });
});
