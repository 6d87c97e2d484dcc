import { useState } from 'react';
import { GUIDA_SECTIONS, searchGuida, type GuidaBlock } from '#shared/guida/sections';
import { Dialog } from '../components/Dialog';

function Block(props: { block: GuidaBlock }) {
  const b = props.block;
  switch (b.kind) {
    case 'p':
      return <p>{b.text}</p>;
    case 'list':
      return (
        <ul>
          {b.items.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      );
    case 'keys':
      return (
        <dl className="guida-keys">
          {b.items.map(([k, d]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{d}</dd>
            </div>
          ))}
        </dl>
      );
  }
}

/**
 * "Guida RED" (guide p. 70): the user guide of RED Desk (src-shared/guida), opened at the section of the screen
 * where F1 was pressed; the search keeps the sections that contain every word typed.
 */
export function GuidaDialog(props: { section: string; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState(() => (GUIDA_SECTIONS.some((s) => s.id === props.section) ? props.section : 'introduzione'));
  const found = searchGuida(query);
  // The section read: the one chosen while it matches the search, else the first that does.
  const current = found.find((s) => s.id === chosen) ?? found[0] ?? null;

  const onNavKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = found.findIndex((s) => s.id === current?.id);
    const next = found[Math.max(0, Math.min(found.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (next) {
      setChosen(next.id);
      document.getElementById(`guida-nav-${next.id}`)?.focus();
    }
  };

  return (
    <Dialog title="Guida RED" onCancel={props.onClose} className="guida-dialog">
      <div className="guida-search">
        <label htmlFor="guida-cerca">Cerca nella guida</label>
        <input
          id="guida-cerca"
          type="search"
          data-help="guida.cerca"
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="muted" role="status">
          {query.trim() ? `${found.length === 1 ? '1 sezione trovata' : `${found.length} sezioni trovate`}` : `${GUIDA_SECTIONS.length} sezioni`}
        </span>
      </div>
      <div className="guida-body">
        <nav aria-label="Sezioni della guida" data-help="guida.sezioni" onKeyDown={onNavKey}>
          <ul>
            {found.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  id={`guida-nav-${s.id}`}
                  aria-current={s.id === current?.id ? 'true' : undefined}
                  data-autofocus={s.id === current?.id ? true : undefined}
                  onClick={() => setChosen(s.id)}
                >
                  {s.title}
                </button>
              </li>
            ))}
          </ul>
          {found.length === 0 ? <p className="muted">Nessuna sezione contiene «{query.trim()}».</p> : null}
        </nav>
        {current ? (
          <article className="guida-text" aria-labelledby="guida-titolo" data-testid="guida-sezione" data-section={current.id} tabIndex={0}>
            <h3 id="guida-titolo">{current.title}</h3>
            {current.blocks.map((b, i) => (
              <Block key={i} block={b} />
            ))}
          </article>
        ) : (
          <article className="guida-text" aria-label="Nessuna sezione" />
        )}
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
