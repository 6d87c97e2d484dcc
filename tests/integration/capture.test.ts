import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startCore, type Core } from '#main/services/core';
import { FakeTransport, fakeDevice } from '#main/capture/fake-transport';
import { encodePosReports } from '#main/capture/pos-decoder';
import type { EventName } from '#shared/api/contract';
import { ANAGRAFICA, MATRICOLA, reports, US_MATRICOLA } from '../unit/capture/fixtures';
import { HAS_LIBUSB, HIDRAW_DEVICES } from '../helpers/machine';

// The archive runs in its bundled worker: `node scripts/build.mjs` first (npm test does).
const WORKER = resolve(__dirname, '..', '..', 'dist', 'main', 'archive-worker.cjs');
const device = fakeDevice();
const reader = { vendorId: device.vendorId, productId: device.productId, serialNumber: device.serialNumber, mode: 'keyboard', layout: 'us', label: 'Lettore sportello' } as const;
const settings = { enabled: true, hid: reader, wedge: { maxInterKeyMs: 35, minLength: 8 } };

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'red-capture-'));
  dirs.push(d);
  return d;
};

let core: Core;
let transport: FakeTransport;
const events: { name: EventName; payload: unknown }[] = [];
let dataDir: string;

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`Manca ${WORKER}: eseguire prima «node scripts/build.mjs».`);
  dataDir = tmp();
  transport = new FakeTransport([device]);
  core = await startCore({ dataDir, workerPath: WORKER, hidTransport: transport });
  core.onEvent((name, payload) => events.push({ name, payload }));
});
afterAll(async () => {
  await core?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('HID capture in the real core', () => {
  it('starts with capture off', async () => {
    expect(await core.registry.dispatch('capture.state', {})).toEqual({ ok: true, result: expect.objectContaining({ state: 'disattivata' }) });
    expect(await core.registry.dispatch('capture.settings', {})).toEqual({ ok: true, result: expect.objectContaining({ enabled: false, hid: null }) });
  });

  it('saved settings open the reader; a recorded scan reaches the event bus as capture.scan', async () => {
    const saved = await core.registry.dispatch('capture.saveSettings', settings);
    expect(saved).toEqual({ ok: true, result: settings });
    expect(events.filter((e) => e.name === 'capture.state').map((e) => (e.payload as { state: string }).state)).toEqual(['in-attesa', 'collegato']);
    const before = Date.now();
    transport.current?.feed(reports(US_MATRICOLA));
    const scans = events.filter((e) => e.name === 'capture.scan');
    expect(scans).toEqual([{ name: 'capture.scan', payload: { text: MATRICOLA, source: 'hid', at: expect.any(Number) } }]);
    expect((scans[0]?.payload as { at: number }).at).toBeGreaterThanOrEqual(before);
  });

  it('unplug mid-scan and re-plug through the core: no partial scan, capture resumes', async () => {
    events.length = 0;
    const rs = reports(US_MATRICOLA);
    transport.current?.feed(rs.slice(0, 30));
    transport.unplug(device);
    expect(await core.registry.dispatch('capture.state', {})).toEqual({ ok: true, result: expect.objectContaining({ state: 'nessun-lettore' }) });
    transport.plug(device);
    // The core's own poll (every 2 s) reopens it.
    await expect.poll(() => transport.current, { timeout: 5_000, interval: 50 }).toBeDefined();
    transport.current?.feed(rs);
    expect(events.filter((e) => e.name === 'capture.scan').map((e) => (e.payload as { text: string }).text)).toEqual([MATRICOLA]);
  });

  it('the settings are persisted in the archive: a restarted core follows the reader again (HID POS)', async () => {
    const pos = { ...settings, hid: { ...reader, mode: 'pos' as const } };
    expect((await core.registry.dispatch('capture.saveSettings', pos)).ok).toBe(true);
    await core.close();
    events.length = 0;
    transport = new FakeTransport([device]);
    core = await startCore({ dataDir, workerPath: WORKER, hidTransport: transport });
    core.onEvent((name, payload) => events.push({ name, payload }));
    expect(await core.registry.dispatch('capture.settings', {})).toEqual({ ok: true, result: pos });
    expect(await core.registry.dispatch('capture.state', {})).toEqual({ ok: true, result: expect.objectContaining({ state: 'collegato' }) });
    transport.current?.feed(encodePosReports(ANAGRAFICA));
    expect(events.filter((e) => e.name === 'capture.scan').map((e) => (e.payload as { text: string }).text)).toEqual([ANAGRAFICA]);
  });

  // The real node-hid: one test per kind of machine (libusb is found with ldconfig, not through node-hid).
  it.runIf(HAS_LIBUSB && HIDRAW_DEVICES.length === 0)('capture.devices with the real node-hid and libusb, no reader plugged: empty list; capture on → nessun-lettore', async () => {
    const real = await startCore({ dataDir: tmp(), workerPath: WORKER });
    try {
      expect(await real.registry.dispatch('capture.devices', {})).toEqual({ ok: true, result: { devices: [], error: null } });
      expect((await real.registry.dispatch('capture.saveSettings', settings)).ok).toBe(true);
      expect(await real.registry.dispatch('capture.state', {})).toEqual({ ok: true, result: expect.objectContaining({ state: 'nessun-lettore' }) });
    } finally {
      await real.close();
    }
  });

  it.runIf(!HAS_LIBUSB)('capture.devices with the real node-hid and no libusb: the libusb message; capture on → errore, not a failure', async () => {
    const real = await startCore({ dataDir: tmp(), workerPath: WORKER });
    try {
      expect(await real.registry.dispatch('capture.devices', {})).toEqual({ ok: true, result: { devices: [], error: expect.stringContaining('libusb-1.0-0') } });
      expect((await real.registry.dispatch('capture.saveSettings', settings)).ok).toBe(true);
      expect(await real.registry.dispatch('capture.state', {})).toEqual({ ok: true, result: expect.objectContaining({ state: 'errore' }) });
    } finally {
      await real.close();
    }
  });
});
