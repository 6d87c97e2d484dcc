import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/**
 * What this machine has, found without node-hid (the code under test), so that a test that depends on the
 * machine asserts the one outcome that machine must give instead of accepting either.
 */
function libusbInstalled(): boolean {
  try {
    return /\blibusb-1\.0\.so\.0\b/.test(execFileSync('/sbin/ldconfig', ['-p'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}

export const HAS_LIBUSB = libusbInstalled();
/** HID devices the kernel exposes (none in CI containers). */
export const HIDRAW_DEVICES = (() => {
  try {
    return readdirSync('/dev').filter((n) => n.startsWith('hidraw'));
  } catch {
    return [];
  }
})();
