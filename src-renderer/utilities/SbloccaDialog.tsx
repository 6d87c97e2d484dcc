import { useEffect, useRef, useState } from 'react';
import type { ApiOutput } from '#shared/api/contract';
import type { CodiceSbloccabile } from '#shared/sblocco/codice';
import { STATUS_INFO } from '#shared/status/statuses';
import { formatDate, formatDateTime } from '#shared/util/italian-time';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';
import { Dialog } from '../components/Dialog';

type Info = ApiOutput<'sblocco.info'>;
export type SbloccoDone = ApiOutput<'sblocco.applica'> & { progressivo: number };

/**
 * Utilità → "Sblocca dichiarazione errata" (guide p. 70, 97–98), only under the guidance of the CAF operator: the
 * dialog shows what the CAF needs to issue the code (sportello, progressivo, codice fiscale, the error), then takes
 * the code read out on the phone and the reason. The code is checked on the desk, without a connection.
 */
export function SbloccaDialog(props: { id: number; onClose: () => void; onDone: (r: SbloccoDone) => void }) {
  const api = useApi();
  const [info, setInfo] = useState<Info | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errore, setErrore] = useState<CodiceSbloccabile | ''>('');
  const [codice, setCodice] = useState('');
  const [motivo, setMotivo] = useState('');
  const [error, setError] = useState<{ field: 'codice' | 'motivo' | null; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const codiceRef = useRef<HTMLInputElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    api
      .invoke('sblocco.info', { id: props.id })
      .then((i) => {
        if (!live) return;
        setInfo(i);
        setErrore(i.errori[0]?.codice ?? '');
      })
      .catch((e: unknown) => live && setLoadError(errorText(e)));
    return () => {
      live = false;
    };
  }, [api, props.id]);

  const chosen = info?.errori.find((e) => e.codice === errore) ?? null;
  const usable = info !== null && info.deskId !== null && chosen !== null;
  // The form appears after loading: the code box gets the focus (or "Annulla" when nothing can be unlocked).
  const loaded = info !== null;
  useEffect(() => {
    if (!loaded) return;
    (codiceRef.current && !codiceRef.current.disabled ? codiceRef.current : cancelRef.current)?.focus();
  }, [loaded]);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!info || !chosen || busy) return;
    if (codice.trim() === '') return setError({ field: 'codice', text: "Inserire il codice di sblocco comunicato dall'operatore del CAF." });
    if (motivo.trim() === '') return setError({ field: 'motivo', text: 'Indicare il motivo dello sblocco (es. pensione AVS svizzera non dichiarata nel 730).' });
    setBusy(true);
    setError(null);
    try {
      const r = await api.invoke('sblocco.applica', { id: info.id, codiceErrore: chosen.codice, codice, motivo });
      props.onDone({ ...r, progressivo: info.progressivo });
    } catch (err) {
      setError({ field: 'codice', text: errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Sblocca dichiarazione errata" onCancel={props.onClose} className="sblocca-dialog" guida="sblocca">
      {loadError ? (
        <p className="err-text" role="alert">
          {loadError}
        </p>
      ) : null}
      {!info && !loadError ? <p>Caricamento…</p> : null}
      {info ? (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <p>Funzione da usare solo sotto la guida dell'operatore del CAF: comunicargli questi dati per ricevere il codice di sblocco.</p>
          <dl className="sblocca-dati" aria-label="Dati da comunicare al CAF">
            <dt>Sportello</dt>
            <dd className="mono">{info.deskId ?? 'non configurato'}</dd>
            <dt>Progressivo</dt>
            <dd className="mono">{info.progressivo}</dd>
            <dt>Codice fiscale</dt>
            <dd className="mono">{info.codiceFiscale}</dd>
            <dt>Dichiarante</dt>
            <dd>{info.cognomeNome || '—'}</dd>
            <dt>Campagna</dt>
            <dd className="mono">{info.campagna}</dd>
            <dt>Status</dt>
            <dd>{STATUS_INFO[info.status].label}</dd>
          </dl>
          {info.deskId === null ? (
            <p className="err-text" role="alert">
              Lo sportello non ha le credenziali del collegamento al CAF (Utilità → «Impostazioni collegamento CAF»): il codice di sblocco è legato allo sportello, senza non si può verificare.
            </p>
          ) : null}
          {info.errori.length === 0 ? (
            <p className="err-text" role="alert">
              La dichiarazione non ha errori «Valore diverso da reddito 730» da sbloccare: gli altri errori si correggono nella dichiarazione.
            </p>
          ) : (
            <>
              <label className="whole">
                <span>Errore da sbloccare</span>
                <select data-help="sblocca.errore" value={errore} onChange={(e) => setErrore(e.target.value as CodiceSbloccabile)} disabled={!info.deskId}>
                  {info.errori.map((x) => (
                    <option key={x.codice} value={x.codice}>
                      {x.codice} – Valore diverso da reddito 730
                    </option>
                  ))}
                </select>
              </label>
              {chosen ? <p className="muted sblocca-messaggio">{chosen.messaggio}</p> : null}
              <label className="whole">
                <span>Codice di sblocco</span>
                <input
                  ref={codiceRef}
                  data-help="sblocca.codice"
                  value={codice}
                  onChange={(e) => (setCodice(e.target.value.toUpperCase()), setError(null))}
                  disabled={!usable}
                  className="mono"
                  maxLength={20}
                  placeholder="XXXX-XXXX-XXXX"
                  spellCheck={false}
                  autoComplete="off"
                  aria-invalid={error?.field === 'codice' ? true : undefined}
                  aria-describedby={error?.field === 'codice' ? 'sblocca-err' : undefined}
                />
              </label>
              <label className="whole">
                <span>Motivo dello sblocco</span>
                <input
                  data-help="sblocca.motivo"
                  className="sblocca-motivo"
                  value={motivo}
                  onChange={(e) => (setMotivo(e.target.value), setError(null))}
                  disabled={!usable}
                  maxLength={500}
                  aria-invalid={error?.field === 'motivo' ? true : undefined}
                  aria-describedby={error?.field === 'motivo' ? 'sblocca-err' : undefined}
                />
              </label>
            </>
          )}
          {error ? (
            <p className="err-text" id="sblocca-err" role="alert">
              {error.text}
            </p>
          ) : null}
          {info.sblocchi.length > 0 ? (
            <table className="sblocca-storico" aria-label="Sblocchi già registrati">
              <thead>
                <tr>
                  <th>Errore</th>
                  <th>Sbloccato il</th>
                  <th>Operatore</th>
                  <th>Motivo</th>
                </tr>
              </thead>
              <tbody>
                {info.sblocchi.map((s) => (
                  <tr key={s.codiceErrore}>
                    <td className="mono">{s.codiceErrore}</td>
                    <td>{formatDateTime(s.at)}</td>
                    <td>{s.operator}</td>
                    <td>
                      {s.motivo} (codice valido fino al {formatDate(`${s.scadenza}T12:00:00Z`)})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="dialog-buttons">
            <button type="submit" data-help="sblocca.conferma" disabled={!usable || busy}>
              Sblocca
            </button>
            <button type="button" ref={cancelRef} onClick={props.onClose}>
              Annulla
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}

/** The monitor's message after an unlock. */
export function sbloccoDoneText(r: SbloccoDone): string {
  const next = r.status === 'ERRATA' ? 'restano altri errori da correggere' : 'aprirla con «Modifica» e renderla completa';
  return `Dichiarazione ${r.progressivo}: errore ${r.sblocco.codiceErrore} sbloccato dal CAF (registrato nello storico); ora è ${STATUS_INFO[r.status].label}: ${next}.`;
}
