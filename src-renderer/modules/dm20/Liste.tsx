import { useId, useState } from 'react';
import { DS79_OPZIONE_LABEL, DS79_OPZIONI, statoText, totaleDs79, type Ds79Opzione, type Ds79Periodo, type Ds79Row } from '#shared/modules/dm20/ds79';
import { formatLire } from '#shared/modules/dm20/keys';
import { DM20_MENSILI, MENSILI_LABEL, type Dm20Mensile } from '#shared/modules/dm20/mensili';
import { useApi } from '../../api-client/context';
import { errorText } from '../../api-client/error-text';
import { Dialog } from '../../components/Dialog';
import { deliverFile } from '../../print/deliver';
import { StatusFooter } from '../../components/StatusLines';
import { useRun } from '../../components/useRun';

type PeriodoKind = Ds79Periodo['kind'];
const PERIODI: Readonly<Record<PeriodoKind, string>> = {
  archivio: 'Intero archivio',
  caricamento: 'Anno e mese di caricamento',
  contabilizzazione: 'Anno e mese di contabilizzazione',
  'anno-conto': 'Anno del conto',
};

/** Reads a year and a month typed by the operator, or says which box is wrong. */
function readMese(anno: string, mese: string, withMonth: boolean): { anno: number; mese: number } | string {
  const a = Number(anno.trim());
  if (!/^\d{4}$/.test(anno.trim()) || a < 1990 || a > 2099) return `Anno: «${anno}» non valido (quattro cifre, dal 1990).`;
  if (!withMonth) return { anno: a, mese: 1 };
  const m = Number(mese.trim());
  if (!/^\d{1,2}$/.test(mese.trim()) || m < 1 || m > 12) return `Mese: «${mese}» non valido (da 1 a 12).`;
  return { anno: a, mese: m };
}

