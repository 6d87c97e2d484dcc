/**
 * "Copia archivi da inviare al CAF" loaded by the real server process on 127.0.0.1 (issue 13 point 1): a Centro di
 * Raccolta (A) sends one declaration itself and copies the rest for its Centro di Elaborazione (B); B restores them,
 * adds its own and copies everything for the CAF; the CAF loads that copy twice, and A later sends the others too.
 * Each declaration is stored once on the server, whichever way it arrived.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { createServices } from '#main/services/services';
import type { CaptureService } from '#main/capture/service-types';
import { DEFAULT_CAPTURE_SETTINGS } from '#shared/domain/capture';
import type { RestorePlan } from '#shared/exchange/api';
import type { ExchangeLoadResponse } from '#shared/server-api/contract';
import { completeDeclarations, deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';
import { admin, Client } from './helpers/client';
import { freshDb, type FreshDb } from './helpers/db';
import { SQLITE_FILE } from '#server/store/db';
import { startServerProcess, type Proc } from './helpers/processes';

const CAF_PASS = 'passphrase-del-caf-2009';
const DESK_PASS = 'sole-di-maggio-2009';
const noCapture = { settings: async () => DEFAULT_CAPTURE_SETTINGS } as unknown as CaptureService;

let db: FreshDb;
let server: Proc;
const dirs: string[] = [];
const desks: TestDesk[] = [];
beforeAll(async () => {
  db = await freshDb('sqlite');
  server = await startServerProcess(db, { RED_DESK_SERVER_EXCHANGE_PASSPHRASE: CAF_PASS });
});
afterAll(async () => {
  for (const d of desks) d.close();
  await server?.stop();
  await db?.drop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function desk(deskId: string) {
  const dataDir = mkdtempSync(join(tmpdir(), `red-caf-${deskId}-`));
  dirs.push(dataDir);
  const d = openTestDesk(join(dataDir, 'archivio-red.sqlite'));
  desks.push(d);
  const sync = syncFor(d, server.url, await deskCredentials(server.url, deskId));
  const api = createServices({ archive: d.client, sync, capture: noCapture, dataDir, operator: `op-${deskId}`, version: '0', emit: () => {} });
  const call = async <T,>(m: Parameters<typeof api.dispatch>[0], input: unknown): Promise<T> => {
    const r = await api.dispatch(m, input);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.result as T;
  };
  return { ...d, sync, call };
}

const serverCounts = async () => {
  const r = await admin(server.url).get<unknown>('/health');
  expect(r.status).toBe(200);
  const { default: Database } = await import('better-sqlite3');
  const file = join(db.dataDir, SQLITE_FILE);
  const s = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const n = (t: string) => s.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return { declarations: n('declarations'), versions: n('declaration_versions'), transmissions: n('transmissions') };
  } finally {
    s.close();
  }
};

const load = (bytes: Buffer, fileName: string, client: Client = admin(server.url)) =>
  client.post<ExchangeLoadResponse & { error?: { code: string; message: string } }>('/v1/admin/copie-caf', { fileName, data: bytes.toString('base64') });

describe('admin endpoint: a CAF copy goes through the transmission ingest', () => {
  it('loaded twice, and sent by its desk too, each declaration is stored once', async () => {
    const a = await desk('cr-roma-1');
    const b = await desk('ce-roma');
    const idsA = completeDeclarations(a.archive, 3, 300);
    // A sends the first itself.
    expect(a.archive.enqueueInvio({ ids: [idsA[0]!] }, 'op-a').queued).toBe(1);
    await a.sync.syncNow();
    expect(a.db.prepare('SELECT status FROM declarations WHERE id = ?').pluck().get(idsA[0])).toBe('TRASM_CGN');
    expect(await serverCounts()).toMatchObject({ declarations: 1, versions: 1 });

    // A → B, then B's own two, then B's copy for the CAF.
    const c = await a.call<{ file: string; fileName: string }>('exchange.copy', { kind: 'CENTRO', selection: { tipo: 'TUTTE' }, passphrase: DESK_PASS, folder: '' });
    const up = await b.call<{ uploadId: string }>('exchange.upload', { fileName: c.fileName, chunk: readFileSync(c.file).toString('base64'), last: true });
    const p = await b.call<RestorePlan>('exchange.plan', { uploadId: up.uploadId, passphrase: DESK_PASS });
    expect(await b.call('exchange.restore', { token: p.token, scelte: {} })).toMatchObject({ aggiunte: 3 });
    completeDeclarations(b.archive, 2, 400);
    const caf = await b.call<{ file: string; fileName: string; declarations: number }>('exchange.copy', { kind: 'CAF', selection: { tipo: 'TUTTE' }, passphrase: CAF_PASS, folder: '' });
    expect(caf.declarations).toBe(5);
    const bytes = readFileSync(caf.file);

    const first = await load(bytes, caf.fileName);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ sportello: 'ce-roma', dichiarazioni: 5, rifiutate: [], replayed: 0 });
    expect(first.body.perSportello).toEqual([
      { deskId: 'cr-roma-1', accepted: 2, duplicate: 1, refused: 0 },
      { deskId: 'ce-roma', accepted: 2, duplicate: 0, refused: 0 },
    ]);
    expect(await serverCounts()).toMatchObject({ declarations: 5, versions: 5 });

    // The same file again: the same answers, nothing stored.
    const again = await load(bytes, caf.fileName);
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(2);
    expect(await serverCounts()).toMatchObject({ declarations: 5, versions: 5 });

    // A now sends the two it had copied: the server already holds them (same key and version).
    expect(a.archive.enqueueInvio({ allComplete: true }, 'op-a').queued).toBe(2);
    await a.sync.syncNow();
    expect(await serverCounts()).toMatchObject({ declarations: 5, versions: 5 });
    const items = a.db.prepare("SELECT outcome FROM outbox_items WHERE transmission_id IN (SELECT transmission_id FROM outbox_files WHERE state = 'CONSEGNATA') ORDER BY rowid").pluck().all();
    expect(items).toEqual(['accepted', 'duplicate', 'duplicate']);
  });

  it('restored on B and sent from B, then sent by A too (and the other way round): the CAF stores each once, for the desk that sent it first', async () => {
    const a = await desk('cr-napoli-1');
    const b = await desk('ce-napoli');
    const idsA = completeDeclarations(a.archive, 2, 600);
    const c = await a.call<{ file: string; fileName: string }>('exchange.copy', { kind: 'CENTRO', selection: { tipo: 'TUTTE' }, passphrase: DESK_PASS, folder: '' });
    const up = await b.call<{ uploadId: string }>('exchange.upload', { fileName: c.fileName, chunk: readFileSync(c.file).toString('base64'), last: true });
    const p = await b.call<RestorePlan>('exchange.plan', { uploadId: up.uploadId, passphrase: DESK_PASS });
    expect(await b.call('exchange.restore', { token: p.token, scelte: {} })).toMatchObject({ aggiunte: 2 });
    const idsB = b.db.prepare('SELECT id FROM declarations WHERE origin_desk = ? ORDER BY origin_progressivo').pluck().all('cr-napoli-1') as number[];
    expect(idsB).toHaveLength(2);
    const before = await serverCounts();
    const statusOf = (d: { db: Database.Database }, id: number) =>
      d.db.prepare('SELECT status, scarto_message AS message FROM declarations WHERE id = ?').get(id) as { status: string; message: string | null };

    // The first: B sends it, then A. The second: A sends it, then B.
    expect(b.archive.enqueueInvio({ ids: [idsB[0]!] }, 'op-b').queued).toBe(1);
    await b.sync.syncNow();
    expect(a.archive.enqueueInvio({ ids: [idsA[1]!] }, 'op-a').queued).toBe(1);
    await a.sync.syncNow();
    expect(statusOf(b, idsB[0]!).status).toBe('TRASM_CGN');
    expect(statusOf(a, idsA[1]!).status).toBe('TRASM_CGN');
    expect(await serverCounts()).toMatchObject({ declarations: before.declarations + 2, versions: before.versions + 2 });

    expect(a.archive.enqueueInvio({ ids: [idsA[0]!] }, 'op-a').queued).toBe(1);
    await a.sync.syncNow();
    expect(b.archive.enqueueInvio({ ids: [idsB[1]!] }, 'op-b').queued).toBe(1);
    await b.sync.syncNow();
    // Nothing more stored: the later sender is told which desk sent it, and the declaration is back in Da spedire.
    expect(await serverCounts()).toMatchObject({ declarations: before.declarations + 2, versions: before.versions + 2 });
    const lateA = statusOf(a, idsA[0]!);
    expect(lateA.status).toBe('COMPLETA');
    expect(lateA.message).toContain('già trasmessa al CAF dallo sportello ce-napoli (progressivo 1)');
    const lateB = statusOf(b, idsB[1]!);
    expect(lateB.status).toBe('COMPLETA');
    expect(lateB.message).toContain(`già trasmessa al CAF dallo sportello cr-napoli-1 (progressivo ${a.db.prepare('SELECT progressivo FROM declarations WHERE id = ?').pluck().get(idsA[1]!)})`);
    // The first senders keep theirs.
    expect(statusOf(b, idsB[0]!).status).toBe('TRASM_CGN');
    expect(statusOf(a, idsA[1]!).status).toBe('TRASM_CGN');

    // Sending again changes nothing: still refused, still stored once.
    expect(a.archive.enqueueInvio({ ids: [idsA[0]!] }, 'op-a').queued).toBe(1);
    await a.sync.syncNow();
    expect(statusOf(a, idsA[0]!).status).toBe('COMPLETA');
    expect(await serverCounts()).toMatchObject({ declarations: before.declarations + 2, versions: before.versions + 2 });
  });

  it('refuses a file with the wrong passphrase (422, nothing stored), and any call without the admin token', async () => {
    const b = await desk('ce-milano');
    completeDeclarations(b.archive, 1, 500);
    const wrong = await b.call<{ file: string; fileName: string }>('exchange.copy', { kind: 'CAF', selection: { tipo: 'TUTTE' }, passphrase: 'non-la-passphrase-del-caf', folder: '' });
    const before = await serverCounts();
    const r = await load(readFileSync(wrong.file), wrong.fileName);
    expect(r.status).toBe(422);
    expect(r.body.error?.code).toBe('SCA-06');
    expect(r.body.error?.message).toMatch(/^Passphrase errata per il file RED2009_caf_ce-milano_.*Nulla è stato memorizzato\.$/);
    const anon = await load(readFileSync(wrong.file), wrong.fileName, new Client(server.url));
    expect(anon.status).toBe(401);
    const notBase64 = await admin(server.url).post<{ error: { code: string } }>('/v1/admin/copie-caf', { fileName: 'x.zip', data: 'non è base64!' });
    expect(notBase64.status).toBe(400);
    expect(await serverCounts()).toEqual(before);
  });
});
