import { isoToLocalInput } from '#shared/util/italian-time';

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
