import { useEffect, useId, useState } from 'react';
import { MAX_DNA_FILE_CHARS, type DnaDatoreRow, type DnaDenunciaRow, type DnaFileRow } from '#shared/modules/inail-dna/api';
import { isoToIt } from '#shared/util/italian-input';
import { formatDateTime } from '#shared/util/italian-time';
import { useApi } from '../../api-client/context';
import { errorText } from '../../api-client/error-text';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { deliverFile } from '../../print/deliver';
import { DatoreForm, DenunciaForm } from './forms';
import { StatusFooter, StatusLines } from '../../components/StatusLines';
import { useRun } from '../../components/useRun';

type Sub = { kind: 'datore'; row: DnaDatoreRow | null } | { kind: 'denuncia'; row: DnaDenunciaRow | null } | { kind: 'elimina'; row: DnaDenunciaRow } | { kind: 'files' } | null;

const worker = (d: DnaDenunciaRow) => (d.straniero ? `${d.cognome} ${d.nome} (straniero senza c.f.)` : d.cfLavoratore);

/**
 * Altri adempimenti → "Denuncia nominativa assicurati" (INAIL DNA, issue 15 points 1–3): the employers and their
 * notices; "Crea file" puts the notices not yet sent into a …inail_dna.txt file in stampe/ (read back and checked by
 * the core before it is offered); "Leggi file DNA" takes in the file of another program, all or nothing.
 */
