import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeclarationEdit, RedDocument } from '#shared/domain/red-document';
import type { Status } from '#shared/status/statuses';
import { AppError, ERROR_CODES } from '#shared/errors';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'error'; message: string };

export interface Loaded {
  edit: DeclarationEdit;
  doc: RedDocument;
  status: Status;
  /** Changes when the document is (re)loaded from the archive: the fields drop what they were typing. */
  generation: number;
}

const DEBOUNCE_MS = 300;

/**
 * The declaration being edited and its saving: every change is saved whole (`declarations.save`) 300 ms after
 * the last one, or at once on `flush()` (leaving a field, Chiudi, closing the window). Saves are serialized —
 * never two in flight — and always carry the version of the last reply; a stale version (ARC-07) reloads
 * the declaration from the archive.
 */
export function useDeclaration(id: number, readOnly: boolean, invalidInputs: () => string[] = () => []) {
  const api = useApi();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);

  const docRef = useRef<RedDocument | null>(null);
  const versionRef = useRef(0);
  const pendingRef = useRef<RedDocument | null>(null);
  const chainRef = useRef<Promise<void>>(Promise.resolve());
  const timerRef = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const generationRef = useRef(0);

  const apply = useCallback((e: DeclarationEdit) => {
    docRef.current = e.document;
    versionRef.current = e.version;
    pendingRef.current = null;
    generationRef.current += 1;
    setLoaded({ edit: e, doc: e.document, status: e.status, generation: generationRef.current });
  }, []);

  useEffect(() => {
    let alive = true;
    api
      .invoke('declarations.get', { id })
      .then((e) => {
        if (alive) apply(e);
      })
      .catch((e: unknown) => {
        if (alive) setLoadError(errorText(e));
      });
    return () => {
      alive = false;
    };
  }, [api, id, apply]);

  const reload = useCallback(async () => {
    apply(await api.invoke('declarations.get', { id }));
  }, [api, id, apply]);

  /** Saves what is pending, after any save in flight. Resolves when nothing queued before it is in flight. */
  const flush = useCallback((): Promise<void> => {
    clearTimeout(timerRef.current);
    const run = async (): Promise<void> => {
      const doc = pendingRef.current;
      if (!doc) return;
      pendingRef.current = null;
      setSave({ kind: 'saving' });
      try {
        const invalid = invalidInputs();
        const r = await api.invoke('declarations.save', {
          id,
          version: versionRef.current,
          document: doc,
          ...(invalid.length > 0 ? { invalidInputs: invalid } : {}),
        });
        versionRef.current = r.version;
        setLoaded((l) => (l ? { ...l, status: r.status } : l));
        setSave(pendingRef.current ? { kind: 'dirty' } : { kind: 'saved', at: r.updatedAt });
      } catch (e) {
        if (e instanceof AppError && e.code === ERROR_CODES.STALE) {
          try {
            await reload();
            setNotice(
              'La dichiarazione era stata modificata in un\'altra finestra: sono stati ricaricati i dati salvati nell\'archivio. Le ultime modifiche non salvate vanno ripetute.',
            );
            setSave({ kind: 'error', message: 'Dati ricaricati dall\'archivio (versione non aggiornata).' });
          } catch (e2) {
            setSave({ kind: 'error', message: `Salvataggio non riuscito: ${errorText(e2)}` });
          }
          return;
        }
        // Keep the unsaved document (unless a newer one is queued) for the next attempt.
        pendingRef.current ??= doc;
        setSave({ kind: 'error', message: `Salvataggio non riuscito: ${errorText(e)}` });
      }
    };
    chainRef.current = chainRef.current.then(run, run);
    return chainRef.current;
  }, [api, id, reload, invalidInputs]);

  /** Applies an edit to a copy of the latest document, shows it and schedules its saving. */
  const mutate = useCallback(
    (fn: (draft: RedDocument) => void) => {
      const current = docRef.current;
      if (readOnly || !current) return;
      const next = structuredClone(current);
      fn(next);
      docRef.current = next;
      pendingRef.current = next;
      setLoaded((l) => (l ? { ...l, doc: next } : l));
      setSave({ kind: 'dirty' });
      clearTimeout(timerRef.current);
      timerRef.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [readOnly, flush],
  );

  /** "Rendi completa": saves first, then asks the archive (which refuses while blocking errors remain). */
  const complete = useCallback(async (): Promise<string | null> => {
    await flush();
    if (pendingRef.current) return 'Impossibile rendere completa la dichiarazione: le ultime modifiche non sono state salvate.';
    try {
      const r = await api.invoke('declarations.complete', { id, version: versionRef.current });
      versionRef.current = r.version;
      setLoaded((l) => (l ? { ...l, status: r.status } : l));
      setSave({ kind: 'saved', at: r.updatedAt });
      return null;
    } catch (e) {
      if (e instanceof AppError && e.code === ERROR_CODES.STALE) {
        await reload().catch(() => undefined);
        return 'La dichiarazione era stata modificata in un\'altra finestra: dati ricaricati, ripetere "Rendi completa".';
      }
      return errorText(e);
    }
  }, [api, id, flush, reload]);

  const hasUnsaved = useCallback(() => pendingRef.current !== null, []);

  // Closing the window: whatever is pending goes out at once (a crash loses at most the field being typed).
  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    window.addEventListener('beforeunload', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      window.removeEventListener('beforeunload', onHide);
      void flush();
    };
  }, [flush]);

  return { loaded, loadError, save, notice, setNotice, mutate, flush, complete, hasUnsaved };
}
