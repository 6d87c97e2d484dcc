import { createContext, useContext, useEffect, useEffectEvent } from 'react';
import type { CaptureSettings, ReaderState, ScanEvent } from '#shared/domain/capture';
import type { ScanOutcome } from './route';

/** A screen that takes scans (the monitor, "Nuovo", the declaration editor, the reader settings). */
export type ScanHandler = (scan: ScanEvent) => ScanOutcome;

export interface CaptureApi {
  /** Null while loading (and when the core cannot give them: see `unavailable`). */
  settings: CaptureSettings | null;
  /** Why capture cannot be used (the core did not answer `capture.settings`), or null. */
  unavailable: string | null;
  /** The HID reader's state (`capture.state`), null until known. */
  readerState: ReaderState | null;
  save(next: CaptureSettings): Promise<CaptureSettings>;
  /** Utilità → "Abilita lettura ottica". */
  setEnabled(on: boolean): Promise<CaptureSettings>;
  /** Registers a scan target; the last registered one still mounted gets the scans. Returns the unregister. */
  register(handler: ScanHandler): () => void;
  /** Routes a scan as if it came from a reader (HID events and the wedge listener use it). */
  dispatch(scan: ScanEvent): ScanOutcome;
}

const unavailable = 'Lettura ottica non disponibile.';
export const CaptureContext = createContext<CaptureApi>({
  settings: null,
  unavailable,
  readerState: null,
  save: () => Promise.reject(new Error(unavailable)),
  setEnabled: () => Promise.reject(new Error(unavailable)),
  register: () => () => undefined,
  dispatch: () => ({ kind: 'refused', message: unavailable }),
});

export function useCapture(): CaptureApi {
  return useContext(CaptureContext);
}

/**
 * Makes the calling component a scan target while it is mounted. It is registered once, at mount, so the
 * component mounted last (a dialog over the monitor, the editor) is the one on top; `handler` always sees
 * the component's current state.
 */
export function useScanTarget(handler: ScanHandler): void {
  const { register } = useCapture();
  const onScan = useEffectEvent(handler);
  useEffect(() => register((scan) => onScan(scan)), [register]);
}
