import { openStampeFolder } from '../print/deliver';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ApiOutput } from '#shared/api/contract';
import { RED2009_TRANSMISSION } from '#shared/campaigns/red2009/transmission';
import { STATUS_INFO, TABS, TAB_LABELS, type Tab } from '#shared/status/statuses';
import { correggiRefusal, deleteRefusal, planTransition } from '#shared/status/machine';
import type { MonitorRow } from '#shared/domain/declaration';
import { useApi } from '../api-client/context';
import { CaptureSettingsDialog } from '../capture/CaptureSettingsDialog';
import { useCapture, useScanTarget } from '../capture/context';
import { decideScan, outcomeOf } from '../capture/route';
import { ConfirmDialog } from '../components/Dialog';
import { FunctionButton } from '../components/FunctionButton';
import { HelpArea, useFieldHelp } from '../components/FieldHelp';
import { GUIDA_MONITOR_TAB } from '#shared/guida/sections';
import { DeclarationEditor } from '../declaration/DeclarationEditor';
import { ControlloDialog } from '../utilities/ControlloDialog';
import { DecodificaDialog } from '../utilities/DecodificaDialog';
import { SbloccaDialog, sbloccoDoneText } from '../utilities/SbloccaDialog';
import { UtilitaMenu } from '../utilities/UtilitaMenu';
import { File730Dialog } from '../utilities/File730Dialog';
import { CollegamentoDialog } from '../transmission/CollegamentoDialog';
import { dichiarazioni, invioSummary, scartoText } from '../transmission/format';
import { errorText } from '../api-client/error-text';
import { MessaggiDialog } from '../transmission/MessaggiDialog';
import { VigilanzaDialog } from '../vigilanza/VigilanzaDialog';
import { CircolariDialog } from '../transmission/CircolariDialog';
import { AssistenzaDialog, SENT_TO_CAF } from '../transmission/AssistenzaDialog';
import { ReinvioDialog } from '../transmission/ReinvioDialog';
import { SegnalazioniDialog } from '../transmission/SegnalazioniDialog';
import { StoricoDialog } from '../transmission/StoricoDialog';
import { SyncStatusBar, useSyncState } from '../transmission/SyncStatusBar';
import { CorreggiDialog, InvioConfirm, InvioEsitoDialog, Riattiva9011Confirm, RitiroConfirm } from '../transmission/TransmissionDialogs';
import { MonitorList, type TickColumn } from './MonitorList';
import { NuovoDialog } from './NuovoDialog';
import { PrintDialogs, type PrintDialogKind } from '../print/PrintDialogs';
import { Panels } from './Panels';
import { ServiziMenu } from '../servizi/ServiziMenu';
import { CopieSicurezzaDialog } from '../servizi/CopieSicurezzaDialog';
import { AltriAdempimentiMenu } from '../modules/AltriAdempimentiMenu';
import { DnaDialog } from '../modules/inail-dna/DnaDialog';
import { FlussiCaDialog } from '../modules/flussi-ca/FlussiCaDialog';
import { Dm20Dialog } from '../modules/dm20/Dm20Dialog';
import { useMonitorPages, type MonitorQueryState } from './useMonitorPages';

/** Utilità entries of later releases (the available ones are built in the component). */
type DialogKind =
  | 'sblocca'
  | 'vigilanza'
  | 'nuovo'
  | 'cancella'
  | 'utilita'
  | 'controllo'
  | 'decodifica'
  | 'lettore'
  | 'invio'
  | 'esito-invio'
  | 'ritiro'
  | 'correggi'
  | 'riattiva'
  | 'reinvio'
  | 'storico'
  | 'collegamento'
  | 'segnalazioni'
  | 'messaggi'
  | 'circolari'
  | 'assistenza'
  | 'file730'
  | 'servizi'
  | 'copie-sicurezza'
  | 'altri'
  | 'inail-dna'
  | 'flussi-ca'
  | 'dm20';

/** "2 trovate in «Da spedire»; nelle altre schede: Ricevute 1" — the hits the operator would otherwise miss. */
function searchSummary(tab: Tab, total: number, counts: Readonly<Record<Tab, number>>): string {
  const here = `${total.toLocaleString('it-IT')} ${total === 1 ? 'trovata' : 'trovate'} in «${TAB_LABELS[tab]}»`;
  const others = TABS.filter((t) => t !== tab && counts[t] > 0).map((t) => `${TAB_LABELS[t]} ${counts[t].toLocaleString('it-IT')}`);
  return others.length > 0 ? `${here}; nelle altre schede: ${others.join(', ')}` : `${here}; nessuna nelle altre schede`;
}

