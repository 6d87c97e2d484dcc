import { useEffect } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { STATUS_INFO } from '#shared/status/statuses';
import type { MonitorRow } from '#shared/domain/declaration';

export const ROW_HEIGHT = 26;

/** Column "S" of "Da spedire" (p. 99): the tick that selects a Completa declaration for "Invio". */
export interface TickColumn {
  isTicked: (row: MonitorRow) => boolean;
  /** Ticks / unticks a row (the row under the mouse, or the selected one with Spazio). */
  onToggle: (row: MonitorRow) => void;
}

/**
 * "Archivio dichiarazioni": the rows of the active tab in progressivo order, virtualized (only the
 * visible rows are in the DOM) so 100,000 declarations scroll smoothly. Keyboard: arrows, PagSu/PagGiù,
 * Home/Fine move the selection; Canc deletes; Invio opens; Spazio ticks the row in column "S".
 */
export function MonitorList(props: {
  total: number;
  rowAt: (i: number) => MonitorRow | undefined;
  selected: number;
  onSelect: (index: number) => void;
  onDelete: () => void;
  onOpen: () => void;
  listRef: React.RefObject<HTMLDivElement | null>;
  /** Only in "Da spedire". */
  tick?: TickColumn | null;
}) {
  const { tick } = props;
  const { total, rowAt, selected, onSelect } = props;
  const scrollRef = props.listRef;
  // TanStack Virtual returns functions the React Compiler cannot memoise; we do not use the compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (selected >= 0 && selected < total) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, total, virtualizer]);

  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (total === 0) return;
    const move = (i: number) => {
      e.preventDefault();
      onSelect(Math.max(0, Math.min(total - 1, i)));
    };
    switch (e.key) {
      case 'ArrowDown':
        return move(selected + 1);
      case 'ArrowUp':
        return move(selected - 1);
      case 'PageDown':
        return move(selected + pageRows);
      case 'PageUp':
        return move(selected - pageRows);
      case 'Home':
        return move(0);
      case 'End':
        return move(total - 1);
      case 'Delete':
        e.preventDefault();
        return props.onDelete();
      case 'Enter':
        e.preventDefault();
        return props.onOpen();
      case ' ': {
        if (!tick) return undefined;
        e.preventDefault();
        const row = rowAt(selected);
        return row ? tick.onToggle(row) : undefined;
      }
      default:
        return undefined;
    }
  };

  const activeId = selected >= 0 ? `riga-${selected}` : undefined;
  const items = virtualizer.getVirtualItems();

  return (
    <div className="list">
      <div className="list-header" role="presentation">
        {tick ? (
          <span className="c-s" title="Selezione per l'invio: spuntare le dichiarazioni Completa (Spazio)">
            S
          </span>
        ) : null}
        <span className="c-prog">Progr.</span>
        <span className="c-tipo" title="Tipologia: N normale, R rettificativa">T</span>
        <span className="c-status">Status</span>
        <span className="c-cf">Codice fiscale</span>
        <span className="c-nome">Cognome e nome</span>
        <span className="c-matr">Matricola</span>
        <span className="c-gruppo">Gruppo</span>
        <span className="c-segn">Segnalibro</span>
      </div>
      <div
        ref={scrollRef}
        className="list-body"
        role="listbox"
        aria-label="Archivio dichiarazioni"
        data-help="monitor.elenco"
        aria-activedescendant={activeId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="monitor-list"
      >
        {total === 0 ? <div className="list-empty">Nessuna dichiarazione.</div> : null}
        <div className="list-sizer" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const row = rowAt(v.index);
            const isSel = v.index === selected;
            return (
              <div
                key={v.key}
                id={`riga-${v.index}`}
                role="option"
                aria-selected={isSel}
                className={`row${isSel ? ' selected' : ''}${row ? ` st-${row.status.toLowerCase()}` : ' loading'}`}
                style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
                onMouseDown={() => onSelect(v.index)}
                onDoubleClick={props.onOpen}
                data-progressivo={row?.progressivo}
              >
                {row ? (
                  <>
                    {tick ? (
                      <span className="c-s">
                        {row.status === 'COMPLETA' ? (
                          <input
                            type="checkbox"
                            tabIndex={-1}
                            checked={tick.isTicked(row)}
                            aria-label={`Seleziona per l'invio la dichiarazione ${row.progressivo}`}
                            // The list keeps the keyboard focus: the tick is toggled without moving it.
                            onMouseDown={(e) => e.preventDefault()}
                            onChange={() => tick.onToggle(row)}
                          />
                        ) : null}
                      </span>
                    ) : null}
                    <span className="c-prog">{row.progressivo}</span>
                    <span className="c-tipo">{row.tipo}</span>
                    <span className="c-status">{STATUS_INFO[row.status].label}</span>
                    <span className="c-cf">{row.codiceFiscale}</span>
                    <span className="c-nome">{row.cognomeNome || '—'}</span>
                    <span className="c-matr">{row.matricola}</span>
                    <span className="c-gruppo">{row.gruppo}</span>
                    <span className="c-segn">{row.segnalibro}</span>
                  </>
                ) : (
                  <span className="c-loading">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
