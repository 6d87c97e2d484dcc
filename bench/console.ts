/**
 * The console's campaign page (issue 14 "Measure"): first paint in Chromium with 1,000,000 declarations on the
 * server (SQLite), against the same page with 1,000 (the baseline) in the same run. First paint = from the
 * navigation to /console/ (session already open) to the campaign numbers on screen: the page, its script and
 * the /overview answer, which the server keeps fresh in the background (src-server/console/campaign.ts). A second,
 * informative row: the fresh read of those numbers itself (the index-only aggregates), forced by dropping the kept
 * result first. One warm-up load is not counted. BENCH_CONSOLE_DECLARATIONS changes the large size; CHROMIUM_PATH the browser.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, startServer } from './lib/processes';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const LARGE = Number(process.env.BENCH_CONSOLE_DECLARATIONS ?? 1_000_000);
const SMALL = 1_000;
const DESKS = 200;
const SAMPLES = 3;
const TARGET_MS = 1000;
// Not bundled into dist/bench/run.cjs: loaded from node_modules at run time.
const PLAYWRIGHT_CORE = 'playwright-core';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
type Playwright = typeof import('playwright-core');

/** Status mix of a campaign in its last weeks (most already with INPS). */
const MIX: readonly [string, number][] = [
  ['RICEVUTA', 0.45],
  ['TRASM_INPS', 0.2],
  ['TRASM_CGN', 0.22],
  ['SCARTATA', 0.05],
  ['SCART_CAF', 0.04],
  ['RITIRATA', 0.04],
];

/** Fills the migrated server database with `n` declarations spread over DESKS desks (one transaction). */
function seed(file: string, n: number): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const at = '2009-06-20T10:00:00.000Z';
    db.transaction(() => {
      const desk = db.prepare('INSERT INTO desks (id, name, secret_salt, secret_hash, change_seq, created_at) VALUES (?, ?, ?, ?, 0, ?)');
      for (let d = 0; d < DESKS; d++) desk.run(`sportello-${String(d).padStart(3, '0')}`, `Sportello ${d}`, '00', '00', at);
      const batch = db.prepare('INSERT INTO inps_batches (id, created_at, item_count, sent_at, completed_at, attempts, last_error) VALUES (?, ?, 0, ?, NULL, 1, NULL)');
      for (let b = 0; b < 20; b++) batch.run(`batch-${b}`, at, at);
      const ins = db.prepare(
        `INSERT INTO declarations (id, desk_id, declaration_key, version, progressivo, tipo, matricola, codice_fiscale, cognome_nome, status, scarto,
           inps_batch_id, received_at, updated_at, blocked_at, blocked_reason) VALUES (?, ?, ?, 1, ?, 'N', ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
      );
      for (let i = 0; i < n; i++) {
        // Desks of different sizes (a few big branches, many small ones).
        const deskNo = Math.floor(DESKS * Math.pow((i * 7919) % n / n, 2));
        let u = ((i * 2654435761) % 1000) / 1000;
        let status = 'RICEVUTA';
        for (const [s, p] of MIX) {
          if (u < p) {
            status = s;
            break;
          }
          u -= p;
        }
        const time = new Date(Date.parse('2009-05-01T08:00:00Z') + (i % 50) * 86_400_000 / 50 * 50 + i * 1000).toISOString();
        const blocked = status === 'TRASM_CGN' && i % 997 === 0;
        ins.run(
          `d-${i}`,
          `sportello-${String(deskNo).padStart(3, '0')}`,
          `k-${i}`,
          i + 1,
          `M${String(i).padStart(22, '0')}`,
          `CF${String(i).padStart(14, '0')}`,
          `COGNOME ${i}`,
          status,
          status === 'TRASM_INPS' || status === 'RICEVUTA' ? `batch-${i % 20}` : null,
          time,
          time,
          blocked ? time : null,
          blocked ? 'verifica' : null,
        );
      }
    })();
    db.pragma('optimize');
  } finally {
    db.close();
  }
}

async function measure(ctx: BenchContext, n: number, chromium: Playwright['chromium']): Promise<{ paint: number[]; read: number[] }> {
  const dataDir = mkdtempSync(join(ctx.tmpDir, `console-${n}-`));
  // First start: migrations; then the seed with the server stopped; then the measured server.
  await (await startServer(ctx, { RED_DESK_SERVER_DATA_DIR: dataDir })).stop();
  const t0 = performance.now();
  seed(join(dataDir, 'red-server.sqlite'), n);
  ctx.log(`${n.toLocaleString('it-IT')} dichiarazioni caricate in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const server = await startServer(ctx, { RED_DESK_SERVER_DATA_DIR: dataDir });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'it-IT' });
    const login = await context.request.post(`${server.url}/console/api/login`, { data: { token: ADMIN }, headers: { 'x-red-console': '1' } });
    if (!login.ok()) throw new Error(`login: ${login.status()}`);
    const page = await context.newPage();
    const paint: number[] = [];
    // One load not counted, for both sizes: the new browser context's first page (script compile, fonts), and the
    // server's first read of the numbers, started when it started.
    for (let s = -1; s < SAMPLES; s++) {
      const start = performance.now();
      await page.goto(`${server.url}/console/`);
      await page.getByTestId('card-totale').filter({ hasText: n.toLocaleString('it-IT') }).waitFor();
      if (s >= 0) paint.push(performance.now() - start);
    }
    const read: number[] = [];
    for (let s = 0; s < SAMPLES; s++) {
      // Setting the deadline from the console drops the kept numbers: the next /overview reads the database.
      const set = await context.request.post(`${server.url}/console/api/campaign`, { data: { deadline: '2009-06-30T23:59:59+02:00' }, headers: { 'x-red-console': '1' } });
      if (!set.ok()) throw new Error(`campaign: ${set.status()}`);
      const start = performance.now();
      const o = await context.request.get(`${server.url}/console/api/overview`);
      if (!o.ok()) throw new Error(`overview: ${o.status()}`);
      read.push(performance.now() - start);
    }
    ctx.log(`${n.toLocaleString('it-IT')}: first paint ${paint.map((x) => x.toFixed(0)).join(', ')} ms; fresh read ${read.map((x) => x.toFixed(0)).join(', ')} ms`);
    return { paint, read };
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const { chromium } = (await import(PLAYWRIGHT_CORE)) as Playwright;
  const small = await measure(ctx, SMALL, chromium);
  const large = await measure(ctx, LARGE, chromium);
  const size = LARGE.toLocaleString('en-US');
  return [
    row(`console: campaign page first paint, ${size} declarations (SQLite, worst of ${SAMPLES})`, Math.max(...large.paint), 'ms', Math.max(...small.paint), { maxValue: TARGET_MS }),
    row(`console: campaign numbers fresh read, ${size} declarations (SQLite, worst of ${SAMPLES})`, Math.max(...large.read), 'ms', Math.max(...small.read)),
  ];
}

export const consoleBench: BenchModule = { name: 'console', run };
