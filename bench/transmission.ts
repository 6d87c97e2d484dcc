/**
 * "Invio" of 10,000 declarations from a desk to a local central server, end to end (issue 4, Performance):
 * an archive of 10,000 complete declarations opened through the real ArchiveClient worker, the real server
 * process on SQLite (dist/server/server.cjs, CAF checks on: anagrafe holding every codice fiscale), and the
 * desk's own path — `transmission.send {allComplete}` through the services registry, then the SyncService
 * pushing the outbox files. Timed from the call until every file is delivered and applied (all Tras.CGN,
 * outbox empty), on a copy of the seeded archive and a fresh server. Baseline in the same run (issue 14): the
 * server's own ingest of the very same request bodies (captured on the wire), POSTed one after the other to a fresh
 * server process with no desk at all, measured right after each Invio (PAIRS back-to-back pairs: the machine's
 * speed drifts by a third between minutes here, so a baseline taken minutes apart says more about the machine than
 * about the desk). The ratio is the share of the server's own speed that the desk's Invio achieves, the median of
 * the pairs'. Measured twice: on a desk just started (the archive worker's code not yet compiled by V8: about a
 * third of the desk's CPU time in that Invio), and after a "Controllo Dichiarazioni", as on a desk that has worked.
 * (It replaced a ratio to a bare node:http endpoint, which only measured loopback HTTP.) `diag:` rows split the
 * time: Invio in the archive, building the bodies, the POSTs (server ingest), applying the answers.
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ArchiveClient } from '#main/archive/client';
import { Archive } from '#main/archive/archive';
import { openArchive } from '#main/archive/open';
import type { ArchiveMethod } from '#main/archive/protocol';
import { createValidator } from '#main/archive/validator';
import { createServices } from '#main/services/services';
import { APP_VERSION } from '#main/services/core';
import { SyncService } from '#main/sync/sync-service';
import type { RedDocument } from '#shared/domain/red-document';
import { idleCapture } from './capture';
import { median } from './lib/stats';
import { syntheticDeclarations, syntheticDocument } from './lib/synthetic';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';
import { ADMIN, call, processCpuMs, startServer, type Server } from './lib/processes';

const DECLARATIONS = Number(process.env.BENCH_TRANSMISSION_DECLARATIONS ?? 10_000);
const OPERATOR = 'bench';
/** Back-to-back pairs (Invio end to end, then the server alone on the same bodies); the ratio is their median. */
const PAIRS = 5;
/** The same after a "Controllo Dichiarazioni" on the desk (its worker's code compiled, its page cache filled). */
const WARM_PAIRS = 3;

interface Pair {
  invio: InvioRun;
  alone: { ms: number; cpuMs: number | null };
  ratio: number;
}
/** Targets: ≤ 10 s end to end (issue 4); ≥ 60 % of the server's own ingest of the same bodies (issue 14). */
const E2E_TARGET = { maxValue: 10 };
const RATIO_TARGET = { minRatio: 0.6 };

interface Complete {
  matricola: string;
  codiceFiscale: string;
  document: RedDocument;
}

/**
 * Complete declarations from the seeded synthetic archive: the document filled as an operator would (names,
 * address, years "autocertificato" with the 730, the income rows), kept only when the desk's validator finds
 * it completable (the synthetic matricole also ask for figli or a stato civile update, which are skipped).
 */
function completeDeclarations(count: number): Complete[] {
  const validate = createValidator();
  const out: Complete[] = [];
  const seen = new Set<string>();
  for (let pool = count * 3, seed = 20090615; out.length < count; pool *= 2, seed++) {
    for (const d of syntheticDeclarations(pool, seed).declarations) {
      if (out.length >= count) break;
      if (seen.has(d.codiceFiscale) || seen.has(d.matricola)) continue;
      const document = syntheticDocument(d);
      if (!document || validate(document, d.matricola).outcome !== 'COMPLETABILE') continue;
      seen.add(d.codiceFiscale);
      seen.add(d.matricola);
      out.push({ matricola: d.matricola, codiceFiscale: d.codiceFiscale, document });
    }
  }
  return out;
}

/** The archive as "Nuovo" → save → "Rendi completa" leaves it, built in-thread in one outer transaction. */
function seedArchive(file: string, decls: readonly Complete[]): void {
  const { db } = openArchive(file);
  try {
    const a = new Archive(db, () => new Date(), createValidator());
    db.transaction(() => {
      for (const d of decls) {
        const c = a.create({ campaign: 'RED2009', matricola: d.matricola, codiceFiscale: d.codiceFiscale, document: d.document, operator: OPERATOR });
        const saved = a.saveDocument(c.id, 1, d.document, OPERATOR);
        a.makeComplete(c.id, saved.version, OPERATOR);
      }
    })();
  } finally {
    db.close();
  }
}


