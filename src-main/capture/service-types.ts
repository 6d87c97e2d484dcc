import type { CaptureSettings, HidDeviceInfo, ReaderState, ScanEvent } from '#shared/domain/capture';

/**
 * The barcode-reader service of the main process (HID readers through node-hid): what the API handlers and
 * the core use. Implemented in ./service.ts; the HID transport behind it is an interface so tests can feed
 * recorded reports.
 */
export interface CaptureService {
  /** Settings as persisted in the archive (defaults when none). */
  settings(): Promise<CaptureSettings>;
  /** Saves the settings and applies them: opens / closes / switches the HID reader. */
  saveSettings(settings: CaptureSettings): Promise<CaptureSettings>;
  /** HID devices present, or the Italian reason they cannot be listed (e.g. libusb missing). */
  devices(): Promise<{ devices: HidDeviceInfo[]; error: string | null }>;
  state(): ReaderState;
  /** Starts following the configured reader (reconnecting by itself); called once at start-up. */
  start(): Promise<void>;
  /** Closes the reader; called at shutdown. */
  stop(): Promise<void>;
}

export interface CaptureEvents {
  scan(event: ScanEvent): void;
  state(state: ReaderState): void;
}
