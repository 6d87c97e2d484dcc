import { useState } from 'react';
import type { Finding, Severity } from '#shared/rules/types';

const LISTS: readonly { severity: Severity; title: string; empty: string }[] = [
  { severity: 'BLOCCANTE', title: 'Errori bloccanti', empty: 'Nessun errore bloccante.' },
  { severity: 'AVVERTIMENTO', title: 'Avvertimenti utili', empty: 'Nessun avvertimento.' },
  { severity: 'NOTA', title: 'Note', empty: 'Nessuna nota.' },
];

/**
 * "Monitor errori" (guide p. 87): the three lists of the checks run on the data entered. "PROCEDURA PER LA
 * CORREZIONE": select the line, then "Correggi" (or Invio) goes to the box holding the datum.
 */
export function MonitorErrori(props: { findings: readonly Finding[]; onCorreggi: (f: Finding) => void; readOnly: boolean }) {
  const [sel, setSel] = useState<{ severity: Severity; index: number } | null>(null);
  const bySeverity = (s: Severity) => props.findings.filter((f) => f.severity === s);
  const selected = sel ? bySeverity(sel.severity)[sel.index] : undefined;

  const onKeyDown = (e: React.KeyboardEvent, severity: Severity, items: readonly Finding[]) => {
    if (items.length === 0) return;
    const cur = sel?.severity === severity ? Math.min(sel.index, items.length - 1) : -1;
    const move = (i: number) => {
      e.preventDefault();
      setSel({ severity, index: Math.max(0, Math.min(items.length - 1, i)) });
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(cur + 1);
      case 'ArrowUp':
        return move(cur - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(items.length - 1);
      case 'Enter': {
        e.preventDefault();
        const f = items[Math.max(0, cur)];
        if (f) props.onCorreggi(f);
        return undefined;
      }
      default:
        return undefined;
    }
  };

  return (
    <section className="monitor-errori" aria-label="Monitor errori" data-help="monitorErrori">
      <div className="me-head">
        <h3>Monitor errori</h3>
        <span className="kbd">F8</span>
        <span className="spacer" />
        <button
          type="button"
          disabled={!selected}
          title="Va alla casella che contiene il dato segnalato (Invio sulla riga)"
          onClick={() => selected && props.onCorreggi(selected)}
        >
          Correggi
        </button>
      </div>
      {LISTS.map((l) => {
        const items = bySeverity(l.severity);
        const cur = sel?.severity === l.severity ? Math.min(sel.index, items.length - 1) : -1;
        const id = `me-${l.severity.toLowerCase()}`;
        return (
          <div key={l.severity} className={`me-list me-${l.severity.toLowerCase()}${items.length === 0 ? ' empty' : ''}`}>
            <h4 id={`${id}-h`}>
              {l.title} <span className="count">({items.length})</span>
            </h4>
            {items.length === 0 ? (
              <p className="me-empty">
                {l.empty}
              </p>
            ) : (
            <ul
              role="listbox"
              aria-labelledby={`${id}-h`}
              tabIndex={0}
              data-severity={l.severity}
              aria-activedescendant={cur >= 0 ? `${id}-${cur}` : undefined}
              onKeyDown={(e) => onKeyDown(e, l.severity, items)}
              onFocus={() => {
                if (items.length > 0 && sel?.severity !== l.severity) setSel({ severity: l.severity, index: 0 });
              }}
            >
              {items.map((f, i) => (
                <li
                  key={`${f.code}-${f.field.path}-${i}`}
                  id={`${id}-${i}`}
                  role="option"
                  aria-selected={i === cur}
                  className={i === cur ? 'selected' : undefined}
                  data-code={f.code}
                  onMouseDown={() => setSel({ severity: l.severity, index: i })}
                  onDoubleClick={() => props.onCorreggi(f)}
                >
                  <span className="me-code">{f.code}</span> {f.message}
                </li>
              ))}
            </ul>
            )}
          </div>
        );
      })}
      {props.readOnly ? <p className="muted">Sola lettura: i dati non si modificano.</p> : null}
    </section>
  );
}
