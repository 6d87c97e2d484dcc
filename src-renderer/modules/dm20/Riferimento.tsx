import { useEffect, useId, useState } from 'react';
import { MAX_AZIENDE_CSV_CHARS } from '#shared/modules/dm20/api';
import { useApi } from '../../api-client/context';
import { errorText } from '../../api-client/error-text';
import { Dialog } from '../../components/Dialog';
import { StatusFooter } from '../../components/StatusLines';
import { useRun } from '../../components/useRun';

type Impostazioni = { sede: string | null; aziende: number; progressivi: { sede: string; massimo: number }[] };

function Box(props: { label: string; value: string; onChange: (v: string) => void; helpId: string; maxLength: number; autoFocus?: boolean }) {
  const id = useId();
  return (
    <div className="dna-field">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} data-help={props.helpId} data-autofocus={props.autoFocus || undefined} value={props.value} maxLength={props.maxLength} autoComplete="off" spellCheck={false} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

const EMPTY_AZ = { matricola: '', sede: '', costituzione: '', tipoCessazione: '', dataCessazione: '', sospensione: '' };

/**
 * DM20-REG reference data (issue 16 point 1): the acquiring sede (SSZZ), the firms' CSV (all rows or none, the
 * first wrong line and column told), a firm and a sede's highest progressivo typed by hand.
 */
export function RiferimentoDialog(props: { onClose: () => void }) {
  const api = useApi();
  const fileId = useId();
  const [imp, setImp] = useState<Impostazioni | null>(null);
  const [sede, setSede] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [az, setAz] = useState(EMPTY_AZ);
  const [pm, setPm] = useState({ sede: '', massimo: '' });
  const { status, error, setError, run: runOp } = useRun();
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    api.invoke('dm20.impostazioni', {}).then(
      (r) => {
        if (!live) return;
        setImp(r);
        setSede((s) => s || (r.sede ?? ''));
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, reload, setError]);
  const run = (what: () => Promise<string>) =>
    runOp(async () => {
      const done = await what();
      setReload((n) => n + 1);
      return done;
    });
  const importa = () =>
    run(async () => {
      if (!file) return '';
      if (file.size > MAX_AZIENDE_CSV_CHARS) throw new Error(`${file.name}: file troppo grande (al massimo ${MAX_AZIENDE_CSV_CHARS} caratteri).`);
      const r = await api.invoke('dm20.importaAziende', { fileName: file.name.slice(0, 255), text: await file.text() });
      return `File ${file.name} letto: ${r.aziende} aziende, ${r.progressivi} progressivi massimi.`;
    });
  return (
    <Dialog title="Dati di riferimento DM20-REG" onCancel={props.onClose} guida="dm20" className="storico-dialog">
      <form
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => `Sede ${(await api.invoke('dm20.salvaSede', { sede })).sede} salvata.`);
        }}
      >
        <Box label="Codice della Sede (SSZZ)" value={sede} onChange={setSede} helpId="dm20.sede" maxLength={4} autoFocus />
        <button type="submit">Salva sede</button>
      </form>
      <p>
        {imp ? `Aziende in archivio: ${imp.aziende}. Progressivi massimi: ${imp.progressivi.map((p) => `${p.sede} → ${p.massimo}`).join(', ') || 'nessuno'}.` : 'Caricamento…'}
      </p>
      <div className="search">
        <label htmlFor={fileId}>File delle aziende (.csv)</label>
        <input id={fileId} type="file" accept=".csv,text/csv,text/plain" data-help="dm20.csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <button type="button" disabled={!file} onClick={() => void importa()}>
          Importa aziende
        </button>
      </div>
      <form
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const r = await api.invoke('dm20.salvaAzienda', az);
            setAz(EMPTY_AZ);
            return `Azienda ${r.matricola} salvata.`;
          });
        }}
      >
        <Box label="Matricola" value={az.matricola} onChange={(v) => setAz({ ...az, matricola: v })} helpId="dm20.azienda" maxLength={10} />
        <Box label="Sede azienda" value={az.sede} onChange={(v) => setAz({ ...az, sede: v })} helpId="dm20.azienda" maxLength={4} />
        <Box label="Costituzione" value={az.costituzione} onChange={(v) => setAz({ ...az, costituzione: v })} helpId="dm20.azienda" maxLength={10} />
        <Box label="Tipo cessazione" value={az.tipoCessazione} onChange={(v) => setAz({ ...az, tipoCessazione: v })} helpId="dm20.azienda" maxLength={1} />
        <Box label="Data cessazione" value={az.dataCessazione} onChange={(v) => setAz({ ...az, dataCessazione: v })} helpId="dm20.azienda" maxLength={10} />
        <Box label="Sospensione" value={az.sospensione} onChange={(v) => setAz({ ...az, sospensione: v })} helpId="dm20.azienda" maxLength={10} />
        <button type="submit">Salva azienda</button>
      </form>
      <form
        className="search"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => `Progressivo massimo della Sede ${(await api.invoke('dm20.salvaProgressivo', pm)).sede} salvato.`);
        }}
      >
        <Box label="Sede del progressivo" value={pm.sede} onChange={(v) => setPm({ ...pm, sede: v })} helpId="dm20.progressivo" maxLength={4} />
        <Box label="Progressivo massimo" value={pm.massimo} onChange={(v) => setPm({ ...pm, massimo: v })} helpId="dm20.progressivo" maxLength={5} />
        <button type="submit">Salva progressivo</button>
      </form>
      <StatusFooter status={status} error={error} onClose={props.onClose} />
    </Dialog>
  );
}
