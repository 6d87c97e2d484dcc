import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApiOutput, RedDeskApi } from '#shared/api/contract';
import { AppError } from '#shared/errors';
import { errorText } from '../api-client/error-text';

type LockState = ApiOutput<'archive.lockState'>;

/**
 * The locked screen (issue 13 point 3), shown before the monitor when the archive key is a passphrase: at the
 * first start the operator chooses it (written twice), at the next starts types it. A wrong one is refused with
 * a message and the field is cleared and focused again; nothing is opened or written until it is right.
 */
export function LockScreen(props: { api: RedDeskApi; state: LockState; onOpened: () => void }) {
  const choosing = props.state.stato === 'scegliere';
  const [passphrase, setPassphrase] = useState('');
  const [conferma, setConferma] = useState('');
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const second = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  // After a refusal the field to write again gets the focus (once the form is enabled again).
  useEffect(() => {
    if (!busy && error) (error.field === 'conferma' ? second : first).current?.focus();
  }, [busy, error]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (choosing && passphrase.length < props.state.minimo) {
      setError({ field: 'passphrase', text: `La passphrase deve avere almeno ${props.state.minimo} caratteri.` });
      return;
    }
    if (choosing && conferma !== passphrase) {
      setError({ field: 'conferma', text: 'Le due passphrase non coincidono: scriverle di nuovo.' });
      setConferma('');
      return;
    }
    setBusy(true);
    setError(null);
    props.api
      .invoke('archive.unlock', choosing ? { passphrase, conferma } : { passphrase })
      .then(() => props.onOpened())
      .catch((err: unknown) => {
        const field = err instanceof AppError && err.field === 'conferma' ? 'conferma' : 'passphrase';
        setError({ field, text: errorText(err) });
        setPassphrase('');
        setConferma('');
        setBusy(false);
      });
  };

  const described = (field: string) => (error?.field === field ? 'lock-error' : undefined);
  return (
    <main className="lock-screen">
      <form className="lock-panel" onSubmit={submit} aria-labelledby="lock-title" noValidate>
        <h2 id="lock-title">{choosing ? "Cifratura dell'archivio: scegliere la passphrase" : 'Archivio cifrato: inserire la passphrase'}</h2>
        {choosing ? (
          <p>
            L'archivio delle dichiarazioni è conservato cifrato su questo computer. Scegliere una passphrase di almeno {props.state.minimo} caratteri:
            sarà chiesta a ogni avvio di RED Desk. Conservarla in un luogo sicuro: senza di essa l'archivio e le sue copie di sicurezza non si possono aprire.
            {props.state.archivioInChiaro ? " L'archivio esistente sarà cifrato dopo una copia di sicurezza." : ''}
          </p>
        ) : (
          <p>L'archivio delle dichiarazioni è cifrato. Inserire la passphrase scelta al primo avvio per aprire il monitor.</p>
        )}
        <label htmlFor="lock-passphrase">Passphrase</label>
        <input
          id="lock-passphrase"
          ref={first}
          type="password"
          autoComplete={choosing ? 'new-password' : 'current-password'}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          aria-invalid={error?.field === 'passphrase'}
          aria-describedby={described('passphrase')}
          disabled={busy}
        />
        {choosing ? (
          <>
            <label htmlFor="lock-conferma">Ripetere la passphrase</label>
            <input
              id="lock-conferma"
              ref={second}
              type="password"
              autoComplete="new-password"
              value={conferma}
              onChange={(e) => setConferma(e.target.value)}
              aria-invalid={error?.field === 'conferma'}
              aria-describedby={described('conferma')}
              disabled={busy}
            />
          </>
        ) : null}
        {error ? (
          <p id="lock-error" className="lock-error" role="alert">
            {error.text}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Apertura in corso…' : choosing ? "Cifra e apri l'archivio" : "Apri l'archivio"}
        </button>
      </form>
    </main>
  );
}
