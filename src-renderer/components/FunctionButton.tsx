import type { ReactNode } from 'react';

/**
 * A button of the "Tasti funzione" column. A function that belongs to a later release is shown disabled
 * with the reason as tooltip, never faked.
 */
export function FunctionButton(props: {
  label: string;
  accessKey?: string;
  shortcut?: string;
  disabledReason?: string | null;
  onClick?: () => void;
  /** Pressed while disabled: e.g. to show the reason in the monitor's message bar, not only as tooltip. */
  onDisabledClick?: (reason: string) => void;
  children?: ReactNode;
}) {
  const disabled = Boolean(props.disabledReason) || !props.onClick;
  const title = props.disabledReason ?? (props.shortcut ? `${props.label} (${props.shortcut})` : props.label);
  return (
    <button
      type="button"
      className="fn-button"
      // aria-disabled (not `disabled`) so the tooltip with the reason still shows on hover.
      aria-disabled={disabled}
      title={title}
      aria-keyshortcuts={props.shortcut}
      onClick={disabled ? (props.disabledReason && props.onDisabledClick ? () => props.onDisabledClick?.(props.disabledReason ?? '') : undefined) : props.onClick}
    >
      {props.label}
      {props.shortcut ? <span className="kbd">{props.shortcut}</span> : null}
    </button>
  );
}
