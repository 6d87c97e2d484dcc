/**
 * The server's HTTP API, in this process, on every available dialect (SQLite; PostgreSQL when DATABASE_URL is
 * set), a fresh database per test: idempotency, CAF checks, withdrawals, deadline, authentication and desk
 * isolation, malformed/oversized requests changing nothing. The INPS flow runs against real processes in e2e.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ChangesResponseSchema,
  DeclarationStateSchema,
  SERVER_API,
  TransmitResponseSchema,
  type ChangesResponse,
  type TransmitResponse,
} from '#shared/server-api/contract';
import type { RunningServer } from '#server/server';
import { SERVER_MIGRATIONS } from '#server/store/migrate';
import { admin, Client, newDesk } from './helpers/client';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { startInProcess } from './helpers/inproc';
import { makeMatricola } from '../helpers/matricole';

describe.each(DIALECTS)('server API on %s', (dialect) => {
  let db: FreshDb | undefined;
  let running: RunningServer | undefined;
  let server: RunningServer;
  let base: string;
  beforeEach(async () => {
    db = running = undefined;
    db = await freshDb(dialect);
    server = running = await startInProcess(db);
    base = server.url;
  });
  afterEach(async () => {
    try {
      await running?.close();
    } finally {
      await db?.drop();
    }
  });

  const feed = async (desk: Client, after = 0): Promise<ChangesResponse> => {
    const r = await desk.get(`/v1/changes?after=${after}`);
    expect(r.status).toBe(200);
    return ChangesResponseSchema.parse(r.body);
  };
  /** Row counts of every table that a request could touch. */
  const counts = async () => {
    const n = async (t: 'transmissions' | 'transmission_items' | 'declarations' | 'declaration_versions' | 'changes') =>
      Number((await server.store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      transmissions: await n('transmissions'),
      items: await n('transmission_items'),
      declarations: await n('declarations'),
      versions: await n('declaration_versions'),
      changes: await n('changes'),
    };
  };

  it('answers a bare /health to anyone; details and the OpenAPI 3.1 document (every endpoint) only with the admin token', async () => {
    const c = new Client(base);
    const h = await c.get<{ status: string; dialect: string; schemaVersion: number }>('/health');
    expect(h.status).toBe(200);
    expect(h.body).toEqual({ status: 'ok' });
    for (const path of ['/health/details', '/openapi.json']) {
      expect((await c.get(path)).status, path).toBe(401);
      expect((await c.as('Bearer not-the-admin-token-0000').get(path)).status, path).toBe(401);
    }
    const details = await admin(base).get<{ status: string; dialect: string; schemaVersion: number; serverId: string }>('/health/details');
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({ status: 'ok', dialect, schemaVersion: SERVER_MIGRATIONS.length, serverId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const doc = await admin(base).get<{ openapi: string; paths: Record<string, Record<string, { operationId: string }>> }>('/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const [name, def] of Object.entries(SERVER_API)) {
      const op = doc.body.paths[def.path.replace(/:(\w+)/g, '{$1}')]?.[def.method.toLowerCase()];
      expect(op?.operationId, name).toBe(name);
    }
  });

  it('accepts a batch, records it in the Storico and the feed', async () => {
    const desk = await newDesk(base, 'roma-01');
    const items = [itemFor(cfFor(1)), itemFor(cfFor(2), { cognome: 'ROSSI' })];
    const r = await desk.transmit(items);
    expect(r.status).toBe(200);
    const body = TransmitResponseSchema.parse(r.body);
    expect(body.replayed).toBe(false);
    expect(body.items.map((i) => [i.outcome, i.serverStatus])).toEqual([
      ['accepted', 'TRASM_CGN'],
      ['accepted', 'TRASM_CGN'],
    ]);
    const f = await feed(desk);
    expect(f.changes.map((c) => [c.seq, c.kind === 'STATUS' && c.status])).toEqual([
      [1, 'TRASM_CGN'],
      [2, 'TRASM_CGN'],
    ]);
    expect(f.cursor).toBe(2);
    expect((await feed(desk, 2)).changes).toEqual([]);
    const storico = await desk.get<{ total: number; transmissions: { transmissionId: string; receivedAt: string; items: { cognomeNome: string }[] }[] }>('/v1/transmissions');
    expect(storico.body.total).toBe(1);
    expect(storico.body.transmissions[0]?.transmissionId).toBe(body.transmissionId);
    expect(storico.body.transmissions[0]?.items.map((i) => i.cognomeNome)).toEqual([`COGNOME ${cfFor(1).slice(0, 3)} MARIO`, 'ROSSI MARIO']);
    const state = DeclarationStateSchema.parse((await desk.get(`/v1/declarations/d-${cfFor(2)}`)).body);
    expect(state).toMatchObject({ status: 'TRASM_CGN', version: 1, codiceFiscale: cfFor(2), cognomeNome: 'ROSSI MARIO' });
  });

  it('is idempotent: the same batch twice is replayed, the same version in a new batch is a duplicate', async () => {
    const desk = await newDesk(base, 'roma-01');
    const items = [itemFor(cfFor(1)), itemFor(cfFor(2))];
    const id = randomUUID();
    const first = TransmitResponseSchema.parse((await desk.transmit(items, id)).body);
    const before = await counts();
    const again = await desk.transmit(items, id);
    expect(again.status).toBe(200);
    expect(TransmitResponseSchema.parse(again.body)).toEqual({ ...first, replayed: true });
    expect(await counts()).toEqual(before);

    const dup = TransmitResponseSchema.parse((await desk.transmit([items[0]!, itemFor(cfFor(3))])).body);
    expect(dup.items.map((i) => i.outcome)).toEqual(['duplicate', 'accepted']);
    const after = await counts();
    expect(after.declarations).toBe(3);
    expect(after.versions).toBe(3);
    expect(after.changes).toBe(3); // a duplicate adds nothing to the feed

    const changed = await desk.transmit([itemFor(cfFor(9))], id);
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ error: { code: 'SRV-08' } });
  });

  it('concurrent copies of one batch store it once; concurrent batches of one desk get a gap-free feed', async () => {
    const desk = await newDesk(base, 'roma-01');
    const id = randomUUID();
    const items = [itemFor(cfFor(1)), itemFor(cfFor(2))];
    const same = await Promise.all([1, 2, 3, 4].map(() => desk.transmit(items, id)));
    expect(same.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(same.filter((r) => !(r.body as TransmitResponse).replayed)).toHaveLength(1);
    const batches = await Promise.all(Array.from({ length: 8 }, (_, b) => desk.transmit([itemFor(cfFor(100 + 2 * b)), itemFor(cfFor(101 + 2 * b))])));
    expect(batches.every((r) => r.status === 200)).toBe(true);
    const f = await feed(desk);
    expect(f.changes.map((c) => c.seq)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it('runs the CAF checks: anagrafe (Scart. CAF with the suggested CF) and erroneous matricole (9009, 9010, 9011)', async () => {
    const desk = await newDesk(base, 'roma-01');
    const a = admin(base);
    const [ok, unknown, old, newer, coniugeOk] = [cfFor(1), cfFor(2), cfFor(3), cfFor(4), cfFor(5, 'LSU')];
    const load = await a.put('/v1/admin/anagrafe', {
      replace: true,
      entries: [{ codiceFiscale: ok }, { codiceFiscale: old, collegatoA: newer }, { codiceFiscale: newer }, { codiceFiscale: coniugeOk }, { codiceFiscale: cfFor(10) }, { codiceFiscale: cfFor(11) }, { codiceFiscale: cfFor(12) }],
    });
    expect(load.body).toEqual({ loaded: 7, total: 7 });
    const ipost = (cf: string) => makeMatricola(cf, { codiceEmissione: 'H' });
    const m = await a.put('/v1/admin/matricole-errate', {
      replace: true,
      entries: [
        { matricola: makeMatricola(cfFor(10)), code: '9009' },
        { matricola: ipost(cfFor(11)), code: '9010', matricolaCorretta: makeMatricola(cfFor(11), { codiceEmissione: 'H', numeroFigli: '1' }) },
        { matricola: ipost(cfFor(12)), code: '9011' },
      ],
    });
    expect(m.body).toEqual({ loaded: 3, total: 3 });

    const r = TransmitResponseSchema.parse(
      (
        await desk.transmit([
          itemFor(ok, { coniugeCf: coniugeOk }),
          itemFor(unknown),
          itemFor(old),
          itemFor(ok, { key: 'coniuge-ko', coniugeCf: cfFor(6) }),
          itemFor(cfFor(10)),
          itemFor(cfFor(11), { emissione: 'H' }),
          itemFor(cfFor(12), { emissione: 'H' }),
        ])
      ).body,
    );
    const [good, notInAnagrafe, collegato, coniuge, m9009, m9010, m9011] = r.items;
    expect(good).toMatchObject({ outcome: 'accepted', serverStatus: 'TRASM_CGN', scarto: null });
    expect(notInAnagrafe).toMatchObject({ outcome: 'accepted', serverStatus: 'SCART_CAF', scarto: { origin: 'CGN', code: 'SCART_CAF' } });
    expect(notInAnagrafe?.scarto?.message).toBe(`C.F.: Non è presente in Anagrafica tributaria (titolare ${unknown})`);
    expect(collegato?.scarto?.message).toBe(`C.F.: codice fiscale collegato ${newer} (titolare ${old})`);
    expect(collegato?.scarto?.codiciFiscali).toEqual([{ role: 'TITOLARE', codiceFiscale: old, suggested: newer }]);
    expect(coniuge?.scarto?.codiciFiscali).toEqual([{ role: 'CONIUGE', codiceFiscale: cfFor(6), suggested: null }]);
    expect(m9009).toMatchObject({ serverStatus: 'SCARTATA', scarto: { code: '9009', message: "Matricola erroneamente emessa dall'INPS" } });
    const corretta = makeMatricola(cfFor(11), { codiceEmissione: 'H', numeroFigli: '1' });
    expect(m9010).toMatchObject({ serverStatus: 'SCARTATA', scarto: { code: '9010', message: `Matricola IPOST non corretta Matricola corretta ${corretta}`, correctMatricola: corretta } });
    expect(m9011).toMatchObject({ serverStatus: 'SCARTATA', scarto: { code: '9011', message: 'Matricola IPOST da verificare. Attendere messaggio in Piattaforma' } });

    // Scart. CAF: "Correggi", fix the CF, resend a new version (T19).
    const fixed = TransmitResponseSchema.parse((await desk.transmit([itemFor(old, { version: 2, documentCf: newer })])).body);
    expect(fixed.items[0]).toMatchObject({ outcome: 'accepted', serverStatus: 'TRASM_CGN', serverVersion: 2 });
    // 9009 / 9010 are not resent (p. 45, 109).
    const no = TransmitResponseSchema.parse((await desk.transmit([itemFor(cfFor(10), { version: 2 }), itemFor(cfFor(11), { version: 2, emissione: 'H' })])).body);
    expect(no.items.map((i) => [i.outcome, i.error?.code])).toEqual([
      ['refused', 'SRV-09'],
      ['refused', 'SRV-09'],
    ]);
    expect(no.items[1]?.error?.message).toMatch(/9010.*nuova dichiarazione/);

    // 9011: the CAF checks the matricola and the desk gets a message; once correct, the resend passes (T21).
    const v = await a.post<{ messages: number }>('/v1/admin/matricole-errate/verifica', { matricola: ipost(cfFor(12)), esito: 'CORRETTA' });
    expect(v.body).toEqual({ messages: 1 });
    const msg = (await feed(desk)).changes.at(-1);
    expect(msg).toMatchObject({ kind: 'MESSAGE', code: '9011', declarationKey: `d-${cfFor(12)}` });
    expect(msg?.kind === 'MESSAGE' && msg.text).toMatch(/è corretta/);
    const resent = TransmitResponseSchema.parse((await desk.transmit([itemFor(cfFor(12), { version: 2, emissione: 'H' })])).body);
    expect(resent.items[0]).toMatchObject({ outcome: 'accepted', serverStatus: 'TRASM_CGN' });
  });

  it('a 9011 matricola found wrong becomes a 9010 with the correct one', async () => {
    const desk = await newDesk(base, 'roma-01');
    const a = admin(base);
    const wrong = makeMatricola(cfFor(12), { codiceEmissione: 'H' });
    const right = makeMatricola(cfFor(12), { codiceEmissione: 'H', numeroFigli: '2' });
    await a.put('/v1/admin/matricole-errate', { replace: false, entries: [{ matricola: wrong, code: '9011' }] });
    await desk.transmit([itemFor(cfFor(12), { emissione: 'H' })]);
    const v = await a.post('/v1/admin/matricole-errate/verifica', { matricola: wrong, esito: 'ERRATA', matricolaCorretta: right });
    expect(v.body).toEqual({ messages: 1 });
    const msg = (await feed(desk)).changes.at(-1);
    expect(msg).toMatchObject({ kind: 'MESSAGE', code: '9011', correctMatricola: right });
    const again = TransmitResponseSchema.parse((await desk.transmit([itemFor(cfFor(12), { version: 2, emissione: 'H' })])).body);
    expect(again.items[0]).toMatchObject({ outcome: 'accepted', serverStatus: 'SCARTATA', scarto: { code: '9010', correctMatricola: right } });
  });

  it('refuses a new version while the declaration is Trasm.CGN, accepts it after "Modifica" (withdraw)', async () => {
    const desk = await newDesk(base, 'roma-01');
    const key = `d-${cfFor(1)}`;
    await desk.transmit([itemFor(cfFor(1))]);
    const early = TransmitResponseSchema.parse((await desk.transmit([itemFor(cfFor(1), { version: 2 })])).body);
    expect(early.items[0]).toMatchObject({ outcome: 'refused', serverStatus: 'TRASM_CGN', serverVersion: 1 });
    expect(early.items[0]?.error?.message).toMatch(/Modifica/);

    const w = await desk.post(`/v1/declarations/${key}/withdraw`, { reason: 'MODIFICA', version: 1 });
    expect(w.status).toBe(200);
    expect(w.body).toEqual({ declarationKey: key, version: 1, serverStatus: 'RITIRATA', changed: true });
    const again = await desk.post(`/v1/declarations/${key}/withdraw`, { reason: 'MODIFICA' });
    expect(again.body).toMatchObject({ changed: false });
    const wrongVersion = await desk.post(`/v1/declarations/${key}/withdraw`, { reason: 'MODIFICA', version: 7 });
    expect(wrongVersion.status).toBe(409);

    const v2 = TransmitResponseSchema.parse((await desk.transmit([itemFor(cfFor(1), { version: 2 })])).body);
    expect(v2.items[0]).toMatchObject({ outcome: 'accepted', serverStatus: 'TRASM_CGN', serverVersion: 2 });
    const old = TransmitResponseSchema.parse((await desk.transmit([itemFor(cfFor(1), { version: 1 })])).body);
    expect(old.items[0]).toMatchObject({ outcome: 'duplicate', serverVersion: 2 });
    expect((await feed(desk)).changes.map((c) => c.kind === 'STATUS' && [c.version, c.status])).toEqual([
      [1, 'TRASM_CGN'],
      [1, 'RITIRATA'],
      [2, 'TRASM_CGN'],
    ]);
  });

  it('refuses a withdrawal of a rejected declaration; the INPS jobs need the INPS channel', async () => {
    const desk = await newDesk(base, 'roma-01');
    await admin(base).put('/v1/admin/anagrafe', { replace: true, entries: [{ codiceFiscale: cfFor(1) }] });
    await desk.transmit([itemFor(cfFor(2))]);
    const w = await desk.post(`/v1/declarations/d-${cfFor(2)}/withdraw`, { reason: 'ANNULLAMENTO' });
    expect(w.status).toBe(409);
    expect(w.body).toMatchObject({ error: { code: 'SRV-13', details: { serverStatus: 'SCART_CAF' } } });
    const f = await admin(base).post('/v1/admin/jobs/forward');
    expect(f.status).toBe(503);
    expect(f.body).toMatchObject({ error: { code: 'SRV-12' } });
  });

  it('blocks sending after the campaign deadline with a clear message; a retry of an earlier batch is still answered', async () => {
    const desk = await newDesk(base, 'roma-01');
    const id = randomUUID();
    const items = [itemFor(cfFor(1))];
    await desk.transmit(items, id);
    const set = await admin(base).put('/v1/admin/campaign', { deadline: '2009-06-30T23:59:00+02:00' });
    expect(set.body).toEqual({ deadline: '2009-06-30T23:59:00+02:00' });
    const before = await counts();
    const late = await desk.transmit([itemFor(cfFor(2))]);
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ error: { code: 'SRV-07' } });
    expect((late.body as unknown as { error: { message: string } }).error.message).toContain('scaduto il 30/06/2009 alle ore 23:59');
    expect(await counts()).toEqual(before);
    const retry = await desk.transmit(items, id);
    expect(retry.status).toBe(200);
    expect((retry.body as TransmitResponse).replayed).toBe(true);
    await admin(base).put('/v1/admin/campaign', { deadline: null });
    expect((await desk.transmit([itemFor(cfFor(2))])).status).toBe(200);
  });

  it('authenticates every desk (401 without or with bad credentials; Basic works) and keeps desks apart', async () => {
    const roma = await newDesk(base, 'roma-01');
    const milano = await newDesk(base, 'milano-02');
    await roma.transmit([itemFor(cfFor(1))]);
    const key = `d-${cfFor(1)}`;
    const anon = new Client(base);
    for (const c of [anon, roma.as('Bearer roma-01.sbagliato'), roma.as('Bearer nessuno.xyz'), roma.as('Bearer roma-01'), roma.as('Basic xxx')]) {
      const r = await c.get('/v1/changes');
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ error: { code: 'SRV-03' } });
    }
    expect((await anon.transmit([itemFor(cfFor(5))])).status).toBe(401);
    const secret = roma.authorization!.slice('Bearer roma-01.'.length);
    const basic = roma.as(`Basic ${Buffer.from(`roma-01:${secret}`).toString('base64')}`);
    expect((await basic.get(`/v1/declarations/${key}`)).status).toBe(200);

    // Another desk: not found, cannot withdraw it, does not see it in its feed or Storico.
    expect((await milano.get(`/v1/declarations/${key}`)).status).toBe(404);
    const steal = await milano.post(`/v1/declarations/${key}/withdraw`, { reason: 'ANNULLAMENTO' });
    expect(steal.status).toBe(404);
    expect((await roma.get<{ status: string }>(`/v1/declarations/${key}`)).body.status).toBe('TRASM_CGN');
    expect((await feed(milano)).changes).toEqual([]);
    expect((await milano.get<{ total: number }>('/v1/transmissions')).body.total).toBe(0);
    // The same key from another desk (a declaration copied there by "Servizi"): stored once, for the desk that sent
    // it first; the other desk is told which one, and nothing of it is stored for that desk.
    const own = TransmitResponseSchema.parse((await milano.transmit([itemFor(cfFor(1))])).body);
    expect(own.items[0]).toMatchObject({ outcome: 'refused', serverStatus: null });
    expect(own.items[0]?.error?.message).toContain('già trasmessa al CAF dallo sportello roma-01');
    expect((await milano.get(`/v1/declarations/${key}`)).status).toBe(404);
    expect((await roma.get<{ status: string }>(`/v1/declarations/${key}`)).body.status).toBe('TRASM_CGN');

    // Rotating a secret: the old one stops working at once.
    const rotated = await admin(base).post<{ authorization: string }>('/v1/admin/desks/roma-01/secret');
    expect(rotated.status).toBe(200);
    expect((await roma.get('/v1/changes')).status).toBe(401);
    expect((await roma.as(rotated.body.authorization).get('/v1/changes')).status).toBe(200);
    // Secrets are stored as scrypt hashes only.
    const row = await server.store.db.selectFrom('desks').selectAll().where('id', '=', 'roma-01').executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(rotated.body.authorization.slice('Bearer roma-01.'.length));
  });

  it('guards the admin endpoints with the admin token', async () => {
    const desk = await newDesk(base, 'roma-01');
    const body = { deskId: 'x-1', name: 'X' };
    expect((await new Client(base).post('/v1/admin/desks', body)).status).toBe(401);
    expect((await new Client(base, 'Bearer wrong-token-wrong-token').post('/v1/admin/desks', body)).status).toBe(401);
    expect((await desk.post('/v1/admin/desks', body)).status).toBe(401);
    expect((await admin(base).post('/v1/admin/desks', body)).status).toBe(201);
    expect((await admin(base).post('/v1/admin/desks', body)).status).toBe(409);
    const msg = await admin(base).post('/v1/admin/messages', { deskId: 'roma-01', text: 'Aggiornare la piattaforma.' });
    expect(msg.body).toEqual({ seq: 1 });
    expect((await feed(desk)).changes[0]).toMatchObject({ kind: 'MESSAGE', text: 'Aggiornare la piattaforma.', declarationKey: null });
    expect((await admin(base).post('/v1/admin/messages', { deskId: 'nessuno', text: 'x' })).status).toBe(404);
  });

  it('answers malformed, invalid and oversized requests with 4xx and stores nothing', async () => {
    const desk = await newDesk(base, 'roma-01');
    await desk.transmit([itemFor(cfFor(1))]);
    const before = await counts();
    const good = itemFor(cfFor(2));
    const cases: [string, unknown, number, string | undefined][] = [
      ['not JSON', '{"transmissionId": ', 400, undefined],
      ['empty object', {}, 400, 'body.transmissionId'],
      ['bad uuid', { transmissionId: 'abc', items: [good] }, 400, 'body.transmissionId'],
      ['no items', { transmissionId: randomUUID(), items: [] }, 400, 'body.items'],
      ['bad matricola', { transmissionId: randomUUID(), items: [{ ...good, matricola: 'X'.repeat(30) }] }, 400, 'body.items.0.matricola'],
      ['bad document', { transmissionId: randomUUID(), items: [{ ...good, document: { ...good.document, soggetti: [] } }] }, 400, 'body.items.0.document.soggetti'],
      ['extra field', { transmissionId: randomUUID(), items: [{ ...good, status: 'RICEVUTA' }] }, 400, 'body.items.0'],
      ['too many items', { transmissionId: randomUUID(), items: Array.from({ length: 501 }, () => good) }, 400, 'body.items'],
      ['array', [good], 400, 'body'],
    ];
    for (const [name, body, status, field] of cases) {
      const r = await desk.call('POST', '/v1/transmissions', body);
      expect(r.status, name).toBe(status);
      expect((r.body as { error: { code: string } }).error.code, name).toBe('SRV-01');
      if (field) expect((r.body as { error: { field?: string } }).error.field, name).toBe(field);
    }
    const text = await desk.call('POST', '/v1/transmissions', JSON.stringify({ transmissionId: randomUUID(), items: [good] }), { 'content-type': 'text/plain' });
    expect(text.status).toBe(400);
    const xml = await desk.call('POST', '/v1/transmissions', '<a/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    const huge = JSON.stringify({ transmissionId: randomUUID(), items: [{ ...good, document: { ...good.document, note: { gruppo: '', segnalibro: '', appunti: 'x'.repeat(9 * 1024 * 1024) } } }] });
    const big = await desk.call('POST', '/v1/transmissions', huge);
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: { code: 'SRV-02' } });
    expect((await new Client(base).call('POST', '/v1/transmissions', huge)).status).toBe(401);
    const q = await desk.get('/v1/changes?after=-1');
    expect(q.status).toBe(400);
    expect((await desk.get('/v1/declarations/bad%20key')).status).toBe(400);
    expect((await desk.get('/v1/nothing-here')).status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('pages the change feed with the cursor', async () => {
    const desk = await newDesk(base, 'roma-01');
    await desk.transmit(Array.from({ length: 5 }, (_, i) => itemFor(cfFor(i))));
    const p1 = ChangesResponseSchema.parse((await desk.get('/v1/changes?after=0&limit=2')).body);
    expect([p1.changes.map((c) => c.seq), p1.cursor, p1.hasMore]).toEqual([[1, 2], 2, true]);
    const p2 = ChangesResponseSchema.parse((await desk.get(`/v1/changes?after=${p1.cursor}&limit=3`)).body);
    expect([p2.changes.map((c) => c.seq), p2.cursor, p2.hasMore]).toEqual([[3, 4, 5], 5, false]);
  });
});
