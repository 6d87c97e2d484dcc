import { useCallback, useEffect, useRef, useState } from 'react';
import type { MonitorRow } from '#shared/domain/declaration';
import type { Tab } from '#shared/status/statuses';
import { useApi } from '../api-client/context';

export const PAGE_SIZE = 200;

export interface MonitorQueryState {
  tab: Tab;
  codiceFiscale: string;
  cognomeNome: string;
  showRettificate: boolean;
}

export type Counts = Record<Tab, number>;

/**
 * The rows of one tab, fetched a page at a time as the virtual list needs them: 100,000 declarations
 * never cross the API at once. `generation` changes whenever the query or the archive changes.
 */
export function useMonitorPages(query: MonitorQueryState) {
  const api = useApi();
  const [total, setTotal] = useState(0);
  const [counts, setCounts] = useState<Counts>({ DA_SPEDIRE: 0, SPEDITE: 0, RICEVUTE: 0, SCARTATE: 0 });
  const [generation, setGeneration] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const pages = useRef(new Map<number, MonitorRow[]>());
  const inflight = useRef(new Set<number>());
  const version = useRef(0);
  const [, force] = useState(0);

  const fetchPage = useCallback(
    async (page: number, v: number) => {
      if (inflight.current.has(page)) return;
      inflight.current.add(page);
      try {
        const r = await api.invoke('monitor.list', {
          tab: query.tab,
          codiceFiscale: query.codiceFiscale,
          cognomeNome: query.cognomeNome,
          showRettificate: query.showRettificate,
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
        if (v !== version.current) return; // a newer query superseded this one
        pages.current.set(page, r.rows);
        setTotal(r.total);
        setCounts(r.counts);
        setError(null);
        setLoaded(true);
        force((x) => x + 1);
      } catch (e) {
        if (v === version.current) setError(e instanceof Error ? e.message : String(e));
      } finally {
        inflight.current.delete(page);
      }
    },
    [api, query.tab, query.codiceFiscale, query.cognomeNome, query.showRettificate],
  );

  const reload = useCallback(() => {
    version.current += 1;
    pages.current = new Map();
    inflight.current = new Set();
    setGeneration((g) => g + 1);
    void fetchPage(0, version.current);
  }, [fetchPage]);

  useEffect(() => {
    setLoaded(false);
    reload();
  }, [reload]);

  useEffect(() => api.on('archive.changed', () => reload()), [api, reload]);

  const rowAt = useCallback(
    (index: number): MonitorRow | undefined => {
      const page = Math.floor(index / PAGE_SIZE);
      const rows = pages.current.get(page);
      if (!rows) {
        void fetchPage(page, version.current);
        return undefined;
      }
      return rows[index - page * PAGE_SIZE];
    },
    [fetchPage],
  );

  return { total, counts, rowAt, reload, generation, error, loaded };
}
