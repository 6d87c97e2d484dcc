/**
 * Keyboard-wedge readers (issue: "scan to declaration shown ≤ 150 ms"), renderer side, end to end in Debian's
 * Chromium: the built browser host (dist/main/host.cjs, its own temporary archive) and the built renderer,
 * capture switched on through the API with the shipped thresholds (35 ms, 8 characters). A reader is
 * simulated by typing a Stringa CAF and Invio through the DevTools protocol. Measured in the page: from the
 * terminator's keydown (event timestamp, taken by a capture listener installed before the app) to the
 * animation frame that first shows "Sezione matricola" in "Nuovo" (MutationObserver, then
 * requestAnimationFrame). Baseline, in the same page: the operator pastes the same string in "Nuovo" and
 * presses Invio (keydown → the frame showing "Sezione matricola"), i.e. the decode and render without capture.
 * BENCH_SCAN_SAMPLES (default 30) scans; CHROMIUM_PATH overrides /usr/bin/chromium.
 * Needs `npm run build` first (`npm run bench` does it).
 */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { startHost } from './lib/processes';
import { percentile } from './lib/stats';
import { syntheticDeclarations } from './lib/synthetic';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const SAMPLES = Number(process.env.BENCH_SCAN_SAMPLES ?? 30);
const WARMUP = 3;
const TARGET_P95_MS = 150;
// Not bundled into dist/bench/run.cjs: loaded from node_modules at run time.
const PLAYWRIGHT_CORE = 'playwright-core';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

type Playwright = typeof import('playwright-core');
type Page = import('playwright-core').Page;

async function api(host: { origin: string; token: string }, method: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-red-desk-token': host.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.message ?? res.status}`);
  return body.result;
}

interface BenchWindow {
  __scanBench: { t0: number; shown: Promise<number> | null };
  __scanBenchArm: (selector: string) => void;
}

/** Installed before the app's scripts: its keydown listener runs before the app's capture listener. */
function pageProbe(): void {
  const w = window as unknown as BenchWindow;
  w.__scanBench = { t0: Number.NaN, shown: null };
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') w.__scanBench.t0 = e.timeStamp;
  }, true);
  w.__scanBenchArm = (selector: string) => {
    w.__scanBench.t0 = Number.NaN;
    w.__scanBench.shown = new Promise<number>((resolve) => {
      const found = () => {
        if (!document.querySelector(selector)) return false;
        requestAnimationFrame(() => resolve(performance.now()));
        return true;
      };
      if (found()) return;
      const mo = new MutationObserver(() => {
        if (found()) mo.disconnect();
      });
      mo.observe(document.body, { childList: true, subtree: true });
    });
  };
}

const SEZIONE = 'section[aria-label="Sezione matricola"]';

async function arm(page: Page): Promise<void> {
  await page.evaluate((sel) => (window as unknown as BenchWindow).__scanBenchArm(sel), SEZIONE);
}

/** ms from the Invio keydown to the frame showing "Sezione matricola"; NaN if it is not shown within 5 s. */
async function measured(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const b = (window as unknown as BenchWindow).__scanBench;
    const late = new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 5_000));
    const shown = await Promise.race([b.shown ?? Promise.resolve(Number.NaN), late]);
    return shown - b.t0;
  });
}

