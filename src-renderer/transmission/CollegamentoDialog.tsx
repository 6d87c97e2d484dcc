import { useEffect, useRef, useState } from 'react';
import { SyncSettingsSchema, type SyncSettings, type SyncSettingsView } from '#shared/domain/transmission';
import { AppError } from '#shared/errors';
import { useApi } from '../api-client/context';
import { Dialog } from '../components/Dialog';
import { formatDateTime, isoToLocalInput, localInputToIso } from '#shared/util/italian-time';
import { errorText } from '../api-client/error-text';

type Field = 'serverUrl' | 'deskId' | 'secret' | 'intervalSeconds' | 'deadline' | 'caPem';
const FIELDS: readonly Field[] = ['serverUrl', 'deskId', 'secret', 'intervalSeconds', 'deadline', 'caPem'];
const isField = (x: unknown): x is Field => typeof x === 'string' && (FIELDS as readonly string[]).includes(x);

const FROM_ENV = "impostato da variabile d'ambiente";

/**
 * Utilità → "Impostazioni collegamento CAF": address of the CAF CGN server, the desk's credentials (the secret is
 * write-only), the interval of the automatic sync and the "termine per effettuare l'invio" of the CAF circular.
 * Values fixed by environment variables are shown read-only. Errors are shown next to their field.
 */
