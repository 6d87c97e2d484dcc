import { useState } from 'react';
import { MODEL_SELECTION_LABELS, type ModelSelection, type PrintListRow } from '#shared/print/api';
import { STATUS_INFO } from '#shared/status/statuses';
import { formatDateTime } from '#shared/util/italian-time';
import { Dialog } from '../components/Dialog';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';
import { JobStatus, useJob } from './JobPanel';

const OPR_08 = 'OPR-08: si stampano solo le dichiarazioni già inviate e ricevute dal CAF CGN (dopo l’«Invio»).';

/**
 * "Stampa modelli" (p. 105): CREA LISTA → select/deselect (buttons on the right, double click, Spazio) →
 * ELABORA (model, ristampa, copies, elenco documenti) → STAMPA → one PDF.
 */
export function StampaModelliDialog(props: { tab: 'SPEDITE' | 'RICEVUTE'; currentId: number | null; onClose: () => void }) {
  const api = useApi();
  const job = useJob();
  const [rows, setRows] = useState<PrintListRow[] | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [step, setStep] = useState<'lista' | 'elabora'>('lista');
  const [notice, setNotice] = useState<string | null>(null);
  const [modelli, setModelli] = useState<ModelSelection>('TUTTI');
  const [ristampa, setRistampa] = useState(false);
  const [copie, setCopie] = useState(1);
  const [elenco, setElenco] = useState(true);

  const creaLista = async () => {
    setNotice(null);
    try {
      const r = await api.invoke('prints.list', { tab: props.tab });
      setRows(r.rows);
      const sent = r.rows.filter((x) => x.sent);
      const current = sent.find((x) => x.id === props.currentId);
      // The declaration selected in the monitor, else every sent one not printed yet.
      setSelected(new Set(current ? [current.id] : sent.filter((x) => x.printedAt === null).map((x) => x.id)));
      setCursor(Math.max(0, r.rows.findIndex((x) => x.id === props.currentId)));
      if (sent.length === 0) setNotice(`Nessuna dichiarazione da stampare in «${props.tab === 'SPEDITE' ? 'Spedite' : 'Ricevute'}». ${OPR_08}`);
      else if (r.notSent > 0) setNotice(`${r.notSent === 1 ? '1 dichiarazione in «Attesa» non è selezionabile' : `${r.notSent} dichiarazioni in «Attesa» non sono selezionabili`}. ${OPR_08}`);
    } catch (e) {
      setNotice(errorText(e));
    }
  };
  const toggle = (r: PrintListRow) => {
    if (!r.sent) {
      setNotice(`Progressivo ${r.progressivo} (${STATUS_INFO[r.status].label}): ${OPR_08}`);
      return;
    }
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(r.id)) n.delete(r.id);
      else n.add(r.id);
      return n;
    });
  };
  const list = rows ?? [];
  const chosen = list.filter((r) => selected.has(r.id));
  const anyPrinted = chosen.some((r) => r.printedAt !== null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setCursor((i) => Math.max(0, Math.min(list.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === ' ') {
      e.preventDefault();
      const r = list[cursor];
      if (r) toggle(r);
    }
  };

  const stampa = () =>
    job.run(async (jobId) => {
      const r = await api.invoke('prints.models', { jobId, ids: chosen.map((x) => x.id), modelli, ristampa: anyPrinted && ristampa, copie, elencoDocumenti: elenco });
      const parts = [r.printed === 1 ? '1 dichiarazione stampata' : `${r.printed} dichiarazioni stampate`];
      if (r.skipped) parts.push(`${r.skipped} già stampate non ristampate`);
      if (r.failed.length) parts.push(`${r.failed.length} non stampate: ${r.failed.map((f) => `${f.progressivo} – ${f.message}`).join('; ')}`);
      return { file: r.file, cancelled: r.cancelled, summary: `${parts.join(', ')}.` };
    });

  return (
    <Dialog title="Stampa modelli" onCancel={props.onClose} className="print-dialog" guida="stampa-modelli">
      {step === 'lista' ? (
        <>
          <p className="muted">Si stampano i modelli RED delle dichiarazioni già trasmesse al CAF CGN (p. 105).</p>
          <div className="dialog-buttons left">
            <button type="button" data-autofocus data-help="stampaModelli.creaLista" onClick={() => void creaLista()}>
              CREA LISTA
            </button>
          </div>
          {rows ? (
            <div className="print-list-wrap">
              <div
                className="dup-list print-list"
                role="listbox"
                aria-multiselectable="true"
                aria-label="Dichiarazioni da stampare"
                data-help="stampaModelli.elenco"
                tabIndex={0}
                onKeyDown={onKeyDown}
                aria-activedescendant={list[cursor] ? `pm-${list[cursor].id}` : undefined}
              >
                {list.map((r, i) => (
                  <div
                    key={r.id}
                    id={`pm-${r.id}`}
                    role="option"
                    aria-selected={selected.has(r.id)}
                    aria-disabled={!r.sent || undefined}
                    className={`row${i === cursor ? ' selected' : ''}${r.sent ? '' : ' not-sent'}`}
                    onMouseDown={() => setCursor(i)}
                    onDoubleClick={() => toggle(r)}
                  >
                    {/* A mark, not a checkbox: the option's aria-selected says it, and no control sits inside an option (axe). */}
                    <span className={`pm-mark${r.sent ? '' : ' off'}`} aria-hidden="true" onClick={() => r.sent && toggle(r)}>
                      {selected.has(r.id) ? '☑' : '☐'}
                    </span>
                    <span className="c-prog">{r.progressivo}</span>
                    <span className="c-status">{STATUS_INFO[r.status].label}</span>
                    <span className="c-cf">{r.codiceFiscale}</span>
                    <span className="c-nome">{r.cognomeNome}</span>
                    <span className="c-printed">{r.sent ? (r.printedAt ? `stampata il ${formatDateTime(r.printedAt).slice(0, 10)}` : 'da stampare') : 'non inviata'}</span>
                  </div>
                ))}
              </div>
              <div className="print-list-buttons">
                <button type="button" data-help="stampaModelli.tutte" onClick={() => setSelected(new Set(list.filter((r) => r.sent).map((r) => r.id)))}>
                  Seleziona tutte
                </button>
                <button type="button" data-help="stampaModelli.nonStampate" onClick={() => setSelected(new Set(list.filter((r) => r.sent && r.printedAt === null).map((r) => r.id)))}>
                  Solo da stampare
                </button>
                <button type="button" data-help="stampaModelli.nessuna" onClick={() => setSelected(new Set())}>
                  Deseleziona tutte
                </button>
              </div>
            </div>
          ) : null}
          <p className="muted">{rows ? `${chosen.length} selezionate su ${list.filter((r) => r.sent).length} stampabili · doppio clic o Spazio seleziona/deseleziona` : ''}</p>
        </>
      ) : (
        <fieldset className="print-options" disabled={job.running}>
          <legend>Opzioni di stampa – {chosen.length} dichiarazioni</legend>
          <label>
            Modello da stampare{' '}
            <select data-help="stampaModelli.modelli" value={modelli} onChange={(e) => setModelli(e.target.value as ModelSelection)}>
              {(Object.keys(MODEL_SELECTION_LABELS) as ModelSelection[]).map((k) => (
                <option key={k} value={k}>
                  {MODEL_SELECTION_LABELS[k]}
                </option>
              ))}
            </select>
          </label>
          {anyPrinted ? (
            <label>
              <input type="checkbox" data-help="stampaModelli.ristampa" checked={ristampa} onChange={(e) => setRistampa(e.target.checked)} /> Ristampa dei modelli già stampati
            </label>
          ) : (
            <p className="muted">Nessuna delle dichiarazioni scelte è già stata stampata.</p>
          )}
          <label>
            Numero di copie{' '}
            <input type="number" data-help="stampaModelli.copie" min={1} max={5} value={copie} onChange={(e) => setCopie(Math.max(1, Math.min(5, Number(e.target.value) || 1)))} className="num-input" />
          </label>
          <label>
            <input type="checkbox" data-help="stampaModelli.elencoDocumenti" checked={elenco} onChange={(e) => setElenco(e.target.checked)} /> Includi l&apos;elenco documenti per i RED documentati
          </label>
        </fieldset>
      )}
      {notice ? (
        <p className="error" role="alert">
          {notice}
        </p>
      ) : null}
      <JobStatus job={job} />
      <div className="dialog-buttons">
        {step === 'lista' ? (
          <button type="button" data-help="stampaModelli.elabora" disabled={chosen.length === 0} onClick={() => setStep('elabora')}>
            ELABORA
          </button>
        ) : (
          <>
            <button type="button" onClick={() => void creaLista().then(() => setStep('lista'))} disabled={job.running}>
              Indietro
            </button>
            <button type="button" data-autofocus data-help="stampaModelli.stampa" onClick={() => void stampa()} disabled={job.running || chosen.length === 0}>
              STAMPA
            </button>
          </>
        )}
        <button type="button" onClick={props.onClose} disabled={job.running}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
