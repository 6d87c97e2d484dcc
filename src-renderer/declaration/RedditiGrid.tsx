import { INCOME_ROWS, type IncomeRow, type SubjectDoc } from '#shared/domain/red-document';
import { DOC_LABELS } from '#shared/campaigns/red2009/campaign';
import type { RowsTable } from '#shared/rules/campaign-data';
import { fieldPath } from '#shared/rules/types';
import { formatEuro } from '#shared/util/italian-input';
import { EuroInput, useReadOnly } from './fields';
import { INCOME_ROW_LABELS } from './labels';

export interface YearInfo {
  anno: number;
  /** The subject must declare this year (not in a RED breve, coniuge present…). */
  needed: boolean;
}

type Cell = 'EDIT' | 'DOC' | 'FACOLTATIVO' | 'NON_RICH' | 'NO_MODO' | 'NON_RICHIESTO_ANNO';

const HEADER_ROWS = 4;

/**
 * "Redditi" of one subject (guide pp. 84, 90–93): a column per requested year with "Documentato" /
 * "Autocertificato", "Facoltativi", "Doc." and the rows A1 … G2. Obligatory rows are white and show 0;
 * optional rows are grey and closed until "Facoltativi" is ticked; G1/G2 not asked show "Non rich.".
 * In "Documentato" the box is not typed: Invio/click opens "Elenco dei redditi dichiarati e documenti esibiti".
 * The DOM goes year by year (Tab runs down a year), the CSS grid lays the years side by side.
 */
