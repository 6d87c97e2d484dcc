import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * DejaVu Sans from the `dejavu-fonts-ttf` npm package (never a system font): the same glyphs on every
 * desk, and every Italian letter (à è é ì ò ù) and the euro sign. Read once per process.
 */
let cache: { regular: Uint8Array; bold: Uint8Array } | null = null;

function resolver(): NodeJS.Require {
  // The bundle (CommonJS) has __filename; under the test runner the project root is the working directory.
  const from = typeof __filename === 'string' && __filename ? __filename : join(process.cwd(), 'package.json');
  return createRequire(from);
}

export function dejaVuFonts(): { regular: Uint8Array; bold: Uint8Array } {
  if (!cache) {
    const req = resolver();
    cache = {
      regular: readFileSync(req.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
      bold: readFileSync(req.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
    };
  }
  return cache;
}
