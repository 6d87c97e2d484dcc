import { useCallback, useState } from 'react';
import { helpFor } from '#shared/help/field-help';

const PLACEHOLDER = 'Posizionarsi su un campo per leggerne la descrizione.';

/**
 * The help id of a focused element: the `data-help` or `data-field` of the closest element that has one, within
 * the same dialog as the element (a control of a nested dialog never describes the screen under it).
 */
export function helpIdAt(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest('[data-help],[data-field]');
  if (!el || el.closest('dialog') !== target.closest('dialog')) return null;
  return el.getAttribute('data-help') ?? el.getAttribute('data-field');
}

/**
 * "Help di campo" (guide p. 71) of one screen: put `onFocusCapture` on the screen's root and show `text` in its
 * <HelpArea>. `scope` is the dialog the screen is (null: a screen outside any dialog), so focus moving in a dialog
 * opened over the screen leaves its help as it was.
 */
export function useFieldHelp(scope: () => HTMLDialogElement | null = () => null) {
  const [text, setText] = useState<string | null>(null);
  const onFocusCapture = useCallback(
    (e: React.FocusEvent) => {
      if (!(e.target instanceof Element) || e.target.closest('dialog') !== scope()) return;
      const id = helpIdAt(e.target);
      setText(id ? helpFor(id) : null);
    },
    [scope],
  );
  return { text, onFocusCapture };
}

/** The lower-left area that shows the description of the focused field. */
export function HelpArea(props: { text: string | null; className?: string }) {
  return (
    <div className={`help-area ${props.className ?? ''}`} role="note" aria-label="Help di campo" aria-live="polite">
      <b>Help di campo</b>
      <p>{props.text ?? PLACEHOLDER}</p>
    </div>
  );
}
