import { useCallback, useEffect, useRef, useState } from 'react';
import { STATUS_INFO, TABS, TAB_LABELS, type Tab } from '#shared/status/statuses';
import { canDelete, planTransition } from '#shared/status/machine';
import type { MonitorRow } from '#shared/domain/declaration';
import { useApi } from '../api-client/context';
import { CaptureSettingsDialog } from '../capture/CaptureSettingsDialog';
import { useCapture, useScanTarget } from '../capture/context';
import { decideScan, outcomeOf } from '../capture/route';
import { ConfirmDialog } from '../components/Dialog';
import { FunctionButton } from '../components/FunctionButton';
import { DeclarationEditor } from '../declaration/DeclarationEditor';
import { ControlloDialog } from '../utilities/ControlloDialog';
import { DecodificaDialog } from '../utilities/DecodificaDialog';
import { UtilitaMenu } from '../utilities/UtilitaMenu';
import { MonitorList } from './MonitorList';
import { NuovoDialog } from './NuovoDialog';
import { Panels } from './Panels';
import { useMonitorPages, type MonitorQueryState } from './useMonitorPages';

/** Functions of a later release: shown disabled with the reason, never faked. */
const LATER = {
  invio: 'Disponibile con la trasmissione al CAF (prossima versione).',
  stampe: 'Disponibile con le stampe (prossima versione).',
  correggi: 'Disponibile con la gestione degli esiti (prossima versione).',
};

