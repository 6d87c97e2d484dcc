import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ConsoleAssistenzaSchema, ConsoleAssistenzeSchema, type ConsoleAssistenza } from '#shared/console-api/contract';
import { call, errorText } from './api';
import { dataOra } from './labels';

/** "Assistenza": the desks' questions (p. 70); the answer reaches the desk as a message. */
export function Assistenza() {
  const [rows, setRows] = useState<ConsoleAssistenza[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(() => {
    call('GET', '/assistenza', ConsoleAssistenzeSchema)
      .then((r) => setRows(r.rows))
      .catch((e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  const pending = rows?.filter((r) => r.answeredAt === null).length ?? 0;
  return (
    <section aria-labelledby="h-ass">
      <h2 id="h-ass">Assistenza</h2>
      <p className="muted">
        {rows === null ? 'Caricamento…' : `${rows.length} ${rows.length === 1 ? 'domanda' : 'domande'}, ${pending} senza risposta.`}{' '}
        <button type="button" className="link" onClick={load}>
          Aggiorna
        </button>
      </p>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {done ? <p role="status" className="ok">{done}</p> : null}
      <ul className="questions">
        {(rows ?? []).map((q) => (
          <li key={q.id} className="question">
            <Question
              q={q}
              onAnswered={(a) => {
                setRows((rs) => rs?.map((r) => (r.id === a.id ? a : r)) ?? null);
                setDone(`Risposta inviata allo sportello ${a.deskId}.`);
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Question(props: { q: ConsoleAssistenza; onAnswered: (a: ConsoleAssistenza) => void }) {
  const { q } = props;
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answer = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      props.onAnswered(await call('POST', `/assistenza/${q.id}/answer`, ConsoleAssistenzaSchema, { risposta: text }));
    } catch (err) {
      setError(errorText(err));
    }
  };
  const id = `q-${q.id}`;
  return (
    <article aria-labelledby={id}>
      <h3 id={id}>
        Sportello {q.deskId} — {dataOra(q.createdAt)}
        {q.declarationKey ? ` — dichiarazione ${q.declarationKey}` : ''}
      </h3>
      <p className="question-text">{q.testo}</p>
      {q.answeredAt ? (
        <p className="answer">
          <strong>Risposta ({dataOra(q.answeredAt)}):</strong> {q.risposta}
        </p>
      ) : (
        <form className="stack-form" onSubmit={(e) => void answer(e)}>
          <label>
            Risposta
            <textarea value={text} onChange={(e) => setText(e.target.value)} required maxLength={4000} rows={3} />
          </label>
          <button type="submit">Invia risposta</button>
          {error ? <p role="alert" className="error">{error}</p> : null}
        </form>
      )}
    </article>
  );
}
