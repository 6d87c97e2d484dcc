#!/usr/bin/env node
// Security gate for the Electron shell, with no dependencies: @doyensec/electronegativity is not installed
// (and it always exits 0, TOOLCHAIN.md §8). Reads src-main/electron/main.ts (or the file given as argument)
// and fails unless every required hardening setting is present and no known-dangerous one is.
// A text check, not a proof: tests/unit/electron-shell.test.ts checks the behaviour under fakes.
// It also reads electron-builder.yml (or the file after --builder) and requires the Electron fuses of the
// packaged binary: RunAsNode, NODE_OPTIONS and --inspect off; embedded ASAR integrity and only-from-ASAR on.
// Usage: node scripts/check-electron-security.mjs [path/to/main.ts] [static-files.ts] [--builder electron-builder.yml]
//   → exit 0 OK, 1 findings, 2 unreadable.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative, resolve } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const builderAt = args.indexOf('--builder');
const builderFile = resolve(root, builderAt >= 0 ? (args[builderAt + 1] ?? '') : 'electron-builder.yml');
if (builderAt >= 0) args.splice(builderAt, 2);
const target = resolve(root, args[0] ?? 'src-main/electron/main.ts');
// The CSP and security headers live in one module shared with the browser host; main.ts imports it.
const headersModule = resolve(root, args[1] ?? 'src-main/services/static-files.ts');

/** The fuses electron-builder must set (electronFuses in electron-builder.yml), with their required value. */
const FUSES = [
  ['runAsNode', false, 'niente ELECTRON_RUN_AS_NODE'],
  ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS ignorata'],
  ['enableNodeCliInspectArguments', false, 'niente --inspect'],
  ['enableEmbeddedAsarIntegrityValidation', true, "integrità di app.asar verificata"],
  ['onlyLoadAppFromAsar', true, 'applicazione caricata solo da app.asar'],
];

