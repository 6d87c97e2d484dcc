import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { REPO } from './spawn';

/**
 * Seeds an archive for the print e2e tests. The archive code embeds its .sql migrations, which only the
 * build knows how to load: the seeding script is bundled with esbuild (as scripts/build.mjs does) and run.
 */
export function seedPrintArchive(dataDir: string, cfInpdap: string): void {
  const out = join(mkdtempSync(join(tmpdir(), 'red-seed-')), 'seed.cjs');
  buildSync({
    entryPoints: [join(REPO, 'tests/helpers/print-seed-main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    loader: { '.sql': 'text' },
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers'],
    tsconfig: join(REPO, 'tsconfig.json'),
    outfile: out,
    logLevel: 'warning',
  });
  // Bundled outside the repository: better-sqlite3 (native, external) is found through NODE_PATH.
  execFileSync(process.execPath, [out, dataDir, cfInpdap], { cwd: REPO, stdio: 'pipe', env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') } });
}
