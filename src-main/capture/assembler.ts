/**
 * Builds scans out of the characters a reader sends: a scan is everything up to a terminator (CR, LF or
 * TAB) — or up to `end()`, the end of a HID POS barcode — trimmed; an empty one is no scan.
 *
 * Nothing partial is ever used:
 *  - `discard()` (reader unplugged, read error, reopened) drops the characters under way;
 *  - a gap longer than `maxGapMs` between two characters of one scan drops what came before the gap (a
 *    reader sends a whole barcode in a burst; a half barcode followed later by another is two fragments,
 *    not one scan). Checked when the next character arrives: no timer;
 *  - a scan longer than `maxLength` is garbage: dropped up to the next terminator.
 */
export interface AssemblerOptions {
  maxLength?: number;
  maxGapMs?: number;
}

export const DEFAULT_MAX_SCAN_LENGTH = 200;
export const DEFAULT_MAX_GAP_MS = 300;

export class ScanAssembler {
  private buffer = '';
  private overflow = false;
  private lastAt = 0;
  private readonly maxLength: number;
  private readonly maxGapMs: number;
  /** How many partial or oversized scans were dropped (diagnostics, tests). */
  dropped = 0;

  constructor(
    private readonly onScan: (text: string) => void,
    options: AssemblerOptions = {},
  ) {
    this.maxLength = options.maxLength ?? DEFAULT_MAX_SCAN_LENGTH;
    this.maxGapMs = options.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  }

  /** Whether characters of an unfinished scan are held. */
  get pending(): boolean {
    return this.buffer.length > 0 || this.overflow;
  }

  push(chars: string, now: number): void {
    if (chars.length === 0) return;
    if (this.pending && now - this.lastAt > this.maxGapMs) this.discard();
    this.lastAt = now;
    let start = 0;
    for (let i = 0; i < chars.length; i++) {
      const c = chars.charCodeAt(i);
      if (c === 13 || c === 10 || c === 9) {
        this.append(chars.slice(start, i));
        this.flush();
        start = i + 1;
      }
    }
    this.append(chars.slice(start));
  }

  /** End of a scan without terminator character (the last report of a HID POS barcode). */
  end(): void {
    this.flush();
  }

  discard(): void {
    if (this.pending) this.dropped++;
    this.buffer = '';
    this.overflow = false;
  }

  private append(s: string): void {
    if (this.overflow || s.length === 0) return;
    if (this.buffer.length + s.length > this.maxLength) {
      this.overflow = true;
      this.buffer = '';
      return;
    }
    this.buffer += s;
  }

  private flush(): void {
    const overflow = this.overflow;
    const text = this.buffer.trim();
    this.buffer = '';
    this.overflow = false;
    if (overflow) {
      this.dropped++;
      return;
    }
    if (text.length > 0) this.onScan(text);
  }
}
