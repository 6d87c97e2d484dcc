import { useId, useState } from 'react';
import type { RedDocument, SubjectDoc } from '#shared/domain/red-document';
import { importa730, rigoLabel, type EsitoImport } from '#shared/import730/importa';
import type { Dichiarazione730 } from '#shared/import730/model';
import type { RowsTable } from '#shared/rules/campaign-data';
import { formatEuro } from '#shared/util/italian-input';
import { Dialog } from '../components/Dialog';

/**
 * "Importazione 730" (guide p. 85, "Importa da 730" p. 96) for the subject shown: the operator picks the year,
 * "Importa" runs the import (a refusal says which precondition of pp. 85–86 is missing), then the dialog lists
 * what was imported and what was not, as the operator must check both (p. 85).
 */
export function Importa730Dialog(props: {
  doc: RedDocument;
  subject: SubjectDoc;
  subjectLabel: string;
  anni: readonly number[];
  rows: RowsTable | undefined;
  dati730: readonly Dichiarazione730[] | null;
  onImported: (doc: RedDocument) => void;
  onClose: () => void;
}) {
  const groupId = useId();
  const [anno, setAnno] = useState(props.anni[0] ?? 0);
  const [esito, setEsito] = useState<EsitoImport | null>(null);
  const run = () => {
    const r = importa730({ doc: props.doc, subjectKey: props.subject.key, anno, dich: props.dati730 ?? [], rows: props.rows });
    setEsito(r);
    if (r.ok) props.onImported(r.doc);
  };
  const report = esito?.ok ? esito.report : null;
  return (
    <Dialog title={`Importazione 730 – ${props.subjectLabel}`} onCancel={props.onClose} className="storico-dialog" guida="importazione-730">
      <fieldset className="search" aria-labelledby={groupId}>
        <span id={groupId}>Redditi da importare</span>
        {props.anni.map((a, i) => (
          <label key={a}>
            <input type="radio" name="anno730" data-help="importa730.anno" checked={a === anno} data-autofocus={i === 0 ? true : undefined} onChange={() => setAnno(a)} /> redditi {a} ({`730/${a + 1}`})
          </label>
        ))}
        <button type="button" data-help="importa730.importa" onClick={run} disabled={props.dati730 === null}>
          Importa
        </button>
      </fieldset>
      <p className="muted">
        Codice fiscale {props.subject.codiceFiscale || '(non indicato)'}; {props.subject.coltivatoreDiretto ? 'coltivatore diretto: redditi agrari in A3' : 'redditi agrari in B2 (non coltivatore diretto)'}.
        {props.dati730 === null ? ' Lettura dei 730 in archivio…' : ''}
      </p>
      {esito && !esito.ok ? (
        <p className="error" role="alert">
          {esito.message}
        </p>
      ) : null}
      {report ? (
        <div role="status" aria-label="Esito dell'importazione">
          <h3>Importati dal {report.modello}</h3>
          {report.importati.length === 0 ? (
            <p>Nessun reddito da importare.</p>
          ) : (
            <table aria-label="Redditi importati">
              <thead>
                <tr>
                  <th>Rigo RED</th>
                  <th className="num">Importo</th>
                  <th>Dal 730</th>
                </tr>
              </thead>
              <tbody>
                {report.importati.map((r, i) => (
                  <tr key={i}>
                    <td>{rigoLabel(r.rigo)}</td>
                    <td className="num">{formatEuro(r.importo)}</td>
                    <td>{r.origine}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Non importati</h3>
          {report.nonImportati.length === 0 ? (
            <p>Nessuno.</p>
          ) : (
            <table aria-label="Redditi non importati">
              <thead>
                <tr>
                  <th>Dal 730</th>
                  <th>Motivo</th>
                </tr>
              </thead>
              <tbody>
                {report.nonImportati.map((r, i) => (
                  <tr key={i}>
                    <td>{r.origine}</td>
                    <td>{r.motivo}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.avvisi.map((a) => (
            <p key={a} className="note">
              {a}
            </p>
          ))}
          <p className="note">Verificare i redditi inseriti e quelli non importati: è onere dell&apos;incaricato del CAF (p. 85).</p>
        </div>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
