import { createCaptureService, type CaptureServiceOptions, type SettingsStore } from '#main/capture/service';
import { FakeTransport } from '#main/capture/fake-transport';
import type { CaptureSettings, HidDeviceInfo, HidReaderSetting, ReaderState, ScanEvent } from '#shared/domain/capture';

export function memoryStore(initial: Record<string, string> = {}): SettingsStore & { map: Map<string, string> } {
  const map = new Map(Object.entries(initial));
  return {
    map,
    get: async (k) => map.get(k) ?? null,
    set: async (k, v) => {
      map.set(k, v);
    },
  };
}

export function readerFor(device: HidDeviceInfo, over: Partial<HidReaderSetting> = {}): HidReaderSetting {
  return { vendorId: device.vendorId, productId: device.productId, serialNumber: device.serialNumber, mode: 'keyboard', layout: 'us', label: 'Lettore banco 1', ...over };
}

export function enabled(hid: HidReaderSetting | null): CaptureSettings {
  return { enabled: true, hid, wedge: { maxInterKeyMs: 35, minLength: 8 } };
}

/** A capture service over a fake transport and an in-memory store, recording what it emits. Long poll by
 * default: the tests call refresh() themselves unless they test the poll. */
export function setup(options: Partial<CaptureServiceOptions> & { devices?: HidDeviceInfo[] } = {}) {
  const transport = new FakeTransport(options.devices ?? []);
  const store = memoryStore();
  const scans: ScanEvent[] = [];
  const states: ReaderState[] = [];
  const service = createCaptureService({
    store,
    transport,
    events: { scan: (e) => scans.push(e), state: (s) => states.push(s) },
    platform: 'linux',
    pollMs: 60_000,
    ...options,
  });
  return { service, transport, store, scans, states, texts: () => scans.map((s) => s.text), last: () => states.at(-1)?.state };
}
