import type { KeyboardLayout } from '#shared/domain/capture';
import { LAYOUTS, type LayoutTable } from './layouts';

/** Modifier bits of byte 0 of a boot keyboard report. */
export const MOD = {
  LCTRL: 0x01,
  LSHIFT: 0x02,
  LALT: 0x04,
  LGUI: 0x08,
  RCTRL: 0x10,
  RSHIFT: 0x20,
  /** Right Alt = AltGr on the Italian layout. */
  RALT: 0x40,
  RGUI: 0x80,
} as const;

/** Boot-protocol keyboard input report length: [modifiers, reserved, key1 … key6]. */
export const BOOT_REPORT_LENGTH = 8;

/**
 * Decodes the input reports of a reader in HID keyboard mode (boot protocol, 8 bytes:
 * modifiers, reserved, up to 6 usages of the keys held down) into the characters typed.
 *
 * - A report lists the keys HELD: only a key that was not in the previous report is a new key press.
 *   Key rollover (the next key down before the previous one is up) types both keys once; a key held across
 *   reports is not repeated; a key released and pressed again ("11", "00") is typed again.
 * - A 9-byte report is taken as a report id followed by the boot report (composite devices).
 *   Other lengths are ignored.
 * - The phantom state (ErrorRollOver 0x01, POSTFail 0x02, ErrorUndefined 0x03 in the key slots: too many
 *   keys) is ignored and does not change which keys count as held.
 * - Shift (left or right) and AltGr (right Alt, or Ctrl+Alt as on Windows) select the character in the
 *   layout table; Ctrl, Alt or GUI alone with a key type nothing. Enter / Keypad Enter give '\r' and Tab
 *   '\t' whatever the modifiers.
 */
export class KeyboardDecoder {
  private table: LayoutTable;
  /** Usages held in the previous accepted report. */
  private held: number[] = [];

  constructor(layout: KeyboardLayout) {
    this.table = LAYOUTS[layout];
  }

  setLayout(layout: KeyboardLayout): void {
    this.table = LAYOUTS[layout];
  }

  /** Forgets the keys held (device reopened: its first report starts from "no key down"). */
  reset(): void {
    this.held = [];
  }

  /** The characters typed by this report ('' when none). */
  decode(report: Uint8Array): string {
    let o: number;
    if (report.length === BOOT_REPORT_LENGTH) o = 0;
    else if (report.length === BOOT_REPORT_LENGTH + 1) o = 1;
    else return '';
    const mods = report[o] ?? 0;
    const keys: number[] = [];
    for (let i = o + 2; i < o + BOOT_REPORT_LENGTH; i++) {
      const k = report[i] ?? 0;
      if (k >= 0x01 && k <= 0x03) return ''; // phantom state: keep the previous held set
      if (k !== 0 && !keys.includes(k)) keys.push(k);
    }
    let out = '';
    const shift = (mods & (MOD.LSHIFT | MOD.RSHIFT)) !== 0;
    const ctrl = (mods & (MOD.LCTRL | MOD.RCTRL)) !== 0;
    const altGr = (mods & MOD.RALT) !== 0 || (ctrl && (mods & MOD.LALT) !== 0);
    const blocked = !altGr && (ctrl || (mods & (MOD.LALT | MOD.LGUI | MOD.RGUI)) !== 0);
    for (const k of keys) {
      if (this.held.includes(k)) continue;
      const entry = this.table.get(k);
      if (!entry) continue;
      const [normal, shifted, withAltGr, shiftAltGr] = entry;
      if (normal === '\r' || normal === '\t') {
        out += normal;
        continue;
      }
      if (blocked) continue;
      out += (altGr ? (shift ? shiftAltGr : withAltGr) : shift ? shifted : normal) ?? '';
    }
    this.held = keys;
    return out;
  }
}
