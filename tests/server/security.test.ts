/**
 * Issue 14, "secure by default", server side, on real server processes on 127.0.0.1: cleartext refused off loopback,
 * login rate limits (429) while a legitimate desk keeps syncing, bounded scrypt work (503), failed logins logged and
 * counted, disabled desks, admin messages only about the addressed desk's declarations, the INPS simulator's token
 * and Host check, PostgreSQL's sslmode honoured.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '#server/config';
import { startServer } from '#server/server';
import { SERVER_ERROR_CODES } from '#shared/server-api/contract';
import { admin, ADMIN_TOKEN, Client, newDesk } from './helpers/client';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { REPO, SIM_TOKEN, startServerProcess, startSimulator, type Proc } from './helpers/processes';

type Err = { error: { code: string; message: string } };

describe('cleartext HTTP off loopback', () => {
  it('the server process refuses to listen on 0.0.0.0 without a certificate, naming the settings', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'dist/server/server.cjs')], {
      env: { ...process.env, PORT: '0', RED_DESK_SERVER_HOST: '0.0.0.0', DATABASE_URL: '', RED_DESK_SERVER_DATA_DIR: join(REPO, 'nonexistent-never-created') },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('in ascolto su 0.0.0.0 senza certificato');
    expect(r.stderr).toContain('RED_DESK_SERVER_TLS_PROXY=1');
  });

  it('loopback, a certificate, or TLS ending at a proxy are accepted', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(() => loadConfig({ RED_DESK_SERVER_HOST: host }), host).not.toThrow();
    for (const host of ['0.0.0.0', '::', '10.1.2.3', 'server.caf.example']) expect(() => loadConfig({ RED_DESK_SERVER_HOST: host }), host).toThrow(/senza certificato/);
    expect(loadConfig({ RED_DESK_SERVER_HOST: '0.0.0.0', RED_DESK_SERVER_TLS_PROXY: '1' }).tlsProxy).toBe(true);
    expect(loadConfig({ RED_DESK_SERVER_HOST: '0.0.0.0', RED_DESK_SERVER_TLS_CERT: '/c.pem', RED_DESK_SERVER_TLS_KEY: '/k.pem' }).tls).toEqual({ certFile: '/c.pem', keyFile: '/k.pem' });
  });
});

describe.each(DIALECTS)('logins on %s', (dialect) => {
  let db: FreshDb;
  let srv: Proc | null = null;
  afterEach(async () => {
    await srv?.stop();
    srv = null;
    await db.drop();
  });

  it('429 under a login flood (per desk id and per IP) while a legitimate desk still syncs; failures logged and counted', async () => {
    db = await freshDb(dialect);
    // scrypt work not bounded here (the 503 has its own test): every attempt under the limits gets its 401.
    srv = await startServerProcess(db, { RED_DESK_SERVER_LOGIN_RATE_IP: '60', RED_DESK_SERVER_LOGIN_RATE_DESK: '10', RED_DESK_SERVER_SCRYPT_CONCURRENCY: '100' });
    const base = srv.url;
    const legit = await newDesk(base, 'roma-01');
    await newDesk(base, 'milano-02');
    // The legitimate desk logs in once (its credentials are then verified) and keeps working during the flood.
    expect((await legit.get('/v1/changes')).status).toBe(200);

    // 40 wrong secrets for milano-02: after 10 attempts in the minute, that desk id answers 429 before any scrypt.
    const wrong = (deskId: string) => new Client(base, `Bearer ${deskId}.${randomUUID()}`);
    const flood1 = await Promise.all(Array.from({ length: 40 }, () => wrong('milano-02').get<Err>('/v1/changes')));
    const codes1 = flood1.map((r) => r.status);
    expect(codes1.filter((c) => c === 401)).toHaveLength(10);
    expect(codes1.filter((c) => c === 429)).toHaveLength(30);
    const limited = flood1.find((r) => r.status === 429)!;
    expect(limited.body.error.code).toBe(SERVER_ERROR_CODES.RATE_LIMITED);
    expect(limited.body.error.message).toContain('per lo sportello milano-02');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // Then many desk ids from the same address: the per-IP limit (60 attempts a minute, 40 already used) answers 429.
    const flood2 = await Promise.all(Array.from({ length: 40 }, (_, i) => wrong(`finto-${i}`).get<Err>('/v1/changes')));
    expect(flood2.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(20);
    expect(flood2.find((r) => r.status === 429)?.body.error.message).toContain('da questo indirizzo');

    // Meanwhile the legitimate desk transmits and reads its feed as usual, and even a flood naming its own id
    // does not lock it out (its verified credentials skip the login limits).
    const during = await Promise.all([
      legit.transmit([itemFor(cfFor(1))]),
      ...Array.from({ length: 15 }, () => wrong('roma-01').get('/v1/changes')),
      legit.get('/v1/changes'),
    ]);
    expect(during[0]!.status).toBe(200);
    expect(during.at(-1)!.status).toBe(200);
    expect((await legit.get<{ changes: unknown[] }>('/v1/changes')).body.changes).toHaveLength(1);

    const details = await admin(base).get<{ failedLogins: number; rateLimited: number }>('/health/details');
    expect(details.body.failedLogins).toBeGreaterThanOrEqual(10);
    expect(details.body.rateLimited).toBeGreaterThanOrEqual(50);
    expect(srv.output()).toContain('accesso non riuscito per lo sportello milano-02');
  });
});

describe('scrypt work bounded', () => {
  it('503 when the concurrent secret checks are saturated; a desk logs in again afterwards', async () => {
    const db = await freshDb('sqlite');
    const srv = await startServerProcess(db, { RED_DESK_SERVER_SCRYPT_CONCURRENCY: '1', RED_DESK_SERVER_LOGIN_RATE_IP: '1000', RED_DESK_SERVER_LOGIN_RATE_DESK: '1000' });
    try {
      const desk = await newDesk(srv.url, 'roma-01');
      const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => new Client(srv.url, `Bearer finto-${i}.${randomUUID()}`).get<Err>('/v1/changes')));
      const statuses = burst.map((r) => r.status);
      expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
      const busy = burst.find((r) => r.status === 503)!;
      expect(busy.body.error).toMatchObject({ code: SERVER_ERROR_CODES.UNAVAILABLE, message: expect.stringContaining('occupato') });
      expect((await desk.get('/v1/changes')).status).toBe(200);
      const details = await admin(srv.url).get<{ loginsBusy: number }>('/health/details');
      expect(details.body.loginsBusy).toBe(statuses.filter((s) => s === 503).length);
    } finally {
      await srv.stop();
      await db.drop();
    }
  });
});

describe.each(DIALECTS)('desks on %s', (dialect) => {
  let db: FreshDb;
  let srv: Proc | null = null;
  afterEach(async () => {
    await srv?.stop();
    srv = null;
    await db.drop();
  });

  it('a disabled desk is refused with the reason (SRV-14) until it is enabled again', async () => {
    db = await freshDb(dialect);
    srv = await startServerProcess(db);
    const desk = await newDesk(srv.url, 'roma-01');
    expect((await desk.get('/v1/changes')).status).toBe(200);
    const off = await admin(srv.url).put('/v1/admin/desks/roma-01/disabled', { disabled: true, reason: 'PC rubato, in attesa di nuove credenziali' });
    expect(off).toMatchObject({ status: 200, body: { deskId: 'roma-01', disabled: true, reason: 'PC rubato, in attesa di nuove credenziali' } });
    for (const r of [await desk.get<Err>('/v1/changes'), await desk.transmit([itemFor(cfFor(2))]) as unknown as { status: number; body: Err }]) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe(SERVER_ERROR_CODES.DESK_DISABLED);
      expect(r.body.error.message).toBe('Sportello roma-01 disabilitato dal CAF (PC rubato, in attesa di nuove credenziali): rivolgersi al CAF.');
    }
    expect((await admin(srv.url).put('/v1/admin/desks/nessuno/disabled', { disabled: true })).status).toBe(404);
    expect((await new Client(srv.url).put('/v1/admin/desks/roma-01/disabled', { disabled: false })).status).toBe(401);
    expect((await admin(srv.url).put('/v1/admin/desks/roma-01/disabled', { disabled: false })).body).toEqual({ deskId: 'roma-01', disabled: false, reason: null });
    expect((await desk.get('/v1/changes')).status).toBe(200);
  });

  it('an admin message may name only a declaration of the desk it is addressed to', async () => {
    db = await freshDb(dialect);
    srv = await startServerProcess(db);
    const roma = await newDesk(srv.url, 'roma-01');
    await newDesk(srv.url, 'milano-02');
    expect((await roma.transmit([itemFor(cfFor(3), { key: 'chiave-roma' })])).status).toBe(200);
    const leak = await admin(srv.url).post<Err>('/v1/admin/messages', { deskId: 'milano-02', text: 'Controllare la dichiarazione', declarationKey: 'chiave-roma' });
    expect(leak.status).toBe(404);
    expect(leak.body.error).toMatchObject({ code: SERVER_ERROR_CODES.NOT_FOUND, field: 'declarationKey' });
    expect(leak.body.error.message).toContain('non trovata tra quelle dello sportello milano-02');
    const milanoFeed = await new Client(srv.url, (await admin(srv.url).post<{ authorization: string }>('/v1/admin/desks/milano-02/secret')).body.authorization).get<{ changes: unknown[] }>('/v1/changes');
    expect(milanoFeed.body.changes).toEqual([]);
    const ok = await admin(srv.url).post<{ seq: number }>('/v1/admin/messages', { deskId: 'roma-01', text: 'Controllare la dichiarazione', declarationKey: 'chiave-roma' });
    expect(ok.status).toBe(200);
    const feed = await roma.get<{ changes: { kind: string; declarationKey: string | null }[] }>('/v1/changes');
    expect(feed.body.changes.at(-1)).toMatchObject({ kind: 'MESSAGE', declarationKey: 'chiave-roma' });
  });

  it('every process on one database sends the same server id; another database another one', async () => {
    db = await freshDb(dialect);
    srv = await startServerProcess(db);
    const desk = await newDesk(srv.url, 'roma-01');
    const id1 = (await desk.get<{ serverId: string }>('/v1/changes')).body.serverId;
    if (dialect === 'sqlite') {
      // SQLite serves one process at a time (store/db.ts): the next process on the same file comes after it.
      await srv.stop();
      srv = null;
    }
    const second = await startServerProcess(db);
    try {
      expect((await new Client(second.url, desk.authorization).get<{ serverId: string }>('/v1/changes')).body.serverId).toBe(id1);
    } finally {
      await second.stop();
    }
    const other = await freshDb(dialect);
    const third = await startServerProcess(other);
    try {
      const d3 = await newDesk(third.url, 'roma-01');
      expect((await d3.get<{ serverId: string }>('/v1/changes')).body.serverId).not.toBe(id1);
    } finally {
      await third.stop();
      await other.drop();
    }
  });
});

describe('INPS simulator', () => {
  it('does not start without its token', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'dist/server/inps-simulator.cjs')], { env: { ...process.env, INPS_SIM_PORT: '0', INPS_SIM_TOKEN: '' }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('INPS_SIM_TOKEN obbligatorio');
  });

  it('requires the token on every request and refuses another Host (421)', async () => {
    const sim = await startSimulator();
    try {
      expect((await new Client(sim.url).get('/health')).status).toBe(401);
      expect((await new Client(sim.url, 'Bearer sbagliato-sbagliato-sbagliato').get('/batches')).status).toBe(401);
      const auth = `Bearer ${SIM_TOKEN}`;
      expect((await new Client(sim.url, auth).get('/health')).status).toBe(200);
      // fetch may not set Host: a raw request does, as a DNS-rebinding page would (the browser sends its own name).
      const { request } = await import('node:http');
      const port = new URL(sim.url).port;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/batches', headers: { host: `evil.example:${port}`, authorization: auth } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(421);
    } finally {
      await sim.stop();
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('PostgreSQL sslmode', () => {
  it('sslmode=require in DATABASE_URL is honoured: against a PostgreSQL without TLS the server does not start', async () => {
    const db = await freshDb('postgres');
    try {
      const url = new URL(db.databaseUrl!);
      url.searchParams.set('sslmode', 'require');
      const config = loadConfig({ PORT: '0', DATABASE_URL: url.toString(), RED_DESK_SERVER_DATA_DIR: db.dataDir, RED_DESK_SERVER_ADMIN_TOKEN: ADMIN_TOKEN, RED_DESK_SERVER_LOG_LEVEL: 'silent' });
      await expect(startServer(config)).rejects.toThrow(/does not support SSL/);
      url.searchParams.set('sslmode', 'disable');
      const srv = await startServer({ ...config, databaseUrl: url.toString() });
      await srv.close();
    } finally {
      await db.drop();
    }
  });
});
