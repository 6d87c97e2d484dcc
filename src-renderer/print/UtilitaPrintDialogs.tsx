import { useEffect, useState } from 'react';
import { ENTE_EMISSIONE_LABELS } from '#shared/print/api';
import { AppError } from '#shared/errors';
import { Dialog } from '../components/Dialog';
import { useApi } from '../api-client/context';
import { JobStatus, useJob } from './JobPanel';

type Ente = keyof typeof ENTE_EMISSIONE_LABELS;

interface DuplicatoForm {
  ente: Ente;
  codiceFiscale: string;
  cognome: string;
  nome: string;
  dataNascita: string;
  comuneNascita: string;
  indirizzo: string;
  comune: string;
  tipo: string;
  numero: string;
  rilasciatoDa: string;
  data: string;
}

const EMPTY: DuplicatoForm = {
  ente: '8',
  codiceFiscale: '',
  cognome: '',
  nome: '',
  dataNascita: '',
  comuneNascita: '',
  indirizzo: '',
  comune: '',
  tipo: "Carta d'identità",
  numero: '',
  rilasciatoDa: '',
  data: '',
};

const FIELDS: readonly { key: Exclude<keyof DuplicatoForm, 'ente'>; label: string; helpId: string; type?: 'date' }[] = [
  { key: 'codiceFiscale', label: 'Codice fiscale', helpId: 'duplicato.codiceFiscale' },
  { key: 'cognome', label: 'Cognome', helpId: 'duplicato.cognome' },
  { key: 'nome', label: 'Nome', helpId: 'duplicato.nome' },
  { key: 'dataNascita', label: 'Data di nascita', helpId: 'duplicato.dataNascita', type: 'date' },
  { key: 'comuneNascita', label: 'Comune di nascita', helpId: 'duplicato.comuneNascita' },
  { key: 'indirizzo', label: 'Indirizzo', helpId: 'duplicato.indirizzo' },
  { key: 'comune', label: 'Comune di residenza', helpId: 'duplicato.comune' },
  { key: 'tipo', label: 'Documento di identità: tipo', helpId: 'duplicato.tipo' },
  { key: 'numero', label: 'Documento: numero', helpId: 'duplicato.numero' },
  { key: 'rilasciatoDa', label: 'Documento: rilasciato da', helpId: 'duplicato.rilasciatoDa' },
  { key: 'data', label: 'Documento: data di rilascio', helpId: 'duplicato.data', type: 'date' },
];

/** The API names nested fields "documento.numero": map them back to the form's keys. */
function fieldOf(e: unknown): string | null {
  if (!(e instanceof AppError) || !e.field) return null;
  return e.field.replace(/^documento\./, '');
}

/**
 * Utilità → "Richiesta duplicato Stringa CAF" (p. 66): the pensioner's data and an identity document, then
 * "Stampa" → the PDF to sign and fax to the CAF CGN. Only for INPS matricole (OPR-10 / MAT-17).
 */
