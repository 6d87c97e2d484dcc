import { createContext, useContext, useRef, useState, type ReactNode } from 'react';
import { formatEuro, isoToIt, parseData, parseImporto } from '#shared/util/italian-input';
import { useInputErrors, type InputError } from './input-errors';

/** What every field of the editor needs: read-only mode (Visualizza). */
export const EditorMode = createContext<{ readOnly: boolean }>({ readOnly: false });
export const useReadOnly = (): boolean => useContext(EditorMode).readOnly;

interface Common {
  /** `data-field` (rules/types.ts fieldPath): "Correggi" focuses it, the help area describes it. */
  path: string;
  label: ReactNode;
  /** Accessible name when the visible label is short or absent. */
  ariaLabel?: string;
  disabled?: boolean;
  className?: string;
  title?: string;
}

function Wrap(props: { label: ReactNode; className?: string | undefined; children: ReactNode; title?: string | undefined }) {
  return (
    <label className={`fld ${props.className ?? ''}`} title={props.title}>
      {props.label !== '' ? <span className="fld-label">{props.label}</span> : null}
      {props.children}
    </label>
  );
}

export function TextField(
  props: Common & {
    value: string;
    onChange: (v: string) => void;
    maxLength: number;
    upper?: boolean;
    size?: number;
    mono?: boolean;
    /** Leaving the box with its text changed since it was entered. */
    onCommit?: (v: string) => void;
  },
) {
  const readOnly = useReadOnly();
  const atFocus = useRef<string | null>(null);
  return (
    <Wrap label={props.label} className={props.className} title={props.title}>
      <input
        data-field={props.path}
        aria-label={props.ariaLabel}
        className={props.mono ? 'mono' : undefined}
        value={props.value}
        maxLength={props.maxLength}
        size={props.size}
        readOnly={readOnly}
        disabled={props.disabled}
        spellCheck={false}
        autoComplete="off"
        onFocus={() => (atFocus.current = props.value)}
        onBlur={(e) => {
          if (atFocus.current !== null && atFocus.current !== e.currentTarget.value) props.onCommit?.(e.currentTarget.value);
          atFocus.current = null;
        }}
        onKeyDown={(e) => {
          const before = atFocus.current;
          escUndo(e, before !== null && before !== props.value, () => before !== null && props.onChange(before));
        }}
        onChange={(e) => props.onChange(props.upper ? e.target.value.toUpperCase() : e.target.value)}
      />
    </Wrap>
  );
}

export function TextAreaField(props: Common & { value: string; onChange: (v: string) => void; maxLength: number; rows?: number }) {
  const readOnly = useReadOnly();
  const atFocus = useRef<string | null>(null);
  return (
    <Wrap label={props.label} className={props.className} title={props.title}>
      <textarea
        data-field={props.path}
        aria-label={props.ariaLabel}
        value={props.value}
        maxLength={props.maxLength}
        rows={props.rows ?? 3}
        readOnly={readOnly}
        disabled={props.disabled}
        onFocus={() => (atFocus.current = props.value)}
        onBlur={() => (atFocus.current = null)}
        onKeyDown={(e) => {
          const before = atFocus.current;
          escUndo(e, before !== null && before !== props.value, () => before !== null && props.onChange(before));
        }}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </Wrap>
  );
}

