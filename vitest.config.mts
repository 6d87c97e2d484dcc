import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^#shared\/(.*)$/, replacement: r('./src-shared/$1') },
      { find: /^#main\/(.*)$/, replacement: r('./src-main/$1') },
      { find: /^#renderer\/(.*)$/, replacement: r('./src-renderer/$1') },
      { find: /^#server\/(.*)$/, replacement: r('./src-server/$1') },
      { find: /^#migrations\/(.*)$/, replacement: r('./migrations/$1') },
    ],
  },
  plugins: [
    {
      // Migrations are plain .sql files, embedded as text (esbuild's `text` loader does the same in the build).
      name: 'sql-as-text',
      load(id: string) {
        if (id.endsWith('.sql')) return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
        return null;
      },
    },
  ],
  test: {
    include: ['tests/unit/**/*.test.ts?(x)', 'tests/integration/**/*.test.ts?(x)', 'tests/server/**/*.test.ts?(x)'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
