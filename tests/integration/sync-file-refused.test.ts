/**
 * A whole "Invio" file answered with an error by the central server: what happens to each declaration of the
 * file, and what the operator sees (the monitor row, Segnalazioni, Storico trasmissioni, the status bar). A
 * refusal for good (400, 409, 413, another 4xx) sends every declaration back to Completa with the reason; a
 * temporary failure (408, 429, 5xx) keeps the file waiting for the next attempt. And an Invio of more than 500
 * declarations goes out as several files (at most 500 items each), all of which arrive. The real server (in this process, SQLite); the
 * refusals are put on the wire by a fetch that answers POST /v1/transmissions itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '#server/server';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { startInProcess } from '../server/helpers/inproc';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SQLITE_FILE } from '#server/store/db';
import { completeDeclarations, deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';
import type { SyncState } from '#shared/domain/transmission';

let db: FreshDb;
let srv: RunningServer;
let desk: TestDesk;
let creds: { deskId: string; secret: string };
beforeEach(async () => {
  db = await freshDb('sqlite');
  srv = await startInProcess(db);
  creds = await deskCredentials(srv.url, 'sportello-rifiuti');
  desk = openTestDesk();
});
afterEach(async () => {
  desk.close();
  await srv.close();
  await db.drop();
});

/** fetch that answers the file upload with `status` and the server's error body; everything else goes through. */
function refusingFetch(status: number, code: string, message: string): { fetch: typeof fetch; posts: () => number } {
  let posts = 0;
  const f: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (init?.method === 'POST' && new URL(url).pathname === '/v1/transmissions') {
      posts++;
      return new Response(JSON.stringify({ error: { code, message } }), { status, headers: { 'content-type': 'application/json' } });
    }
    return fetch(input, init);
  };
  return { fetch: f, posts: () => posts };
}

/** What the server holds for this desk, read from its own SQLite file. */
function onServer(): { n: number; keys: number; status: string } {
  const sdb = new Database(join(db.dataDir, SQLITE_FILE), { readonly: true });
  try {
    return sdb.prepare("SELECT count(*) AS n, count(DISTINCT declaration_key) AS keys, group_concat(DISTINCT status) AS status FROM declarations WHERE desk_id = 'sportello-rifiuti'").get() as { n: number; keys: number; status: string };
  } finally {
    sdb.close();
  }
}

describe('a whole file refused by the server', () => {
  it.each([
    { status: 400, code: 'SRV-01', message: 'Richiesta non valida: campo items mancante.' },
    { status: 409, code: 'SRV-05', message: 'Trasmissione già ricevuta con un contenuto diverso.' },
    { status: 413, code: 'SRV-09', message: 'File troppo grande.' },
    { status: 418, code: 'SRV-99', message: 'Rifiutato.' },
  ])('$status: every declaration back to Completa with the reason, the file Rifiutata, in Segnalazioni; never retried', async ({ status, code, message }) => {
    const ids = completeDeclarations(desk.archive, 3);
    const wire = refusingFetch(status, code, message);
    const states: SyncState[] = [];
    const sync = syncFor(desk, srv.url, creds, { fetch: wire.fetch, onState: (s) => states.push(s) });
    expect(desk.archive.enqueueInvio({ ids }, 'op')).toMatchObject({ queued: 3, files: 1 });
    await sync.syncNow();
    expect(wire.posts()).toBe(1);
    expect(onServer().n).toBe(0);
    for (const id of ids) {
      const row = desk.archive.monitorList({ tab: 'DA_SPEDIRE', offset: 0, limit: 10 }).rows.find((r) => r.id === id);
      expect(row, `dichiarazione ${id}`).toMatchObject({ status: 'COMPLETA', scartoCode: code, scartoMessage: message });
      expect(desk.archive.history(id).at(-1)).toMatchObject({ fromStatus: 'ATTESA', toStatus: 'COMPLETA', reason: `file rifiutato dal CAF: ${message}` });
    }
    expect(desk.archive.segnalazioni().filter((s) => ids.includes(s.id)).map((s) => [s.code, s.message, s.status])).toEqual(ids.map(() => [code, message, 'COMPLETA']));
    const file = desk.archive.storico(0, 10).files[0]!;
    expect(file).toMatchObject({ state: 'RIFIUTATA' });
    expect(file.items.map((i) => i.outcome)).toEqual(['RIFIUTATA', 'RIFIUTATA', 'RIFIUTATA']);
    expect(desk.archive.outboxCounts()).toMatchObject({ outboxFiles: 0, outboxDeclarations: 0 });
    expect(states.at(-1)).toMatchObject({ connection: 'CONNESSO', outboxFiles: 0, outboxDeclarations: 0 });
    // Not retried: the next sync sends nothing; the declarations can be sent again by the operator.
    await sync.syncNow();
    expect(wire.posts()).toBe(1);
    expect(desk.archive.enqueueInvio({ ids }, 'op')).toMatchObject({ queued: 3 });
    await sync.stop();
  });

  it.each([408, 429, 500, 503])('%i: a temporary failure keeps the file and its declarations waiting, with the reason, for the next attempt', async (status) => {
    const ids = completeDeclarations(desk.archive, 2);
    const wire = refusingFetch(status, 'SRV-00', 'Momentaneamente non disponibile.');
    const sync = syncFor(desk, srv.url, creds, { fetch: wire.fetch });
    desk.archive.enqueueInvio({ ids }, 'op');
    const s = await sync.syncNow().catch(() => sync.state());
    expect(wire.posts()).toBe(1);
    for (const id of ids) expect(desk.archive.getForEdit(id).status).toBe('ATTESA');
    const [file] = desk.archive.attesaList();
    expect(file).toBeDefined();
    const st = desk.archive.storico(0, 10).files[0]!;
    expect(st.state).toBe('IN_ATTESA');
    expect(desk.db.prepare('SELECT attempts, last_error, next_attempt_at IS NOT NULL AS planned FROM outbox_files').get()).toMatchObject({ attempts: 1, planned: 1 });
    expect(String((desk.db.prepare('SELECT last_error FROM outbox_files').get() as { last_error: string }).last_error)).toContain(String(status));
    expect((await s).lastError ?? '').toContain(String(status));
    await sync.stop();
  });
});

