/**
 * Encryption at rest (issue 13 point 3): the same archive, encrypted (SQLCipher 4 through SQLite3 Multiple Ciphers,
 * raw 256-bit key) and plain, in the same run, through the archive worker as the desk uses it: bulk insert, open +
 * first page of «Da spedire» (with the tab counts), a whole Controllo (checkCount + checkBatch to the end), and a
 * backup. The ratio column is encrypted / plain; the target for insert and search is ≤ 1.3×.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ArchiveClient } from '#main/archive/client';
import { syntheticDeclarations } from './lib/synthetic';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const DECLARATIONS = Number(process.env.BENCH_DECLARATIONS ?? 100_000);
const BATCH = 5_000;
const CHECK_BATCH = 5_000; // as utility.check (src-main/services/services.ts)
const OPENS = 3;
const RATIO = { maxRatio: 1.3 };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Figures {
  insertMs: number;
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
  return { insertMs, openFirstPageMs: median(opens), controlloMs, backupMs, sizeMb };
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const plain = await measure(ctx, 'plain', null);
  const enc = await measure(ctx, 'encrypted', randomBytes(32).toString('hex'));
  const n = DECLARATIONS.toLocaleString('en-US');
  return [
    row(`encrypted archive: bulk insert of ${n} declarations (baseline = plain archive, same run)`, enc.insertMs / 1000, 's', plain.insertMs / 1000, RATIO),
    row(`encrypted archive: open + first page of Da spedire with counts (median of ${OPENS}; baseline = plain)`, enc.openFirstPageMs, 'ms', plain.openFirstPageMs, RATIO),
    row(`encrypted archive: Controllo of ${n} declarations (baseline = plain)`, enc.controlloMs / 1000, 's', plain.controlloMs / 1000, RATIO),
    row(`encrypted archive: backup (VACUUM INTO + check; baseline = plain)`, enc.backupMs / 1000, 's', plain.backupMs / 1000),
    row(`  diag: archive size encrypted (baseline = plain)`, enc.sizeMb, 'MB', plain.sizeMb),
  ];
}

export const cipherBench: BenchModule = { name: 'cipher', run };
