// Builds everything `npm start`, the tests and the benchmark run:
//  - the Node side with esbuild (one CommonJS bundle per entry in dist/main, native modules external),
//  - the renderer with Vite (dist/renderer), the CAF staff's console with Vite (dist/console).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync, rmSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  loader: { '.sql': 'text' },
  external: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', 'node-hid', 'bufferutil', 'utf-8-validate', 'pg-native'],
  tsconfig: 'tsconfig.json',
};

rmSync('dist/main', { recursive: true, force: true });
rmSync('dist/bench', { recursive: true, force: true });
rmSync('dist/server', { recursive: true, force: true });
const entries = [
  ['dist/main', 'host', 'src-main/host/main.ts'],
  ['dist/main', 'archive-worker', 'src-main/archive/worker.ts'],
  // Prints and exports (issue 10): composed and written off the main thread.
  ['dist/main', 'print-worker', 'src-main/print/worker.ts'],
  ['dist/main', 'electron-main', 'src-main/electron/main.ts'],
  // The sandboxed preload may only require('electron'): everything else is bundled in.
  ['dist/main', 'preload', 'src-main/electron/preload.ts'],
  ['dist/bench', 'run', 'bench/run.ts'],
  // The central CAF server and the INPS simulator it talks to in tests (a separate process).
  ['dist/server', 'server', 'src-server/main.ts'],
  ['dist/server', 'inps-simulator', 'src-server/inps/simulator-main.ts'],
];
for (const [, , src] of entries) if (!existsSync(src)) throw new Error(`build: manca ${src}`);
await Promise.all(
  entries.map(([outdir, name, src]) =>
    build({
      ...common,
      entryPoints: { [name]: src },
      outdir,
      outExtension: { '.js': '.cjs' },
      // The desk's bundles: the print worker is always beside them, so src-main/print/client.ts drops its
      // in-process fallback (and the PDF/XLSX/barcode libraries it would load) from the host and Electron main.
      ...(outdir === 'dist/main' ? { define: { 'process.env.RED_DESK_BUNDLE': '"1"' } } : {}),
    }),
  ),
);
await viteBuild({ configFile: 'vite.config.mts', logLevel: 'warn' });
// The console for CAF staff, served by the central server (src-server/console).
await viteBuild({ configFile: 'vite.console.config.mts', logLevel: 'warn' });
console.log('build: dist/main, dist/bench, dist/server, dist/renderer, dist/console');
