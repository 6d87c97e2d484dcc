import { afterEach, describe, expect, it, vi } from 'vitest';
import { CAPTURE_SETTINGS_KEY, createCaptureService, findReader, openErrorMessage } from '#main/capture/service';
import { fakeDevice } from '#main/capture/fake-transport';
import { encodeKeyboard } from '#main/capture/keyboard-encoder';
import { DEFAULT_CAPTURE_SETTINGS } from '#shared/domain/capture';
import { ANAGRAFICA, IT_MATRICOLA, MATRICOLA, POS_ANAGRAFICA, reports, US_MATRICOLA } from './fixtures';
import { enabled, memoryStore, readerFor, setup } from './helpers';

const stops: (() => Promise<void>)[] = [];
function track<T extends ReturnType<typeof setup>>(s: T): T {
  stops.push(() => s.service.stop());
  return s;
}
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  vi.useRealTimers();
});

const reader = fakeDevice();

describe('capture service: settings', () => {
  it('defaults when nothing is stored, or what is stored is not valid', async () => {
    const s = track(setup());
    expect(await s.service.settings()).toEqual(DEFAULT_CAPTURE_SETTINGS);
    s.store.map.set(CAPTURE_SETTINGS_KEY, '{not json');
    expect(await s.service.settings()).toEqual(DEFAULT_CAPTURE_SETTINGS);
    s.store.map.set(CAPTURE_SETTINGS_KEY, JSON.stringify({ enabled: true, hid: { vendorId: -1 } }));
    expect(await s.service.settings()).toEqual(DEFAULT_CAPTURE_SETTINGS);
    await s.service.start();
    expect(s.service.state().state).toBe('disattivata');
  });

  it('round trip: saved under "capture", read back by a new service, which follows the reader at start', async () => {
    const s = track(setup({ devices: [reader] }));
    const wanted = enabled(readerFor(reader, { layout: 'it' }));
    expect(await s.service.saveSettings(wanted)).toEqual(wanted);
    expect(JSON.parse(s.store.map.get(CAPTURE_SETTINGS_KEY) ?? 'null')).toEqual(wanted);

    const states: string[] = [];
    const again = createCaptureService({ store: s.store, transport: s.transport, events: { scan() {}, state: (x) => states.push(x.state) }, platform: 'linux', pollMs: 60_000 });
    stops.push(() => again.stop());
    expect(await again.settings()).toEqual(wanted);
    await again.start();
    expect(states).toEqual(['in-attesa', 'collegato']);
  });

  it('refuses invalid settings', async () => {
    const s = track(setup());
    await expect(s.service.saveSettings({ ...DEFAULT_CAPTURE_SETTINGS, wedge: { maxInterKeyMs: 1, minLength: 8 } })).rejects.toThrow();
    expect(s.store.map.size).toBe(0);
  });

  it('capture on without a HID reader chosen: disattivata, explained', async () => {
    const s = track(setup({ devices: [reader] }));
    await s.service.start();
    await s.service.saveSettings(enabled(null));
    expect(s.service.state()).toMatchObject({ state: 'disattivata', message: expect.stringContaining('Nessun lettore HID') });
    expect(s.transport.connections).toHaveLength(0);
  });
});

