import { useEffect, useRef, useState } from 'react';
import type { BackupInfo } from '#shared/domain/backup';
import type { ApiOutput } from '#shared/api/contract';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';
import { Dialog } from '../components/Dialog';
import { UtilitaMenu } from '../utilities/UtilitaMenu';
import { dichiarazioni } from '../transmission/format';
import { CopiaDialog, RipristinoDialog } from './ScambioDialogs';

export function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('it-IT')} kB`;
  return `${(bytes / (1024 * 1024)).toLocaleString('it-IT', { maximumFractionDigits: 1 })} MB`;
}

/**
 * "Servizi" (Alt+S, issue 13): the backups of the archive ("Esegui backup ora", "Ripristina da backup") and the
 * exchange of archives between desks and to the CAF (ScambioDialogs.tsx). Messages go to the monitor's message bar.
 */
export function ServiziMenu(props: {
  onClose: () => void;
  onMessage: (text: string, kind: 'error' | 'info') => void;
  /** The declaration selected on the monitor (a copy may hold only it). */
  current?: { id: number; progressivo: number } | null;
}) {
  const api = useApi();
  const [view, setView] = useState<'menu' | 'ripristina' | 'copiaCentro' | 'copiaCaf' | 'ripristinoRaccolta'>('menu');
  const { onClose, onMessage } = props;
  const backupNow = () => {
    onClose();
    onMessage('Copia di sicurezza in corso…', 'info');
    api.invoke('backup.now', {}).then(
      (b) => onMessage(`Copia di sicurezza eseguita: ${b.label}, ${dichiarazioni(b.declarations ?? 0)}, ${sizeText(b.size)}.`, 'info'),
      (e: unknown) => onMessage(errorText(e), 'error'),
    );
  };
  if (view === 'ripristina') return <RipristinaDialog onClose={onClose} onMessage={onMessage} />;
  if (view === 'copiaCentro' || view === 'copiaCaf') {
    const cur = props.current ?? null;
    return <CopiaDialog kind={view === 'copiaCaf' ? 'CAF' : 'CENTRO'} currentId={cur?.id ?? null} currentProgressivo={cur?.progressivo ?? null} onClose={onClose} onMessage={onMessage} />;
  }
  if (view === 'ripristinoRaccolta') return <RipristinoDialog onClose={onClose} onMessage={onMessage} />;
  return (
    <UtilitaMenu
      title="Servizi"
      listLabel="Funzioni di servizio"
      guida="servizi"
      onClose={onClose}
      entries={[
        { label: 'Esegui backup ora', helpId: 'servizi.backupOra', onSelect: backupNow },
        { label: 'Ripristina da backup', helpId: 'servizi.ripristina', onSelect: () => setView('ripristina') },
        { label: 'Copia per il Centro di Elaborazione', helpId: 'servizi.copiaCentro', onSelect: () => setView('copiaCentro') },
        { label: 'Ripristino da Centro di Raccolta', helpId: 'servizi.ripristinoRaccolta', onSelect: () => setView('ripristinoRaccolta') },
        { label: 'Copia archivi da inviare al CAF', helpId: 'servizi.copiaCaf', onSelect: () => setView('copiaCaf') },
      ]}
    />
  );
}

/**
 * "Ripristina da backup": the backups (date, size, declarations); the chosen one is checked by the core before it
 * replaces the archive, and the current archive is kept aside (its name is told).
 */
function RipristinaDialog(props: { onClose: () => void; onMessage: (text: string, kind: 'error' | 'info') => void }) {
  const api = useApi();
  const [list, setList] = useState<ApiOutput<'backup.list'> | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke('backup.list', {}).then(
      (l) => {
        if (!live) return;
        setList(l);
        setChosen(l.backups.find((b) => !b.problem)?.name ?? null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api]);
  const listRef = useRef<HTMLFieldSetElement>(null);
  // The list appears after loading: the chosen copy gets the focus (arrows choose another).
  useEffect(() => {
    if (list) listRef.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, [list]);
  const picked: BackupInfo | undefined = list?.backups.find((b) => b.name === chosen);
  const restore = async () => {
    if (!picked) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.invoke('backup.restore', { name: picked.name });
      props.onClose();
      props.onMessage(
        `Archivio ripristinato dalla copia del ${r.restored.label} (${dichiarazioni(r.restored.declarations ?? 0)}). L'archivio precedente è conservato in ${r.aside}.`,
        'info',
      );
    } catch (e) {
      setConfirm(false);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  if (confirm && picked) {
    return (
      <Dialog key="conferma" title="Conferma ripristino" onCancel={() => setConfirm(false)} fieldHelp={false} guida="servizi">
        <div className="dialog-body">
          <p>
            Sostituire l'archivio con la copia di sicurezza del <b>{picked.label}</b> ({dichiarazioni(picked.declarations ?? 0)})?
            La copia viene controllata prima; l'archivio attuale non è cancellato: resta conservato con un nome nuovo nella cartella dei dati.
            Il lavoro fatto dopo quella data non sarà nell'archivio ripristinato.
          </p>
          {busy ? <p role="status">Controllo e ripristino in corso…</p> : null}
        </div>
        <div className="dialog-buttons">
          <button type="button" disabled={busy} onClick={() => void restore()}>
            Ripristina
          </button>
          <button type="button" data-autofocus disabled={busy} onClick={() => setConfirm(false)}>
            No
          </button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog key="elenco" title="Ripristina da backup" onCancel={props.onClose} guida="servizi" className="ripristina-dialog">
      {!list && !error ? <p>Caricamento…</p> : null}
      {list ? (
        list.backups.length === 0 ? (
          <p>Nessuna copia di sicurezza in {list.dir}.</p>
        ) : (
          <fieldset className="backup-list" ref={listRef}>
            <legend>Copie di sicurezza in {list.dir} (la più recente per prima)</legend>
            {list.backups.map((b) => (
              <label key={b.name} className={b.problem ? 'muted' : undefined}>
                <input
                  type="radio"
                  name="backup"
                  value={b.name}
                  data-help="ripristina.copia"
                  checked={chosen === b.name}
                  disabled={b.problem !== null}
                  onChange={() => setChosen(b.name)}
                />{' '}
                {b.label} — {sizeText(b.size)} —{' '}
                {b.problem ? `non utilizzabile: ${b.problem}` : `${dichiarazioni(b.declarations ?? 0)}`}
              </label>
            ))}
          </fieldset>
        )
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" data-help="ripristina.conferma" disabled={!picked} onClick={() => setConfirm(true)}>
          Ripristina…
        </button>
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
