/**
 * The console for CAF staff (issue 14 points 9–10), its server side on every dialect: login with the admin token
 * (session cookie, wrong token refused, API closed without it, writes need the console header), "Blocca" of a
 * Trasm.CGN (never forwarded to INPS while blocked, the desk's feed says BLOCCATA with the reason, a withdrawal is
 * refused) and "Sblocca" (Trasm.CGN again, then forwarded), circolari in every desk's feed, the assistenza round
 * trip (question from the desk, answer back as a message), and the campaign numbers.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chiaveSblocco, verificaCodice, type Hmac } from '#shared/sblocco/codice';
import { romeToday } from '#shared/util/italian-time';
import { ConsoleDeclarationsSchema, ConsoleDesksSchema, OverviewSchema } from '#shared/console-api/contract';
import { ChangesResponseSchema, SbloccoResponseSchema, type Change } from '#shared/server-api/contract';
import type { RunningServer } from '#server/server';
import type { InpsBatch, InpsEsito, InpsGateway } from '#server/inps/gateway';
import { forwardToInps } from '#server/jobs/forward';
import { ADMIN_TOKEN, Client, newDesk } from './helpers/client';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { startInProcess } from './helpers/inproc';

class RecordingInps implements InpsGateway {
  readonly refs: string[] = [];
  async send(batch: InpsBatch): Promise<void> {
    this.refs.push(...batch.items.map((i) => i.ref));
  }
  async esiti(): Promise<InpsEsito[]> {
    return [];
  }
}

/** The console as the page uses it: a session cookie and the console header on writes. */
class Console {
  cookie = '';
  constructor(readonly base: string) {}
  async call<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown, header = true): Promise<{ status: number; body: T; setCookie: string | null }> {
    const res = await fetch(new URL(`/console/api${path}`, this.base), {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method === 'POST' ? { 'content-type': 'application/json', ...(header ? { 'x-red-console': '1' } : {}) } : {}),
      },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    return { status: res.status, body: (await res.json()) as T, setCookie: res.headers.get('set-cookie') };
  }
  async login(token = ADMIN_TOKEN) {
    const r = await this.call('POST', '/login', { token });
    if (r.setCookie) this.cookie = r.setCookie.split(';')[0]!;
    return r;
  }
}

