/**
 * Servizi → exchange between desks (issue 13 point 1), through the real services over two real archives (SQLite
 * files): desk A (a Centro di Raccolta) copies for desk B (its Centro di Elaborazione), B restores. Every refused
 * file leaves B's archive byte for byte as it was (every table's rows compared).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type Database from 'better-sqlite3';
import { createServices } from '#main/services/services';
import { SyncService } from '#main/sync/sync-service';
import type { CaptureService } from '#main/capture/service-types';
import { DEFAULT_CAPTURE_SETTINGS } from '#shared/domain/capture';
import { writeExchangeFile } from '#shared/exchange/container';
import { NODE_EXCHANGE } from '#main/exchange/primitives';
import type { ExchangeData } from '#shared/exchange/format';
import type { RestorePlan } from '#shared/exchange/api';
import { completeDeclarations, openTestDesk, type TestDesk } from '../helpers/desk-sync';
import { Decl } from '../unit/rules/fixtures';
import { cfFor } from '../server/helpers/fixtures';

const PASS = 'sole-di-maggio-2009';
const noCapture: CaptureService = {
  settings: async () => DEFAULT_CAPTURE_SETTINGS,
  saveSettings: async (x: unknown) => x,
  devices: async () => ({ devices: [], error: null }),
  state: () => ({ state: 'disattivata', message: '', device: null }),
  start: async () => {},
  stop: async () => {},
} as unknown as CaptureService;

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

interface Desk extends TestDesk {
  api: ReturnType<typeof createServices>;
  dataDir: string;
}

function openDesk(deskId: string): Desk {
  const dataDir = mkdtempSync(join(tmpdir(), `red-scambio-${deskId}-`));
  const d = openTestDesk(join(dataDir, 'archivio-red.sqlite'));
  const sync = new SyncService({ archive: d.client, operator: 'op', env: { RED_DESK_SERVER_CREDENTIALS: `${deskId}.segreto` }, onState: () => {}, onChanged: () => {} });
  const api = createServices({ archive: d.client, sync, capture: noCapture, dataDir, operator: `op-${deskId}`, version: '0', emit: () => {} });
  cleanup.push(() => {
    d.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { ...d, api, dataDir };
}

async function ok<T>(p: Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}

async function copy(desk: Desk, kind: 'CENTRO' | 'CAF' = 'CENTRO', passphrase = PASS) {
  return ok<{ file: string; fileName: string; declarations: number; excluded: number }>(desk.api.dispatch('exchange.copy', { kind, selection: { tipo: 'TUTTE' }, passphrase, folder: '' }));
}

/** Uploads in pieces of 48 kB (as the window does) and asks the plan. */
async function plan(desk: Desk, bytes: Uint8Array, fileName: string, passphrase = PASS) {
  const b64 = Buffer.from(bytes).toString('base64');
  const size = 64 * 1024;
  let uploadId: string | undefined;
  for (let at = 0; at < b64.length || uploadId === undefined; at += size) {
    const r = await ok<{ uploadId: string }>(desk.api.dispatch('exchange.upload', { ...(uploadId ? { uploadId } : {}), fileName, chunk: b64.slice(at, at + size), last: at + size >= b64.length }));
    uploadId = r.uploadId;
  }
  return desk.api.dispatch('exchange.plan', { uploadId, passphrase });
}

/** Every row of every table: what "changes nothing" compares. */
function snapshot(db: Database.Database): string {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r)).sort()]));
}

