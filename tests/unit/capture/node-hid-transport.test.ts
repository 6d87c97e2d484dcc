import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createNodeHidTransport, hidLoadErrorMessage } from '#main/capture/node-hid-transport';
import { fakeDevice } from '#main/capture/fake-transport';

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
  it('with the real node-hid on this machine: lists (no devices here) or says why not, in Italian', async () => {
    const t = createNodeHidTransport();
    try {
      const devices = await t.list();
      expect(Array.isArray(devices)).toBe(true);
    } catch (e) {
      expect((e as Error).message).toMatch(/libusb-1\.0-0|node-hid/);
    }
  });

  it('with the real node-hid: opening a reader that is not there fails with node-hid’s reason', async () => {
    const t = createNodeHidTransport();
    await expect(t.open(fakeDevice({ path: null }))).rejects.toThrow(/cannot open device|libusb|node-hid/i);
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
