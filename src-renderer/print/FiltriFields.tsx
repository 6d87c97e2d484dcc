import { ENTE_EMISSIONE_LABELS, ORDER_LABELS, ORDERS, type ListFilter } from '#shared/print/api';
import { STATUS_INFO, STATUSES, type Status } from '#shared/status/statuses';

type Ente = keyof typeof ENTE_EMISSIONE_LABELS;
const ENTI = Object.keys(ENTE_EMISSIONE_LABELS) as Ente[];

/** "Ordina e filtri" (p. 106): preset order, status in the archive, the Ente that asked (8/G/H), data di consegna. */
export function FiltriFields(props: { value: ListFilter; onChange: (f: ListFilter) => void; disabled?: boolean }) {
  const f = props.value;
  const set = (patch: Partial<ListFilter>) => {
    const next: ListFilter = { ...f, ...patch };
    if (next.statuses?.length === 0) delete next.statuses;
    if (next.enti?.length === 0) delete next.enti;
    if (!next.consegnaDal) delete next.consegnaDal;
    if (!next.consegnaAl) delete next.consegnaAl;
    props.onChange(next);
  };
  const toggleStatus = (s: Status, on: boolean) => set({ statuses: on ? [...(f.statuses ?? []), s] : (f.statuses ?? []).filter((x) => x !== s) });
  const toggleEnte = (e: Ente, on: boolean) => set({ enti: on ? [...(f.enti ?? []), e] : (f.enti ?? []).filter((x) => x !== e) });
  return (
    <fieldset className="filtri" disabled={props.disabled}>
      <legend>Ordina e filtri</legend>
      <label>
        Ordine{' '}
        <select data-help="filtri.ordine" value={f.order} onChange={(e) => set({ order: e.target.value as ListFilter['order'] })}>
          {ORDERS.map((o) => (
            <option key={o} value={o}>
              {ORDER_LABELS[o]}
            </option>
          ))}
        </select>
      </label>
      <div role="group" aria-label="Status" className="filtri-group">
        <span>Status (nessuno = tutti):</span>
        {STATUSES.map((s) => (
          <label key={s}>
            <input type="checkbox" data-help="filtri.status" checked={f.statuses?.includes(s) ?? false} onChange={(e) => toggleStatus(s, e.target.checked)} /> {STATUS_INFO[s].label}
          </label>
        ))}
      </div>
      <div role="group" aria-label="Ente" className="filtri-group">
        <span>Ente che ha richiesto il RED:</span>
        {ENTI.map((e) => (
          <label key={e}>
            <input type="checkbox" data-help="filtri.ente" checked={f.enti?.includes(e) ?? false} onChange={(ev) => toggleEnte(e, ev.target.checked)} /> {e} – {ENTE_EMISSIONE_LABELS[e]}
          </label>
        ))}
      </div>
      <div className="filtri-group">
        <label>
          Data di consegna dal <input type="date" data-help="filtri.consegnaDal" value={f.consegnaDal ?? ''} onChange={(e) => set({ consegnaDal: e.target.value })} />
        </label>
        <label>
          al <input type="date" data-help="filtri.consegnaAl" value={f.consegnaAl ?? ''} onChange={(e) => set({ consegnaAl: e.target.value })} />
        </label>
      </div>
    </fieldset>
  );
}
