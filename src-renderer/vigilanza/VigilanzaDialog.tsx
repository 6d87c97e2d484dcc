import { useEffect, useRef, useState } from 'react';
import {
  SANZIONI_CONTROLLO,
  TIPOLOGIE_RED,
  TIPOLOGIA_RED_LABELS,
  erroreOf,
  esitoControlloLabel,
  formatImportoCent,
  type ControlloRow,
} from '#shared/vigilanza/controlli';
import { ITER_CONTROLLI, NORMATIVA_DI_RIFERIMENTO, PROVE_DEL_CAF } from '#shared/vigilanza/testi';
import { formatDateTime } from '#shared/util/italian-time';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';
import { Dialog } from '../components/Dialog';
import { listKeyHandler } from '../components/list-keys';

type Scheda = 'controlli' | 'normativa';
const SCHEDE: readonly (readonly [Scheda, string])[] = [
  ['controlli', 'Controlli Inps'],
  ['normativa', 'Normativa di riferimento'],
];

/**
 * "Vigilanza" (p. 72): two tabs. "Controlli Inps": the REDs of this desk involved in an INPS check (from the CAF's
 * messages), the table "Codici errori e sanzioni" (p. 111), the ITER of the checks (p. 112) and the criteria per
 * code (p. 113). "Normativa di riferimento": the documents the CAF CGN provides (AP15, AP57…).
 */
