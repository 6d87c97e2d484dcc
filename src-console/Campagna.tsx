import { useCallback, useEffect, useState } from 'react';
import { OverviewSchema, type Overview } from '#shared/console-api/contract';
import { call, errorText } from './api';
import { DeskBars, StatusBars } from './Charts';
import { dataOra, durata, num, statusLabel, STATUS_ORDER } from './labels';

/** "Andamento della campagna": declarations by status and by desk, forwarding lag, esiti pending, the deadline. */
export function Campagna() {
  const [data, setData] = useState<Overview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call('GET', '/overview', OverviewSchema)
      .then((o) => {
        setData(o);
        setError(null);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(() => {
    load();
    const t = setInterval(load, 15_000);
    return () => clearInterval(t);
  }, [load]);

  if (!data) return error ? <p role="alert" className="error">{error}</p> : <p role="status">Caricamento…</p>;
  const now = Date.parse(data.now);
  const deadline = data.deadline ? Date.parse(data.deadline) : null;
  const countdown =
    deadline === null ? 'Nessun termine impostato' : deadline > now ? `Mancano ${durata((deadline - now) / 1000)}` : 'Termine scaduto';
  return (
    <section aria-labelledby="h-campagna">
      <h2 id="h-campagna">Andamento della campagna</h2>
      {error ? <p role="alert" className="error">{error}</p> : null}
      <div className="cards">
        <div className="card" data-testid="card-totale">
          <span className="card-label">Dichiarazioni ricevute</span>
          <span className="card-value">{num(data.total)}</span>
          <span className="muted">{data.desks === 1 ? 'da 1 sportello' : `da ${num(data.desks)} sportelli`}</span>
        </div>
        <div className="card" data-testid="card-inoltro">
          <span className="card-label">Da inoltrare all'INPS</span>
          <span className="card-value">{num(data.outbox.waiting)}</span>
          <span className="muted">{data.outbox.lagSeconds === null ? 'nessuna in coda' : `la più vecchia attende da ${durata(data.outbox.lagSeconds)}`}</span>
        </div>
        <div className="card" data-testid="card-esiti">
          <span className="card-label">Esiti INPS in attesa</span>
          <span className="card-value">{num(data.esiti.pendingDeclarations)}</span>
          <span className="muted">
            {num(data.esiti.openBatches)} file aperti, {num(data.esiti.unsentBatches)} da consegnare
          </span>
        </div>
        <div className="card" data-testid="card-scadenza">
          <span className="card-label">Scadenza trasmissioni</span>
          <span className="card-value small">{countdown}</span>
          <span className="muted">{data.deadline ? dataOra(data.deadline) : '—'}</span>
        </div>
      </div>
      <div className="charts">
        <StatusBars title="Dichiarazioni per status" counts={data.byStatus} />
        <DeskBars title={data.desks > data.byDesk.length ? `Dichiarazioni per sportello (i ${data.byDesk.length} con più dichiarazioni)` : 'Dichiarazioni per sportello'} desks={data.byDesk} />
      </div>
      <table className="grid">
        <caption>Dichiarazioni per status</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Dichiarazioni
            </th>
          </tr>
        </thead>
        <tbody>
          {STATUS_ORDER.map((s) => (
            <tr key={s}>
              <th scope="row">{statusLabel(s)}</th>
              <td className="num">{num(data.byStatus.find((c) => c.status === s)?.n ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Dati al {dataOra(data.countedAt)}. <button type="button" className="link" onClick={load}>Aggiorna</button>
      </p>
    </section>
  );
}
