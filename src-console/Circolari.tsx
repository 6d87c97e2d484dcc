import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ConsoleCircolariSchema } from '#shared/console-api/contract';
import { call, errorText } from './api';
import { dataOra, giorno } from './labels';

const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });

/** "Circolari telematiche" (p. 70): published to every desk through the change feed. */
export function Circolari() {
  const [rows, setRows] = useState<z.infer<typeof ConsoleCircolariSchema>['rows'] | null>(null);
  const [titolo, setTitolo] = useState('');
  const [testo, setTesto] = useState('');
  const [data, setData] = useState(today());
  const [scadenza, setScadenza] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(() => {
    call('GET', '/circolari', ConsoleCircolariSchema)
      .then((r) => setRows(r.rows))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      const r = await call('POST', '/circolari', z.object({ id: z.string(), desks: z.number().int() }), { titolo, testo, data, scadenza: scadenza || null });
      setDone(`Circolare pubblicata a ${r.desks} ${r.desks === 1 ? 'sportello' : 'sportelli'}.`);
      setTitolo('');
      setTesto('');
      setScadenza('');
      load();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section aria-labelledby="h-circ">
      <h2 id="h-circ">Circolari telematiche</h2>
      <form className="stack-form" onSubmit={(e) => void publish(e)} aria-labelledby="h-circ-new">
        <h3 id="h-circ-new">Nuova circolare</h3>
        <label>
          Titolo
          <input value={titolo} onChange={(e) => setTitolo(e.target.value)} required maxLength={200} />
        </label>
        <label>
          Testo
          <textarea value={testo} onChange={(e) => setTesto(e.target.value)} required maxLength={20000} rows={6} />
        </label>
        <div className="row">
          <label>
            Data
            <input type="date" value={data} onChange={(e) => setData(e.target.value)} required />
          </label>
          <label>
            Scadenza (facoltativa)
            <input type="date" value={scadenza} onChange={(e) => setScadenza(e.target.value)} />
          </label>
        </div>
        <button type="submit">Pubblica a tutti gli sportelli</button>
      </form>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {done ? <p role="status" className="ok">{done}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="grid">
          <caption>Circolari pubblicate</caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Titolo</th>
              <th scope="col">Scadenza</th>
              <th scope="col">Pubblicata il</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <td>{giorno(c.data)}</td>
                <th scope="row">{c.titolo}</th>
                <td>{giorno(c.scadenza)}</td>
                <td>{dataOra(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : rows ? (
        <p className="muted">Nessuna circolare pubblicata.</p>
      ) : null}
    </section>
  );
}
