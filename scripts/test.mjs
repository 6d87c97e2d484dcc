// `npm test`: build, type-check, lint, security check, unit + integration tests (vitest), UI tests
// (Playwright in Chromium). Ends with the plain line "N passed, N failed" that CI reads: it counts test
// cases only. The checks (build, typecheck, lint, security) and a test file or run that fails outside any
// test case are reported on their own line above it; any failure of either kind fails the run (exit 1).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

let passed = 0;
let failed = 0;
/** Failures that are not test cases: a check, a file that did not load, a runner that died. */
const failedSteps = [];
const steps = [];

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args);
  steps.push(`${label} ${ok ? 'ok' : 'FALLITO'}`);
  if (!ok) failedSteps.push(label);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function finish() {
  console.log(`\nControlli: ${steps.join(', ')}`);
  if (failedSteps.length) console.log(`Falliti fuori dai casi di test: ${failedSteps.join(', ')}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && failedSteps.length === 0 ? 0 : 1);
}

check('build', 'node', ['scripts/build.mjs']);
if (failedSteps.length) finish(); // nothing below can run without the bundles
check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('electron security', 'node', ['scripts/check-electron-security.mjs']);

rmSync('vitest.json', { force: true });
const vOk = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=vitest.json']);
const v = readJson('vitest.json');
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  // A file that fails to load has no test cases to count: it is a failure of its own.
  const broken = (v.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).every((a) => a.status !== 'failed'));
  for (const f of broken) failedSteps.push(`vitest: ${f.name.replace(`${process.cwd()}/`, '')} (file)`);
  if (!vOk && v.numFailedTests === 0 && broken.length === 0) failedSteps.push('vitest (run)');
} else {
  failedSteps.push('vitest (nessun report)');
}

rmSync('playwright.json', { force: true });
const pOk = run('playwright (Chromium)', 'npx', ['playwright', 'test']);
const p = existsSync('playwright.json') ? readJson('playwright.json') : null;
if (p?.stats) {
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  for (const e of p.errors ?? []) failedSteps.push(`playwright: ${(e.message ?? '').split('\n')[0]}`);
  if (!pOk && p.stats.unexpected === 0 && !(p.errors ?? []).length) failedSteps.push('playwright (run)');
} else {
  failedSteps.push('playwright (nessun report)');
}

finish();
