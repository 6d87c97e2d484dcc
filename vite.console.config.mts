import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The console for CAF staff (src-console): built into dist/console, served by the central server under /console/.
export default defineConfig({
  root: r('./src-console'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^#shared\/(.*)$/, replacement: r('./src-shared/$1') }],
  },
  build: {
    outDir: r('./dist/console'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
    // No inline module-preload polyfill: the page's CSP allows no inline script.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
});
