import { useEffect, useRef, useState } from 'react';
import type { PrintedFile } from '#shared/print/api';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';
import { deliverFile, newJobId, openStampeFolder } from './deliver';

export interface JobOutcome {
  file: PrintedFile | null;
  cancelled: boolean;
  /** A line for the operator besides the file (e.g. "3 stampate, 1 già stampata saltata"). */
  summary: string;
}

/**
 * Runs one print or export job: progress bar from "print.progress", "Annulla" while it runs, then where the
 * file went and "Apri"/"Scarica" (the file is delivered once automatically).
 */
export function useJob() {
  const api = useApi();
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; phase: string } | null>(null);
  const [outcome, setOutcome] = useState<JobOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [delivered, setDelivered] = useState<string | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  useEffect(() => (jobId ? api.on('print.progress', (p) => p.jobId === jobId && setProgress(p)) : undefined), [api, jobId]);

  const run = async (start: (jobId: string) => Promise<JobOutcome>) => {
    const id = newJobId();
    setJobId(id);
    setProgress(null);
    setOutcome(null);
    setError(null);
    setDelivered(null);
    try {
      const o = await start(id);
      if (!live.current) return;
      setOutcome(o);
      if (o.file) setDelivered(await deliverFile(api, o.file).catch((e: unknown) => errorText(e)));
    } catch (e) {
      if (live.current) setError(errorText(e));
    } finally {
      if (live.current) setJobId(null);
    }
  };
  const cancel = () => {
    if (jobId) void api.invoke('prints.cancel', { jobId });
  };
  const again = async () => {
    if (outcome?.file) setDelivered(await deliverFile(api, outcome.file).catch((e: unknown) => errorText(e)));
  };
  const folder = async () => {
    setDelivered(await openStampeFolder(api).catch((e: unknown) => errorText(e)));
  };
  return { running: jobId !== null, progress, outcome, error, delivered, run, cancel, again, folder, setError };
}

export function JobStatus(props: { job: ReturnType<typeof useJob> }) {
  const { running, progress, outcome, error, delivered } = props.job;
  // The button that started the job is disabled while it runs: keep the focus inside the dialog (Annulla,
  // then "Apri / scarica di nuovo") so that the keyboard still reaches it and Esc still closes it.
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const target = box.current?.querySelector<HTMLButtonElement>('button');
    if (target && (document.activeElement === document.body || document.activeElement?.hasAttribute('disabled'))) target.focus();
    else if (!target && document.activeElement === document.body) box.current?.closest<HTMLElement>('[role="dialog"]')?.querySelector<HTMLElement>('button:not([disabled])')?.focus();
  }, [running, outcome, error]);
  const pct = progress && progress.total ? Math.round((progress.done / progress.total) * 100) : outcome ? 100 : 0;
  return (
    <div className="job-status" ref={box}>
      {running || outcome ? (
        <div className="progress" role="progressbar" aria-label="Avanzamento della stampa" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className="progress-bar" style={{ width: `${pct}%` }} />
        </div>
      ) : null}
      {running ? (
        <p role="status">
          {progress ? `${progress.phase}… ${progress.done.toLocaleString('it-IT')} di ${progress.total.toLocaleString('it-IT')}` : 'Stampa in corso…'}{' '}
          <button type="button" onClick={props.job.cancel}>
            Annulla
          </button>
        </p>
      ) : null}
      {outcome ? (
        <div role="status" className="job-outcome">
          {outcome.cancelled ? <p>Stampa annullata: nessun file scritto.</p> : null}
          {outcome.summary ? <p>{outcome.summary}</p> : null}
          {outcome.file ? (
            <p>
              File: <b data-testid="print-file-name">{outcome.file.name}</b>
              <br />
              <span className="muted">Salvato in {outcome.file.path}</span>
              {delivered ? (
                <>
                  <br />
                  <span className="muted">{delivered}</span>
                </>
              ) : null}{' '}
              <button type="button" onClick={() => void props.job.again()}>
                Apri / scarica di nuovo
              </button>{' '}
              <button type="button" onClick={() => void props.job.folder()}>
                Apri cartella stampe
              </button>
            </p>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
