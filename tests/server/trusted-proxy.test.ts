/**
 * X-Forwarded-For behind a proxy (issue 14 point 3, leftover): the login rate limit per IP is keyed on the client's
 * address only when the hop that sent the request is a listed proxy (RED_DESK_SERVER_TRUSTED_PROXIES, Fastify's
 * `trustProxy`); from any other peer the header is ignored, so a client cannot pick a fresh key per request.
 * The server runs in this process on 127.0.0.1: the peer of every request here is 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '#server/config';
import type { RunningServer } from '#server/server';
import { Client } from './helpers/client';
import { freshDb, type FreshDb } from './helpers/db';
import { startInProcess } from './helpers/inproc';

type Err = { error: { code: string; message: string } };

describe('RED_DESK_SERVER_TRUSTED_PROXIES', () => {
  it('none by default; a list of addresses and CIDRs; anything else refused naming the variable and the entry', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ RED_DESK_SERVER_TRUSTED_PROXIES: ' 10.0.0.5, 10.1.0.0/16 ,fd00::/8,::1 ' }).trustedProxies).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', '::1']);
    for (const bad of ['proxy.caf.example', '10.0.0.0/33', '10.0.0.300', 'fd00::/129', '10.0.0.0/8/1', '*']) {
      expect(() => loadConfig({ RED_DESK_SERVER_TRUSTED_PROXIES: `10.0.0.5,${bad}` }), bad).toThrow(/RED_DESK_SERVER_TRUSTED_PROXIES/);
      expect(() => loadConfig({ RED_DESK_SERVER_TRUSTED_PROXIES: bad }), bad).toThrow(`"${bad}" non è un indirizzo IP`);
    }
  });
});

describe('login rate limit per IP behind a proxy', () => {
  let db: FreshDb;
  let server: RunningServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
    await db.drop();
  });

  /** A wrong admin token: counted by the per-IP limit only (no desk id), answered 401 until the limit, then 429. */
  const attempt = async (base: string, forwardedFor?: string) => {
    const r = await new Client(base, 'Bearer token-sbagliato-0123456789').call<Err>('GET', '/openapi.json', undefined, forwardedFor ? { 'x-forwarded-for': forwardedFor } : {});
    return r;
  };

  const start = async (trusted: string) => {
    db = await freshDb('sqlite');
    server = await startInProcess(db, { RED_DESK_SERVER_LOGIN_RATE_IP: '3', RED_DESK_SERVER_TRUSTED_PROXIES: trusted });
    return server.url;
  };

  it('no proxy listed: a spoofed X-Forwarded-For from the peer does not change the key', async () => {
    const base = await start('');
    for (const spoof of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) expect((await attempt(base, spoof)).status).toBe(401);
    // A fourth "client" is still the same peer: 429 for this address.
    const r = await attempt(base, '198.51.100.4');
    expect(r.status).toBe(429);
    expect(r.body.error.message).toContain('da questo indirizzo');
    expect((await attempt(base)).status).toBe(429);
  });

  it('a proxy listed that is not the peer: the header is still ignored', async () => {
    const base = await start('10.0.0.0/8, 192.0.2.7');
    for (const spoof of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) expect((await attempt(base, spoof)).status).toBe(401);
    expect((await attempt(base, '198.51.100.4')).status).toBe(429);
  });

  it('the peer is a listed proxy: the client named by the proxy is the key; what the client wrote before it is not', async () => {
    const base = await start('127.0.0.1');
    for (let i = 0; i < 3; i++) expect((await attempt(base, '203.0.113.5')).status).toBe(401);
    expect((await attempt(base, '203.0.113.5')).status).toBe(429);
    // Another client behind the same proxy has its own count.
    expect((await attempt(base, '203.0.113.6')).status).toBe(401);
    // 203.0.113.5 sends "X-Forwarded-For: 203.0.113.99" itself; the proxy appends the address it saw. The first
    // untrusted address from the right is 203.0.113.5: still limited.
    expect((await attempt(base, '203.0.113.99, 203.0.113.5')).status).toBe(429);
    // Through two listed hops (127.0.0.1 appended by an inner proxy) the client is found the same way.
    expect((await attempt(base, '203.0.113.5, 127.0.0.1')).status).toBe(429);
    // A request from the proxy itself without the header is keyed on the proxy's own address.
    expect((await attempt(base)).status).toBe(401);
  });
});
