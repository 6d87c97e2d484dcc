import type { KeyboardLayout } from '#shared/domain/capture';
import { MOD } from './keyboard-decoder';
import { LAYOUTS } from './layouts';

/**
 * The reverse of KeyboardDecoder: the boot reports a reader in keyboard mode sends to type `text` with a
 * layout (tests, benchmark). Each character is a key press report and a release report; options make it
 * look like real readers: modifiers pressed in a report of their own first, key rollover (the next key
 * goes down before the previous one is released).
 */
export interface EncodeOptions {
  /** Next key down before the previous one is up, when both use the same modifiers. */
  rollover?: boolean;
  /** A modifier-only report before each shifted / AltGr key. */
  modifierFirst?: boolean;
  /** Prefix each report with this report id (9-byte reports). */
  reportId?: number;
}

interface Stroke {
  usage: number;
  mods: number;
}

const strokeCache = new Map<KeyboardLayout, Map<string, Stroke>>();

function strokes(layout: KeyboardLayout): Map<string, Stroke> {
  let map = strokeCache.get(layout);
  if (map) return map;
  map = new Map();
  const columns = [0, MOD.LSHIFT, MOD.RALT, MOD.RALT | MOD.LSHIFT];
  // Column by column: the plainest way to type a character wins (normal before Shift before AltGr) and
  // the main keys before the keypad (lower usages first).
  for (let col = 0; col < columns.length; col++) {
    for (const [usage, entry] of [...LAYOUTS[layout]].sort((a, b) => a[0] - b[0])) {
      const c = entry[col];
      if (c && !map.has(c)) map.set(c, { usage, mods: columns[col] ?? 0 });
    }
  }
  strokeCache.set(layout, map);
  return map;
}

/** Whether `layout` can type every character of `text`. */
export function canType(text: string, layout: KeyboardLayout): boolean {
  const map = strokes(layout);
  return [...text].every((c) => map.has(c) || c === '\n');
}

export function encodeKeyboard(text: string, layout: KeyboardLayout, options: EncodeOptions = {}): Uint8Array[] {
  const map = strokes(layout);
  const out: Uint8Array[] = [];
  const report = (mods: number, keys: readonly number[]) => {
    const body = [mods, 0, ...keys.slice(0, 6)];
    while (body.length < 8) body.push(0);
    out.push(Uint8Array.from(options.reportId === undefined ? body : [options.reportId, ...body]));
  };
  let held: Stroke | null = null;
  for (const c of text) {
    const s = map.get(c === '\n' ? '\r' : c);
    if (!s) throw new Error(`encodeKeyboard: «${c}» non si digita con il layout ${layout}`);
    if (held && options.rollover && held.mods === s.mods && held.usage !== s.usage) {
      report(s.mods, [held.usage, s.usage]); // both down
      report(s.mods, [s.usage]); // previous released
    } else {
      if (held) report(0, []);
      if (options.modifierFirst && s.mods !== 0) report(s.mods, []);
      report(s.mods, [s.usage]);
    }
    held = s;
  }
  if (held) report(0, []);
  return out;
}
