import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createNodeHidTransport, hidLoadErrorMessage } from '#main/capture/node-hid-transport';
import { fakeDevice } from '#main/capture/fake-transport';
import { HAS_LIBUSB, HIDRAW_DEVICES } from '../../helpers/machine';

/** A stand-in for the node-hid module: devicesAsync and HIDAsync.open. */
function fakeModule(options: { devices?: unknown[]; devicesError?: Error; opened?: FakeHid[] } = {}) {
  return {
    devicesAsync: async () => {
      if (options.devicesError) throw options.devicesError;
      return options.devices ?? [];
    },
    HIDAsync: {
      open: async (...args: unknown[]) => {
        const h = new FakeHid(args);
        options.opened?.push(h);
        return h;
      },
    },
  };
}
class FakeHid extends EventEmitter {
  closed = false;
  constructor(readonly args: unknown[]) {
    super();
  }
  async close() {
    this.closed = true;
  }
}

describe('node-hid transport', () => {
  // The real node-hid: one test per kind of machine (libusb is found with ldconfig, not through node-hid).
  it.runIf(HAS_LIBUSB && HIDRAW_DEVICES.length === 0)('with the real node-hid and libusb, no HID device: an empty list', async () => {
    expect(await createNodeHidTransport().list()).toEqual([]);
  });

  it.runIf(!HAS_LIBUSB)('with the real node-hid and no libusb: the list names the package to install', async () => {
    await expect(createNodeHidTransport().list()).rejects.toThrow('Libreria libusb non trovata: installare il pacchetto libusb-1.0-0');
  });

  it.runIf(HAS_LIBUSB)('with the real node-hid and libusb: opening a reader that is not there fails with node-hid’s reason', async () => {
    await expect(createNodeHidTransport().open(fakeDevice({ path: null }))).rejects.toThrow(/^cannot open device with vendor id 0x5e0 and product id 0x1200/);
  });

  it.runIf(!HAS_LIBUSB)('with the real node-hid and no libusb: opening a reader fails with the loader’s reason', async () => {
    // (The service lists first, so the operator sees the Italian libusb message of list().)
    await expect(createNodeHidTransport().open(fakeDevice({ path: null }))).rejects.toThrow(/libusb-1\.0\.so\.0: cannot open shared object file/);
  });

  it('node-hid missing: an Italian reason, and the load is retried on the next call', async () => {
    let calls = 0;
    const t = createNodeHidTransport(async () => {
      calls++;
      throw new Error("Cannot find module 'node-hid'");
    });
    await expect(t.list()).rejects.toThrow(/^Modulo node-hid non disponibile/);
    await expect(t.list()).rejects.toThrow(/^Modulo node-hid non disponibile/);
    expect(calls).toBe(2);
  });

  it('libusb missing: names the package to install', async () => {
    const t = createNodeHidTransport(async () => fakeModule({ devicesError: new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory') }));
    await expect(t.list()).rejects.toThrow('Libreria libusb non trovata: installare il pacchetto libusb-1.0-0');
    expect(hidLoadErrorMessage(new Error('boom'))).toBe('Elenco dei dispositivi HID non disponibile: boom');
  });

  it('maps node-hid devices (missing strings → null) and finds the functions on a default export too', async () => {
    const raw = { vendorId: 0x5e0, productId: 0x1200, path: '/dev/hidraw0', serialNumber: '', product: 'Scanner', release: 1, interface: 0, usagePage: 0x8c, usage: 2 };
    const t = createNodeHidTransport(async () => ({ default: fakeModule({ devices: [raw] }) }));
    expect(await t.list()).toEqual([
      { vendorId: 0x5e0, productId: 0x1200, serialNumber: null, manufacturer: null, product: 'Scanner', path: '/dev/hidraw0', usagePage: 0x8c, usage: 2 },
    ]);
  });

  it('opens by path (else by ids), gives reports as Uint8Array, delivers an early error, closes once', async () => {
    const opened: FakeHid[] = [];
    const t = createNodeHidTransport(async () => fakeModule({ opened }));
    const byPath = await t.open(fakeDevice());
    await t.open(fakeDevice({ path: null }));
    expect(opened.map((h) => h.args)).toEqual([['/dev/hidraw3'], [0x05e0, 0x1200]]);
    const hid = opened[0];
    if (!hid) throw new Error('not opened');

    const reports: number[][] = [];
    byPath.onData((r) => {
      expect(r).toBeInstanceOf(Uint8Array);
      reports.push([...r]);
    });
    hid.emit('data', Buffer.from([2, 0, 4, 0, 0, 0, 0, 0]));
    expect(reports).toEqual([[2, 0, 4, 0, 0, 0, 0, 0]]);

    hid.emit('error', new Error('could not read from HID device')); // before anyone listens: kept, no throw
    const errors: string[] = [];
    byPath.onError((e) => errors.push(e.message));
    expect(errors).toEqual(['could not read from HID device']);

    await byPath.close();
    await byPath.close();
    expect(hid.closed).toBe(true);
    hid.emit('error', new Error('late'));
    expect(errors).toHaveLength(1);
  });
});
