import { Fragment, useEffect, useState } from 'react';
import { ITEM_OUTCOME_LABELS, OUTBOX_STATE_LABELS, type StoricoFile } from '#shared/domain/transmission';
import { useApi } from '../api-client/context';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '#shared/util/italian-time';
import { errorText } from '../api-client/error-text';

const PAGE = 50;

/**
 * Utilità → "Storico trasmissioni" (p. 70, 99): every file sent to the CAF CGN, newest first, with date and
 * time, state and the names of the declarations it carried (expandable), 50 files a page.
 */
export function StoricoDialog(props: { onClose: () => void }) {
  const api = useApi();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ offset: number; total: number; files: StoricoFile[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());

  useEffect(() => {
    let live = true;
    api
      .invoke('transmission.storico', { offset, limit: PAGE })
      .then((r) => live && setPage({ offset, total: r.total, files: r.files }))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [api, offset]);

  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const total = page?.total ?? 0;
  const files = page?.files ?? [];
  return (
    <Dialog title="Storico trasmissioni" onCancel={props.onClose} className="storico-dialog" guida="reinvio-storico">
      <p className="muted" role="status">
        {page
          ? total === 0
            ? 'Nessuna trasmissione effettuata.'
            : `File ${(page.offset + 1).toLocaleString('it-IT')}–${(page.offset + files.length).toLocaleString('it-IT')} di ${total.toLocaleString('it-IT')}, dal più recente.`
          : error
            ? ''
            : 'Caricamento…'}
      </p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      {files.length > 0 ? (
        <div className="codes">
          <table aria-label="File trasmessi">
            <thead>
              <tr>
                <th>Data e ora</th>
                <th>Stato</th>
                <th className="num">Tentativi</th>
                <th className="num">Dichiarazioni</th>
                <th>Conferma del CAF</th>
                <th>Operatore</th>
                <th>Nomi</th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => {
                const isOpen = open.has(f.transmissionId);
                return (
                  <Fragment key={f.transmissionId}>
                    <tr className={`storico-file st-${f.state.toLowerCase()}`}>
                      <td>{formatDateTime(f.createdAt)}</td>
                      <td>
                        {OUTBOX_STATE_LABELS[f.state]}
                        {f.lastError ? <div className="error-cell">{f.lastError}</div> : null}
                      </td>
                      <td className="num">{f.attempts}</td>
                      <td className="num">{f.items.length.toLocaleString('it-IT')}</td>
                      <td>{f.deliveredAt ? formatDateTime(f.deliveredAt) : '—'}</td>
                      <td>{f.operator}</td>
                      <td>
                        <button
                          type="button"
                          className="small"
                          aria-expanded={isOpen}
                          data-help="storico.file"
                          aria-controls={`storico-${f.transmissionId}`}
                          onClick={() => toggle(f.transmissionId)}
                        >
                          {isOpen ? 'Nascondi nomi' : `Mostra nomi (${f.items.length})`}
                        </button>
                      </td>
                    </tr>
                    {isOpen ? (
                      <tr id={`storico-${f.transmissionId}`} className="storico-items">
                        <td colSpan={7}>
                          <table aria-label={`Dichiarazioni del file del ${formatDateTime(f.createdAt)}`}>
                            <tbody>
                              {f.items.map((i) => (
                                <tr key={`${i.id}-${i.version}`}>
                                  <td className="num">{i.progressivo}</td>
                                  <td className="mono">{i.codiceFiscale}</td>
                                  <td>{i.cognomeNome || '—'}</td>
                                  <td className={i.outcome === 'RIFIUTATA' ? 'error-cell' : ''}>{ITEM_OUTCOME_LABELS[i.outcome]}</td>
                                  <td>{i.message ?? ''}</td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="dialog-buttons">
        {/* aria-disabled, not disabled: at the first / last page the button keeps the keyboard focus. */}
        <button type="button" aria-disabled={offset === 0 ? true : undefined} onClick={() => offset > 0 && setOffset(Math.max(0, offset - PAGE))}>
          Più recenti
        </button>
        <button type="button" aria-disabled={offset + PAGE >= total ? true : undefined} onClick={() => offset + PAGE < total && setOffset(offset + PAGE)}>
          Meno recenti
        </button>
        <span className="spacer" />
        <button type="button" data-autofocus onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