/** Utilità entries of later releases (the available ones are built in the component). */
const UTILITA_LATER = {
  reinvio: LATER.invio,
  storico: LATER.invio,
  duplicato: LATER.stampe,
  documenti: LATER.stampe,
  sblocca: LATER.invio,
};

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** "Monitor Dichiarazioni mod. RED" (guide pp. 67–70). */
export function Monitor() {
  const api = useApi();
  const [tab, setTab] = useState<Tab>('DA_SPEDIRE');
  const [cf, setCf] = useState('');
  const [nome, setNome] = useState('');
  const [showRettificate, setShowRettificate] = useState(false);
  const [chosen, setSelected] = useState(-1);
  const [pendingSelectId, setPendingSelectId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<'nuovo' | 'cancella' | 'utilita' | 'controllo' | 'decodifica' | 'lettore' | null>(null);
  // The Stringa CAF read by the reader that opened "Nuovo" (null: opened by Alt+N / the button).
  const [nuovoText, setNuovoText] = useState<string | null>(null);
  const capture = useCapture();
  const [message, setMessage] = useState<{ text: string; kind: 'error' | 'info' } | null>(null);
  // The declaration open in the editor ("Modifica" in Da spedire, "Visualizza" elsewhere).
  const [editing, setEditing] = useState<{ id: number; readOnly: boolean } | null>(null);
  const listRef = useRef<HTMLDivElement | null>(null);
  const cfRef = useRef<HTMLInputElement>(null);

  const query: MonitorQueryState = {
    tab,
    codiceFiscale: useDebounced(cf, 120),
    cognomeNome: useDebounced(nome, 120),
    showRettificate,
  };
  const { total, counts, rowAt, generation, error, loaded } = useMonitorPages(query);
  // The row shown as selected: the operator's choice kept inside the list, the first row by default.
  const selected = !loaded || pendingSelectId !== null ? chosen : total === 0 ? -1 : chosen < 0 ? 0 : Math.min(chosen, total - 1);
  const current: MonitorRow | undefined = selected >= 0 ? rowAt(selected) : undefined;

  const goTo = useCallback(
    async (id: number) => {
      setPendingSelectId(id);
      try {
        const where = await api.invoke('monitor.locate', { id, showRettificate });
        setCf('');
        setNome('');
        setTab(where.tab);
        setSelected(where.index);
      } catch (e) {
        setMessage({ text: e instanceof Error ? e.message : String(e), kind: 'error' });
      } finally {
        setPendingSelectId(null);
        // Not if a dialog opened meanwhile (e.g. "Nuovo" from the next scan): it keeps the focus.
        setTimeout(() => {
          if (!document.querySelector('[aria-modal="true"]')) listRef.current?.focus();
        }, 0);
      }
    },
    [api, showRettificate],
  );

  const switchTab = (t: Tab) => {
    setTab(t);
    setSelected(-1);
    setMessage(null);
  };

  const openNuovo = (scanned: string | null) => {
    setNuovoText(scanned);
    setDialog('nuovo');
  };

  // The monitor as a scan target: a valid Stringa CAF opens "Nuovo" filled in and decoded (it then shows the
  // declarations already present); a dati anagrafici barcode or garbage changes nothing (cue + message).
  useScanTarget((scan) => {
    if (editing) return { kind: 'refused', message: 'Attendere l\'apertura della dichiarazione, poi leggere di nuovo il codice.' };
    if (dialog !== null) return { kind: 'refused', message: 'Chiudere prima la finestra aperta, poi leggere di nuovo il codice.' };
    const d = decideScan(scan.text, { screen: 'monitor' });
    if (d.kind === 'nuovo') {
      if (tab !== 'DA_SPEDIRE') switchTab('DA_SPEDIRE');
      setMessage(null);
      openNuovo(d.matricola);
    }
    return outcomeOf(d);
  });

  /** Utilità → "Abilita lettura ottica": switches capture on / off. */
  const toggleCapture = async () => {
    setDialog(null);
    try {
      const s = await capture.setEnabled(!(capture.settings?.enabled ?? false));
      setMessage({
        text: s.enabled
          ? 'Lettura ottica attivata: leggere la Stringa CAF con il lettore per aprire «Nuovo». Impostazioni: Utilità → Impostazioni lettore ottico.'
          : 'Lettura ottica disattivata.',
        kind: 'info',
      });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), kind: 'error' });
    }
    setTimeout(() => listRef.current?.focus(), 0);
  };

  const askDelete = () => {
    if (!current) return;
    if (!canDelete(current.status)) {
      setMessage({ text: `La dichiarazione ${current.progressivo} è in stato ${STATUS_INFO[current.status].label}: non si può cancellare.`, kind: 'error' });
      return;
    }
    setDialog('cancella');
  };

  const doDelete = async () => {
    if (!current) return;
    setDialog(null);
    try {
      await api.invoke('declarations.delete', { id: current.id });
      setMessage({ text: `Dichiarazione ${current.progressivo} (${current.codiceFiscale}) cancellata. L'operazione resta nello storico.`, kind: 'info' });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), kind: 'error' });
    }
    listRef.current?.focus();
  };

  /** Invio / double click / "Modifica" / "Visualizza": the editor, read-only outside "Da spedire". */
  const openEditor = () => {
    if (!current) return;
    setMessage(null);
    setEditing({ id: current.id, readOnly: !(tab === 'DA_SPEDIRE' && planTransition('MODIFICA', current.status).ok) });
  };
  const closeEditor = () => {
    setEditing(null);
    setTimeout(() => listRef.current?.focus(), 0);
  };

  const exit = () => {
    window.close();
    setTimeout(() => setMessage({ text: 'Per uscire chiudere la scheda del browser.', kind: 'info' }), 200);
  };

  // Keyboard: Alt+N Nuovo, Ctrl+1…4 or Alt+1…4 the tabs, F3 / Ctrl+F the search, Alt+U Utilità.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog || editing) return;
      const k = e.key.toLowerCase();
      if ((e.ctrlKey || e.altKey) && ['1', '2', '3', '4'].includes(e.key)) {
        e.preventDefault();
        const t = TABS[Number(e.key) - 1];
        if (t) switchTab(t);
      } else if (e.altKey && k === 'n' && tab === 'DA_SPEDIRE') {
        e.preventDefault();
        setNuovoText(null);
        setDialog('nuovo');
      } else if (e.altKey && k === 'u') {
        e.preventDefault();
        setDialog('utilita');
      } else if (e.key === 'F3' || (e.ctrlKey && k === 'f')) {
        e.preventDefault();
        cfRef.current?.focus();
        cfRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, tab, editing]);

  const onTabKeyDown = (e: React.KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
      if (next) {
        switchTab(next);
        document.getElementById(`tab-${next}`)?.focus();
      }
    }
  };

  const searching = Boolean(query.codiceFiscale || query.cognomeNome);
  const deleteReason = !current ? 'Selezionare una dichiarazione.' : canDelete(current.status) ? null : `Non si cancella una dichiarazione in stato ${STATUS_INFO[current.status].label}.`;

  return (
    <>
    <div className="monitor" inert={editing !== null}>
      <section className="archive" aria-label="Archivio dichiarazioni">
        <div className="tabs" role="tablist" aria-label="Schede dell'archivio" onKeyDown={onTabKeyDown}>
          {TABS.map((t, i) => (
            <button
              key={t}
              id={`tab-${t}`}
              role="tab"
              type="button"
              aria-selected={t === tab}
              tabIndex={t === tab ? 0 : -1}
              className={t === tab ? 'tab active' : 'tab'}
              title={`${TAB_LABELS[t]} (Ctrl+${i + 1})`}
              onClick={() => switchTab(t)}
            >
              {TAB_LABELS[t]} <span className="count">{counts[t].toLocaleString('it-IT')}</span>
            </button>
          ))}
          {tab === 'RICEVUTE' ? (
            <label className="rettificate">
              <input type="checkbox" checked={showRettificate} onChange={(e) => setShowRettificate(e.target.checked)} /> Visualizza rettificate
            </label>
          ) : null}
        </div>
        <div role="tabpanel" aria-labelledby={`tab-${tab}`} className="tabpanel">
          <MonitorList
            total={total}
            rowAt={rowAt}
            selected={selected}
            onSelect={setSelected}
            onDelete={() => tab === 'DA_SPEDIRE' && askDelete()}
            onOpen={openEditor}
            listRef={listRef}
          />
        </div>
        <div className={`message-bar ${message?.kind ?? (current?.scartoMessage ? 'error' : '')}`} role="status" aria-live="polite">
          {error ?? message?.text ?? (current?.scartoMessage ? `${current.scartoCode ?? ''} ${current.scartoMessage}` : '')}
        </div>
        <section className="search" aria-label="Ricerca dichiarazione">
          <h3>Ricerca dichiarazione</h3>
          <label>
            Codice fiscale
            <input
              ref={cfRef}
              value={cf}
              maxLength={16}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setCf(e.target.value.toUpperCase());
                setSelected(-1);
              }}
              onKeyDown={(e) => e.key === 'Escape' && (setCf(''), setNome(''))}
              aria-label="Ricerca per codice fiscale"
            />
          </label>
          <label>
            Cognome e nome
            <input
              value={nome}
              maxLength={100}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setNome(e.target.value);
                setSelected(-1);
              }}
              onKeyDown={(e) => e.key === 'Escape' && (setCf(''), setNome(''))}
              aria-label="Ricerca per cognome e nome"
            />
          </label>
          <span className="muted">
            {searching ? `${total} trovate in «${TAB_LABELS[tab]}»` : `${total} dichiarazioni`} · ricerche parziali ammesse (inizio del codice
            fiscale o del cognome) · Esc pulisce
          </span>
        </section>
        <Panels id={current?.id ?? null} generation={generation} />
      </section>

      <aside className="functions" aria-label="Tasti funzione">
        {tab === 'DA_SPEDIRE' ? (
          <>
            <FunctionButton label="Nuovo" shortcut="Alt+N" onClick={() => openNuovo(null)} />
            <FunctionButton label="Modifica" shortcut="Invio" disabledReason={current ? null : 'Selezionare una dichiarazione.'} onClick={openEditor} />
          </>
        ) : null}
        {tab === 'SPEDITE' ? <FunctionButton label="Modifica" disabledReason={LATER.invio} /> : null}
        {tab === 'RICEVUTE' || tab === 'SCARTATE' ? <FunctionButton label="Correggi" disabledReason={LATER.correggi} /> : null}
        {tab !== 'DA_SPEDIRE' ? (
          <FunctionButton label="Visualizza" shortcut="Invio" disabledReason={current ? null : 'Selezionare una dichiarazione.'} onClick={openEditor} />
        ) : null}
        {tab === 'SPEDITE' || tab === 'RICEVUTE' ? <FunctionButton label="Stampa modelli" disabledReason={LATER.stampe} /> : null}
        <FunctionButton label="Stampe varie" disabledReason={LATER.stampe} />
        <FunctionButton label="Utilità" shortcut="Alt+U" onClick={() => setDialog('utilita')} />
        {tab === 'DA_SPEDIRE' ? (
          <>
            <FunctionButton label="Cancella" shortcut="Canc" disabledReason={deleteReason} onClick={askDelete} />
            <FunctionButton label="Invio" disabledReason={LATER.invio} />
          </>
        ) : null}
        <FunctionButton label="Esci" onClick={exit} />
      </aside>

      {dialog === 'nuovo' ? (
        <NuovoDialog
          initialText={nuovoText}
          onClose={() => setDialog(null)}
          onCreated={(id) => {
            setDialog(null);
            setMessage({ text: 'Dichiarazione creata in «Da spedire».', kind: 'info' });
            void goTo(id);
          }}
          onSelectExisting={(row) => {
            setDialog(null);
            void goTo(row.id);
          }}
        />
      ) : null}
      {dialog === 'cancella' && current ? (
        <ConfirmDialog
          title="Cancella dichiarazione"
          message={
            <p>
              Cancellare dall'archivio la dichiarazione progressivo <b>{current.progressivo}</b> ({current.codiceFiscale}
              {current.cognomeNome ? `, ${current.cognomeNome}` : ''}), status {STATUS_INFO[current.status].label}? La cancellazione resta
              registrata nello storico.
            </p>
          }
          confirmLabel="Cancella"
          onConfirm={() => void doDelete()}
          onCancel={() => {
            setDialog(null);
            listRef.current?.focus();
          }}
        />
      ) : null}
      {dialog === 'utilita' ? (
        <UtilitaMenu
          onClose={() => setDialog(null)}
          entries={[
            { label: 'Controllo Dichiarazioni RED', onSelect: () => setDialog('controllo') },
            { label: 'Reinvio dichiarazioni', reason: UTILITA_LATER.reinvio },
            { label: 'Storico trasmissioni', reason: UTILITA_LATER.storico },
            { label: 'Richiesta duplicato stringa CAF', reason: UTILITA_LATER.duplicato },
            { label: 'Elenco documenti necessari', reason: UTILITA_LATER.documenti },
            capture.unavailable
              ? { label: 'Abilita lettura ottica', reason: capture.unavailable }
              : { label: 'Abilita lettura ottica', pressed: capture.settings?.enabled ?? false, onSelect: () => void toggleCapture() },
            { label: 'Impostazioni lettore ottico', onSelect: () => setDialog('lettore') },
            { label: 'Sblocca dichiarazione errata', reason: UTILITA_LATER.sblocca },
            { label: 'Decodifica codici errore', onSelect: () => setDialog('decodifica') },
          ]}
        />
      ) : null}
      {dialog === 'controllo' ? (
        <ControlloDialog
          onClose={() => setDialog(null)}
          onOpen={(id) => {
            setDialog(null);
            void goTo(id).then(() => setEditing({ id, readOnly: false }));
          }}
        />
      ) : null}
      {dialog === 'decodifica' ? <DecodificaDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'lettore' ? (
        <CaptureSettingsDialog
          onClose={() => setDialog(null)}
          onSaved={(s) => {
            setDialog(null);
            setMessage({ text: `Impostazioni del lettore salvate; lettura ottica ${s.enabled ? 'attiva' : 'disattivata'}.`, kind: 'info' });
          }}
        />
      ) : null}
    </div>
    {editing ? <DeclarationEditor key={editing.id} id={editing.id} readOnly={editing.readOnly} onClose={closeEditor} /> : null}
    </>
  );
}
