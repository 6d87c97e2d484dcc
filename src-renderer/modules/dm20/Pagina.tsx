import { useState } from 'react';
import { DM20_FIELD_LABELS, isEmptySlip, SLIPS_PER_PAGE, type Dm20SlipInput } from '#shared/modules/dm20/checks';
import type { Dm20PaginaOutput, Dm20SlipRow } from '#shared/modules/dm20/api';
import { useApi } from '../../api-client/context';
import { errorText } from '../../api-client/error-text';
import { StatusLines } from '../../components/StatusLines';

export type SlipState = Dm20SlipInput & { id?: number };
const FIELDS = ['matricola', 'sap', 'tipoArchivio', 'importo', 'inadempienza', 'dal', 'al', 'dataVersamento'] as const;
const WIDTH: Readonly<Record<(typeof FIELDS)[number], number>> = { matricola: 10, sap: 4, tipoArchivio: 1, importo: 15, inadempienza: 9, dal: 4, al: 4, dataVersamento: 10 };

export const emptySlip = (sede: string, data: string): SlipState => ({
  documentoDiverso: false,
  matricola: '',
  sap: sede,
  tipoArchivio: '',
  importo: '',
  inadempienza: '',
  dal: '',
  al: '',
  dataVersamento: data,
});
export const slipFromRow = (r: Dm20SlipRow): SlipState => ({
  id: r.id,
  documentoDiverso: r.documentoDiverso,
  matricola: r.matricola,
  sap: r.sap,
  tipoArchivio: r.tipoArchivio,
  importo: r.importo,
  inadempienza: r.inadempienza,
  dal: r.dal,
  al: r.al,
  dataVersamento: r.dataVersamento,
});

/**
 * The DM20-REG panel (circolare 83/1992, 2.1.3): up to ten slips per page, SAP and payment date prefilled and
 * editable. Invio (Enter in any box) runs the checks: each row with a finding is marked "*" with its fields
 * highlighted and the messages under it, and the page tells how many fuori sede and documenti diversi it has. With
 * DD003 slips nothing is stored until the second Invio.
 */
export function PaginaBollettini(props: { dm11Id: number; sede: string; initial: SlipState[]; onStored: (out: Dm20PaginaOutput) => void }) {
  const api = useApi();
  const pad = (rows: SlipState[]) => [...rows, ...Array.from({ length: Math.max(0, SLIPS_PER_PAGE - rows.length) }, () => emptySlip(props.sede, rows[0]?.dataVersamento ?? ''))];
  const [rows, setRows] = useState<SlipState[]>(() => pad(props.initial));
  const [proposta, setProposta] = useState(props.initial[0]?.dataVersamento ?? '');
  const [results, setResults] = useState<Map<number, Dm20PaginaOutput['righe'][number]>>(new Map());
  const [conferma, setConferma] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  const edit = (i: number, patch: Partial<SlipState>) => {
    setConferma(false);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const propose = (v: string) => {
    setRows((rs) => rs.map((r) => (r.matricola.trim() === '' && !r.documentoDiverso ? { ...r, dataVersamento: v } : r)));
    setProposta(v);
  };
  const invio = async () => {
    setError(null);
    const filled = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.id !== undefined || !isEmptySlip(r));
    if (filled.length === 0) {
      setStatus('Nessun bollettino nella pagina.');
      return;
    }
    try {
      const out = await api.invoke('dm20.salvaPagina', { dm11Id: props.dm11Id, righe: filled.map(({ r }) => r), conferma });
      setResults(new Map(filled.map(({ i }, k) => [i, out.righe[k]!])));
      // The SAP forced to the competent sede (FS001) shows on the row.
      const sapOf = new Map(filled.map(({ i }, k) => [i, out.righe[k]?.sap]));
      setRows((rs) => rs.map((r, j) => ({ ...r, sap: sapOf.get(j) ?? r.sap })));
      const counts = `Fuori sede: ${out.fuoriSede}. Documenti diversi: ${out.documentiDiversi}.`;
      if (!out.stored) {
        setConferma(true);
        setStatus(`${counts} Ci sono documenti diversi (DD003): premere di nuovo Invio per confermare e memorizzare la pagina.`);
        return;
      }
      setConferma(false);
      const errati = out.righe.filter((r) => r.findings.length > 0).length;
      setStatus(`Pagina memorizzata: bollettini n. ${out.righe.map((r) => r.numero).join(', ')}. ${counts}${errati ? ` ${errati} con segnalazioni (vedere l'elenco dei bollettini).` : ''}`);
      setRows(pad([]));
      setResults(new Map());
      props.onStored(out);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void invio();
      }}
    >
      <div className="search">
        <label htmlFor="dm20-proposta">Data versamento proposta</label>
        <input id="dm20-proposta" data-help="dm20.riga" value={proposta} maxLength={10} autoComplete="off" onChange={(e) => propose(e.target.value)} />
      </div>
      <table aria-label="Pagina bollettini DM20-REG" className="dm20-pagina">
        <thead>
          <tr>
            <th aria-label="Errore">*</th>
            <th>N.</th>
            <th>Doc. diverso</th>
            {FIELDS.map((f) => (
              <th key={f}>{DM20_FIELD_LABELS[f]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((r, i) => {
            const res = results.get(i);
            const bad = new Set(res?.findings.map((f) => f.field));
            const row = (
              <tr key={`r${i}`}>
                <td aria-label={res && res.findings.length ? 'Riga con errori' : undefined}>{res && res.findings.length ? '*' : ''}</td>
                <td>{i + 1}</td>
                <td>
                  <input type="checkbox" aria-label={`Riga ${i + 1}, documento diverso da DM20-REG`} data-help="dm20.riga" checked={r.documentoDiverso} onChange={(e) => edit(i, { documentoDiverso: e.target.checked })} />
                </td>
                {FIELDS.map((f) => (
                  <td key={f}>
                    <input
                      aria-label={`Riga ${i + 1}, ${DM20_FIELD_LABELS[f]}`}
                      data-help="dm20.riga"
                      data-autofocus={(i === 0 && f === 'matricola') || undefined}
                      className={bad.has(f) ? 'field-invalid' : undefined}
                      style={bad.has(f) ? { fontWeight: 'bold', outline: '2px solid #b00020' } : undefined}
                      aria-invalid={bad.has(f) || undefined}
                      size={WIDTH[f]}
                      maxLength={f === 'importo' ? 20 : WIDTH[f] + 2}
                      value={r[f]}
                      autoComplete="off"
                      spellCheck={false}
                      onChange={(e) => edit(i, { [f]: e.target.value })}
                    />
                  </td>
                ))}
              </tr>
            );
            if (!res || res.findings.length === 0) return [row];
            return [
              row,
              <tr key={`e${i}`}>
                <td />
                <td colSpan={FIELDS.length + 2} className="field-error">
                  Riga {i + 1}: {res.findings.map((f) => f.message).join(' ')}
                </td>
              </tr>,
            ];
          })}
        </tbody>
      </table>
      <div className="dna-buttons">
        <button type="submit" data-help="dm20.invio">
          {conferma ? 'Invio (conferma)' : 'Invio'}
        </button>
      </div>
      <StatusLines status={status} error={error} />
    </form>
  );
}
