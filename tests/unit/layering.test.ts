/**
 * The layering of ARCHITECTURE.md is enforced by eslint.config.mjs; these cases prove each rule fires on a
 * forbidden import and stays quiet on an allowed one (STYLE.md "For RED Desk" 1–2).
 */
import { ESLint, type Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const LAYERING_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'red-desk/import-boundaries']);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot, errorOnUnmatchedPattern: false });
});

async function layeringErrors(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result, `nessun risultato per ${filePath}`).toBeDefined();
  // A fatal message (parse error, unmatched file) must not pass for "no layering error".
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages.filter((m) => m.ruleId !== null && LAYERING_RULES.has(m.ruleId));
}

type Case = { name: string; file: string; code: string; rule: string; text?: RegExp };

const forbidden: Case[] = [
  { name: 'node:fs in src-shared', file: 'src-shared/x.ts', code: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", rule: 'no-restricted-imports', text: /src-shared importa solo/ },
  { name: 'bare builtin (path) in src-shared', file: 'src-shared/rules/x.ts', code: "import { join } from 'path';\nexport const j = join;\n", rule: 'no-restricted-imports' },
  { name: 'electron in src-shared', file: 'src-shared/x.ts', code: "export { app } from 'electron';\n", rule: 'no-restricted-imports' },
  { name: 'react in src-shared', file: 'src-shared/x.ts', code: "import { useState } from 'react';\nexport const u = useState;\n", rule: 'no-restricted-imports' },
  { name: 'kysely type in src-shared', file: 'src-shared/x.ts', code: "import type { Kysely } from 'kysely';\nexport type K = Kysely<object>;\n", rule: 'no-restricted-imports' },
  { name: '#main in src-shared', file: 'src-shared/x.ts', code: "import { startCore } from '#main/services/core';\nexport const s = startCore;\n", rule: 'no-restricted-imports' },
  { name: 'relative path leaving src-shared', file: 'src-shared/api/x.ts', code: "import { startCore } from '../../src-main/services/core';\nexport const s = startCore;\n", rule: 'red-desk/import-boundaries', text: /esce da src-shared\/ verso src-main\// },
  { name: 'dynamic import of node:fs in src-shared', file: 'src-shared/x.ts', code: "export const load = () => import('node:fs');\n", rule: 'red-desk/import-boundaries' },
  { name: 'window in src-shared', file: 'src-shared/x.ts', code: 'export const w = window.location.href;\n', rule: 'no-restricted-globals', text: /'window'.*niente globali DOM o Node/ },
  { name: 'process in src-shared', file: 'src-shared/x.ts', code: 'export const e = process.env.HOME;\n', rule: 'no-restricted-globals' },
  { name: 'localStorage in src-shared', file: 'src-shared/x.ts', code: "export const v = localStorage.getItem('k');\n", rule: 'no-restricted-globals' },
  { name: 'electron in src-main/services', file: 'src-main/services/x.ts', code: "import { ipcMain } from 'electron';\nexport const i = ipcMain;\n", rule: 'no-restricted-imports', text: /Solo src-main\/electron/ },
  { name: 'require(electron) in src-main/archive', file: 'src-main/archive/x.ts', code: "export const e: unknown = require('electron');\n", rule: 'red-desk/import-boundaries' },
  { name: 'the electron shell from src-main/services', file: 'src-main/services/x.ts', code: "import { bootstrap } from '../electron/main';\nexport const b = bootstrap;\n", rule: 'no-restricted-imports' },
  { name: '#renderer in src-main', file: 'src-main/services/x.ts', code: "import { App } from '#renderer/App';\nexport const a = App;\n", rule: 'no-restricted-imports' },
  { name: 'react in src-main/electron', file: 'src-main/electron/x.ts', code: "import { createElement } from 'react';\nexport const c = createElement;\n", rule: 'no-restricted-imports' },
  { name: 'node:path in the preload', file: 'src-main/electron/preload.ts', code: "import { join } from 'node:path';\nexport const j = join;\n", rule: 'no-restricted-imports' },
  { name: '#main in the preload', file: 'src-main/electron/preload.ts', code: "import { startCore } from '#main/services/core';\nexport const s = startCore;\n", rule: 'no-restricted-imports' },
  { name: 'electron in src-renderer', file: 'src-renderer/x.tsx', code: "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", rule: 'no-restricted-imports' },
  { name: '#main in src-renderer', file: 'src-renderer/monitor/x.ts', code: "import { startCore } from '#main/services/core';\nexport const s = startCore;\n", rule: 'no-restricted-imports', text: /#shared\/api/ },
  { name: 'node:crypto in src-renderer', file: 'src-renderer/x.ts', code: "import { randomUUID } from 'node:crypto';\nexport const r = randomUUID;\n", rule: 'no-restricted-imports' },
  { name: 'better-sqlite3 in src-renderer', file: 'src-renderer/x.ts', code: "import Database from 'better-sqlite3';\nexport const d = Database;\n", rule: 'no-restricted-imports' },
  { name: 'relative path into src-main from src-renderer', file: 'src-renderer/monitor/x.ts', code: "import { startCore } from '../../src-main/services/core';\nexport const s = startCore;\n", rule: 'red-desk/import-boundaries' },
  { name: 'electron in src-server', file: 'src-server/x.ts', code: "import { app } from 'electron';\nexport const a = app;\n", rule: 'no-restricted-imports' },
  { name: '#main in src-server', file: 'src-server/http/x.ts', code: "import { startCore } from '#main/services/core';\nexport const s = startCore;\n", rule: 'no-restricted-imports' },
  { name: '#renderer in src-server', file: 'src-server/x.ts', code: "import { App } from '#renderer/App';\nexport const a = App;\n", rule: 'no-restricted-imports' },
  { name: 'node:fs in src-console', file: 'src-console/x.ts', code: "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n", rule: 'no-restricted-imports' },
  { name: '#server in src-console', file: 'src-console/x.ts', code: "import { registerConsole } from '#server/console/routes';\nexport const r = registerConsole;\n", rule: 'no-restricted-imports' },
  { name: '#renderer in src-console', file: 'src-console/x.tsx', code: "import { Dialog } from '#renderer/components/Dialog';\nexport const d = Dialog;\n", rule: 'no-restricted-imports' },
  { name: 'kysely in src-console', file: 'src-console/x.ts', code: "import { sql } from 'kysely';\nexport const s = sql;\n", rule: 'no-restricted-imports' },
  { name: 'process in src-console', file: 'src-console/x.ts', code: 'export const e = process.env.HOME;\n', rule: 'no-restricted-globals' },
  { name: 'relative path from src-server into src-console', file: 'src-server/console/x.ts', code: "import { App } from '../../src-console/App';\nexport const a = App;\n", rule: 'red-desk/import-boundaries' },
  { name: '../../ across folders from tests', file: 'tests/unit/x.test.ts', code: "import { API } from '../../src-shared/api/contract';\nexport const a = API;\n", rule: 'red-desk/import-boundaries', text: /usare gli alias/ },
];

const allowed: Omit<Case, 'rule' | 'text'>[] = [
  { name: 'zod and relative paths inside src-shared', file: 'src-shared/api/x.ts', code: "import { z } from 'zod';\nimport { AppError } from '../errors';\nimport { TABS } from '#shared/status/statuses';\nexport const s = z.string();\nexport { AppError, TABS };\n" },
  { name: 'electron in src-main/electron', file: 'src-main/electron/x.ts', code: "import { app, BrowserWindow } from 'electron';\nimport { startCore } from '#main/services/core';\nimport { join } from 'node:path';\nexport { app, BrowserWindow, startCore, join };\n" },
  { name: 'electron and #shared types in the preload', file: 'src-main/electron/preload.ts', code: "import { contextBridge } from 'electron';\nimport type { RedDeskBridge } from '#shared/api/contract';\nexport type B = RedDeskBridge;\nexport const c = contextBridge;\n" },
  { name: 'node, sqlite, #shared and #migrations in src-main', file: 'src-main/archive/x.ts', code: "import Database from 'better-sqlite3';\nimport { Worker } from 'node:worker_threads';\nimport { AppError } from '#shared/errors';\nimport { ArchiveClient } from '../archive/client';\nimport sql from '#migrations/desk/0001_init.sql';\nexport { Database, Worker, AppError, ArchiveClient, sql };\n" },
  { name: '#shared and react in src-renderer', file: 'src-renderer/monitor/x.tsx', code: "import { useState } from 'react';\nimport { API } from '#shared/api/contract';\nimport { Dialog } from '../components/Dialog';\nexport { useState, API, Dialog };\nexport const w = window.location.href;\n" },
  { name: 'kysely, node and #shared in src-server', file: 'src-server/store/x.ts', code: "import { Kysely } from 'kysely';\nimport { join } from 'node:path';\nimport { API } from '#shared/api/contract';\nexport { Kysely, join, API };\n" },
  { name: '#shared, zod, react and the DOM in src-console', file: 'src-console/x.tsx', code: "import { useState } from 'react';\nimport { z } from 'zod';\nimport { CONSOLE_API } from '#shared/console-api/contract';\nimport { call } from './api';\nexport { useState, z, CONSOLE_API, call };\nexport const w = window.location.href;\n" },
  { name: 'build output from scripts', file: 'scripts/x.mjs', code: "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\nrequire('../dist/main/host.cjs');\n" },
  { name: 'any alias from tests', file: 'tests/unit/x.test.ts', code: "import { API } from '#shared/api/contract';\nimport { startCore } from '#main/services/core';\nimport { helper } from '../helpers/matricole';\nexport { API, startCore, helper };\n" },
];

describe('layering (eslint.config.mjs)', () => {
  it.each(forbidden)('rifiuta: $name', async ({ file, code, rule, text }) => {
    const errors = await layeringErrors(file, code);
    const hits = errors.filter((m) => m.ruleId === rule);
    expect(hits.length, `atteso ${rule} su ${file}; trovati: ${JSON.stringify(errors)}`).toBeGreaterThan(0);
    expect(hits.every((m) => m.severity === 2)).toBe(true);
    if (text) expect(hits.map((m) => m.message).join('\n')).toMatch(text);
  });

  it.each(allowed)('ammette: $name', async ({ file, code }) => {
    expect(await layeringErrors(file, code)).toEqual([]);
  });

  it('the whole source tree has no layering error', async () => {
    const results = await eslint.lintFiles(['src-shared', 'src-main', 'src-renderer', 'src-console', 'src-server', 'tests']);
    const problems = results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId !== null && LAYERING_RULES.has(m.ruleId))
        .map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`),
    );
    expect(problems).toEqual([]);
    // Type-aware lint of the whole tree: ~20 s alone on a 2-core machine, more when the machine is busy.
  }, 180_000);
});
