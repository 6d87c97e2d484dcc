import { useState } from 'react';
import { useApi } from '../api-client/context';
import { Dialog } from '../components/Dialog';
import { errorText } from '../api-client/error-text';
import { formatDateTime } from '#shared/util/italian-time';
import type { Status } from '#shared/status/statuses';

/** Statuses of a declaration the CAF has received (a question can name it). */
export const SENT_TO_CAF: ReadonlySet<Status> = new Set(['TRASM_CGN', 'BLOCCATA', 'TRASM_INPS', 'RICEVUTA', 'RETTIFICATA', 'SCARTATA', 'SCART_CAF']);

/**
 * "Assistenza CGN" (side link, p. 70): a question to the CAF, sent at once over the connection, optionally about
 * the declaration selected in the monitor (when it was transmitted). The answer arrives among the "Messaggi".
 */
export function AssistenzaDialog(props: { onClose: () => void; declaration: { id: number; progressivo: number } | null }) {
  const api = useApi();
  const [testo, setTesto] = useState('');
  const [about, setAbout] = useState(props.declaration !== null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentAt, setSentAt] = useState<string | null>(null);
  const send = async () => {
    if (busy) return;
    if (!testo.trim()) {
      setError('Scrivere la domanda.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api.invoke('assistenza.send', { testo, ...(about && props.declaration ? { declarationId: props.declaration.id } : {}) });
      setSentAt(r.sentAt);
      setTesto('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title="Assistenza CGN" onCancel={props.onClose} className="assistenza-dialog">
      <div className="assistenza-form">
        <label htmlFor="assistenza-testo">Domanda per l'assistenza del CAF CGN</label>
        <textarea
          id="assistenza-testo"
          data-help="assistenza.testo"
          data-autofocus
          value={testo}
          onChange={(e) => setTesto(e.target.value)}
          rows={6}
          maxLength={4000}
          aria-required="true"
        />
        {props.declaration ? (
          <label className="check">
            <input type="checkbox" data-help="assistenza.dichiarazione" checked={about} onChange={(e) => setAbout(e.target.checked)} /> Riguarda la dichiarazione{' '}
            {props.declaration.progressivo}
          </label>
        ) : null}
        {error ? <p className="error" role="alert">{error}</p> : null}
        {sentAt ? (
          <p role="status" className="ok">
            Domanda inviata al CAF il {formatDateTime(sentAt)}: la risposta arriverà tra i Messaggi.
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="button" aria-disabled={busy || undefined} onClick={() => void send()}>
            {busy ? 'Invio…' : 'Invia'}
          </button>
          <button type="button" onClick={props.onClose}>
            Chiudi
          </button>
        </div>
      </div>
    </Dialog>
  );
}
