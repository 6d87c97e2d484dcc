import { useEffect, useState, type FormEvent } from 'react';
import { ConsoleDesksSchema, type ConsoleDesk } from '#shared/console-api/contract';
import { SendMessageResponseSchema } from '#shared/server-api/contract';
import { call, errorText } from './api';

/** "Messaggi agli sportelli": a message in the desk's "Messaggi" (messaggi in piattaforma), optionally about a declaration. */
export function Messaggi() {
  const [desks, setDesks] = useState<ConsoleDesk[]>([]);
  const [deskId, setDeskId] = useState('');
  const [key, setKey] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    call('GET', '/desks', ConsoleDesksSchema)
      .then((r) => {
        setDesks(r.rows);
        setDeskId((cur) => cur || (r.rows[0]?.id ?? ''));
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      await call('POST', '/messages', SendMessageResponseSchema, { deskId, text, ...(key.trim() ? { declarationKey: key.trim() } : {}) });
      setDone(`Messaggio inviato allo sportello ${deskId}.`);
      setText('');
      setKey('');
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section aria-labelledby="h-msg">
      <h2 id="h-msg">Messaggi agli sportelli</h2>
      <form className="stack-form" onSubmit={(e) => void send(e)}>
        <label>
          Sportello
          <select value={deskId} onChange={(e) => setDeskId(e.target.value)} required>
            {desks.map((d) => (
              <option key={d.id} value={d.id}>
                {d.id} — {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Chiave della dichiarazione (facoltativa)
          <input value={key} onChange={(e) => setKey(e.target.value)} maxLength={64} className="mono" />
        </label>
        <label>
          Testo del messaggio
          <textarea value={text} onChange={(e) => setText(e.target.value)} required maxLength={2000} rows={4} />
        </label>
        <button type="submit">Invia messaggio</button>
      </form>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {done ? <p role="status" className="ok">{done}</p> : null}
    </section>
  );
}