/** Ticks of column "S": single declarations, or every Completa one ("Seleziona tutte le complete"). */
interface Ticks {
  all: boolean;
  ids: ReadonlySet<number>;
}
const NO_TICKS: Ticks = { all: false, ids: new Set() };

/** Why "Modifica" is not available on a row of "Spedite" (null: it is, p. 102). */
function ritiroRefusal(row: MonitorRow | undefined): string | null {
  if (!row) return 'Selezionare una dichiarazione.';
  switch (row.status) {
    case 'TRASM_CGN':
      return null;
    case 'TRASM_INPS':
      return 'Una dichiarazione Trasm.INPS non si modifica: attendere che passi in Ricevute.';
    case 'ATTESA':
      return 'La dichiarazione è in attesa di conferma del CAF: si potrà modificare quando sarà Trasm.CGN («Sincronizza»).';
    default: {
      const plan = planTransition('RITIRO', row.status);
      return plan.ok ? null : plan.message;
    }
  }
}

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
  const [gruppo, setGruppo] = useState('');
  const [segnalibro, setSegnalibro] = useState('');
  const [showRettificate, setShowRettificate] = useState(false);
  const [chosen, setSelected] = useState(-1);
  const [pendingSelectId, setPendingSelectId] = useState<number | null>(null);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  // Prints (issue 10): their dialogs live in src-renderer/print.
  const [printDialog, setPrintDialog] = useState<PrintDialogKind | null>(null);
  // The Stringa CAF read by the reader that opened "Nuovo" (null: opened by Alt+N / the button).
  const [nuovoText, setNuovoText] = useState<string | null>(null);
  const capture = useCapture();
  const [message, setMessage] = useState<{ text: string; kind: 'error' | 'info' } | null>(null);
  // The declaration open in the editor ("Modifica" in Da spedire, "Visualizza" elsewhere).
  const [editing, setEditing] = useState<{ id: number; readOnly: boolean } | null>(null);
  const listRef = useRef<HTMLDivElement | null>(null);
  // A dialog closed with nothing of its own to give the focus back to (e.g. opened from the Utilità menu, which is
  // gone): the focus goes back to the list, never to the page body.
  useEffect(() => {
    if (dialog !== null) return;
    const t = setTimeout(() => {
      if (document.activeElement === document.body || document.activeElement === null) listRef.current?.focus();
    }, 0);
    return () => clearTimeout(t);
  }, [dialog]);
  const cfRef = useRef<HTMLInputElement>(null);
  const [ticks, setTicks] = useState<Ticks>(NO_TICKS);
  // The declaration a confirmation is about, fixed when it opens (the list may refresh meanwhile).
  const [actionRow, setActionRow] = useState<MonitorRow | null>(null);
  const [invioResult, setInvioResult] = useState<ApiOutput<'transmission.send'> | null>(null);
  const [busy, setBusy] = useState(false);
  const sync = useSyncState();
  const fieldHelp = useFieldHelp();

  const query: MonitorQueryState = {
    tab,
    codiceFiscale: useDebounced(cf, 120),
    cognomeNome: useDebounced(nome, 120),
    gruppo: useDebounced(gruppo, 120),
    segnalibro: useDebounced(segnalibro, 120),
    showRettificate,
  };
  const { total, counts, completeCount, rowAt, generation, error, loaded } = useMonitorPages(query);
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
        setMessage({ text: errorText(e), kind: 'error' });
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

  /** Goes to a declaration and opens it in the editor (after Modifica of a Trasm.CGN, Correggi, …). */
  const openInEditor = (id: number) => {
    void goTo(id).then(() => setEditing({ id, readOnly: false }));
  };

  const switchTab = (t: Tab) => {
    setTab(t);
    setSelected(-1);
    setMessage(null);
  };

  const openNuovo = (scanned: string | null) => {
    setNuovoText(scanned);
    setDialog('nuovo');
  };

  /** The barcode of a signed paper copy (issue 10): its declaration is selected in whatever tab it is. */
  const selectPrinted = async (progressivo: number, codiceFiscale: string) => {
    try {
      const found = await api.invoke('declarations.findByCodiceFiscale', { codiceFiscale });
      const row = found.rows.find((r) => r.progressivo === progressivo);
      if (!row) {
        setMessage({
          text: `Modello stampato letto: la dichiarazione ${progressivo} (${codiceFiscale}) non è in questo archivio.`,
          kind: 'error',
        });
        return;
      }
      await goTo(row.id);
      setMessage({ text: `Modello stampato letto: selezionata la dichiarazione ${progressivo} (${codiceFiscale}).`, kind: 'info' });
    } catch (e) {
      setMessage({ text: errorText(e), kind: 'error' });
    }
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
    if (d.kind === 'select') void selectPrinted(d.progressivo, d.codiceFiscale);
    return outcomeOf(d);
  });

  /** Utilità → "Apri cartella stampe" (issue 10): where every print and export is written. */
  const showStampeFolder = async () => {
    setDialog(null);
    try {
      setMessage({ text: await openStampeFolder(api), kind: 'info' });
    } catch (e) {
      setMessage({ text: errorText(e), kind: 'error' });
    }
  };

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
      setMessage({ text: errorText(e), kind: 'error' });
    }
    setTimeout(() => listRef.current?.focus(), 0);
  };

  const askDelete = () => {
    if (!current) return;
    const refusal = deleteRefusal(current.status, current.tipo);
    if (refusal !== null) {
      setMessage({ text: `Dichiarazione ${current.progressivo}: ${refusal}`, kind: 'error' });
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
      setMessage({ text: errorText(e), kind: 'error' });
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

  // Closing the tab or window directly (browser host): while a rettificativa R is not sent the browser asks
  // for confirmation first (p. 103). Kept up to date on every archive change; the Electron shell has its own guard.
  const mustStay = useRef(false);
  useEffect(() => {
    let live = true;
    const refresh = () => {
      api
        .invoke('app.exitCheck', {})
        .then((c) => {
          if (live) mustStay.current = !c.canExit;
        })
        .catch(() => undefined);
    };
    refresh();
    const off = api.on('archive.changed', refresh);
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!mustStay.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      live = false;
      off();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [api]);

  /** "Esci" (p. 103): refused while a rettificativa R is not complete and sent; it then shows the first one. */
  const exit = async () => {
    try {
      const check = await api.invoke('app.exitCheck', {});
      if (!check.canExit) {
        setMessage({ text: check.message ?? 'Non è possibile uscire dal programma ora.', kind: 'error' });
        const first = check.pending[0];
        if (first) void goTo(first.id);
        return;
      }
    } catch (e) {
      setMessage({ text: errorText(e), kind: 'error' });
      return;
    }
    window.close();
    setTimeout(() => setMessage({ text: 'Per uscire chiudere la scheda del browser.', kind: 'info' }), 200);
  };

  // ----- Invio (p. 99): column "S", confirmation, outbox -----
  const tickCount = ticks.ids.size;
  const anyTicked = ticks.all || tickCount > 0;
  const tickColumn: TickColumn = {
    isTicked: (row) => row.status === 'COMPLETA' && (ticks.all || ticks.ids.has(row.id)),
    onToggle: (row) => {
      const plan = planTransition('INVIO', row.status);
      if (!plan.ok) {
        setMessage({ text: `Dichiarazione ${row.progressivo}: ${plan.message}`, kind: 'error' });
        return;
      }
      if (ticks.all) {
        setMessage({ text: 'È attiva «Seleziona tutte le complete»: toglierla per scegliere le singole dichiarazioni.', kind: 'info' });
        return;
      }
      const ids = new Set(ticks.ids);
      if (ids.has(row.id)) ids.delete(row.id);
      else ids.add(row.id);
      setTicks({ all: false, ids });
      setMessage(null);
    },
  };
  const invioReason = anyTicked
    ? null
    : 'Spuntare nella colonna S le dichiarazioni Completa da inviare (Spazio sulla riga), oppure «Seleziona tutte le complete».';

  const askInvio = () => {
    if (invioReason) {
      setMessage({ text: invioReason, kind: 'error' });
      return;
    }
    setDialog('invio');
  };
  const doInvio = async () => {
    setDialog(null);
    setBusy(true);
    try {
      const r = await api.invoke('transmission.send', ticks.all ? { allComplete: true } : { ids: [...ticks.ids] });
      setTicks(NO_TICKS);
      setMessage({ text: invioSummary(r.queued, r.refused.length), kind: r.refused.length > 0 ? 'error' : 'info' });
      if (r.refused.length > 0) {
        setInvioResult(r);
        setDialog('esito-invio');
      }
    } catch (e) {
      setMessage({ text: errorText(e), kind: 'error' });
    } finally {
      setBusy(false);
      setTimeout(() => {
        if (!document.querySelector('[aria-modal="true"]')) listRef.current?.focus();
      }, 0);
    }
  };

  // ----- Modifica of a Trasm.CGN (p. 102) -----
  const ritiroReason = tab === 'SPEDITE' ? ritiroRefusal(current) : null;
  const askRitiro = () => {
    if (!current || ritiroReason) return;
    setActionRow(current);
    setDialog('ritiro');
  };
  const doRitiro = async () => {
    const row = actionRow;
    setDialog(null);
    if (!row) return;
    setBusy(true);
    try {
      const r = await api.invoke('transmission.withdraw', { id: row.id });
      setMessage({
        text: `Dichiarazione ${row.progressivo} ritirata dal CAF: è di nuovo in «Da spedire» (${STATUS_INFO[r.status].label}); va ritrasmessa perché arrivi all'INPS.`,
        kind: 'info',
      });
      openInEditor(r.id);
    } catch (e) {
      setMessage({ text: errorText(e), kind: 'error' });
      listRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  // ----- Correggi (pp. 103–104, 110–111) -----
  const correggiReason =
    tab === 'RICEVUTE' || tab === 'SCARTATE' ? (current ? correggiRefusal(current, RED2009_TRANSMISSION, new Date()) : 'Selezionare una dichiarazione.') : null;
  const askCorreggi = () => {
    if (!current || correggiReason) return;
    setActionRow(current);
    setDialog('correggi');
  };
  const doCorreggi = async (applySuggestedCf: boolean) => {
    const row = actionRow;
    setDialog(null);
    if (!row) return;
    setBusy(true);
    try {
      const r = await api.invoke('transmission.correggi', applySuggestedCf ? { id: row.id, applySuggestedCf: true } : { id: row.id });
      setMessage({ text: r.message, kind: 'info' });
      openInEditor(r.id);
    } catch (e) {
      setMessage({ text: errorText(e), kind: 'error' });
      listRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  // ----- Utilità → Riattiva dichiarazione 9011 (p. 45, 109) -----
  const askRiattiva = () => {
    if (current && current.status === 'SCARTATA' && current.scartoCode === '9011') {
      setActionRow(current);
      setDialog('riattiva');
      return;
    }
    setDialog(null);
    setMessage({
      text: 'Riattiva dichiarazione 9011: selezionare nella scheda Scartate una dichiarazione Scartata con codice 9011, dopo il messaggio del CAF CGN che conferma la matricola, poi scegliere di nuovo la funzione da Utilità.',
      kind: 'error',
    });
    setTimeout(() => listRef.current?.focus(), 0);
  };
  const askSblocca = () => {
    if (current && current.status === 'ERRATA') {
      setActionRow(current);
      setDialog('sblocca');
      return;
    }
    setDialog(null);
    setMessage({
      text: 'Sblocca dichiarazione errata: selezionare nella scheda «Da spedire» la dichiarazione «Errata» bloccata da «Valore diverso da reddito 730», poi scegliere di nuovo la funzione da Utilità, sotto la guida dell\'operatore del CAF.',
      kind: 'error',
    });
    setTimeout(() => listRef.current?.focus(), 0);
  };
  const doRiattiva = async () => {
    const row = actionRow;
    setDialog(null);
    if (!row) return;
    try {
      const r = await api.invoke('transmission.riattiva9011', { id: row.id });
      setMessage({ text: `Dichiarazione ${row.progressivo} riattivata: è ${STATUS_INFO[r.status].label} in «Da spedire», da ritrasmettere al CAF CGN.`, kind: 'info' });
      void goTo(r.id);
    } catch (e) {
      setMessage({ text: errorText(e), kind: 'error' });
      listRef.current?.focus();
    }
  };

  /** From Segnalazioni / Messaggi: close the dialog and go to the declaration. */
  const goFromDialog = (id: number) => {
    setDialog(null);
    void goTo(id);
  };

  const onSyncError = useCallback((text: string) => setMessage({ text, kind: 'error' }), []);
  const { setState: setSyncState } = sync;

  // The latest askInvio for the window-level key handler (it reads the ticks of this render).
  const askInvioRef = useRef(askInvio);
  useEffect(() => {
    askInvioRef.current = askInvio;
  });

  // Keyboard: Alt+N Nuovo, Ctrl+1…4 or Alt+1…4 the tabs, F3 / Ctrl+F the search, Alt+U Utilità, Alt+I Invio, Alt+S Servizi, Alt+A Altri adempimenti.
  // A layout effect: the keys are live before the monitor is first painted (a passive effect runs after the paint,
  // and a key pressed as soon as the list shows — a barcode reader, a fast operator — was lost).
  useLayoutEffect(() => {
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
      } else if (e.altKey && k === 'i' && tab === 'DA_SPEDIRE') {
        e.preventDefault();
        askInvioRef.current();
      } else if (e.altKey && k === 'v') {
        // "Vigilanza" (p. 72), a side link like Segnalazioni.
        e.preventDefault();
        setDialog('vigilanza');
      } else if (e.altKey && k === 'u') {
        e.preventDefault();
        setDialog('utilita');
      } else if (e.altKey && k === 's') {
        e.preventDefault();
        setDialog('servizi');
      } else if (e.altKey && k === 'a') {
        e.preventDefault();
        setDialog('altri');
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

  const closeDialog = () => {
    setDialog(null);
    setActionRow(null);
    setTimeout(() => {
      if (!document.querySelector('[aria-modal="true"]')) listRef.current?.focus();
    }, 0);
  };
  const onDisabledClick = (reason: string) => setMessage({ text: reason, kind: 'error' });

  const searching = Boolean(query.codiceFiscale || query.cognomeNome || query.gruppo.trim() || query.segnalibro.trim());
  const clearSearch = () => {
    setCf('');
    setNome('');
    setGruppo('');
    setSegnalibro('');
  };
  /** A function of one tab only (p. 69): the reason it is disabled on the others. */
  const onlyIn = (t: Tab, label: string): string | null => (tab === t ? null : `«${label}» è disponibile nella scheda «${TAB_LABELS[t]}».`);
  const deleteReason = !current ? 'Selezionare una dichiarazione.' : deleteRefusal(current.status, current.tipo);

  return (
    <>
    <div className="monitor" inert={editing !== null} data-guida={GUIDA_MONITOR_TAB[tab]} onFocusCapture={fieldHelp.onFocusCapture}>
      <section className="archive" aria-label="Archivio dichiarazioni">
        <div className="tabs">
          {/* The tablist holds the tabs only (ARIA); the tab's own tools stand beside it. */}
          <div className="tab-buttons" role="tablist" aria-label="Schede dell'archivio" onKeyDown={onTabKeyDown}>
          {TABS.map((t, i) => (
            <button
              key={t}
              id={`tab-${t}`}
              role="tab"
              type="button"
              aria-selected={t === tab}
              tabIndex={t === tab ? 0 : -1}
              className={t === tab ? 'tab active' : 'tab'}
              data-help={`monitor.tab.${t}`}
              title={`${TAB_LABELS[t]} (Ctrl+${i + 1})`}
              onClick={() => switchTab(t)}
            >
              {TAB_LABELS[t]} <span className="count">{counts[t].toLocaleString('it-IT')}</span>
            </button>
          ))}
          </div>
          {tab === 'RICEVUTE' ? (
            <label className="rettificate">
              <input type="checkbox" data-help="monitor.rettificate" checked={showRettificate} onChange={(e) => setShowRettificate(e.target.checked)} /> Visualizza rettificate
            </label>
          ) : null}
          {tab === 'DA_SPEDIRE' ? (
            <span className="rettificate tick-tools">
              <span className="muted" data-testid="tick-count">
                {ticks.all
                  ? `Selezionate per l'invio: tutte le complete${completeCount === null ? '' : ` (${completeCount.toLocaleString('it-IT')})`}`
                  : `Selezionate per l'invio: ${tickCount.toLocaleString('it-IT')}`}
              </span>
              <label>
                <input
                  type="checkbox"
                  data-help="monitor.tutteComplete"
                  checked={ticks.all}
                  onChange={(e) => {
                    setTicks(e.target.checked ? { all: true, ids: new Set() } : NO_TICKS);
                    setMessage(null);
                  }}
                />{' '}
                Seleziona tutte le complete
              </label>
            </span>
          ) : null}
        </div>
        <div role="tabpanel" aria-labelledby={`tab-${tab}`} className="tabpanel">
          <MonitorList
            total={total}
            rowAt={rowAt}
            selected={selected}
            onSelect={(i) => {
              // Another row: the message of the previous action gives way (e.g. to the red reason of a scarto).
              if (i !== selected) setMessage(null);
              setSelected(i);
            }}
            onDelete={() => tab === 'DA_SPEDIRE' && askDelete()}
            onOpen={openEditor}
            listRef={listRef}
            tick={tab === 'DA_SPEDIRE' ? tickColumn : null}
          />
        </div>
        <div
          className={`message-bar ${error ? 'error' : (message?.kind ?? (current && scartoText(current) ? 'error' : ''))}`}
          role="status"
          aria-live="polite"
          data-testid="message-bar"
        >
          {error ?? message?.text ?? (current ? scartoText(current) : '')}
        </div>
        <section className="search" aria-label="Ricerca dichiarazione">
          <h3>Ricerca dichiarazione</h3>
          <label>
            Codice fiscale
            <input
              ref={cfRef}
              data-help="monitor.ricerca.codiceFiscale"
              value={cf}
              maxLength={16}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setCf(e.target.value.toUpperCase());
                setSelected(-1);
              }}
              onKeyDown={(e) => e.key === 'Escape' && clearSearch()}
              aria-label="Ricerca per codice fiscale"
            />
          </label>
          <label>
            Cognome e nome
            <input
              data-help="monitor.ricerca.cognomeNome"
              value={nome}
              maxLength={100}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => {
                setNome(e.target.value);
                setSelected(-1);
              }}
              onKeyDown={(e) => e.key === 'Escape' && clearSearch()}
              aria-label="Ricerca per cognome e nome"
            />
          </label>
          {/* The note of the declaration (p. 77) as a filter: beginning of the text, upper or lower case alike. */}
          {(
            [
              ['Gruppo', gruppo, setGruppo],
              ['Segnalibro', segnalibro, setSegnalibro],
            ] as const
          ).map(([label, value, set]) => (
            <label key={label}>
              {label}
              <input
                data-help={label === 'Gruppo' ? 'monitor.ricerca.gruppo' : 'monitor.ricerca.segnalibro'}
                value={value}
                maxLength={40}
                size={10}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => {
                  set(e.target.value);
                  setSelected(-1);
                }}
                onKeyDown={(e) => e.key === 'Escape' && clearSearch()}
                aria-label={`Filtra per ${label.toLowerCase()}`}
              />
            </label>
          ))}
          <span className="muted">
            {searching ? searchSummary(tab, total, counts) : dichiarazioni(total)} · ricerche parziali ammesse (inizio del codice fiscale o del
            cognome) · Esc pulisce
          </span>
        </section>
        <Panels id={current?.id ?? null} generation={generation} />
        <HelpArea text={fieldHelp.text} className="monitor-help" />
      </section>

      {/* One fixed column in the order of the guide's table (p. 69) on every tab: a button that does not apply
          stays in its place, disabled with the reason, so the operator's eye and hand never have to search. */}
      <div className="side">
      <aside className="functions" aria-label="Tasti funzione">
        <FunctionButton label="Nuovo" helpId="monitor.fn.nuovo" shortcut="Alt+N" disabledReason={onlyIn('DA_SPEDIRE', 'Nuovo')} onClick={() => openNuovo(null)} />
        <FunctionButton
          label="Modifica" helpId="monitor.fn.modifica"
          shortcut={tab === 'DA_SPEDIRE' ? 'Enter' : undefined}
          disabledReason={
            tab === 'DA_SPEDIRE'
              ? current
                ? null
                : 'Selezionare una dichiarazione.'
              : tab === 'SPEDITE'
                ? busy
                  ? 'Operazione in corso…'
                  : ritiroReason
                : 'Dopo l\'esito dell\'INPS la dichiarazione si cambia con «Correggi» (p. 69).'
          }
          onDisabledClick={onDisabledClick}
          onClick={tab === 'DA_SPEDIRE' ? openEditor : askRitiro}
        />
        <FunctionButton
          label="Correggi" helpId="monitor.fn.correggi"
          disabledReason={
            tab === 'RICEVUTE' || tab === 'SCARTATE'
              ? busy
                ? 'Operazione in corso…'
                : correggiReason
              : '«Correggi» vale per le dichiarazioni Ricevute o Scartate dall\'INPS (p. 69).'
          }
          onDisabledClick={onDisabledClick}
          onClick={askCorreggi}
        />
        <FunctionButton
          label="Visualizza" helpId="monitor.fn.visualizza"
          shortcut={tab !== 'DA_SPEDIRE' ? 'Enter' : undefined}
          disabledReason={tab === 'DA_SPEDIRE' ? 'In «Da spedire» la dichiarazione si apre con «Modifica».' : current ? null : 'Selezionare una dichiarazione.'}
          onDisabledClick={onDisabledClick}
          onClick={openEditor}
        />
        <FunctionButton
          label="Stampa modelli" helpId="monitor.fn.stampaModelli"
          disabledReason={tab === 'SPEDITE' || tab === 'RICEVUTE' ? null : 'La stampa ufficiale è per le dichiarazioni già trasmesse: schede Spedite e Ricevute (p. 105).'}
          onDisabledClick={onDisabledClick}
          onClick={() => setPrintDialog('stampa-modelli')}
        />
        <FunctionButton label="Stampe varie" helpId="monitor.fn.stampeVarie" onClick={() => setPrintDialog('stampe-varie')} />
        <FunctionButton label="Utilità" helpId="monitor.fn.utilita" shortcut="Alt+U" onClick={() => setDialog('utilita')} />
        <FunctionButton label="Esci" helpId="monitor.fn.esci" onClick={() => void exit()} />
        <FunctionButton
          label="Cancella" helpId="monitor.fn.cancella"
          shortcut="Delete"
          disabledReason={onlyIn('DA_SPEDIRE', 'Cancella') ?? deleteReason}
          onDisabledClick={onDisabledClick}
          onClick={askDelete}
        />
        <FunctionButton
          label="Invio" helpId="monitor.fn.invio"
          shortcut="Alt+I"
          disabledReason={onlyIn('DA_SPEDIRE', 'Invio') ?? (busy ? 'Operazione in corso…' : invioReason)}
          onDisabledClick={onDisabledClick}
          onClick={askInvio}
        />
      </aside>
      {/* Servizi (issue 13): a menu of its own below the column, whose order is the guide's. */}
      {/* Altri adempimenti (issue 15, Alt+A) sits below Servizi: the modules besides RED. */}
      <nav className="servizi-bar" aria-label="Menu Servizi">
        <FunctionButton label="Servizi" helpId="monitor.fn.servizi" shortcut="Alt+S" onClick={() => setDialog('servizi')} />
        <FunctionButton label="Altri adempimenti" helpId="monitor.fn.altri" shortcut="Alt+A" onClick={() => setDialog('altri')} />
      </nav>
      </div>

      {dialog === 'nuovo' ? (
        <NuovoDialog
          initialText={nuovoText}
          onClose={() => setDialog(null)}
          // The guide goes on "nelle successive videate": the declaration opens at once (p. 75), also when an
          // existing one is chosen with "Modifica dich." (read-only if it is no longer in "Da spedire").
          onCreated={(id) => {
            setDialog(null);
            setMessage({ text: 'Dichiarazione creata in «Da spedire».', kind: 'info' });
            openInEditor(id);
          }}
          onSelectExisting={(row) => {
            setDialog(null);
            void goTo(row.id).then(() => setEditing({ id: row.id, readOnly: !planTransition('MODIFICA', row.status).ok }));
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
            { label: 'Controllo Dichiarazioni RED', helpId: 'utilita.controllo', onSelect: () => setDialog('controllo') },
            { label: 'Importa file 730', helpId: 'utilita.file730', onSelect: () => setDialog('file730') },
            { label: 'Reinvio dichiarazioni', helpId: 'utilita.reinvio', onSelect: () => setDialog('reinvio') },
            { label: 'Storico trasmissioni', helpId: 'utilita.storico', onSelect: () => setDialog('storico') },
            { label: 'Richiesta duplicato stringa CAF', helpId: 'utilita.duplicato', onSelect: () => (setDialog(null), setPrintDialog('duplicato')) },
            { label: 'Elenco documenti necessari', helpId: 'utilita.elencoDocumenti', onSelect: () => (setDialog(null), setPrintDialog('elenco-documenti')) },
            { label: 'Apri cartella stampe', helpId: 'utilita.cartellaStampe', onSelect: () => void showStampeFolder() },
            capture.unavailable
              ? { label: 'Abilita lettura ottica', helpId: 'utilita.letturaOttica', reason: capture.unavailable }
              : { label: 'Abilita lettura ottica', helpId: 'utilita.letturaOttica', pressed: capture.settings?.enabled ?? false, onSelect: () => void toggleCapture() },
            { label: 'Impostazioni lettore ottico', helpId: 'utilita.impostazioniLettore', onSelect: () => setDialog('lettore') },
            { label: 'Impostazioni collegamento CAF', helpId: 'utilita.collegamento', onSelect: () => setDialog('collegamento') },
            { label: 'Impostazioni copie di sicurezza', helpId: 'utilita.copieSicurezza', onSelect: () => setDialog('copie-sicurezza') },
            { label: 'Riattiva dichiarazione 9011', helpId: 'utilita.riattiva9011', onSelect: askRiattiva },
            { label: 'Sblocca dichiarazione errata', helpId: 'utilita.sblocca', onSelect: askSblocca },
            { label: 'Decodifica codici errore', helpId: 'utilita.decodifica', onSelect: () => setDialog('decodifica') },
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
      {dialog === 'sblocca' && actionRow ? (
        <SbloccaDialog
          id={actionRow.id}
          onClose={() => setDialog(null)}
          onDone={(r) => {
            setDialog(null);
            setMessage({ text: sbloccoDoneText(r), kind: 'info' });
            void goTo(r.id);
          }}
        />
      ) : null}
      {dialog === 'file730' ? <File730Dialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'invio' ? (
        <InvioConfirm
          count={ticks.all ? { all: completeCount } : tickCount}
          sync={sync.state}
          onConfirm={() => void doInvio()}
          onCancel={() => {
            setDialog(null);
            listRef.current?.focus();
          }}
        />
      ) : null}
      {dialog === 'esito-invio' && invioResult ? (
        <InvioEsitoDialog
          result={invioResult}
          onClose={() => {
            setDialog(null);
            setInvioResult(null);
            listRef.current?.focus();
          }}
        />
      ) : null}
      {dialog === 'ritiro' && actionRow ? <RitiroConfirm row={actionRow} onConfirm={() => void doRitiro()} onCancel={closeDialog} /> : null}
      {dialog === 'correggi' && actionRow ? <CorreggiDialog row={actionRow} onConfirm={(apply) => void doCorreggi(apply)} onCancel={closeDialog} /> : null}
      {dialog === 'riattiva' && actionRow ? <Riattiva9011Confirm row={actionRow} onConfirm={() => void doRiattiva()} onCancel={closeDialog} /> : null}
      {dialog === 'reinvio' ? <ReinvioDialog onClose={closeDialog} /> : null}
      {dialog === 'storico' ? <StoricoDialog onClose={closeDialog} /> : null}
      {dialog === 'collegamento' ? (
        <CollegamentoDialog
          onClose={closeDialog}
          onSaved={() => {
            closeDialog();
            setMessage({ text: 'Impostazioni del collegamento al CAF salvate.', kind: 'info' });
          }}
        />
      ) : null}
      {dialog === 'segnalazioni' ? <SegnalazioniDialog onClose={closeDialog} onOpen={goFromDialog} /> : null}
      {dialog === 'messaggi' ? <MessaggiDialog onClose={closeDialog} onOpen={goFromDialog} /> : null}
      {dialog === 'vigilanza' ? <VigilanzaDialog onClose={closeDialog} onOpen={goFromDialog} /> : null}
      {dialog === 'circolari' ? <CircolariDialog onClose={closeDialog} /> : null}
      {dialog === 'assistenza' ? (
        <AssistenzaDialog onClose={closeDialog} declaration={current && SENT_TO_CAF.has(current.status) ? { id: current.id, progressivo: current.progressivo } : null} />
      ) : null}
      {dialog === 'lettore' ? (
        <CaptureSettingsDialog
          onClose={() => setDialog(null)}
          onSaved={(s) => {
            setDialog(null);
            setMessage({ text: `Impostazioni del lettore salvate; lettura ottica ${s.enabled ? 'attiva' : 'disattivata'}.`, kind: 'info' });
          }}
        />
      ) : null}
      {dialog === 'altri' ? <AltriAdempimentiMenu entries={['inail-dna', 'flussi-ca', 'dm20']} onClose={closeDialog} onOpen={(m) => setDialog(m)} /> : null}
      {dialog === 'inail-dna' ? <DnaDialog onClose={closeDialog} /> : null}
      {dialog === 'flussi-ca' ? <FlussiCaDialog onClose={closeDialog} /> : null}
      {dialog === 'dm20' ? <Dm20Dialog onClose={closeDialog} /> : null}
      {dialog === 'servizi' ? <ServiziMenu onClose={closeDialog} onMessage={(text, kind) => setMessage({ text, kind })} current={current ? { id: current.id, progressivo: current.progressivo } : null} /> : null}
      {dialog === 'copie-sicurezza' ? (
        <CopieSicurezzaDialog
          onClose={closeDialog}
          onSaved={(s) => {
            closeDialog();
            setMessage({ text: `Impostazioni delle copie di sicurezza salvate: una copia ogni ${s.intervalHours} ore, conservate le ultime ${s.keep}.`, kind: 'info' });
          }}
        />
      ) : null}
      {printDialog ? <PrintDialogs kind={printDialog} tab={tab} current={current ?? null} onClose={() => setPrintDialog(null)} /> : null}
    </div>
    <SyncStatusBar
      state={sync.state}
      loadError={sync.error}
      onSynced={setSyncState}
      onError={onSyncError}
      onMessaggi={() => setDialog('messaggi')}
      onSegnalazioni={() => setDialog('segnalazioni')}
      onCircolari={() => setDialog('circolari')}
      onAssistenza={() => setDialog('assistenza')}
      onVigilanza={() => setDialog('vigilanza')}
      onSettings={() => setDialog('collegamento')}
      inert={editing !== null || undefined}
    />
    {editing ? <DeclarationEditor key={editing.id} id={editing.id} readOnly={editing.readOnly} onClose={closeEditor} /> : null}
    </>
  );
}
