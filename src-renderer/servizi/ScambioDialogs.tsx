import { useEffect, useId, useState } from 'react';
import type { ApiOutput } from '#shared/api/contract';
import type { ExchangeKind } from '#shared/exchange/format';
import type { ExchangeSelection, RestoreChoice, RestorePlan } from '#shared/exchange/api';
import { STATUS_INFO, STATUSES, type Status } from '#shared/status/statuses';
import { formatDateTime } from '#shared/util/italian-time';
import { useApi } from '../api-client/context';
import { storedToken } from '../api-client/client';
import { errorText } from '../api-client/error-text';
import { Dialog } from '../components/Dialog';
import { dichiarazioni } from '../transmission/format';

type Say = (text: string, kind: 'error' | 'info') => void;

/** Pieces of at most 48 kB of the file (64 kB in base64): well under the browser host's limit per call. */
const PIECE_BYTES = 48 * 1024;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Browser host: the copy just written is also offered as a download (Electron: it is in the folder chosen). */
async function download(path: string, fileName: string): Promise<void> {
  const token = storedToken();
  if (token === null) return;
  const res = await fetch(path, { headers: { 'X-Red-Desk-Token': token } });
  if (!res.ok) throw new Error(`Download di ${fileName} non riuscito (${res.status}).`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const TITLES: Readonly<Record<ExchangeKind, string>> = {
  CENTRO: 'Copia per il Centro di Elaborazione',
  CAF: 'Copia archivi da inviare al CAF',
};

/**
 * "Copia per il Centro di Elaborazione" and "Copia archivi da inviare al CAF": which declarations, the passphrase
 * (typed twice), the folder (a USB stick's, or the desk's «scambio» folder when left empty). One file is written.
 */
export function CopiaDialog(props: { kind: ExchangeKind; currentId: number | null; currentProgressivo: number | null; onClose: () => void; onMessage: Say }) {
  const api = useApi();
  const ids = { pass: useId(), again: useId(), folder: useId() };
  const [scelta, setScelta] = useState<'TUTTE' | 'STATI' | 'SCELTA'>('TUTTE');
  const [stati, setStati] = useState<Status[]>(['COMPLETA']);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [folder, setFolder] = useState('');
  const [dataDir, setDataDir] = useState<string | null>(null);
  const [canChoose, setCanChoose] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke('app.info', {}).then(
      (i) => {
        if (!live) return;
        setDataDir(i.dataDir);
        setCanChoose(i.scegliCartella);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  const selection: ExchangeSelection =
    scelta === 'TUTTE' ? { tipo: 'TUTTE' } : scelta === 'STATI' ? { tipo: 'STATI', stati } : { tipo: 'SCELTE', ids: props.currentId === null ? [] : [props.currentId] };
  const copy = async () => {
    setError(null);
    if (pass.length < 10) return setError('La passphrase deve avere almeno 10 caratteri.');
    if (pass !== again) return setError('Le due passphrase non coincidono: riscriverle.');
    if (scelta === 'STATI' && stati.length === 0) return setError('Scegliere almeno uno stato.');
    setBusy(true);
    try {
      const r: ApiOutput<'exchange.copy'> = await api.invoke('exchange.copy', { kind: props.kind, selection, passphrase: pass, folder });
      if (r.downloadPath) await download(r.downloadPath, r.fileName);
      props.onClose();
      props.onMessage(
        `${TITLES[props.kind]}: ${dichiarazioni(r.declarations)} in ${r.file}${r.excluded > 0 ? ` (${dichiarazioni(r.excluded)} non complete escluse)` : ''}. Comunicare la passphrase al destinatario per altra via.`,
        'info',
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog title={TITLES[props.kind]} onCancel={props.onClose} guida="servizi" className="scambio-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void copy();
        }}
      >
        <fieldset>
          <legend>Dichiarazioni da copiare</legend>
          <label>
            <input type="radio" name="scelta" data-help="scambio.tutte" data-autofocus checked={scelta === 'TUTTE'} onChange={() => setScelta('TUTTE')} /> Tutte
            {props.kind === 'CAF' ? ' (le non complete restano fuori)' : ''}
          </label>
          <label>
            <input type="radio" name="scelta" data-help="scambio.perStato" checked={scelta === 'STATI'} onChange={() => setScelta('STATI')} /> Solo negli stati scelti
          </label>
          <label className={props.currentId === null ? 'muted' : undefined}>
            <input type="radio" name="scelta" data-help="scambio.selezionata" disabled={props.currentId === null} checked={scelta === 'SCELTA'} onChange={() => setScelta('SCELTA')} /> Solo la
            dichiarazione selezionata nel monitor{props.currentProgressivo !== null ? ` (progressivo ${props.currentProgressivo})` : ''}
          </label>
        </fieldset>
        {scelta === 'STATI' ? (
          <fieldset className="scambio-stati">
            <legend>Stati</legend>
            {STATUSES.map((s) => (
              <label key={s}>
                <input
                  type="checkbox"
                  data-help="scambio.stato"
                  checked={stati.includes(s)}
                  onChange={(e) => setStati((x) => (e.target.checked ? [...x, s] : x.filter((y) => y !== s)))}
                />{' '}
                {STATUS_INFO[s].label}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="form-grid">
          <label htmlFor={ids.pass}>Passphrase</label>
          <input id={ids.pass} type="password" data-help="scambio.passphrase" autoComplete="new-password" value={pass} onChange={(e) => {
              setPass(e.target.value);
              setError(null);
            }} />
          <label htmlFor={ids.again}>Ripeti passphrase</label>
          <input id={ids.again} type="password" data-help="scambio.passphrase2" autoComplete="new-password" value={again} onChange={(e) => {
              setAgain(e.target.value);
              setError(null);
            }} />
          <label htmlFor={ids.folder}>Cartella di destinazione</label>
          <input
            id={ids.folder}
            data-help="scambio.cartella"
            value={folder}
            placeholder={dataDir ? `${dataDir}/scambio` : ''}
            spellCheck={false}
            onChange={(e) => setFolder(e.target.value)}
          />
          {canChoose ? (
            <button
              type="button"
              className="folder-choose"
              data-help="scambio.sfoglia"
              onClick={() => {
                api.invoke('exchange.chooseFolder', {}).then(
                  (r) => {
                    if (r.folder !== null) setFolder(r.folder);
                  },
                  (e: unknown) => setError(errorText(e)),
                );
              }}
            >
              Sfoglia…
            </button>
          ) : null}
        </div>
        <p className="muted">
          {props.kind === 'CAF'
            ? 'La passphrase è quella indicata dal CAF per le copie archivi. '
            : 'La passphrase va concordata con il Centro di Elaborazione e comunicata per altra via, mai insieme al file. '}
          Cartella vuota: la sottocartella «scambio» della cartella dei dati{storedToken() !== null ? ' (dal browser il file viene anche scaricato)' : ''}.
        </p>
        {busy ? <p role="status">Copia in corso…</p> : null}
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-buttons">
          <button type="submit" data-help="scambio.copia" disabled={busy}>
            Copia
          </button>
          <button type="button" onClick={props.onClose}>
            Annulla
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const CHOICE_LABELS: Readonly<Record<RestoreChoice, string>> = { SALTA: 'Non ripristinare', NUOVA: 'Aggiungi come nuova' };

/**
 * "Ripristino da Centro di Raccolta": the file (the system's file dialog, in Electron as in the browser) and its
 * passphrase; then what restoring it would do, with a choice for every declaration already here; then the restore,
 * all or nothing.
 */
export function RipristinoDialog(props: { onClose: () => void; onMessage: Say }) {
  const api = useApi();
  const ids = { file: useId(), pass: useId() };
  const [file, setFile] = useState<File | null>(null);
  const [pass, setPass] = useState('');
  const [plan, setPlan] = useState<RestorePlan | null>(null);
  const [choices, setChoices] = useState<Record<string, RestoreChoice>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const read = async () => {
    if (!file) return setError('Scegliere il file da ripristinare.');
    setError(null);
    setBusy(`Lettura di ${file.name}…`);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let uploadId: string | undefined;
      for (let at = 0; at === 0 || at < bytes.length; at += PIECE_BYTES) {
        const r = await api.invoke('exchange.upload', {
          uploadId,
          fileName: file.name.slice(0, 255),
          chunk: toBase64(bytes.subarray(at, at + PIECE_BYTES)),
          last: at + PIECE_BYTES >= bytes.length,
        });
        uploadId = r.uploadId;
      }
      const p = await api.invoke('exchange.plan', { uploadId: uploadId as string, passphrase: pass });
      setPlan(p);
      setChoices(Object.fromEntries(p.conflitti.map((c) => [String(c.indice), 'SALTA' as RestoreChoice])));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };
  const restore = async () => {
    if (!plan) return;
    setError(null);
    setBusy('Ripristino in corso…');
    try {
      const r = await api.invoke('exchange.restore', { token: plan.token, scelte: choices });
      props.onClose();
      props.onMessage(
        r.aggiunte > 0
          ? `Ripristino da ${plan.sportello}: ${dichiarazioni(r.aggiunte)} aggiunte (progressivi ${r.primoProgressivo}–${r.ultimoProgressivo})${r.saltate > 0 ? `, ${r.saltate} non ${r.saltate === 1 ? 'ripristinata' : 'ripristinate'} per scelta` : ''}${r.giaPresenti > 0 ? `, ${r.giaPresenti} già ${r.giaPresenti === 1 ? 'presente' : 'presenti'}` : ''}.`
          : `Ripristino da ${plan.sportello}: nessuna dichiarazione aggiunta${r.giaPresenti > 0 ? ` (${r.giaPresenti} già ${r.giaPresenti === 1 ? 'presente' : 'presenti'})` : ''}.`,
        'info',
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  // A new dialog once the file is read: the focus goes to the first choice to make, or to «Ripristina».
  return (
    <Dialog key={plan ? 'piano' : 'file'} title="Ripristino da Centro di Raccolta" onCancel={props.onClose} guida="servizi" className="scambio-dialog">
      {plan === null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void read();
          }}
        >
          <div className="form-grid">
            <label htmlFor={ids.file}>File da ripristinare</label>
            <input id={ids.file} type="file" accept=".zip" data-help="ripristino.file" data-autofocus onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <label htmlFor={ids.pass}>Passphrase</label>
            <input id={ids.pass} type="password" data-help="ripristino.passphrase" autoComplete="off" value={pass} onChange={(e) => setPass(e.target.value)} />
          </div>
          <p className="muted">Il file viene controllato per intero prima di toccare l'archivio: se è incompleto, alterato, di un'altra campagna o la passphrase è errata non cambia nulla.</p>
          {busy ? <p role="status">{busy}</p> : null}
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog-buttons">
            <button type="submit" data-help="ripristino.leggi" disabled={busy !== null}>
              Leggi il file
            </button>
            <button type="button" onClick={props.onClose}>
              Annulla
            </button>
          </div>
        </form>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void restore();
          }}
        >
          <p role="status">
            File {plan.fileName} dello sportello <b>{plan.sportello}</b> del {formatDateTime(plan.creato)}: {dichiarazioni(plan.dichiarazioni)}.
            {plan.giaLetto ? ` Già letto il ${formatDateTime(plan.giaLetto)}.` : ''}
          </p>
          <ul className="scambio-riepilogo">
            <li>Da aggiungere: {plan.nuove}</li>
            <li>Già presenti in questo archivio (non cambiano): {plan.giaPresenti}</li>
            <li>Già spedite dallo sportello d'origine (mantengono lo stato, non si inviano di nuovo): {plan.giaSpedite}</li>
            <li>Già presenti con la stessa matricola o lo stesso codice fiscale (scegliere): {plan.conflitti.length}</li>
          </ul>
          {plan.conflitti.length > 0 ? (
            <div className="codes">
              <table aria-label="Dichiarazioni già presenti">
                <thead>
                  <tr>
                    <th>Nel file</th>
                    <th>Codice fiscale</th>
                    <th>Cognome e nome</th>
                    <th>Già in archivio</th>
                    <th>Scelta</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.conflitti.map((c, k) => (
                    <tr key={c.indice}>
                      <td>
                        prog. {c.progressivoOrigine}, {STATUS_INFO[c.status].label}
                      </td>
                      <td>{c.codiceFiscale}</td>
                      <td>{c.cognomeNome}</td>
                      <td>
                        {c.motivo === 'MATRICOLA' ? 'stessa matricola' : 'stesso codice fiscale'}:{' '}
                        {c.esistenti.map((x) => `prog. ${x.progressivo} (${STATUS_INFO[x.status].label})`).join(', ')}
                      </td>
                      <td>
                        <select
                          aria-label={`Scelta per il progressivo ${c.progressivoOrigine} di ${c.sportello}`}
                          data-help="ripristino.scelta"
                          data-autofocus={k === 0 ? true : undefined}
                          value={choices[String(c.indice)] ?? 'SALTA'}
                          onChange={(e) => setChoices((x) => ({ ...x, [String(c.indice)]: e.target.value as RestoreChoice }))}
                        >
                          {(['SALTA', 'NUOVA'] as const).map((k) => (
                            <option key={k} value={k}>
                              {CHOICE_LABELS[k]}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {busy ? <p role="status">{busy}</p> : null}
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="dialog-buttons">
            <button type="submit" data-help="ripristino.conferma" data-autofocus={plan.conflitti.length === 0 ? true : undefined} disabled={busy !== null}>
              Ripristina
            </button>
            <button type="button" onClick={props.onClose}>
              Annulla
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
