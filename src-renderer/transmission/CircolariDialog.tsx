import { useEffect, useRef, useState } from 'react';
import type { CircolareRow } from '#shared/domain/circolari';
import { useApi } from '../api-client/context';
import { Dialog } from '../components/Dialog';
import { errorText } from '../api-client/error-text';
import { listKeyHandler } from '../components/list-keys';
import { isoToIt } from '#shared/util/italian-input';


/**
 * "Circolari telematiche" (side link, p. 70): the documents the CAF CGN sends to its desks (updates, deadlines),
 * newest first, the selected one's text below. The new ones are marked read once shown (they keep their "nuova"
 * mark until the dialog is closed).
 */
export function CircolariDialog(props: { onClose: () => void }) {
  const api = useApi();
  const [rows, setRows] = useState<CircolareRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    api
      .invoke('circolari.list', {})
      .then(async (r) => {
        if (!live) return;
        setRows(r.rows);
        const unread = r.rows.filter((c) => !c.read).map((c) => c.id);
        if (unread.length > 0) await api.invoke('circolari.markRead', { ids: unread });
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
  const unread = list.filter((c) => !c.read).length;
  return (
    <Dialog title="Circolari telematiche" onCancel={props.onClose} className="messaggi-dialog">
      <p className="muted" role="status">
        {rows === null
          ? error
            ? ''
            : 'Caricamento…'
          : rows.length === 0
            ? 'Nessuna circolare dal CAF CGN.'
            : `${rows.length} ${rows.length === 1 ? 'circolare' : 'circolari'}${unread > 0 ? ` (${unread} ${unread === 1 ? 'nuova' : 'nuove'})` : ''}.`}
      </p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {list.length > 0 ? (
        <div
          className="dup-list msg-list"
          role="listbox"
          aria-label="Circolari"
          data-help="circolari.elenco"
          tabIndex={0}
          ref={listRef}
          onKeyDown={listKeyHandler(list.length, setIndex, () => false)}
          aria-activedescendant={current ? `circ-${current.id}` : undefined}
        >
          {list.map((c, i) => (
            <div
              key={c.id}
              id={`circ-${c.id}`}
              role="option"
              aria-selected={i === index}
              className={`msg${i === index ? ' selected' : ''}${c.read ? '' : ' unread'}`}
              onMouseDown={() => setIndex(i)}
            >
              <div className="msg-head">
                <span>{isoToIt(c.data)}</span>
                {c.scadenza ? <span>Scadenza: {isoToIt(c.scadenza)}</span> : null}
                {c.read ? null : <span className="msg-new">nuova</span>}
              </div>
              <div className="msg-text">{c.titolo}</div>
            </div>
          ))}
        </div>
      ) : null}
      {current ? (
        <article className="circolare-testo" aria-label={`Testo della circolare «${current.titolo}»`}>
          <h3>{current.titolo}</h3>
          <p>{current.testo}</p>
        </article>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" ref={closeRef} data-autofocus onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