describe.each(DIALECTS)('console on %s', (dialect) => {
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

  const feed = async (desk: Client): Promise<Change[]> => ChangesResponseSchema.parse((await desk.get('/v1/changes?after=0&limit=1000')).body).changes;

  it('login: a wrong token is refused, the right one gives an HttpOnly SameSite=Strict cookie; no session, no API', async () => {
    const c = new Console(server.url);
    expect((await c.call('GET', '/overview')).status).toBe(401);
    const wrong = await c.login('not-the-admin-token-000000');
    expect(wrong.status).toBe(401);
    expect(wrong.setCookie).toBeNull();
    const ok = await c.login();
    expect(ok.status).toBe(200);
    expect(ok.setCookie).toMatch(/^red_console=[A-Za-z0-9_-]{43}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    expect((await c.call('GET', '/overview')).status).toBe(200);
    // A write without the console header (a cross-site form could not add it) is refused even with the cookie.
    expect((await c.call('POST', '/circolari', { titolo: 'x', testo: 'y', data: '2009-06-01' }, false)).status).toBe(403);
    // Input validated: a bad codice fiscale names the field.
    const bad = await c.call<{ error: { field: string } }>('GET', '/declarations?cf=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('query.cf');
    expect((await c.call('POST', '/logout')).status).toBe(200);
    expect((await c.call('GET', '/overview')).status).toBe(401);
  });

  it('Blocca: a blocked Trasm.CGN is not forwarded, the desk is told BLOCCATA with the reason; Sblocca: Trasm.CGN, then forwarded', async () => {
    const desk = await newDesk(server.url, 'sportello-1');
    const cf = cfFor(1);
    const blocked = itemFor(cf, { key: 'k-blocked' });
    const other = itemFor(cfFor(2), { key: 'k-other' });
    expect((await desk.transmit([blocked, other])).status).toBe(200);
    const c = new Console(server.url);
    await c.login();
    const found = ConsoleDeclarationsSchema.parse((await c.call('GET', `/declarations?cf=${cf.toLowerCase()}`)).body).rows;
    expect(found.map((d) => [d.declarationKey, d.status])).toEqual([['k-blocked', 'TRASM_CGN']]);
    const id = found[0]!.id;
    expect((await c.call('POST', `/declarations/${id}/block`, { reason: '' })).status).toBe(400);
    const b = await c.call<{ status: string; blockedReason: string }>('POST', `/declarations/${id}/block`, { reason: 'Documentazione da verificare' });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ status: 'BLOCCATA', blockedReason: 'Documentazione da verificare' });
    expect((await c.call('POST', `/declarations/${id}/block`, { reason: 'di nuovo' })).status).toBe(409);

    // The desk: BLOCCATA with the reason in its feed, its own state says so, it cannot withdraw it.
    const last = (await feed(desk)).at(-1);
    expect(last).toMatchObject({ kind: 'STATUS', declarationKey: 'k-blocked', status: 'BLOCCATA', reason: 'Documentazione da verificare' });
    expect((await desk.get<{ status: string }>('/v1/declarations/k-blocked')).body.status).toBe('BLOCCATA');
    expect((await desk.post('/v1/declarations/k-blocked/withdraw', { reason: 'MODIFICA' })).status).toBe(409);

    // Forwarding: only the other one goes to INPS.
    const inps = new RecordingInps();
    const f1 = await forwardToInps(server.store, inps);
    expect(f1.forwarded).toBe(1);
    const refs = await server.store.db.selectFrom('declarations').select(['id', 'declaration_key', 'status']).orderBy('declaration_key').execute();
    expect(refs.map((r) => [r.declaration_key, r.status])).toEqual([
      ['k-blocked', 'TRASM_CGN'],
      ['k-other', 'TRASM_INPS'],
    ]);
    expect(inps.refs).toEqual([refs.find((r) => r.declaration_key === 'k-other')!.id]);
    expect((await forwardToInps(server.store, inps)).forwarded).toBe(0);

    // The campaign page counts it as Bloccata, not as Trasm.CGN.
    const o = OverviewSchema.parse((await c.call('GET', '/overview')).body);
    expect(o.byStatus).toEqual(expect.arrayContaining([{ status: 'BLOCCATA', n: 1 }, { status: 'TRASM_INPS', n: 1 }]));
    expect(o.byStatus.find((s) => s.status === 'TRASM_CGN')).toBeUndefined();
    expect(o.outbox).toMatchObject({ waiting: 0, oldestAt: null });

    // Sblocca: Trasm.CGN again in the feed, forwarded by the next run.
    const r = await c.call<{ status: string; blockedReason: string | null }>('POST', `/declarations/${id}/release`);
    expect(r.body).toMatchObject({ status: 'TRASM_CGN', blockedReason: null });
    expect((await c.call('POST', `/declarations/${id}/release`)).status).toBe(409);
    expect((await feed(desk)).at(-1)).toMatchObject({ kind: 'STATUS', declarationKey: 'k-blocked', status: 'TRASM_CGN' });
    expect((await forwardToInps(server.store, inps)).forwarded).toBe(1);
    expect(inps.refs).toContain(id);
    // Once with INPS it can no longer be blocked.
    expect((await c.call('POST', `/declarations/${id}/block`, { reason: 'troppo tardi' })).status).toBe(409);
  });

  it('a circolare reaches every desk through the change feed; the assistenza round trip ends as a message', async () => {
    const d1 = await newDesk(server.url, 'sportello-1');
    const d2 = await newDesk(server.url, 'sportello-2');
    const c = new Console(server.url);
    await c.login();
    const p = await c.call<{ desks: number }>('POST', '/circolari', { titolo: 'Scadenza RED 2009', testo: 'Le trasmissioni chiudono il 30/06.', data: '2009-06-01', scadenza: '2009-06-30' });
    expect(p.status).toBe(201);
    expect(p.body.desks).toBe(2);
    for (const d of [d1, d2]) {
      expect(await feed(d)).toEqual([
        expect.objectContaining({ kind: 'CIRCOLARE', titolo: 'Scadenza RED 2009', testo: 'Le trasmissioni chiudono il 30/06.', data: '2009-06-01', scadenza: '2009-06-30' }),
      ]);
    }
    expect((await c.call('POST', '/circolari', { titolo: 'x', testo: 'y', data: '30/06/2009' })).status).toBe(400);

    // Assistenza: the desk asks (about one of its declarations), the console answers, the desk gets a message.
    await d1.transmit([itemFor(cfFor(3), { key: 'k-q' })]);
    expect((await d1.post('/v1/assistenza', { testo: '', declarationKey: 'k-q' })).status).toBe(400);
    expect((await d2.post('/v1/assistenza', { testo: 'Di chi è?', declarationKey: 'k-q' })).status).toBe(404);
    const q = await d1.post<{ id: string }>('/v1/assistenza', { testo: 'Come correggo il coniuge?', declarationKey: 'k-q' });
    expect(q.status).toBe(201);
    const list = await c.call<{ rows: { id: string; deskId: string; testo: string; answeredAt: string | null }[] }>('GET', '/assistenza');
    expect(list.body.rows).toEqual([expect.objectContaining({ id: q.body.id, deskId: 'sportello-1', testo: 'Come correggo il coniuge?', answeredAt: null })]);
    const a = await c.call('POST', `/assistenza/${q.body.id}/answer`, { risposta: 'Con Correggi dopo l\'esito.' });
    expect(a.status).toBe(200);
    expect((await c.call('POST', `/assistenza/${q.body.id}/answer`, { risposta: 'ancora' })).status).toBe(409);
    const msg = (await feed(d1)).at(-1);
    expect(msg).toMatchObject({ kind: 'MESSAGE', declarationKey: 'k-q', code: 'ASSISTENZA' });
    expect(msg?.kind === 'MESSAGE' && msg.text).toContain("Con Correggi dopo l'esito.");
    expect((await feed(d2)).some((x) => x.kind === 'MESSAGE')).toBe(false);
  });

  it('Sportelli: a desk disabled with a reason is refused (403 with the reason) and listed so; enabled again, it works', async () => {
    const c = new Console(server.url);
    await c.login();
    const desk = await newDesk(server.url, 'roma-07');
    expect((await desk.get('/v1/changes?after=0')).status).toBe(200);
    expect((await c.call('POST', '/desks/roma-07/disabled', { disabled: true, reason: 'Convenzione sospesa' })).status).toBe(200);
    const refused = await desk.get<{ error: { message: string } }>('/v1/changes?after=0');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('Convenzione sospesa');
    const listed = ConsoleDesksSchema.parse((await c.call('GET', '/desks')).body).rows.find((d) => d.id === 'roma-07');
    expect(listed).toMatchObject({ disabledReason: 'Convenzione sospesa', disabledAt: expect.any(String) });
    expect((await c.call('POST', '/desks/roma-07/disabled', { disabled: false })).status).toBe(200);
    expect((await desk.get('/v1/changes?after=0')).status).toBe(200);
    expect(ConsoleDesksSchema.parse((await c.call('GET', '/desks')).body).rows.find((d) => d.id === 'roma-07')).toMatchObject({ disabledAt: null, disabledReason: null });
  });

  it('Sblocchi: the console issues the unlock code of one error of one declaration, which only that desk\'s secret verifies', async () => {
    const c = new Console(server.url);
    await c.login();
    const desk = await newDesk(server.url, 'roma-08');
    const secret = desk.authorization!.split('.').slice(1).join('.');
    const request = { deskId: 'roma-08', codiceFiscale: 'RSSMRA40A01H501K', campagna: 'RED2009', progressivo: 12, codiceErrore: 'IMP-07', giorni: 3 };
    const r = await c.call('POST', '/sblocchi', request);
    expect(r.status).toBe(201);
    const issued = SbloccoResponseSchema.parse(r.body);
    const hmac: Hmac = (k, m) => createHmac('sha256', k).update(m).digest();
    const pratica = { deskId: 'roma-08', codiceFiscale: 'RSSMRA40A01H501K', campagna: 'RED2009', progressivo: 12 };
    expect(verificaCodice(hmac, chiaveSblocco(hmac, secret), pratica, 'IMP-07', issued.codice, romeToday()).ok).toBe(true);
    expect(verificaCodice(hmac, chiaveSblocco(hmac, secret), pratica, 'IMP-06', issued.codice, romeToday()).ok).toBe(false);
    expect(verificaCodice(hmac, chiaveSblocco(hmac, secret), { ...pratica, progressivo: 13 }, 'IMP-07', issued.codice, romeToday()).ok).toBe(false);
    // Not an error that can be unlocked: refused naming the field.
    const bad = await c.call<{ error: { field: string } }>('POST', '/sblocchi', { ...request, codiceErrore: 'DIC-09' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('body.codiceErrore');
  });
});
