import { DM20_CODICI, DM20_EFFETTO, type Dm20Codice } from '#shared/modules/dm20/codes';

/**
 * The DM20-REG codes with their meaning and effect (option G of the module, and their section of Utilità →
 * «Decodifica codici errore»): one table for both.
 */
export function Dm20CodiciTable(props: { codici?: readonly Dm20Codice[]; caption?: string; label?: string }) {
  return (
    <table {...(props.label ? { 'aria-label': props.label } : {})}>
      {props.caption ? <caption>{props.caption}</caption> : null}
      <thead>
        <tr>
          <th>Codice</th>
          <th>Significato</th>
          <th>Effetto</th>
        </tr>
      </thead>
      <tbody>
        {(props.codici ?? DM20_CODICI).map((c) => (
          <tr key={c.code}>
            <td className="mono">{c.code}</td>
            <td>{c.significato}</td>
            <td>
              {DM20_EFFETTO[c.classe]}
              {c.fonte === 'progetto' ? ' — codice del programma' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