/** Desk A: three complete declarations, one incomplete, one sent to the CAF (Trasm. CGN), with their history. */
function seedA(a: Desk): { sent: number; ids: number[] } {
  const ids = completeDeclarations(a.archive, 4, 100);
  const d = new Decl({ codiceFiscale: cfFor(120) });
  const inc = a.archive.create({ campaign: 'RED2009', matricola: d.m.matricola, codiceFiscale: d.m.values.codiceFiscale, document: d.doc, operator: 'op-a' });
  a.archive.setDataConsegna(inc.id, '2009-05-04');
  const sent = ids[3]!;
  const q = a.archive.enqueueInvio({ ids: [sent] }, 'op-a');
  const row = a.db.prepare('SELECT server_key AS k, version AS v FROM declarations WHERE id = ?').get(sent) as { k: string; v: number };
  const transmissionId = q.transmissionIds[0]!;
  const response = {
    transmissionId,
    receivedAt: '2009-05-05T10:00:00.000Z',
    replayed: false,
    items: [{ declarationKey: row.k, version: row.v, outcome: 'accepted' as const, serverStatus: 'TRASM_CGN' as const, serverVersion: row.v, scarto: null, error: null }],
  };
  a.archive.outboxDelivered([{ transmissionId, response }], 'op-a');
  return { sent, ids: [...ids, inc.id] };
}

