import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ConsoleDesksSchema, type ConsoleDesk } from '#shared/console-api/contract';
import { DeskCredentialsSchema, DeskDisableResponseSchema } from '#shared/server-api/contract';
import { call, errorText } from './api';
import { dataOra, num } from './labels';

/** "Sportelli": create a desk, give it a new secret (shown once: the server keeps only a hash), disable or enable it. */
export function Sportelli() {
  const [rows, setRows] = useState<ConsoleDesk[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deskId, setDeskId] = useState('');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<{ deskId: string; secret: string; nuovo: boolean } | null>(null);
  const [disabling, setDisabling] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const load = useCallback(() => {
    call('GET', '/desks', ConsoleDesksSchema)
      .then((r) => setRows(r.rows))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const c = await call('POST', '/desks', DeskCredentialsSchema, { deskId: deskId.trim(), name: name.trim() });
      setSecret({ deskId: c.deskId, secret: c.secret, nuovo: true });
      setDeskId('');
      setName('');
      load();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const rotate = async (id: string) => {
    if (!window.confirm(`Generare un nuovo segreto per lo sportello ${id}? Il segreto attuale smette subito di valere.`)) return;
    setError(null);
    try {
      const c = await call('POST', `/desks/${encodeURIComponent(id)}/secret`, DeskCredentialsSchema);
      setSecret({ deskId: c.deskId, secret: c.secret, nuovo: false });
    } catch (err) {
      setError(errorText(err));
    }
  };

  const setDisabled = async (id: string, disabled: boolean, why?: string) => {
    setError(null);
    try {
      await call('POST', `/desks/${encodeURIComponent(id)}/disabled`, DeskDisableResponseSchema, disabled ? { disabled, reason: why } : { disabled });
      setDisabling(null);
      setReason('');
      load();
    } catch (err) {
      setError(errorText(err));
    }
  };
  const confirmDisable = (e: FormEvent) => {
    e.preventDefault();
    if (disabling) void setDisabled(disabling, true, reason.trim());
  };

  return (
    <section aria-labelledby="h-sportelli">
      <h2 id="h-sportelli">Sportelli</h2>
      {secret ? (
        <div className="secret" role="alert" data-testid="secret-box">
          <p>
            {secret.nuovo ? 'Sportello creato' : 'Nuovo segreto generato'}: <strong>{secret.deskId}</strong>. Segreto (mostrato una sola volta,
            da inserire nelle Impostazioni collegamento CAF dello sportello):
          </p>
          <code data-testid="secret-value">{secret.secret}</code>
          <p>
            <button type="button" onClick={() => setSecret(null)}>
              Ho annotato il segreto
            </button>
          </p>
        </div>
      ) : null}
      <form className="inline-form" onSubmit={(e) => void create(e)} aria-labelledby="h-nuovo-sportello">
        <h3 id="h-nuovo-sportello">Nuovo sportello</h3>
        <label>
          Identificativo
          <input value={deskId} onChange={(e) => setDeskId(e.target.value)} required pattern="[a-z0-9][a-z0-9\-]{0,39}" title="a–z, 0–9 e trattino; al massimo 40" />
        </label>
        <label>
          Denominazione
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        <button type="submit">Crea sportello</button>
      </form>
      {disabling ? (
        <form className="inline-form" onSubmit={confirmDisable} aria-labelledby="h-disabilita">
          <h3 id="h-disabilita">Disabilita lo sportello {disabling}</h3>
          <label>
            Motivo (mostrato allo sportello)
            <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} autoFocus />
          </label>
          <button type="submit">Disabilita</button>
          <button type="button" onClick={() => setDisabling(null)}>
            Annulla
          </button>
        </form>
      ) : null}
      {error ? <p role="alert" className="error">{error}</p> : null}
      {rows === null ? (
        <p role="status">Caricamento…</p>
      ) : (
        <table className="grid">
          <caption>{rows.length === 1 ? '1 sportello' : `${num(rows.length)} sportelli`}</caption>
          <thead>
            <tr>
              <th scope="col">Sportello</th>
              <th scope="col">Denominazione</th>
              <th scope="col">Creato il</th>
              <th scope="col" className="num">Dichiarazioni</th>
              <th scope="col">Stato</th>
              <th scope="col">Azioni</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <th scope="row">{d.id}</th>
                <td>{d.name}</td>
                <td>{dataOra(d.createdAt)}</td>
                <td className="num">{num(d.declarations)}</td>
                <td>{d.disabledAt ? `Disabilitato dal ${dataOra(d.disabledAt)}: ${d.disabledReason ?? ''}` : 'Attivo'}</td>
                <td>
                  <button type="button" onClick={() => void rotate(d.id)} aria-label={`Nuovo segreto per ${d.id}`}>
                    Nuovo segreto
                  </button>{' '}
                  {d.disabledAt ? (
                    <button type="button" onClick={() => void setDisabled(d.id, false)} aria-label={`Riabilita ${d.id}`}>
                      Riabilita
                    </button>
                  ) : (
                    <button type="button" onClick={() => setDisabling(d.id)} aria-label={`Disabilita ${d.id}`}>
                      Disabilita…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