/** A server ready for a desk: the anagrafe loaded (every codice fiscale known), a desk's credentials. */
async function prepareServer(server: Server, decls: readonly Complete[], deskId: string): Promise<string> {
  const admin = `Bearer ${ADMIN}`;
  await call(`${server.url}/v1/admin/anagrafe`, admin, 'PUT', { replace: true, entries: decls.map((d) => ({ codiceFiscale: d.codiceFiscale })) });
  const creds = await call<{ deskId: string; secret: string }>(`${server.url}/v1/admin/desks`, admin, 'POST', { deskId, name: `Bench ${deskId}` });
  return `${creds.deskId}.${creds.secret}`;
}

/** Where the time goes, per archive method and per endpoint (sum of ms, count). */
class Profile {
  readonly archive = new Map<string, { ms: number; n: number }>();
  readonly http = new Map<string, { ms: number; n: number }>();
  add(map: Map<string, { ms: number; n: number }>, key: string, ms: number): void {
    const e = map.get(key) ?? { ms: 0, n: 0 };
    e.ms += ms;
    e.n++;
    map.set(key, e);
  }
  ms(map: Map<string, { ms: number; n: number }>, key: string): number {
    return map.get(key)?.ms ?? 0;
  }
}

/** POSTs the bodies one after the other (as the desk sends its files); returns the elapsed ms. */
async function postAll(url: string, auth: string | null, bodies: readonly string[], check: (status: number, text: string) => void): Promise<number> {
  const t0 = performance.now();
  for (const body of bodies) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...(auth ? { authorization: auth } : {}) }, body });
    check(res.status, await res.text());
  }
  return performance.now() - t0;
}

