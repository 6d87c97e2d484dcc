import bwipjs from 'bwip-js/node';

/**
 * Code 128 of a text as bar/space widths in modules (bwip-js encodes; the PDF writer draws the bars as
 * vector rectangles, so they stay sharp at any print resolution and cost no image per page).
 * `widths[0]` is a bar, then space, bar … ; the sum is the symbol's width in modules (quiet zones excluded).
 */
export function code128Modules(text: string): number[] {
  const raw = bwipjs.raw('code128', text, {}) as unknown as { sbs: number[] }[];
  const sbs = raw[0]?.sbs;
  if (!sbs || sbs.length === 0) throw new Error(`Codice a barre non generato per «${text}».`);
  return sbs;
}
