import { useEffect, useState } from 'react';
import {
  CaptureSettingsSchema,
  DEFAULT_CAPTURE_SETTINGS,
  type CaptureSettings,
  type HidDeviceInfo,
  type HidReaderSetting,
  type KeyboardLayout,
} from '#shared/domain/capture';
import { useApi } from '../api-client/context';
import { Dialog } from '../components/Dialog';
import { useCapture, useScanTarget } from './context';
import { cleanScan, describeScan, showScan } from './route';
import { errorText } from '../api-client/error-text';

const NO_HID = '';
const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
const deviceKey = (d: { vendorId: number; productId: number; serialNumber: string | null }) =>
  `${d.vendorId}:${d.productId}:${d.serialNumber ?? ''}`;

function deviceLabel(d: HidDeviceInfo): string {
  const name = [d.manufacturer, d.product].filter((x) => x && x.trim() !== '').join(' ') || 'Dispositivo HID';
  return `${name} — VID ${hex4(d.vendorId)} PID ${hex4(d.productId)}${d.serialNumber ? ` — S/N ${d.serialNumber}` : ''}`;
}

/** node-hid lists one entry per interface: one choice per device, POS when one of its interfaces is HID POS. */
function uniqueDevices(list: readonly HidDeviceInfo[]): { device: HidDeviceInfo; pos: boolean }[] {
  const out = new Map<string, { device: HidDeviceInfo; pos: boolean }>();
  for (const d of list) {
    const k = deviceKey(d);
    const pos = d.usagePage === 0x8c;
    const had = out.get(k);
    out.set(k, { device: had?.device ?? d, pos: (had?.pos ?? false) || pos });
  }
  return [...out.values()];
}

interface TestScan {
  n: number;
  source: 'hid' | 'wedge';
  text: string;
  ok: boolean;
  description: string;
}

/**
 * Utilità → "Impostazioni lettore ottico": keyboard-wedge thresholds, the HID reader (device, keyboard or
 * POS mode, IT/US layout), the reader's state, and a test area showing what the reader sends.
 */
