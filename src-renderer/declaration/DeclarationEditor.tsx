import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import { parseMatricola } from '#shared/matricola/codec';
import { RED2009_CAMPAIGN } from '#shared/campaigns/red2009/campaign';
import { validate } from '#shared/rules/engine';
import { factsOf } from '#shared/rules/facts';
import type { EditorTab, Finding, RuleContext } from '#shared/rules/types';
import { STATUS_INFO } from '#shared/status/statuses';
import { romeToday } from '#shared/util/italian-time';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { HelpArea, useFieldHelp } from '../components/FieldHelp';
import { AnagraficaScanTarget } from '../capture/AnagraficaScanTarget';
import { AnagraficaRedditiTab, subjectLabels, type SubTab } from './AnagraficaRedditiTab';
import { scartoFindings } from './scarto-findings';
import { describeInputPath, inputFindings, InputErrors, type InputError, type InputErrorStore } from './input-errors';
import { DichiarazioneTab } from './DichiarazioneTab';
import { EditorMode } from './fields';
import { TIPO_DICHIARAZIONE_LABELS } from './labels';
import { MonitorErrori } from './MonitorErrori';
import { useDeclaration, type SaveState } from './useDeclaration';
import { useApi } from '../api-client/context';
import type { Held730 } from '#shared/import730/model';

const TABS: readonly { id: EditorTab; label: string; key: string }[] = [
  { id: 'DICHIARAZIONE', label: 'Dichiarazione', key: '1' },
  { id: 'ANAGRAFICA_REDDITI', label: 'Anagrafica e redditi', key: '2' },
];

const NO_INPUT_ERRORS: ReadonlyMap<string, InputError> = new Map();

const FOCUSABLE = 'input:not([disabled]),select:not([disabled]),textarea:not([disabled]),button:not([disabled]),[tabindex="0"]';

function saveText(s: SaveState, readOnly: boolean): string {
  if (readOnly) return 'Sola lettura';
  switch (s.kind) {
    case 'idle':
      return '';
    case 'dirty':
      return 'Modifiche da salvare…';
    case 'saving':
      return 'Salvataggio…';
    case 'saved':
      return 'Salvato';
    case 'error':
      return s.message;
  }
}

/**
 * "Dichiarazioni Modello RED/2009" (guide pp. 76–98): the declaration editor, a full-window view over the
 * monitor. Two tabs ("Dichiarazione", "Anagrafica e redditi"), the live "Monitor errori" (the validation
 * engine runs in the renderer at every change), the "help di campo" in the lower left, saving of every change.
 * Keyboard: Ctrl/Alt+1, Ctrl/Alt+2 the tabs; F8 Monitor errori; Alt+C Rendi completa; Esc closes; F1 (App) the Guida RED at the open tab.
 */
