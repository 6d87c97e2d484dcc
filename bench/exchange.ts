/**
 * Servizi → scambio archivi (issue 13 point 1) with 10,000 declarations (BENCH_EXCHANGE_DECLARATIONS): the copy as
 * the desk makes it (the declarations read by the archive worker, JSON + deflate, scrypt, AES-256-GCM, zip, written
 * and synced) and the restore (read, scrypt, tag check, zod, plan, one transaction on a second archive), each beside
 * a plain file copy of the same bytes (copyFileSync + fsync: the floor of moving that file anywhere). Diagnostic: the
 * restore beside the bulk insert of the same declarations (importDeclarations, the archive's fastest write path).
 * Target: the issue's ≤ 20 s for 100,000 declarations, scaled to the count measured.
 */
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveClient } from '#main/archive/client';
import { NODE_EXCHANGE } from '#main/exchange/primitives';
import { openExchangeFile, writeExchangeFile } from '#shared/exchange/container';
import { syntheticDeclarations } from './lib/synthetic';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const DECLARATIONS = Number(process.env.BENCH_EXCHANGE_DECLARATIONS ?? 10_000);
const BATCH = 5_000;
const PASS = 'passphrase-del-bench-2009';
const TARGET = { maxValue: (20 * DECLARATIONS) / 100_000 };

function synced(file: string): void {
  const fd = openSync(file, 'r');
  fsyncSync(fd);
  closeSync(fd);
}

function plainCopy(from: string, to: string): number {
  const t0 = performance.now();
  copyFileSync(from, to);
  synced(to);
  const ms = performance.now() - t0;
  rmSync(to, { force: true });
  return ms;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const dir = join(ctx.tmpDir, 'exchange-bench');
  mkdirSync(dir, { recursive: true });
  const workerPath = join(ctx.distMain, 'archive-worker.cjs');
  const { declarations } = syntheticDeclarations(DECLARATIONS);
  const a = await ArchiveClient.open(join(dir, 'a', 'archivio-red.sqlite'), { workerPath, backupDir: join(dir, 'a', 'backup') });
  for (let i = 0; i < declarations.length; i += BATCH) await a.call('importDeclarations', declarations.slice(i, i + BATCH), 'bench');

  // The copy: what the service "exchange.copy" does.
  const file = join(dir, 'copia.zip');
  const t0 = performance.now();
  const exported = await a.call('exchangeExport', { tipo: 'TUTTE' }, 'CENTRO', 'cr-bench');
  const { bytes } = await writeExchangeFile(NODE_EXCHANGE, { dichiarazioni: exported.declarations }, { kind: 'CENTRO', campaign: 'RED2009', desk: 'cr-bench', passphrase: PASS, now: new Date() });
  writeFileSync(file, bytes);
  synced(file);
  const copyMs = performance.now() - t0;
  await a.close();
  ctx.log(`exchange file of ${exported.declarations.length} declarations: ${(statSync(file).size / 1e6).toFixed(2)} MB`);
  const copyRaw = plainCopy(file, join(dir, 'copia-semplice.zip'));

  // The restore on another archive: what "exchange.plan" and "exchange.restore" do.
  const b = await ArchiveClient.open(join(dir, 'b', 'archivio-red.sqlite'), { workerPath, backupDir: join(dir, 'b', 'backup') });
  const t1 = performance.now();
  const opened = await openExchangeFile(NODE_EXCHANGE, readFileSync(file), PASS, { campaign: 'RED2009', kinds: ['CENTRO'], fileName: 'copia.zip' });
  const tOpened = performance.now();
  const info = { fileId: opened.manifest.fileId, desk: opened.manifest.sportello, created: opened.manifest.creato, fileName: 'copia.zip' };
  const plan = await b.call('exchangePlan', opened, info, 'ce-bench');
  const tPlanned = performance.now();
  const restored = await b.call('exchangeRestore', null, { ...info, kind: 'CENTRO' }, {}, 'ce-bench', 'bench');
  const restoreMs = performance.now() - t1;
  if (plan.nuove !== DECLARATIONS || restored.aggiunte !== DECLARATIONS) throw new Error(`restore added ${restored.aggiunte} of ${DECLARATIONS}`);
  await b.close();
  const restoreRaw = plainCopy(file, join(dir, 'copia-semplice.zip'));

  // Diagnostic: the bulk insert of the same declarations on a fresh archive.
  const c = await ArchiveClient.open(join(dir, 'c', 'archivio-red.sqlite'), { workerPath, backupDir: join(dir, 'c', 'backup') });
  const t2 = performance.now();
  for (let i = 0; i < declarations.length; i += BATCH) await c.call('importDeclarations', declarations.slice(i, i + BATCH), 'bench');
  const bulkMs = performance.now() - t2;
  await c.close();

  const n = DECLARATIONS.toLocaleString('en-US');
  return [
    row(`copy for the Centro di Elaborazione, ${n} declarations (read + scrypt + AES-GCM + zip + fsync; raw = plain copy of the same file)`, copyMs / 1000, 's', copyRaw / 1000, TARGET),
    row(`restore from a Centro di Raccolta, ${n} declarations (open + check + plan + one transaction; raw = plain copy of the same file)`, restoreMs / 1000, 's', restoreRaw / 1000, TARGET),
    row(`  diag: restore, of which opening the file (scrypt, tag, inflate)`, (tOpened - t1) / 1000, 's', null),
    row(`  diag: restore, of which the plan (JSON to the worker, parse, zod, lookups)`, (tPlanned - tOpened) / 1000, 's', null),
    row(`  diag: restore, of which the transaction (plan again, inserts; the declarations crossed to the worker with the plan)`, (t1 + restoreMs - tPlanned) / 1000, 's', null),
    row(`  diag: restore beside bulk insert of the same ${n} declarations (raw = importDeclarations)`, restoreMs / 1000, 's', bulkMs / 1000),
  ];
}

export const exchangeBench: BenchModule = { name: 'exchange', run };