export function CaptureSettingsDialog(props: { onClose: () => void; onSaved: (s: CaptureSettings) => void }) {
  const api = useApi();
  const capture = useCapture();
  const initial = capture.settings ?? DEFAULT_CAPTURE_SETTINGS;
  const [enabled, setEnabled] = useState(initial.enabled);
  const [maxInterKeyMs, setMaxInterKeyMs] = useState(String(initial.wedge.maxInterKeyMs));
  const [minLength, setMinLength] = useState(String(initial.wedge.minLength));
  const [hidKey, setHidKey] = useState(initial.hid ? deviceKey(initial.hid) : NO_HID);
  const [mode, setMode] = useState<HidReaderSetting['mode']>(initial.hid?.mode ?? 'keyboard');
  const [layout, setLayout] = useState<KeyboardLayout>(initial.hid?.layout ?? 'it');
  const [devices, setDevices] = useState<{ list: HidDeviceInfo[]; error: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [test, setTest] = useState<TestScan | null>(null);

  const loadDevices = () =>
    api
      .invoke('capture.devices', {})
      .then((r) => setDevices({ list: r.devices, error: r.error }))
      .catch((e: unknown) => setDevices({ list: [], error: errorText(e) }));

  useEffect(() => {
    let alive = true;
    api
      .invoke('capture.devices', {})
      .then((r) => alive && setDevices({ list: r.devices, error: r.error }))
      .catch((e: unknown) => alive && setDevices({ list: [], error: errorText(e) }));
    return () => {
      alive = false;
    };
  }, [api]);

  // While the dialog is open, what the reader sends is shown here (nothing else happens).
  useScanTarget((scan) => {
    const d = describeScan(scan.text);
    setTest((t) => ({ n: (t?.n ?? 0) + 1, source: scan.source, text: cleanScan(scan.text), ok: d.ok, description: d.text }));
    return { kind: 'done' };
  });

  const choices = uniqueDevices(devices?.list ?? []);
  const saved = initial.hid;
  const savedMissing = saved !== null && !choices.some((c) => deviceKey(c.device) === deviceKey(saved));

  const chooseDevice = (key: string) => {
    setHidKey(key);
    const c = choices.find((x) => deviceKey(x.device) === key);
    if (c) setMode(c.pos ? 'pos' : 'keyboard');
  };

  const build = (): CaptureSettings | string => {
    const wait = Number(maxInterKeyMs);
    const len = Number(minLength);
    if (!Number.isInteger(wait) || wait < 5 || wait > 200) return 'Intervallo massimo tra due caratteri: un numero intero da 5 a 200 ms.';
    if (!Number.isInteger(len) || len < 3 || len > 100) return 'Lunghezza minima di una lettura: un numero intero da 3 a 100 caratteri.';
    let hid: HidReaderSetting | null = null;
    if (hidKey !== NO_HID) {
      const c = choices.find((x) => deviceKey(x.device) === hidKey);
      if (c) {
        hid = {
          vendorId: c.device.vendorId,
          productId: c.device.productId,
          serialNumber: c.device.serialNumber,
          mode,
          layout,
          label: deviceLabel(c.device).slice(0, 200),
        };
      } else if (saved && deviceKey(saved) === hidKey) {
        hid = { ...saved, mode, layout };
      }
    }
    const next = { enabled, hid, wedge: { maxInterKeyMs: wait, minLength: len } };
    const parsed = CaptureSettingsSchema.safeParse(next);
    return parsed.success ? parsed.data : `Impostazioni non valide: ${parsed.error.issues[0]?.message ?? ''}`;
  };

  const onSave = async () => {
    const next = build();
    if (typeof next === 'string') {
      setError(next);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      props.onSaved(await capture.save(next));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  const reader = capture.readerState;
  return (
    <Dialog title="Impostazioni lettore ottico" onCancel={props.onClose} className="capture-dialog" guida="lettore-ottico">
      {capture.unavailable ? (
        <p className="errors" role="alert">
          {capture.unavailable}
        </p>
      ) : null}
      <label className="chk">
        <input type="checkbox" data-autofocus data-help="lettore.abilita" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <span>Lettura ottica abilitata (Utilità → Abilita lettura ottica)</span>
      </label>

      <fieldset className="capture-group">
        <legend>Lettori a emulazione di tastiera</legend>
        <p className="muted">
          Il lettore «scrive» il codice come una tastiera, molto più veloce di una persona, e lo chiude con Invio o Tab (configurare
          questo suffisso sul lettore). Una sequenza più lenta è trattata come digitazione normale.
        </p>
        <div className="row-fields">
          <label className="fld">
            <span className="fld-label">Intervallo massimo tra due caratteri (ms)</span>
            <input
              aria-label="Intervallo massimo tra due caratteri (ms)"
              data-help="lettore.intervallo"
              inputMode="numeric"
              size={5}
              maxLength={3}
              value={maxInterKeyMs}
              onChange={(e) => setMaxInterKeyMs(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          <label className="fld">
            <span className="fld-label">Lunghezza minima di una lettura (caratteri)</span>
            <input
              aria-label="Lunghezza minima di una lettura (caratteri)"
              data-help="lettore.lunghezza"
              inputMode="numeric"
              size={5}
              maxLength={3}
              value={minLength}
              onChange={(e) => setMinLength(e.target.value.replace(/\D/g, ''))}
            />
          </label>
        </div>
      </fieldset>

      <fieldset className="capture-group">
        <legend>Lettore HID (USB)</legend>
        <div className="row-fields">
          <label className="fld">
            <span className="fld-label">Lettore</span>
            <select aria-label="Lettore HID" data-help="lettore.dispositivo" value={hidKey} onChange={(e) => chooseDevice(e.target.value)}>
              <option value={NO_HID}>nessun lettore HID (solo lettori a emulazione tastiera)</option>
              {savedMissing && saved ? <option value={deviceKey(saved)}>{saved.label} (non collegato)</option> : null}
              {choices.map((c) => (
                <option key={deviceKey(c.device)} value={deviceKey(c.device)}>
                  {deviceLabel(c.device)}
                  {c.pos ? ' — HID POS' : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => void loadDevices()}>
            Aggiorna elenco
          </button>
        </div>
        {devices === null ? <p className="muted">Ricerca dei dispositivi HID…</p> : null}
        {devices?.error ? (
          <p className="err-text" role="alert">
            {devices.error}
          </p>
        ) : null}
        {devices && !devices.error && devices.list.length === 0 ? <p className="muted">Nessun dispositivo HID trovato.</p> : null}
        <div className="row-fields">
          <label className="fld">
            <span className="fld-label">Modalità</span>
            <select aria-label="Modalità del lettore HID" data-help="lettore.modalita" value={mode} disabled={hidKey === NO_HID} onChange={(e) => setMode(e.target.value === 'pos' ? 'pos' : 'keyboard')}>
              <option value="keyboard">Tastiera (HID keyboard)</option>
              <option value="pos">POS (HID Point of Sale)</option>
            </select>
          </label>
          <label className="fld">
            <span className="fld-label">Layout tastiera del lettore</span>
            <select aria-label="Layout tastiera del lettore" data-help="lettore.layout" value={layout} disabled={hidKey === NO_HID || mode === 'pos'} onChange={(e) => setLayout(e.target.value === 'us' ? 'us' : 'it')}>
              <option value="it">Italiano (IT)</option>
              <option value="us">Inglese (US)</option>
            </select>
          </label>
        </div>
      </fieldset>

      <section className="capture-group" aria-label="Stato del lettore">
        <h3>Stato del lettore</h3>
        {reader ? (
          reader.message.includes('\n') ? (
            <pre className="reader-message">{reader.message}</pre>
          ) : (
            <p className={reader.state === 'errore' ? 'err-text' : undefined}>{reader.message || reader.state}</p>
          )
        ) : (
          <p className="muted">Stato non disponibile.</p>
        )}
      </section>

      <section className="capture-group" aria-label="Prova di lettura">
        <h3>Prova di lettura</h3>
        {test ? (
          <div className={test.ok ? 'info' : 'err-text'} aria-live="polite">
            <p>
              Lettura n. {test.n} ({test.source === 'hid' ? 'lettore HID' : 'emulazione di tastiera'}, {test.text.length} caratteri):{' '}
              <span className="mono">{showScan(test.text, 80)}</span>
            </p>
            <p>{test.description}</p>
          </div>
        ) : (
          <p className="muted">
            {initial.enabled
              ? 'Leggere un codice con il lettore: il risultato appare qui (non viene caricato nulla).'
              : 'Abilitare e salvare la lettura ottica, poi leggere un codice: il risultato appare qui.'}
          </p>
        )}
      </section>

      {error ? (
        <p className="errors" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" className="primary" disabled={saving} onClick={() => void onSave()}>
          Salva
        </button>
        <button type="button" onClick={props.onClose}>
          Annulla
        </button>
      </div>
    </Dialog>
  );
}
