import { useState } from 'react';
import { EXPORT_KINDS, EXPORT_LABELS, VARIE_LABELS, VARIE_PRINTS, type ExportKind, type ListFilter, type VariePrint } from '#shared/print/api';
import { Dialog } from '../components/Dialog';
import { useApi } from '../api-client/context';
import { FiltriFields } from './FiltriFields';
import { JobStatus, useJob } from './JobPanel';

type Choice = { kind: 'export'; value: ExportKind } | { kind: 'varie'; value: VariePrint };
const key = (c: Choice) => `${c.kind}:${c.value}`;

/**
 * "Stampe varie" (p. 107), on every tab: 01–04 as .xlsx or .csv, 05–09 as PDF, for the declaration selected in
 * the monitor or for every one that passes "Ordina e filtri" (p. 106).
 */
export function StampeVarieDialog(props: { current: { id: number; progressivo: number } | null; onClose: () => void }) {
  const api = useApi();
  const job = useJob();
  const [choice, setChoice] = useState<Choice>({ kind: 'export', value: 'ANAGRAFICHE' });
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [onlyCurrent, setOnlyCurrent] = useState(props.current !== null);
  const [filter, setFilter] = useState<ListFilter>({ order: 'PROGRESSIVO' });
  const perDeclaration = choice.kind === 'varie';
  const useCurrent = perDeclaration && onlyCurrent && props.current !== null;

  const esegui = () =>
    job.run(async (jobId) => {
      if (choice.kind === 'export') {
        const r = await api.invoke('prints.export', { jobId, kind: choice.value, format, filter });
        return { file: r.file, cancelled: r.cancelled, summary: r.file ? `${EXPORT_LABELS[choice.value]}: ${(r.file.rows ?? 0).toLocaleString('it-IT')} righe.` : '' };
      }
      const r = await api.invoke('prints.varie', { jobId, print: choice.value, filter, ...(useCurrent && props.current ? { ids: [props.current.id] } : {}) });
      const failed = r.failed.length ? ` ${r.failed.length} non stampate: ${r.failed.map((f) => `${f.progressivo} – ${f.message}`).join('; ')}` : '';
      return { file: r.file, cancelled: r.cancelled, summary: `${VARIE_LABELS[choice.value]}: ${r.count === 1 ? '1 dichiarazione' : `${r.count.toLocaleString('it-IT')} dichiarazioni`}.${failed}` };
    });

  const options: Choice[] = [...EXPORT_KINDS.map((value): Choice => ({ kind: 'export', value })), ...VARIE_PRINTS.map((value): Choice => ({ kind: 'varie', value }))];
  return (
    <Dialog title="Stampe varie" onCancel={props.onClose} className="print-dialog" guida="stampe-varie">
      <div className="varie-layout">
        <fieldset className="varie-choice" disabled={job.running}>
          <legend>Stampa</legend>
          {options.map((c, i) => (
            <label key={key(c)}>
              <input type="radio" name="stampa-varia" data-help={`stampeVarie.${c.value}`} data-autofocus={i === 0 || undefined} checked={key(c) === key(choice)} onChange={() => setChoice(c)} />{' '}
              {c.kind === 'export' ? EXPORT_LABELS[c.value] : VARIE_LABELS[c.value]}
            </label>
          ))}
        </fieldset>
        <div>
          {choice.kind === 'export' ? (
            <fieldset disabled={job.running}>
              <legend>Formato</legend>
              <label>
                <input type="radio" name="formato" data-help="stampeVarie.formato" checked={format === 'xlsx'} onChange={() => setFormat('xlsx')} /> Excel (.xlsx)
              </label>{' '}
              <label>
                <input type="radio" name="formato" data-help="stampeVarie.formato" checked={format === 'csv'} onChange={() => setFormat('csv')} /> csv (separatore «;»)
              </label>
            </fieldset>
          ) : (
            <fieldset disabled={job.running}>
              <legend>Dichiarazioni</legend>
              <label>
                <input type="radio" name="quali" data-help="stampeVarie.quali" disabled={!props.current} checked={useCurrent} onChange={() => setOnlyCurrent(true)} /> Solo quella selezionata
                {props.current ? ` (progressivo ${props.current.progressivo})` : ' (nessuna selezionata)'}
              </label>
              <br />
              <label>
                <input type="radio" name="quali" data-help="stampeVarie.quali" checked={!useCurrent} onChange={() => setOnlyCurrent(false)} /> Tutte quelle di «Ordina e filtri»
              </label>
              {choice.value === 'MODULI_PROVA' ? <p className="muted">Stampa di prova in qualunque status: ogni pagina porta «PROVA – NON VALIDO».</p> : null}
            </fieldset>
          )}
          {!useCurrent ? <FiltriFields value={filter} onChange={setFilter} disabled={job.running} /> : null}
        </div>
      </div>
      <JobStatus job={job} />
      <div className="dialog-buttons">
        <button type="button" data-help="stampeVarie.esegui" onClick={() => void esegui()} disabled={job.running}>
          {choice.kind === 'export' ? 'Esporta' : 'Stampa'}
        </button>
        <button type="button" onClick={props.onClose} disabled={job.running}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
