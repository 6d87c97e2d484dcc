import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/**
 * The console page's files (built by scripts/build.mjs into dist/console), read once at start into memory: a
 * handful of files, so no file system access per request and no path from the URL ever reaches the disk.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** Strict: only the page's own scripts and styles, no inline code, no framing, calls only to this origin. */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface ConsoleFile {
  body: Buffer;
  type: string;
}

export function loadConsoleFiles(dir: string): Map<string, ConsoleFile> | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const files = new Map<string, ConsoleFile>();
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      const full = join(dir, rel);
      if (statSync(full).isDirectory()) walk(rel);
      else if (TYPES[extname(name)]) files.set(rel, { body: readFileSync(full), type: TYPES[extname(name)]! });
    }
  };
  walk('');
  return files;
}

/** dist/console beside the server bundle (dist/server), else under the working directory (tests in this process). */
export function defaultConsoleDir(): string {
  const besideBundle = typeof __dirname === 'string' ? join(__dirname, '..', 'console') : '';
  return besideBundle && existsSync(join(besideBundle, 'index.html')) ? besideBundle : join(process.cwd(), 'dist', 'console');
}