export function CollegamentoDialog(props: { onClose: () => void; onSaved: (v: SyncSettingsView) => void }) {
  const api = useApi();
  const [view, setView] = useState<SyncSettingsView | null>(null);
  const [form, setForm] = useState({ serverUrl: '', deskId: '', secret: '', intervalSeconds: '60', deadline: '', caPem: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let live = true;
    api
      .invoke('sync.settings', {})
      .then((v) => {
        if (!live) return;
        setView(v);
        setForm({ serverUrl: v.serverUrl, deskId: v.deskId, secret: '', intervalSeconds: String(v.intervalSeconds), deadline: isoToLocalInput(v.deadline), caPem: v.caPem });
      })
      .catch((e: unknown) => live && setGeneral(errorText(e)));
    return () => {
      live = false;
    };
  }, [api]);

  // The form appears after loading: the first field that can be changed gets the focus.
  useEffect(() => {
    if (view) formRef.current?.querySelector<HTMLInputElement>('input:not([readonly])')?.focus();
  }, [view]);

  const urlFromEnv = view?.fromEnvironment.includes('serverUrl') ?? false;
  const credFromEnv = view?.fromEnvironment.includes('credentials') ?? false;
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setForm((f) => ({ ...f, [k]: e.target.value }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!view || busy) return;
    setGeneral(null);
    const found: Partial<Record<Field, string>> = {};
    const deadline = localInputToIso(form.deadline);
    if (form.deadline && !deadline) found.deadline = 'Termine non valido (data e ora)';
    const input: SyncSettings = {
      serverUrl: form.serverUrl.trim(),
      deskId: form.deskId.trim(),
      intervalSeconds: Number(form.intervalSeconds),
      deadline,
      caPem: form.caPem.trim(),
    };
    if (form.secret !== '' && !credFromEnv) input.secret = form.secret;
    const parsed = SyncSettingsSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const k = issue.path[0];
        if (isField(k)) found[k] ??= k === 'intervalSeconds' && !Number.isInteger(input.intervalSeconds) ? 'Indicare un numero intero di secondi' : issue.message;
      }
    }
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setBusy(true);
    try {
      props.onSaved(await api.invoke('sync.saveSettings', input));
    } catch (err) {
      const field = err instanceof AppError ? err.field?.split('.')[0] : undefined;
      if (isField(field)) setErrors({ [field]: errorText(err) });
      else setGeneral(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (k: Field) =>
    errors[k] ? (
      <span className="err-text" id={`coll-${k}-err`} role="alert">
        {errors[k]}
      </span>
    ) : null;
  const describedBy = (k: Field, extra?: string) => [errors[k] ? `coll-${k}-err` : '', extra ?? ''].filter(Boolean).join(' ') || undefined;

  return (
    <Dialog title="Impostazioni collegamento CAF" onCancel={props.onClose} className="collegamento-dialog" guida="collegamento">
      {!view && !general ? <p>Caricamento…</p> : null}
      {view ? (
        <form ref={formRef} onSubmit={(e) => void save(e)} noValidate>
          <div className="form-grid">
            <label htmlFor="coll-serverUrl">Indirizzo del server CAF</label>
            <div>
              <input
                id="coll-serverUrl"
                data-help="collegamento.serverUrl"
                value={form.serverUrl}
                onChange={set('serverUrl')}
                readOnly={urlFromEnv}
                spellCheck={false}
                autoComplete="off"
                placeholder="https://server.caf.example:4800"
                aria-invalid={errors.serverUrl ? true : undefined}
                aria-describedby={describedBy('serverUrl', urlFromEnv ? 'coll-serverUrl-env' : undefined)}
              />
              {urlFromEnv ? <span className="muted" id="coll-serverUrl-env"> {FROM_ENV} (RED_DESK_SERVER_URL)</span> : null}
              {fieldError('serverUrl')}
            </div>

            <label htmlFor="coll-deskId">Identificativo dello sportello</label>
            <div>
              <input
                id="coll-deskId"
                data-help="collegamento.deskId"
                value={form.deskId}
                onChange={set('deskId')}
                readOnly={credFromEnv}
                spellCheck={false}
                autoComplete="off"
                aria-invalid={errors.deskId ? true : undefined}
                aria-describedby={describedBy('deskId', credFromEnv ? 'coll-cred-env' : undefined)}
              />
              {credFromEnv ? <span className="muted" id="coll-cred-env"> {FROM_ENV} (RED_DESK_SERVER_CREDENTIALS)</span> : null}
              {fieldError('deskId')}
            </div>

            <label htmlFor="coll-secret">Segreto dello sportello</label>
            <div>
              <input
                id="coll-secret"
                data-help="collegamento.secret"
                type="password"
                value={form.secret}
                onChange={set('secret')}
                readOnly={credFromEnv}
                autoComplete="new-password"
                placeholder={credFromEnv ? '' : 'lasciare vuoto per non cambiarlo'}
                aria-invalid={errors.secret ? true : undefined}
                aria-describedby={describedBy('secret', 'coll-secret-note')}
              />
              <span className="muted" id="coll-secret-note">
                {' '}
                {credFromEnv ? FROM_ENV : view.hasSecret ? 'segreto memorizzato; lasciare vuoto per non cambiarlo' : 'nessun segreto memorizzato'}
                {credFromEnv ? '' : ". Cambiando indirizzo o identificativo il segreto memorizzato non vale più: va inserito di nuovo."}
              </span>
              {fieldError('secret')}
            </div>

            <label htmlFor="coll-interval">Sincronizzazione automatica ogni (secondi)</label>
            <div>
              <input
                id="coll-interval"
                data-help="collegamento.interval"
                type="number"
                min={10}
                max={86400}
                step={1}
                className="num-input"
                value={form.intervalSeconds}
                onChange={set('intervalSeconds')}
                aria-invalid={errors.intervalSeconds ? true : undefined}
                aria-describedby={describedBy('intervalSeconds')}
              />
              {fieldError('intervalSeconds')}
            </div>

            <label htmlFor="coll-deadline">Termine per effettuare l'invio</label>
            <div>
              <input
                id="coll-deadline"
                data-help="collegamento.deadline"
                type="datetime-local"
                value={form.deadline}
                onChange={set('deadline')}
                aria-invalid={errors.deadline ? true : undefined}
                aria-describedby={describedBy('deadline', 'coll-deadline-note')}
              />
              <span className="muted" id="coll-deadline-note">
                {' '}
                ora italiana, dalla circolare del CAF CGN; vuoto = termine della campagna. In vigore:{' '}
                {view.effectiveDeadline ? formatDateTime(view.effectiveDeadline).slice(0, 16) : 'nessun termine'}
              </span>
              {fieldError('deadline')}
            </div>

            <label htmlFor="coll-caPem">Autorità di certificazione del CAF (PEM)</label>
            <div>
              <textarea
                id="coll-caPem"
                data-help="collegamento.caPem"
                className="pem-input"
                rows={4}
                value={form.caPem}
                onChange={set('caPem')}
                spellCheck={false}
                autoComplete="off"
                placeholder="-----BEGIN CERTIFICATE-----"
                aria-invalid={errors.caPem ? true : undefined}
                aria-describedby={describedBy('caPem', 'coll-caPem-note')}
              />
              <span className="muted" id="coll-caPem-note">
                {' '}
                facoltativo: se indicato, il collegamento https:// accetta solo certificati emessi da questa autorità
              </span>
              {fieldError('caPem')}
            </div>
          </div>
          {general ? <p className="error" role="alert">{general}</p> : null}
          <div className="dialog-buttons">
            <button type="submit" className="primary" aria-disabled={busy ? true : undefined} aria-busy={busy}>
              {busy ? 'Salvataggio…' : 'Salva'}
            </button>
            <button type="button" onClick={props.onClose}>
              Annulla
            </button>
          </div>
        </form>
      ) : (
        <>
          {general ? <p className="error" role="alert">{general}</p> : null}
          <div className="dialog-buttons">
            <button type="button" data-autofocus onClick={props.onClose}>
              Chiudi
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
