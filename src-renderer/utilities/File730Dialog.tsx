import { useEffect, useId, useRef, useState } from 'react';
import type { ApiOutput } from '#shared/api/contract';
import { UPLOAD_CHUNK_CHARS, type List730Row } from '#shared/import730/api';
import { formatDateTime } from '#shared/util/italian-time';
import { isoToIt } from '#shared/util/italian-input';
import { useApi } from '../api-client/context';
import { errorText } from '../api-client/error-text';
import { Dialog } from '../components/Dialog';

const PAGE = 100;
const STATO_LABELS: Readonly<Record<List730Row['stato'], string>> = {
  TRASM_CGN: 'Trasm.CGN',
  IN_LAVORAZIONE: 'In lavorazione',
  ANNULLATO: 'Annullato',
};

type Result = NonNullable<ApiOutput<'files730.upload'>['result']>;

/**
 * Utilità → "Importa file 730" (issue 12, 730-file.md): the file chosen (the system's file dialog, in Electron as in
 * the browser) is read whole or refused with the line and field at fault; below, the 730s held on the desk,
 * searchable by codice fiscale (dichiarante or coniuge dichiarante), with the replaced ones on request.
 */
export function File730Dialog(props: { onClose: () => void }) {
  const api = useApi();
  const fileId = useId();
  const cfId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cf, setCf] = useState('');
  const [storico, setStorico] = useState(false);
  const [reload, setReload] = useState(0);
  const [list, setList] = useState<ApiOutput<'files730.list'> | null>(null);

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      api
        .invoke('files730.list', { codiceFiscale: cf.trim().toUpperCase().slice(0, 16) || undefined, storico, offset: 0, limit: PAGE })
        .then((r) => live && setList(r))
        .catch((e: unknown) => live && setError(errorText(e)));
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, cf, storico, reload]);

  const importa = async () => {
    if (!file || busy) return;
    setError(null);
    setDone(null);
    setBusy(`Lettura di ${file.name}…`);
    try {
      const text = await file.text();
      let uploadId: string | undefined;
      let result: Result | null = null;
      for (let at = 0; ; at += UPLOAD_CHUNK_CHARS) {
        const chunk = text.slice(at, at + UPLOAD_CHUNK_CHARS);
        const last = at + UPLOAD_CHUNK_CHARS >= text.length;
        const r = await api.invoke('files730.upload', { uploadId, fileName: file.name.slice(0, 255), chunk, last });
        uploadId = r.uploadId;
        if (last) {
          result = r.result;
          break;
        }
      }
      setDone(result);
      setReload((n) => n + 1);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const rows = list?.rows ?? [];
  return (
    <Dialog title="Importa file 730" onCancel={props.onClose} className="storico-dialog" guida="importazione-730">
      <div className="search">
        <label htmlFor={fileId}>File 730</label>
        <input
          id={fileId}
          ref={fileInput}
          type="file"
          accept=".txt,.730,text/plain"
          data-help="file730.file"
          data-autofocus
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setDone(null);
            setError(null);
          }}
        />
        <button type="button" data-help="file730.importa" disabled={!file || busy !== null} onClick={() => void importa()}>
          Importa
        </button>
      </div>
      <p className="muted">Formato RED730 versione 1: il file è letto per intero oppure rifiutato; un 730 più recente per lo stesso codice fiscale e modello sostituisce il precedente, che resta nello storico.</p>
      <p role="status">
        {busy ??
          (done
            ? `File ${done.fileName} letto: ${done.count.toLocaleString('it-IT')} 730 memorizzati${done.replaced > 0 ? `, ${done.replaced.toLocaleString('it-IT')} sostituiti (restano nello storico)` : ''}.`
            : '')}
      </p>
      {error ? <p className="error" role="alert">{error}</p> : null}
      <div className="search">
        <label htmlFor={cfId}>Ricerca per codice fiscale</label>
        <input id={cfId} data-help="file730.ricerca" value={cf} maxLength={16} autoComplete="off" spellCheck={false} onChange={(e) => setCf(e.target.value)} />
        <label>
          <input type="checkbox" data-help="file730.storico" checked={storico} onChange={(e) => setStorico(e.target.checked)} /> Mostra anche i 730 sostituiti
        </label>
      </div>
      <p className="muted">
        {list
          ? list.total === 0
            ? 'Nessun 730 in archivio per la ricerca.'
            : `${list.total.toLocaleString('it-IT')} 730 in archivio${list.total > rows.length ? `; mostrati i primi ${rows.length}` : ''}.`
          : 'Caricamento…'}
      </p>
      {rows.length > 0 ? (
        <div className="codes">
          <table aria-label="730 in archivio">
            <thead>
              <tr>
                <th>Modello</th>
                <th>Codice fiscale dichiarante</th>
                <th>Coniuge dichiarante</th>
                <th>Stato</th>
                <th>Data stato</th>
                <th className="num">Righe</th>
                <th>File</th>
                <th>Letto il</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.replacedAt ? 'muted' : undefined}>
                  <td>{r.modello}</td>
                  <td className="mono">{r.cfDichiarante}</td>
                  <td className="mono">{r.cfConiuge ?? '—'}</td>
                  <td>{r.replacedAt ? `Sostituito il ${formatDateTime(r.replacedAt)}` : STATO_LABELS[r.stato]}</td>
                  <td>{isoToIt(r.dataStato)}</td>
                  <td className="num">{r.righe}</td>
                  <td>{r.fileName}</td>
                  <td>{formatDateTime(r.readAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
