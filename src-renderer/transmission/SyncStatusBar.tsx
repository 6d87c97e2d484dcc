import { useCallback, useEffect, useState } from 'react';
import { CONNECTION_LABELS, type Connection, type SyncState } from '#shared/domain/transmission';
import { useApi } from '../api-client/context';
import { formatDateTime } from '#shared/util/italian-time';
import { errorText } from '../api-client/error-text';
import { ConfirmDialog } from '../components/Dialog';

/** The connection / sync state: fetched once, then kept current by the 'sync.state' event. */
export function useSyncState() {
  const api = useApi();
  const [state, setState] = useState<SyncState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // The event may arrive before the first answer: keep whichever is newer (the event wins once it came).
    let fromEvent = false;
    const off = api.on('sync.state', (s) => {
      fromEvent = true;
      if (live) setState(s);
    });
    api
      .invoke('sync.state', {})
      .then((s) => live && !fromEvent && setState(s))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return { state, error, setState };
}

const DOT: Readonly<Record<Connection, string>> = {
  CONNESSO: 'ok',
  NON_RAGGIUNGIBILE: 'ko',
  CREDENZIALI_ERRATE: 'ko',
  DISABILITATO: 'ko',
  NON_CONFIGURATO: 'off',
  SCONOSCIUTO: 'unknown',
};

/**
 * The monitor's status bar for the link to the CAF CGN: connection, last sync, outbox ("In attesa"),
 * unread messages, last error, the side link "Segnalazioni" (p. 70) and "Sincronizza".
 */
export function SyncStatusBar(props: {
  state: SyncState | null;
  loadError: string | null;
  onSynced: (s: SyncState) => void;
  onError: (message: string) => void;
  onMessaggi: () => void;
  onSegnalazioni: () => void;
  /** The side links "Circolari telematiche" and "Assistenza CGN" (p. 70). */
  onCircolari: () => void;
  onAssistenza: () => void;
  /** The side link "Vigilanza" (p. 70, 72). */
  onVigilanza: () => void;
  /** Opens Utilità → "Impostazioni collegamento CAF". */
  onSettings: () => void;
  inert?: boolean;
}) {
  const api = useApi();
  const { state, onSynced, onError } = props;
  const [busy, setBusy] = useState(false);
  const [askSettings, setAskSettings] = useState(false);
  const running = busy || (state?.running ?? false);

  const syncNow = useCallback(async () => {
    if (running) return;
    // Nothing to try without a server: say so and offer the settings instead of a network error.
    if (state?.connection === 'NON_CONFIGURATO') {
      setAskSettings(true);
      return;
    }
    setBusy(true);
    try {
      onSynced(await api.invoke('sync.now', {}));
    } catch (e) {
      onError(errorText(e));
    } finally {
      setBusy(false);
    }
  }, [api, onSynced, onError, running, state]);

  const connection = state?.connection ?? 'SCONOSCIUTO';
  const unread = state?.unreadMessages ?? 0;
  return (
    <section className="sync-bar" aria-label="Collegamento al CAF" inert={props.inert}>
      <span className="sync-conn" data-testid="sync-connection" title={state?.serverUrl ?? 'Utilità → Impostazioni collegamento CAF'}>
        <span className={`dot ${DOT[connection]}`} aria-hidden="true" />
        {state ? CONNECTION_LABELS[connection] : props.loadError ? 'Stato del collegamento non disponibile' : 'Collegamento: …'}
      </span>
      <span data-testid="sync-last">Ultima sincronizzazione: {state?.lastSyncAt ? formatDateTime(state.lastSyncAt) : 'mai'}</span>
      <span data-testid="sync-outbox" title="Dichiarazioni in attesa di conferma del CAF (status Attesa)">
        In attesa: {(state?.outboxDeclarations ?? 0).toLocaleString('it-IT')}
      </span>
      {state && state.stoppedFiles > 0 ? (
        <span className="sync-warn" title="File non consegnati al CAF dopo ripetuti tentativi: vedere Utilità → Reinvio dichiarazioni (con la Consulenza telefonica CGN)">
          File fermi: {state.stoppedFiles.toLocaleString('it-IT')}
        </span>
      ) : null}
      <button type="button" className={`link-btn${unread > 0 ? ' unread' : ''}`} onClick={props.onMessaggi} title="Messaggi in piattaforma dal CAF CGN">
        Messaggi: {unread.toLocaleString('it-IT')}
      </button>
      <button type="button" className="link-btn" onClick={props.onSegnalazioni} title="Dichiarazioni non accettate dal server del CAF CGN, con il motivo (p. 70)">
        Segnalazioni
      </button>
      <button
        type="button"
        className={`link-btn${(state?.unreadCircolari ?? 0) > 0 ? ' unread' : ''}`}
        onClick={props.onCircolari}
        title="Documenti inviati periodicamente dal CAF CGN: aggiornamenti, scadenze (p. 70)"
      >
        Circolari telematiche{(state?.unreadCircolari ?? 0) > 0 ? ` (${(state?.unreadCircolari ?? 0).toLocaleString('it-IT')} ${state?.unreadCircolari === 1 ? 'nuova' : 'nuove'})` : ''}
      </button>
      <button type="button" className="link-btn" onClick={props.onAssistenza} title="Domande all'assistenza del CAF CGN; la risposta arriva tra i Messaggi (p. 70)">
        Assistenza CGN
      </button>
      <button type="button" className="link-btn" onClick={props.onVigilanza} aria-keyshortcuts="Alt+V" title="Controlli INPS e normativa di riferimento (Alt+V, p. 72)">
        Vigilanza
      </button>
      {state?.lastError || props.loadError ? (
        <span className="sync-error" data-testid="sync-error" title={state?.lastError ?? props.loadError ?? ''}>
          {state?.lastError ?? props.loadError}
        </span>
      ) : null}
      <span className="spacer" />
      <button
        type="button"
        className="sync-btn"
        // aria-disabled, not disabled: pressed from the keyboard, the button keeps the focus while it runs.
        aria-disabled={running ? true : undefined}
        aria-busy={running}
        title={running ? 'Sincronizzazione in corso…' : 'Invia le dichiarazioni in attesa e ricevi esiti, scarti e messaggi dal CAF'}
        onClick={() => void syncNow()}
      >
        {running ? 'Sincronizzazione…' : 'Sincronizza'}
      </button>
      {askSettings ? (
        <ConfirmDialog
          title="Collegamento al CAF non configurato"
          message={
            <p>
              Per sincronizzare servono l'indirizzo del server del CAF e le credenziali dello sportello, che il CAF fornisce. Le
              dichiarazioni inviate restano intanto «In attesa» e partono da sole appena il collegamento è configurato.
            </p>
          }
          confirmLabel="Apri Impostazioni collegamento CAF"
          onConfirm={() => {
            setAskSettings(false);
            props.onSettings();
          }}
          onCancel={() => setAskSettings(false)}
        />
      ) : null}
    </section>
  );
}
