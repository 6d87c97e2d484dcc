import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { HelpArea, useFieldHelp } from './FieldHelp';

/**
 * A modal dialog on the native `<dialog>` opened with `showModal()`: the browser makes the rest of the window inert
 * (keyboard, mouse and the accessibility tree) and stacks nested dialogs, so closing one returns to the one under
 * it. Focus moves in and cycles inside (Tab), Esc cancels, and the focus goes back where it was on close.
 * The lower-left "help di campo" (p. 71) describes the focused control; `fieldHelp={false}` leaves it out of a
 * dialog with no field to describe (a yes/no confirmation). `guida` is its section of the Guida RED (F1).
 */
export function Dialog(props: {
  title: string;
  onCancel: () => void;
  children: ReactNode;
  className?: string;
  labelledBy?: string;
  fieldHelp?: boolean;
  guida?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const help = useFieldHelp(useCallback(() => ref.current, []));
  const { onCancel } = props;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const el = ref.current;
    if (el && !el.open) el.showModal();
    const first = el?.querySelector<HTMLElement>('[data-autofocus]') ?? el?.querySelector<HTMLElement>('input,button,select,textarea');
    first?.focus();
    return () => {
      if (el?.open) el.close();
      previous?.focus?.();
    };
  }, []);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      e.preventDefault();
      onCancel();
      return;
    }
    if (e.key === 'Tab' && ref.current) {
      const items = [...ref.current.querySelectorAll<HTMLElement>('input,button,select,textarea,[tabindex="0"]')].filter(
        (x) => !x.hasAttribute('disabled'),
      );
      if (items.length === 0) return;
      const firstItem = items[0];
      const lastItem = items[items.length - 1];
      if (e.shiftKey && document.activeElement === firstItem) {
        e.preventDefault();
        lastItem?.focus();
      } else if (!e.shiftKey && document.activeElement === lastItem) {
        e.preventDefault();
        firstItem?.focus();
      }
    }
  };
  const titleId = `dlg-${props.title.replace(/\W+/g, '-')}`;
  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={titleId}
      className={`dialog ${props.className ?? ''}`}
      onKeyDown={onKeyDown}
      onFocusCapture={props.fieldHelp === false ? undefined : help.onFocusCapture}
      data-guida={props.guida}
      // Esc reaches the dialog as a "cancel" event too: the dialog closes only when its owner says so.
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
      {props.fieldHelp === false ? null : <HelpArea text={help.text} className="dialog-help" />}
    </dialog>
  );
}

/** Confirmation: the safe answer ("No") has the focus. */
export function ConfirmDialog(props: {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog title={props.title} onCancel={props.onCancel} fieldHelp={false}>
      <div className="dialog-body">{props.message}</div>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button type="button" data-autofocus onClick={props.onCancel}>
          Annulla
        </button>
      </div>
    </Dialog>
  );
}
