/**
 * The server process's lifecycle: graceful shutdown under load loses nothing that was acknowledged (SIGTERM
 * while transmissions are in flight, restart on the same database, every acknowledged item is there), TLS when a
 * certificate is configured, refusal of a bad configuration.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeclarationStateSchema, TransmitResponseSchema, type TransmissionItem } from '#shared/server-api/contract';
import { Client, httpsGet, newDesk } from './helpers/client';
import { DIALECTS, freshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { REPO, startServerProcess } from './helpers/processes';

describe.each(DIALECTS)('lifecycle on %s', (dialect) => {
  it('graceful shutdown under load: every acknowledged item survives the restart', async () => {
    const db = await freshDb(dialect);
    let srv = await startServerProcess(db);
    try {
      const desk = await newDesk(srv.url, 'roma-01');
      const batches: { id: string; items: TransmissionItem[] }[] = Array.from({ length: 40 }, (_, b) => ({
        id: randomUUID(),
        items: Array.from({ length: 25 }, (_, i) => itemFor(cfFor(1000 + b * 25 + i))),
      }));
      let firstAck!: () => void;
      const acked = new Promise<void>((r) => (firstAck = r));
      const send = (b: (typeof batches)[number]) =>
        desk.transmit(b.items, b.id).then(
          (r) => {
            if (r.status === 200) firstAck();
            return { id: b.id, status: r.status, body: r.body };
          },
          (e: unknown) => ({ id: b.id, status: 0, body: String(e) }),
        );
      // Half in flight when SIGTERM arrives, the other half sent while the server is closing.
      const results = batches.slice(0, 20).map(send);
      await acked;
      const stopped = srv.stop('SIGTERM');
      results.push(...batches.slice(20).map(send));
      const code = await stopped;
      const settled = await Promise.all(results);
      expect(code).toBe(0);
      expect(srv.output()).toContain('RED Desk server: chiuso');
      const ok = settled.filter((r) => r.status === 200);
      // Anything else is "not acknowledged" (503 while closing, or the connection refused once closed).
      expect(settled.every((r) => [200, 503, 0].includes(r.status))).toBe(true);
      expect(ok.length).toBeGreaterThan(0);

      srv = await startServerProcess(db);
      const again = new Client(srv.url, desk.authorization);
      const storico = await again.get<{ transmissions: { transmissionId: string }[] }>('/v1/transmissions?limit=200');
      const stored = new Set(storico.body.transmissions.map((t) => t.transmissionId));
      for (const r of ok) {
        expect(stored.has(r.id)).toBe(true);
        for (const item of TransmitResponseSchema.parse(r.body).items) {
          const s = await again.get(`/v1/declarations/${item.declarationKey}`);
          expect(DeclarationStateSchema.parse(s.body)).toMatchObject({ status: 'TRASM_CGN', version: 1 });
        }
      }
      // The desk resends what was not acknowledged: everything ends up stored exactly once.
      for (const r of settled.filter((x) => x.status !== 200)) {
        const b = batches.find((x) => x.id === r.id)!;
        expect((await again.transmit(b.items, b.id)).status).toBe(200);
      }
      const all = await again.get<{ total: number }>('/v1/transmissions?limit=1');
      expect(all.body.total).toBe(40);
    } finally {
      await srv.stop();
      await db.drop();
    }
  });
});

describe('server process configuration', () => {
  it('serves HTTPS when a certificate is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'red-server-tls-'));
    const db = await freshDb('sqlite');
    try {
      const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], {
        stdio: 'ignore',
      });
      const srv = await startServerProcess(db, { RED_DESK_SERVER_TLS_CERT: cert, RED_DESK_SERVER_TLS_KEY: key });
      try {
        expect(srv.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        const h = await httpsGet(`${srv.url}/health`, readFileSync(cert, 'utf8'));
        expect(h.status).toBe(200);
        expect(JSON.parse(h.body)).toMatchObject({ status: 'ok' });
        await expect(fetch(srv.url.replace('https:', 'http:') + '/health')).rejects.toThrow();
      } finally {
        await srv.stop();
      }
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a bad configuration, naming the variable', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'dist/server/server.cjs')], {
      env: { ...process.env, PORT: '0', DATABASE_URL: 'mysql://x', RED_DESK_SERVER_ADMIN_TOKEN: 'short', RED_DESK_SERVER_TLS_CERT: '/x' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL deve iniziare con postgres://');
    expect(r.stderr).toContain('RED_DESK_SERVER_ADMIN_TOKEN: almeno 16 caratteri');
  });
});
