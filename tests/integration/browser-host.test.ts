import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import WebSocket from 'ws';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';

let desk: DeskProcess;
beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => {
  await desk.stop();
});

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: desk.port, path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}
const json = { 'content-type': 'application/json' };

describe('browser host security', () => {
  it('listens on 127.0.0.1 only and prints a URL with a per-start token', () => {
    expect(desk.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses API calls without the token or with a wrong one', async () => {
    const none = await raw('/api/app.info', { method: 'POST', headers: json, body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await raw('/api/app.info', { method: 'POST', headers: { ...json, 'x-red-desk-token': 'x'.repeat(32) }, body: '{}' });
    expect(wrong.status).toBe(401);
    const ok = await raw('/api/app.info', { method: 'POST', headers: { ...json, 'x-red-desk-token': desk.token }, body: '{}' });
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    const host = await raw('/api/app.info', { method: 'POST', headers: { ...json, 'x-red-desk-token': desk.token, host: `evil.example:${desk.port}` }, body: '{}' });
    expect(host.status).toBe(421);
    const page = await raw('/', { headers: { host: `evil.example:${desk.port}` } });
    expect(page.status).toBe(421);
    const origin = await raw('/api/app.info', { method: 'POST', headers: { ...json, 'x-red-desk-token': desk.token, origin: 'http://evil.example' }, body: '{}' });
    expect(origin.status).toBe(403);
  });

  it('validates every payload: unknown method, bad input, bad JSON, oversized body, wrong content type', async () => {
    const h = { ...json, 'x-red-desk-token': desk.token };
    expect((await raw('/api/archive.dropAll', { method: 'POST', headers: h, body: '{}' })).status).toBe(422);
    const bad = await raw('/api/monitor.list', { method: 'POST', headers: h, body: '{"tab":"X","offset":-1,"limit":1}' });
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'INPUT-01', field: 'tab' });
    expect((await raw('/api/app.info', { method: 'POST', headers: h, body: '{nope' })).status).toBe(400);
    // The 413 must reach the client as an answer (a reset socket is not a refusal the UI can show).
    const big = await raw('/api/app.info', { method: 'POST', headers: h, body: 'x'.repeat(1024 * 1024 + 10) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body).error).toMatchObject({ code: 'INPUT-01', message: 'Richiesta troppo grande.' });
    expect((await raw('/api/app.info', { method: 'POST', headers: { 'x-red-desk-token': desk.token, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await raw('/api/app.info', { headers: { 'x-red-desk-token': desk.token } })).status).toBe(405);
  });

  it('serves the app with a strict CSP and no path traversal', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    // Dot segments are resolved inside the app folder (/package.json there does not exist): 404, and
    // never the repository's package.json.
    for (const path of ['/../../package.json', '/%2e%2e/%2e%2e/package.json']) {
      const r = await raw(path);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('red-desk');
    }
    // An encoded slash survives URL normalisation: the host itself must refuse to leave the app folder.
    expect((await raw('/..%2f..%2f..%2fpackage.json')).status).toBe(403);
  });

  it('WebSocket events need the token; with it, an archive change is pushed', async () => {
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${desk.port}/events?token=wrong`);
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(refused).toBe('refused');
    const foreign = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${desk.port}/events?token=${desk.token}`, { origin: 'http://evil.example' });
      ws.on('open', () => resolve('open'));
      ws.on('error', () => resolve('refused'));
    });
    expect(foreign).toBe('refused');

    const ws = new WebSocket(`ws://127.0.0.1:${desk.port}/events?token=${desk.token}`);
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<{ event: string; payload: { ids: number[] } }>((resolve) => ws.on('message', (m: Buffer) => resolve(JSON.parse(m.toString()))));
    const created = await callApi(desk, 'declarations.create', { matricola: makeMatricola(makeCf('GLL', 'RSL', '44', 'H', '20', 'F839')) });
    const msg = await got;
    expect(msg.event).toBe('archive.changed');
    expect(msg.payload.ids).toEqual([(created.body.result as { id: number }).id]);
    ws.close();
  });
});
