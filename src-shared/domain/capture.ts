import { z } from 'zod';

/**
 * Barcode readers ("penna ottica", guide p. 74): settings, reader state and scans, shared by the main
 * process (HID readers), the renderer (keyboard-wedge readers) and the API.
 */
export const KeyboardLayoutSchema = z.enum(['it', 'us']);
export type KeyboardLayout = z.infer<typeof KeyboardLayoutSchema>;

/** The HID reader chosen in the settings, remembered by vendor/product id and serial number. */
export const HidReaderSettingSchema = z.object({
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  serialNumber: z.string().max(128).nullable(),
  /** Keyboard mode (boot reports: modifiers + key usages, decoded with `layout`) or HID POS (usage page 0x8C). */
  mode: z.enum(['keyboard', 'pos']),
  layout: KeyboardLayoutSchema,
  /** Shown in the settings. */
  label: z.string().max(200),
});
export type HidReaderSetting = z.infer<typeof HidReaderSettingSchema>;

/** Keyboard-wedge detection: a burst of characters far faster than a person, ended by Invio or Tab. */
export const WedgeSettingsSchema = z.object({
  /** Longest gap between two characters of one scan (ms). People type 80–250 ms apart; readers < 20 ms. */
  maxInterKeyMs: z.number().int().min(5).max(200),
  /** Shortest burst taken for a scan. */
  minLength: z.number().int().min(3).max(100),
});
export type WedgeSettings = z.infer<typeof WedgeSettingsSchema>;

export const CaptureSettingsSchema = z.object({
  /** Utilità → "Abilita lettura ottica". */
  enabled: z.boolean(),
  hid: HidReaderSettingSchema.nullable(),
  wedge: WedgeSettingsSchema,
});
export type CaptureSettings = z.infer<typeof CaptureSettingsSchema>;

export const DEFAULT_CAPTURE_SETTINGS: CaptureSettings = {
  enabled: false,
  hid: null,
  wedge: { maxInterKeyMs: 35, minLength: 8 },
};

export const HidDeviceInfoSchema = z.object({
  vendorId: z.number().int(),
  productId: z.number().int(),
  serialNumber: z.string().nullable(),
  manufacturer: z.string().nullable(),
  product: z.string().nullable(),
  path: z.string().nullable(),
  usagePage: z.number().int().nullable(),
  usage: z.number().int().nullable(),
});
export type HidDeviceInfo = z.infer<typeof HidDeviceInfoSchema>;

/** The HID reader's state, always visible when capture is on. */
export const ReaderStateSchema = z.object({
  state: z.enum(['disattivata', 'nessun-lettore', 'in-attesa', 'collegato', 'errore']),
  /** Italian, for the operator (e.g. the udev rule to install when the device cannot be opened). */
  message: z.string(),
  device: z.string().nullable(),
});
export type ReaderState = z.infer<typeof ReaderStateSchema>;

/** A complete scan from a HID reader (the renderer routes it like a wedge scan). */
export const ScanEventSchema = z.object({
  text: z.string().max(500),
  source: z.enum(['hid', 'wedge']),
  /** performance/epoch time in ms when the terminator arrived (for the scan-to-screen latency). */
  at: z.number(),
});
export type ScanEvent = z.infer<typeof ScanEventSchema>;
