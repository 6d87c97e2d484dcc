/**
 * HID barcode readers (issue: scan-to-screen latency, main-process side): recorded reader reports go
 * through the real core (startCore with a fake HID transport, the archive worker, the capture service,
 * the core's event bus) and the time from the report that completes a scan to the 'capture.scan' event on
 * the bus is measured, beside decoding the same reports alone (decoder + assembler, no service, no bus).
 * The renderer side of scan-to-screen is measured elsewhere.
 *
 * Scans: BENCH_SCANS (default 2,000) synthetic matricole and "AN|…" lines, typed by a reader in HID
 * keyboard mode with the Italian layout (Shift in a report of its own, as readers do), and the same texts
 * as HID POS reports.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveClient } from '#main/archive/client';
import { ScanAssembler } from '#main/capture/assembler';
import { FakeTransport, fakeDevice, type FakeConnection } from '#main/capture/fake-transport';
import { KeyboardDecoder } from '#main/capture/keyboard-decoder';
import { encodeKeyboard } from '#main/capture/keyboard-encoder';
import { encodePosReports, PosDecoder } from '#main/capture/pos-decoder';
import { archiveSettingsStore, createCaptureService } from '#main/capture/service';
import type { CaptureService } from '#main/capture/service-types';
import { startCore, type Core } from '#main/services/core';
import type { CaptureSettings, HidDeviceInfo } from '#shared/domain/capture';
import { percentile } from './lib/stats';
import { syntheticDeclarations } from './lib/synthetic';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const SCANS = Number(process.env.BENCH_SCANS ?? 2_000);
const WARMUP = 200;
/** Main-process budget for one scan (report in → event out); the whole scan-to-screen has its own target. */
const EVENT_TARGET_US = { maxValue: 1_000 };

/** A capture service over an archive that is never started (transport without devices): what the other
 * bench modules give createServices. */
export function idleCapture(archive: Pick<ArchiveClient, 'call'>): CaptureService {
  return createCaptureService({ store: archiveSettingsStore(archive), transport: new FakeTransport(), events: { scan() {}, state() {} } });
}

/** The texts scanned: matricole and dati anagrafici lines of synthetic declarations. */
function scanTexts(n: number): string[] {
  const { declarations } = syntheticDeclarations(Math.ceil(n / 2), 4242);
  const out: string[] = [];
  for (const d of declarations) {
    out.push(d.matricola);
    out.push(`AN|${d.codiceFiscale}|${d.cognome}|${d.nome}|M|19400101|ROMA|VIA ROMA ${out.length}|00100|ROMA|RM`);
  }
  return out.slice(0, n);
}

interface Measured {
  /** µs from the report completing the scan to the event. */
  last: number[];
  /** µs from the first report of the scan to the event (the whole scan through the path). */
  whole: number[];
}

/** Feeds each scan's reports one by one (the path is synchronous: the event is out when `feed` returns)
 * and times the report after which `seen()` counted the scan, and the scan from its first report. */
function measure(scans: readonly Uint8Array[][], feed: (r: Uint8Array) => void, seen: () => number): Measured {
  const last: number[] = [];
  const whole: number[] = [];
  scans.forEach((reports, i) => {
    const before = seen();
    let lastUs = Number.NaN;
    let wholeUs = Number.NaN;
    const start = performance.now();
    for (const r of reports) {
      const t0 = performance.now();
      feed(r);
      const t1 = performance.now();
      if (Number.isNaN(lastUs) && seen() !== before) {
        lastUs = (t1 - t0) * 1000;
        wholeUs = (t1 - start) * 1000;
      }
    }
    if (seen() !== before + 1) throw new Error(`bench capture: la scansione ${i} non è arrivata una volta sola`);
    if (i >= WARMUP) {
      last.push(lastUs);
      whole.push(wholeUs);
    }
  });
  return { last, whole };
}

