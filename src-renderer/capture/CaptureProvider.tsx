import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CaptureSettings, ReaderState, ScanEvent } from '#shared/domain/capture';
import { useApi } from '../api-client/context';
import { CaptureContext, useCapture, type CaptureApi, type ScanHandler } from './context';
import { playBadScanSound } from './cue';
import { cleanScan, type ScanOutcome } from './route';
import { attachWedgeListener } from './wedge-dom';
import { errorText } from '../api-client/error-text';

const ALERT_MS = 8_000;
/** A HID reader in keyboard mode may also type (Linux hidraw does not grab the device): the same code from
 * the other source within this time is the same scan, routed once. */
const SAME_SCAN_MS = 1_500;

interface ScanAlert {
  id: number;
  kind: 'refused' | 'bad';
  text: string;
}

/**
 * Barcode readers in the renderer ("Abilita lettura ottica", guide p. 74): the settings (`capture.settings`),
 * the keyboard-wedge listener while capture is on, the scans of HID readers (`capture.scan` events), and the
 * routing of every scan to the scan target on top (see useScanTarget). A refused or bad scan gives a short
 * sound and a red message; nothing else happens.
 */
export function CaptureProvider(props: { children: ReactNode }) {
  const api = useApi();
  const [settings, setSettings] = useState<CaptureSettings | null>(null);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [readerState, setReaderState] = useState<ReaderState | null>(null);
  const [alert, setAlert] = useState<ScanAlert | null>(null);
  const targets = useRef<{ id: number; handler: ScanHandler }[]>([]);
  const nextId = useRef(0);
  const alertTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastScan = useRef<{ text: string; source: ScanEvent['source']; at: number; outcome: ScanOutcome } | null>(null);

  useEffect(() => {
    let alive = true;
    api
      .invoke('capture.settings', {})
      .then((s) => alive && setSettings(s))
      .catch((e: unknown) => alive && setUnavailable(`Lettura ottica non disponibile: ${errorText(e)}`));
    api
      .invoke('capture.state', {})
      .then((s) => alive && setReaderState(s))
      .catch(() => undefined);
    const offState = api.on('capture.state', (s) => setReaderState(s));
    return () => {
      alive = false;
      offState();
    };
  }, [api]);

  const register = useCallback((handler: ScanHandler) => {
    const id = ++nextId.current;
    targets.current.push({ id, handler });
    return () => {
      targets.current = targets.current.filter((t) => t.id !== id);
    };
  }, []);

  const dispatch = useCallback((scan: ScanEvent): ScanOutcome => {
    const now = performance.now();
    const text = cleanScan(scan.text);
    const prev = lastScan.current;
    if (prev && prev.source !== scan.source && prev.text === text && now - prev.at < SAME_SCAN_MS) return prev.outcome;
    const top = targets.current[targets.current.length - 1];
    let outcome: ScanOutcome;
    try {
      outcome = top ? top.handler(scan) : { kind: 'refused', message: 'Nessuna schermata pronta a ricevere la lettura: riprovare.' };
    } catch (e) {
      outcome = { kind: 'bad', message: `Lettura non elaborata: ${errorText(e)}` };
    }
    lastScan.current = { text, source: scan.source, at: now, outcome };
    clearTimeout(alertTimer.current);
    if (outcome.kind === 'done') {
      setAlert(null);
    } else {
      playBadScanSound();
      const id = ++nextId.current;
      setAlert({ id, kind: outcome.kind, text: outcome.message });
      alertTimer.current = setTimeout(() => setAlert((a) => (a?.id === id ? null : a)), ALERT_MS);
    }
    return outcome;
  }, []);

  const enabled = settings?.enabled === true;

  // HID readers: complete scans from the core (it only sends them while capture is on).
  useEffect(() => {
    if (!enabled) return undefined;
    return api.on('capture.scan', (scan) => void dispatch(scan));
  }, [api, enabled, dispatch]);

  // Keyboard-wedge readers: the capture-phase keydown listener, only while capture is on.
  const maxInterKeyMs = settings?.wedge.maxInterKeyMs ?? 0;
  const minLength = settings?.wedge.minLength ?? 0;
  useEffect(() => {
    if (!enabled) return undefined;
    return attachWedgeListener(window, {
      maxInterKeyMs,
      minLength,
      onScan: (text, at) => void dispatch({ text, source: 'wedge', at }),
    });
  }, [enabled, maxInterKeyMs, minLength, dispatch]);

  const save = useCallback(
    async (next: CaptureSettings) => {
      const saved = await api.invoke('capture.saveSettings', next);
      setSettings(saved);
      setUnavailable(null);
      api
        .invoke('capture.state', {})
        .then(setReaderState)
        .catch(() => undefined);
      return saved;
    },
    [api],
  );

  const setEnabled = useCallback(
    async (on: boolean) => {
      const current = settings ?? (await api.invoke('capture.settings', {}));
      return save({ ...current, enabled: on });
    },
    [api, settings, save],
  );

  const value = useMemo<CaptureApi>(
    () => ({ settings, unavailable, readerState, save, setEnabled, register, dispatch }),
    [settings, unavailable, readerState, save, setEnabled, register, dispatch],
  );

  return (
    <CaptureContext.Provider value={value}>
      {props.children}
      {alert ? (
        <div key={alert.id} className={`scan-alert ${alert.kind}`} role="alert" aria-label="Lettura ottica">
          <span className="scan-alert-icon" aria-hidden="true">
            ⚠
          </span>
          <span className="scan-alert-text">{alert.text}</span>
          <button type="button" className="small" tabIndex={-1} aria-label="Chiudi messaggio della lettura ottica" onClick={() => setAlert(null)}>
            ×
          </button>
        </div>
      ) : null}
    </CaptureContext.Provider>
  );
}

/** Short Italian text of the HID reader's state for the status bar. */
function readerText(s: ReaderState | null): string {
  switch (s?.state) {
    case undefined:
    case 'disattivata':
    case 'nessun-lettore':
      return 'lettori a emulazione di tastiera';
    case 'in-attesa':
      return `lettore HID${s.device ? ` ${s.device}` : ''} non collegato`;
    case 'collegato':
      return `lettore collegato${s.device ? ` (${s.device})` : ''}`;
    case 'errore':
      return 'errore del lettore HID (vedere Utilità → Impostazioni lettore ottico)';
  }
}

/** "Lettura ottica: attiva — lettore collegato" / "disattivata", in the status bar. */
export function CaptureStatus() {
  const { settings, unavailable, readerState } = useCapture();
  const text = unavailable
    ? 'Lettura ottica: non disponibile'
    : !settings
      ? 'Lettura ottica: …'
      : settings.enabled
        ? `Lettura ottica: attiva — ${readerText(readerState)}`
        : 'Lettura ottica: disattivata';
  const kind = unavailable || (settings?.enabled && readerState?.state === 'errore') ? 'err' : settings?.enabled ? 'on' : 'off';
  const title = unavailable ?? (settings?.enabled ? (readerState?.message ?? '') : 'Utilità → Abilita lettura ottica');
  return (
    <span className={`capture-status ${kind}`} data-testid="capture-status" title={title}>
      {text}
    </span>
  );
}
