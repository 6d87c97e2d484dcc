import {
  CaptureSettingsSchema,
  DEFAULT_CAPTURE_SETTINGS,
  type CaptureSettings,
  type HidDeviceInfo,
  type HidReaderSetting,
  type ReaderState,
} from '#shared/domain/capture';
import type { ArchiveClient } from '../archive/client';
import { ScanAssembler } from './assembler';
import { KeyboardDecoder } from './keyboard-decoder';
import { PosDecoder } from './pos-decoder';
import type { CaptureEvents, CaptureService } from './service-types';
import { deviceLabel, hex4, USAGE_KEYBOARD, USAGE_PAGE_BARCODE_SCANNER, USAGE_PAGE_GENERIC_DESKTOP, type HidConnection, type HidTransport } from './transport';

/** Where the settings live in the archive's `settings` table (JSON text). */
export const CAPTURE_SETTINGS_KEY = 'capture';
export const DEFAULT_POLL_MS = 2_000;
export const UDEV_RULES_FILE = '/etc/udev/rules.d/70-red-desk-lettore.rules';

/** The two archive calls the service needs. */
export interface SettingsStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export function archiveSettingsStore(archive: Pick<ArchiveClient, 'call'>): SettingsStore {
  return {
    get: (key) => archive.call('getSetting', key),
    set: (key, value) => archive.call('setSetting', key, value),
  };
}

export interface CaptureServiceOptions {
  store: SettingsStore;
  transport: HidTransport;
  events: CaptureEvents;
  platform?: NodeJS.Platform;
  /** Clock of the scan timestamps and of the gap between characters (ms). */
  now?: () => number;
  /** How often the configured reader is looked for (reconnection) and checked for presence. */
  pollMs?: number;
  /** Longest gap inside one scan (ms); see ScanAssembler. */
  maxGapMs?: number;
  maxScanLength?: number;
}

export interface CaptureServiceHandle extends CaptureService {
  /** Looks for / checks the configured reader now (the poll does it every `pollMs`). */
  refresh(): Promise<void>;
}

const DISABLED: ReaderState = { state: 'disattivata', message: 'Lettura ottica disattivata (Utilità → Abilita lettura ottica).', device: null };

