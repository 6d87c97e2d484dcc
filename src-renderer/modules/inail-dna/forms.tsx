import { useId, useState } from 'react';
import { AppError } from '#shared/errors';
import { checkDatore, checkDenuncia, type DnaFieldError } from '#shared/modules/inail-dna/checks';
import type { DnaDatoreRow, DnaDenunciaRow } from '#shared/modules/inail-dna/api';
import { isoToIt } from '#shared/util/italian-input';
import { useApi } from '../../api-client/context';
import { errorText } from '../../api-client/error-text';
import { Dialog } from '../../components/Dialog';

/** The refusals of a form: one per field (shown under it) and the list at the bottom. */
function useFieldErrors() {
  const [errors, setErrors] = useState<DnaFieldError[]>([]);
  const [other, setOther] = useState<string | null>(null);
  const fromCall = (e: unknown) => {
    const d = e instanceof AppError ? (e.details as { errors?: DnaFieldError[] } | undefined) : undefined;
    if (d?.errors) setErrors(d.errors);
    else setOther(errorText(e));
  };
  return { errors, setErrors, other, setOther, fromCall, of: (f: string) => errors.find((e) => e.field === f)?.message };
}

function Field(props: { label: string; field: string; helpId: string; value: string; onChange: (v: string) => void; error: string | undefined; maxLength: number; autoFocus?: boolean; disabled?: boolean; placeholder?: string }) {
  const id = useId();
  return (
    <div className="dna-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        data-help={props.helpId}
        data-autofocus={props.autoFocus || undefined}
        value={props.value}
        maxLength={props.maxLength}
        disabled={props.disabled}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-err` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error ? (
        <span id={`${id}-err`} className="field-error">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

function Errors(props: { errors: DnaFieldError[]; other: string | null }) {
  if (props.errors.length === 0 && !props.other) return null;
  return (
    <div className="errors" role="alert">
      {props.other ? <p>{props.other}</p> : null}
      {props.errors.length > 0 ? (
        <ul>
          {props.errors.map((e) => (
            <li key={e.field + e.message}>{e.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** "Datore di lavoro": codice fiscale (16 characters or 11 digits), codice di accesso riservato, a name for the list. */
export function DatoreForm(props: { datore: DnaDatoreRow | null; onClose: () => void; onSaved: (id: number) => void }) {
  const api = useApi();
  const [cf, setCf] = useState(props.datore?.codiceFiscale ?? '');
  const [codice, setCodice] = useState(props.datore?.codiceAccesso ?? '');
  const [den, setDen] = useState(props.datore?.denominazione ?? '');
  const f = useFieldErrors();
  const save = async () => {
    f.setOther(null);
    const input = { codiceFiscale: cf, codiceAccesso: codice, denominazione: den };
    const c = checkDatore(input);
    f.setErrors(c.ok ? [] : c.errors);
    if (!c.ok) return;
    try {
      const r = await api.invoke('dna.salvaDatore', { ...input, ...(props.datore ? { id: props.datore.id } : {}) });
      props.onSaved(r.id);
    } catch (e) {
      f.fromCall(e);
    }
  };
  return (
    <Dialog title={props.datore ? 'Modifica datore di lavoro' : 'Nuovo datore di lavoro'} onCancel={props.onClose} guida="inail-dna" className="dna-form">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label="Codice fiscale del datore di lavoro" field="codiceFiscale" helpId="dna.datore.codiceFiscale" value={cf} onChange={setCf} error={f.of('codiceFiscale')} maxLength={16} autoFocus />
        <Field label="Codice di accesso riservato" field="codiceAccesso" helpId="dna.datore.codiceAccesso" value={codice} onChange={setCodice} error={f.of('codiceAccesso')} maxLength={4} />
        <Field label="Denominazione" field="denominazione" helpId="dna.datore.denominazione" value={den} onChange={setDen} error={f.of('denominazione')} maxLength={60} />
        <Errors errors={f.errors} other={f.other} />
        <div className="dialog-buttons">
          <button type="submit">Salva</button>
          <button type="button" onClick={props.onClose}>
            Annulla
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Denuncia": the worker (codice fiscale, or a foreign worker without one: cognome and nome), posizione, dates. */
export function DenunciaForm(props: { datore: DnaDatoreRow; denuncia: DnaDenunciaRow | null; onClose: () => void; onSaved: () => void }) {
  const api = useApi();
  const d = props.denuncia;
  const [cf, setCf] = useState(d?.cfLavoratore ?? '');
  const [posizione, setPosizione] = useState(d?.posizione ?? '');
  const [inizio, setInizio] = useState(isoToIt(d?.dataInizio));
  const [fine, setFine] = useState(isoToIt(d?.dataFine));
  const [straniero, setStraniero] = useState(d?.straniero ?? false);
  const [cognome, setCognome] = useState(d?.cognome ?? '');
  const [nome, setNome] = useState(d?.nome ?? '');
  const f = useFieldErrors();
  const save = async () => {
    f.setOther(null);
    const input = { cfLavoratore: straniero ? '' : cf, posizione, dataInizio: inizio, dataFine: fine, straniero, cognome: straniero ? cognome : '', nome: straniero ? nome : '' };
    const c = checkDenuncia(input);
    f.setErrors(c.ok ? [] : c.errors);
    if (!c.ok) return;
    try {
      await api.invoke('dna.salvaDenuncia', { ...input, datoreId: props.datore.id, ...(d ? { id: d.id } : {}) });
      props.onSaved();
    } catch (e) {
      f.fromCall(e);
    }
  };
  return (
    <Dialog title={d ? 'Modifica denuncia' : 'Nuova denuncia'} onCancel={props.onClose} guida="inail-dna" className="dna-form">
      <p className="muted">
        Datore di lavoro <span className="mono">{props.datore.codiceFiscale}</span>
        {props.datore.denominazione ? ` — ${props.datore.denominazione}` : ''}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="dna-check">
          <input type="checkbox" data-help="dna.denuncia.straniero" checked={straniero} onChange={(e) => setStraniero(e.target.checked)} /> Lavoratore straniero sprovvisto di codice fiscale
        </label>
        <Field label="Codice fiscale del lavoratore" field="cfLavoratore" helpId="dna.denuncia.cfLavoratore" value={straniero ? '' : cf} onChange={setCf} error={f.of('cfLavoratore')} maxLength={16} autoFocus disabled={straniero} />
        {straniero ? (
          <>
            <Field label="Cognome" field="cognome" helpId="dna.denuncia.cognome" value={cognome} onChange={setCognome} error={f.of('cognome')} maxLength={40} />
            <Field label="Nome" field="nome" helpId="dna.denuncia.nome" value={nome} onChange={setNome} error={f.of('nome')} maxLength={40} />
          </>
        ) : null}
        <Field label="Posizione assicurativa" field="posizione" helpId="dna.denuncia.posizione" value={posizione} onChange={setPosizione} error={f.of('posizione')} maxLength={9} />
        <Field label="Data di inizio del rapporto" field="dataInizio" helpId="dna.denuncia.dataInizio" value={inizio} onChange={setInizio} error={f.of('dataInizio')} maxLength={10} placeholder="gg/mm/aaaa" />
        <Field label="Data di fine del rapporto" field="dataFine" helpId="dna.denuncia.dataFine" value={fine} onChange={setFine} error={f.of('dataFine')} maxLength={10} placeholder="gg/mm/aaaa" />
        <Errors errors={f.errors} other={f.other} />
        <div className="dialog-buttons">
          <button type="submit">Salva</button>
          <button type="button" onClick={props.onClose}>
            Annulla
          </button>
        </div>
      </form>
    </Dialog>
  );
}
