import type { ReactNode } from 'react';

/** How a key of `aria-keyshortcuts` (WAI-ARIA names: "Enter", "Delete", "Alt+N") is printed on an Italian keyboard. */
const KEY_CAPS: Readonly<Record<string, string>> = { Enter: '↵', Delete: 'Canc', Escape: 'Esc' };
const keyCap = (shortcut: string): string => shortcut.split('+').map((k) => KEY_CAPS[k] ?? k).join('+');

/**
 * A button of the "Tasti funzione" column. A function that does not apply here, or belongs to a later release, is
 * shown disabled with the reason as tooltip, never faked. `shortcut` is the `aria-keyshortcuts` value; the key cap
 * shows "↵" for Enter, so the hint of "Modifica" never reads like the "Invio" button.
 */
export function FunctionButton(props: {
  label: string;
  /** Its "help di campo" id (src-shared/help). */
  helpId: string;
  accessKey?: string;
  shortcut?: string | undefined;
  disabledReason?: string | null;
  onClick?: () => void;
  /** Pressed while disabled: e.g. to show the reason in the monitor's message bar, not only as tooltip. */
  onDisabledClick?: (reason: string) => void;
  children?: ReactNode;
}) {
  const disabled = Boolean(props.disabledReason) || !props.onClick;
  const cap = props.shortcut ? keyCap(props.shortcut) : null;
  const title = props.disabledReason ?? (cap ? `${props.label} (${cap})` : props.label);
  return (
    <button
      type="button"
      className="fn-button"
      data-help={props.helpId}
      // aria-disabled (not `disabled`) so the tooltip with the reason still shows on hover.
      aria-disabled={disabled}
      title={title}
      aria-keyshortcuts={props.shortcut}
      onClick={disabled ? (props.disabledReason && props.onDisabledClick ? () => props.onDisabledClick?.(props.disabledReason ?? '') : undefined) : props.onClick}
    >
      {props.label}
      {cap ? <span className="kbd">{cap}</span> : null}
    </button>
  );
}
