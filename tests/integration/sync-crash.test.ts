/**
 * The desk process killed with SIGKILL (a power cut) while it transmits: at seeded random moments after
 * "Invio", and exactly in the window between "the server answered the file" and "the desk applied the answer"
 * (the answer is held by a proxy while the desk is killed). After every restart on the same archive the desk
 * carries on; at the end nothing is lost and nothing is duplicated, on the desk and on the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { openDeskFile } from '../helpers/desk-key';
import { startFaultProxy, type AnswerWindow, type FaultProxy } from '../helpers/fault-proxy';
import { deskCredentials } from '../helpers/desk-sync';
import { admin, Client } from '../server/helpers/client';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { cfFor } from '../server/helpers/fixtures';
import { startServerProcess, type Proc } from '../server/helpers/processes';
import { Decl } from '../unit/rules/fixtures';
import { Prng } from '#shared/util/prng';
import type { DeclarationState } from '#shared/server-api/contract';
import type { SyncState } from '#shared/domain/transmission';

/** CRASH_SEED=n replays another sequence of kills. */
const SEED = Number(process.env.CRASH_SEED ?? 1709);
const ROUNDS = 12;
const MODES = ['random', 'answer', 'random', 'feed'] as const;
const KILL_DELAY_MAX_MS = 250;

let db: FreshDb;
let server: Proc;
beforeAll(async () => {
  db = await freshDb('sqlite');
  server = await startServerProcess(db);
});
afterAll(async () => {
  if (server.proc.exitCode === null) await server.stop();
  await db.drop();
});

async function api<T>(desk: DeskProcess, method: string, input: unknown): Promise<T> {
  const r = await callApi(desk, method, input);
  if (!r.body.ok) throw new Error(`${method}: ${r.body.error?.code} ${r.body.error?.message}`);
  return r.body.result as T;
}

/** "Nuovo", the document filled in and saved, "Rendi completa": as the editor does it. */
async function createComplete(desk: DeskProcess, n: number): Promise<number> {
  const d = new Decl({ codiceFiscale: cfFor(n) });
  d.subject('titolare').cognome = `CRASH${n}`;
  const created = await api<{ id: number }>(desk, 'declarations.create', { matricola: d.m.matricola });
  const opened = await api<{ version: number }>(desk, 'declarations.get', { id: created.id });
  const saved = await api<{ version: number; status: string }>(desk, 'declarations.save', { id: created.id, version: opened.version, document: d.doc });
  const done = await api<{ status: string }>(desk, 'declarations.complete', { id: created.id, version: saved.version });
  expect(done.status).toBe('COMPLETA');
  return created.id;
}

function killNow(desk: DeskProcess): Promise<void> {
  const exited = desk.proc.exitCode !== null || desk.proc.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => desk.proc.once('exit', () => r()));
  desk.proc.kill('SIGKILL');
  return exited;
}

