import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The renderer: built into dist/renderer, loaded by Electron (app://) or by the browser host.
export default defineConfig({
  root: r('./src-renderer'),
  base: './',
  plugins: [react()],
  resolve: {
    alias: [{ find: /^#shared\/(.*)$/, replacement: r('./src-shared/$1') }, { find: /^#renderer\/(.*)$/, replacement: r('./src-renderer/$1') }],
  },
  build: {
    outDir: r('./dist/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
    chunkSizeWarningLimit: 1500,
  },
});