export function RedditiGrid(props: {
  subject: SubjectDoc;
  subjectLabel: string;
  years: readonly YearInfo[];
  rows: RowsTable | undefined;
  zeroRed: boolean;
  onModo: (anno: number, modo: 'DOCUMENTATO' | 'AUTOCERTIFICATO') => void;
  onFacoltativi: (anno: number, v: boolean) => void;
  onDoc: (anno: number, v: '730' | 'UNICO' | 'NESSUNA' | null) => void;
  onImporto: (anno: number, rigo: IncomeRow, v: number | null) => void;
  onOpenDocumenti: (anno: number, rigo: IncomeRow) => void;
}) {
  const readOnly = useReadOnly();
  const s = props.subject;
  const key = s.key;
  const cols = `44px minmax(240px, 470px) ${props.years.map(() => '236px').join(' ')}`;
  const yearOf = (anno: number) => s.anni.find((y) => y.anno === anno);

  const cellOf = (y: YearInfo, rigo: IncomeRow): Cell => {
    if (!y.needed) return 'NON_RICHIESTO_ANNO';
    const req = props.rows ? props.rows[rigo] : 'O';
    if (req === null) return 'NON_RICH';
    const yd = yearOf(y.anno);
    if (req === 'F' && !yd?.facoltativi) return 'FACOLTATIVO';
    if (!yd?.modo) return 'NO_MODO';
    return yd.modo === 'DOCUMENTATO' ? 'DOC' : 'EDIT';
  };

  const rowClass = (rigo: IncomeRow): string => {
    const req = props.rows ? props.rows[rigo] : 'O';
    return req === 'F' ? 'opt' : req === null ? 'nonrich' : 'obb';
  };

  return (
    <div className="redditi-grid" style={{ gridTemplateColumns: cols }} role="group" aria-label={`Redditi ${props.subjectLabel}`}>
      {/* labels column */}
      <div className="rg-head" style={{ gridRow: 1, gridColumn: '1 / span 2' }}>
        Anno
      </div>
      <div className="rg-hl" style={{ gridRow: 2, gridColumn: '1 / span 2' }}>
        Tipologia di compilazione
      </div>
      <div className="rg-hl" style={{ gridRow: 3, gridColumn: '1 / span 2' }}>
        Redditi facoltativi
      </div>
      <div className="rg-hl" style={{ gridRow: 4, gridColumn: '1 / span 2' }}>
        Doc. (dichiarazione dei redditi presentata)
      </div>
      {INCOME_ROWS.map((rigo, i) => (
        <div key={rigo} className={`rg-label ${rowClass(rigo)}`} style={{ gridRow: HEADER_ROWS + 1 + i, gridColumn: '1 / span 2' }}>
          <span className="rg-code">{rigo}</span>
          <span className="rg-desc">{INCOME_ROW_LABELS[rigo]}</span>
        </div>
      ))}

      {props.years.map((y, col) => {
        const yd = yearOf(y.anno);
        const gridColumn = 3 + col;
        const disabled = readOnly || !y.needed;
        const modoPath = fieldPath.year(key, y.anno, 'modo');
        const labels = DOC_LABELS[y.anno];
        return (
          <div key={y.anno} className="rg-year" style={{ display: 'contents' }}>
            <div
              className={`rg-head rg-yearhead${y.needed ? '' : ' off'}`}
              style={{ gridRow: 1, gridColumn }}
              data-field={`soggetti.${key}.anni.${y.anno}`}
              tabIndex={-1}
            >
              {y.anno}
              {y.needed ? null : <span className="muted"> — redditi non richiesti</span>}
            </div>
            <div className="rg-cell rg-modo" style={{ gridRow: 2, gridColumn }} role="radiogroup" aria-label={`Tipologia di compilazione ${y.anno}`}>
              {(['DOCUMENTATO', 'AUTOCERTIFICATO'] as const).map((modo, i) => {
                const checked = yd?.modo === modo;
                const carries = checked || (!yd?.modo && i === 0);
                return (
                  <label key={modo} className="chk" title={modo === 'DOCUMENTATO' && props.zeroRed ? 'Zero RED: il software impone l\'Autocertificato' : undefined}>
                    <input
                      type="radio"
                      name={`modo-${key}-${y.anno}`}
                      data-field={carries ? modoPath : undefined}
                      data-help={modoPath}
                      checked={checked}
                      disabled={disabled || (modo === 'DOCUMENTATO' && props.zeroRed)}
                      onChange={() => props.onModo(y.anno, modo)}
                    />
                    <span>{modo === 'DOCUMENTATO' ? 'Documentato' : 'Autocertificato'}</span>
                  </label>
                );
              })}
            </div>
            <div className="rg-cell" style={{ gridRow: 3, gridColumn }}>
              <label className="chk">
                <input
                  type="checkbox"
                  data-field={fieldPath.year(key, y.anno, 'facoltativi')}
                  checked={yd?.facoltativi ?? false}
                  disabled={disabled}
                  onChange={(e) => props.onFacoltativi(y.anno, e.target.checked)}
                />
                <span>Facoltativi</span>
              </label>
            </div>
            <div className="rg-cell" style={{ gridRow: 4, gridColumn }}>
              <select
                data-field={fieldPath.year(key, y.anno, 'doc')}
                aria-label={`Doc. ${y.anno}`}
                title={yd?.doc && labels ? labels[yd.doc] : 'Dichiarazione dei redditi presentata per l\'anno'}
                value={yd?.doc ?? ''}
                disabled={disabled}
                onChange={(e) => props.onDoc(y.anno, e.target.value === '' ? null : (e.target.value as '730' | 'UNICO' | 'NESSUNA'))}
              >
                <option value="">— Doc. —</option>
                {(['730', 'UNICO', 'NESSUNA'] as const).map((v, i) => (
                  <option key={v} value={v}>
                    {`${i + 1} ${labels?.[v] ?? v}`}
                  </option>
                ))}
              </select>
            </div>
            {INCOME_ROWS.map((rigo, i) => {
              const cell = cellOf(y, rigo);
              const entry = yd?.righi[rigo];
              const path = fieldPath.rigo(key, y.anno, rigo);
              const gridRow = HEADER_ROWS + 1 + i;
              const aria = `${rigo} ${y.anno} – ${INCOME_ROW_LABELS[rigo]}`;
              if (cell === 'NON_RICH') {
                return (
                  <div key={rigo} className="rg-cell" style={{ gridRow, gridColumn }}>
                    <input className="euro nonrich" data-field={path} aria-label={aria} value="Non rich." disabled readOnly />
                  </div>
                );
              }
              if (cell === 'FACOLTATIVO' || cell === 'NON_RICHIESTO_ANNO' || cell === 'NO_MODO') {
                const title =
                  cell === 'FACOLTATIVO'
                    ? 'Rigo facoltativo: spuntare «Facoltativi» per dichiararlo'
                    : cell === 'NO_MODO'
                      ? 'Scegliere prima «Documentato» o «Autocertificato»'
                      : 'Redditi non richiesti per questo anno';
                return (
                  <div key={rigo} className="rg-cell" style={{ gridRow, gridColumn }}>
                    <input
                      className={`euro ${cell === 'FACOLTATIVO' ? 'opt' : 'off'}`}
                      data-field={path}
                      aria-label={aria}
                      title={title}
                      value={cell === 'NO_MODO' && props.rows?.[rigo] !== 'F' ? formatEuro(entry?.importo ?? 0) : entry ? formatEuro(entry.importo) : ''}
                      disabled
                      readOnly
                    />
                  </div>
                );
              }
              if (cell === 'DOC' && rigo === 'C1') {
                // p. 89: in a Documentato RED the interest of C1 may be self-certified. The amount is typed (RED-18
                // reminds the signed AUTOCERTIFICAZIONE) or, with documents, comes from their list ("…" or F4).
                const n = entry?.documenti.length ?? 0;
                return (
                  <div key={rigo} className="rg-cell rg-c1doc" style={{ gridRow, gridColumn }}>
                    <EuroInput
                      path={path}
                      ariaLabel={`${aria} (autocertificabile; F4 per l'elenco dei documenti)`}
                      value={entry?.importo ?? 0}
                      onChange={(v) => props.onImporto(y.anno, rigo, v)}
                      onKeyDown={(e) => {
                        if (e.key === 'F4') {
                          e.preventDefault();
                          props.onOpenDocumenti(y.anno, rigo);
                        }
                      }}
                    />
                    <button
                      type="button"
                      className="small"
                      aria-haspopup="dialog"
                      aria-label={`Elenco dei documenti esibiti, rigo C1 ${y.anno} (${n} ${n === 1 ? 'documento' : 'documenti'})`}
                      title="Elenco dei documenti esibiti (F4)"
                      onClick={() => props.onOpenDocumenti(y.anno, rigo)}
                    >
                      …{n > 0 ? ` ${n}` : ''}
                    </button>
                  </div>
                );
              }
              if (cell === 'DOC') {
                const n = entry?.documenti.length ?? 0;
                return (
                  <div key={rigo} className="rg-cell" style={{ gridRow, gridColumn }}>
                    <input
                      className="euro docbox"
                      data-field={path}
                      aria-label={aria}
                      aria-haspopup="dialog"
                      title={`Documentato: Invio o clic per l'elenco dei documenti esibiti (${n} ${n === 1 ? 'documento' : 'documenti'})`}
                      value={formatEuro(entry?.importo ?? 0)}
                      readOnly
                      onClick={() => props.onOpenDocumenti(y.anno, rigo)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' || e.key === ' ' || e.key === 'F4') {
                          e.preventDefault();
                          props.onOpenDocumenti(y.anno, rigo);
                        }
                      }}
                    />
                    {n > 0 ? <span className="doc-count" aria-hidden="true">{n}</span> : null}
                  </div>
                );
              }
              return (
                <div key={rigo} className="rg-cell" style={{ gridRow, gridColumn }}>
                  <EuroInput path={path} ariaLabel={aria} value={entry?.importo ?? 0} onChange={(v) => props.onImporto(y.anno, rigo, v)} />
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
