import type { KeyboardLayout } from '#shared/domain/capture';

/**
 * Keyboard layouts as DATA: HID usage id (usage page 0x07, Keyboard/Keypad) → the character typed
 * [normal, Shift, AltGr, Shift+AltGr]; '' = nothing. A reader in HID keyboard mode emulates a keyboard
 * of the layout it is configured for (its "country" setting), so the same barcode arrives as different
 * usages on an Italian and on a US configuration: the operator picks the one the reader uses.
 *
 * Only what a reader types is listed: letters, digits, punctuation, space, the keypad. Enter / Keypad
 * Enter give '\r' and Tab '\t' (the scan terminators); Escape, Backspace, arrows, function keys, Caps Lock
 * give nothing. Keypad digits are taken as digits (Num Lock on, as readers assume).
 */
export type KeyEntry = readonly [normal: string, shift: string, altGr?: string, shiftAltGr?: string];
export type LayoutTable = ReadonlyMap<number, KeyEntry>;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** What every layout shares: Enter, Tab, Space and the keypad. */
function common(): [number, KeyEntry][] {
  const keys: [number, KeyEntry][] = [
    [0x28, ['\r', '\r']], // Enter
    [0x2b, ['\t', '\t']], // Tab
    [0x2c, [' ', ' ']], // Space
    [0x54, ['/', '/']], // Keypad /
    [0x55, ['*', '*']], // Keypad *
    [0x56, ['-', '-']], // Keypad -
    [0x57, ['+', '+']], // Keypad +
    [0x58, ['\r', '\r']], // Keypad Enter
    [0x62, ['0', '0']], // Keypad 0
    [0x63, ['.', '.']], // Keypad .
  ];
  for (let i = 0; i < 9; i++) keys.push([0x59 + i, [String(i + 1), String(i + 1)]]); // Keypad 1–9
  return keys;
}

/** Letters a–z on usages 0x04–0x1D, with optional AltGr characters. */
function letters(altGr: Record<string, string> = {}): [number, KeyEntry][] {
  return [...LETTERS].map((c, i) => [0x04 + i, altGr[c] ? [c, c.toUpperCase(), altGr[c]] : [c, c.toUpperCase()]]);
}

/** The digit row (usages 0x1E–0x27 = 1 … 9, 0) with its Shift characters. */
function digitRow(shifted: string): [number, KeyEntry][] {
  const digits = '1234567890';
  return [...digits].map((d, i) => [0x1e + i, [d, shifted[i] ?? '']]);
}

/** US (ANSI, "English (US)"). */
const US: [number, KeyEntry][] = [
  ...letters(),
  ...digitRow('!@#$%^&*()'),
  [0x2d, ['-', '_']],
  [0x2e, ['=', '+']],
  [0x2f, ['[', '{']],
  [0x30, [']', '}']],
  [0x31, ['\\', '|']],
  [0x32, ['\\', '|']], // Non-US # (ISO key), same as 0x31 on US layouts
  [0x33, [';', ':']],
  [0x34, ["'", '"']],
  [0x35, ['`', '~']],
  [0x36, [',', '<']],
  [0x37, ['.', '>']],
  [0x38, ['/', '?']],
  [0x64, ['\\', '|']], // Non-US \ (ISO key left of Z)
  ...common(),
];

/** Italian (ISO, "Italiano" of Windows / xkb "it"): the usage names are those of the US key caps. */
const IT: [number, KeyEntry][] = [
  ...letters({ e: '€' }),
  ...digitRow('!"£$%&/()='),
  [0x2d, ["'", '?']], // US "-"
  [0x2e, ['ì', '^']], // US "="
  [0x2f, ['è', 'é', '[', '{']], // US "["
  [0x30, ['+', '*', ']', '}']], // US "]"
  [0x31, ['ù', '§']], // US "\": readers may send it for the key beside Enter
  [0x32, ['ù', '§']], // Non-US # (the ISO key beside Enter)
  [0x33, ['ò', 'ç', '@']], // US ";"
  [0x34, ['à', '°', '#']], // US "'"
  [0x35, ['\\', '|']], // US "`": the key left of 1
  [0x36, [',', ';']],
  [0x37, ['.', ':']],
  [0x38, ['-', '_']], // US "/"
  [0x64, ['<', '>']], // Non-US \ (ISO key left of Z)
  ...common(),
];

export const LAYOUTS: Readonly<Record<KeyboardLayout, LayoutTable>> = {
  us: new Map(US),
  it: new Map(IT),
};

/** The characters a layout can type (without the terminators), for tests and fixtures. */
export function typeableCharacters(layout: KeyboardLayout): Set<string> {
  const out = new Set<string>();
  for (const entry of LAYOUTS[layout].values()) for (const c of entry) if (c && c !== '\r' && c !== '\t') out.add(c);
  return out;
}
