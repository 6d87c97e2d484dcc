import { useRef, useState } from 'react';
import { documentLine, documentsTotal, lineCents, type DocumentLine } from '#shared/domain/red-document';
import { centsToEuroUp, formatCentesimi, formatEuro, parseCentesimi } from '#shared/util/italian-input';
import { Dialog } from '../components/Dialog';

interface Line {
  key: number;
  descrizione: string;
  importo: string;
}

/**
 * "Elenco dei redditi dichiarati e documenti esibiti" (guide p. 93): in a "Documentato" RED the amount of a
 * row is the total of the documents seen, one per line (descrizione + importo). "Ok Aggiorna" writes the
 * total into the row's box.
 */
export function DocumentiDialog(props: {
  title: string;
  lines: readonly DocumentLine[];
  readOnly: boolean;
  onOk: (lines: DocumentLine[], total: number) => void;
  onCancel: () => void;
}) {
  const seq = useRef(props.lines.length + 1);
  const [lines, setLines] = useState<Line[]>(() =>
    props.lines.length > 0
      ? props.lines.map((l, i) => ({ key: i, descrizione: l.descrizione, importo: formatCentesimi(lineCents(l)) }))
      : [{ key: 0, descrizione: '', importo: '' }],
  );
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLTableSectionElement>(null);

  // Each document keeps its cents; the row gets their total rounded up once (p. 93).
  const parsed = lines.map((l) => parseCentesimi(l.importo));
  const amount = (i: number): number | null => {
    const r = parsed[i];
    return r?.kind === 'ok' ? r.value : null;
  };
  // A line that is not an amount leaves no total: a partial sum would be written into the row by "Ok Aggiorna".
  const invalidLine = parsed.findIndex((r) => r.kind === 'invalid');
  const total = parsed.reduce((s, _r, i) => s + (amount(i) ?? 0), 0);

  const focusAmount = (index: number) =>
    setTimeout(() => listRef.current?.querySelectorAll<HTMLInputElement>('input[data-col="importo"]')[index]?.focus(), 0);
  const focusLine = (index: number) =>
    setTimeout(() => listRef.current?.querySelectorAll<HTMLInputElement>('input[data-col="descrizione"]')[index]?.focus(), 0);

  const add = () => {
    setLines((ls) => [...ls, { key: seq.current++, descrizione: '', importo: '' }]);
    focusLine(lines.length);
  };
  const remove = (key: number) => {
    const index = lines.findIndex((l) => l.key === key);
    setLines((ls) => (ls.length <= 1 ? [{ key: seq.current++, descrizione: '', importo: '' }] : ls.filter((l) => l.key !== key)));
    focusLine(Math.max(0, index - 1));
  };
  const set = (key: number, patch: Partial<Line>) => {
    setError(null);
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  };

  const ok = () => {
    const out: DocumentLine[] = [];
    for (const [i, l] of lines.entries()) {
      const d = l.descrizione.trim();
      const r = parsed[i] ?? { kind: 'empty' };
      if (d === '' && r.kind === 'empty') continue;
      if (r.kind === 'invalid') {
        focusAmount(i);
        return setError(`Documento ${i + 1}: ${r.message}`);
      }
      if (d === '') return setError(`Documento ${i + 1}: indicare la descrizione del documento.`);
      if (r.kind === 'empty') {
        focusAmount(i);
        return setError(`Documento ${i + 1}: indicare l'importo del documento.`);
      }
      out.push(documentLine(d.slice(0, 200), r.value));
    }
    props.onOk(out, documentsTotal(out));
  };

  return (
    <Dialog title="Elenco dei redditi dichiarati e documenti esibiti" onCancel={props.onCancel} className="doc-dialog" guida="documenti">
      <p className="doc-subtitle">{props.title}</p>
      <table className="doc-lines" data-help="documenti">
        <thead>
          <tr>
            <th style={{ width: 32 }}>N.</th>
            <th>Descrizione del documento esibito</th>
            <th className="num" style={{ width: 130 }}>
              Importo (€)
            </th>
            <th style={{ width: 90 }} />
          </tr>
        </thead>
        <tbody ref={listRef}>
          {lines.map((l, i) => (
            <tr key={l.key}>
              <td className="num">{i + 1}</td>
              <td>
                <input
                  data-col="descrizione"
                  data-help="documenti.descrizione"
                  data-autofocus={i === 0 ? true : undefined}
                  aria-label={`Descrizione documento ${i + 1}`}
                  value={l.descrizione}
                  maxLength={200}
                  readOnly={props.readOnly}
                  onChange={(e) => set(l.key, { descrizione: e.target.value })}
                />
              </td>
              <td>
                <input
                  className="euro"
                  data-col="importo"
                  data-help="documenti.importo"
                  aria-label={`Importo documento ${i + 1}`}
                  aria-invalid={parsed[i]?.kind === 'invalid' ? true : undefined}
                  title={parsed[i]?.kind === 'invalid' ? (parsed[i] as { message: string }).message : undefined}
                  inputMode="decimal"
                  value={l.importo}
                  readOnly={props.readOnly}
                  onChange={(e) => set(l.key, { importo: e.target.value })}
                  onBlur={() => {
                    const n = amount(i);
                    if (n !== null) set(l.key, { importo: formatCentesimi(n) });
                  }}
                  onKeyDown={(e) => {
                    // Invio on the last amount opens a new line (fast entry of several documents).
                    if (e.key === 'Enter' && !props.readOnly && i === lines.length - 1) {
                      e.preventDefault();
                      add();
                    }
                  }}
                />
              </td>
              <td>
                {props.readOnly ? null : (
                  <button type="button" className="small" onClick={() => remove(l.key)} aria-label={`Elimina documento ${i + 1}`}>
                    Elimina
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td />
            <td className="num">
              <b>Totale</b>
            </td>
            <td className="num" aria-label="Totale documenti">
              <b>{invalidLine >= 0 ? `importo ${invalidLine + 1} non valido` : `${formatCentesimi(total)} → ${formatEuro(centsToEuroUp(total))}`}</b>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      {error ? (
        <div className="errors" role="alert">
          {error}
        </div>
      ) : null}
      <p className="muted">
        Ogni documento si indica con i suoi centesimi; nel rigo va il totale arrotondato all'euro per eccesso. Invio sull'ultimo importo aggiunge una
        riga.
      </p>
      <div className="dialog-buttons">
        {props.readOnly ? null : (
          <>
            <button type="button" onClick={add}>
              Aggiungi documento
            </button>
            <span className="spacer" />
            <button type="button" className="primary" onClick={ok}>
              Ok Aggiorna
            </button>
          </>
        )}
        <button type="button" onClick={props.onCancel}>
          {props.readOnly ? 'Chiudi' : 'Annulla'}
        </button>
      </div>
    </Dialog>
  );
}