describe('Copia per il Centro di Elaborazione → Ripristino da Centro di Raccolta', () => {
  it('round trip A → file → B: every field, the history and the origin kept, a progressivo given here', async () => {
    const a = openDesk('cr-roma-1');
    const b = openDesk('ce-roma');
    const { sent, ids } = seedA(a);
    completeDeclarations(b.archive, 2, 500); // B has its own declarations: progressivi 1 and 2
    const c = await copy(a);
    expect(c.declarations).toBe(5);
    expect(c.fileName).toMatch(/^RED2009_centro_cr-roma-1_\d{8}-\d{6}\.zip$/);
    const bytes = readFileSync(c.file);
    // Nothing readable in clear but the manifest: no codice fiscale in the bytes.
    expect(bytes.includes(Buffer.from(cfFor(100)))).toBe(false);

    const p = await ok<RestorePlan>(plan(b, bytes, c.fileName));
    expect(p).toMatchObject({ sportello: 'cr-roma-1', dichiarazioni: 5, nuove: 5, giaPresenti: 0, giaSpedite: 1, giaLetto: null, conflitti: [] });
    const r = await ok<{ aggiunte: number; primoProgressivo: number; ultimoProgressivo: number }>(b.api.dispatch('exchange.restore', { token: p.token, scelte: {} }));
    expect(r).toMatchObject({ aggiunte: 5, saltate: 0, giaPresenti: 0, primoProgressivo: 3, ultimoProgressivo: 7 });

    for (const [k, idA] of ids.entries()) {
      const rowA = a.db.prepare('SELECT * FROM declarations WHERE id = ?').get(idA) as Record<string, unknown>;
      const rowB = b.db.prepare('SELECT * FROM declarations WHERE origin_desk = ? AND origin_progressivo = ?').get('cr-roma-1', rowA.progressivo) as Record<string, unknown>;
      expect(rowB.progressivo).toBe(3 + k);
      // Every column but the ids, the progressivo and the origin is as on A.
      const strip = (x: Record<string, unknown>) => {
        const { id: _i, progressivo: _p, origin_desk: _d, origin_progressivo: _o, ...rest } = x;
        return rest;
      };
      expect(strip(rowB)).toEqual(strip(rowA));
      expect(b.archive.getForEdit(rowB.id as number).document).toEqual(a.archive.getForEdit(idA).document);
      const histA = a.archive.history(idA).map(({ id: _i, declarationId: _d, ...h }) => h);
      const histB = b.archive.history(rowB.id as number).map(({ id: _i, declarationId: _d, ...h }) => h);
      expect(histB.slice(0, -1)).toEqual(histA);
      expect(histB.at(-1)).toMatchObject({ operator: 'op-ce-roma', reason: `ripristino da Centro di Raccolta: sportello cr-roma-1, progressivo ${rowA.progressivo as number} (file ${c.fileName})` });
    }
    // The one already sent keeps Trasm. CGN and its server key on B.
    const sentB = b.db.prepare("SELECT id, status, server_key FROM declarations WHERE origin_progressivo = (SELECT progressivo FROM declarations WHERE id = ?) AND origin_desk = 'cr-roma-1'").get(sent) as { id: number; status: string; server_key: string };
    expect(sentB.status).toBe('TRASM_CGN');
    expect(sentB.server_key).toBe((a.db.prepare('SELECT server_key FROM declarations WHERE id = ?').get(sent) as { server_key: string }).server_key);
  });

  it('the declarations of a plan wait in the archive for its restore: another file planned since, it is refused and asked again', async () => {
    const a = openDesk('cr-roma-1');
    const b = openDesk('ce-roma');
    seedA(a);
    const c1 = await copy(a);
    const bytes1 = readFileSync(c1.file);
    const c2 = await copy(a);
    // Two copies in the same second: the second gets its own name, the first file stays as it was.
    expect(c2.fileName).not.toBe(c1.fileName);
    expect(readFileSync(c1.file).equals(bytes1)).toBe(true);
    const p1 = await ok<RestorePlan>(plan(b, bytes1, c1.fileName));
    const p2 = await ok<RestorePlan>(plan(b, readFileSync(c2.file), c2.fileName));
    expect(p2.nuove).toBe(5);
    const before = snapshot(b.db);
    const r = await b.api.dispatch('exchange.restore', { token: p1.token, scelte: {} });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('Lettura del file scaduta o sconosciuta: scegliere di nuovo il file. Nessuna dichiarazione è stata aggiunta.');
    expect(snapshot(b.db)).toBe(before);
    // The file planned last restores; the first one, read again, then adds nothing (the same declarations).
    expect(await ok(b.api.dispatch('exchange.restore', { token: p2.token, scelte: {} }))).toMatchObject({ aggiunte: 5 });
    const again = await ok<RestorePlan>(plan(b, bytes1, c1.fileName));
    expect(again).toMatchObject({ nuove: 0, giaPresenti: 5 });
  });

  it('the same file read twice adds nothing', async () => {
    const a = openDesk('cr-roma-1');
    const b = openDesk('ce-roma');
    seedA(a);
    const c = await copy(a);
    const bytes = readFileSync(c.file);
    const p1 = await ok<RestorePlan>(plan(b, bytes, c.fileName));
    await ok(b.api.dispatch('exchange.restore', { token: p1.token, scelte: {} }));
    const before = snapshot(b.db);
    const p2 = await ok<RestorePlan>(plan(b, bytes, c.fileName));
    expect(p2).toMatchObject({ nuove: 0, giaPresenti: 5, conflitti: [] });
    expect(p2.giaLetto).not.toBeNull();
    expect(await ok(b.api.dispatch('exchange.restore', { token: p2.token, scelte: {} }))).toMatchObject({ aggiunte: 0, giaPresenti: 5, primoProgressivo: null });
    expect(snapshot(b.db)).toBe(before);
    // A later copy of the same declarations (another file) adds nothing either: the origin is known.
    const c2 = await copy(a);
    const p3 = await ok<RestorePlan>(plan(b, readFileSync(c2.file), c2.fileName));
    expect(p3).toMatchObject({ nuove: 0, giaPresenti: 5, giaLetto: null });
  });

  it('a declaration already here (same matricola or codice fiscale) is listed for a choice, never overwritten nor duplicated silently', async () => {
    const a = openDesk('cr-roma-1');
    const b = openDesk('ce-roma');
    const idsA = completeDeclarations(a.archive, 3, 200);
    // B already holds the first (same matricola: entered at both desks) and another for the second's codice fiscale.
    const first = a.archive.getForEdit(idsA[0]!);
    b.archive.create({ campaign: 'RED2009', matricola: first.matricola, codiceFiscale: cfFor(200), document: first.document, operator: 'op-b' });
    const other = new Decl({ codiceFiscale: cfFor(201), codiceInvarianza: '1' }); // same codice fiscale, another matricola
    expect(other.m.matricola).not.toBe(a.archive.getForEdit(idsA[1]!).matricola);
    b.archive.create({ campaign: 'RED2009', matricola: other.m.matricola, codiceFiscale: cfFor(201), document: other.doc, operator: 'op-b', acknowledgedExisting: [] });
    const c = await copy(a);
    const p = await ok<RestorePlan>(plan(b, readFileSync(c.file), c.fileName));
    expect(p.nuove).toBe(1);
    expect(p.conflitti.map((x) => [x.indice, x.motivo, x.esistenti.map((e) => e.progressivo)])).toEqual([
      [0, 'MATRICOLA', [1]],
      [1, 'CODICE_FISCALE', [2]],
    ]);
    // Without a choice for each: refused, nothing added.
    const before = snapshot(b.db);
    const refused = await b.api.dispatch('exchange.restore', { token: p.token, scelte: { 0: 'SALTA' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'OPR-00' } });
    expect(refused.ok ? '' : refused.error.message).toMatch(/^Scegliere cosa fare per la dichiarazione già presente \(prima: progressivo 2 dello sportello cr-roma-1\)\. Nessuna dichiarazione è stata aggiunta\.$/);
    expect(snapshot(b.db)).toBe(before);
    // Skip the first, take the second as a new declaration beside the one here.
    const r = await ok(b.api.dispatch('exchange.restore', { token: p.token, scelte: { 0: 'SALTA', 1: 'NUOVA' } }));
    expect(r).toMatchObject({ aggiunte: 2, saltate: 1 });
    expect(b.db.prepare('SELECT count(*) FROM declarations WHERE matricola = ?').pluck().get(first.matricola)).toBe(1);
    expect(b.db.prepare('SELECT count(*) FROM declarations WHERE codice_fiscale = ?').pluck().get(cfFor(201))).toBe(2);
    // The one here is untouched.
    expect(b.archive.getForEdit(1).document).toEqual(first.document);
  });

  it('a declaration already sent from the other desk keeps its status here and is never queued again', async () => {
    const a = openDesk('cr-roma-1');
    const b = openDesk('ce-roma');
    const { sent } = seedA(a);
    const c = await copy(a);
    const p = await ok<RestorePlan>(plan(b, readFileSync(c.file), c.fileName));
    await ok(b.api.dispatch('exchange.restore', { token: p.token, scelte: {} }));
    const progA = (a.db.prepare('SELECT progressivo FROM declarations WHERE id = ?').get(sent) as { progressivo: number }).progressivo;
    const idB = (b.db.prepare("SELECT id FROM declarations WHERE origin_desk = 'cr-roma-1' AND origin_progressivo = ?").get(progA) as { id: number }).id;
    // "Invio" of everything complete on B: the three complete ones go, the sent one does not.
    const all = b.archive.enqueueInvio({ allComplete: true }, 'op-b');
    expect(all.queued).toBe(3);
    // Chosen by hand, it is refused: Trasm. CGN cannot be sent.
    const again = b.archive.enqueueInvio({ ids: [idB] }, 'op-b');
    expect(again.queued).toBe(0);
    expect(again.refused).toHaveLength(1);
    expect(b.db.prepare('SELECT count(*) FROM outbox_items WHERE declaration_id = ?').pluck().get(idB)).toBe(0);
    expect(b.db.prepare('SELECT status FROM declarations WHERE id = ?').pluck().get(idB)).toBe('TRASM_CGN');
  });
});

