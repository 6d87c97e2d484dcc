import { useEffect, useState } from 'react';
import { OUTBOX_STATE_LABELS, type AttesaRow } from '#shared/domain/transmission';
import { useApi } from '../api-client/context';
import { Dialog } from '../components/Dialog';
import { dichiarazioni } from './format';
import { formatDateTime } from '#shared/util/italian-time';
import { errorText } from '../api-client/error-text';

/**
 * Utilità → "Reinvio dichiarazioni" (p. 70): the declarations still in "Attesa" with their file, attempts and
 * last error; "Reinvia" sends their files again now (also those the CAF refused as a whole).
 */
export function ReinvioDialog(props: { onClose: () => void }) {
  const api = useApi();
  const [rows, setRows] = useState<AttesaRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Bumped after "Reinvia" to read the list again.
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    api
      .invoke('transmission.attesa', {})
      .then((r) => live && setRows(r.rows))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [api, generation]);

  const files = [...new Set((rows ?? []).map((r) => r.transmissionId))];
  const reinviaReason = busy ? 'Reinvio in corso…' : files.length === 0 ? 'Nessuna dichiarazione in attesa.' : null;
  const reinvia = async () => {
    if (reinviaReason) return;
    setBusy(true);
    setError(null);
    setInfo(null);
    try {
      const r = await api.invoke('transmission.resend', { transmissionIds: files });
      setInfo(`${r.files === 1 ? 'Reinviato 1 file' : `Reinviati ${r.files.toLocaleString('it-IT')} file`} (${dichiarazioni(r.declarations)}).`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      setGeneration((g) => g + 1);
    }
  };

  return (
    <Dialog title="Reinvio dichiarazioni" onCancel={props.onClose} className="reinvio-dialog" guida="reinvio-storico">
      <p className="muted">
        Le dichiarazioni inviate per le quali il CAF CGN non ha ancora confermato la ricezione (status Attesa), raggruppate per file di
        trasmissione.
      </p>
      {rows === null && !error ? <p>Caricamento…</p> : null}
      {rows && rows.length === 0 ? <p role="status">Nessuna dichiarazione in attesa di conferma.</p> : null}
      {rows && rows.length > 0 ? (
        <div className="codes">
          <table aria-label="Dichiarazioni in attesa">
            <thead>
              <tr>
                <th className="num">Progr.</th>
                <th>Codice fiscale</th>
                <th>Cognome e nome</th>
                <th>File creato il</th>
                <th className="num">Tentativi</th>
                <th>Ultimo errore</th>
                <th>Stato</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.transmissionId}-${r.id}`}>
                  <td className="num">{r.progressivo}</td>
                  <td className="mono">{r.codiceFiscale}</td>
                  <td>{r.cognomeNome || '—'}</td>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td className="num">{r.attempts}</td>
                  <td className="error-cell">{r.lastError ?? ''}</td>
                  <td>{OUTBOX_STATE_LABELS[r.state]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="note">
        Il reinvio va usato sotto il diretto controllo del servizio di Consulenza telefonica CGN (guida p. 70): prima aggiornare con
        «Sincronizza» per ricevere la conferma; se lo status Attesa rimane, contattare l'assistenza CGN.
      </p>
      {info ? <p className="info" role="status">{info}</p> : null}
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div className="dialog-buttons">
        {/* aria-disabled, not disabled: the button keeps the keyboard focus while it works. */}
        <button type="button" data-help="reinvio.reinvia" aria-disabled={reinviaReason ? true : undefined} aria-busy={busy} onClick={() => void reinvia()} title={reinviaReason ?? undefined}>
          {busy ? 'Reinvio…' : 'Reinvia'}
        </button>
        <button type="button" data-autofocus onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
