import { createRequire } from 'node:module';
import type { HidDeviceInfo } from '#shared/domain/capture';
import type { HidConnection, HidTransport } from './transport';

type NodeHid = typeof import('node-hid');
type NodeHidDevice = import('node-hid').Device;

/**
 * The HID transport of the app: node-hid (hidapi; on Linux the hidraw driver), loaded LAZILY on first use
 * so that a missing native module or a missing libusb never stops RED Desk from starting: listing the
 * devices then fails with an Italian reason the settings show. Uses the asynchronous API (devicesAsync,
 * HIDAsync): enumerating and reading never block the main thread.
 *
 * Loaded with a plain CommonJS require (next to the bundle: dist/main → node_modules; in the packaged app
 * through Electron's asar-aware require), not import(): the module is external to the esbuild bundle.
 */
export function createNodeHidTransport(load: () => Promise<unknown> = loadNodeHid): HidTransport {
  let loaded: Promise<NodeHid> | null = null;
  const hid = (): Promise<NodeHid> => {
    loaded ??= load().then(
      (mod) => {
        // CommonJS module: the functions are on the namespace (Node, vitest) or on its default (esbuild).
        const m = mod as Partial<NodeHid> & { default?: Partial<NodeHid> };
        const api = typeof m.devicesAsync === 'function' ? m : m.default;
        if (!api || typeof api.devicesAsync !== 'function' || !api.HIDAsync) throw new Error('modulo node-hid senza devicesAsync/HIDAsync');
        return api as NodeHid;
      },
      (e: unknown) => {
        loaded = null; // retried on the next call
        throw new Error(hidLoadErrorMessage(e));
      },
    );
    return loaded;
  };

  return {
    async list() {
      const api = await hid();
      try {
        return (await api.devicesAsync()).map(toDeviceInfo);
      } catch (e) {
        throw new Error(hidLoadErrorMessage(e));
      }
    },
    async open(device) {
      const api = await hid();
      const dev = device.path ? await api.HIDAsync.open(device.path) : await api.HIDAsync.open(device.vendorId, device.productId);
      return wrap(dev);
    },
  };
}

async function loadNodeHid(): Promise<unknown> {
  return createRequire(__filename)('node-hid');
}

function wrap(dev: import('node-hid').HIDAsync): HidConnection {
  const errorListeners: ((e: Error) => void)[] = [];
  let pendingError: Error | null = null;
  let closed = false;
  // Attached at once: an 'error' without a listener would throw out of the EventEmitter.
  dev.on('error', (e: unknown) => {
    if (closed) return;
    const err = e instanceof Error ? e : new Error(String(e));
    if (errorListeners.length === 0) pendingError ??= err;
    for (const l of errorListeners) l(err);
  });
  return {
    onData(listener) {
      // Adding the first 'data' listener starts node-hid's read thread.
      dev.on('data', (data: Buffer) => listener(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
    },
    onError(listener) {
      errorListeners.push(listener);
      if (pendingError) listener(pendingError);
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await dev.close();
      } catch {
        // Already gone (unplugged): nothing to release.
      }
    },
  };
}

function toDeviceInfo(d: NodeHidDevice): HidDeviceInfo {
  const s = (v: string | undefined) => (v === undefined || v === '' ? null : v);
  const n = (v: number | undefined) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  return {
    vendorId: d.vendorId,
    productId: d.productId,
    serialNumber: s(d.serialNumber),
    manufacturer: s(d.manufacturer),
    product: s(d.product),
    path: s(d.path),
    usagePage: n(d.usagePage),
    usage: n(d.usage),
  };
}

/** Why node-hid cannot list the devices, in Italian for the operator. */
export function hidLoadErrorMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  if (/libusb/i.test(msg)) return 'Libreria libusb non trovata: installare il pacchetto libusb-1.0-0 (sudo apt-get install libusb-1.0-0) e riavviare RED Desk.';
  if (/cannot find module|no native build|could not locate the bindings|node-hid/i.test(msg)) {
    return `Modulo node-hid non disponibile in questa installazione di RED Desk: i lettori HID non si possono usare (resta la lettura come tastiera). Dettaglio: ${msg}`;
  }
  return `Elenco dei dispositivi HID non disponibile: ${msg}`;
}
