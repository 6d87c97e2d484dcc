import { useRef } from 'react';
import { Dialog } from '../components/Dialog';

export interface UtilitaEntry {
  label: string;
  /** Its "help di campo" id (src-shared/help). */
  helpId: string;
  /** Why the entry is not available yet (shown as tooltip and beside it); absent = available. */
  reason?: string;
  onSelect?: () => void;
  /** An on/off entry ("Abilita lettura ottica"): its current state. */
  pressed?: boolean;
}

/** "Utilità" (pp. 69–70): the accessory functions; those of a later release are listed disabled. The same menu
 * serves "Servizi" (issue 13) with its own title, list name and Guida section. */
export function UtilitaMenu(props: { entries: readonly UtilitaEntry[]; onClose: () => void; title?: string; listLabel?: string; guida?: string }) {
  const list = useRef<HTMLUListElement>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
    next?.focus();
  };
  return (
    <Dialog title={props.title ?? 'Utilità'} onCancel={props.onClose} guida={props.guida ?? 'utilita'} className="utilita-menu">
      <ul className="menu" ref={list} onKeyDown={onKeyDown} aria-label={props.listLabel ?? 'Funzioni di utilità'}>
        {props.entries.map((u, i) => (
          <li key={u.label}>
            <button
              type="button"
              data-autofocus={i === props.entries.findIndex((x) => !x.reason) ? true : undefined}
              aria-disabled={u.reason ? true : undefined}
              aria-pressed={u.pressed}
              data-help={u.helpId}
              title={u.reason ?? u.label}
              onClick={u.reason ? undefined : u.onSelect}
            >
              {u.label}
            </button>
            {u.reason ? <span className="muted"> — {u.reason}</span> : null}
            {u.pressed !== undefined ? <span className={u.pressed ? 'state-on' : 'muted'}> — {u.pressed ? 'attiva' : 'disattivata'}</span> : null}
          </li>
        ))}
      </ul>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
