/**
 * Issue 11 points 14 and 15 on the real server process (dist/server/server.cjs) and the INPS simulator, on
 * 127.0.0.1, on every available dialect:
 *  - after the campaign deadline the declarations already sent are neither withdrawn nor modified (seed 000,
 *    point 3): "Modifica"/annullamento of a Trasm.CGN → 422 SRV-07, a new version → refused; before it, allowed;
 *  - a position INPS already "ricostituì" (p. 102): the esito feed says so with a RICOSTITUITA message after the
 *    Ricevuta; another Ricevuta gets none.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ChangesResponseSchema, RICOSTITUITA_MESSAGE_CODE, type Change } from '#shared/server-api/contract';
import { admin, Client, newDesk } from './helpers/client';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { startServerProcess, SIM_AUTH, SIM_TOKEN, startSimulator, type Proc } from './helpers/processes';

let sim: Proc;
let simClient: Client;
beforeAll(async () => {
  sim = await startSimulator();
  simClient = new Client(sim.url, SIM_AUTH);
});
afterAll(async () => {
  await sim.stop();
});

describe.each(DIALECTS)('correction windows on the server, %s', (dialect) => {
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
  const changes = async (desk: Client): Promise<Change[]> => ChangesResponseSchema.parse((await desk.get('/v1/changes?after=0&limit=1000')).body).changes;

  it('after the deadline a Trasm.CGN is neither withdrawn (Modifica, annullamento) nor replaced by a new version', async () => {
    const desk = await newDesk(srv!.url, 'roma-01');
    const [late, early] = [itemFor(cfFor(1)), itemFor(cfFor(2))];
    const sent = await desk.transmit([late, early]);
    expect(sent.status).toBe(200);
    expect(sent.body.items.map((i) => i.serverStatus)).toEqual(['TRASM_CGN', 'TRASM_CGN']);

    // Before the deadline (one far ahead): the nearest case, the withdrawal goes through.
    expect((await a.put('/v1/admin/campaign', { deadline: '2099-06-23T09:00:00+02:00' })).status).toBe(200);
    const ok = await desk.post(`/v1/declarations/${early.declarationKey}/withdraw`, { reason: 'MODIFICA', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ serverStatus: 'RITIRATA', changed: true });

    // The deadline of the circular has passed.
    expect((await a.put('/v1/admin/campaign', { deadline: '2009-06-23T09:00:00+02:00' })).status).toBe(200);
    for (const reason of ['MODIFICA', 'ANNULLAMENTO']) {
      const r = await desk.post<{ error: { code: string; message: string } }>(`/v1/declarations/${late.declarationKey}/withdraw`, { reason, version: 1 });
      expect(r.status).toBe(422);
      expect(r.body.error).toEqual(
        expect.objectContaining({
          code: 'SRV-07',
          message:
            'Il termine per la trasmissione delle dichiarazioni RED è scaduto il 23/06/2009 alle ore 09:00: le dichiarazioni già trasmesse non possono più essere ritirate, cancellate né modificate.',
        }),
      );
    }
    const still = await desk.get<{ status: string; version: number }>(`/v1/declarations/${late.declarationKey}`);
    expect(still.body).toMatchObject({ status: 'TRASM_CGN', version: 1 });
    // A modified version of a sent declaration is refused too.
    const v2 = await desk.transmit([{ ...late, version: 2 }]);
    expect(v2.status).toBe(422);
    expect((v2.body as unknown as { error: { code: string } }).error.code).toBe('SRV-07');
    // The withdrawn one stays withdrawn (idempotent answer, no change).
    const again = await desk.post(`/v1/declarations/${early.declarationKey}/withdraw`, { reason: 'MODIFICA', version: 1 });
    expect(again.body).toMatchObject({ serverStatus: 'RITIRATA', changed: false });
    // The feed has the one withdrawal made before the deadline, nothing after.
    const ritiri = (await changes(desk)).filter((c) => c.kind === 'STATUS' && c.status === 'RITIRATA');
    expect(ritiri.map((c) => (c.kind === 'STATUS' ? c.declarationKey : ''))).toEqual([early.declarationKey]);
  });

  it('the esito of a position already ricostituita carries the RICOSTITUITA message; a plain Ricevuta does not', async () => {
    const desk = await newDesk(srv!.url, 'roma-02');
    const [ricostituita, normale] = [itemFor(cfFor(3)), itemFor(cfFor(4))];
    expect((await simClient.put('/config', { ricostituite: [cfFor(3)] })).status).toBe(200);
    expect((await desk.transmit([ricostituita, normale])).status).toBe(200);
    expect((await a.post<{ forwarded: number }>('/v1/admin/jobs/forward')).body.forwarded).toBe(2);
    expect((await a.post<{ ricevute: number }>('/v1/admin/jobs/esiti')).body.ricevute).toBe(2);
    const feed = await changes(desk);
    const about = (key: string) => feed.flatMap((c) => (c.kind === 'CIRCOLARE' || c.declarationKey !== key ? [] : [c.kind === 'STATUS' ? c.status : `MESSAGE ${c.code}`]));
    expect(about(ricostituita.declarationKey)).toEqual(['TRASM_CGN', 'TRASM_INPS', 'RICEVUTA', `MESSAGE ${RICOSTITUITA_MESSAGE_CODE}`]);
    expect(about(normale.declarationKey)).toEqual(['TRASM_CGN', 'TRASM_INPS', 'RICEVUTA']);
    const msg = feed.find((c) => c.kind === 'MESSAGE');
    expect(msg).toMatchObject({ code: 'RICOSTITUITA', text: expect.stringMatching(/^Posizione già ricostituita dall'INPS/) });
    // Fetched again, the esiti change nothing more (idempotent).
    await a.post('/v1/admin/jobs/esiti');
    expect((await changes(desk)).length).toBe(feed.length);
  });
});
