import { useEffect, useId, useState } from 'react';
import { MAX_ELENCO_CHARS, type CaDifferenza, type CaEstrazione, type CaRiga, type CaVista } from '#shared/modules/flussi-ca/api';
import { decodeProgressivo } from '#shared/modules/flussi-ca/elenco';
import { formatCentesimi, isoToIt } from '#shared/util/italian-input';
import { useApi } from '../../api-client/context';
import { errorText } from '../../api-client/error-text';
import { Dialog } from '../../components/Dialog';
import { deliverFile } from '../../print/deliver';
import { StatusLines } from '../../components/StatusLines';

type View = CaVista | 'differenze';
const VIEWS: readonly (readonly [View, string])[] = [
  ['regioni', 'Totali per regione'],
  ['contributi', 'Totali per codice contributo'],
  ['ditte', 'Totali per ditta'],
  ['righe', 'Incassi'],
  ['differenze', 'Differenze'],
];
const KEY_HEADER: Readonly<Record<Exclude<CaVista, 'righe'>, string>> = { regioni: 'Regione', contributi: 'Codice contributo', ditte: 'Codice ditta' };
const TIPO = { NUOVO: 'Nuovo incasso', VARIATO: 'Importo variato', TOLTO: 'Non più presente' } as const;
const euro = (c: number | null) => (c === null ? '—' : formatCentesimi(c));
const estrazioneLabel = (e: CaEstrazione) => `Convenzione ${e.convenzione} ${e.descrizione} — anno ${e.anno} — estrazione del ${isoToIt(e.dataEstrazione)}`;

/**
 * Altri adempimenti → "Flussi incassi C.A." (issue 15 points 4–6): "Importa elenco" of the list downloaded from
 * Punto Cliente; the newest extraction of each convenzione and year, its totals by region, codice contributo and
 * ditta, the payments of a ditta, what changed since the extraction it replaced; exports as in "Stampe varie"; the
 * decoding of a progressivo di pagamento.
 */
