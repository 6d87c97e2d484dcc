import { useState } from 'react';
import { STATUS_INFO, TAB_LABELS, tabOf } from '#shared/status/statuses';
import type { MonitorRow } from '#shared/domain/declaration';
import { Dialog } from '../components/Dialog';

/**
 * "Dichiarazione già presente" (guide pp. 74–75): the declarations already in the archive for the codice
 * fiscale typed (also partial). select it and "Modifica dich." if the matricola matches the letter (p. 75); "Annulla" to enter a
 * different matricola.
 */
export function DuplicatesDialog(props: {
  rows: MonitorRow[];
  total: number;
  typed: string;
  onSelect: (row: MonitorRow) => void;
  onCancel: () => void;
}) {
  const [index, setIndex] = useState(0);
  const current = props.rows[index];
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setIndex((i) => Math.min(props.rows.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setIndex((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter' && current && (e.target as HTMLElement).tagName !== 'BUTTON') {
      e.preventDefault();
      props.onSelect(current);
    }
  };
  return (
    <Dialog title="Dichiarazione già presente" onCancel={props.onCancel} className="dup-dialog" guida="dichiarazione-gia-presente">
      <p>
        Per il codice fiscale «{props.typed}» {props.total === 1 ? 'è già presente una dichiarazione' : `sono già presenti ${props.total} dichiarazioni`}.
        Se la matricola coincide con quella della lettera di richiesta RED, selezionare la dichiarazione e premere{' '}
        <b>Modifica dich.</b> (o Invio) per aprirla; <b>Annulla</b> se deve essere inserita una matricola diversa.
      </p>
      <div className="dup-list" role="listbox" aria-label="Dichiarazioni presenti" data-help="duplicati.elenco" tabIndex={0} data-autofocus onKeyDown={onKeyDown} aria-activedescendant={current ? `dup-${current.id}` : undefined}>
        {props.rows.map((r, i) => (
          <div
            key={r.id}
            id={`dup-${r.id}`}
            role="option"
            aria-selected={i === index}
            className={`row${i === index ? ' selected' : ''}`}
            onMouseDown={() => setIndex(i)}
            onDoubleClick={() => props.onSelect(r)}
          >
            <span className="c-prog">{r.progressivo}</span>
            <span className="c-status">{STATUS_INFO[r.status].label}</span>
            <span className="c-tab">{TAB_LABELS[tabOf(r.status)]}</span>
            <span className="c-cf">{r.codiceFiscale}</span>
            <span className="c-nome">{r.cognomeNome || '—'}</span>
            <span className="c-matr">{r.matricola}</span>
          </div>
        ))}
      </div>
      {props.total > props.rows.length ? <p className="muted">Mostrate le prime {props.rows.length}: indicare più caratteri del codice fiscale.</p> : null}
      <div className="dialog-buttons">
        <button type="button" data-help="duplicati.modifica" disabled={!current} onClick={() => current && props.onSelect(current)}>
          Modifica dich.
        </button>
        <button type="button" onClick={props.onCancel}>
          Annulla
        </button>
      </div>
    </Dialog>
  );
}
