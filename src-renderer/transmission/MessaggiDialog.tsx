import { useEffect, useRef, useState } from 'react';
import type { DeskMessage } from '#shared/domain/transmission';
import { useApi } from '../api-client/context';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '#shared/util/italian-time';
import { errorText } from '../api-client/error-text';
import { listKeyHandler } from '../components/list-keys';

/** "3 messaggi (1 nuovo)." */
function countText(rows: readonly DeskMessage[]): string {
  const unread = rows.filter((m) => !m.read).length;
  const n = rows.length;
  return `${n.toLocaleString('it-IT')} ${n === 1 ? 'messaggio' : 'messaggi'}${unread > 0 ? ` (${unread.toLocaleString('it-IT')} ${unread === 1 ? 'nuovo' : 'nuovi'})` : ''}.`;
}

/**
 * "Messaggi" from the CAF CGN (messaggi in piattaforma, e.g. the outcome of a 9011 check, p. 45, 109): newest
 * as the server sent them; the unread ones are marked read once shown. "Apri" goes to the declaration.
 */
export function MessaggiDialog(props: { onClose: () => void; onOpen: (id: number) => void }) {
  const api = useApi();
  const [rows, setRows] = useState<DeskMessage[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    api
      .invoke('messages.list', {})
      .then(async (r) => {
        if (!live) return;
        setRows(r.rows);
        const unread = r.rows.filter((m) => !m.read).map((m) => m.id);
        // Shown = read (the rows keep their "nuovo" mark until the dialog is closed).
        if (unread.length > 0) await api.invoke('messages.markRead', { ids: unread });
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [api]);

  useEffect(() => {
    if (rows) (listRef.current ?? closeRef.current)?.focus();
  }, [rows]);

  const list = rows ?? [];
  const current = list[index];
  const canOpen = current?.declarationId != null;
  const open = () => {
    if (current?.declarationId != null) props.onOpen(current.declarationId);
  };
  const onKeyDown = listKeyHandler(list.length, setIndex, () => {
    if (!canOpen) return false;
    open();
    return true;
  });


  return (
    <Dialog title="Messaggi dal CAF CGN" onCancel={props.onClose} className="messaggi-dialog" guida="messaggi-segnalazioni">
      <p className="muted" role="status">
        {rows === null ? (error ? '' : 'Caricamento…') : rows.length === 0 ? 'Nessun messaggio.' : countText(rows)}
      </p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {list.length > 0 ? (
        <div
          className="dup-list msg-list"
          role="listbox"
          aria-label="Messaggi"
          data-help="messaggi.elenco"
          tabIndex={0}
          ref={listRef}
          onKeyDown={onKeyDown}
          aria-activedescendant={current ? `msg-${current.id}` : undefined}
        >
          {list.map((m, i) => (
            <div
              key={m.id}
              id={`msg-${m.id}`}
              role="option"
              aria-selected={i === index}
              className={`msg${i === index ? ' selected' : ''}${m.read ? '' : ' unread'}`}
              onMouseDown={() => setIndex(i)}
              onDoubleClick={open}
            >
              <div className="msg-head">
                <span>{formatDateTime(m.at)}</span>
                {m.code ? <span className="mono">{m.code}</span> : null}
                {m.progressivo !== null ? <span>Dichiarazione {m.progressivo}</span> : null}
                {m.read ? null : <span className="msg-new">nuovo</span>}
              </div>
              <div className="msg-text">{m.text}</div>
              {m.correctMatricola ? (
                <div className="msg-text">
                  Matricola corretta: <b className="mono">{m.correctMatricola}</b>
                </div>
              ) : null}
            </div>
          ))}
        </div>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" disabled={!canOpen} onClick={open} title={canOpen ? 'Vai alla dichiarazione' : 'Il messaggio non riguarda una dichiarazione.'}>
          Apri
        </button>
        <button type="button" ref={closeRef} data-autofocus onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
