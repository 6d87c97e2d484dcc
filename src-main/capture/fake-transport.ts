import type { HidDeviceInfo } from '#shared/domain/capture';
import type { HidConnection, HidTransport } from './transport';

/**
 * An in-memory HID transport fed with recorded reports: the unit and integration tests and the benchmark
 * use it (this machine has no HID device). Devices are plugged / unplugged by hand; an unplug fails the
 * open connections of the device the way node-hid does (a read error).
 */
export class FakeTransport implements HidTransport {
  private present: HidDeviceInfo[] = [];
  /** Every connection opened, oldest first. */
  readonly connections: FakeConnection[] = [];
  /** When set, list() rejects with it (e.g. libusb missing). */
  listError: Error | null = null;
  /** When set, open() rejects with what it returns for the device (e.g. a permission error). */
  openError: ((device: HidDeviceInfo) => Error | null) | null = null;
  listCalls = 0;

  constructor(devices: readonly HidDeviceInfo[] = []) {
    this.present = [...devices];
  }

  plug(device: HidDeviceInfo): void {
    this.present.push(device);
  }

  /** Removes the device; its open connections get a read error (as with node-hid) unless `silent`. */
  unplug(device: HidDeviceInfo, options: { silent?: boolean } = {}): void {
    this.present = this.present.filter((d) => d !== device);
    if (options.silent) return;
    for (const c of this.connections) if (c.device === device && !c.closed) c.fail(new Error('could not read from HID device'));
  }

  /** The connection currently open (the newest one not closed). */
  get current(): FakeConnection | undefined {
    for (let i = this.connections.length - 1; i >= 0; i--) {
      const c = this.connections[i];
      if (c && !c.closed) return c;
    }
    return undefined;
  }

  async list(): Promise<HidDeviceInfo[]> {
    this.listCalls++;
    if (this.listError) throw this.listError;
    return this.present.map((d) => ({ ...d }));
  }

  async open(device: HidDeviceInfo): Promise<HidConnection> {
    const target = this.present.find((d) => (d.path !== null ? d.path === device.path : d.vendorId === device.vendorId && d.productId === device.productId));
    if (!target) throw new Error(`cannot open device with vendor id 0x${device.vendorId.toString(16)} and product id 0x${device.productId.toString(16)}`);
    const err = this.openError?.(target);
    if (err) throw err;
    const c = new FakeConnection(target);
    this.connections.push(c);
    return c;
  }
}

export class FakeConnection implements HidConnection {
  closed = false;
  private data: ((report: Uint8Array) => void)[] = [];
  private errors: ((e: Error) => void)[] = [];

  constructor(readonly device: HidDeviceInfo) {}

  onData(listener: (report: Uint8Array) => void): void {
    this.data.push(listener);
  }

  onError(listener: (e: Error) => void): void {
    this.errors.push(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Delivers reports as the device would (synchronously, in order). */
  feed(reports: Iterable<Uint8Array>): void {
    for (const r of reports) {
      if (this.closed) return;
      for (const l of this.data) l(r);
    }
  }

  fail(error: Error): void {
    if (this.closed) return;
    for (const l of this.errors) l(error);
  }
}

/** A device description for tests: a keyboard-mode reader unless told otherwise. */
export function fakeDevice(over: Partial<HidDeviceInfo> = {}): HidDeviceInfo {
  return {
    vendorId: 0x05e0,
    productId: 0x1200,
    serialNumber: 'S123',
    manufacturer: 'Symbol',
    product: 'Bar Code Scanner',
    path: '/dev/hidraw3',
    usagePage: 0x01,
    usage: 0x06,
    ...over,
  };
}
