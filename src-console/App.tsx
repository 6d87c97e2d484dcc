import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SessionSchema } from '#shared/console-api/contract';
import { z } from 'zod';
import { call, ConsoleApiError, errorText } from './api';
import { Assistenza } from './Assistenza';
import { Campagna } from './Campagna';
import { Circolari } from './Circolari';
import { Dichiarazioni } from './Dichiarazioni';
import { Messaggi } from './Messaggi';
import { Sportelli } from './Sportelli';
import { Sblocchi } from './Sblocchi';

const SECTIONS = [
  ['campagna', 'Campagna'],
  ['sportelli', 'Sportelli'],
  ['dichiarazioni', 'Dichiarazioni'],
  ['sblocchi', 'Sblocchi'],
  ['messaggi', 'Messaggi'],
  ['circolari', 'Circolari telematiche'],
  ['assistenza', 'Assistenza'],
] as const;
type Section = (typeof SECTIONS)[number][0];

/** The console for CAF staff: login with the admin token, then the sections. */
export function App() {
  const [session, setSession] = useState<'checking' | 'out' | 'in'>('checking');
  useEffect(() => {
    call('GET', '/session', SessionSchema)
      .then(() => setSession('in'))
      .catch(() => setSession('out'));
  }, []);
  if (session === 'checking') return <p role="status">Caricamento…</p>;
  if (session === 'out') return <Login onIn={() => setSession('in')} />;
  return <Console onOut={() => setSession('out')} />;
}

function Login(props: { onIn: () => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await call('POST', '/login', SessionSchema, { token });
      props.onIn();
    } catch (err) {
      setError(errorText(err));
      setToken('');
      ref.current?.focus();
    }
  };
  return (
    <main className="login">
      <h1>Console CAF — RED 2009</h1>
      <form onSubmit={(e) => void submit(e)} className="stack-form">
        <label>
          Token di amministrazione
          <input
            ref={ref}
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            required
            autoFocus
            autoComplete="current-password"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'login-error' : undefined}
          />
        </label>
        <button type="submit">Accedi</button>
        {error ? (
          <p id="login-error" role="alert" className="error">
            {error}
          </p>
        ) : null}
      </form>
    </main>
  );
}

function Console(props: { onOut: () => void }) {
  const [section, setSection] = useState<Section>('campagna');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const logout = async () => {
    await call('POST', '/logout', z.object({ ok: z.literal(true) })).catch((e: unknown) => {
      if (!(e instanceof ConsoleApiError)) throw e;
    });
    props.onOut();
  };
  return (
    <>
      <header className="top">
        <h1 ref={headingRef} tabIndex={-1}>
          Console CAF — RED 2009
        </h1>
        <nav aria-label="Sezioni della console">
          <ul>
            {SECTIONS.map(([id, label]) => (
              <li key={id}>
                <button type="button" aria-current={section === id ? 'page' : undefined} onClick={() => setSection(id)}>
                  {label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="logout" onClick={() => void logout()}>
          Esci
        </button>
      </header>
      <main>
        {section === 'campagna' ? <Campagna /> : null}
        {section === 'sportelli' ? <Sportelli /> : null}
        {section === 'dichiarazioni' ? <Dichiarazioni /> : null}
        {section === 'sblocchi' ? <Sblocchi /> : null}
        {section === 'messaggi' ? <Messaggi /> : null}
        {section === 'circolari' ? <Circolari /> : null}
        {section === 'assistenza' ? <Assistenza /> : null}
      </main>
    </>
  );
}
