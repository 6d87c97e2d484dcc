import { useCallback, useEffect, useRef, useState } from 'react';
import type { MonitorRow } from '#shared/domain/declaration';
import type { Tab } from '#shared/status/statuses';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';

export const PAGE_SIZE = 200;

export interface MonitorQueryState {
  tab: Tab;
  codiceFiscale: string;
  cognomeNome: string;
  /** "Gruppo" / "Segnalibro" of the note (p. 77). */
  gruppo: string;
  segnalibro: string;
  showRettificate: boolean;
}

export type Counts = Record<Tab, number>;

interface Loaded {
  key: string;
  total: number;
  counts: Counts;
  /** Null while searching: the last known value is kept. */
  completeCount: number | null;
  error: string | null;
}

/**
 * The rows of one tab, fetched a page at a time as the virtual list needs them: 100,000 declarations
 * never cross the API at once. `generation` changes whenever the query or the archive changes.
 */
export function useMonitorPages(query: MonitorQueryState) {
  const api = useApi();
  // An archive change (from this window or another) counts as a new query: the list is fetched again.
  const [changes, setChanges] = useState(0);
  useEffect(() => api.on('archive.changed', () => setChanges((c) => c + 1)), [api]);

  const generation = `${query.tab}|${query.codiceFiscale}|${query.cognomeNome}|${query.gruppo}|${query.segnalibro}|${query.showRettificate}|${changes}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [, setPagesVersion] = useState(0);
  const pages = useRef(new Map<number, MonitorRow[]>());
  const inflight = useRef(new Set<string>());
  const current = useRef(generation);

  const fetchPage = useCallback(
    async (page: number, key: string) => {
      const id = `${key}#${page}`;
      if (inflight.current.has(id)) return;
      inflight.current.add(id);
      try {
        const r = await api.invoke('monitor.list', {
          tab: query.tab,
          codiceFiscale: query.codiceFiscale,
          cognomeNome: query.cognomeNome,
          gruppo: query.gruppo,
          segnalibro: query.segnalibro,
          showRettificate: query.showRettificate,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
        if (key !== current.current) return; // a newer query superseded this one
        pages.current.set(page, r.rows);
        setLoaded((l) => ({ key, total: r.total, counts: r.counts, completeCount: r.completeCount ?? l?.completeCount ?? null, error: null }));
        setPagesVersion((v) => v + 1);
      } catch (e) {
        if (key === current.current) setLoaded((l) => ({ key, total: l?.total ?? 0, counts: l?.counts ?? EMPTY_COUNTS, completeCount: l?.completeCount ?? null, error: errorText(e) }));
      } finally {
        inflight.current.delete(id);
      }
    },
    [api, query.tab, query.codiceFiscale, query.cognomeNome, query.gruppo, query.segnalibro, query.showRettificate],
  );

  useEffect(() => {
    current.current = generation;
    pages.current = new Map();
    void fetchPage(0, generation);
  }, [fetchPage, generation]);

  const rowAt = useCallback(
    (index: number): MonitorRow | undefined => {
      if (current.current !== generation) return undefined;
      const page = Math.floor(index / PAGE_SIZE);
      const rows = pages.current.get(page);
      if (!rows) {
        void fetchPage(page, generation);
        return undefined;
      }
      return rows[index - page * PAGE_SIZE];
    },
    [fetchPage, generation],
  );

  const isLoaded = loaded?.key === generation;
  return {
    total: loaded?.total ?? 0,
    counts: loaded?.counts ?? EMPTY_COUNTS,
    completeCount: loaded?.completeCount ?? null,
    rowAt,
    generation,
    error: loaded?.error ?? null,
    loaded: isLoaded,
  };
}

const EMPTY_COUNTS: Counts = { DA_SPEDIRE: 0, SPEDITE: 0, RICEVUTE: 0, SCARTATE: 0 };
