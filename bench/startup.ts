/**
 * Start-up and memory with a large archive (issue 13 "Measure"), end to end in Debian's Chromium:
 *  - start-up to an interactive monitor: from the spawn of the browser host (dist/main/host.cjs, the archive
 *    encrypted, its key from RED_DESK_ARCHIVE_PASSPHRASE as in unattended use) to the first row of «Da spedire»
 *    on screen in a page that was already open on about:blank (the browser's own launch is not the desk's).
 *    The start includes what every start does: opening and checking the archive, the backup of the start (in its
 *    own thread), the change feed and the capture settings. Median of STARTS; baseline: the same host code on the
 *    same declarations in a plain archive (this bundle started again as a child with BENCH_STARTUP_PLAIN, which
 *    opens the core without a key — the product has no such switch).
 *  - peak RSS of the core (the host process: main thread, archive worker and backup thread) after a jump to the
 *    end of the list (End) and a search by surname: VmHWM of /proc/<pid>/status, Linux only.
 * Needs `npm run build` first (`npm run bench` does it). BENCH_DECLARATIONS shrinks the archive.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveClient } from '#main/archive/client';
import { choosePassphrase } from '#main/services/archive-key';
import { startCore } from '#main/services/core';
import { startBrowserHost } from '#main/host/server';
import { startBundle, type BundleProcess } from './lib/processes';
import { syntheticDeclarations } from './lib/synthetic';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const DECLARATIONS = Number(process.env.BENCH_DECLARATIONS ?? 100_000);
const STARTS = 3;
const BATCH = 10_000;
const PASSPHRASE = 'passphrase del banco di prova';
const TARGET_START_MS = 1_500;
const TARGET_RSS_MB = 300;
const PLAIN_ENV = 'BENCH_STARTUP_PLAIN';
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/;
// Not bundled into dist/bench/run.cjs: loaded from node_modules at run time.
const PLAYWRIGHT_CORE = 'playwright-core';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
type Playwright = typeof import('playwright-core');
type Page = import('playwright-core').Page;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** The bench bundle started again with BENCH_STARTUP_PLAIN=<data dir>: the browser host on a plain archive. */
export async function startupPlainChild(): Promise<boolean> {
  const dataDir = process.env[PLAIN_ENV];
  if (!dataDir) return false;
  const core = await startCore({ dataDir, workerPath: join(__dirname, '..', 'main', 'archive-worker.cjs') });
  const host = await startBrowserHost(core, { port: 0, rendererDir: join(__dirname, '..', 'renderer') });
  console.log(`RED Desk in ascolto su ${host.url}`);
  process.on('SIGTERM', () => {
    void host.close().then(() => core.close()).then(() => process.exit(0));
  });
  return true;
}

async function seed(ctx: BenchContext, dataDir: string, key: string | null): Promise<void> {
  const client = await ArchiveClient.open(join(dataDir, 'archivio-red.sqlite'), { workerPath: join(ctx.distMain, 'archive-worker.cjs'), ...(key ? { key } : {}) });
  const { declarations } = syntheticDeclarations(DECLARATIONS);
  for (let i = 0; i < declarations.length; i += BATCH) await client.call('importDeclarations', declarations.slice(i, i + BATCH), 'bench');
  await client.close();
}

function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m?.[1] ? Number(m[1]) / 1024 : Number.NaN;
}

interface Start {
  ms: number;
  rssMb: number;
}

/** The newest finished backup's time in the data folder, 0 if none (a copy being written has a temporary name). */
function backupsIn(dataDir: string): number {
  const dir = join(dataDir, 'backup');
  if (!existsSync(dir)) return 0;
  return Math.max(0, ...readdirSync(dir).filter((f) => f.endsWith('.sqlite')).map((f) => statSync(join(dir, f)).mtimeMs));
}