async function throughCore(ctx: BenchContext, device: HidDeviceInfo, hid: NonNullable<CaptureSettings['hid']>, scans: Uint8Array[][], texts: readonly string[]): Promise<Measured> {
  const dataDir = join(ctx.tmpDir, `capture-${hid.mode}`);
  mkdirSync(dataDir, { recursive: true });
  const transport = new FakeTransport([device]);
  const core: Core = await startCore({ dataDir, workerPath: join(ctx.distMain, 'archive-worker.cjs'), hidTransport: transport });
  try {
    let count = 0;
    let wrong = 0;
    core.onEvent((name, payload) => {
      if (name !== 'capture.scan') return;
      if ((payload as { text: string }).text !== texts[count]) wrong++;
      count++;
    });
    const saved = await core.registry.dispatch('capture.saveSettings', { enabled: true, hid, wedge: { maxInterKeyMs: 35, minLength: 8 } });
    if (!saved.ok) throw new Error(saved.error.message);
    const conn: FakeConnection | undefined = transport.current;
    if (!conn) throw new Error('bench capture: lettore finto non aperto');
    const m = measure(scans, (r) => conn.feed([r]), () => count);
    if (wrong > 0) throw new Error(`bench capture: ${wrong} scansioni diverse dal testo codificato`);
    return m;
  } finally {
    await core.close();
  }
}

function decodingAlone(mode: 'keyboard' | 'pos', scans: Uint8Array[][]): Measured {
  let count = 0;
  const assembler = new ScanAssembler(() => count++);
  const keyboard = new KeyboardDecoder('it');
  const pos = new PosDecoder();
  const feed = (r: Uint8Array) => {
    const t = Date.now();
    if (mode === 'keyboard') {
      const s = keyboard.decode(r);
      if (s) assembler.push(s, t);
    } else {
      const s = pos.decode(r, t);
      if (s !== null) {
        assembler.push(s, t);
        assembler.end();
      }
    }
  };
  return measure(scans, feed, () => count);
}

export const captureBench: BenchModule = {
  name: 'capture',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const texts = scanTexts(SCANS + WARMUP);
    const keyboardScans = texts.map((t) => encodeKeyboard(`${t}\r`, 'it', { modifierFirst: true }));
    const posScans = texts.map((t) => encodePosReports(t));
    const reports = keyboardScans.reduce((n, s) => n + s.length, 0);
    ctx.log(`${texts.length} scansioni (${WARMUP} di riscaldamento), ${reports} report tastiera, ${posScans.reduce((n, s) => n + s.length, 0)} report POS`);

    const kbDevice = fakeDevice();
    const posDevice = fakeDevice({ productId: 0x1300, usagePage: 0x8c, usage: 0x02, path: '/dev/hidraw4' });
    const kbHid = { vendorId: kbDevice.vendorId, productId: kbDevice.productId, serialNumber: kbDevice.serialNumber, mode: 'keyboard', layout: 'it', label: 'bench' } as const;
    const posHid = { ...kbHid, productId: posDevice.productId, mode: 'pos' } as const;

    const kbCore = await throughCore(ctx, kbDevice, kbHid, keyboardScans, texts);
    const kbAlone = decodingAlone('keyboard', keyboardScans);
    const posCore = await throughCore(ctx, posDevice, posHid, posScans, texts);
    const posAlone = decodingAlone('pos', posScans);

    const p = (xs: number[], q: number) => percentile(xs, q);
    return [
      row('capture: keyboard, last report → capture.scan p50', p(kbCore.last, 50), 'µs', p(kbAlone.last, 50)),
      row('capture: keyboard, last report → capture.scan p95', p(kbCore.last, 95), 'µs', p(kbAlone.last, 95), EVENT_TARGET_US),
      row('capture: keyboard, whole scan (first report → event) p95', p(kbCore.whole, 95), 'µs', p(kbAlone.whole, 95), EVENT_TARGET_US),
      row('capture: HID POS, report → capture.scan p50', p(posCore.last, 50), 'µs', p(posAlone.last, 50)),
      row('capture: HID POS, report → capture.scan p95', p(posCore.last, 95), 'µs', p(posAlone.last, 95), EVENT_TARGET_US),
    ];
  },
};
