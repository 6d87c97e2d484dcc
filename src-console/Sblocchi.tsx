import { useState, type FormEvent } from 'react';
import { SbloccoResponseSchema } from '#shared/server-api/contract';
import { CODICI_SBLOCCABILI } from '#shared/sblocco/codice';
import { call, errorText } from './api';
import { giorno } from './labels';

type Codice = (typeof CODICI_SBLOCCABILI)[number];

/**
 * "Sblocca dichiarazione errata" (issue 12 point 4, pp. 97–98): the code for one cross-check error of one declaration
 * of one desk, which the CAF operator reads out on the phone. The desk's operator gives the data its dialog shows.
 */
export function Sblocchi() {
  const [deskId, setDeskId] = useState('');
  const [codiceFiscale, setCodiceFiscale] = useState('');
  const [campagna, setCampagna] = useState('RED2009');
  const [progressivo, setProgressivo] = useState('');
  const [codiceErrore, setCodiceErrore] = useState<Codice>('IMP-05');
  const [giorni, setGiorni] = useState('5');
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ codice: string; scadenza: string; deskId: string; codiceFiscale: string } | null>(null);

  const issue = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    try {
      const r = await call('POST', '/sblocchi', SbloccoResponseSchema, {
        deskId: deskId.trim(),
        codiceFiscale: codiceFiscale.trim().toUpperCase(),
        campagna: campagna.trim().toUpperCase(),
        progressivo: Number(progressivo),
        codiceErrore,
        giorni: Number(giorni),
      });
      setResult(r);
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section aria-labelledby="h-sblocchi">
      <h2 id="h-sblocchi">Sblocca dichiarazione errata</h2>
      <form className="inline-form" onSubmit={(e) => void issue(e)} aria-labelledby="h-sblocchi">
        <label>
          Sportello
          <input value={deskId} onChange={(e) => setDeskId(e.target.value)} required pattern="[a-z0-9][a-z0-9\-]{0,39}" />
        </label>
        <label>
          Codice fiscale del dichiarante
          <input value={codiceFiscale} onChange={(e) => setCodiceFiscale(e.target.value)} required minLength={16} maxLength={16} />
        </label>
        <label>
          Campagna
          <input value={campagna} onChange={(e) => setCampagna(e.target.value)} required pattern="RED[0-9]{4}" />
        </label>
        <label>
          Progressivo
          <input value={progressivo} onChange={(e) => setProgressivo(e.target.value)} required inputMode="numeric" pattern="[0-9]{1,8}" />
        </label>
        <label>
          Errore da sbloccare
          <select value={codiceErrore} onChange={(e) => setCodiceErrore(e.target.value as Codice)}>
            {CODICI_SBLOCCABILI.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Giorni di validità
          <input value={giorni} onChange={(e) => setGiorni(e.target.value)} required inputMode="numeric" pattern="[0-9]{1,2}" />
        </label>
        <button type="submit">Genera codice</button>
      </form>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {result ? (
        <div className="secret" role="status" data-testid="sblocco-box">
          <p>
            Codice di sblocco per lo sportello <strong>{result.deskId}</strong>, dichiarante {result.codiceFiscale}, valido fino al{' '}
            {giorno(result.scadenza)}:
          </p>
          <code data-testid="sblocco-codice">{result.codice}</code>
        </div>
      ) : null}
    </section>
  );
}