describe('Invio of more than 500 declarations', () => {
  it('501 declarations: two files (500 and 1), all arrive at the server and come back Tras.CGN', async () => {
    const ids = completeDeclarations(desk.archive, 501);
    expect(desk.archive.enqueueInvio({ allComplete: true }, 'op')).toMatchObject({ queued: 501, files: 2 });
    const sizes = desk.db.prepare('SELECT count(*) FROM outbox_items GROUP BY transmission_id ORDER BY 1 DESC').pluck().all();
    expect(sizes).toEqual([500, 1]);
    const sync = syncFor(desk, srv.url, creds);
    await sync.syncNow();
    const counts = desk.db.prepare('SELECT status, count(*) AS n FROM declarations GROUP BY status').all();
    expect(counts).toEqual([{ status: 'TRASM_CGN', n: 501 }]);
    expect(desk.archive.storico(0, 10).files.map((f) => f.state)).toEqual(['CONSEGNATA', 'CONSEGNATA']);
    // On the server: every one, once.
    expect(onServer()).toEqual({ n: 501, keys: 501, status: 'TRASM_CGN' });
    expect(ids).toHaveLength(501);
    await sync.stop();
  });

  it('in parts of 500 (issue 14): 1,001 Complete give parts of 500, 500 and 1, each continuing after the last progressivo', () => {
    completeDeclarations(desk.archive, 1_001);
    const progressivi = desk.db.prepare('SELECT progressivo FROM declarations ORDER BY progressivo').pluck().all() as number[];
    const first = desk.archive.enqueueInvio({ allComplete: true, afterProgressivo: 0, limit: 500 }, 'op');
    expect(first).toMatchObject({ queued: 500, files: 1, next: progressivi[499] });
    const second = desk.archive.enqueueInvio({ allComplete: true, afterProgressivo: first.next!, limit: 500 }, 'op');
    expect(second).toMatchObject({ queued: 500, files: 1, next: progressivi[999] });
    const third = desk.archive.enqueueInvio({ allComplete: true, afterProgressivo: second.next!, limit: 500 }, 'op');
    expect(third).toMatchObject({ queued: 1, files: 1, next: null });
    expect(desk.db.prepare("SELECT count(*) FROM declarations WHERE status = 'ATTESA'").pluck().get()).toBe(1_001);
    // Without a limit nothing says "continue": the whole Invio is one call.
    expect(desk.archive.enqueueInvio({ allComplete: true }, 'op')).toMatchObject({ queued: 0, next: null });
  });

  it('a file queued while a sync pass is sending goes out in the same pass', async () => {
    completeDeclarations(desk.archive, 600);
    const first = desk.archive.enqueueInvio({ allComplete: true, afterProgressivo: 0, limit: 500 }, 'op');
    let queuedMeanwhile = 0;
    const f: typeof fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      // The rest of the Invio is queued while the first file is on the wire, as transmission.send does.
      if (init?.method === 'POST' && new URL(url).pathname === '/v1/transmissions' && queuedMeanwhile === 0) {
        queuedMeanwhile = desk.archive.enqueueInvio({ allComplete: true, afterProgressivo: first.next!, limit: 500 }, 'op').queued;
      }
      return fetch(input, init);
    };
    const sync = syncFor(desk, srv.url, creds, { fetch: f });
    await sync.syncNow();
    expect(queuedMeanwhile).toBe(100);
    expect(desk.db.prepare('SELECT status, count(*) AS n FROM declarations GROUP BY status').all()).toEqual([{ status: 'TRASM_CGN', n: 600 }]);
    expect(desk.archive.storico(0, 10).files.map((x) => x.state)).toEqual(['CONSEGNATA', 'CONSEGNATA']);
    expect(onServer()).toEqual({ n: 600, keys: 600, status: 'TRASM_CGN' });
    await sync.stop();
  });
});