async function closeNuovo(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: /Nuovo/ }).waitFor({ state: 'hidden' });
  await page.getByTestId('monitor-list').focus();
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const { chromium } = (await import(PLAYWRIGHT_CORE)) as Playwright;
  // A distinct valid matricola per sample, for which no declaration exists ("Nuovo" shows it decoded).
  const matricole = syntheticDeclarations(SAMPLES + WARMUP, 20090523).declarations.map((d) => d.matricola);
  const host = await startHost(ctx, mkdtempSync(join(ctx.tmpDir, 'scan-latency-')));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await api(host, 'capture.saveSettings', { enabled: true, hid: null, wedge: { maxInterKeyMs: 35, minLength: 8 } });
    const page = await browser.newPage({ viewport: { width: 1366, height: 820 }, locale: 'it-IT' });
    await page.addInitScript(pageProbe);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' }).waitFor();
    await page.getByTestId('capture-status').filter({ hasText: 'Lettura ottica: attiva' }).waitFor();
    await page.getByTestId('monitor-list').focus();

    const scan: number[] = [];
    const paste: number[] = [];
    const open: number[] = [];
    let missed = 0;
    for (let i = 0; i < SAMPLES + WARMUP; i++) {
      const text = matricole[i] ?? '';
      // A reader: the whole string in a burst (each key sent as soon as the page has taken the previous
      // one, a few ms apart), then Invio.
      await arm(page);
      await page.keyboard.type(`${text}\n`, { delay: 0 });
      const s = await measured(page);
      if (!Number.isFinite(s)) {
        // The DevTools protocol sends a key only when the page has handled the previous one: on a busy machine
        // a gap can exceed the threshold and the burst is (rightly) typing. Counted and repeated.
        if (++missed > 5) throw new Error('scan-latency: troppe sequenze simulate non riconosciute come letture');
        ctx.log(`burst ${i} not recognised as a scan (machine busy?): repeated`);
        if (await page.getByRole('dialog', { name: /Nuovo/ }).isVisible()) await closeNuovo(page);
        await page.getByTestId('monitor-list').focus();
        i--;
        continue;
      }
      await closeNuovo(page);

      // Baseline: Alt+N (timed to the dialog on screen), paste, Invio (timed to the decoded section).
      await page.evaluate(() => {
        const w = window as unknown as { __altN: number };
        w.__altN = Number.NaN;
        const onKey = (e: KeyboardEvent) => {
          if (e.key.toLowerCase() !== 'n' || !e.altKey) return;
          w.__altN = e.timeStamp;
          window.removeEventListener('keydown', onKey, true);
        };
        window.addEventListener('keydown', onKey, true);
      });
      await page.evaluate(() => (window as unknown as BenchWindow).__scanBenchArm('.nuovo-dialog'));
      const dialogShown = page.evaluate(() => (window as unknown as BenchWindow).__scanBench.shown ?? Number.NaN);
      await page.keyboard.press('Alt+N');
      const shownAt = await dialogShown;
      const altN = await page.evaluate(() => (window as unknown as { __altN: number }).__altN);
      const whole = page.getByLabel('Stringa CAF completa');
      await whole.fill(text);
      await arm(page);
      await whole.press('Enter');
      const p = await measured(page);
      await closeNuovo(page);

      if (i >= WARMUP) {
        scan.push(s);
        paste.push(p);
        open.push(shownAt - altN);
      }
    }
    if ([...scan, ...paste].some((x) => !Number.isFinite(x))) throw new Error('scan-latency: misura non valida');
    const total = (await api(host, 'monitor.list', { tab: 'DA_SPEDIRE', offset: 0, limit: 1 })) as { total: number };
    if (total.total !== 0) throw new Error(`scan-latency: ${total.total} dichiarazioni create, attese 0`);
    ctx.log(
      `${SAMPLES} scans: scan→screen p50 ${percentile(scan, 50).toFixed(1)} ms, p95 ${percentile(scan, 95).toFixed(1)} ms, max ${Math.max(...scan).toFixed(1)} ms; ` +
        `paste+Invio p50 ${percentile(paste, 50).toFixed(1)} ms; Alt+N→dialog p50 ${percentile(open, 50).toFixed(1)} ms`,
    );
    return [
      row('wedge scan → Nuovo decoded on screen p50 (raw = paste + Invio in Nuovo)', percentile(scan, 50), 'ms', percentile(paste, 50)),
      row('wedge scan → Nuovo decoded on screen p95 (raw = paste + Invio in Nuovo)', percentile(scan, 95), 'ms', percentile(paste, 95), {
        maxValue: TARGET_P95_MS,
      }),
      row('diag: Alt+N → Nuovo dialog on screen p50', percentile(open, 50), 'ms', null),
      row('diag: simulated bursts not recognised (busy machine, repeated)', missed, 'count', null),
    ];
  } finally {
    await browser.close().catch(() => undefined);
    await host.stop();
  }
}

export const scanLatencyBench: BenchModule = { name: 'scan-latency', run };
