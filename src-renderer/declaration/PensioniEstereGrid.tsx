import type { SubjectDoc } from '#shared/domain/red-document';
import { STATI_ESTERI, TIPI_PENSIONE_ESTERA, istituzioniDi, statoEstero } from '#shared/campaigns/red2009/stati-esteri';
import { fieldPath } from '#shared/rules/types';
import { EuroInput, useReadOnly } from './fields';
import type { YearInfo } from './RedditiGrid';

const STATI_OPTIONS = [...STATI_ESTERI].sort((a, b) => a.nome.localeCompare(b.nome, 'it')).map((s) => ({ value: s.codice, label: `${s.nome} (${s.codice})` }));
const TIPI = ([1, 2, 3, 4, 5] as const).map((t) => ({ value: t, label: `${t} – ${TIPI_PENSIONE_ESTERA[t]}` }));

/**
 * "Pensioni Estere" of one subject (guide pp. 94–95, rows H1–H5): Stato (table of the Stati esteri),
 * Istituzione (the State's institutions, "999 altro"; filled by itself when the State has only one), Tipo
 * 1–5, one amount per requested year. At most 6 rows: beyond that the RED goes to the INPS counter.
 */
export function PensioniEstereGrid(props: {
  subject: SubjectDoc;
  years: readonly YearInfo[];
  max: number;
  onStato: (index: number, stato: string) => void;
  onIstituzione: (index: number, istituzione: string) => void;
  onTipo: (index: number, tipo: number | null) => void;
  onImporto: (index: number, anno: number, v: number | null) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}) {
  const readOnly = useReadOnly();
  const s = props.subject;
  const rows = s.pensioniEstere;
  return (
    <div className="estere" data-field={`soggetti.${s.key}.pensioniEstere`} data-help={`soggetti.${s.key}.pensioniEstere`} tabIndex={-1}>
      <table className="estere-grid" aria-label="Pensioni estere">
        <thead>
          <tr>
            <th style={{ width: 28 }}>N.</th>
            <th>Stato</th>
            <th>Istituzione</th>
            <th>Tipo</th>
            {props.years.map((y) => (
              <th key={y.anno} className="num" style={{ width: 110 }}>
                Reddito {y.anno}
              </th>
            ))}
            <th style={{ width: 70 }} />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5 + props.years.length} className="muted">
                Nessuna pensione estera.
              </td>
            </tr>
          ) : null}
          {rows.map((r, i) => {
            const istituzioni = istituzioniDi(r.stato);
            const knownStato = r.stato === '' || statoEstero(r.stato) !== undefined;
            const knownIst = r.istituzione === '' || istituzioni.some((x) => x.codice === r.istituzione);
            return (
              <tr key={i} className={i >= props.max ? 'over' : undefined}>
                <td className="num">{i + 1}</td>
                <td>
                  <select
                    data-field={fieldPath.foreign(s.key, i, 'stato')}
                    aria-label={`Stato pensione estera ${i + 1}`}
                    value={r.stato}
                    disabled={readOnly}
                    onChange={(e) => props.onStato(i, e.target.value)}
                  >
                    <option value="">— Stato —</option>
                    {knownStato ? null : <option value={r.stato}>{r.stato} (non in tabella)</option>}
                    {STATI_OPTIONS.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    data-field={fieldPath.foreign(s.key, i, 'istituzione')}
                    aria-label={`Istituzione pensione estera ${i + 1}`}
                    value={r.istituzione}
                    disabled={readOnly || r.stato === ''}
                    title={r.stato === '' ? 'Scegliere prima lo Stato' : undefined}
                    onChange={(e) => props.onIstituzione(i, e.target.value)}
                  >
                    <option value="">— Istituzione —</option>
                    {knownIst ? null : <option value={r.istituzione}>{r.istituzione} (non in tabella)</option>}
                    {istituzioni.map((x) => (
                      <option key={x.codice} value={x.codice}>
                        {x.codice} {x.nome}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    data-field={fieldPath.foreign(s.key, i, 'tipo')}
                    aria-label={`Tipo pensione estera ${i + 1}`}
                    value={r.tipo === null ? '' : String(r.tipo)}
                    disabled={readOnly}
                    onChange={(e) => props.onTipo(i, e.target.value === '' ? null : Number(e.target.value))}
                  >
                    <option value="">— Tipo —</option>
                    {TIPI.map((t) => (
                      <option key={t.value} value={t.value}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </td>
                {props.years.map((y) => (
                  <td key={y.anno} className="num">
                    <EuroInput
                      path={fieldPath.foreign(s.key, i, `importo.${y.anno}`)}
                      ariaLabel={`Reddito ${y.anno} pensione estera ${i + 1}`}
                      value={r.importi.find((x) => x.anno === y.anno)?.importo ?? null}
                      disabled={!y.needed}
                      onChange={(v) => props.onImporto(i, y.anno, v)}
                    />
                  </td>
                ))}
                <td>
                  {readOnly ? null : (
                    <button type="button" className="small" data-help="eliminaPensione" aria-label={`Elimina pensione estera ${i + 1}`} onClick={() => props.onRemove(i)}>
                      Elimina
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="estere-foot">
        {readOnly ? null : (
          <button type="button" data-help="aggiungiPensione" disabled={rows.length >= 20} onClick={props.onAdd}>
            Aggiungi pensione estera
          </button>
        )}
        <span className={rows.length > props.max ? 'err-text' : 'muted'}>
          {rows.length} di {props.max} pensioni estere
          {rows.length > props.max ? ': con più di 6 pensioni estere il RED va presentato allo sportello della sede INPS competente.' : ''}
        </span>
      </div>
    </div>
  );
}
