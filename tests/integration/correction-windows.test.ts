/**
 * Issue 11 points 13–15 on the desk: the correction windows counted from the ordinaria of the chain (p. 69, 100),
 * the deadline that freezes what was sent (seed 000 point 3) and the position "ricostituita" from the esito feed
 * (p. 102, OPR-05). Real SQLite archive; points 14 and 15 also through the real central server (in this process)
 * and the INPS simulator process.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import type { RunningServer } from '#server/server';
import { RED2009_TRANSMISSION } from '#shared/campaigns/red2009/transmission';
import { createServices } from '#main/services/services';
import type { CaptureService } from '#main/capture/service-types';
import { DEFAULT_CAPTURE_SETTINGS } from '#shared/domain/capture';
import { admin, Client } from '../server/helpers/client';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { startInProcess } from '../server/helpers/inproc';
import { SIM_AUTH, SIM_TOKEN, startSimulator, type Proc } from '../server/helpers/processes';
import { cfFor } from '../server/helpers/fixtures';
import { completeDeclarations, deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';
import { refusal } from '../helpers/refusal';

const noCapture: CaptureService = {
  settings: async () => DEFAULT_CAPTURE_SETTINGS,
  saveSettings: async (x) => x,
  devices: async () => ({ devices: [], error: null }),
  state: () => ({ state: 'disattivata', message: '', device: null }),
  start: async () => {},
  stop: async () => {},
};

describe('correction windows of a chain N → R → R (p. 69, 100)', () => {
  let desk: TestDesk;
  beforeEach(() => {
    desk = openTestDesk();
  });
  afterEach(() => desk.close());

  /** What the CAF and INPS said about a declaration, as the feed leaves it (dates of the fixture, by hand). */
  const received = (id: number, cgn: string, inps: string) =>
    desk.db.prepare("UPDATE declarations SET status = 'RICEVUTA', cgn_received_at = ?, inps_sent_at = ?, esito_at = ? WHERE id = ?").run(cgn, inps, inps, id);
  const correggi = (id: number, now: string) => desk.archive.correggi(id, { applySuggestedCf: false }, RED2009_TRANSMISSION, now, 'op');
  const complete = (id: number) => {
    const e = desk.archive.getForEdit(id);
    return desk.archive.makeComplete(id, e.version, 'op');
  };

  it('Correggi counts 15 days from the first sending of the ordinaria N, also on an R; Invio of every R 25 days from the N at INPS', () => {
    // Ordinaria N: first sent (received by the CAF) 01/06/2009 10:00 Italian time, forwarded to INPS 05/06/2009.
    // Correggi until 16/06/2009 (01/06 + 15); rettifiche reach INPS until 30/06/2009 (05/06 + 25).
    const [n] = completeDeclarations(desk.archive, 1) as [number];
    received(n, '2009-06-01T08:00:00Z', '2009-06-05T07:00:00Z');
    const r1 = correggi(n, '2009-06-08T08:00:00Z');
    expect(r1.rettificativa).toBe(true);
    expect(r1.message).toMatch(/L'INPS acquisisce le rettifiche entro il 30\/06\/2009\./);
    // R1 sent later: first received 10/06, forwarded to INPS 12/06 (its own window would end 27/06, 07/07).
    received(r1.id, '2009-06-10T08:00:00Z', '2009-06-12T07:00:00Z');

    // 17/06/2009 00:00 Italian time: the 15 days of the N are over, though R1 itself was sent on 10/06.
    const late = refusal(() => correggi(r1.id, '2009-06-16T22:00:00Z'));
    expect(late.code).toBe('OPR-05');
    expect(late.message).toBe(
      'Correggi è ammesso solo entro 15 giorni dal primo invio della dichiarazione ordinaria (inviata il 01/06/2009, termine scaduto il 16/06/2009): la correzione va presentata allo sportello della Sede INPS competente.',
    );
    expect(desk.archive.monitorRow(r1.id)).toMatchObject({ status: 'RICEVUTA', ordinariaInvioAt: '2009-06-01T08:00:00Z', ricostituita: false });

    // 16/06/2009 23:59 Italian time: still the last day.
    const r2 = correggi(r1.id, '2009-06-16T21:59:00Z');
    expect(r2.message).toMatch(/entro il 30\/06\/2009\./);
    complete(r2.id);
    // Invio of R2 on 01/07/2009 00:00 Italian time: past 30/06, counted from the N (not from R1's 12/06).
    const refused = desk.archive.enqueueInvio({ ids: [r2.id] }, 'op', RED2009_TRANSMISSION, '2009-06-30T22:00:00Z');
    expect(refused.queued).toBe(0);
    expect(refused.refused[0]?.message).toMatch(/inviato all'INPS il 05\/06\/2009, termine scaduto il 30\/06\/2009/);
    // On 30/06/2009 at 23:59 it goes out.
    expect(desk.archive.enqueueInvio({ ids: [r2.id] }, 'op', RED2009_TRANSMISSION, '2009-06-30T21:59:00Z').queued).toBe(1);
  });
});

let sim: Proc;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.stop();
});