export function udevRule(vendorId: number, productId: number): string {
  return `SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${hex4(vendorId)}", ATTRS{idProduct}=="${hex4(productId)}", MODE="0660", TAG+="uaccess"`;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** The Italian message for a reader that is present but cannot be opened. */
export function openErrorMessage(e: unknown, device: HidDeviceInfo, platform: NodeJS.Platform): string {
  const msg = errorText(e);
  const label = `«${deviceLabel(device)}»`;
  if (/permission denied|eacces|eperm|operation not permitted|access denied|accesso negato/i.test(msg)) {
    if (platform === 'linux') {
      return (
        `Permessi insufficienti per aprire il lettore ${label}${device.path ? ` (${device.path})` : ''}. ` +
        `Un amministratore deve creare il file ${UDEV_RULES_FILE} con la riga:\n` +
        `${udevRule(device.vendorId, device.productId)}\n` +
        'poi eseguire: sudo udevadm control --reload-rules && sudo udevadm trigger\n' +
        'e scollegare e ricollegare il lettore.'
      );
    }
    const win = platform === 'win32' ? ' (Windows non permette di aprire un lettore in modalità tastiera HID: impostarlo in modalità HID POS, oppure usarlo come tastiera senza sceglierlo qui)' : '';
    return `Accesso negato al lettore ${label}: forse è in uso da un altro programma${win}. Dettaglio: ${msg}`;
  }
  return `Impossibile aprire il lettore ${label}: ${msg}`;
}

/** The interface of the configured reader among the devices listed: vendor/product id and (when remembered)
 * serial number; among several interfaces of one reader, the one of the configured mode. */
export function findReader(devices: readonly HidDeviceInfo[], hid: HidReaderSetting): HidDeviceInfo | null {
  const candidates = devices.filter(
    (d) => d.vendorId === hid.vendorId && d.productId === hid.productId && (hid.serialNumber === null || d.serialNumber === hid.serialNumber),
  );
  const preferred =
    hid.mode === 'pos'
      ? candidates.find((d) => d.usagePage === USAGE_PAGE_BARCODE_SCANNER)
      : candidates.find((d) => d.usagePage === USAGE_PAGE_GENERIC_DESKTOP && d.usage === USAGE_KEYBOARD);
  return preferred ?? candidates[0] ?? null;
}

function sameDevice(a: HidDeviceInfo, b: HidDeviceInfo): boolean {
  if (a.path !== null || b.path !== null) return a.path === b.path;
  return a.vendorId === b.vendorId && a.productId === b.productId && a.serialNumber === b.serialNumber;
}

function readerName(hid: HidReaderSetting): string {
  return hid.label.trim() || `${hex4(hid.vendorId)}:${hex4(hid.productId)}`;
}

function modeText(hid: HidReaderSetting): string {
  return hid.mode === 'pos' ? 'modalità HID POS' : `modalità tastiera, layout ${hid.layout === 'it' ? 'italiano' : 'USA'}`;
}

interface Open {
  connection: HidConnection;
  device: HidDeviceInfo;
  hid: HidReaderSetting;
}

/**
 * The HID barcode-reader service: keeps the configured reader open while capture is on, decodes its
 * reports (keyboard or HID POS mode), emits each complete scan and every change of the reader's state.
 * A reader that is missing, unplugged or cannot be opened is looked for again every `pollMs`: it
 * reconnects by itself. A scan cut by an unplug is dropped, never emitted in part.
 */
export function createCaptureService(options: CaptureServiceOptions): CaptureServiceHandle {
  const { store, transport, events } = options;
  const platform = options.platform ?? process.platform;
  const now = options.now ?? Date.now;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;

  let settings: CaptureSettings = DEFAULT_CAPTURE_SETTINGS;
  let state: ReaderState = DISABLED;
  let open: Open | null = null;
  let running = false;
  /** Bumped whenever the target changes (settings applied, stop): work started for an older one is void. */
  let generation = 0;
  let timer: NodeJS.Timeout | null = null;
  let queue: Promise<void> = Promise.resolve();

  const keyboard = new KeyboardDecoder('it');
  const pos = new PosDecoder(options.maxGapMs);
  const assembler = new ScanAssembler((text) => events.scan({ text, source: 'hid', at: now() }), {
    ...(options.maxGapMs !== undefined ? { maxGapMs: options.maxGapMs } : {}),
    ...(options.maxScanLength !== undefined ? { maxLength: options.maxScanLength } : {}),
  });

  function setState(next: ReaderState): void {
    if (next.state === state.state && next.message === state.message && next.device === state.device) return;
    state = next;
    events.state({ ...next });
  }

  async function load(): Promise<CaptureSettings> {
    let text: string | null;
    try {
      text = await store.get(CAPTURE_SETTINGS_KEY);
    } catch {
      return DEFAULT_CAPTURE_SETTINGS;
    }
    if (text === null) return DEFAULT_CAPTURE_SETTINGS;
    try {
      const parsed = CaptureSettingsSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : DEFAULT_CAPTURE_SETTINGS;
    } catch {
      return DEFAULT_CAPTURE_SETTINGS;
    }
  }

  function onReport(o: Open, report: Uint8Array): void {
    if (open !== o) return;
    try {
      const t = now();
      if (o.hid.mode === 'keyboard') {
        const chars = keyboard.decode(report);
        if (chars) assembler.push(chars, t);
      } else {
        const text = pos.decode(report, t);
        if (text !== null) {
          assembler.push(text, t);
          assembler.end();
        }
      }
    } catch {
      // A decoder bug must not take the reader down: the report is dropped.
      assembler.discard();
    }
  }

  /** Closes the reader and drops the scan under way. */
  async function closeReader(): Promise<void> {
    const o = open;
    open = null;
    assembler.discard();
    keyboard.reset();
    pos.reset();
    if (o) await o.connection.close().catch(() => undefined);
  }

  function lost(o: Open, why: string | null): void {
    if (open !== o) return;
    void closeReader();
    const detail = why ? ` (${why})` : '';
    setState({
      state: 'nessun-lettore',
      message: `Lettore «${readerName(o.hid)}» scollegato${detail}: la lettura riprende da sola quando viene ricollegato.`,
      device: deviceLabel(o.device),
    });
  }

  function attach(connection: HidConnection, device: HidDeviceInfo, hid: HidReaderSetting): void {
    keyboard.reset();
    keyboard.setLayout(hid.layout);
    pos.reset();
    assembler.discard();
    const o: Open = { connection, device, hid };
    open = o;
    connection.onData((report) => onReport(o, report));
    connection.onError((e) => lost(o, errorText(e)));
    if (open === o) setState({ state: 'collegato', message: `Lettore «${readerName(hid)}» collegato (${modeText(hid)}).`, device: deviceLabel(device) });
  }

  function schedule(gen: number): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!running || gen !== generation || !settings.enabled || !settings.hid) return;
    timer = setTimeout(() => {
      timer = null;
      refresh().catch(() => undefined);
    }, pollMs);
    timer.unref();
  }

  /** One look for the configured reader: open it when it appears, notice when it is gone. */
  async function tick(): Promise<void> {
    const gen = generation;
    const hid = settings.hid;
    if (!running || !settings.enabled || !hid) return;
    try {
      let devices: HidDeviceInfo[];
      try {
        devices = await transport.list();
      } catch (e) {
        if (gen === generation) setState({ state: 'errore', message: errorText(e), device: null });
        return;
      }
      if (gen !== generation) return;
      if (open) {
        const current = open;
        if (!devices.some((d) => sameDevice(d, current.device))) lost(current, null);
        return;
      }
      const device = findReader(devices, hid);
      if (!device) {
        setState({
          state: 'nessun-lettore',
          message: `Lettore «${readerName(hid)}» non collegato: collegarlo alla porta USB, la lettura parte da sola.`,
          device: null,
        });
        return;
      }
      let connection: HidConnection;
      try {
        connection = await transport.open(device);
      } catch (e) {
        if (gen === generation) setState({ state: 'errore', message: openErrorMessage(e, device, platform), device: deviceLabel(device) });
        return;
      }
      if (gen !== generation || !running) {
        await connection.close().catch(() => undefined);
        return;
      }
      attach(connection, device, hid);
    } finally {
      schedule(gen);
    }
  }

  /** Ticks run one after the other (never two opens of the same reader at once). */
  function refresh(): Promise<void> {
    const run = queue.then(tick);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Opens / closes / switches the reader after a change of settings. */
  async function apply(): Promise<void> {
    generation++;
    if (timer) clearTimeout(timer);
    timer = null;
    await closeReader();
    if (!running) return;
    const hid = settings.hid;
    if (!settings.enabled) setState(DISABLED);
    else if (!hid) {
      setState({ state: 'disattivata', message: 'Nessun lettore HID scelto nelle impostazioni: il lettore si usa come tastiera.', device: null });
    } else {
      setState({ state: 'in-attesa', message: `Ricerca del lettore «${readerName(hid)}» …`, device: null });
      await refresh();
    }
  }

  return {
    settings: load,
    async saveSettings(next) {
      const parsed = CaptureSettingsSchema.parse(next);
      await store.set(CAPTURE_SETTINGS_KEY, JSON.stringify(parsed));
      const changed = parsed.enabled !== settings.enabled || JSON.stringify(parsed.hid) !== JSON.stringify(settings.hid);
      settings = parsed;
      if (changed) await apply();
      return parsed;
    },
    async devices() {
      try {
        return { devices: await transport.list(), error: null };
      } catch (e) {
        return { devices: [], error: errorText(e) };
      }
    },
    state: () => ({ ...state }),
    async start() {
      if (running) return;
      running = true;
      try {
        settings = await load();
        await apply();
      } catch (e) {
        setState({ state: 'errore', message: `Avvio della lettura ottica non riuscito: ${errorText(e)}`, device: null });
      }
    },
    async stop() {
      running = false;
      generation++;
      if (timer) clearTimeout(timer);
      timer = null;
      await queue;
      await closeReader();
    },
    refresh,
  };
}