export function VigilanzaDialog(props: { onClose: () => void; onOpen: (id: number) => void }) {
  const api = useApi();
  const [scheda, setScheda] = useState<Scheda>('controlli');
  const [rows, setRows] = useState<ControlloRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [index, setIndex] = useState(0);

  useEffect(() => {
    let live = true;
    api
      .invoke('vigilanza.controlli', {})
      .then((r) => live && setRows(r.rows))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [api]);

  const onTabKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next = scheda === 'controlli' ? 'normativa' : 'controlli';
    setScheda(next);
    document.getElementById(`vig-tab-${next}`)?.focus();
  };

  return (
    <Dialog title="Vigilanza" onCancel={props.onClose} className="vigilanza-dialog" guida="vigilanza">
      <div role="tablist" aria-label="Schede di Vigilanza" className="tab-buttons" onKeyDown={onTabKeyDown}>
        {SCHEDE.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            id={`vig-tab-${id}`}
            aria-selected={scheda === id}
            aria-controls={`vig-panel-${id}`}
            tabIndex={scheda === id ? 0 : -1}
            className={scheda === id ? 'tab active' : 'tab'}
            data-help={id === 'controlli' ? 'vigilanza.tab.controlli' : 'vigilanza.tab.normativa'}
            data-autofocus={id === 'controlli' ? true : undefined}
            onClick={() => setScheda(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`vig-panel-${scheda}`} aria-labelledby={`vig-tab-${scheda}`} className="vig-panel">
        {scheda === 'controlli' ? (
          <Controlli rows={rows} error={error} index={index} setIndex={setIndex} onOpen={props.onOpen} />
        ) : (
          <Normativa />
        )}
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}

function Controlli(props: {
  rows: ControlloRow[] | null;
  error: string | null;
  index: number;
  setIndex: (f: (i: number) => number) => void;
  onOpen: (id: number) => void;
}) {
  const list = props.rows ?? [];
  const current = list[Math.min(props.index, list.length - 1)];
  const listRef = useRef<HTMLDivElement>(null);
  const open = () => {
    if (current) props.onOpen(current.declarationId);
  };
  const onKeyDown = listKeyHandler(list.length, props.setIndex, () => {
    if (!current) return false;
    open();
    return true;
  });
  return (
    <>
      <section aria-labelledby="vig-red-title">
        <h3 id="vig-red-title">RED coinvolti nell'attività di controllo</h3>
        <p className="muted" role="status">
          {props.rows === null
            ? props.error
              ? ''
              : 'Caricamento…'
            : list.length === 0
              ? 'Nessuna dichiarazione di questo sportello è sotto controllo INPS.'
              : `${list.length.toLocaleString('it-IT')} ${list.length === 1 ? 'dichiarazione' : 'dichiarazioni'} sotto controllo (l'esito è l'ultimo comunicato dal CAF CGN).`}
        </p>
        {props.error ? (
          <p className="error" role="alert">
            {props.error}
          </p>
        ) : null}
        {list.length > 0 ? (
          <>
            <div className="list-header vig-grid" role="presentation">
              <span className="c-prog">Progr.</span>
              <span className="c-cf">Codice fiscale</span>
              <span className="seg-nome">Cognome e nome</span>
              <span className="vig-esito">Esito del controllo</span>
              <span className="vig-at">Comunicato il</span>
            </div>
            <div
              className="dup-list vig-list"
              role="listbox"
              aria-label="RED coinvolti nell'attività di controllo"
              data-help="vigilanza.elenco"
              tabIndex={0}
              ref={listRef}
              onKeyDown={onKeyDown}
              aria-activedescendant={current ? `vig-${current.declarationId}` : undefined}
            >
              {list.map((r, i) => (
                <div
                  key={r.declarationId}
                  id={`vig-${r.declarationId}`}
                  role="option"
                  aria-selected={r === current}
                  className={`row vig-grid${r === current ? ' selected' : ''}${erroreOf(r.esito) !== null ? ' vig-errore' : ''}`}
                  title={r.text}
                  onMouseDown={() => props.setIndex(() => i)}
                  onDoubleClick={open}
                >
                  <span className="c-prog">{r.progressivo}</span>
                  <span className="c-cf">{r.codiceFiscale}</span>
                  <span className="seg-nome">{r.cognomeNome || '—'}</span>
                  <span className="vig-esito">{esitoControlloLabel(r.esito)}</span>
                  <span className="vig-at">{formatDateTime(r.at)}</span>
                </div>
              ))}
            </div>
            {current ? <p className="vig-text">{current.text}</p> : null}
            <div className="dialog-buttons vig-list-buttons">
              <button type="button" onClick={open} title="Chiude Vigilanza e seleziona la dichiarazione nel monitor">
                Vai alla dichiarazione
              </button>
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="vig-sanz-title">
        <h3 id="vig-sanz-title">Codici errori e sanzioni</h3>
        <p>
          L'INPS controlla a campione il 2% dei RED trasmessi. Per ogni errore imputabile al CAF la Sede assegna un codice, a cui
          corrisponde la sanzione della tabella secondo il tipo di RED.
        </p>
        <table className="vig-sanzioni" aria-labelledby="vig-sanz-title">
          <thead>
            <tr>
              <th scope="col">Codice</th>
              <th scope="col">Tipologia di errore</th>
              {TIPOLOGIE_RED.map((t) => (
                <th key={t} scope="col" className="num">
                  Sanzione {TIPOLOGIA_RED_LABELS[t]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {SANZIONI_CONTROLLO.map((s) => (
              <tr key={s.codice}>
                <td>{s.codice}</td>
                <th scope="row">{s.tipologia}</th>
                {TIPOLOGIE_RED.map((t) => (
                  <td key={t} className="num">
                    € {formatImportoCent(s.importoCent[t])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="vig-iter-title">
        <h3 id="vig-iter-title">ITER dei controlli</h3>
        <ol>
          {ITER_CONTROLLI.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="vig-crit-title">
        <h3 id="vig-crit-title">Valutazione dei codici errore</h3>
        <dl className="vig-criteri">
          {SANZIONI_CONTROLLO.map((s) => (
            <div key={s.codice}>
              <dt>
                {s.codice} – {s.tipologia}
              </dt>
              <dd>{s.criterio}</dd>
            </div>
          ))}
        </dl>
        <p>Per dimostrare che un RED non è sanzionabile il CAF porta alla Sede INPS:</p>
        <ul>
          {PROVE_DEL_CAF.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Normativa() {
  return (
    <section aria-labelledby="vig-norm-title">
      <h3 id="vig-norm-title">Normativa di riferimento</h3>
      <p>I documenti sulla disciplina RED sono forniti dal CAF CGN. In questa versione il programma non ne contiene una copia: l'elenco dice quali sono e a cosa servono.</p>
      <ul className="vig-normativa" aria-label="Documenti forniti dal CAF CGN">
        {NORMATIVA_DI_RIFERIMENTO.map((d) => (
          <li key={d.id}>
            <b>{d.titolo}</b>: {d.descrizione} <span className="muted">(non presente in questo archivio)</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
