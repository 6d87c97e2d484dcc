// `npm test`: build, type-check, lint, unit + integration tests (vitest), UI tests (Playwright in
// Chromium). Ends with the plain line "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

if (!run('build', 'node', ['scripts/build.mjs'])) {
  console.log('\nbuild failed');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
check('electron security', 'node', ['scripts/check-electron-security.mjs']);

rmSync('vitest.json', { force: true });
const vOk = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=vitest.json']);
const v = readJson('vitest.json');
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  if (v.numFailedTests > 0) failures.push(`vitest: ${v.numFailedTests} test`);
  if (!vOk && v.numFailedTests === 0) {
    failed += 1; // a suite that failed to load counts as a failure
    failures.push('vitest (suite)');
  }
} else {
  failed += 1;
  failures.push('vitest (no report)');
}

rmSync('playwright.json', { force: true });
const pOk = run('playwright (Chromium)', 'npx', ['playwright', 'test']);
const p = existsSync('playwright.json') ? readJson('playwright.json') : null;
if (p?.stats) {
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  if (p.stats.unexpected > 0) failures.push(`playwright: ${p.stats.unexpected} test`);
  if (!pOk && p.stats.unexpected === 0) {
    failed += 1;
    failures.push('playwright (run)');
  }
} else {
  failed += 1;
  failures.push('playwright (no report)');
}

if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
