import { useEffect, useState } from 'react';
import { BackupSettingsSchema, type BackupSettings } from '#shared/domain/backup';
import type { ApiOutput } from '#shared/api/contract';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '#shared/util/italian-time';

type Field = keyof BackupSettings;

/** Utilità → "Impostazioni copie di sicurezza": every how many hours, how many are kept; where they are. */
export function CopieSicurezzaDialog(props: { onClose: () => void; onSaved: (s: BackupSettings) => void }) {
  const api = useApi();
  const [list, setList] = useState<ApiOutput<'backup.list'> | null>(null);
  const [form, setForm] = useState({ intervalHours: '', keep: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke('backup.list', {}).then(
      (l) => {
        if (!live) return;
        setList(l);
        setForm({ intervalHours: String(l.settings.intervalHours), keep: String(l.settings.keep) });
      },
      (e: unknown) => live && setGeneral(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api]);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const input = { intervalHours: Number(form.intervalHours), keep: Number(form.keep) };
    const parsed = BackupSettingsSchema.safeParse(input);
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const k = issue.path[0] as Field;
        found[k] ??= Number.isInteger(input[k]) ? issue.message : 'Indicare un numero intero';
      }
      setErrors(found);
      return;
    }
    try {
      props.onSaved(await api.invoke('backup.saveSettings', parsed.data));
    } catch (err) {
      setGeneral(errorText(err));
    }
  };
  const change = (k: Field, v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((x) => ({ ...x, [k]: undefined }));
  };
  return (
    <Dialog title="Impostazioni copie di sicurezza" onCancel={props.onClose} guida="servizi">
      {!list && !general ? <p>Caricamento…</p> : null}
      {list ? (
        <form onSubmit={(e) => void save(e)} noValidate>
          <p className="muted">
            Una copia a ogni avvio di RED Desk e poi a intervalli regolari, nella cartella {list.dir}.{' '}
            {list.last ? `Ultima copia di questa sessione: ${formatDateTime(list.last.at)} — ${list.last.message}` : ''}
          </p>
          <div className="form-grid">
            <NumberField k="intervalHours" label="Copia automatica ogni (ore)" helpId="copie.intervallo" max={168} value={form.intervalHours} error={errors.intervalHours} onChange={change} />
            <NumberField k="keep" label="Copie da conservare" helpId="copie.conserva" max={100} value={form.keep} error={errors.keep} onChange={change} />
          </div>
          {general ? (
            <p className="error" role="alert">
              {general}
            </p>
          ) : null}
          <div className="dialog-buttons">
            <button type="submit">Salva</button>
            <button type="button" onClick={props.onClose}>
              Annulla
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}

function NumberField(props: { k: Field; label: string; helpId: string; max: number; value: string; error: string | undefined; onChange: (k: Field, v: string) => void }) {
  const { k } = props;
  return (
    <>
      <label htmlFor={`copie-${k}`}>{props.label}</label>
      <div>
        <input
          id={`copie-${k}`}
          type="number"
          min={1}
          max={props.max}
          step={1}
          className="num-input"
          data-help={props.helpId}
          value={props.value}
          onChange={(e) => props.onChange(k, e.target.value)}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `copie-${k}-err` : undefined}
        />
        {props.error ? (
          <span className="err-text" id={`copie-${k}-err`} role="alert">
            {props.error}
          </span>
        ) : null}
      </div>
    </>
  );
}