export function DnaDialog(props: { onClose: () => void }) {
  const api = useApi();
  const datoriId = useId();
  const fileId = useId();
  const [datori, setDatori] = useState<DnaDatoreRow[] | null>(null);
  const [datoreId, setDatoreId] = useState<number | null>(null);
  const [denunce, setDenunce] = useState<DnaDenunciaRow[]>([]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [sub, setSub] = useState<Sub>(null);
  const { status, setStatus, error, setError, busy, run } = useRun();
  const [file, setFile] = useState<File | null>(null);

  const [reload, setReload] = useState(0);
  const refresh = () => setReload((n) => n + 1);
  useEffect(() => {
    let live = true;
    api.invoke('dna.datori', {}).then(
      (r) => {
        if (!live) return;
        setDatori(r.rows);
        setDatoreId((cur) => (r.rows.some((x) => x.id === cur) ? cur : (r.rows[0]?.id ?? null)));
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, reload, setError]);
  useEffect(() => {
    let live = true;
    if (datoreId !== null) {
      api.invoke('dna.denunce', { datoreId }).then(
        (r) => {
          if (!live) return;
          setDenunce(r.rows);
          setChosen((c) => (r.rows.some((x) => x.id === c) ? c : (r.rows[0]?.id ?? null)));
        },
        (e: unknown) => live && setError(errorText(e)),
      );
    }
    return () => {
      live = false;
    };
  }, [api, datoreId, reload, setError]);

  const datore = datori?.find((d) => d.id === datoreId) ?? null;
  // The notices of the chosen employer (those of the one before stay until the new ones arrive).
  const shown = denunce.filter((d) => d.datoreId === datoreId);
  const denuncia = shown.find((d) => d.id === chosen) ?? null;
  const pending = datori?.reduce((n, d) => n + d.daInviare, 0) ?? 0;
  const creaFile = () =>
    run(async () => {
      const r = await api.invoke('dna.creaFile', {});
      refresh();
      const how = await deliverFile(api, r.file).catch((e: unknown) => errorText(e));
      return `File ${r.file.name} creato con ${r.records} ${r.records === 1 ? 'denuncia' : 'denunce'}, riletto e controllato: è nella cartella stampe (${r.file.path}). ${how}`;
    });
  const leggiFile = () =>
    run(async () => {
      if (!file) return '';
      if (file.size > MAX_DNA_FILE_CHARS) throw new Error(`${file.name}: file troppo grande (al massimo 5.000 denunce per file).`);
      const text = await file.text();
      const r = await api.invoke('dna.leggiFile', { fileName: file.name.slice(0, 255), text });
      refresh();
      return `File ${file.name} letto: ${r.records} ${r.records === 1 ? 'denuncia aggiunta' : 'denunce aggiunte'}${r.datoriNuovi > 0 ? `, ${r.datoriNuovi} nuovi datori di lavoro` : ''}.`;
    });

  if (sub?.kind === 'datore') {
    return (
      <DatoreForm
        datore={sub.row}
        onClose={() => setSub(null)}
        onSaved={(id) => {
          setSub(null);
          setStatus('Datore di lavoro salvato.');
          setDatoreId(id);
          refresh();
        }}
      />
    );
  }
  if (sub?.kind === 'denuncia' && datore) {
    return (
      <DenunciaForm
        datore={datore}
        denuncia={sub.row}
        onClose={() => setSub(null)}
        onSaved={() => {
          setSub(null);
          setStatus('Denuncia salvata: sarà nel prossimo file.');
          refresh();
        }}
      />
    );
  }
  if (sub?.kind === 'elimina') {
    return (
      <ConfirmDialog
        title="Elimina denuncia"
        message={<p>Eliminare la denuncia di {worker(sub.row)} (posizione {sub.row.posizione})?</p>}
        confirmLabel="Elimina"
        onCancel={() => setSub(null)}
        onConfirm={() => {
          setSub(null);
          void run(async () => {
            await api.invoke('dna.eliminaDenuncia', { id: sub.row.id });
            refresh();
            return 'Denuncia eliminata.';
          });
        }}
      />
    );
  }
  if (sub?.kind === 'files') return <FileCreatiDialog onClose={() => setSub(null)} />;

  return (
    <Dialog title="Denuncia nominativa assicurati (INAIL)" onCancel={props.onClose} guida="inail-dna" className="storico-dialog dna-dialog">
      <div className="dna-columns">
        <div>
          <label htmlFor={datoriId}>Datori di lavoro</label>
          <select
            id={datoriId}
            size={8}
            data-help="dna.datori"
            data-autofocus
            value={datoreId ?? ''}
            onChange={(e) => setDatoreId(Number(e.target.value))}
          >
            {(datori ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.codiceFiscale}
                {d.denominazione ? ` — ${d.denominazione}` : ''} ({d.denunce} denunce, {d.daInviare} da inviare)
              </option>
            ))}
          </select>
          {datori && datori.length === 0 ? <p className="muted">Nessun datore di lavoro: «Nuovo datore» per inserirne uno.</p> : null}
          <div className="dna-buttons">
            <button type="button" data-help="dna.nuovoDatore" onClick={() => setSub({ kind: 'datore', row: null })}>
              Nuovo datore
            </button>
            <button type="button" data-help="dna.modificaDatore" disabled={!datore} onClick={() => setSub({ kind: 'datore', row: datore })}>
              Modifica datore
            </button>
          </div>
        </div>
        <div>
          {datore ? (
            shown.length === 0 ? (
              <p className="muted">Nessuna denuncia per questo datore di lavoro.</p>
            ) : (
              <fieldset className="dna-denunce">
                <legend>Denunce del datore di lavoro {datore.codiceFiscale}</legend>
                <table aria-label="Denunce">
                  <thead>
                    <tr>
                      <th>Lavoratore</th>
                      <th>Posizione</th>
                      <th>Inizio</th>
                      <th>Fine</th>
                      <th>File</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((d) => (
                      <tr key={d.id}>
                        <td>
                          <label>
                            <input type="radio" name="denuncia" data-help="dna.denunce" checked={chosen === d.id} onChange={() => setChosen(d.id)} /> <span className="mono">{worker(d)}</span>
                          </label>
                        </td>
                        <td className="mono">{d.posizione}</td>
                        <td>{isoToIt(d.dataInizio)}</td>
                        <td>{isoToIt(d.dataFine)}</td>
                        <td>{d.fileName ? `${d.fileName} del ${formatDateTime(d.fileDate)}` : d.lettaDa ? `da inviare (letta da ${d.lettaDa})` : 'da inviare'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </fieldset>
            )
          ) : null}
          <div className="dna-buttons">
            <button type="button" data-help="dna.nuovaDenuncia" disabled={!datore} onClick={() => setSub({ kind: 'denuncia', row: null })}>
              Nuova denuncia
            </button>
            <button type="button" data-help="dna.modificaDenuncia" disabled={!denuncia || denuncia.fileName !== null} onClick={() => denuncia && setSub({ kind: 'denuncia', row: denuncia })}>
              Modifica denuncia
            </button>
            <button type="button" data-help="dna.eliminaDenuncia" disabled={!denuncia || denuncia.fileName !== null} onClick={() => denuncia && setSub({ kind: 'elimina', row: denuncia })}>
              Elimina denuncia
            </button>
          </div>
        </div>
      </div>
      <div className="search">
        <button type="button" data-help="dna.creaFile" disabled={busy || pending === 0} onClick={() => void creaFile()}>
          Crea file ({pending} da inviare)
        </button>
        <button type="button" data-help="dna.fileCreati" onClick={() => setSub({ kind: 'files' })}>
          File creati…
        </button>
        <label htmlFor={fileId}>File DNA da leggere</label>
        <input id={fileId} type="file" accept=".txt,text/plain" data-help="dna.leggiFile.file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="button" data-help="dna.leggiFile" disabled={!file || busy} onClick={() => void leggiFile()}>
          Leggi file DNA
        </button>
      </div>
      <StatusFooter status={busy ? 'Operazione in corso…' : status} error={error} onClose={props.onClose} />
    </Dialog>
  );
}

/** The DNA files made, newest first; "Ricrea file" writes one again (a new name, the same notices). */
function FileCreatiDialog(props: { onClose: () => void }) {
  const api = useApi();
  const [rows, setRows] = useState<DnaFileRow[] | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    api.invoke('dna.files', {}).then(
      (r) => {
        if (!live) return;
        setRows(r.rows);
        setChosen((c) => c ?? r.rows[0]?.id ?? null);
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, reload]);
  const ricrea = async () => {
    if (chosen === null) return;
    setError(null);
    try {
      const r = await api.invoke('dna.ricreaFile', { fileId: chosen });
      setReload((n) => n + 1);
      const how = await deliverFile(api, r.file).catch((e: unknown) => errorText(e));
      setStatus(`File ricreato: ${r.file.name} (${r.records} denunce), riletto e controllato. ${how}`);
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Dialog title="File DNA creati" onCancel={props.onClose} guida="inail-dna" className="storico-dialog">
      {rows === null ? <p>Caricamento…</p> : rows.length === 0 ? <p>Nessun file creato.</p> : null}
      {rows && rows.length > 0 ? (
        <fieldset className="backup-list">
          <legend>File creati (il più recente per primo)</legend>
          {rows.map((f) => (
            <label key={f.id}>
              <input type="radio" name="dna-file" data-help="dna.fileCreati.file" checked={chosen === f.id} onChange={() => setChosen(f.id)} /> {f.fileName} — {formatDateTime(f.createdAt)} — {f.records}{' '}
              {f.records === 1 ? 'denuncia' : 'denunce'}
              {f.recreatedAt ? ` — ricreato il ${formatDateTime(f.recreatedAt)} come ${f.recreatedName ?? ''}` : ''}
            </label>
          ))}
        </fieldset>
      ) : null}
      <StatusLines status={status} error={error} />
      <div className="dialog-buttons">
        <button type="button" data-help="dna.ricreaFile" disabled={chosen === null} onClick={() => void ricrea()}>
          Ricrea file
        </button>
        <button type="button" onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
