import { useRef, useState, type FormEvent } from 'react';
import { ConsoleDeclarationSchema, ConsoleDeclarationsSchema, type ConsoleDeclaration } from '#shared/console-api/contract';
import { call, errorText } from './api';
import { dataOra, statusLabel } from './labels';

/**
 * "Dichiarazioni per codice fiscale", with "Blocca" / "Sblocca" of a Trasm.CGN before it goes to INPS: the desk
 * shows it "Bloccata" (p. 68) with the reason, then Trasm.CGN again.
 */
export function Dichiarazioni() {
  const [cf, setCf] = useState('');
  const [rows, setRows] = useState<ConsoleDeclaration[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [blocking, setBlocking] = useState<ConsoleDeclaration | null>(null);
  const [reason, setReason] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);

  const search = async (e?: FormEvent) => {
    e?.preventDefault();
    setError(null);
    setDone(null);
    try {
      const r = await call('GET', `/declarations?cf=${encodeURIComponent(cf.trim().toUpperCase())}`, ConsoleDeclarationsSchema);
      setRows(r.rows);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const replace = (d: ConsoleDeclaration) => setRows((rs) => rs?.map((r) => (r.id === d.id ? d : r)) ?? null);
  const block = async (e: FormEvent) => {
    e.preventDefault();
    if (!blocking) return;
    setError(null);
    try {
      const d = await call('POST', `/declarations/${blocking.id}/block`, ConsoleDeclarationSchema, { reason });
      replace(d);
      setDone(`Dichiarazione ${d.progressivo} dello sportello ${d.deskId} bloccata: non sarà trasmessa all'INPS.`);
      setBlocking(null);
      setReason('');
    } catch (err) {
      setError(errorText(err));
      reasonRef.current?.focus();
    }
  };
  const release = async (row: ConsoleDeclaration) => {
    setError(null);
    try {
      const d = await call('POST', `/declarations/${row.id}/release`, ConsoleDeclarationSchema);
      replace(d);
      setDone(`Dichiarazione ${d.progressivo} dello sportello ${d.deskId} sbloccata: torna Trasm.CGN.`);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section aria-labelledby="h-dich">
      <h2 id="h-dich">Dichiarazioni per codice fiscale</h2>
      <form className="inline-form" onSubmit={(e) => void search(e)} role="search">
        <label>
          Codice fiscale
          <input value={cf} onChange={(e) => setCf(e.target.value)} required maxLength={16} autoComplete="off" className="mono" />
        </label>
        <button type="submit">Cerca</button>
      </form>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {done ? <p role="status" className="ok">{done}</p> : null}
      {blocking ? (
        <form className="block-form" onSubmit={(e) => void block(e)} aria-labelledby="h-blocca">
          <h3 id="h-blocca">
            Blocca la dichiarazione {blocking.progressivo} ({blocking.cognomeNome}, sportello {blocking.deskId})
          </h3>
          <label>
            Motivo del blocco (lo sportello lo vede)
            <textarea ref={reasonRef} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={1000} rows={3} autoFocus />
          </label>
          <div className="buttons">
            <button type="submit">Conferma blocco</button>
            <button type="button" onClick={() => setBlocking(null)}>
              Annulla
            </button>
          </div>
        </form>
      ) : null}
      {rows === null ? null : rows.length === 0 ? (
        <p role="status">Nessuna dichiarazione con questo codice fiscale.</p>
      ) : (
        <table className="grid">
          <caption>Dichiarazioni trovate: {rows.length}</caption>
          <thead>
            <tr>
              <th scope="col">Sportello</th>
              <th scope="col">Progr.</th>
              <th scope="col">T</th>
              <th scope="col">Cognome e nome</th>
              <th scope="col">Matricola</th>
              <th scope="col">Status</th>
              <th scope="col">Ricevuta il</th>
              <th scope="col">Azioni</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <td>{d.deskId}</td>
                <td className="num">{d.progressivo}</td>
                <td>{d.tipo}</td>
                <th scope="row">{d.cognomeNome}</th>
                <td className="mono">{d.matricola}</td>
                <td data-testid="decl-status">
                  {statusLabel(d.status)}
                  {d.blockedReason ? <span className="muted"> — {d.blockedReason}</span> : null}
                </td>
                <td>{dataOra(d.receivedAt)}</td>
                <td>
                  {d.status === 'TRASM_CGN' ? (
                    <button type="button" onClick={() => setBlocking(d)} aria-label={`Blocca la dichiarazione ${d.progressivo} dello sportello ${d.deskId}`}>
                      Blocca
                    </button>
                  ) : d.status === 'BLOCCATA' ? (
                    <button type="button" onClick={() => void release(d)} aria-label={`Sblocca la dichiarazione ${d.progressivo} dello sportello ${d.deskId}`}>
                      Sblocca
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
