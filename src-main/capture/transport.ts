import type { HidDeviceInfo } from '#shared/domain/capture';

/**
 * The HID transport the capture service reads from: node-hid in the app (./node-hid-transport.ts), a fake
 * fed with recorded reports in the tests and the benchmark (./fake-transport.ts).
 */
export interface HidTransport {
  /** HID devices present. Rejects with an Italian reason when they cannot be listed (e.g. libusb missing). */
  list(): Promise<HidDeviceInfo[]>;
  /** Opens one of the devices `list()` returned (by path when it has one, else by vendor/product id). */
  open(device: HidDeviceInfo): Promise<HidConnection>;
}

/** An open HID device: raw input reports (with the report id first when the device uses report ids). */
export interface HidConnection {
  onData(listener: (report: Uint8Array) => void): void;
  /** Read failure, typically the device unplugged: the connection is dead after it. */
  onError(listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/** HID usage pages / usages the service looks at to pick the right interface of a reader. */
export const USAGE_PAGE_GENERIC_DESKTOP = 0x01;
export const USAGE_KEYBOARD = 0x06;
export const USAGE_PAGE_BARCODE_SCANNER = 0x8c;

/** "05e0:1200", the form lsusb and the udev rules use. */
export function hex4(n: number): string {
  return n.toString(16).padStart(4, '0');
}

/** How a device is shown to the operator: "Symbol Bar Code Scanner (05e0:1200)". */
export function deviceLabel(d: Pick<HidDeviceInfo, 'vendorId' | 'productId' | 'manufacturer' | 'product'>): string {
  const name = [d.manufacturer, d.product].filter((x): x is string => !!x && x.trim() !== '').join(' ').trim();
  const ids = `${hex4(d.vendorId)}:${hex4(d.productId)}`;
  return name ? `${name} (${ids})` : `Dispositivo HID ${ids}`;
}
