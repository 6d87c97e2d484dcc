/**
 * Encryption at rest (issue 13 point 3): the same archive, encrypted (SQLCipher 4 through SQLite3 Multiple Ciphers,
 * raw 256-bit key) and plain, in the same run, through the archive worker as the desk uses it: bulk insert, open +
 * first page of «Da spedire» (with the tab counts), the monitor's search (p95), a whole Controllo (checkCount + checkBatch to the end), and a
 * backup. The ratio column is encrypted / plain; the target for insert and search is ≤ 1.3×.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ArchiveClient } from '#main/archive/client';
import { syntheticDeclarations } from './lib/synthetic';
import { percentile } from './lib/stats';
import { Prng } from '#shared/util/prng';
import { tabOf } from '#shared/status/statuses';
import { normaliseSearch, type MonitorQuery } from '#main/archive/archive';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const DECLARATIONS = Number(process.env.BENCH_DECLARATIONS ?? 100_000);
const BATCH = 5_000;
const CHECK_BATCH = 5_000; // as utility.check (src-main/services/services.ts)
const OPENS = 3;
const SEARCHES = Number(process.env.BENCH_QUERIES ?? 200);
const RATIO = { maxRatio: 1.3 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Figures {
  insertMs: number;
  searchP95Ms: number;
  openFirstPageMs: number;
  controlloMs: number;
  backupMs: number;
  sizeMb: number;
}

async function measure(ctx: BenchContext, label: string, key: string | null): Promise<Figures> {
  const dir = join(ctx.tmpDir, `cipher-bench-${label}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'archivio-red.sqlite');
  const workerPath = join(ctx.distMain, 'archive-worker.cjs');
  const options = { workerPath, ...(key ? { key } : {}) };
  const { declarations } = syntheticDeclarations(DECLARATIONS);

  let client = await ArchiveClient.open(file, options);
  let t0 = performance.now();
  for (let i = 0; i < declarations.length; i += BATCH) await client.call('importDeclarations', declarations.slice(i, i + BATCH), 'bench');
  const insertMs = performance.now() - t0;
  await client.close();

  const opens: number[] = [];
  for (let i = 0; i < OPENS; i++) {
    t0 = performance.now();
    client = await ArchiveClient.open(file, options);
    const [page] = await Promise.all([client.call('monitorList', { tab: 'DA_SPEDIRE', offset: 0, limit: 50 }), client.call('monitorCounts', {})]);
    opens.push(performance.now() - t0);
    if (page.rows.length === 0) throw new Error('first page empty');
    if (i < OPENS - 1) await client.close();
  }

  // The monitor's search as the operator types it: prefixes of codici fiscali (3–8) and surnames (3–6) of
  // existing declarations, in their tab, through the worker (the same seeded queries on both archives).
  const rng = new Prng(4321);
  const queries: MonitorQuery[] = Array.from({ length: SEARCHES }, (_, i) => {
    const d = declarations[rng.int(0, declarations.length - 1)] ?? declarations[0]!;
    return i % 2 === 0
      ? { tab: tabOf(d.status), codiceFiscale: d.codiceFiscale.slice(0, rng.int(3, 8)), offset: 0, limit: 50 }
      : { tab: tabOf(d.status), cognomeNome: normaliseSearch(d.cognome.slice(0, rng.int(3, 6))), offset: 0, limit: 50 };
  });
  for (const q of queries.slice(0, 20)) await client.call('monitorList', q);
  const searchMs: number[] = [];
  for (const q of queries) {
    const s0 = performance.now();
    await client.call('monitorList', q);
    searchMs.push(performance.now() - s0);
  }

  t0 = performance.now();
  const total = await client.call('checkCount');
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const r = await client.call('checkBatch', afterId, CHECK_BATCH, 'bench');
    checked += r.checked;
    afterId = r.lastId;
    if (r.done) break;
  }
  const controlloMs = performance.now() - t0;
  if (checked !== total) throw new Error(`Controllo checked ${checked} of ${total}`);

  t0 = performance.now();
  await client.backup('run', 2);
  const backupMs = performance.now() - t0;
  await client.close();
  const sizeMb = statSync(file).size / 1e6;
  ctx.log(`${label}: ${declarations.length} declarations, ${sizeMb.toFixed(1)} MB`);
  return { insertMs, searchP95Ms: percentile(searchMs, 95), openFirstPageMs: median(opens), controlloMs, backupMs, sizeMb };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const plain = await measure(ctx, 'plain', null);
  const enc = await measure(ctx, 'encrypted', randomBytes(32).toString('hex'));
  const n = DECLARATIONS.toLocaleString('en-US');
  return [
    row(`encrypted archive: bulk insert of ${n} declarations (baseline = plain archive, same run)`, enc.insertMs / 1000, 's', plain.insertMs / 1000, RATIO),
    row(`encrypted archive: monitor search p95, CF and surname prefixes (${SEARCHES} queries; baseline = plain)`, enc.searchP95Ms, 'ms', plain.searchP95Ms, RATIO),
    row(`encrypted archive: open + first page of Da spedire with counts (median of ${OPENS}; baseline = plain)`, enc.openFirstPageMs, 'ms', plain.openFirstPageMs, RATIO),
    row(`encrypted archive: Controllo of ${n} declarations (baseline = plain)`, enc.controlloMs / 1000, 's', plain.controlloMs / 1000, RATIO),
    row(`encrypted archive: backup (VACUUM INTO + check; baseline = plain)`, enc.backupMs / 1000, 's', plain.backupMs / 1000),
    row(`  diag: archive size encrypted (baseline = plain)`, enc.sizeMb, 'MB', plain.sizeMb),
  ];
}

export const cipherBench: BenchModule = { name: 'cipher', run };
