/**
 * Sync rescheduling: after a failure the next attempt comes 2 s, 4 s, 8 s … later (±20%), never later than
 * the sync interval; a success goes back to the interval and resets the backoff; a credentials error does not
 * hammer the server (next attempt at the interval) and says so. The delays are read from the state the status
 * bar shows (nextAttemptAt) against a fixed clock; the timer really fires. Real server in this process.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '#server/server';
import type { SyncService } from '#main/sync/sync-service';
import type { SyncState } from '#shared/domain/transmission';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { startInProcess } from '../server/helpers/inproc';
import { completeDeclarations, deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';

const T0 = new Date('2026-12-03T10:00:00.000Z');
const INTERVAL_S = 10;
type Mode = 'down' | '503' | '401' | 'ok';

let db: FreshDb;
let srv: RunningServer;
let desk: TestDesk;
let sync: SyncService;
let mode: Mode = 'ok';
let requests = 0;
beforeEach(async () => {
  db = await freshDb('sqlite');
  srv = await startInProcess(db);
  const creds = await deskCredentials(srv.url, 'sportello-backoff');
  desk = openTestDesk();
  mode = 'ok';
  requests = 0;
  const wire: typeof fetch = async (input, init) => {
    requests++;
    if (mode === 'down') throw new TypeError('fetch failed');
    if (mode === '503') return new Response(JSON.stringify({ error: { code: 'SRV-00', message: 'Manutenzione' } }), { status: 503, headers: { 'content-type': 'application/json' } });
    if (mode === '401') return new Response(JSON.stringify({ error: { code: 'SRV-02', message: 'Sportello o segreto errati.' } }), { status: 401, headers: { 'content-type': 'application/json' } });
    return fetch(input, init);
  };
  sync = syncFor(desk, srv.url, creds, {
    fetch: wire,
    clock: () => T0,
    env: { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.deskId}.${creds.secret}`, RED_DESK_SYNC_INTERVAL: String(INTERVAL_S) },
  });
});
afterEach(async () => {
  await sync.stop();
  desk.close();
  await srv.close();
  await db.drop();
});

/** One sync now; the delay until the next attempt it scheduled (ms), and the state. */
async function attempt(): Promise<{ delay: number; s: SyncState }> {
  const s = await sync.syncNow().catch(() => sync.state());
  return { delay: Date.parse(s.nextAttemptAt!) - T0.getTime(), s };
}
const within = (delay: number, base: number) => {
  expect(delay).toBeGreaterThanOrEqual(base * 0.8);
  expect(delay).toBeLessThanOrEqual(base * 1.2);
};

describe('sync backoff and rescheduling', () => {
  it('server unreachable: 2 s, 4 s, 8 s, then the interval (±20%); a success resets to the interval and the backoff', async () => {
    mode = 'down';
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { delay, s } = await attempt();
      expect(s).toMatchObject({ connection: 'NON_RAGGIUNGIBILE', lastError: expect.stringContaining('non raggiungibile') });
      delays.push(delay);
    }
    [2_000, 4_000, 8_000, 10_000, 10_000].forEach((base, i) => within(delays[i]!, base));
    mode = 'ok';
    const ok = await attempt();
    expect(ok.s).toMatchObject({ connection: 'CONNESSO', lastError: null, lastSyncAt: T0.toISOString() });
    expect(ok.delay).toBe(INTERVAL_S * 1000);
    mode = 'down';
    within((await attempt()).delay, 2_000);
  });

  it('5xx: the same backoff, the outbox file kept for the next attempt', async () => {
    completeDeclarations(desk.archive, 1);
    desk.archive.enqueueInvio({ allComplete: true }, 'op');
    mode = '503';
    within((await attempt()).delay, 2_000);
    const second = await attempt();
    within(second.delay, 4_000);
    expect(second.s).toMatchObject({ connection: 'NON_RAGGIUNGIBILE', outboxFiles: 1, lastError: expect.stringContaining('503') });
    mode = 'ok';
    expect((await attempt()).s).toMatchObject({ connection: 'CONNESSO', outboxFiles: 0 });
  });

  it('credentials refused: CREDENZIALI_ERRATE, next attempt at the interval (no fast retries), back to CONNESSO once accepted', async () => {
    mode = '401';
    for (let i = 0; i < 3; i++) {
      const { delay, s } = await attempt();
      expect(delay).toBe(INTERVAL_S * 1000);
      expect(s).toMatchObject({ connection: 'CREDENZIALI_ERRATE', lastError: expect.stringMatching(/^Credenziali dello sportello non accettate dal CAF: Sportello o segreto errati\./) });
    }
    mode = 'ok';
    expect((await attempt()).s).toMatchObject({ connection: 'CONNESSO', lastError: null });
  });

  it('the scheduled retry really runs by itself after the backoff', async () => {
    mode = 'down';
    const { delay } = await attempt();
    const before = requests;
    await new Promise((r) => setTimeout(r, delay - 300));
    expect(requests).toBe(before); // not before its time
    await new Promise((r) => setTimeout(r, 600));
    expect(requests).toBeGreaterThan(before);
  });
});
