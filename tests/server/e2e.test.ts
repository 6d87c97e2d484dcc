/**
 * End to end with real processes: the bundled server (dist/server/server.cjs) and the INPS simulator
 * (dist/server/inps-simulator.cjs) on 127.0.0.1, on every available dialect. transmit → CAF checks → forward →
 * INPS esiti → the desk's change feed; withdrawals before/after forwarding; INPS down; every INPS code.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChangesResponseSchema, EsitiResultSchema, ForwardResultSchema, TransmitResponseSchema, type Change, type StatusChange } from '#shared/server-api/contract';
import { admin, Client, newDesk } from './helpers/client';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { startServerProcess, SIM_AUTH, SIM_TOKEN, startSimulator, type Proc } from './helpers/processes';
import { makeMatricola } from '../helpers/matricole';

let sim: Proc;
let simClient: Client;
beforeAll(async () => {
  sim = await startSimulator();
  simClient = new Client(sim.url, SIM_AUTH);
});
afterAll(async () => {
  await sim.stop();
});

describe.each(DIALECTS)('end to end on %s', (dialect) => {
  let db: FreshDb | undefined;
  let srv: Proc | undefined;
  let a: Client;
  beforeEach(async () => {
    srv = undefined;
    db = await freshDb(dialect);
    srv = await startServerProcess(db, { RED_DESK_SERVER_INPS_URL: sim.url, RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN });
    a = admin(srv.url);
    await simClient.put('/config', {});
  });
  afterEach(async () => {
    try {
      if (srv) expect(await srv.stop()).toBe(0);
    } finally {
      await db?.drop();
    }
  });

  const forward = async () => ForwardResultSchema.parse((await a.post('/v1/admin/jobs/forward')).body);
  const esiti = async () => EsitiResultSchema.parse((await a.post('/v1/admin/jobs/esiti')).body);
  const changes = async (desk: Client): Promise<Change[]> => ChangesResponseSchema.parse((await desk.get('/v1/changes?after=0&limit=1000')).body).changes;
  /** The last status each declaration reached in the feed: what the desk shows after applying it. */
  const finalStatus = (list: Change[]) => {
    const out: Record<string, StatusChange> = {};
    for (const c of list) if (c.kind === 'STATUS') out[c.declarationKey] = c;
    return out;
  };

  it('transmit → CAF checks → forward to INPS → esiti (Ricevuta, Scartata 9203) → changes feed', async () => {
    const desk = await newDesk(srv!.url, 'roma-01');
    const [ok, ko9203, ritirata, old, newer] = [cfFor(1), cfFor(2), cfFor(3), cfFor(4), cfFor(5)];
    const ipost = (cf: string) => makeMatricola(cf, { codiceEmissione: 'H' });
    await a.put('/v1/admin/anagrafe', {
      replace: true,
      entries: [...[ok, ko9203, ritirata, newer, cfFor(10), cfFor(11), cfFor(12)].map((codiceFiscale) => ({ codiceFiscale })), { codiceFiscale: old, collegatoA: newer }],
    });
    const corretta = makeMatricola(cfFor(11), { codiceEmissione: 'H', numeroFigli: '1' });
    await a.put('/v1/admin/matricole-errate', {
      replace: true,
      entries: [
        { matricola: makeMatricola(cfFor(10)), code: '9009' },
        { matricola: ipost(cfFor(11)), code: '9010', matricolaCorretta: corretta },
        { matricola: ipost(cfFor(12)), code: '9011' },
      ],
    });
    await simClient.put('/config', { byMatricola: { [makeMatricola(ko9203)]: '9203' } });

    const sent = TransmitResponseSchema.parse(
      (
        await desk.transmit([
          itemFor(ok),
          itemFor(ko9203),
          itemFor(ritirata),
          itemFor(old),
          itemFor(cfFor(10)),
          itemFor(cfFor(11), { emissione: 'H' }),
          itemFor(cfFor(12), { emissione: 'H' }),
        ])
      ).body,
    );
    expect(sent.items.map((i) => [i.serverStatus, i.scarto?.code ?? null])).toEqual([
      ['TRASM_CGN', null],
      ['TRASM_CGN', null],
      ['TRASM_CGN', null],
      ['SCART_CAF', 'SCART_CAF'],
      ['SCARTATA', '9009'],
      ['SCARTATA', '9010'],
      ['SCARTATA', '9011'],
    ]);
    expect(sent.items[3]?.scarto?.message).toBe(`C.F.: codice fiscale collegato ${newer} (titolare ${old})`);

    // "Modifica" before forwarding: withdrawn, never reaches INPS.
    expect((await desk.post(`/v1/declarations/d-${ritirata}/withdraw`, { reason: 'MODIFICA' })).status).toBe(200);
    const f = await forward();
    expect(f).toMatchObject({ forwarded: 2, sent: 1, pendingBatches: 0, error: null });
    const received = (await simClient.get<{ batchId: string; items: { codiceFiscale: string }[] }[]>('/batches')).body.find((b) => b.batchId === f.batchId);
    expect(received?.items.map((i) => i.codiceFiscale).sort()).toEqual([ok, ko9203].sort());
    expect((await forward()).forwarded).toBe(0);

    // After forwarding: no withdrawal, no new version (T26, p. 103).
    const late = await desk.post(`/v1/declarations/d-${ok}/withdraw`, { reason: 'ANNULLAMENTO' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'SRV-06' } });
    const v2 = TransmitResponseSchema.parse((await desk.transmit([itemFor(ok, { version: 2 })])).body);
    expect(v2.items[0]).toMatchObject({ outcome: 'refused', serverStatus: 'TRASM_INPS' });

    expect(await esiti()).toEqual({ ricevute: 1, scartate: 1, pendingBatches: 0, error: null });
    expect(await esiti()).toEqual({ ricevute: 0, scartate: 0, pendingBatches: 0, error: null });
    const st = finalStatus(await changes(desk));
    expect(st[`d-${ok}`]).toMatchObject({ status: 'RICEVUTA', scarto: null });
    expect(st[`d-${ko9203}`]).toMatchObject({ status: 'SCARTATA', scarto: { origin: 'INPS', code: '9203', message: 'Dichiarazione trasmessa da ritrasmettere' } });
    expect(st[`d-${ritirata}`]).toMatchObject({ status: 'RITIRATA' });
    expect(st[`d-${old}`]).toMatchObject({ status: 'SCART_CAF' });
    expect(st[`d-${cfFor(11)}`]).toMatchObject({ status: 'SCARTATA', scarto: { code: '9010', correctMatricola: corretta } });
    expect((await desk.post(`/v1/declarations/d-${ok}/withdraw`, { reason: 'ANNULLAMENTO' })).status).toBe(409);

    // 9203: "Correggi", make complete, resend (T17); the withdrawn one is sent again too.
    await simClient.put('/config', {});
    const resent = TransmitResponseSchema.parse((await desk.transmit([itemFor(ko9203, { version: 2 }), itemFor(ritirata, { version: 2 })])).body);
    expect(resent.items.map((i) => i.outcome)).toEqual(['accepted', 'accepted']);
    expect((await forward()).forwarded).toBe(2);
    expect(await esiti()).toMatchObject({ ricevute: 2, scartate: 0 });
    const end = finalStatus(await changes(desk));
    expect([end[`d-${ko9203}`]?.status, end[`d-${ko9203}`]?.version, end[`d-${ritirata}`]?.status]).toEqual(['RICEVUTA', 2, 'RICEVUTA']);
    // The feed tells the whole life of a declaration, in order.
    const life = (await changes(desk)).filter((c): c is StatusChange => c.kind === 'STATUS' && c.declarationKey === `d-${ko9203}`);
    expect(life.map((c) => `${c.version}:${c.status}`)).toEqual(['1:TRASM_CGN', '1:TRASM_INPS', '1:SCARTATA', '2:TRASM_CGN', '2:TRASM_INPS', '2:RICEVUTA']);
  });

  it('gives every INPS rejection code its description (9201, 9202, 9203, 9204, 9205, 9209)', async () => {
    const desk = await newDesk(srv!.url, 'napoli-03');
    const codes = ['9201', '9202', '9203', '9204', '9205', '9209'] as const;
    const cfs = codes.map((_, i) => cfFor(200 + i));
    await simClient.put('/config', { byCodiceFiscale: Object.fromEntries(cfs.map((cf, i) => [cf, codes[i]])) });
    await desk.transmit(cfs.map((cf) => itemFor(cf)));
    expect((await forward()).forwarded).toBe(6);
    expect(await esiti()).toMatchObject({ ricevute: 0, scartate: 6 });
    const st = finalStatus(await changes(desk));
    expect(cfs.map((cf) => [st[`d-${cf}`]?.scarto?.code, st[`d-${cf}`]?.scarto?.message])).toEqual([
      ['9201', 'Dichiarazione non interessata alla campagna RED'],
      ['9202', 'Dichiarazione trasmessa da utente diverso'],
      ['9203', 'Dichiarazione trasmessa da ritrasmettere'],
      ['9204', 'Dichiarazione ritrasmessa da trasmettere'],
      ['9205', "Correzione non accettata, pensione già ricalcolata dall'INPS"],
      ['9209', 'Errore di scrittura sul DB centrale'],
    ]);
    // Only 9203, 9204, 9209 may be corrected and resent (p. 103–104, 108).
    const again = TransmitResponseSchema.parse((await desk.transmit(cfs.map((cf) => itemFor(cf, { version: 2 })))).body);
    expect(again.items.map((i) => i.outcome)).toEqual(['refused', 'refused', 'accepted', 'accepted', 'refused', 'accepted']);
  });

  it('keeps a batch INPS did not take and delivers it on the next run; esiti may come later', async () => {
    const desk = await newDesk(srv!.url, 'torino-04');
    await simClient.put('/config', { failSends: 1, default: 'PENDING' });
    await desk.transmit([itemFor(cfFor(300)), itemFor(cfFor(301))]);
    const down = await forward();
    expect(down).toMatchObject({ forwarded: 2, sent: 0, pendingBatches: 1 });
    expect(down.error).toMatch(/503/);
    expect((await desk.get<{ status: string }>(`/v1/declarations/d-${cfFor(300)}`)).body.status).toBe('TRASM_INPS');
    expect(await forward()).toMatchObject({ forwarded: 0, sent: 1, pendingBatches: 0, error: null });
    expect(await esiti()).toEqual({ ricevute: 0, scartate: 0, pendingBatches: 1, error: null });
    await simClient.put('/config', { default: 'RICEVUTA' });
    expect(await esiti()).toEqual({ ricevute: 2, scartate: 0, pendingBatches: 0, error: null });
  });
});
