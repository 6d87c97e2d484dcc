import type { ServerStatus } from '#shared/server-api/contract';
import { num, statusLabel, STATUS_ORDER } from './labels';

/**
 * Plain SVG charts (no chart library): two horizontal bar charts are a few rectangles; the page's strict CSP
 * (no inline styles or scripts) and its size stay simple, colours come from console.css classes. Each chart is an
 * image with a text alternative, followed by the same numbers in a table for screen readers and keyboard users.
 */
const W = 640;
const LABEL = 150;
const ROW = 26;

export function StatusBars(props: { title: string; counts: readonly { status: ServerStatus; n: number }[] }) {
  const rows = STATUS_ORDER.map((s) => ({ status: s, n: props.counts.find((c) => c.status === s)?.n ?? 0 }));
  const max = Math.max(1, ...rows.map((r) => r.n));
  const h = rows.length * ROW + 8;
  const summary = rows.map((r) => `${statusLabel(r.status)} ${num(r.n)}`).join(', ');
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-label={`${props.title}: ${summary}`} className="chart-svg">
        {rows.map((r, i) => {
          const y = 4 + i * ROW;
          const w = ((W - LABEL - 90) * r.n) / max;
          return (
            <g key={r.status}>
              <text x={LABEL - 8} y={y + 16} textAnchor="end" className="chart-label">
                {statusLabel(r.status)}
              </text>
              <rect x={LABEL} y={y + 3} width={Math.max(r.n > 0 ? 2 : 0, w)} height={ROW - 8} className={`bar st-${r.status}`} />
              <text x={LABEL + w + 6} y={y + 16} className="chart-value">
                {num(r.n)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export function DeskBars(props: { title: string; desks: readonly { deskId: string; name: string; total: number; byStatus: readonly { status: ServerStatus; n: number }[] }[] }) {
  const max = Math.max(1, ...props.desks.map((d) => d.total));
  const h = Math.max(1, props.desks.length) * ROW + 8;
  const present = STATUS_ORDER.filter((s) => props.desks.some((d) => d.byStatus.some((b) => b.status === s && b.n > 0)));
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      {props.desks.length === 0 ? (
        <p className="muted">Nessuna dichiarazione ricevuta.</p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${W} ${h}`}
            role="img"
            aria-label={`${props.title}: ${props.desks.map((d) => `${d.deskId} ${num(d.total)}`).join(', ')}`}
            className="chart-svg"
          >
            {props.desks.map((d, i) => {
              const y = 4 + i * ROW;
              let x = LABEL;
              return (
                <g key={d.deskId}>
                  <text x={LABEL - 8} y={y + 16} textAnchor="end" className="chart-label">
                    {d.deskId}
                  </text>
                  {STATUS_ORDER.map((s) => {
                    const n = d.byStatus.find((b) => b.status === s)?.n ?? 0;
                    if (n === 0) return null;
                    const w = ((W - LABEL - 90) * n) / max;
                    const rect = <rect key={s} x={x} y={y + 3} width={Math.max(1, w)} height={ROW - 8} className={`bar st-${s}`} />;
                    x += w;
                    return rect;
                  })}
                  <text x={x + 6} y={y + 16} className="chart-value">
                    {num(d.total)}
                  </text>
                </g>
              );
            })}
          </svg>
          <ul className="legend" aria-label="Legenda">
            {present.map((s) => (
              <li key={s}>
                <svg width="12" height="12" aria-hidden="true">
                  <rect width="12" height="12" className={`bar st-${s}`} />
                </svg>{' '}
                {statusLabel(s)}
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  );
}
