/**
 * Copie di sicurezza (issue 13 point 2) of a 100,000-declaration archive: the backup as the desk makes it (online
 * backup API on the worker's connection, then the copy made a single file, quick_check, fsync, rename) beside a
 * plain file copy of the same archive closed (copyFileSync + fsync: what a backup cannot do on a live archive, the
 * floor of any copy); the restore (check + swap + worker restarted) beside the same plain copy; and the bounded
 * integrity check that now runs at every open.
 */
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveClient } from '#main/archive/client';
import { syntheticDeclarations } from './lib/synthetic';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const DECLARATIONS = Number(process.env.BENCH_DECLARATIONS ?? 100_000);
const BATCH = 5_000;
const RUNS = 3;
/** The target for copying and restoring 100,000 declarations. */
const COPY_TARGET = { maxValue: 20 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function plainCopy(from: string, to: string): number {
  const t0 = performance.now();
  copyFileSync(from, to);
  const fd = openSync(to, 'r');
  fsyncSync(fd);
  closeSync(fd);
  return performance.now() - t0;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = join(ctx.tmpDir, 'backup-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'archivio-red.sqlite');
  const workerPath = join(ctx.distMain, 'archive-worker.cjs');
  const { declarations } = syntheticDeclarations(DECLARATIONS);
  let client = await ArchiveClient.open(file, { workerPath });
  for (let i = 0; i < declarations.length; i += BATCH) await client.call('importDeclarations', declarations.slice(i, i + BATCH), 'bench');
  ctx.log(`archive of ${declarations.length} declarations: ${(statSync(file).size / 1e6).toFixed(1)} MB (+ WAL)`);

  const ours: number[] = [];
  const raw: number[] = [];
  let name = '';
  let size = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const b = await client.backup('run', RUNS + 1);
    ours.push(performance.now() - t0);
    name = b.name;
    size = b.size;
    if (b.declarations !== declarations.length) throw new Error(`backup holds ${b.declarations} declarations, expected ${declarations.length}`);
    // The baseline needs the archive closed (a plain copy of a live WAL database is not a backup).
    await client.close();
    raw.push(plainCopy(file, join(dir, 'copia-semplice.sqlite')));
    rmSync(join(dir, 'copia-semplice.sqlite'), { force: true });
    client = await ArchiveClient.open(file, { workerPath });
  }
  const openCheck = client.integrity;
  ctx.log(`backup ${name}: ${(size / 1e6).toFixed(1)} MB`);

  const t0 = performance.now();
  const r = await client.restore(name);
  const restoreMs = performance.now() - t0;
  if ((await client.call('countDeclarations')) !== declarations.length) throw new Error('restored archive does not hold every declaration');
  await client.close();
  const restoreRaw = plainCopy(join(dir, 'backup', name), join(dir, 'copia-semplice.sqlite'));
  rmSync(r.aside, { force: true });

  return [
    row(`backup of ${DECLARATIONS.toLocaleString('en-US')} declarations (online API + check + rename, median of ${RUNS}; raw = plain copy of the closed file)`, median(ours) / 1000, 's', median(raw) / 1000, COPY_TARGET),
    row(`restore of ${DECLARATIONS.toLocaleString('en-US')} declarations (check + swap + worker restart; raw = plain copy)`, restoreMs / 1000, 's', restoreRaw / 1000, COPY_TARGET),
    row(`  diag: integrity check at open (quick_check, ${openCheck.checked ? 'run' : 'skipped: over the size bound'})`, openCheck.ms, 'ms', null),
  ];
}

export const backupBench: BenchModule = { name: 'backup', run };