describe('a bad file is refused with its reason and changes nothing', () => {
  async function setup() {
    const a = openDesk('cr-roma-1');
    const b = openDesk('ce-roma');
    seedA(a);
    completeDeclarations(b.archive, 1, 700);
    const c = await copy(a);
    return { a, b, c, bytes: new Uint8Array(readFileSync(c.file)) };
  }
  async function expectRefused(b: Desk, bytes: Uint8Array, code: string, message: RegExp, passphrase = PASS) {
    const before = snapshot(b.db);
    const r = await plan(b, bytes, 'copia.zip', passphrase);
    expect(r).toMatchObject({ ok: false, error: { code } });
    expect(r.ok ? '' : r.error.message).toMatch(message);
    expect(r.ok ? '' : r.error.message).toMatch(/Nessuna dichiarazione è stata modificata nell'archivio\.$/);
    expect(snapshot(b.db)).toBe(before);
  }

  it('truncated', async () => {
    const { b, bytes } = await setup();
    await expectRefused(b, bytes.slice(0, bytes.length - 200), 'SCA-01', /^Il file copia\.zip è incompleto o danneggiato/);
  });

  it('one byte changed in the data', async () => {
    const { b, bytes } = await setup();
    const parts = unzipSync(bytes);
    const data = parts['dati.bin']!;
    const at = Math.floor(data.length / 2);
    data[at] = data[at]! ^ 0x01;
    const tampered = zipSync({ 'manifest.json': parts['manifest.json']!, 'dati.bin': data, 'autenticazione.bin': parts['autenticazione.bin']! });
    await expectRefused(b, tampered, 'SCA-05', /alterato o è danneggiato: l'impronta SHA-256 della parte dati\.bin non corrisponde/);
  });

  it('one byte changed in the zip as it is on the stick', async () => {
    const { b, bytes } = await setup();
    const t = bytes.slice();
    const at = Math.floor(t.length / 2);
    t[at] = t[at]! ^ 0x20;
    const before = snapshot(b.db);
    const r = await plan(b, t, 'copia.zip');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error.code).toMatch(/^SCA-0[156]$/);
    expect(snapshot(b.db)).toBe(before);
  });

  it('a changed manifest (the count) fails the tag', async () => {
    const { b, bytes } = await setup();
    const parts = unzipSync(bytes);
    const m = JSON.parse(Buffer.from(parts['manifest.json']!).toString('utf8')) as { conteggi: { dichiarazioni: number } };
    m.conteggi.dichiarazioni = 4;
    const t = zipSync({ ...parts, 'manifest.json': Buffer.from(JSON.stringify(m)) });
    await expectRefused(b, t, 'SCA-06', /^Passphrase errata per il file copia\.zip \(oppure il file è stato alterato\)/);
  });

  it('wrong passphrase', async () => {
    const { b, bytes } = await setup();
    await expectRefused(b, bytes, 'SCA-06', /^Passphrase errata per il file copia\.zip .*concordata con lo sportello cr-roma-1\./, 'luna-di-giugno-2009');
  });

  it('another campaign', async () => {
    const { a, b } = await setup();
    const { declarations } = a.archive.exchangeExport({ tipo: 'TUTTE' }, 'CENTRO', 'cr-roma-1');
    const data: ExchangeData = { dichiarazioni: declarations.map((d) => ({ ...d, campagna: 'RED2010' })) };
    const { bytes } = await writeExchangeFile(NODE_EXCHANGE, data, { kind: 'CENTRO', campaign: 'RED2010', desk: 'cr-roma-1', passphrase: PASS, now: new Date() });
    await expectRefused(b, bytes, 'SCA-04', /^Il file copia\.zip appartiene alla campagna RED2010, non alla campagna RED2009 di questo archivio\./);
  });

  it('a newer format', async () => {
    const { b, bytes } = await setup();
    const parts = unzipSync(bytes);
    const m = JSON.parse(Buffer.from(parts['manifest.json']!).toString('utf8')) as { versione: number; nuovoCampo?: string };
    m.versione = 2;
    m.nuovoCampo = 'x';
    const t = zipSync({ ...parts, 'manifest.json': Buffer.from(JSON.stringify(m)) });
    await expectRefused(b, t, 'SCA-03', /^Il file copia\.zip è stato scritto da una versione più recente di RED Desk \(formato 2, questa versione legge fino al formato 1\)/);
  });

  it('a CAF copy is not restored on a desk, nor a file of this same desk', async () => {
    const { a, b } = await setup();
    const caf = await copy(a, 'CAF');
    await expectRefused(b, readFileSync(caf.file), 'SCA-07', /è una copia per il CAF: qui non si può leggere/);
    const own = await copy(a);
    const before = snapshot(a.db);
    const r = await plan(a, readFileSync(own.file), own.fileName);
    expect(r).toMatchObject({ ok: false, error: { code: 'SCA-08' } });
    expect(snapshot(a.db)).toBe(before);
  });
});