export function DeclarationEditor(props: { id: number; readOnly: boolean; onClose: () => void }) {
  const { readOnly } = props;
  // Refused texts belong to one load of the declaration (`generation`): a reload drops them with the fields.
  const [inputState, setInputState] = useState<{ generation: number; errors: ReadonlyMap<string, InputError> }>(() => ({ generation: 0, errors: NO_INPUT_ERRORS }));
  const inputErrorsRef = useRef<ReadonlyMap<string, InputError>>(NO_INPUT_ERRORS);
  const invalidPaths = useCallback(() => [...inputErrorsRef.current.keys()], []);
  const { loaded, loadError, save, notice, setNotice, mutate, flush, complete, hasUnsaved } = useDeclaration(props.id, readOnly, invalidPaths);
  const generation = loaded?.generation ?? 0;
  const inputErrors = inputState.generation === generation ? inputState.errors : NO_INPUT_ERRORS;
  useEffect(() => {
    inputErrorsRef.current = inputErrors;
  }, [inputErrors]);
  const inputStore = useMemo<InputErrorStore>(
    () => ({
      get: (path) => inputErrors.get(path),
      set: (path, error) =>
        setInputState((prev) => {
          const current = prev.generation === generation ? prev.errors : NO_INPUT_ERRORS;
          const old = current.get(path);
          if (error === null ? old === undefined : old?.text === error.text && old.message === error.message) return prev;
          const next = new Map(current);
          if (error === null) next.delete(path);
          else next.set(path, error);
          return { generation, errors: next };
        }),
    }),
    [inputErrors, generation],
  );
  const [tab, setTab] = useState<EditorTab>('DICHIARAZIONE');
  const [subjectKey, setSubjectKey] = useState('titolare');
  const [subTab, setSubTab] = useState<SubTab>('REDDITI');
  const fieldHelp = useFieldHelp();
  const [message, setMessage] = useState<{ text: string; kind: 'error' | 'info' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const [askComplete, setAskComplete] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const focusedOnce = useRef(false);

  const matricolaText = loaded?.edit.matricola ?? null;
  const decoded = useMemo(() => (matricolaText === null ? null : parseMatricola(matricolaText)), [matricolaText]);
  const matricola = decoded?.ok ? decoded.value : null;
  const doc = loaded?.doc ?? null;
  // The 730s held on the desk for the subjects' codici fiscali (cross-check and "Importazione 730"), read again
  // when a codice fiscale changes.
  const api = useApi();
  const cfsKey = doc ? [...new Set(doc.soggetti.map((s) => s.codiceFiscale.trim().toUpperCase()).filter((c) => c.length === 16))].sort().join(',') : '';
  const [dati730, setDati730] = useState<{ key: string; rows: Held730[] } | null>(null);
  useEffect(() => {
    let live = true;
    const codiciFiscali = cfsKey ? cfsKey.split(',') : [];
    api
      .invoke('files730.forSubjects', { codiciFiscali })
      .then((r) => live && setDati730({ key: cfsKey, rows: r.rows }))
      .catch(() => live && setDati730({ key: cfsKey, rows: [] }));
    return () => {
      live = false;
    };
  }, [api, cfsKey]);
  const held730 = dati730?.key === cfsKey ? dati730.rows : null;
  const sbloccati = loaded?.edit.sbloccati;
  const ctx = useMemo<RuleContext | null>(
    () =>
      doc && matricola
        ? {
            doc,
            matricola,
            campaign: RED2009_CAMPAIGN,
            today: romeToday(),
            ...(held730 && held730.length > 0 ? { dati730: held730 } : {}),
            ...(sbloccati && sbloccati.length > 0 ? { sbloccati } : {}),
          }
        : null,
    [doc, matricola, held730, sbloccati],
  );
  const result = useMemo(() => (ctx ? validate(ctx) : null), [ctx]);
  const facts = useMemo(() => (ctx ? factsOf(ctx) : null), [ctx]);
  const labels = useMemo(() => (doc ? subjectLabels(doc) : new Map<string, string>()), [doc]);
  /** The rules' findings, with a refused box's own error in place of what the rules say of its (absent) value. */
  const scartoCaf = loaded?.edit.scartoCaf ?? null;
  const findings = useMemo(() => {
    if (!result) return [];
    const coniuge = doc?.soggetti.find((s) => s.role === 'CONIUGE')?.key;
    const own = [...scartoFindings(scartoCaf, coniuge), ...inputFindings(inputErrors.values(), labels)];
    if (own.length === 0) return result.findings;
    return [...own, ...result.findings.filter((f) => !inputErrors.has(f.field.path))];
  }, [result, inputErrors, labels, scartoCaf, doc]);
  const blocking = findings.reduce((n, f) => n + (f.severity === 'BLOCCANTE' ? 1 : 0), 0);

  // A refused box makes a Completa declaration Incompleta at once (the archive is told with the save).
  const hasInputErrors = inputErrors.size > 0;
  const status = loaded?.status;
  useEffect(() => {
    if (hasInputErrors && !readOnly && status === 'COMPLETA') mutate(() => undefined);
  }, [hasInputErrors, readOnly, status, mutate]);

  // An edit that takes a Completa declaration back is said in the message area (p. 87: it must be made complete again).
  const previousStatus = useRef(status);
  useEffect(() => {
    const before = previousStatus.current;
    previousStatus.current = status;
    if (before === 'COMPLETA' && status !== undefined && status !== 'COMPLETA') {
      setMessage({
        text: `Dopo l'ultima modifica la dichiarazione non è più Completa ma ${STATUS_INFO[status].label}: correggere e premere di nuovo «Rendi completa» (Alt+C) per poterla inviare.`,
        kind: 'error',
      });
    }
  }, [status]);

  const focusFirst = useCallback(() => {
    setTimeout(() => {
      const main = rootRef.current?.querySelector('.editor-main');
      main?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    }, 0);
  }, []);

  // The first field has the focus once the declaration is there.
  useEffect(() => {
    if (loaded && !focusedOnce.current) {
      focusedOnce.current = true;
      focusFirst();
    }
  }, [loaded, focusFirst]);

  const switchTab = useCallback(
    (t: EditorTab, focus = true) => {
      setTab(t);
      if (focus) focusFirst();
    },
    [focusFirst],
  );

  /** Focuses the element of a field path, or the closest container rendered (year, subject, section). */
  const focusPath = useCallback((path: string) => {
    const root = rootRef.current;
    if (!root) return;
    let p = path;
    while (p) {
      const el = root.querySelector<HTMLElement>(`[data-field="${CSS.escape(p)}"]`);
      if (el) {
        el.focus();
        if (document.activeElement === el) {
          el.scrollIntoView({ block: 'nearest' });
          return;
        }
      }
      const i = p.lastIndexOf('.');
      p = i > 0 ? p.slice(0, i) : '';
    }
  }, []);

  /** "Correggi" (p. 87): the finding's tab, its subject, then the box holding the datum. */
  const correggi = useCallback(
    (f: Finding) => {
      setTab(f.field.tab);
      if (f.field.subjectKey) setSubjectKey(f.field.subjectKey);
      if (f.field.path.includes('.pensioniEstere')) setSubTab('ESTERE');
      else if (f.field.path.includes('.anni.')) setSubTab('REDDITI');
      setTimeout(() => focusPath(f.field.path), 0);
    },
    [focusPath],
  );

  const focusMonitor = useCallback(() => {
    const lists = [...(rootRef.current?.querySelectorAll<HTMLElement>('.monitor-errori [role="listbox"]') ?? [])];
    const target = lists.find((l) => l.querySelector('[role="option"]')) ?? lists[0];
    target?.focus();
  }, []);

  const close = useCallback(async () => {
    if (!readOnly) {
      await flush();
      if (hasUnsaved() || inputErrorsRef.current.size > 0) {
        setConfirmClose(true);
        return;
      }
      // Nothing blocks it but it is not Completa yet: the operator is asked (p. 87), the answer is one key.
      if (result && status !== undefined && status !== 'COMPLETA' && blocking === 0) {
        setAskComplete(true);
        return;
      }
    }
    props.onClose();
  }, [readOnly, flush, hasUnsaved, props, result, status, blocking]);

  /** "Rendi completa"; true when the declaration is now Completa. */
  const rendiCompleta = useCallback(async (): Promise<boolean> => {
    // Not before the declaration is loaded (Alt+C pressed at once would send version 0).
    if (readOnly || busy || !result) return false;
    const refused = [...inputErrorsRef.current.values()][0];
    if (refused) {
      setMessage({
        text: `La dichiarazione non può essere resa completa: ${describeInputPath(refused.path, labels)} contiene «${refused.text}», che non è un valore valido. Correggerlo o cancellarlo.`,
        kind: 'error',
      });
      focusMonitor();
      return false;
    }
    if (blocking > 0) {
      setMessage({
        text: `La dichiarazione non può essere resa completa: ${blocking === 1 ? 'resta 1 errore bloccante' : `restano ${blocking} errori bloccanti`} (vedere Monitor errori).`,
        kind: 'error',
      });
      focusMonitor();
      return false;
    }
    setBusy(true);
    const err = await complete();
    setBusy(false);
    setMessage(err ? { text: err, kind: 'error' } : { text: 'Dichiarazione resa «Completa»: può essere inviata al CAF.', kind: 'info' });
    return err === null;
  }, [readOnly, busy, result, blocking, labels, complete, focusMonitor]);

  // The editor's keys (the monitor's own shortcuts are off while the editor is open).
  // An effect event: a key always sees the state of the last render (status, errors), never an older closure.
  const onWindowKey = useEffectEvent((e: KeyboardEvent) => {
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('[aria-modal="true"]') || confirmClose || askComplete) return;
    const k = e.key.toLowerCase();
    if ((e.ctrlKey || e.altKey) && (e.key === '1' || e.key === '2')) {
      e.preventDefault();
      switchTab(e.key === '1' ? 'DICHIARAZIONE' : 'ANAGRAFICA_REDDITI');
    } else if (e.key === 'F8') {
      e.preventDefault();
      focusMonitor();
    } else if (e.altKey && k === 'c') {
      e.preventDefault();
      void rendiCompleta();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      void close();
    }
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => onWindowKey(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onTabKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const next: EditorTab = tab === 'DICHIARAZIONE' ? 'ANAGRAFICA_REDDITI' : 'DICHIARAZIONE';
    setTab(next);
    setTimeout(() => document.getElementById(`etab-${next}`)?.focus(), 0);
  };

  const onBlurCapture = (e: React.FocusEvent) => {
    // Leaving a field saves at once (not only after the pause in typing).
    if (!readOnly && e.target instanceof HTMLElement && e.target.matches('input,select,textarea')) void flush();
  };

  const shell = (body: React.ReactNode) => (
    <div className="editor" ref={rootRef} role="region" aria-label="Dichiarazioni Modello RED/2009">
      <header className="editor-head">
        <h1>Dichiarazioni Modello RED/2009</h1>
        <span className="spacer" />
        <button type="button" className="head-btn" onClick={() => props.onClose()}>
          Chiudi <span className="kbd">Esc</span>
        </button>
      </header>
      {body}
    </div>
  );

  if (loadError) return shell(<div className="fatal" role="alert">{loadError}</div>);
  if (!loaded || !doc) return shell(<p className="loading-text">Caricamento della dichiarazione…</p>);
  if (!matricola || !facts || !result) {
    return shell(
      <div className="fatal" role="alert">
        Matricola della dichiarazione non decodificabile: {decoded && !decoded.ok ? decoded.errors.map((x) => x.message).join(' ') : ''}
      </div>,
    );
  }

  const edit = loaded.edit;
  const titolare = doc.soggetti.find((s) => s.role === 'TITOLARE');
  const nominativo = titolare ? `${titolare.cognome} ${titolare.nome}`.trim() : '';
  const statusLabel = STATUS_INFO[loaded.status].label;
  const bar = message ?? (notice ? { text: notice, kind: 'error' as const } : null);

  return (
    <EditorMode.Provider value={{ readOnly }}>
      <InputErrors.Provider value={inputStore}>
      <div className={readOnly ? 'editor readonly' : 'editor'} ref={rootRef} role="region" aria-label="Dichiarazioni Modello RED/2009" onFocusCapture={fieldHelp.onFocusCapture} onBlurCapture={onBlurCapture}>
        <header className="editor-head">
          <h1>Dichiarazioni Modello RED/2009</h1>
          <span className="eh-item">
            Progr. <b data-testid="editor-progressivo">{edit.progressivo}</b>
          </span>
          <span className="eh-item">
            C.F. <b className="mono">{doc.anagrafica.codiceFiscale || '—'}</b>
          </span>
          {nominativo ? <span className="eh-item eh-name">{nominativo}</span> : null}
          <span className="eh-item">
            Status{' '}
            <b className={`status-badge st-${loaded.status.toLowerCase()}`} data-testid="editor-status">
              {statusLabel}
            </b>
          </span>
          <span className="eh-item">
            Tipo <b>{edit.tipo}</b> ({TIPO_DICHIARAZIONE_LABELS[edit.tipoDichiarazione]})
          </span>
          <span className="spacer" />
          <span className={`save-state ${save.kind}`} role="status" aria-label="Stato del salvataggio">
            {saveText(save, readOnly)}
          </span>
          {readOnly ? null : (
            <button
              type="button"
              className="head-btn"
              data-help="rendiCompleta"
              aria-keyshortcuts="Alt+C"
              disabled={busy}
              title={blocking > 0 ? `${blocking} errori bloccanti: correggerli prima (Monitor errori)` : 'Rendi completa (Alt+C)'}
              onClick={() => void rendiCompleta()}
            >
              Rendi completa <span className="kbd">Alt+C</span>
            </button>
          )}
          <button type="button" className="head-btn" data-help="chiudi" aria-keyshortcuts="Escape" onClick={() => void close()}>
            Chiudi <span className="kbd">Esc</span>
          </button>
        </header>

        <div className="editor-tabs" role="tablist" aria-label="Schede della dichiarazione" onKeyDown={onTabKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.id}
              id={`etab-${t.id}`}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              tabIndex={tab === t.id ? 0 : -1}
              className={tab === t.id ? 'tab active' : 'tab'}
              title={`${t.label} (Ctrl+${t.key})`}
              onClick={() => switchTab(t.id, false)}
            >
              {t.label} <span className="kbd">Ctrl+{t.key}</span>
            </button>
          ))}
          {readOnly ? <span className="ro-note">Visualizzazione: la dichiarazione non è modificabile.</span> : null}
        </div>

        <div className="editor-body">
          <div
            className="editor-main"
            role="tabpanel"
            aria-labelledby={`etab-${tab}`}
            key={loaded.generation}
            data-guida={tab === 'DICHIARAZIONE' ? 'editor-dichiarazione' : subTab === 'ESTERE' ? 'editor-pensioni-estere' : 'editor-anagrafica-redditi'}
          >
            {tab === 'DICHIARAZIONE' ? (
              <DichiarazioneTab edit={edit} doc={doc} matricola={matricola} facts={facts} mutate={mutate} />
            ) : (
              <AnagraficaRedditiTab
                doc={doc}
                matricola={matricola}
                facts={facts}
                subjectKey={subjectKey}
                onSubject={setSubjectKey}
                subTab={subTab}
                onSubTab={setSubTab}
                mutate={mutate}
                onMessage={(text) => setMessage({ text, kind: 'info' })}
                dati730={held730}
              />
            )}
          </div>
          <div className="editor-foot">
            <HelpArea text={fieldHelp.text} />
            <div className={`message-bar ${bar?.kind ?? ''}`} role="status" aria-label="Messaggi">
              {bar?.text ?? ''}
              {bar ? (
                <button
                  type="button"
                  className="small"
                  aria-label="Chiudi messaggio"
                  onClick={() => {
                    setMessage(null);
                    setNotice(null);
                  }}
                >
                  ×
                </button>
              ) : null}
            </div>
          </div>
          <aside className="editor-side" data-guida="monitor-errori">
            <MonitorErrori findings={findings} onCorreggi={correggi} readOnly={readOnly} />
          </aside>
        </div>

        <AnagraficaScanTarget
          doc={doc}
          matricolaCf={matricola.values.codiceFiscale}
          readOnly={readOnly}
          mutate={mutate}
          onLoaded={(text) => {
            // The data just loaded, where the operator checks them: "Anagrafica e redditi", titolare.
            setSubjectKey('titolare');
            switchTab('ANAGRAFICA_REDDITI');
            setMessage({ text, kind: 'info' });
          }}
        />
        {askComplete ? (
          <Dialog title="Rendere completa?" onCancel={() => setAskComplete(false)}>
            <div className="dialog-body">
              <p>La dichiarazione non ha errori bloccanti ma è ancora «{STATUS_INFO[loaded.status].label}»: solo le dichiarazioni complete si possono inviare al CAF.</p>
              <p>Renderla completa prima di chiudere?</p>
            </div>
            <div className="dialog-buttons">
              <button
                type="button"
                className="primary"
                data-autofocus
                onClick={() => {
                  setAskComplete(false);
                  void rendiCompleta().then((ok) => ok && props.onClose());
                }}
              >
                Sì, rendi completa
              </button>
              <button
                type="button"
                onClick={() => {
                  setAskComplete(false);
                  props.onClose();
                }}
              >
                No, chiudi
              </button>
              <button type="button" onClick={() => setAskComplete(false)}>
                Annulla
              </button>
            </div>
          </Dialog>
        ) : null}
        {confirmClose ? (
          <ConfirmDialog
            title="Modifiche non salvate"
            message={
              inputErrors.size > 0 ? (
                <p>
                  {[...inputErrors.values()].map((e) => `${describeInputPath(e.path, labels)}: «${e.text}»`).join('; ')}: {inputErrors.size === 1 ? 'il valore non è valido e non è stato salvato' : 'i valori non sono validi e non sono stati salvati'}. Chiudere comunque?
                </p>
              ) : (
                <p>Le ultime modifiche non sono state salvate ({save.kind === 'error' ? save.message : 'errore di salvataggio'}). Chiudere comunque e perderle?</p>
              )
            }
            confirmLabel="Chiudi senza salvare"
            onConfirm={() => {
              setConfirmClose(false);
              props.onClose();
            }}
            onCancel={() => setConfirmClose(false)}
          />
        ) : null}
      </div>
      </InputErrors.Provider>
    </EditorMode.Provider>
  );
}
