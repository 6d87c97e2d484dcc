/**
 * Issue 14, "secure by default", desk side, against real servers on 127.0.0.1: cleartext http:// refused off
 * loopback, HTTPS with the CAF's CA pinned (and refused under another CA), the secret bound to (address, desk id) and
 * dropped when either changes, the feed cursor bound to the server's identity, a disabled desk, capped answers.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLEARTEXT_REFUSED, CONNECTION_LABELS, SyncSettingsSchema } from '#shared/domain/transmission';
import type { RunningServer } from '#server/server';
import { ServerCallError, ServerClient } from '#main/sync/server-client';
import { SyncService } from '#main/sync/sync-service';
import { admin, ADMIN_TOKEN } from '../server/helpers/client';
import { DIALECTS, freshDb, type FreshDb } from '../server/helpers/db';
import { startInProcess } from '../server/helpers/inproc';
import { startServerProcess, type Proc } from '../server/helpers/processes';
import { deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';
import { fetchTrusting, makeTestPki, type TestPki } from '../helpers/tls';

const service = (desk: TestDesk, env: NodeJS.ProcessEnv = {}) =>
  new SyncService({ archive: desk.client, operator: 'op', env, timeoutMs: 5_000, onState: () => {}, onChanged: () => {} });

describe('cleartext http:// off loopback (desk)', () => {
  it('the settings refuse it with an Italian message on the address field; loopback and https are accepted', () => {
    for (const url of ['http://caf.example:4800', 'http://10.0.0.5:4800', 'http://192.168.1.10']) {
      const r = SyncSettingsSchema.safeParse({ serverUrl: url, deskId: 'roma-01', intervalSeconds: 60, deadline: null });
      expect(r.success, url).toBe(false);
      expect(r.error?.issues[0]).toMatchObject({ path: ['serverUrl'], message: CLEARTEXT_REFUSED });
    }
    for (const url of ['http://127.0.0.1:4800', 'http://localhost:4800', 'http://[::1]:4800', 'https://caf.example:4800', '']) {
      expect(SyncSettingsSchema.safeParse({ serverUrl: url, deskId: 'roma-01', intervalSeconds: 60, deadline: null }).success, url).toBe(true);
    }
  });

  it('an http:// address from the environment is never contacted: the secret does not leave the desk', async () => {
    const desk = openTestDesk();
    let calls = 0;
    const sync = new SyncService({
      archive: desk.client,
      operator: 'op',
      env: { RED_DESK_SERVER_URL: 'http://caf.example:4800', RED_DESK_SERVER_CREDENTIALS: 'roma-01.segreto-dello-sportello' },
      fetch: (async () => {
        calls++;
        throw new Error('mai chiamata');
      }) as typeof fetch,
      onState: () => {},
      onChanged: () => {},
    });
    try {
      const s = await sync.syncNow();
      expect(calls).toBe(0);
      expect(s.lastError).toBe(CLEARTEXT_REFUSED);
      expect(s.connection).toBe('NON_CONFIGURATO');
      await expect(sync.saveSettings({ serverUrl: 'http://caf.example:4800', deskId: 'roma-01', intervalSeconds: 60, deadline: null })).rejects.toThrow(CLEARTEXT_REFUSED);
    } finally {
      await sync.stop();
      desk.close();
    }
  });
});

describe('HTTPS with the CAF CA pinned', () => {
  let pki: TestPki;
  let db: FreshDb;
  let srv: Proc;
  let creds: { deskId: string; secret: string };
  beforeAll(async () => {
    pki = makeTestPki();
    db = await freshDb('sqlite');
    srv = await startServerProcess(db, { RED_DESK_SERVER_TLS_CERT: pki.serverCert, RED_DESK_SERVER_TLS_KEY: pki.serverKey });
    const r = await fetchTrusting(pki.caPem)(`${srv.url}/v1/admin/desks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ deskId: 'roma-01', name: 'Roma' }),
    });
    creds = (await r.json()) as { deskId: string; secret: string };
  });
  afterAll(async () => {
    await srv.stop();
    await db.drop();
    pki.remove();
  });

  it('connects when the pinned CA issued the certificate; refuses another CA and the system authorities', async () => {
    expect(srv.url).toMatch(/^https:/);
    const desk = openTestDesk();
    const sync = service(desk);
    try {
      const base = { serverUrl: srv.url, deskId: creds.deskId, secret: creds.secret, intervalSeconds: 60, deadline: null };
      await sync.saveSettings({ ...base, caPem: pki.caPem });
      expect(await sync.syncNow()).toMatchObject({ connection: 'CONNESSO', lastError: null });
      expect((await sync.settings()).caPem).toBe(pki.caPem.trim());

      await sync.saveSettings({ ...base, caPem: pki.otherCaPem });
      const impostor = await sync.syncNow();
      expect(impostor.connection).toBe('NON_RAGGIUNGIBILE');
      expect(impostor.lastError).toContain('certificato del server non riconosciuto');

      await sync.saveSettings({ ...base, caPem: '' });
      expect((await sync.syncNow()).connection).toBe('NON_RAGGIUNGIBILE');

      expect(SyncSettingsSchema.safeParse({ ...base, caPem: 'non è un certificato' }).error?.issues[0]?.path).toEqual(['caPem']);
    } finally {
      await sync.stop();
      desk.close();
    }
  });
});

describe('the secret is bound to (address, desk id)', () => {
  it('changing the address or the desk id drops it; a secret moved to another address does not open', async () => {
    const desk = openTestDesk();
    const sync = service(desk);
    const a = { serverUrl: 'http://127.0.0.1:1', deskId: 'roma-01', intervalSeconds: 60, deadline: null };
    try {
      expect((await sync.saveSettings({ ...a, secret: 'segreto-numero-uno' })).hasSecret).toBe(true);
      expect((await sync.saveSettings({ ...a, intervalSeconds: 120 })).hasSecret).toBe(true);
      // Another address: dropped (asked again), and not back when the old address returns.
      expect((await sync.saveSettings({ ...a, serverUrl: 'http://127.0.0.1:2' })).hasSecret).toBe(false);
      expect(desk.archive.getSetting('sync.secret')).toBe('');
      expect((await sync.saveSettings(a)).hasSecret).toBe(false);
      // Another desk id: the same.
      expect((await sync.saveSettings({ ...a, secret: 'segreto-numero-due' })).hasSecret).toBe(true);
      expect((await sync.saveSettings({ ...a, deskId: 'milano-02' })).hasSecret).toBe(false);
      expect((await sync.saveSettings({ ...a, secret: 'segreto-numero-tre' })).hasSecret).toBe(true);
    } finally {
      await sync.stop();
    }
    // The address edited in the archive behind the program's back: the sealed secret names the old one, so it is not used.
    const settings = JSON.parse(desk.archive.getSetting('sync.settings')!) as Record<string, unknown>;
    desk.archive.setSetting('sync.settings', JSON.stringify({ ...settings, serverUrl: 'http://127.0.0.1:3' }));
    const again = service(desk);
    try {
      expect(await again.settings()).toMatchObject({ serverUrl: 'http://127.0.0.1:3', hasSecret: false });
      expect((await again.state()).connection).toBe('NON_CONFIGURATO');
    } finally {
      await again.stop();
      desk.close();
    }
  });
});

describe.each(DIALECTS)('server identity and disabled desks (server on %s)', (dialect) => {
  let dbA: FreshDb;
  let dbB: FreshDb;
  let a: RunningServer;
  let b: RunningServer | null = null;
  let desk: TestDesk;
  beforeEach(async () => {
    dbA = await freshDb(dialect);
    dbB = await freshDb(dialect);
    a = await startInProcess(dbA);
    desk = openTestDesk();
  });
  afterEach(async () => {
    desk.close();
    await a.close();
    await b?.close();
    b = null;
    await dbA.drop();
    await dbB.drop();
  });

  it('another server (another database) never resumes the old cursor: the feed starts again from 0', async () => {
    const credsA = await deskCredentials(a.url, 'roma-01');
    for (const text of ['uno', 'due', 'tre']) expect((await admin(a.url).post('/v1/admin/messages', { deskId: 'roma-01', text: `A ${text}` })).status).toBe(200);
    const syncA = syncFor(desk, a.url, credsA);
    expect((await syncA.syncNow()).connection).toBe('CONNESSO');
    await syncA.stop();
    expect(desk.archive.syncCursor()).toBe(3);
    expect(desk.archive.getSetting('sync.serverId')).toBe(a.serverId);
    // A change parked while on A (its declaration unknown here).
    desk.archive.applyChanges([{ seq: 4, at: '2009-06-01T10:00:00.000Z', kind: 'STATUS', declarationKey: 'ignota', version: 1, status: 'RICEVUTA', scarto: null }], 4, 'op', a.serverId);
    expect(desk.archive.parkedChanges()).toHaveLength(1);

    // Server B: a different database, where this desk's feed has one message at seq 1 (below the old cursor 4).
    b = await startInProcess(dbB);
    expect(b.serverId).not.toBe(a.serverId);
    const credsB = await deskCredentials(b.url, 'roma-01');
    expect((await admin(b.url).post('/v1/admin/messages', { deskId: 'roma-01', text: 'B uno' })).status).toBe(200);
    const syncB = syncFor(desk, b.url, credsB);
    expect((await syncB.syncNow()).connection).toBe('CONNESSO');
    await syncB.stop();
    expect(desk.archive.getSetting('sync.serverId')).toBe(b.serverId);
    expect(desk.archive.syncCursor()).toBe(1);
    expect(desk.archive.parkedChanges()).toEqual([]);
    const messages = desk.db.prepare('SELECT seq, text FROM messages ORDER BY id').all() as { seq: number; text: string }[];
    expect(messages.map((m) => m.text)).toEqual(['A uno', 'A due', 'A tre', 'B uno']);
    expect(messages.slice(0, 3).every((m) => m.seq < 0)).toBe(true);
    expect(messages[3]!.seq).toBe(1);
  });

  it('the same server restarted on its database keeps its id: the cursor goes on', async () => {
    const creds = await deskCredentials(a.url, 'roma-01');
    await admin(a.url).post('/v1/admin/messages', { deskId: 'roma-01', text: 'prima' });
    let sync = syncFor(desk, a.url, creds);
    await sync.syncNow();
    await sync.stop();
    const id = a.serverId;
    await a.close();
    a = await startInProcess(dbA);
    expect(a.serverId).toBe(id);
    await admin(a.url).post('/v1/admin/messages', { deskId: 'roma-01', text: 'dopo' });
    sync = syncFor(desk, a.url, creds);
    expect((await sync.syncNow()).connection).toBe('CONNESSO');
    await sync.stop();
    expect(desk.archive.syncCursor()).toBe(2);
    expect((desk.db.prepare('SELECT seq FROM messages ORDER BY id').all() as { seq: number }[]).map((m) => m.seq)).toEqual([1, 2]);
  });

  it('a disabled desk shows "Sportello disabilitato dal CAF" with the reason, and connects again once enabled', async () => {
    const creds = await deskCredentials(a.url, 'roma-01');
    expect((await admin(a.url).put('/v1/admin/desks/roma-01/disabled', { disabled: true, reason: 'contratto sospeso' })).status).toBe(200);
    const sync = syncFor(desk, a.url, creds);
    try {
      const s = await sync.syncNow();
      expect(s.connection).toBe('DISABILITATO');
      expect(CONNECTION_LABELS[s.connection]).toBe('Sportello disabilitato dal CAF');
      expect(s.lastError).toBe('Sportello roma-01 disabilitato dal CAF (contratto sospeso): rivolgersi al CAF.');
      expect((await admin(a.url).put('/v1/admin/desks/roma-01/disabled', { disabled: false })).status).toBe(200);
      expect((await sync.syncNow()).connection).toBe('CONNESSO');
    } finally {
      await sync.stop();
    }
  });
});

describe('answers read by the desk are size-limited', () => {
  it('refuses an answer past the cap, announced or streamed, without reading it all', async () => {
    let sent = 0;
    const big = createServer((req, res) => {
      if (req.url?.startsWith('/health')) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < 50 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((r) => big.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(big.address() as AddressInfo).port}`;
    try {
      const client = new ServerClient({ baseUrl: url, deskId: 'roma-01', secret: 'segreto', maxResponseBytes: 1024 * 1024 });
      await expect(client.health()).rejects.toThrow(/troppo grande/);
      const e = await client.changes(0).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ServerCallError);
      expect((e as ServerCallError).message).toContain('troppo grande (oltre 1 MB)');
      expect(sent).toBeLessThan(20 * 1024 * 1024);
    } finally {
      big.closeAllConnections();
      await new Promise((r) => big.close(r));
    }
  });
});