describe('with the central CAF', () => {
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
  const jobs = async () => {
    expect((await admin(srv.url).post('/v1/admin/jobs/forward')).status).toBe(200);
    expect((await admin(srv.url).post('/v1/admin/jobs/esiti')).status).toBe(200);
  };

  it('esito feed: a position ricostituita refuses Correggi with OPR-05; the other Ricevuta of the same esiti is corrected', async () => {
    const ids = completeDeclarations(desk.archive, 2);
    await new Client(sim.url, SIM_AUTH).put('/config', { ricostituite: [cfFor(0)] });
    const sync = syncFor(desk, srv.url, creds);
    desk.archive.enqueueInvio({ ids }, 'op');
    await sync.syncNow();
    await jobs();
    await sync.syncNow();
    const [ric, ok] = ids as [number, number];
    expect(desk.archive.monitorRow(ric)).toMatchObject({ status: 'RICEVUTA', ricostituita: true });
    expect(desk.archive.monitorRow(ok)).toMatchObject({ status: 'RICEVUTA', ricostituita: false });
    expect(desk.archive.messagesList().map((m) => [m.code, m.declarationId])).toEqual([['RICOSTITUITA', ric]]);

    const now = new Date().toISOString();
    const e = refusal(() => desk.archive.correggi(ric, { applySuggestedCf: false }, RED2009_TRANSMISSION, now, 'op'));
    expect(e.code).toBe('OPR-05');
    expect(e.message).toMatch(/^Posizione già ricostituita dall'INPS: le variazioni non sono più ammesse telematicamente \(p\. 102\)/);
    expect(desk.archive.getForEdit(ric).status).toBe('RICEVUTA');
    expect(desk.archive.correggi(ok, { applySuggestedCf: false }, RED2009_TRANSMISSION, now, 'op').rettificativa).toBe(true);
  });

  it('after the deadline Modifica of a Trasm.CGN and Correggi are refused by the desk (OPR-14) and by the server', async () => {
    const ids = completeDeclarations(desk.archive, 2);
    const sync = syncFor(desk, srv.url, creds);
    desk.archive.enqueueInvio({ ids }, 'op');
    await sync.syncNow();
    const [a, b] = ids as [number, number];
    expect(desk.archive.getForEdit(a).status).toBe('TRASM_CGN');
    const deadline = '2009-06-23T09:00:00+02:00';
    expect((await admin(srv.url).put('/v1/admin/campaign', { deadline })).status).toBe(200);

    // The desk's own copy of the deadline: refused before asking the server.
    const clock = () => new Date('2009-06-23T07:01:00Z');
    const withDeadline = syncFor(desk, srv.url, creds, { env: { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.deskId}.${creds.secret}`, RED_DESK_DEADLINE: deadline } });
    const api = createServices({ archive: desk.client, sync: withDeadline, capture: noCapture, clock, dataDir: '/tmp', operator: 'op', version: '0', emit: () => {} });
    const msg = "Il termine per effettuare l'invio è scaduto il 23/06/2009 alle ore 09:00: le dichiarazioni già inviate non possono più essere ritirate, cancellate, modificate né corrette.";
    expect(await api.dispatch('transmission.withdraw', { id: a })).toEqual({ ok: false, error: expect.objectContaining({ code: 'OPR-14', message: msg }) });
    expect(await api.dispatch('transmission.correggi', { id: a })).toEqual({ ok: false, error: expect.objectContaining({ code: 'OPR-14', message: msg }) });
    // One minute before the deadline the desk lets it through (the nearest case)…
    const before = createServices({ archive: desk.client, sync: withDeadline, capture: noCapture, clock: () => new Date('2009-06-23T06:59:00Z'), dataDir: '/tmp', operator: 'op', version: '0', emit: () => {} });
    // …and the server, whose deadline has passed in its own clock, refuses: the desk says so with OPR-14.
    const server = await before.dispatch('transmission.withdraw', { id: b });
    expect(server).toEqual({ ok: false, error: expect.objectContaining({ code: 'OPR-14', message: expect.stringMatching(/^Il termine per la trasmissione delle dichiarazioni RED è scaduto il 23\/06\/2009 alle ore 09:00/) }) });
    expect(ids.map((id) => desk.archive.getForEdit(id).status)).toEqual(['TRASM_CGN', 'TRASM_CGN']);
  });
});

describe('the ricostituita lookup of every monitor page (schema 9)', () => {
  it('reads the messages of the page through an index, not the whole table', () => {
    const { db } = openArchive(join(mkdtempSync(join(tmpdir(), 'red-msg-plan-')), 'archivio-red.sqlite'));
    try {
      const plan = db
        .prepare("EXPLAIN QUERY PLAN SELECT DISTINCT declaration_id FROM messages WHERE code = ? AND declaration_id IN (1, 2, 3)")
        .all('RICOSTITUITA') as { detail: string }[];
      const detail = plan.map((p) => p.detail).join(' | ');
      expect(detail).toContain('ix_messages_declaration');
      expect(detail).not.toMatch(/SCAN messages(?! USING)/);
    } finally {
      db.close();
    }
  });
});
