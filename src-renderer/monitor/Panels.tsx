import { formatEuro } from '#shared/util/italian-input';
import { useEffect, useState } from 'react';
import { SUBJECT_ROLE_LABELS, type DeclarationDetail } from '#shared/domain/declaration';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';

const MODE_LABEL = { DOCUMENTATO: 'documentato', AUTOCERTIFICATO: 'autocertificato' } as const;

/** "Componenti nucleo familiare presenti nella dichiarazione" and "Dati reddituali inseriti" (p. 68). */
export function Panels(props: { id: number | null; generation: string }) {
  const api = useApi();
  const [loaded, setLoaded] = useState<{ id: number; detail: DeclarationDetail | null; error: string | null } | null>(null);
  useEffect(() => {
    const id = props.id;
    if (id === null) return;
    let live = true;
    const t = setTimeout(() => {
      api
        .invoke('declarations.detail', { id })
        .then((d) => live && setLoaded({ id, detail: d, error: null }))
        .catch((e: unknown) => live && setLoaded({ id, detail: null, error: errorText(e) }));
    }, 60); // holding an arrow key does not fire one request per row
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, props.id, props.generation]);
  // Only what belongs to the selected declaration is shown.
  const detail = loaded && loaded.id === props.id ? loaded.detail : null;
  const error = loaded && loaded.id === props.id ? loaded.error : null;

  const nameOf = (subjectId: number) => {
    const s = detail?.subjects.find((x) => x.id === subjectId);
    return s ? SUBJECT_ROLE_LABELS[s.role] : '';
  };
  return (
    <div className="panels">
      <section className="panel" aria-label="Componenti nucleo familiare presenti nella dichiarazione">
        <h3>Componenti nucleo familiare presenti nella dichiarazione</h3>
        {error ? <p className="error">{error}</p> : null}
        {!detail ? (
          <p className="muted">Selezionare una dichiarazione.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Soggetto</th>
                <th>Codice fiscale</th>
                <th>Cognome e nome</th>
                <th>Anni richiesti e compilazione</th>
              </tr>
            </thead>
            <tbody>
              {detail.subjects.map((s) => (
                <tr key={s.id}>
                  <td>{SUBJECT_ROLE_LABELS[s.role]}{s.role === 'FIGLIO' ? ` ${s.ordinal}` : ''}</td>
                  <td>{s.codiceFiscale ?? '—'}</td>
                  <td>{[s.cognome, s.nome].filter(Boolean).join(' ') || '—'}</td>
                  <td>
                    {s.years.map((y) => `${y.anno}: ${y.modo ? MODE_LABEL[y.modo] : 'da compilare'}`).join(' · ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-label="Dati reddituali inseriti">
        <h3>Dati reddituali inseriti</h3>
        {!detail ? (
          <p className="muted">—</p>
        ) : detail.incomes.length === 0 && detail.foreignPensions.length === 0 ? (
          <p className="muted">Nessun reddito inserito.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Soggetto</th>
                <th>Anno</th>
                <th>Rigo</th>
                <th className="num">Importo</th>
              </tr>
            </thead>
            <tbody>
              {detail.incomes.map((i) => (
                <tr key={`${i.subjectId}-${i.anno}-${i.rigo}`}>
                  <td>{nameOf(i.subjectId)}</td>
                  <td>{i.anno}</td>
                  <td>{i.rigo}</td>
                  <td className="num">{formatEuro(i.importo)} €</td>
                </tr>
              ))}
              {detail.foreignPensions.flatMap((p) =>
                p.importi.map((a) => (
                  <tr key={`fp-${p.riga}-${a.anno}`}>
                    <td>Pensione estera: {p.stato}, {p.istituzione}, tipo {p.tipo ?? '—'}</td>
                    <td>{a.anno}</td>
                    <td>{p.tipo ? `H${p.tipo}` : '—'}</td>
                    <td className="num">{formatEuro(a.importo)} €</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