describe('kill -9 of the desk during the sync', () => {
  it('loses nothing and duplicates nothing, also when killed between the server\'s answer and its application', async () => {
    const creds = await deskCredentials(server.url, 'sportello-crash');
    // Kills in an answer window: armed per round, fired by the proxy once the server has answered (a file, or a
    // page of the feed holding a message) and before the desk has the answer.
    let armed: { desk: DeskProcess; match: (w: AnswerWindow) => boolean; fired: () => void } | null = null;
    const kills = { random: 0, randomBeforePost: 0, answer: 0, feed: 0 };
    const proxy: FaultProxy = await startFaultProxy({
      target: server.url,
      seed: SEED,
      beforeAnswer: async (w) => {
        const a = armed;
        if (!a || w.status !== 200 || !a.match(w)) return;
        armed = null;
        await killNow(a.desk);
        a.fired();
      },
    });
    const killInWindow = async (desk: DeskProcess, round: number, match: (w: AnswerWindow) => boolean, start: () => Promise<void> | void) => {
      const fired = new Promise<void>((r) => (armed = { desk, match, fired: r }));
      await start();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([fired, new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`round ${round}: la finestra non è arrivata`)), 15_000)))]);
      clearTimeout(timer);
    };
    const env = { RED_DESK_SERVER_URL: proxy.url, RED_DESK_SERVER_CREDENTIALS: `${creds.deskId}.${creds.secret}`, RED_DESK_SYNC_INTERVAL: '1' };
    const rng = new Prng(SEED);
    const created: number[] = [];
    const messages: string[] = [];
    let dataDir: string | undefined;
    let next = 0;
    const send = (desk: DeskProcess) => void callApi(desk, 'transmission.send', { allComplete: true }).catch(() => undefined);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const desk = await startDesk({ env, ...(dataDir ? { dataDir } : {}) });
        dataDir = desk.dataDir;
        for (let i = rng.int(4, 14); i > 0; i--) created.push(await createComplete(desk, next++));
        const mode = MODES[round % MODES.length];
        if (mode === 'answer') {
          // The server has stored the file and answered; the desk is killed before it reads the answer.
          await killInWindow(desk, round, (w) => w.method === 'POST' && w.path === '/v1/transmissions', () => send(desk));
          kills.answer++;
        } else if (mode === 'feed') {
          // A "messaggio in piattaforma" in the feed page the desk never gets to apply.
          const text = `Messaggio ${round}`;
          messages.push(text);
          const match = (w: AnswerWindow) => w.method === 'GET' && w.path.startsWith('/v1/changes') && w.body.includes(text);
          await killInWindow(desk, round, match, async () => {
            expect((await admin(server.url).post('/v1/admin/messages', { deskId: creds.deskId, text })).status).toBe(200);
            send(desk);
          });
          kills.feed++;
        } else {
          // At a random moment: during the Invio transaction, the POST, applying the answer or the feed.
          const posts = () => proxy.events.filter((e) => e.method === 'POST').length;
          const before = posts();
          send(desk);
          // Half of the kills in the first few ms (the Invio transaction itself), half later (POST, answer, feed).
          await new Promise((r) => setTimeout(r, rng.chance(0.5) ? rng.int(0, 15) : rng.int(15, KILL_DELAY_MAX_MS)));
          await killNow(desk);
          kills.random++;
          if (posts() === before) kills.randomBeforePost++;
        }
      }
      expect(kills.answer + kills.feed + kills.random).toBe(ROUNDS);

      // Restart once more: send whatever is still "Da spedire" and sync until the outbox is empty.
      const desk = await startDesk({ env, dataDir });
      await api(desk, 'transmission.send', { allComplete: true });
      const deadline = Date.now() + 20_000;
      let state: SyncState;
      for (;;) {
        state = await api<SyncState>(desk, 'sync.now', {});
        const spedite = await api<{ counts: Record<string, number> }>(desk, 'monitor.list', { tab: 'SPEDITE', offset: 0, limit: 1 });
        if (state.outboxFiles === 0 && spedite.counts.SPEDITE === created.length) break;
        if (Date.now() > deadline) throw new Error(`sync non conclusa: ${JSON.stringify(state)}`);
      }
      expect(state.connection).toBe('CONNESSO');
      await desk.stop();
    } finally {
      await proxy.close();
    }

    // Every file answer the desk lost in the window was replayed by the server when the same file was resent.
    expect(proxy.events.filter((e) => e.replayed).length).toBeGreaterThanOrEqual(kills.answer);
    console.log(`[sync-crash] ${created.length} dichiarazioni, ${proxy.events.length} richieste, kill: ${JSON.stringify(kills)}`);

    const archive = await openDeskFile(join(dataDir ?? '', 'archivio-red.sqlite'), { readonly: true });
    let deskRows: { id: number; status: string; server_key: string; sent_version: number }[];
    try {
      expect(archive.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(archive.pragma('foreign_key_check')).toEqual([]);
      deskRows = archive.prepare('SELECT id, status, server_key, sent_version FROM declarations ORDER BY id').all() as typeof deskRows;
      // Nothing lost: every declaration made complete is on the desk, Tras.CGN.
      expect(deskRows.map((r) => r.id)).toEqual([...created].sort((a, b) => a - b));
      expect(deskRows.filter((r) => r.status !== 'TRASM_CGN')).toEqual([]);
      // Nothing sent twice: one outbox item per declaration, in a delivered file, accepted once.
      const items = archive
        .prepare(
          `SELECT i.declaration_id AS id, count(*) AS n, sum(f.state = 'CONSEGNATA' AND i.outcome = 'accepted') AS accepted
           FROM outbox_items i JOIN outbox_files f ON f.transmission_id = i.transmission_id GROUP BY i.declaration_id`,
        )
        .all() as { id: number; n: number; accepted: number }[];
      expect(items).toHaveLength(created.length);
      expect(items.filter((i) => i.n !== 1 || i.accepted !== 1)).toEqual([]);
      expect(archive.prepare(`SELECT count(*) AS n FROM outbox_files WHERE state <> 'CONSEGNATA'`).get()).toEqual({ n: 0 });
      // Every message of the feed pages lost in the window is there, once.
      expect((archive.prepare('SELECT text FROM messages ORDER BY seq').pluck().all() as string[])).toEqual(messages);
      // The history is one unbroken chain per declaration ending in its status, with Attesa → Tras.CGN once.
      const history = archive.prepare('SELECT declaration_id AS id, event, from_status AS "from", to_status AS "to" FROM status_history ORDER BY id').all() as {
        id: number;
        event: string;
        from: string | null;
        to: string;
      }[];
      const byDecl = new Map<number, typeof history>();
      for (const h of history) byDecl.set(h.id, [...(byDecl.get(h.id) ?? []), h]);
      for (const r of deskRows) {
        const h = byDecl.get(r.id) ?? [];
        expect(h[0]?.event, `dichiarazione ${r.id}`).toBe('CREAZIONE');
        for (let k = 1; k < h.length; k++) expect(h[k]?.from, `dichiarazione ${r.id}, riga ${k}`).toBe(h[k - 1]?.to);
        expect(h.at(-1)?.to).toBe(r.status);
        expect(h.filter((x) => x.to === 'ATTESA')).toHaveLength(1);
        expect(h.filter((x) => x.from === 'ATTESA' && x.to === 'TRASM_CGN')).toHaveLength(1);
      }
      const files = (archive.prepare('SELECT transmission_id FROM outbox_files').pluck().all() as string[]).sort();
      // The server holds exactly the desk's files, each once, and each declaration version once, Tras.CGN.
      const auth = new Client(server.url, `Bearer ${creds.deskId}.${creds.secret}`);
      const storico = await auth.get<{ total: number; transmissions: { transmissionId: string; items: { declarationKey: string; version: number }[] }[] }>('/v1/transmissions?limit=200');
      expect(storico.body.transmissions.map((t) => t.transmissionId).sort()).toEqual(files);
      const keys = storico.body.transmissions.flatMap((t) => t.items.map((i) => `${i.declarationKey}@${i.version}`));
      expect(keys.sort()).toEqual(deskRows.map((r) => `${r.server_key}@${r.sent_version}`).sort());
      for (const r of deskRows) {
        const s = await auth.get<DeclarationState>(`/v1/declarations/${r.server_key}`);
        expect(s.body).toMatchObject({ status: 'TRASM_CGN', version: r.sent_version });
      }
    } finally {
      archive.close();
    }
    // The server's own file, after a clean stop: one declaration row and one stored version per declaration.
    expect(await server.stop()).toBe(0);
    const srv = new Database(join(db.dataDir, 'red-server.sqlite'), { readonly: true });
    try {
      const versions = srv
        .prepare(
          `SELECT d.declaration_key AS k, v.version, count(*) AS n FROM declaration_versions v JOIN declarations d ON d.id = v.declaration_id
           WHERE d.desk_id = ? GROUP BY d.declaration_key, v.version`,
        )
        .all(creds.deskId) as { k: string; version: number; n: number }[];
      expect(versions).toHaveLength(created.length);
      expect(versions.filter((v) => v.n !== 1)).toEqual([]);
      expect(new Set(versions.map((v) => v.k))).toEqual(new Set(deskRows.map((r) => r.server_key)));
    } finally {
      srv.close();
    }
  }, 90_000);
});
