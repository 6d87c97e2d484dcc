import { useEffect, useState } from 'react';
import type { ApiOutput, RedDeskApi } from '#shared/api/contract';
import { ApiContext } from './api-client/context';
import { CaptureProvider, CaptureStatus } from './capture/CaptureProvider';
import { Monitor } from './monitor/Monitor';
import { errorText } from './api-client/error-text';
import { ArchiveHealthBanner } from './components/ArchiveHealthBanner';
import { GuidaDialog } from './guida/GuidaDialog';
import { guidaSectionAt } from './guida/section-at';
import { LockScreen } from './lock/LockScreen';

/**
 * The archive first: when it is encrypted with a passphrase not given yet, the locked screen comes before the
 * monitor (issue 13 point 3); once open (or when the key came from the keychain) the desk itself.
 */
export function App(props: { api: RedDeskApi }) {
  const [lock, setLock] = useState<ApiOutput<'archive.lockState'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    props.api
      .invoke('archive.lockState', {})
      .then(setLock)
      .catch((e: unknown) => setError(errorText(e)));
  }, [props.api]);
  if (error) return <div className="fatal" role="alert">{error}</div>;
  if (!lock) return null;
  if (lock.stato !== 'aperto') {
    return (
      <div className="app">
        <header className="topbar">
          <h1>RED Desk</h1>
        </header>
        <LockScreen api={props.api} state={lock} onOpened={() => setLock({ ...lock, stato: 'aperto' })} />
      </div>
    );
  }
  return <DeskApp api={props.api} />;
}

function DeskApp(props: { api: RedDeskApi }) {
  const [info, setInfo] = useState<ApiOutput<'app.info'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    props.api
      .invoke('app.info', {})
      .then(setInfo)
      .catch((e: unknown) => setError(errorText(e)));
  }, [props.api]);
  // "Guida RED" (p. 70): F1 from every screen opens it at the section of the screen with the focus.
  const [guida, setGuida] = useState<string | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F1') return;
      e.preventDefault();
      setGuida((open) => open ?? guidaSectionAt(document.activeElement));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <ApiContext.Provider value={props.api}>
      <CaptureProvider>
        <div className="app">
          <header className="topbar">
            <h1>Monitor Dichiarazioni mod. RED</h1>
            <span className="campaign">{info ? `Campagna ${info.campaign.replace('RED', 'RED ')}` : ''}</span>
            <span className="spacer" />
            <span className="operator">{info ? `Operatore: ${info.operator}` : ''}</span>
            <button type="button" className="head-btn" aria-keyshortcuts="F1" onClick={() => setGuida(guidaSectionAt(null))}>
              Guida RED <span className="kbd">F1</span>
            </button>
          </header>
          <ArchiveHealthBanner />
          {error ? <div className="fatal" role="alert">{error}</div> : <Monitor />}
          <footer className="statusbar">
            <span>RED Desk {info?.version ?? ''}</span>
            <span title={info?.archiveFile}>{info ? `Archivio: ${info.archiveFile}` : ''}</span>
            <span className="spacer" />
            <CaptureStatus />
          </footer>
          {guida !== null ? <GuidaDialog section={guida} onClose={() => setGuida(null)} /> : null}
        </div>
      </CaptureProvider>
    </ApiContext.Provider>
  );
}