describe('capture service: reader', () => {
  it('configured reader not present → nessun-lettore; plugged → collegato and scans flow', async () => {
    const s = track(setup({ now: () => 1234 }));
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(reader)));
    expect(s.service.state()).toMatchObject({ state: 'nessun-lettore', message: expect.stringContaining('Lettore banco 1') });
    await s.service.refresh();
    expect(s.states.filter((x) => x.state === 'nessun-lettore')).toHaveLength(1); // emitted on change only

    s.transport.plug(reader);
    await s.service.refresh();
    expect(s.service.state()).toEqual({ state: 'collegato', message: expect.stringContaining('modalità tastiera, layout USA'), device: 'Symbol Bar Code Scanner (05e0:1200)' });
    s.transport.current?.feed(reports(US_MATRICOLA));
    expect(s.scans).toEqual([{ text: MATRICOLA, source: 'hid', at: 1234 }]);
  });

  it('decodes with the configured layout; changing it reopens the reader', async () => {
    const s = track(setup({ devices: [reader] }));
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(reader, { layout: 'it' })));
    const first = s.transport.current;
    first?.feed(reports(IT_MATRICOLA));
    first?.feed(encodeKeyboard(`${ANAGRAFICA}\r`, 'it', { modifierFirst: true }));
    expect(s.texts()).toEqual([MATRICOLA, ANAGRAFICA]);
    await s.service.saveSettings(enabled(readerFor(reader, { layout: 'us' })));
    expect(first?.closed).toBe(true);
    s.transport.current?.feed(encodeKeyboard(`${ANAGRAFICA}\r`, 'us'));
    expect(s.texts()).toEqual([MATRICOLA, ANAGRAFICA, ANAGRAFICA]);
  });

  it('unplugged mid-scan: the partial scan is dropped; re-plugged: capture resumes by itself', async () => {
    const s = track(setup({ devices: [reader], pollMs: 5 }));
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(reader)));
    const first = s.transport.current;
    const rs = reports(US_MATRICOLA);
    first?.feed(rs.slice(0, 40));
    s.transport.unplug(reader);
    expect(s.service.state()).toMatchObject({ state: 'nessun-lettore', message: expect.stringContaining('scollegato') });
    expect(first?.closed).toBe(true);
    first?.feed(rs.slice(40)); // late reports of the dead connection: ignored
    expect(s.scans).toEqual([]);

    s.transport.plug(reader);
    await vi.waitFor(() => expect(s.service.state().state).toBe('collegato'), { timeout: 2_000, interval: 5 });
    const second = s.transport.current;
    expect(second).not.toBe(first);
    second?.feed(rs);
    expect(s.texts()).toEqual([MATRICOLA]);
    expect(s.states.map((x) => x.state)).toEqual(['in-attesa', 'collegato', 'nessun-lettore', 'collegato']);
  });

  it('a reader gone without a read error is noticed by the poll (partial dropped too)', async () => {
    const s = track(setup({ devices: [reader] }));
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(reader)));
    const rs = reports(US_MATRICOLA);
    s.transport.current?.feed(rs.slice(0, 40));
    s.transport.unplug(reader, { silent: true });
    await s.service.refresh();
    expect(s.service.state().state).toBe('nessun-lettore');
    s.transport.plug(reader);
    await s.service.refresh();
    expect(s.service.state().state).toBe('collegato');
    s.transport.current?.feed(rs); // with the old partial kept this would be one long invalid scan
    expect(s.texts()).toEqual([MATRICOLA]);
  });

  it('permission denied on Linux: errore naming the udev rule; fixed and re-plugged → collegato', async () => {
    const s = track(setup({ devices: [reader] }));
    s.transport.openError = (d) => new Error(`cannot open device with path ${d.path}: Failed to open a device with path '${d.path}': Permission denied`);
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(reader)));
    const st = s.service.state();
    expect(st.state).toBe('errore');
    expect(st.message).toContain('Permessi insufficienti');
    expect(st.message).toContain('/dev/hidraw3');
    expect(st.message).toContain('/etc/udev/rules.d/70-red-desk-lettore.rules');
    expect(st.message).toContain('SUBSYSTEM=="hidraw", ATTRS{idVendor}=="05e0", ATTRS{idProduct}=="1200", MODE="0660", TAG+="uaccess"');
    expect(st.message).toContain('sudo udevadm control --reload-rules && sudo udevadm trigger');
    s.transport.openError = null;
    await s.service.refresh();
    expect(s.service.state().state).toBe('collegato');
  });

  it('permission denied elsewhere and other open failures: errore without udev', () => {
    const perm = new Error('cannot open device with path \\\\?\\hid#vid_05e0: Access denied');
    expect(openErrorMessage(perm, reader, 'win32')).toMatch(/^Accesso negato al lettore «Symbol Bar Code Scanner \(05e0:1200\)».*HID POS/);
    expect(openErrorMessage(perm, reader, 'win32')).not.toContain('udev');
    expect(openErrorMessage(new Error('device busy'), reader, 'linux')).toBe('Impossibile aprire il lettore «Symbol Bar Code Scanner (05e0:1200)»: device busy');
  });

  it('devices cannot be listed (libusb missing): errore, and devices() gives the reason', async () => {
    const s = track(setup({ devices: [reader] }));
    s.transport.listError = new Error('Libreria libusb non trovata: installare il pacchetto libusb-1.0-0');
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(reader)));
    expect(s.service.state()).toMatchObject({ state: 'errore', message: expect.stringContaining('libusb') });
    expect(await s.service.devices()).toEqual({ devices: [], error: expect.stringContaining('libusb-1.0-0') });
    s.transport.listError = null;
    expect(await s.service.devices()).toEqual({ devices: [reader], error: null });
  });

  it('HID POS mode: opens the POS interface of the reader and reads multi-report barcodes', async () => {
    const kbIf = fakeDevice({ path: '/dev/hidraw3' });
    const posIf = fakeDevice({ path: '/dev/hidraw4', usagePage: 0x8c, usage: 0x02 });
    const s = track(setup({ devices: [kbIf, posIf] }));
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(kbIf, { mode: 'pos' })));
    expect(s.transport.current?.device.path).toBe('/dev/hidraw4');
    expect(s.service.state().message).toContain('modalità HID POS');
    s.transport.current?.feed(reports(POS_ANAGRAFICA));
    expect(s.texts()).toEqual([ANAGRAFICA]);
  });

  it('finds the reader by vendor/product and serial; a remembered serial must match', () => {
    const other = fakeDevice({ serialNumber: 'OTHER', path: '/dev/hidraw7' });
    const kb = fakeDevice({ path: '/dev/hidraw3' });
    expect(findReader([other], readerFor(kb))).toBeNull();
    expect(findReader([other, kb], readerFor(kb))?.path).toBe('/dev/hidraw3');
    expect(findReader([other], readerFor(kb, { serialNumber: null }))?.path).toBe('/dev/hidraw7');
    expect(findReader([fakeDevice({ productId: 1 })], readerFor(kb))).toBeNull();
  });

  it('disabling closes the reader; nothing is emitted afterwards', async () => {
    const s = track(setup({ devices: [reader] }));
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(reader)));
    const conn = s.transport.current;
    await s.service.saveSettings({ ...DEFAULT_CAPTURE_SETTINGS, hid: readerFor(reader) });
    expect(conn?.closed).toBe(true);
    expect(s.service.state().state).toBe('disattivata');
    conn?.feed(reports(US_MATRICOLA));
    expect(s.scans).toEqual([]);
  });

  it('saving the same reader settings again (e.g. only the wedge changed) does not reopen it', async () => {
    const s = track(setup({ devices: [reader] }));
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(reader)));
    await s.service.saveSettings({ ...enabled(readerFor(reader)), wedge: { maxInterKeyMs: 50, minLength: 10 } });
    expect(s.transport.connections).toHaveLength(1);
  });

  it('stop() closes the reader and leaves no timer; an open finishing after stop is closed', async () => {
    vi.useFakeTimers();
    const s = setup({ devices: [reader], pollMs: 2_000 });
    await s.service.start();
    await s.service.saveSettings(enabled(readerFor(reader)));
    expect(vi.getTimerCount()).toBe(1);
    await s.service.stop();
    expect(vi.getTimerCount()).toBe(0);
    expect(s.transport.current).toBeUndefined();

    // stop() while the open is in flight
    const slow = setup({ devices: [reader], pollMs: 2_000 });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const open = slow.transport.open.bind(slow.transport);
    let opening = false;
    slow.transport.open = async (d) => {
      opening = true;
      await gate;
      return open(d);
    };
    await slow.service.start();
    const saving = slow.service.saveSettings(enabled(readerFor(reader)));
    await vi.waitFor(() => expect(opening).toBe(true));
    const stopping = slow.service.stop();
    release();
    await Promise.all([saving, stopping]);
    expect(slow.transport.connections).toHaveLength(1);
    expect(slow.transport.connections.every((c) => c.closed)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a settings store that fails keeps the defaults and start() does not throw', async () => {
    const store = memoryStore();
    store.get = async () => {
      throw new Error('archivio chiuso');
    };
    const s = track(setup({ store }));
    await expect(s.service.start()).resolves.toBeUndefined();
    expect(await s.service.settings()).toEqual(DEFAULT_CAPTURE_SETTINGS);
  });
});