export function DuplicatoDialog(props: { currentId: number | null; onClose: () => void }) {
  const api = useApi();
  const job = useJob();
  const [form, setForm] = useState<DuplicatoForm>(EMPTY);
  const [useCurrent, setUseCurrent] = useState(props.currentId !== null);
  const [badField, setBadField] = useState<string | null>(null);

  useEffect(() => {
    if (props.currentId === null || !useCurrent) return;
    let live = true;
    void api.invoke('declarations.get', { id: props.currentId }).then((d) => {
      if (!live) return;
      const t = d.document.soggetti.find((s) => s.role === 'TITOLARE');
      const ente = d.matricola.charAt(16);
      setForm((f) => ({
        ...f,
        ente: ente === 'G' || ente === 'H' ? ente : '8',
        codiceFiscale: d.document.anagrafica.codiceFiscale || t?.codiceFiscale || '',
        cognome: t?.cognome ?? '',
        nome: t?.nome ?? '',
        indirizzo: t?.indirizzo ?? '',
        comune: t?.comune ?? '',
      }));
    });
    return () => {
      live = false;
    };
  }, [api, props.currentId, useCurrent]);

  const set = (k: keyof DuplicatoForm, v: string) => setForm((f) => ({ ...f, [k]: v }));
  const stampa = () => {
    setBadField(null);
    return job.run(async () => {
      try {
        const r = await api.invoke('prints.duplicato', {
          id: useCurrent ? props.currentId : null,
          ente: form.ente,
          codiceFiscale: form.codiceFiscale,
          cognome: form.cognome,
          nome: form.nome,
          dataNascita: form.dataNascita,
          comuneNascita: form.comuneNascita,
          indirizzo: form.indirizzo,
          comune: form.comune,
          documento: { tipo: form.tipo, numero: form.numero, rilasciatoDa: form.rilasciatoDa, data: form.data },
        });
        return { file: r.file, cancelled: false, summary: 'Far firmare la richiesta al pensionato e inviarla al CAF CGN con la fotocopia del documento.' };
      } catch (e) {
        setBadField(fieldOf(e));
        throw e;
      }
    });
  };

  return (
    <Dialog title="Richiesta duplicato Stringa CAF" onCancel={props.onClose} className="print-dialog" guida="duplicato-stringa">
      <p className="muted">Solo per le matricole INPS. La richiesta firmata e la copia del documento restano al CAF con la domanda del pensionato.</p>
      {props.currentId !== null ? (
        <label>
          <input type="checkbox" data-help="duplicato.usaCorrente" checked={useCurrent} onChange={(e) => setUseCurrent(e.target.checked)} /> Dati della dichiarazione selezionata
        </label>
      ) : null}
      <div className="form-grid">
        <label htmlFor="dup-ente">Ente che ha richiesto il RED</label>
        <select id="dup-ente" data-autofocus data-help="duplicato.ente" value={form.ente} aria-invalid={badField === 'ente' || undefined} onChange={(e) => set('ente', e.target.value)}>
          {(Object.keys(ENTE_EMISSIONE_LABELS) as Ente[]).map((k) => (
            <option key={k} value={k}>
              {k} – {ENTE_EMISSIONE_LABELS[k]}
            </option>
          ))}
        </select>
        {FIELDS.map((f) => (
          <FieldRow key={f.key} id={`dup-${f.key}`} helpId={f.helpId} label={f.label} type={f.type} value={form[f.key]} invalid={badField === f.key} onChange={(v) => set(f.key, f.key === 'codiceFiscale' ? v.toUpperCase() : v)} />
        ))}
      </div>
      <JobStatus job={job} />
      <div className="dialog-buttons">
        <button type="button" data-help="duplicato.stampa" onClick={() => void stampa()} disabled={job.running}>
          Stampa
        </button>
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}

function FieldRow(props: { id: string; helpId: string; label: string; type?: 'date' | undefined; value: string; invalid: boolean; onChange: (v: string) => void }) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <input id={props.id} data-help={props.helpId} type={props.type ?? 'text'} value={props.value} aria-invalid={props.invalid || undefined} onChange={(e) => props.onChange(e.target.value)} />
    </>
  );
}

/** Utilità → "Elenco documenti necessari" (p. 73): generic, or naming the household of the selected declaration. */
export function ElencoDocumentiDialog(props: { current: { id: number; progressivo: number } | null; onClose: () => void }) {
  const api = useApi();
  const job = useJob();
  const [forCurrent, setForCurrent] = useState(props.current !== null);
  const stampa = () =>
    job.run(async () => {
      const r = await api.invoke('prints.elencoDocumenti', { id: forCurrent && props.current ? props.current.id : null });
      return { file: r.file, cancelled: false, summary: '' };
    });
  return (
    <Dialog title="Elenco documenti necessari" onCancel={props.onClose} className="print-dialog" guida="duplicato-stringa">
      <fieldset>
        <legend>Elenco</legend>
        <label>
          <input type="radio" name="elenco" data-autofocus data-help="elencoDocumenti.tipo" checked={!forCurrent} onChange={() => setForCurrent(false)} /> Generico
        </label>
        <br />
        <label>
          <input type="radio" name="elenco" data-help="elencoDocumenti.tipo" disabled={!props.current} checked={forCurrent} onChange={() => setForCurrent(true)} /> Per la dichiarazione selezionata
          {props.current ? ` (progressivo ${props.current.progressivo}), con i familiari` : ' (nessuna selezionata)'}
        </label>
      </fieldset>
      <JobStatus job={job} />
      <div className="dialog-buttons">
        <button type="button" data-help="elencoDocumenti.stampa" onClick={() => void stampa()} disabled={job.running}>
          Stampa
        </button>
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
