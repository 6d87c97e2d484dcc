import { useEffect, useRef, useState } from 'react';
import type { ParkedChange, Segnalazione } from '#shared/domain/transmission';
import { STATUS_INFO } from '#shared/status/statuses';
import { useApi } from '../api-client/context';
import { Dialog } from '../components/Dialog';
import { scartoCodeLabel } from './format';
import { formatDateTime } from '#shared/util/italian-time';
import { errorText } from '../api-client/error-text';
import { listKeyHandler } from '../components/list-keys';

/**
 * "Segnalazioni" (side link, p. 70): the declarations the CAF CGN server did not accept, with the reason
 * (9009–9011, Scart. CAF) and the suggestion when there is one. "Apri" (or Invio) goes to the declaration.
 */
export function SegnalazioniDialog(props: { onClose: () => void; onOpen: (id: number) => void }) {
  const api = useApi();
  const [rows, setRows] = useState<Segnalazione[] | null>(null);
  const [parked, setParked] = useState<ParkedChange[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    api
      .invoke('transmission.segnalazioni', {})
      .then((r) => live && setRows(r.rows))
      .catch((e: unknown) => live && setError(errorText(e)));
    api
      .invoke('transmission.parked', {})
      .then((r) => live && setParked(r.rows))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [api]);

  // Once loaded, the keyboard is on the list (or on "Chiudi" when there is nothing to show).
  useEffect(() => {
    if (rows) (listRef.current ?? closeRef.current)?.focus();
  }, [rows]);

  const list = rows ?? [];
  const current = list[index];
  const onKeyDown = listKeyHandler(list.length, setIndex, () => {
    if (!current) return false;
    props.onOpen(current.id);
    return true;
  });


  return (
    <Dialog title="Segnalazioni" onCancel={props.onClose} className="segnalazioni-dialog" guida="messaggi-segnalazioni">
      <p className="muted" role="status">
        {rows === null
          ? error
            ? ''
            : 'Caricamento…'
          : rows.length === 0
            ? 'Nessuna dichiarazione respinta dal server del CAF CGN.'
            : `${rows.length.toLocaleString('it-IT')} ${rows.length === 1 ? 'dichiarazione non accettata' : 'dichiarazioni non accettate'} dal server del CAF CGN.`}
      </p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {list.length > 0 ? (
        <>
          <div className="list-header seg-grid" role="presentation">
            <span className="c-prog">Progr.</span>
            <span className="c-cf">Codice fiscale</span>
            <span className="seg-nome">Cognome e nome</span>
            <span className="c-status">Status</span>
            <span className="seg-code">Codice</span>
            <span className="seg-msg">Motivo</span>
          </div>
          <div
            className="dup-list seg-list"
            role="listbox"
            aria-label="Dichiarazioni non accettate dal CAF"
            data-help="segnalazioni.elenco"
            tabIndex={0}
            ref={listRef}
            onKeyDown={onKeyDown}
            aria-activedescendant={current ? `seg-${current.id}` : undefined}
          >
            {list.map((r, i) => (
              <div
                key={r.id}
                id={`seg-${r.id}`}
                role="option"
                aria-selected={i === index}
                className={`row seg-grid${i === index ? ' selected' : ''}`}
                onMouseDown={() => setIndex(i)}
                onDoubleClick={() => props.onOpen(r.id)}
                title={`Segnalata il ${formatDateTime(r.at)}`}
              >
                <span className="c-prog">{r.progressivo}</span>
                <span className="c-cf">{r.codiceFiscale}</span>
                <span className="seg-nome">{r.cognomeNome || '—'}</span>
                <span className="c-status">{STATUS_INFO[r.status].label}</span>
                <span className="seg-code">{scartoCodeLabel(r.code)}</span>
                <span className="seg-msg">
                  {r.message}
                  {r.suggestion ? (
                    <b className="seg-sugg">
                      {' '}
                      — {r.status === 'SCART_CAF' ? 'codice fiscale suggerito' : 'matricola corretta'}: {r.suggestion}
                    </b>
                  ) : null}
                </span>
              </div>
            ))}
          </div>
        </>
      ) : null}
      {parked.length > 0 ? (
        <section aria-label="Esiti in sospeso" className="parked">
          <h3>Esiti in sospeso ({parked.length.toLocaleString('it-IT')})</h3>
          <p className="muted">
            Il CAF ha comunicato esiti o messaggi per dichiarazioni che questo archivio non contiene (per esempio dopo il ripristino di una copia di
            sicurezza). Saranno applicati appena la dichiarazione sarà presente; se non arriva, segnalarlo al CAF indicando la chiave.
          </p>
          <ul>
            {parked.map((p) => (
              <li key={p.seq}>
                {formatDateTime(p.parkedAt)} — {p.description}
                {p.declarationKey ? ` (chiave ${p.declarationKey})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" disabled={!current} onClick={() => current && props.onOpen(current.id)}>
          Apri
        </button>
        <button type="button" ref={closeRef} data-autofocus onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