async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: oltre ${ms / 1000} s`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

interface InvioRun {
  e2eMs: number;
  sendMs: number;
  syncMs: number;
  files: number;
  bodies: string[];
  profile: Profile;
  /** CPU time used during the Invio (to the last delivery) by the desk (every thread) and by the server. */
  deskCpuMs: number;
  serverCpuMs: number | null;
}

/** One Invio of all the complete, end to end, on a copy of the seeded archive and a fresh server process. */
async function oneInvio(ctx: BenchContext, template: string, decls: readonly Complete[], n: number, warm = false): Promise<InvioRun> {
  const file = join(ctx.tmpDir, `transmission-desk-${n}.sqlite`);
  copyFileSync(template, file);
  let t0 = 0;
  const server = await startServer(ctx, { RED_DESK_SERVER_DATA_DIR: mkdtempSync(join(ctx.tmpDir, `transmission-server-${n}-`)) });
  const archive = await ArchiveClient.open(file, { workerPath: join(ctx.distMain, 'archive-worker.cjs'), backupDir: join(ctx.tmpDir, `transmission-backup-${n}`) });
  const profile = new Profile();
  const bodies: string[] = [];
  let e2eMs = 0;
  let syncMs = 0;
  let sendMs = 0;
  let files = 0;
  let deskCpuMs = 0;
  let serverCpuMs: number | null = null;
  try {
    const credentials = await prepareServer(server, decls, 'sportello-bench');
    // The archive as the SyncService and the services see it, and the fetch, timed: each worker call and each
    // request, and the bodies on the wire. (The Invio asks for the bodies of the files it freezes and hands them to
    // the sync, so both go through the timed archive.)
    const timedCall = async (method: ArchiveMethod, ...args: unknown[]) => {
      const s = performance.now();
      try {
        return await (archive.call as (m: ArchiveMethod, ...a: unknown[]) => Promise<unknown>)(method, ...args);
      } finally {
        profile.add(profile.archive, method, performance.now() - s);
      }
    };
    const timedArchive = new Proxy(archive, {
      get(target, prop) {
        if (prop === 'call') return timedCall;
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const timedFetch: typeof fetch = async (input, init) => {
      const s = performance.now();
      const path = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).pathname;
      if (path === '/v1/transmissions' && typeof init?.body === 'string') bodies.push(init.body);
      const res = await fetch(input, init);
      const text = await res.text();
      profile.add(profile.http, path, performance.now() - s);
      return new Response(text, { status: res.status, headers: res.headers });
    };
    let delivered = 0;
    let allDelivered: () => void = () => {};
    const done = new Promise<void>((r) => (allDelivered = r));
    let syncEnded: () => void = () => {};
    const ended = new Promise<void>((r) => (syncEnded = r));
    const sync = new SyncService({
      archive: timedArchive,
      operator: OPERATOR,
      env: { RED_DESK_SERVER_URL: server.url, RED_DESK_SERVER_CREDENTIALS: credentials },
      fetch: timedFetch,
      onState: (s) => {
        if (!s.running && s.lastSyncAt !== null && s.outboxFiles === 0) syncEnded();
      },
      onChanged: (ids) => {
        // outboxDelivered reports the ids it moved to Tras.CGN: the clock stops when all of them are.
        delivered += ids.length;
        if (delivered >= decls.length) allDelivered();
      },
    });
    const registry = createServices({ archive: timedArchive, sync, capture: idleCapture(archive), dataDir: ctx.tmpDir, operator: OPERATOR, version: APP_VERSION, emit: () => {} });

    if (warm) {
      // The desk as after some work: "Controllo Dichiarazioni" over the whole archive (it reads and validates every
      // declaration, as the Invio does), outside the clock.
      const w = await registry.dispatch('utility.check', {});
      if (!w.ok) throw new Error(`Controllo: ${w.error.message}`);
    }
    const cpu0 = process.cpuUsage();
    const serverCpu0 = processCpuMs(server.proc);
    t0 = performance.now();
    const reply = await registry.dispatch('transmission.send', { allComplete: true });
    sendMs = performance.now() - t0;
    if (!reply.ok) throw new Error(`transmission.send: ${reply.error.message}`);
    const sent = reply.result as { queued: number; files: number };
    if (sent.queued !== decls.length) throw new Error(`Invio: ${sent.queued} in coda su ${decls.length}`);
    files = sent.files;
    await within(done, 120_000, 'consegna di tutti i file');
    e2eMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    deskCpuMs = (cpu.user + cpu.system) / 1000;
    const serverCpu1 = processCpuMs(server.proc);
    serverCpuMs = serverCpu0 !== null && serverCpu1 !== null ? serverCpu1 - serverCpu0 : null;
    await within(ended, 60_000, 'fine della sincronizzazione');
    syncMs = performance.now() - t0;
    await sync.stop();
  } finally {
    await archive.close();
    await server.stop();
  }

  // Checked outside the clock: all Tras.CGN, outbox empty, and the bodies are the files the desk froze.
  const check = new Database(file, { readonly: true });
  try {
    const statuses = check.prepare('SELECT status, count(*) AS n FROM declarations GROUP BY status').all() as { status: string; n: number }[];
    if (statuses.length !== 1 || statuses[0]?.status !== 'TRASM_CGN' || statuses[0].n !== decls.length) throw new Error(`stati dopo l'invio: ${JSON.stringify(statuses)}`);
    const pending = check.prepare(`SELECT count(*) FROM outbox_files WHERE state <> 'CONSEGNATA'`).pluck().get() as number;
    if (pending !== 0 || bodies.length !== files) throw new Error(`outbox: ${pending} file in attesa, ${bodies.length} corpi inviati per ${files} file`);
  } finally {
    check.close();
  }
  return { e2eMs, sendMs, syncMs, files, bodies, profile, deskCpuMs, serverCpuMs };
}