function Field(props: { label: string; value: string; onChange: (v: string) => void; maxLength: number; autoFocus?: boolean }) {
  const id = useId();
  return (
    <div className="dna-field">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} value={props.value} maxLength={props.maxLength} autoComplete="off" data-autofocus={props.autoFocus || undefined} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

/**
 * D — Stampe: the monthly lists of the SC7/24 forwarded in a month (circolare 83/1992 §9.1–9.4, allegati 1–5) and the
 * lists of the accounting control archive DS79 by the circular's options, on screen and as PDF.
 */
export function ListeDialog(props: { onClose: () => void }) {
  const api = useApi();
  const ids = { lista: useId(), opzione: useId(), periodo: useId() };
  // This month as the archive dates the inoltro (UTC), so the default matches what was just forwarded.
  const now = new Date();
  const [m, setM] = useState({ anno: String(now.getUTCFullYear()), mese: String(now.getUTCMonth() + 1), lista: 'FS' as Dm20Mensile });
  const [q, setQ] = useState({ opzione: 'tutti' as Ds79Opzione, periodo: 'archivio' as PeriodoKind, anno: String(now.getUTCFullYear()), mese: String(now.getUTCMonth() + 1), chiave: '' });
  const [rows, setRows] = useState<Ds79Row[] | null>(null);
  const { status, error, run } = useRun();
  const stampaMensile = () =>
    run(async () => {
      const p = readMese(m.anno, m.mese, true);
      if (typeof p === 'string') throw new Error(p);
      const r = await api.invoke('dm20.stampaMensile', { lista: m.lista, ...p });
      const how = await deliverFile(api, r.file).catch((e: unknown) => errorText(e));
      return `Lista mensile stampata: ${r.file.name} (${r.file.pages ?? 0} pagine, ${r.file.rows} righe) nella cartella stampe (${r.file.path}). ${how}`;
    });
  const richiesta = () => {
    let periodo: Ds79Periodo = { kind: 'archivio' };
    if (q.opzione !== 'singolo' && q.periodo !== 'archivio') {
      const p = readMese(q.anno, q.mese, q.periodo !== 'anno-conto');
      if (typeof p === 'string') throw new Error(p);
      periodo = q.periodo === 'anno-conto' ? { kind: 'anno-conto', anno: p.anno } : { kind: q.periodo, anno: p.anno, mese: p.mese };
    }
    if (q.opzione === 'singolo' && q.chiave.trim() === '') throw new Error('Chiave SC7/24: indicarla per la stampa del singolo SC7/24 (es. 6 000123 20215).');
    return { opzione: q.opzione, periodo, chiave: q.chiave };
  };
  const visualizza = () =>
    run(async () => {
      const r = await api.invoke('dm20.ds79', richiesta());
      setRows(r.rows);
      return `${r.rows.length} SC7/24 nell'archivio contabile per la scelta fatta.`;
    });
  const stampaDs79 = () =>
    run(async () => {
      const r = await api.invoke('dm20.stampaDs79', richiesta());
      const how = await deliverFile(api, r.file).catch((e: unknown) => errorText(e));
      return `Lista DS79 stampata: ${r.file.name} (${r.file.rows} SC7/24) nella cartella stampe (${r.file.path}). ${how}`;
    });
  const t = rows ? totaleDs79(rows) : null;
  return (
    <Dialog title="Liste mensili e archivio contabile DM20-REG" onCancel={props.onClose} guida="dm20" className="storico-dialog dna-dialog">
      <form
        className="search"
        aria-label="Liste mensili"
        onSubmit={(e) => {
          e.preventDefault();
          void stampaMensile();
        }}
      >
        <div className="dna-field">
          <label htmlFor={ids.lista}>Lista mensile</label>
          <select id={ids.lista} data-autofocus value={m.lista} onChange={(e) => setM({ ...m, lista: e.target.value as Dm20Mensile })}>
            {DM20_MENSILI.map((l) => (
              <option key={l} value={l}>
                {MENSILI_LABEL[l]}
              </option>
            ))}
          </select>
        </div>
        <Field label="Anno di inoltro" value={m.anno} onChange={(v) => setM({ ...m, anno: v })} maxLength={4} />
        <Field label="Mese di inoltro" value={m.mese} onChange={(v) => setM({ ...m, mese: v })} maxLength={2} />
        <button type="submit">Stampa lista mensile</button>
      </form>
      <form
        className="search"
        aria-label="Liste dell'archivio contabile"
        onSubmit={(e) => {
          e.preventDefault();
          void visualizza();
        }}
      >
        <div className="dna-field">
          <label htmlFor={ids.opzione}>Lista DS79</label>
          <select id={ids.opzione} value={q.opzione} onChange={(e) => setQ({ ...q, opzione: e.target.value as Ds79Opzione })}>
            {DS79_OPZIONI.map((o) => (
              <option key={o} value={o}>
                {DS79_OPZIONE_LABEL[o]}
              </option>
            ))}
          </select>
        </div>
        {q.opzione === 'singolo' ? (
          <Field label="Chiave SC7/24" value={q.chiave} onChange={(v) => setQ({ ...q, chiave: v })} maxLength={20} />
        ) : (
          <>
            <div className="dna-field">
              <label htmlFor={ids.periodo}>Periodo</label>
              <select id={ids.periodo} value={q.periodo} onChange={(e) => setQ({ ...q, periodo: e.target.value as PeriodoKind })}>
                {(Object.keys(PERIODI) as PeriodoKind[]).map((p) => (
                  <option key={p} value={p}>
                    {PERIODI[p]}
                  </option>
                ))}
              </select>
            </div>
            {q.periodo !== 'archivio' ? <Field label="Anno" value={q.anno} onChange={(v) => setQ({ ...q, anno: v })} maxLength={4} /> : null}
            {q.periodo === 'caricamento' || q.periodo === 'contabilizzazione' ? <Field label="Mese" value={q.mese} onChange={(v) => setQ({ ...q, mese: v })} maxLength={2} /> : null}
          </>
        )}
        <button type="submit">Visualizza</button>
        <button type="button" onClick={() => void stampaDs79()}>
          Stampa lista DS79
        </button>
      </form>
      {rows && t ? (
        <table aria-label="SC7/24 dell'archivio contabile">
          <thead>
            <tr>
              <th>SC7/24</th>
              <th>Stato</th>
              <th>Contabilizzato</th>
              <th>Calcolato</th>
              <th>Esatti</th>
              <th>Fuori sede</th>
              <th>Doc. diversi</th>
              <th>Differenza</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.chiave}</td>
                <td>{statoText(r)}</td>
                <td>{formatLire(r.importoContabilizzato)}</td>
                <td>{formatLire(r.calcolato)}</td>
                <td>
                  {r.esatti.numero} ({formatLire(r.esatti.importo)})
                </td>
                <td>
                  {r.fuoriSede.numero} ({formatLire(r.fuoriSede.importo)})
                </td>
                <td>
                  {r.documentiDiversi.numero} ({formatLire(r.documentiDiversi.importo)})
                </td>
                <td>{r.differenza === null ? '' : formatLire(r.differenza)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Totale: {t.sc724}</th>
              <td />
              <td>{formatLire(t.contabilizzato)}</td>
              <td>{formatLire(t.calcolato)}</td>
              <td>{t.esatti.numero}</td>
              <td>{t.fuoriSede.numero}</td>
              <td>{t.documentiDiversi.numero}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      ) : null}
      <StatusFooter status={status} error={error} onClose={props.onClose} />
    </Dialog>
  );
}
