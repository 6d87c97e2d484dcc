import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';

/** Renders page 1 at 300 dpi (grey, PGM) and decodes the Code 128 in the header band with ZXing. */
export function decodeBarcode(file: string): string {
  const out = join(mkdtempSync(join(tmpdir(), 'red-bc-')), 'p');
  execFileSync('pdftoppm', ['-r', '300', '-gray', '-f', '1', '-l', '1', '-y', '0', '-H', '300', '-W', '2480', file, out]);
  const pgm = readFileSync(`${out}-1.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 50).toString('latin1'));
  if (!header) throw new Error('PGM non valido');
  const [w, h] = [Number(header[1]), Number(header[2])];
  const lum = new Uint8ClampedArray(pgm.subarray(header[0].length, header[0].length + w * h));
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  const reader = new MultiFormatReader();
  reader.setHints(hints);
  return reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, w, h)))).getText();
}