/** The server's own ingest of `bodies`: POSTed one after the other to a fresh server process with no desk. */
async function aloneIngest(ctx: BenchContext, decls: readonly Complete[], bodies: readonly string[], n: number): Promise<{ ms: number; cpuMs: number | null }> {
  const alone = await startServer(ctx, { RED_DESK_SERVER_DATA_DIR: mkdtempSync(join(ctx.tmpDir, `transmission-server-alone-${n}-`)) });
  try {
    const auth = await prepareServer(alone, decls, 'sportello-bench');
    const cpu0 = processCpuMs(alone.proc);
    const ms = await postAll(`${alone.url}/v1/transmissions`, `Bearer ${auth}`, bodies, (status, text) => {
      if (status !== 200 || text.includes('"refused"')) throw new Error(`server da solo: HTTP ${status} ${text.slice(0, 200)}`);
    });
    const cpu1 = processCpuMs(alone.proc);
    return { ms, cpuMs: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null };
  } finally {
    await alone.stop();
  }
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const t0 = performance.now();
  const decls = completeDeclarations(DECLARATIONS);
  const template = join(ctx.tmpDir, 'transmission-desk.sqlite');
  seedArchive(template, decls);
  ctx.log(`archivio con ${decls.length} dichiarazioni complete in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // PAIRS pairs, each measured back to back so that both halves see the same machine: the Invio end to end (its own
  // copy of the archive, a fresh server), then the server alone ingesting the very bodies that Invio sent (another
  // fresh server). The ratio is the median of the pairs' ratios; its pair gives the throughput row and the diagnostics.
  const measurePairs = async (count: number, warm: boolean, from: number) => {
    const pairs: Pair[] = [];
    for (let i = 0; i < count; i++) {
      const invio = await oneInvio(ctx, template, decls, from + i, warm);
      const alone = await aloneIngest(ctx, decls, invio.bodies, from + i);
      pairs.push({ invio, alone, ratio: alone.ms / invio.e2eMs });
    }
    const byRatio = [...pairs].sort((x, y) => x.ratio - y.ratio);
    return { pairs, mid: byRatio[Math.floor(byRatio.length / 2)] as Pair };
  };
  const cold = await measurePairs(PAIRS, false, 0);
  const warm = await measurePairs(WARM_PAIRS, true, PAIRS);
  const { pairs, mid } = cold;
  const { e2eMs, sendMs, syncMs, files, bodies, profile, deskCpuMs, serverCpuMs } = mid.invio;
  const aloneMs = mid.alone.ms;
  const bytes = bodies.reduce((s, b) => s + Buffer.byteLength(b), 0);

  const rate = (ms: number) => decls.length / (ms / 1000);
  const posts = profile.http.get('/v1/transmissions');
  const deliveredMs = profile.ms(profile.archive, 'outboxDelivered');
  const bodyMs = profile.ms(profile.archive, 'outboxBody');
  const postMs = posts?.ms ?? 0;
  const otherMs = e2eMs - (sendMs + bodyMs + postMs + deliveredMs);
  const describe = (ps: Pair[]) => ps.map((p) => `${(p.invio.e2eMs / 1000).toFixed(2)}/${(p.alone.ms / 1000).toFixed(2)} s (${p.ratio.toFixed(2)})`).join(', ');
  ctx.log(`${decls.length} dichiarazioni in ${files} file (${(bytes / 1024 / 1024).toFixed(1)} MiB), coppie fine a fine / server da solo: ${describe(pairs)}`);
  ctx.log(`dopo un Controllo Dichiarazioni: ${describe(warm.pairs)}`);
  return [
    row(`Invio of ${decls.length.toLocaleString('en-US')} declarations desk → local server, end to end (median of ${PAIRS})`, median(pairs.map((p) => p.invio.e2eMs)) / 1000, 's', null, E2E_TARGET),
    row(`Invio throughput end to end, the desk just started (raw = the server's own ingest of the same ${files} bodies, no desk; median of ${PAIRS} back-to-back pairs)`, rate(e2eMs), 'decl/s', rate(aloneMs), RATIO_TARGET),
    row(
      `Invio throughput end to end after a Controllo Dichiarazioni (the desk as after some work; median of ${WARM_PAIRS} pairs)`,
      rate(warm.mid.invio.e2eMs),
      'decl/s',
      rate(warm.mid.alone.ms),
      RATIO_TARGET,
    ),
    row(`  diag: CPU time of the desk during the Invio after a Controllo, every thread (ms)`, warm.mid.invio.deskCpuMs, 'ms', null),
    row(`  diag: transmission.send (enqueueInvio: validation, ${files} files frozen, Attesa + history)`, sendMs, 'ms', null),
    row(`  diag: outboxBody ×${files} (worker → main thread, ${(bytes / 1024 / 1024).toFixed(1)} MiB)`, bodyMs, 'ms', null),
    row(`  diag: POST /v1/transmissions ×${posts?.n ?? 0} during the Invio (raw = the same POSTs, server alone)`, postMs, 'ms', aloneMs),
    row(`  diag: outboxDelivered ×${profile.archive.get('outboxDelivered')?.n ?? 0} (the answers to ${files} files, those waiting applied together: Tras.CGN + history)`, deliveredMs, 'ms', null),
    row(`  diag: end to end − the rows above (< 0: answers applied while the next file was on the wire)`, otherMs, 'ms', null),
    row(`  diag: CPU time of the desk during the Invio, every thread (ms)`, deskCpuMs, 'ms', null),
    ...(serverCpuMs !== null && mid.alone.cpuMs !== null
      ? [
          row(`  diag: CPU time of the server during the Invio (raw = the server alone, same bodies)`, serverCpuMs, 'ms', mid.alone.cpuMs),
          row(`  diag: cores busy during the Invio, desk + server (the machine has ${availableParallelism()})`, (deskCpuMs + serverCpuMs) / e2eMs, 'cores', null),
        ]
      : []),
    row(`  diag: then the feed (GET /v1/changes ×${profile.http.get('/v1/changes')?.n ?? 0} + applyChanges, after delivery)`, syncMs - e2eMs, 'ms', null),
  ];
}

export const transmissionBench: BenchModule = { name: 'transmission', run };