/** One start: spawn → first row of Da spedire on screen; then (first start only) End and a search, and the peak RSS. */
async function oneStart(ctx: BenchContext, page: Page, kind: 'plain' | 'encrypted', dataDir: string, withWalk: boolean): Promise<Start> {
  const backupsBefore = backupsIn(dataDir);
  const t0 = performance.now();
  let host: BundleProcess;
  if (kind === 'encrypted') {
    host = await startBundle(join(ctx.distMain, 'host.cjs'), { RED_DESK_DATA_DIR: dataDir, RED_DESK_PORT: '0', RED_DESK_OPERATOR: 'bench', RED_DESK_ARCHIVE_PASSPHRASE: PASSPHRASE }, URL_LINE);
  } else {
    host = await startBundle(process.argv[1] ?? '', { [PLAIN_ENV]: dataDir, RED_DESK_OPERATOR: 'bench' }, URL_LINE);
  }
  try {
    const listening = performance.now() - t0;
    await page.goto(host.url);
    const loaded = performance.now() - t0;
    const list = page.getByTestId('monitor-list');
    await list.getByRole('option').first().waitFor({ state: 'visible', timeout: 60_000 });
    const ms = performance.now() - t0;
    ctx.log(`${kind}: listening ${listening.toFixed(0)} ms, page loaded ${loaded.toFixed(0)} ms, first row ${ms.toFixed(0)} ms`);
    let rssMb = Number.NaN;
    if (withWalk) {
      await list.focus();
      await page.keyboard.press('End');
      // The last row selected, loaded and on screen (the list scrolled to its end).
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="monitor-list"]');
        return !!el && !!el.querySelector('[aria-selected="true"][data-progressivo]') && el.scrollTop > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
      }, null, { timeout: 60_000 });
      await page.getByLabel('Ricerca per cognome e nome').fill('ROSSI');
      await list.getByRole('option').filter({ hasText: 'ROSSI' }).first().waitFor({ timeout: 60_000 });
      // The start's backup (made 2 s after the start, in its own thread) is part of the peak: waited for.
      const until = Date.now() + 60_000;
      while (backupsIn(dataDir) <= backupsBefore && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      if (backupsIn(dataDir) <= backupsBefore) throw new Error(`${kind}: la copia di sicurezza dell'avvio non è arrivata`);
      rssMb = peakRssMb(host.proc.pid);
    }
    await page.goto('about:blank');
    return { ms, rssMb };
  } finally {
    await host.stop();
  }
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const { chromium } = (await import(PLAYWRIGHT_CORE)) as Playwright;
  const plainDir = join(ctx.tmpDir, 'startup-plain');
  const encDir = join(ctx.tmpDir, 'startup-encrypted');
  mkdirSync(plainDir, { recursive: true, mode: 0o700 });
  mkdirSync(encDir, { recursive: true, mode: 0o700 });
  await seed(ctx, plainDir, null);
  await seed(ctx, encDir, await choosePassphrase(encDir, PASSPHRASE));
  ctx.log(`startup: two archives of ${DECLARATIONS} declarations seeded`);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const starts: Record<'plain' | 'encrypted', Start[]> = { plain: [], encrypted: [] };
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 820 }, locale: 'it-IT' });
    // Alternated, so that neither kind always runs on a warmer machine.
    for (let i = 0; i < STARTS; i++) {
      for (const kind of ['plain', 'encrypted'] as const) starts[kind].push(await oneStart(ctx, page, kind, kind === 'plain' ? plainDir : encDir, i === 0));
    }
  } finally {
    await browser.close();
  }
  const n = DECLARATIONS.toLocaleString('en-US');
  const ms = (k: 'plain' | 'encrypted') => median(starts[k].map((s) => s.ms));
  ctx.log(`startup: encrypted ${starts.encrypted.map((s) => s.ms.toFixed(0)).join(', ')} ms; plain ${starts.plain.map((s) => s.ms.toFixed(0)).join(', ')} ms`);
  return [
    row(`start-up to the first page of Da spedire in Chromium, ${n} declarations, encrypted (median of ${STARTS}; baseline = plain archive)`, ms('encrypted'), 'ms', ms('plain'), { maxValue: TARGET_START_MS }),
    row(`peak RSS of the core, ${n} declarations encrypted, after End and a search (baseline = plain)`, starts.encrypted[0]?.rssMb ?? Number.NaN, 'MB', starts.plain[0]?.rssMb ?? null, { maxValue: TARGET_RSS_MB }),
  ];
}

export const startupBench: BenchModule = { name: 'startup', run };
