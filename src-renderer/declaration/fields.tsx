import { createContext, useContext, useState, type ReactNode } from 'react';
import { roundUpEuro } from '#shared/domain/red-document';
import { isoToIt, itToIso, parseEuroText } from './labels';

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
  props: Common & { value: string; onChange: (v: string) => void; maxLength: number; upper?: boolean; size?: number; mono?: boolean },
) {
  const readOnly = useReadOnly();
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
        onChange={(e) => props.onChange(props.upper ? e.target.value.toUpperCase() : e.target.value)}
      />
    </Wrap>
  );
}

export function TextAreaField(props: Common & { value: string; onChange: (v: string) => void; maxLength: number; rows?: number }) {
  const readOnly = useReadOnly();
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
  return (
    <Wrap label={props.label} className={props.className} title={props.title}>
      <select
        data-field={props.path}
        aria-label={props.ariaLabel}
        value={props.value ?? ''}
        disabled={readOnly || props.disabled}
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
 * A date typed as gg/mm/aaaa (also ggmmaaaa). While typed, the document gets the date as soon as it is a
 * real day (null until then); a wrong text stays visible, marked invalid, after leaving the field.
 */
export function DateField(props: Common & { value: string | null; onChange: (iso: string | null) => void }) {
  const readOnly = useReadOnly();
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? isoToIt(props.value);
  const invalid = draft !== null && draft.trim() !== '' && itToIso(draft) === null;
  return (
    <Wrap label={props.label} className={`${props.className ?? ''} date`} title={props.title ?? 'Data nel formato gg/mm/aaaa'}>
      <input
        data-field={props.path}
        aria-label={props.ariaLabel}
        aria-invalid={invalid || undefined}
        placeholder="gg/mm/aaaa"
        value={shown}
        size={10}
        maxLength={10}
        readOnly={readOnly}
        disabled={props.disabled}
        autoComplete="off"
        onFocus={() => {
          if (draft === null) setDraft(isoToIt(props.value));
        }}
        onChange={(e) => {
          const text = e.target.value.replace(/[^\d/.-]/g, '');
          setDraft(text);
          const iso = itToIso(text);
          if (iso !== props.value) props.onChange(iso);
        }}
        onBlur={() => {
          if (draft === null || draft.trim() === '' || itToIso(draft) !== null) setDraft(null);
        }}
      />
    </Wrap>
  );
}

/**
 * An amount in whole euro. The operator may type decimals ("1234,50"): the document gets the amount rounded
 * UP to the euro at every keystroke (p. 93, "arrotondato all'euro per eccesso") and the box shows the rounded
 * value when left. Empty = no amount (null).
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
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (props.value === null ? '' : String(props.value));
  const parsed = draft === null ? null : parseEuroText(draft);
  const invalid = parsed !== null && (Number.isNaN(parsed) || (!props.allowNegative && parsed < 0));
  return (
    <input
      data-field={props.path}
      aria-label={props.ariaLabel}
      aria-invalid={invalid || undefined}
      className={`euro ${props.className ?? ''}`}
      inputMode="decimal"
      value={shown}
      placeholder={props.placeholder}
      readOnly={readOnly}
      disabled={props.disabled}
      autoComplete="off"
      onFocus={(e) => {
        setDraft(props.value === null ? '' : String(props.value));
        e.currentTarget.select();
      }}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        const n = parseEuroText(text);
        if (n === null) props.onChange(null);
        else if (!Number.isNaN(n) && Math.abs(n) < 1e9) props.onChange(roundUpEuro(n));
      }}
      onBlur={() => {
        if (!invalid) setDraft(null);
      }}
      onKeyDown={props.onKeyDown}
    />
  );
}
