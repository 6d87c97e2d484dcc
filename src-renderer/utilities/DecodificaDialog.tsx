import { useMemo, useState } from 'react';
import { DM20_CODICI } from '#shared/modules/dm20/codes';
import { Dm20CodiciTable } from '../modules/dm20/CodiciTable';
import { catalogue } from '#shared/rules/engine';
import { isSbloccabile } from '#shared/sblocco/codice';
import { REGOLE_SBLOCCO } from '#shared/sblocco/regole';
import { Dialog } from '../components/Dialog';

const KIND_LABELS: Readonly<Record<string, string>> = {
  BLOCCANTE: 'Errore bloccante',
  AVVERTIMENTO: 'Avvertimento',
  NOTA: 'Nota',
  OPERAZIONE: 'Operazione rifiutata',
  ESITO: 'Esito / scarto',
  COMPORTAMENTO: 'Comportamento del programma',
};

/** Utilità → "Decodifica codici errore": every code with its meaning, searchable (model: DM20-REG §12). */
export function DecodificaDialog(props: { onClose: () => void }) {
  const all = useMemo(() => catalogue(), []);
  const [text, setText] = useState('');
  const q = text.trim().toLowerCase();
  const rows = q ? all.filter((c) => `${c.code} ${c.title} ${c.ref}`.toLowerCase().includes(q)) : all;
  const dm20 = q ? DM20_CODICI.filter((c) => `${c.code} ${c.significato}`.toLowerCase().includes(q)) : DM20_CODICI;
  return (
    <Dialog title="Decodifica codici errore" onCancel={props.onClose} className="decodifica-dialog" guida="decodifica">
      <label className="whole">
        <span>Cerca codice o testo</span>
        <input data-autofocus data-help="decodifica.cerca" value={text} onChange={(e) => setText(e.target.value)} aria-label="Cerca codice o testo" spellCheck={false} />
      </label>
      <p className="muted" role="status">
        {rows.length} codici{q ? ` su ${all.length}` : ''}
      </p>
      {/* The list scrolls: focusable (frecce / Pag↑ Pag↓ scroll it from the keyboard) and named (axe, issue 11). */}
      <div className="codes" tabIndex={0} role="region" aria-label="Elenco dei codici" data-help="decodifica.elenco">
        <table>
          <thead>
            <tr>
              <th>Codice</th>
              <th>Tipo</th>
              <th>Significato</th>
              <th>Rif.</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.code}>
                <td className="mono">{c.code}</td>
                <td>{KIND_LABELS[c.severity] ?? c.severity}</td>
                <td>
                  {c.title}
                  {isSbloccabile(c.code) ? <b> Sbloccabile dal CAF: vedere «Regole di sblocco».</b> : null}
                </td>
                <td>{c.ref}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {/* The codes of Altri adempimenti → Acquisizione DM20-REG (circolare INPS 83/1992), their own catalogue. */}
      <div className="codes dm20-codici" tabIndex={0} role="region" aria-label="Codici DM20-REG" data-help="decodifica.dm20">
        <Dm20CodiciTable codici={dm20} caption="Codici dell'acquisizione DM20-REG (Altri adempimenti, circolare INPS 83/1992)" />
      </div>
      {/* "Sblocca dichiarazione errata" (p. 70, 97–98): the cases the CAF lifts and how. */}
      <div className="codes regole-sblocco" tabIndex={0} role="region" aria-label="Regole di sblocco" data-help="decodifica.sblocco">
        <table>
          <caption>Regole di sblocco (Utilità → «Sblocca dichiarazione errata», sotto la guida dell'operatore del CAF)</caption>
          <thead>
            <tr>
              <th>Caso</th>
              <th>Sblocco</th>
              <th>Cosa fare</th>
              <th>Rif.</th>
            </tr>
          </thead>
          <tbody>
            {REGOLE_SBLOCCO.map((r) => (
              <tr key={r.caso}>
                <td>{r.caso}</td>
                <td>{r.sbloccabile ? 'Sì, con il codice del CAF' : 'No'}</td>
                <td>{r.cosaFare}</td>
                <td>{r.ref}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