export function FlussiCaDialog(props: { onClose: () => void }) {
  const api = useApi();
  const fileId = useId();
  const estrId = useId();
  const dittaId = useId();
  const progId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [estrazioni, setEstrazioni] = useState<CaEstrazione[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [view, setView] = useState<View>('regioni');
  const [ditta, setDitta] = useState('');
  const [rows, setRows] = useState<CaRiga[]>([]);
  const [diff, setDiff] = useState<CaDifferenza[]>([]);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const [progressivo, setProgressivo] = useState('');

  useEffect(() => {
    let live = true;
    api.invoke('ca.estrazioni', {}).then(
      (r) => {
        if (!live) return;
        setEstrazioni(r.rows);
        setChosen((c) => (r.rows.some((x) => x.id === c) ? c : (r.rows[0]?.id ?? null)));
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, reload]);
  const dittaQuery = /^\d{1,9}$/.test(ditta.trim()) ? ditta.trim() : undefined;
  useEffect(() => {
    let live = true;
    if (chosen !== null) {
      const t = setTimeout(() => {
        const call =
          view === 'differenze'
            ? api.invoke('ca.differenze', { estrazioneId: chosen }).then((r) => live && setDiff(r.rows))
            : api.invoke('ca.vista', { estrazioneId: chosen, vista: view, ...(dittaQuery ? { ditta: dittaQuery } : {}) }).then((r) => live && setRows(r.rows));
        call.catch((e: unknown) => live && setError(errorText(e)));
      }, 120);
      return () => {
        live = false;
        clearTimeout(t);
      };
    }
    return () => {
      live = false;
    };
  }, [api, chosen, view, dittaQuery, reload]);

  const current = estrazioni?.find((e) => e.id === chosen) ?? null;
  const importa = async () => {
    if (!file || busy) return;
    setBusy(true);
    setError(null);
    setStatus(`Lettura di ${file.name}…`);
    try {
      if (file.size > MAX_ELENCO_CHARS) throw new Error(`${file.name}: file troppo grande (al massimo ${Math.floor(MAX_ELENCO_CHARS / 1000)} kB).`);
      const r = await api.invoke('ca.importa', { fileName: file.name.slice(0, 255), text: await file.text() });
      const e = r.estrazione;
      const d = r.differenze;
      setStatus(
        `Elenco ${file.name} importato: ${estrazioneLabel(e)}, ${e.righe} incassi, totale ${formatCentesimi(e.totaleCent)} €.` +
          (d && e.precedenteData ? ` Sostituisce l'estrazione del ${isoToIt(e.precedenteData)}: ${d.nuovi} nuovi incassi, ${d.variati} importi variati, ${d.tolti} non più presenti.` : ''),
      );
      setChosen(e.id);
      if (d) setView('differenze');
      setReload((n) => n + 1);
    } catch (e) {
      setStatus('');
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const esporta = async (format: 'xlsx' | 'csv') => {
    if (chosen === null || view === 'differenze') return;
    setError(null);
    try {
      const r = await api.invoke('ca.esporta', { estrazioneId: chosen, vista: view, format, ...(dittaQuery ? { ditta: dittaQuery } : {}) });
      const how = await deliverFile(api, r.file).catch((e: unknown) => errorText(e));
      setStatus(`Esportazione ${r.file.name} (${r.file.rows ?? 0} righe) nella cartella stampe: ${r.file.path}. ${how}`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const decoded = progressivo.trim() === '' ? null : decodeProgressivo(progressivo);
  const total = rows.reduce((s, r) => s + r.importoCent, 0);

  return (
    <Dialog title="Flussi incassi C.A. (INAIL)" onCancel={props.onClose} guida="flussi-ca" className="storico-dialog">
      <p className="ca-banner" role="note" aria-label="Dati non definitivi">
        Dati non definitivi: gli incassi sono quelli pervenuti all'INAIL con il modello F24, senza alcun controllo dell'Istituto. I dati definitivi sono nella
        «Rendicontazione annuale».
      </p>
      <div className="search">
        <label htmlFor={fileId}>Elenco da importare</label>
        <input id={fileId} type="file" accept=".txt,text/plain" data-help="ca.file" data-autofocus onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="button" data-help="ca.importa" disabled={!file || busy} onClick={() => void importa()}>
          Importa elenco
        </button>
      </div>
      <StatusLines status={status} error={error} />
      {estrazioni && estrazioni.length === 0 ? <p className="muted">Nessun elenco importato.</p> : null}
      {current ? (
        <>
          <div className="search">
            <label htmlFor={estrId}>Estrazione</label>
            <select id={estrId} data-help="ca.estrazione" value={chosen ?? ''} onChange={(e) => setChosen(Number(e.target.value))}>
              {(estrazioni ?? []).map((e) => (
                <option key={e.id} value={e.id}>
                  {estrazioneLabel(e)}
                </option>
              ))}
            </select>
            <label htmlFor={dittaId}>Ricerca per codice ditta</label>
            <input id={dittaId} data-help="ca.ditta" value={ditta} maxLength={9} inputMode="numeric" autoComplete="off" onChange={(e) => setDitta(e.target.value)} />
          </div>
          <fieldset className="search" data-help="ca.vista">
            <legend>Vista</legend>
            {VIEWS.map(([v, label]) => (
              <label key={v}>
                <input type="radio" name="ca-vista" data-help="ca.vista" checked={view === v} disabled={v === 'differenze' && current.precedenteId === null} onChange={() => setView(v)} /> {label}
              </label>
            ))}
          </fieldset>
          <div className="codes ca-views">
            {view === 'differenze' ? (
              current.precedenteId === null ? (
                <p className="muted">È la prima estrazione di questa convenzione e anno: nessuna differenza.</p>
              ) : (
                <table aria-label={`Differenze rispetto all'estrazione del ${isoToIt(current.precedenteData)}`}>
                  <caption>Differenze rispetto all'estrazione del {isoToIt(current.precedenteData)}</caption>
                  <thead>
                    <tr>
                      <th>Variazione</th>
                      <th>Regione</th>
                      <th>Codice ditta</th>
                      <th>Codice contributo</th>
                      <th>Data pagamento</th>
                      <th className="num">Prima</th>
                      <th className="num">Ora</th>
                    </tr>
                  </thead>
                  <tbody>
                    {diff.map((d) => (
                      <tr key={`${d.tipo}-${d.codiceDitta}-${d.codiceContributo}-${d.dataPagamento}`}>
                        <td>{TIPO[d.tipo]}</td>
                        <td>{d.regione}</td>
                        <td className="mono">{d.codiceDitta}</td>
                        <td className="mono">{d.codiceContributo}</td>
                        <td>{isoToIt(d.dataPagamento)}</td>
                        <td className="num">{euro(d.primaCent)}</td>
                        <td className="num">{euro(d.dopoCent)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )
            ) : (
              <table aria-label={VIEWS.find(([v]) => v === view)?.[1] ?? ''}>
                <thead>
                  {view === 'righe' ? (
                    <tr>
                      <th>Regione</th>
                      <th>Codice ditta</th>
                      <th>Codice contributo</th>
                      <th className="num">Importo incasso</th>
                      <th>Data pagamento</th>
                    </tr>
                  ) : (
                    <tr>
                      <th>{KEY_HEADER[view]}</th>
                      <th className="num">Incassi</th>
                      <th className="num">Importo</th>
                    </tr>
                  )}
                </thead>
                <tbody>
                  {rows.map((r, i) =>
                    view === 'righe' ? (
                      <tr key={i}>
                        <td>{r.regione}</td>
                        <td className="mono">{r.chiave}</td>
                        <td className="mono">{r.codiceContributo}</td>
                        <td className="num">{euro(r.importoCent)}</td>
                        <td>{isoToIt(r.dataPagamento)}</td>
                      </tr>
                    ) : (
                      <tr key={r.chiave}>
                        <td className="mono">{r.chiave}</td>
                        <td className="num">{r.incassi}</td>
                        <td className="num">{euro(r.importoCent)}</td>
                      </tr>
                    ),
                  )}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Totale{dittaQuery ? ` ditta ${dittaQuery}` : ''}</th>
                    {view === 'righe' ? <td /> : null}
                    {view === 'righe' ? <td /> : <td className="num">{rows.reduce((s, r) => s + r.incassi, 0)}</td>}
                    <td className="num">{euro(total)}</td>
                    {view === 'righe' ? <td /> : null}
                  </tr>
                </tfoot>
              </table>
            )}
          </div>
          <div className="search">
            <button type="button" data-help="ca.esportaXlsx" disabled={view === 'differenze'} onClick={() => void esporta('xlsx')}>
              Esporta .xlsx
            </button>
            <button type="button" data-help="ca.esportaCsv" disabled={view === 'differenze'} onClick={() => void esporta('csv')}>
              Esporta .csv
            </button>
          </div>
        </>
      ) : null}
      <div className="search">
        <label htmlFor={progId}>Progressivo di pagamento</label>
        <input id={progId} data-help="ca.progressivo" value={progressivo} maxLength={6} inputMode="numeric" autoComplete="off" onChange={(e) => setProgressivo(e.target.value)} />
        <output htmlFor={progId} aria-live="polite">
          {decoded === null
            ? 'es. 710328'
            : decoded.ok
              ? `anno di competenza ${decoded.value.anno} (autoliquidazione ${decoded.value.autoliquidazione}, prefisso ${decoded.value.prefisso}), convenzione ${decoded.value.convenzione}`
              : decoded.message}
        </output>
      </div>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
