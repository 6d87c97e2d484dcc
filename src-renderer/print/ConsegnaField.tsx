import { useState } from 'react';
import { isoToLocalInput } from '#shared/util/italian-time';
import { isoToIt } from '#shared/util/italian-input';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';

/** Today in Italian time, as an ISO day. */
export function todayIso(): string {
  return isoToLocalInput(new Date().toISOString()).slice(0, 10);
}

/**
 * "Data di consegna" in Nuovo (p. 75: "confermato il ritiro della lettera di richiesta"): ticked with today's date
 * by default, so that "Crea dichiarazione" stays one step; untick it, or change the date, when needed.
 */
export function ConsegnaField(props: { value: string | null; onChange: (v: string | null) => void }) {
  const checked = props.value !== null;
  return (
    <div className="consegna-field">
      <label>
        <input type="checkbox" data-help="consegna.ritirata" checked={checked} onChange={(e) => props.onChange(e.target.checked ? todayIso() : null)} /> Ritirata la lettera di
        richiesta
      </label>{' '}
      <label>
        data di consegna{' '}
        <input type="date" data-help="consegna.data" value={props.value ?? ''} disabled={!checked} max={todayIso()} onChange={(e) => props.onChange(e.target.value || null)} />
      </label>
    </div>
  );
}

/**
 * The data di consegna inside the declaration (issue 10): shown, and changed at once in the archive (it is a
 * desk datum: not part of the declaration sent). Read-only declarations only show it.
 */
export function ConsegnaBox(props: { id: number; value: string | null; readOnly: boolean }) {
  const api = useApi();
  const [value, setValue] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  const change = (v: string | null) => {
    const before = value;
    setValue(v);
    setError(null);
    api.invoke('declarations.setConsegna', { id: props.id, dataConsegna: v }).catch((e: unknown) => {
      setValue(before);
      setError(errorText(e));
    });
  };
  return (
    <section className="box" aria-label="Lettera di richiesta" data-help="dataConsegna">
      <h3>Lettera di richiesta</h3>
      {props.readOnly ? (
        <p data-testid="data-consegna">{value ? `Ritirata il ${isoToIt(value)}` : 'Ritiro non confermato'}</p>
      ) : (
        <ConsegnaField value={value} onChange={change} />
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