export function CheckField(props: Common & { checked: boolean; onChange: (v: boolean) => void }) {
  const readOnly = useReadOnly();
  return (
    <label className={`chk ${props.className ?? ''}`} title={props.title}>
      <input
        type="checkbox"
        data-field={props.path}
        aria-label={props.ariaLabel}
        checked={props.checked}
        disabled={readOnly || props.disabled}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

export function SelectField<V extends string>(
  props: Common & {
    value: V | null;
    options: readonly { value: V; label: string }[];
    onChange: (v: V | null) => void;
    /** Text of the empty choice; without it the empty choice is not offered once a value is set. */
    emptyLabel?: string;
  },
) {
  const readOnly = useReadOnly();
  const atFocus = useRef<{ v: V | null } | null>(null);
  return (
    <Wrap label={props.label} className={props.className} title={props.title}>
      <select
        data-field={props.path}
        aria-label={props.ariaLabel}
        value={props.value ?? ''}
        disabled={readOnly || props.disabled}
        onFocus={() => (atFocus.current = { v: props.value })}
        onBlur={() => (atFocus.current = null)}
        onKeyDown={(e) => {
          const before = atFocus.current;
          escUndo(e, before !== null && before.v !== props.value, () => before !== null && props.onChange(before.v));
        }}
        onChange={(e) => props.onChange(e.target.value === '' ? null : (e.target.value as V))}
      >
        {props.value === null || props.emptyLabel !== undefined ? <option value="">{props.emptyLabel ?? '—'}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

/**
 * Esc inside a box undoes what was typed in it since it got the focus, and nothing else (issue 18): the editor
 * does not close. With nothing to undo, Esc goes on to the editor (Chiudi).
 */
function escUndo(e: React.KeyboardEvent, changed: boolean, undo: () => void): void {
  if (e.key !== 'Escape' || !changed) return;
  e.preventDefault();
  e.stopPropagation();
  undo();
}

/**
 * A date typed as gg/mm/aaaa or ggmmaaaa (the slashes are added when the box is left). The document gets the
 * date only when it is a real day; an impossible or malformed text stays in the box, marked invalid, and is
 * listed as a blocking error (input-errors.tsx) — never taken for a missing date.
 */
export function DateField(props: Common & { value: string | null; onChange: (iso: string | null) => void }) {
  const readOnly = useReadOnly();
  const errors = useInputErrors();
  const stored = errors.get(props.path);
  const [draft, setDraft] = useState<string | null>(null);
  const atFocus = useRef<{ value: string | null; error: InputError | undefined } | null>(null);
  const shown = draft ?? stored?.text ?? isoToIt(props.value);
  const apply = (text: string) => {
    setDraft(text);
    const r = parseData(text);
    const iso = r.kind === 'ok' ? r.value : null;
    errors.set(props.path, r.kind === 'invalid' ? { path: props.path, text, message: r.message } : null);
    if (iso !== props.value) props.onChange(iso);
  };
  return (
    <Wrap label={props.label} className={`${props.className ?? ''} date`} title={stored?.message ?? props.title ?? 'Data nel formato gg/mm/aaaa o ggmmaaaa'}>
      <input
        data-field={props.path}
        aria-label={props.ariaLabel}
        aria-invalid={stored ? true : undefined}
        placeholder="gg/mm/aaaa"
        value={shown}
        size={10}
        maxLength={10}
        readOnly={readOnly}
        disabled={props.disabled}
        autoComplete="off"
        onFocus={() => {
          atFocus.current = { value: props.value, error: stored };
          if (draft === null) setDraft(stored?.text ?? isoToIt(props.value));
        }}
        onChange={(e) => apply(e.target.value)}
        onKeyDown={(e) => {
          const f = atFocus.current;
          escUndo(e, f !== null && (f.value !== props.value || f.error?.text !== stored?.text), () => {
            if (!f) return;
            errors.set(props.path, f.error ?? null);
            setDraft(f.error?.text ?? isoToIt(f.value));
            if (f.value !== props.value) props.onChange(f.value);
          });
        }}
        onBlur={() => {
          atFocus.current = null;
          setDraft(null);
        }}
      />
    </Wrap>
  );
}

/**
 * An amount in whole euro. The operator may type decimals ("1.234,50"): the document gets the amount rounded UP
 * to the euro (p. 93, "arrotondato all'euro per eccesso"), and the box shows it with the thousands separator
 * when left. A text that is not an amount ("15OOO", "12a50") is never read in part: it stays in the box, the
 * document holds no amount for it, and it is a blocking error until corrected (input-errors.tsx).
 */
export function EuroInput(props: {
  path: string;
  ariaLabel: string;
  value: number | null;
  onChange: (v: number | null) => void;
  disabled?: boolean;
  placeholder?: string;
  className?: string;
  allowNegative?: boolean;
  onKeyDown?: (e: React.KeyboardEvent<HTMLInputElement>) => void;
}) {
  const readOnly = useReadOnly();
  const errors = useInputErrors();
  const stored = errors.get(props.path);
  const [draft, setDraft] = useState<string | null>(null);
  const atFocus = useRef<{ value: number | null; error: InputError | undefined } | null>(null);
  const shown = draft ?? stored?.text ?? (props.value === null ? '' : formatEuro(props.value));
  return (
    <input
      data-field={props.path}
      aria-label={props.ariaLabel}
      aria-invalid={stored ? true : undefined}
      title={stored?.message}
      className={`euro ${props.className ?? ''}`}
      inputMode="decimal"
      value={shown}
      placeholder={props.placeholder}
      readOnly={readOnly}
      disabled={props.disabled}
      autoComplete="off"
      onFocus={(e) => {
        atFocus.current = { value: props.value, error: stored };
        setDraft(stored?.text ?? (props.value === null ? '' : String(props.value)));
        e.currentTarget.select();
      }}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        const r = parseImporto(text, { allowNegative: props.allowNegative ?? false });
        errors.set(props.path, r.kind === 'invalid' ? { path: props.path, text, message: r.message } : null);
        const v = r.kind === 'ok' ? r.value : null;
        if (v !== props.value) props.onChange(v);
      }}
      onBlur={() => {
        atFocus.current = null;
        setDraft(null);
      }}
      onKeyDown={(e) => {
        const f = atFocus.current;
        escUndo(e, f !== null && (f.value !== props.value || f.error?.text !== stored?.text), () => {
          if (!f) return;
          errors.set(props.path, f.error ?? null);
          setDraft(f.error?.text ?? (f.value === null ? '' : String(f.value)));
          if (f.value !== props.value) props.onChange(f.value);
        });
        props.onKeyDown?.(e);
      }}
    />
  );
}
