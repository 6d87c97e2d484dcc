/**
 * `npm run bench`: runs every bench module, prints one table (measure | value | unit | baseline | ratio |
 * target | ok) and writes bench/results/latest.json (array of { name, value, unit, baseline, ratio }).
 * Performance targets live here, not in the unit tests. Environment: BENCH_STRICT=1 makes a missed target
 * exit 1; BENCH_DECLARATIONS / BENCH_QUERIES shrink the run; BENCH_DEBUG=1 lists the slowest queries;
 * BENCH_KEEP_TMP=1 keeps the temporary archive for inspection; BENCH_ONLY=archive,validation runs only those modules
 * (and writes bench/results/partial.json instead of latest.json).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { archiveBench } from './archive';
import { validationBench } from './validation';
import { serverBench } from './server';
import { captureBench } from './capture';
import { scanLatencyBench } from './scan-latency';
import { transmissionBench } from './transmission';
import { printExportChild, printsBench } from './prints';
import { import730Bench } from './import730';
import { backupBench } from './backup';
import { instancesBench } from './instances';
import { exchangeBench } from './exchange';
import { cipherBench } from './cipher';
import { inailBench } from './inail';
import { consoleBench } from './console';
import { startupBench, startupPlainChild } from './startup';
import type { BenchModule, BenchRow } from './lib/types';

const MODULES: readonly BenchModule[] = [archiveBench, validationBench, captureBench, scanLatencyBench, serverBench, transmissionBench, printsBench, import730Bench, backupBench, instancesBench, exchangeBench, cipherBench, inailBench, consoleBench, startupBench];

// Bundled as dist/bench/run.cjs: the repository is two levels up, the worker bundles are in dist/main.
const ROOT = resolve(__dirname, '..', '..');
const DIST_MAIN = join(ROOT, 'dist', 'main');
const RESULTS = join(ROOT, 'bench', 'results', 'latest.json');

/** The archive worker warns on stderr about every call over 40 ms; during a benchmark that is noise, so
 * those lines are counted (and summarised at the end) instead of printed. */
function captureSlowCallWarnings(): Map<string, number> {
  const counts = new Map<string, number>();
  const original = process.stderr.write.bind(process.stderr) as (...a: unknown[]) => boolean;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : null;
    if (text !== null) {
      const lines = text.split('\n');
      const kept = lines.filter((line) => {
        const m = /^\[archivio\] (\w+) lento/.exec(line);
        if (m?.[1]) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
        return !m;
      });
      if (kept.length !== lines.length) {
        const out = kept.join('\n');
        if (out.trim() === '') {
          const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
          cb?.();
          return true;
        }
        return original(out, ...rest);
      }
    }
    return original(chunk, ...rest);
  }) as typeof process.stderr.write;
  return counts;
}

function fmt(n: number | null | undefined, digits?: number): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  const d = digits ?? (Math.abs(n) >= 1000 ? 0 : Math.abs(n) >= 100 ? 1 : 2);
  return n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

function printTable(rows: readonly BenchRow[]): void {
  const header = ['measure', 'value', 'unit', 'baseline (raw)', 'ratio', 'target', 'ok'];
  const body = rows.map((r) => [
    r.name,
    fmt(r.value),
    r.unit,
    fmt(r.baseline),
    fmt(r.ratio, 2),
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const right = new Set([1, 3, 4]);
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(' | ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const b of body) console.log(line(b));
}

const round = (n: number | null) => (n === null || !Number.isFinite(n) ? null : Math.round(n * 1000) / 1000);

async function main(): Promise<void> {
  const slowCalls = captureSlowCallWarnings();
  const started = performance.now();
  const tmpDir = mkdtempSync(join(tmpdir(), 'red-desk-bench-'));
  const rows: BenchRow[] = [];
  let failed = false;
  try {
    const only = process.env.BENCH_ONLY?.split(',');
    for (const m of MODULES.filter((x) => !only || only.includes(x.name))) {
      console.log(`[bench] ${m.name} …`);
      try {
        rows.push(...(await m.run({ tmpDir, distMain: DIST_MAIN, log: (msg) => console.log(`[bench:${m.name}] ${msg}`) })));
      } catch (e) {
        failed = true;
        console.error(`[bench] ${m.name} failed:`, e);
      }
    }
  } finally {
    if (process.env.BENCH_KEEP_TMP === '1') console.log(`[bench] kept ${tmpDir}`);
    else rmSync(tmpDir, { recursive: true, force: true });
  }

  console.log('');
  printTable(rows);
  if (slowCalls.size) {
    const list = [...slowCalls].map(([m, n]) => `${m} ×${n}`).join(', ');
    console.log(`\narchive worker slow-call warnings (> 40 ms, suppressed): ${list}`);
  }
  mkdirSync(join(RESULTS, '..'), { recursive: true });
  const json = rows.map((r) => ({ name: r.name, value: round(r.value), unit: r.unit, baseline: round(r.baseline), ratio: round(r.ratio) }));
  // A partial run (BENCH_ONLY) never replaces the full results: it goes to partial.json (not kept in git).
  const out = process.env.BENCH_ONLY ? join(RESULTS, '..', 'partial.json') : RESULTS;
  writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  const missed = rows.filter((r) => r.ok === false);
  console.log(
    `\n${rows.length} measures in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `${missed.length ? `${missed.length} target(s) missed` : 'all targets met'}; written ${out}`,
  );
  if (failed || (missed.length && process.env.BENCH_STRICT === '1')) process.exitCode = 1;
}

// The prints bench measures each export's peak RSS in a fresh process: the same bundle, started again.
// The startup bench starts the same bundle as a browser host on a plain archive (its baseline).
void printExportChild()
  .then(async (wasChild) => wasChild || (await startupPlainChild()))
  .then((wasChild) => (wasChild ? undefined : main()))
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
