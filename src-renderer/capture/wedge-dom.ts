/**
 * The DOM side of keyboard-wedge detection (the decisions are in ./wedge.ts): a window keydown listener in
 * the CAPTURE phase, so it sees every key before the page; the held characters are released by REPLAYING
 * them on the element that has the focus at that moment, as the real key would have acted:
 *  - text fields (input text-like, textarea, contenteditable): the browser's own editing command
 *    (`insertText`: caret, selection, maxlength, undo and the `input` event React listens to);
 *  - select: the type-ahead of a closed select (first option whose label starts with what was typed within 1 s;
 *    the same letter again goes to the next one);
 *  - anything else: a keydown event for the page's own handlers; Space activates a button, checkbox or radio.
 */
import { WedgeDetector, type WedgeKey, type WedgeThresholds } from './wedge';

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);
const SPACE_ACTIVATED_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image']);
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'OS', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn']);

export function wedgeKeyOf(e: KeyboardEvent): WedgeKey {
  const altGr = e.getModifierState?.('AltGraph') === true;
  const commandModifier = e.ctrlKey || e.metaKey || e.altKey;
  if (MODIFIER_KEYS.has(e.key)) return { kind: 'modifier' };
  // AltGr (Ctrl+Alt on Windows) types characters such as @ # [ ] on the Italian layout.
  if ([...e.key].length === 1 && (!commandModifier || (altGr && !e.metaKey))) return { kind: 'char', char: e.key, repeat: e.repeat };
  if ((e.key === 'Enter' || e.key === 'Tab') && !commandModifier && !e.shiftKey) return { kind: 'terminator', key: e.key };
  return { kind: 'other' };
}

type TextEntry = HTMLInputElement | HTMLTextAreaElement;

function isTextEntry(el: Element | null): el is TextEntry {
  if (el instanceof HTMLTextAreaElement) return true;
  return el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type);
}

function insertText(el: TextEntry | HTMLElement, ch: string): void {
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    if (el.readOnly || el.disabled) return;
  }
  let done = false;
  try {
    // Deprecated but the only way to edit as the user does (undo stack, maxlength, trusted input event).
    done = document.execCommand('insertText', false, ch);
  } catch {
    done = false;
  }
  if (done || !(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) return;
  // Fallback: set the range and announce it like typing (React compares with its tracked value).
  if (el.maxLength >= 0 && el.value.length - ((el.selectionEnd ?? 0) - (el.selectionStart ?? 0)) >= el.maxLength) return;
  try {
    el.setRangeText(ch, el.selectionStart ?? el.value.length, el.selectionEnd ?? el.value.length, 'end');
  } catch {
    // type=number has no selection API: append.
    el.value += ch;
  }
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: ch }));
}

const typeAheadState = new WeakMap<HTMLSelectElement, { text: string; at: number }>();

/** The type-ahead of a closed select (Chromium's rules, simplified): 1 s window, prefix match, same letter cycles. */
export function selectTypeAhead(sel: HTMLSelectElement, ch: string, now: number): void {
  if (sel.disabled) return;
  const prev = typeAheadState.get(sel);
  const text = (prev && now - prev.at < 1000 ? prev.text : '') + ch.toLocaleLowerCase('it-IT');
  typeAheadState.set(sel, { text, at: now });
  const options = [...sel.options];
  const n = options.length;
  if (n === 0) return;
  const labelOf = (o: HTMLOptionElement) => o.label.trim().toLocaleLowerCase('it-IT');
  const cycling = [...text].every((c) => c === text[0]);
  const prefix = cycling ? (text[0] ?? '') : text;
  const from = Math.max(0, sel.selectedIndex) + (cycling ? 1 : 0);
  for (let k = 0; k < n; k++) {
    const o = options[(from + k) % n];
    if (o && !o.disabled && labelOf(o).startsWith(prefix)) {
      if (o.index !== sel.selectedIndex) {
        sel.selectedIndex = o.index;
        sel.dispatchEvent(new Event('input', { bubbles: true }));
        sel.dispatchEvent(new Event('change', { bubbles: true }));
      }
      return;
    }
  }
}

function spaceActivates(el: Element): el is HTMLElement {
  if (el instanceof HTMLButtonElement) return !el.disabled;
  if (el instanceof HTMLInputElement) return SPACE_ACTIVATED_INPUTS.has(el.type) && !el.disabled;
  return el instanceof HTMLElement && el.tagName === 'SUMMARY';
}

/** Gives one held character to the page, where the focus is now. */
export function replayChar(ch: string, now: number): void {
  const el = document.activeElement;
  if (isTextEntry(el)) return insertText(el, ch);
  if (el instanceof HTMLElement && el.isContentEditable) return insertText(el, ch);
  if (el instanceof HTMLSelectElement) return selectTypeAhead(el, ch, now);
  const target = el ?? document.body;
  const code = ch === ' ' ? 'Space' : '';
  const notCancelled = target.dispatchEvent(new KeyboardEvent('keydown', { key: ch, code, bubbles: true, cancelable: true }));
  target.dispatchEvent(new KeyboardEvent('keyup', { key: ch, code, bubbles: true, cancelable: true }));
  if (ch === ' ' && notCancelled && spaceActivates(target)) target.click();
}

export interface WedgeListenerOptions extends WedgeThresholds {
  /** A complete scan: the text without the terminator, and the terminator's keydown time (performance.now clock). */
  onScan: (text: string, at: number, startedAt: number) => void;
}

/** Listens on `win` (capture phase) until the returned function is called (which releases what is held). */
export function attachWedgeListener(win: Window, options: WedgeListenerOptions): () => void {
  const detector = new WedgeDetector(options);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const release = (chars: readonly string[]) => {
    const now = win.performance.now();
    for (const ch of chars) replayChar(ch, now);
  };
  const schedule = () => {
    clearTimeout(timer);
    const due = detector.releaseDueAt();
    if (due === null) return;
    timer = setTimeout(
      () => {
        release(detector.tick(win.performance.now()));
        if (detector.pending > 0) schedule();
      },
      Math.max(0, due - win.performance.now()) + 2,
    );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    // Our own replays, and keys while an input method composes, are not ours to judge.
    if (!e.isTrusted) return;
    if (e.isComposing || e.keyCode === 229) {
      clearTimeout(timer);
      release(detector.flush());
      return;
    }
    const d = detector.feed(wedgeKeyOf(e), e.timeStamp);
    if (d.release.length > 0) release(d.release);
    if (d.action === 'hold') {
      e.preventDefault();
      e.stopImmediatePropagation();
      schedule();
    } else if (d.action === 'scan') {
      e.preventDefault();
      e.stopImmediatePropagation();
      clearTimeout(timer);
      options.onScan(d.text, d.endedAt, d.startedAt);
    } else if (detector.pending === 0) {
      clearTimeout(timer);
    }
  };
  // The pointer moves the focus: what was typed before goes where it was typed.
  const onPointerDown = () => {
    if (detector.pending === 0) return;
    clearTimeout(timer);
    release(detector.flush());
  };

  win.addEventListener('keydown', onKeyDown, true);
  win.addEventListener('pointerdown', onPointerDown, true);
  win.addEventListener('blur', onPointerDown);
  return () => {
    win.removeEventListener('keydown', onKeyDown, true);
    win.removeEventListener('pointerdown', onPointerDown, true);
    win.removeEventListener('blur', onPointerDown);
    clearTimeout(timer);
    release(detector.flush());
  };
}