/** The `electronFuses:` block of the yml as { key: 'true' | 'false' | … } (top-level key, indented entries). */
function readFuses(yml) {
  const lines = yml.split(/\r?\n/);
  const start = lines.findIndex((l) => /^electronFuses\s*:\s*(#.*)?$/.test(l));
  const fuses = {};
  if (start < 0) return fuses;
  for (const line of lines.slice(start + 1)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = /^\s+([A-Za-z]+)\s*:\s*([^#\s]+)/.exec(line);
    if (!m) break;
    fuses[m[1]] = m[2];
  }
  return fuses;
}

/** Each check: a regular expression that must (or must not) match the source with comments removed. */
const REQUIRED = [
  ['contextIsolation: true', /\bcontextIsolation\s*:\s*true\b/, 'isolamento del contesto del preload'],
  ['sandbox: true', /\bsandbox\s*:\s*true\b/, 'renderer in sandbox'],
  ['nodeIntegration: false', /\bnodeIntegration\s*:\s*false\b/, 'niente Node nel renderer'],
  ['webSecurity: true', /\bwebSecurity\s*:\s*true\b/, 'same-origin policy attiva'],
  ['setWindowOpenHandler', /\.setWindowOpenHandler\s*\(/, 'window.open negato'],
  ["'will-navigate' handler", /\.on\(\s*['"]will-navigate['"]/, 'navigazione esterna bloccata'],
  ["'will-redirect' handler", /\.on\(\s*['"]will-redirect['"]/, 'redirect esterni bloccati'],
  ["'will-attach-webview' handler", /\.on\(\s*['"]will-attach-webview['"]/, 'niente <webview>'],
  ['setPermissionRequestHandler', /\.setPermissionRequestHandler\s*\(/, 'permessi (camera, notifiche …) negati'],
  ['setPermissionCheckHandler', /\.setPermissionCheckHandler\s*\(/, 'controlli di permesso negati'],
  ['Content-Security-Policy header', /['"]Content-Security-Policy['"]\s*:/, 'intestazione CSP sulle risposte app://'],
  ["CSP default-src 'self'", /default-src 'self'/, 'CSP restrittiva'],
  ["CSP object-src 'none'", /object-src 'none'/, 'CSP senza plugin'],
  ['X-Content-Type-Options nosniff', /['"]X-Content-Type-Options['"]\s*:\s*['"]nosniff['"]/, 'niente MIME sniffing'],
  ['IPC sender check (senderFrame)', /\bsenderFrame\b/, 'mittente IPC verificato'],
  ['headers from static-files', /from\s+['"]#main\/services\/static-files['"]/, 'CSP e intestazioni dal modulo comune'],
];

const FORBIDDEN = [
  ['contextIsolation: false', /\bcontextIsolation\s*:\s*false\b/],
  ['sandbox: false', /\bsandbox\s*:\s*false\b/],
  ['nodeIntegration: true', /\bnodeIntegration(InWorker|InSubFrames)?\s*:\s*true\b/],
  ['webSecurity: false', /\bwebSecurity\s*:\s*false\b/],
  ['allowRunningInsecureContent: true', /\ballowRunningInsecureContent\s*:\s*true\b/],
  ['webviewTag: true', /\bwebviewTag\s*:\s*true\b/],
  ['experimentalFeatures: true', /\bexperimentalFeatures\s*:\s*true\b/],
  ['enableBlinkFeatures', /\benableBlinkFeatures\b/],
  ["CSP 'unsafe-inline' / 'unsafe-eval'", /'unsafe-(inline|eval)'/],
  ['@electron/remote', /@electron\/remote|enableRemoteModule/],
  ['shell.openExternal', /\bopenExternal\s*\(/],
  ['corsEnabled: true on app://', /\bcorsEnabled\s*:\s*true\b/],
  ['bypassCSP: true on app://', /\bbypassCSP\s*:\s*true\b/],
  ['disableWebSecurity / ignore-certificate-errors switch', /appendSwitch\(\s*['"](disable-web-security|ignore-certificate-errors)/],
];

/** Drops // and /* *\/ comments (outside string literals) so a commented-out setting does not count. */
function stripComments(src) {
  let out = '';
  let i = 0;
  let quote = null;
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (quote) {
      out += c;
      if (c === '\\') {
        out += next ?? '';
        i += 2;
        continue;
      }
      if (c === quote) quote = null;
      i += 1;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out += c;
      i += 1;
    } else if (c === '/' && next === '/') {
      while (i < src.length && src[i] !== '\n') i += 1;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end === -1 ? src.length : end + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

let source;
try {
  source = stripComments(readFileSync(target, 'utf8')) + '\n' + stripComments(readFileSync(headersModule, 'utf8'));
} catch (e) {
  console.error(`check-electron-security: impossibile leggere ${target} (cannot read): ${e.message}`);
  process.exit(2);
}

let builderYml;
try {
  builderYml = readFileSync(builderFile, 'utf8');
} catch (e) {
  console.error(`check-electron-security: impossibile leggere ${builderFile} (cannot read): ${e.message}`);
  process.exit(2);
}
const fuses = readFuses(builderYml);
const badFuses = FUSES.filter(([key, want]) => fuses[key] !== String(want));

const shown = relative(root, target) || target;
const shownYml = relative(root, builderFile) || builderFile;
const missing = REQUIRED.filter(([, re]) => !re.test(source));
const present = FORBIDDEN.filter(([, re]) => re.test(source));

if (missing.length === 0 && present.length === 0 && badFuses.length === 0) {
  console.log(`check-electron-security: OK — ${shown}: ${REQUIRED.length} impostazioni presenti, nessuna pericolosa; ${shownYml}: ${FUSES.length} fuse impostati.`);
  process.exit(0);
}
console.error(`check-electron-security: FALLITO (failed) — ${shown}, ${shownYml}`);
for (const [name, , why] of missing) console.error(`  manca (missing): ${name} — ${why}`);
for (const [name] of present) console.error(`  vietato (forbidden): ${name}`);
for (const [key, want, why] of badFuses) console.error(`  fuse (electronFuses.${key}): atteso ${want}, trovato ${fuses[key] ?? 'assente'} — ${why}`);
process.exit(1);
