/**
 * The archive worker dies under the desk (simulated: the thread is terminated from outside, as a crash in
 * native code or the out-of-memory killer of a worker would end it). Calls it was serving fail at once with
 * a clear Italian error, a new worker is started on the same file, calls made meanwhile wait for it and are
 * answered, the window is told (archive.health), and too many deaths give the archive up instead of looping.
 * No call is left waiting. The real bundled worker and real SQLite files throughout.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ArchiveClient } from '#main/archive/client';
import { startCore, type Core } from '#main/services/core';
import type { ArchiveHealth, EventName } from '#shared/api/contract';
import type { ImportedDeclaration } from '#main/archive/archive';
import { makeCf, makeMatricola } from '../helpers/matricole';

const WORKER = resolve(__dirname, '..', '..', 'dist', 'main', 'archive-worker.cjs');
const dirs: string[] = [];
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmp(): string {
  if (!existsSync(WORKER)) throw new Error(`Manca ${WORKER}: eseguire prima «node scripts/build.mjs».`);
  const d = mkdtempSync(join(tmpdir(), 'red-worker-crash-'));
  dirs.push(d);
  return d;
}

/** A promise that fails the test instead of hanging it. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`${what}: nessuna risposta in ${ms} ms`)), ms))]);
}

async function openClient(options: { maxRestarts?: number } = {}) {
  const health: ArchiveHealth[] = [];
  let told: (h: ArchiveHealth) => void = () => {};
  const client = await ArchiveClient.open(join(tmp(), 'archivio-red.sqlite'), {
    workerPath: WORKER,
    ...options,
    onHealth: (h) => {
      health.push(h);
      told(h);
    },
  });
  open.push(client);
  const nextHealth = () => new Promise<ArchiveHealth>((r) => (told = r));
  return { client, health, nextHealth };
}

const matricola = (i: number) => makeMatricola(makeCf('RSS', 'MRA', String(30 + i), 'A', '01', 'H501'));
const MONTHS = 'ABCDEHLMPRST';
/** Distinct declarations (codice fiscale from the index), as an import from another desk would bring. */
const DECLS: ImportedDeclaration[] = Array.from({ length: 30_002 }, (_, i) => {
  const cf = makeCf('BNC', 'LRA', String(20 + (i % 70)).padStart(2, '0'), MONTHS[(i >> 2) % 12]!, String(1 + (i % 28)).padStart(2, '0'), `H${String(Math.floor(i / 70) % 1000).padStart(3, '0')}`);
  return { campaign: 'RED2009', tipo: 'N', status: 'COMPLETA', matricola: makeMatricola(cf), codiceFiscale: cf, cognome: 'BIANCHI', nome: 'LAURA', anni: [2008] };
});

describe('archive worker dies', () => {
  it('calls in flight fail with ARC-08 at once; the worker restarts, calls made meanwhile are answered, the window is told', async () => {
    const { client, health, nextHealth } = await openClient();
    expect(await client.call('importDeclarations', [DECLS[0]!], 'op')).toMatchObject({ inserted: 1 });

    // A long write (30,000 declarations in one transaction) and a read queued behind it, then the death.
    const writing = client.call('importDeclarations', DECLS.slice(2), 'op');
    const reading = client.call('countDeclarations');
    const restarted = nextHealth();
    await client.simulateCrash();
    for (const p of [writing, reading]) {
      const e = await within(p.then(() => null, (x: unknown) => x), 5_000, 'chiamata in corso');
      expect(e).toMatchObject({ code: 'ARC-08', message: expect.stringMatching(/^L'archivio si è interrotto durante l'operazione \(uscita 1\): l'operazione potrebbe non essere stata registrata/) });
    }
    // Made while the new worker starts: waits for it, then answered.
    const meanwhile = client.call('countDeclarations');
    const h = await within(restarted, 10_000, 'riavvio');
    expect(h).toMatchObject({ state: 'RIAVVIATO', message: expect.stringContaining('è stato riavviato') });
    expect(Number.isNaN(Date.parse(h.at))).toBe(false);
    // The acknowledged declaration is there; the interrupted import left nothing (one transaction).
    expect(await within(meanwhile, 5_000, 'chiamata durante il riavvio')).toBe(1);
    expect(await client.call('countDeclarations')).toBe(1);
    expect((await client.call('findByCodiceFiscale', DECLS[0]!.codiceFiscale, 5)).rows.map((d) => d.matricola)).toEqual([DECLS[0]!.matricola]);
    // And writes work again.
    await client.call('importDeclarations', [DECLS[1]!], 'op');
    expect(await client.call('countDeclarations')).toBe(2);
    expect(health.map((x) => x.state)).toEqual(['RIAVVIATO']);
  });

  it('too many deaths in a short time: given up (ARC-09, told once), every call refused at once, close does not hang', async () => {
    const { client, health, nextHealth } = await openClient({ maxRestarts: 1 });
    let told = nextHealth();
    await client.simulateCrash();
    expect(await within(told, 10_000, 'primo riavvio')).toMatchObject({ state: 'RIAVVIATO' });
    expect(await client.call('countDeclarations')).toBe(0);
    told = nextHealth();
    const inFlight = client.call('countDeclarations').then(() => 'risposta', (e: unknown) => e);
    await client.simulateCrash();
    const h = await within(told, 10_000, 'abbandono');
    expect(h).toMatchObject({ state: 'NON_DISPONIBILE', message: expect.stringMatching(/^L'archivio non è più disponibile .*Chiudere e riavviare RED Desk\.$/) });
    const r = await within(inFlight, 5_000, 'chiamata in corso');
    if (r !== 'risposta') expect(r).toMatchObject({ code: 'ARC-08' }); // answered just before the death, or interrupted
    await expect(within(client.call('countDeclarations'), 1_000, 'chiamata dopo l’abbandono')).rejects.toMatchObject({ code: 'ARC-09' });
    expect(health.map((x) => x.state)).toEqual(['RIAVVIATO', 'NON_DISPONIBILE']);
    await within(client.close(), 5_000, 'chiusura');
  });

  it('through the core: the services answer again and archive.health reaches the transports', async () => {
    const dataDir = tmp();
    const core: Core = await startCore({ dataDir, workerPath: WORKER });
    open.push(core);
    const events: { name: EventName; payload: unknown }[] = [];
    const restarted = new Promise<void>((r) =>
      core.onEvent((name, payload) => {
        events.push({ name, payload });
        if (name === 'archive.health') r();
      }),
    );
    expect((await core.registry.dispatch('declarations.create', { matricola: matricola(3) })).ok).toBe(true);
    await core.archive.simulateCrash();
    await within(restarted, 10_000, 'archive.health');
    expect(events.find((e) => e.name === 'archive.health')?.payload).toMatchObject({ state: 'RIAVVIATO' });
    const list = await core.registry.dispatch('monitor.list', { tab: 'DA_SPEDIRE', offset: 0, limit: 10 });
    expect(list).toMatchObject({ ok: true, result: { total: 1 } });
  });
});
