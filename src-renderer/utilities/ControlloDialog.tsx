import { useEffect, useRef, useState } from 'react';
import type { ApiOutput } from '#shared/api/contract';
import { STATUS_INFO } from '#shared/status/statuses';
import { Dialog } from '../components/Dialog';
import { useApi } from '../api-client/context';
import { listKeyHandler } from '../components/list-keys';
import { errorText } from '../api-client/error-text';
import { dichiarazioni } from '../transmission/format';

/**
 * Utilità → "Controllo Dichiarazioni RED" (p. 69): checks every declaration in "Da spedire" (or the
 * selection) with the same engine as the editor, shows the progress, updates the statuses and lists the
 * declarations with errors. "Apri" goes to the declaration.
 */
export function ControlloDialog(props: { ids?: number[]; onClose: () => void; onOpen: (id: number) => void }) {
  const api = useApi();
  const [progress, setProgress] = useState<{ checked: number; total: number }>({ checked: 0, total: 0 });
  const [result, setResult] = useState<ApiOutput<'utility.check'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const { ids } = props;

  useEffect(() => api.on('check.progress', (p) => setProgress(p)), [api]);
  useEffect(() => {
    let live = true;
    api
      .invoke('utility.check', ids ? { ids } : {})
      .then((r) => live && setResult(r))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [api, ids]);

  const rows = result?.withErrors ?? [];
  // The list takes the focus as soon as it is there (the check runs after the dialog opened).
  const listRef = useRef<HTMLDivElement>(null);
  const hasRows = rows.length > 0;
  useEffect(() => {
    if (hasRows) listRef.current?.focus();
  }, [hasRows]);
  const current = rows[index];
  const pct = progress.total ? Math.round((progress.checked / progress.total) * 100) : result ? 100 : 0;
  const onKeyDown = listKeyHandler(rows.length, setIndex, () => {
    if (!current) return false;
    props.onOpen(current.id);
    return true;
  });

  return (
    <Dialog title="Controllo Dichiarazioni RED" onCancel={props.onClose} className="controllo-dialog" guida="controllo">
      <div className="progress" role="progressbar" aria-label="Avanzamento del controllo" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p role="status">
        {result
          ? `Controllate ${dichiarazioni(result.checked)}: ${result.withErrorsTotal.toLocaleString('it-IT')} con errori o avvertimenti, ${result.changed.toLocaleString('it-IT')} con status aggiornato.`
          : `Controllo in corso… ${progress.checked.toLocaleString('it-IT')} di ${progress.total.toLocaleString('it-IT')}`}
      </p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {result && rows.length > 0 ? (
        <>
        <div className="list-header controllo-header" aria-hidden="true">
          <span className="c-prog">Progr.</span>
          <span className="c-status">Status</span>
          <span className="c-cf">Codice fiscale</span>
          <span className="c-count" title="Errori bloccanti / avvertimenti">Err. / Avv.</span>
          <span className="c-nome">Primo messaggio</span>
        </div>
        <div ref={listRef} className="dup-list" role="listbox" aria-label="Dichiarazioni con errori" data-help="controllo.elenco" tabIndex={0} onKeyDown={onKeyDown} aria-activedescendant={current ? `chk-${current.id}` : undefined}>
          {rows.map((r, i) => (
            <div key={r.id} id={`chk-${r.id}`} role="option" aria-selected={i === index} className={`row${i === index ? ' selected' : ''}`} onMouseDown={() => setIndex(i)} onDoubleClick={() => props.onOpen(r.id)}>
              <span className="c-prog">{r.progressivo}</span>
              <span className="c-status">{STATUS_INFO[r.status].label}</span>
              <span className="c-cf">{r.codiceFiscale}</span>
              <span className="c-count" title="Errori bloccanti / avvertimenti">{r.blocking} / {r.warnings}</span>
              <span className="c-nome">{r.firstMessage ?? ''}</span>
            </div>
          ))}
        </div>
        </>
      ) : null}
      {result && result.withErrorsTotal > rows.length ? <p className="muted">Mostrate le prime {rows.length.toLocaleString('it-IT')}.</p> : null}
      <div className="dialog-buttons">
        <button type="button" data-help="controllo.apri" disabled={!current} onClick={() => current && props.onOpen(current.id)}>
          Apri
        </button>
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
