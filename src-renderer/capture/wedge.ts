/**
 * Keyboard-wedge detection ("penna ottica" that types like a keyboard), DOM-free so it is tested with
 * synthetic timestamps. The DOM side is ./wedge-dom.ts.
 *
 * Strategy: HOLD AND REPLAY. Every printable character is held back from the page for at most
 * `maxInterKeyMs`:
 *  - if the next character arrives within `maxInterKeyMs` it is held too (a run of fast characters);
 *  - if Invio or Tab arrives within `maxInterKeyMs` of a run of at least `minLength` fast characters, the run
 *    is a SCAN: its characters never reach the page, the terminator is swallowed and the text is routed to
 *    capture;
 *  - in every other case (the pause expires, a terminator ends a run that is too short, any other key, a
 *    key held down and auto-repeating) the held characters are RELEASED, in order, and the page receives them
 *    as typing, before the key that ended the run.
 * So a person's typing is never swallowed, only delayed by at most `maxInterKeyMs` (35 ms by default, below
 * what anyone notices), and a scan never touches the field that has the focus, so it can never change a
 * declaration through the field (no half-typed Stringa CAF saved by the autosave, no field auto-advance).
 * The other approach (let the characters through and remove them once the scan is recognised) leaves the
 * first characters of every scan in the field for the duration of the burst, where autosave, field
 * auto-advance and select type-ahead act on them before they can be taken back.
 */

export interface WedgeThresholds {
  /** Longest gap between two characters of one scan (ms). */
  maxInterKeyMs: number;
  /** Shortest run of fast characters taken for a scan. */
  minLength: number;
}

/** A key as the detector sees it (wedge-dom.ts builds it from a KeyboardEvent). */
export type WedgeKey =
  /** A printable character without Ctrl/Alt/Meta; `repeat` when the key is held down (auto-repeat). */
  | { kind: 'char'; char: string; repeat?: boolean }
  /** Invio or Tab without modifiers: what a reader sends at the end of a code. */
  | { kind: 'terminator'; key: 'Enter' | 'Tab' }
  /** Shift, Control, Alt, AltGraph, Meta, CapsLock alone: readers press Shift for upper-case letters. */
  | { kind: 'modifier' }
  /** Anything else (arrows, Backspace, Esc, F-keys, Ctrl+…): ends a run, which is released as typing. */
  | { kind: 'other' };

export type WedgeDecision =
  /** Keep the key from the page (preventDefault); `release` first goes to the page as typing. */
  | { action: 'hold'; release: string[] }
  /** Let the key reach the page normally, after the characters in `release` (in order). */
  | { action: 'pass'; release: string[] }
  /** A scan: swallow the terminator; the held characters are the scan (nothing is released). */
  | { action: 'scan'; release: []; text: string; startedAt: number; endedAt: number; terminator: 'Enter' | 'Tab' };

interface Held {
  char: string;
  t: number;
}

export class WedgeDetector {
  private held: Held[] = [];
  private lastT = Number.NEGATIVE_INFINITY;

  constructor(private thresholds: WedgeThresholds) {}

  setThresholds(t: WedgeThresholds): void {
    this.thresholds = t;
  }

  /** Number of characters currently held back. */
  get pending(): number {
    return this.held.length;
  }

  /** When the held characters must be released if nothing else arrives (ms, same clock as `feed`), or null. */
  releaseDueAt(): number | null {
    return this.held.length === 0 ? null : this.lastT + this.thresholds.maxInterKeyMs;
  }

  /** One key at time `t` (ms, monotonic). */
  feed(key: WedgeKey, t: number): WedgeDecision {
    switch (key.kind) {
      case 'modifier':
        // Neither part of a code nor the end of one; it does not move the clock either.
        return { action: 'pass', release: [] };
      case 'other':
        return { action: 'pass', release: this.take() };
      case 'char': {
        if (key.repeat) return { action: 'pass', release: this.take() };
        const release = this.held.length > 0 && !this.inRun(t) ? this.take() : [];
        this.held.push({ char: key.char, t });
        this.lastT = t;
        return { action: 'hold', release };
      }
      case 'terminator': {
        const first = this.held[0];
        if (first && this.inRun(t) && this.held.length >= this.thresholds.minLength) {
          const text = this.held.map((h) => h.char).join('');
          this.held = [];
          return { action: 'scan', release: [], text, startedAt: first.t, endedAt: t, terminator: key.key };
        }
        return { action: 'pass', release: this.take() };
      }
    }
  }

  /** The clock moved (timer): releases the held characters once the pause is longer than a scan's. */
  tick(t: number): string[] {
    return this.held.length > 0 && !this.inRun(t) ? this.take() : [];
  }

  /** Releases whatever is held (focus moved by the mouse, capture switched off, window hidden). */
  flush(): string[] {
    return this.take();
  }

  private inRun(t: number): boolean {
    return t - this.lastT <= this.thresholds.maxInterKeyMs;
  }

  private take(): string[] {
    const out = this.held.map((h) => h.char);
    this.held = [];
    return out;
  }
}
