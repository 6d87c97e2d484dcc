/**
 * Decodes the input reports of a reader in HID POS mode (HID Point of Sale Usage Tables, usage page 0x8C
 * "Bar Code Scanner", collection "Scanned Data Report" 0x12).
 *
 * The spec leaves the report layout to the device's report descriptor; this decoder supports the layout
 * that Honeywell, Zebra and Datalogic readers send in HID POS mode (64 bytes as read through hidapi, report
 * id first):
 *
 *   byte  0       report id 0x02 (scanned data); other report ids (status, settings) are ignored
 *   byte  1       n = number of barcode bytes in THIS report, 0–56
 *   bytes 2–4     symbology identifier (AIM "]xy", or 0 when the reader does not send it): ignored
 *   bytes 5…60    the barcode bytes, n of them (the rest is padding)
 *   bytes 61–62   vendor symbology code (e.g. Honeywell Code ID): ignored
 *   byte  63      bit 0 = "decoded data continued": the barcode goes on in the next report
 *
 * A barcode ends with the first report whose continuation bit is clear (or a report shorter than 64 bytes,
 * which has no such byte). A report whose length byte does not fit the report is corrupt: it and the
 * barcode under way are dropped. A continuation that does not arrive within `maxGapMs` is dropped too, as
 * is anything over `MAX_POS_BYTES`. Bytes are read as UTF-8, or as Latin-1 when they are not valid UTF-8.
 */
export const POS_REPORT_ID = 0x02;
export const POS_REPORT_LENGTH = 64;
export const POS_DATA_OFFSET = 5;
export const POS_MAX_DATA = 56;
export const POS_CONTINUED_BYTE = 63;
export const MAX_POS_BYTES = 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

export class PosDecoder {
  private parts: Uint8Array[] = [];
  private size = 0;
  private overflow = false;
  private lastAt = 0;

  constructor(private readonly maxGapMs = 300) {}

  /** Drops the barcode under way (device unplugged or reopened). */
  reset(): void {
    this.parts = [];
    this.size = 0;
    this.overflow = false;
  }

  /** The complete barcode text when this report ends one, else null. */
  decode(report: Uint8Array, now: number): string | null {
    if (report.length < 2 || report[0] !== POS_REPORT_ID) return null;
    if (this.parts.length > 0 || this.overflow) {
      if (now - this.lastAt > this.maxGapMs) this.reset();
    }
    this.lastAt = now;
    const n = report[1] ?? 0;
    if (n > POS_MAX_DATA || POS_DATA_OFFSET + n > report.length) {
      this.reset();
      return null;
    }
    const continued = report.length > POS_CONTINUED_BYTE && ((report[POS_CONTINUED_BYTE] ?? 0) & 0x01) === 1;
    if (!this.overflow) {
      if (this.size + n > MAX_POS_BYTES) {
        this.overflow = true;
        this.parts = [];
        this.size = 0;
      } else if (n > 0) {
        this.parts.push(report.slice(POS_DATA_OFFSET, POS_DATA_OFFSET + n));
        this.size += n;
      }
    }
    if (continued) return null;
    const overflow = this.overflow;
    const bytes = this.take();
    if (overflow || bytes.length === 0) return null;
    return decodeBytes(bytes);
  }

  private take(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    this.reset();
    return out;
  }
}

function decodeBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

/** Builds the reports of one barcode in the layout above (tests, benchmark, documentation). */
export function encodePosReports(data: Uint8Array | string, symbology = ']C0'): Uint8Array[] {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const out: Uint8Array[] = [];
  for (let at = 0; at === 0 || at < bytes.length; at += POS_MAX_DATA) {
    const chunk = bytes.subarray(at, at + POS_MAX_DATA);
    const r = new Uint8Array(POS_REPORT_LENGTH);
    r[0] = POS_REPORT_ID;
    r[1] = chunk.length;
    for (let i = 0; i < 3; i++) r[2 + i] = symbology.charCodeAt(i) & 0xff;
    r.set(chunk, POS_DATA_OFFSET);
    r[POS_CONTINUED_BYTE] = at + POS_MAX_DATA < bytes.length ? 1 : 0;
    out.push(r);
  }
  return out;
}
