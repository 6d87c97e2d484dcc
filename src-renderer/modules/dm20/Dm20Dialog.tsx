import { useEffect, useId, useState } from 'react';
import type { Dm20Dm11Row, Dm20Sc724Row, Dm20SlipRow } from '#shared/modules/dm20/api';
import { Dm20CodiciTable } from './CodiciTable';
import { formatLire } from '#shared/modules/dm20/keys';
import { useApi } from '../../api-client/context';
import { errorText } from '../../api-client/error-text';
import { ConfirmDialog, Dialog } from '../../components/Dialog';
import { deliverFile } from '../../print/deliver';
import { CancellaElaboratiDialog, InoltratiPanel } from './Inoltrati';
import { ListeDialog } from './Liste';
import { PaginaBollettini, slipFromRow, type SlipState } from './Pagina';
import { RiferimentoDialog } from './Riferimento';
import { SituazioneDialog } from './Situazione';
import { StatusFooter } from '../../components/StatusLines';
import { useRun } from '../../components/useRun';

type Quadratura = { listaA: { dm11Id: number; progressivo: string; importoDm11: number; totaleDm20: number; bollettini: number; differenza: number }[]; listaB: { importoSc724: number; totaleDm11: number; differenza: number }; quadrato: boolean };
type Sub = { kind: 'riferimento' } | { kind: 'codici' } | { kind: 'situazione' } | { kind: 'liste' } | { kind: 'elaborati'; rows: Dm20Sc724Row[] } | { kind: 'cancella'; row: Dm20Sc724Row } | null;
const STATI: Readonly<Record<Dm20Sc724Row['stato'], string>> = { acquisizione: 'da quadrare', quadrato: 'quadrato', inoltrato: 'inoltrato' };
const ESITI: Readonly<Record<Dm20SlipRow['esito'], string>> = { esatto: 'esatto', 'fuori-sede': 'fuori sede', 'documento-diverso': 'documento diverso' };
const key = (s: Dm20Sc724Row) => `${s.tipo} ${s.articolo} ${s.numero}`;

function Box(props: { label: string; value: string; onChange: (v: string) => void; helpId: string; maxLength: number; autoFocus?: boolean }) {
  const id = useId();
  return (
    <div className="dna-field">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} data-help={props.helpId} data-autofocus={props.autoFocus || undefined} value={props.value} maxLength={props.maxLength} autoComplete="off" spellCheck={false} onChange={(e) => props.onChange(e.target.value)} />
    </div>
  );
}

/**
 * Altri adempimenti → "Acquisizione DM20-REG" (issue 16, INPS circolare 83/1992): A — the SC7/24 with their DM11 and
 * pages of ten slips (acquisition, variazione, cancellazione of what is not forwarded), B — Quadratura (lists A and
 * B), C — Inoltro, G — Decodifica codici errore; the reference data in their own window.
 */
export function Dm20Dialog(props: { onClose: () => void }) {
  const api = useApi();
  const listId = useId();
  const [sede, setSede] = useState<string | null>(null);
  const [list, setList] = useState<Dm20Sc724Row[]>([]);
  const [inoltrati, setInoltrati] = useState<Dm20Sc724Row[]>([]);
  const [scId, setScId] = useState<number | null>(null);
  const [dm11All, setDm11] = useState<Dm20Dm11Row[]>([]);
  const [dm11Id, setDm11Id] = useState<number | null>(null);
  const [slipsAll, setSlips] = useState<Dm20SlipRow[]>([]);
  const [sc, setSc] = useState<{ tipo: string; articolo: string; numero: string; importo: string; tipoMovimento: '1' | '2' }>({ tipo: '6', articolo: '', numero: '', importo: '', tipoMovimento: '1' });
  const [d11, setD11] = useState({ progressivo: '', importo: '' });
  const [pagina, setPagina] = useState<{ n: number; initial: SlipState[] }>({ n: 0, initial: [] });
  const [quad, setQuad] = useState<Quadratura | null>(null);
  const [sub, setSub] = useState<Sub>(null);
  const { status, error, setError, run: runOp } = useRun();
  const [reload, setReload] = useState(0);
  const refresh = () => setReload((n) => n + 1);

  useEffect(() => {
    let live = true;
    Promise.all([api.invoke('dm20.impostazioni', {}), api.invoke('dm20.sc724', { inoltrati: false }), api.invoke('dm20.sc724', { inoltrati: true })]).then(
      ([imp, acq, ino]) => {
        if (!live) return;
        setSede(imp.sede);
        setList(acq.rows);
        setInoltrati(ino.rows);
        setScId((c) => (acq.rows.some((r) => r.id === c) ? c : (acq.rows[0]?.id ?? null)));
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, reload, setError]);
  useEffect(() => {
    let live = true;
    if (scId === null) return;
    Promise.all([api.invoke('dm20.dm11', { sc724Id: scId }), api.invoke('dm20.bollettini', { sc724Id: scId })]).then(
      ([d, b]) => {
        if (!live) return;
        setDm11(d.rows);
        setSlips(b.rows);
        setDm11Id((c) => (d.rows.some((r) => r.id === c) ? c : (d.rows[0]?.id ?? null)));
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api, scId, reload, setError]);

  const chosen = list.find((r) => r.id === scId) ?? null;
  // Those of the SC7/24 chosen (the ones of the one before stay until the new ones arrive).
  const dm11 = chosen ? dm11All.filter((d) => d.sc724Id === chosen.id) : [];
  const slips = slipsAll.filter((s) => dm11.some((d) => d.id === s.dm11Id));
  const run = (what: () => Promise<string>) =>
    runOp(async () => {
      const done = await what();
      refresh();
      return done;
    });
  const salvaSc = (variazione: boolean) =>
    run(async () => {
      const r = await api.invoke('dm20.salvaSc724', { ...sc, ...(variazione && chosen ? { id: chosen.id } : {}) });
      setScId(r.id);
      setSc({ tipo: '6', articolo: '', numero: '', importo: '', tipoMovimento: '1' });
      return variazione ? 'SC7/24 variato: eseguire di nuovo la quadratura.' : 'SC7/24 acquisito: acquisire ora il DM11.';
    });
  const salvaDm11 = () =>
    run(async () => {
      if (!chosen) return '';
      const r = await api.invoke('dm20.salvaDm11', { sc724Id: chosen.id, ...d11 });
      setDm11Id(r.id);
      setD11({ progressivo: '', importo: '' });
      return 'DM11 acquisito: acquisire ora i bollettini DM20-REG.';
    });
  const quadratura = () =>
    run(async () => {
      if (!chosen) return '';
      const q = await api.invoke('dm20.quadratura', { sc724Id: chosen.id });
      setQuad(q);
      return q.quadrato ? `SC7/24 ${key(chosen)} quadrato.` : `SC7/24 ${key(chosen)} non quadrato: verificare gli importi (variazione).`;
    });
  const inoltro = () =>
    run(async () => {
      if (!chosen) return '';
      const r = await api.invoke('dm20.inoltro', { sc724Id: chosen.id });
      setQuad(null);
      const rc = r.rc ? ` Differenza ${r.rc.tipo} a ${r.rc.segno === 'credito' ? 'credito' : 'debito'} INPS di ${formatLire(Math.abs(r.rc.importo))} lire (collezione RC).` : '';
      return `SC7/24 ${key(chosen)} inoltrato: esatti ${r.esatti.numero} (${formatLire(r.esatti.importo)} lire), fuori sede ${r.fuoriSede.numero} (${formatLire(r.fuoriSede.importo)}), documenti diversi ${r.documentiDiversi.numero} (${formatLire(r.documentiDiversi.importo)}).${rc}`;
    });

  const stampaAB = () =>
    run(async () => {
      if (!chosen) return '';
      const r = await api.invoke('dm20.stampaQuadratura', { sc724Id: chosen.id });
      const how = await deliverFile(api, r.file).catch((e: unknown) => errorText(e));
      return `Liste A e B stampate: ${r.file.name} nella cartella stampe (${r.file.path}). ${how}`;
    });

  if (sub?.kind === 'riferimento')
    return (
      <RiferimentoDialog
        onClose={() => {
          setSub(null);
          refresh();
        }}
      />
    );
  if (sub?.kind === 'codici') return <CodiciDialog onClose={() => setSub(null)} />;
  if (sub?.kind === 'situazione') return <SituazioneDialog onClose={() => setSub(null)} />;
  if (sub?.kind === 'liste') return <ListeDialog onClose={() => setSub(null)} />;
  if (sub?.kind === 'elaborati') return <CancellaElaboratiDialog rows={sub.rows} run={run} onClose={() => setSub(null)} />;
  if (sub?.kind === 'cancella')
    return (
      <ConfirmDialog
        title="Cancella SC7/24"
        message={<p>Cancellare l&apos;SC7/24 {key(sub.row)} con i suoi DM11 e bollettini (non ancora inoltrato)?</p>}
        confirmLabel="Cancella"
        onCancel={() => setSub(null)}
        onConfirm={() => {
          const row = sub.row;
          setSub(null);
          void run(async () => {
            await api.invoke('dm20.eliminaSc724', { id: row.id });
            return `SC7/24 ${key(row)} cancellato.`;
          });
        }}
      />
    );

  return (
    <Dialog title="Acquisizione DM20-REG (INPS)" onCancel={props.onClose} guida="dm20" className="storico-dialog dna-dialog">
      {sede === null ? <p className="error">Manca il codice della Sede: aprire «Dati di riferimento…» prima di acquisire i bollettini.</p> : <p>Sede {sede}.</p>}
      <div className="dna-columns">
        <div>
          <label htmlFor={listId}>SC7/24 in acquisizione</label>
          <select id={listId} size={6} data-help="dm20.sc724.elenco" data-autofocus value={scId ?? ''} onChange={(e) => setScId(Number(e.target.value))}>
            {list.map((r) => (
              <option key={r.id} value={r.id}>
                {key(r)} — {formatLire(r.importo)} lire — {STATI[r.stato]} ({r.dm11} DM11, {r.bollettini} bollettini{r.bloccanti ? `, ${r.bloccanti} bloccanti` : ''})
              </option>
            ))}
          </select>
          {list.length === 0 ? <p className="muted">Nessun SC7/24 in acquisizione.</p> : null}
          <form
            className="search"
            onSubmit={(e) => {
              e.preventDefault();
              void salvaSc(false);
            }}
          >
            <Box label="Tipo" value={sc.tipo} onChange={(v) => setSc({ ...sc, tipo: v })} helpId="dm20.sc724.tipo" maxLength={1} />
            <Box label="Articolo" value={sc.articolo} onChange={(v) => setSc({ ...sc, articolo: v })} helpId="dm20.sc724.articolo" maxLength={6} />
            <Box label="Numero" value={sc.numero} onChange={(v) => setSc({ ...sc, numero: v })} helpId="dm20.sc724.numero" maxLength={5} />
            <Box label="Importo SC7/24" value={sc.importo} onChange={(v) => setSc({ ...sc, importo: v })} helpId="dm20.sc724.importo" maxLength={20} />
            <div className="dna-field">
              <label htmlFor={`${listId}-mov`}>Tipo movimento</label>
              <select id={`${listId}-mov`} data-help="dm20.sc724.movimento" value={sc.tipoMovimento} onChange={(e) => setSc({ ...sc, tipoMovimento: e.target.value === '2' ? '2' : '1' })}>
                <option value="1">1 (enti collettori)</option>
                <option value="2">2 (operazioni interne)</option>
              </select>
            </div>
            <button type="submit">Acquisisci SC7/24</button>
            <button type="button" disabled={!chosen} onClick={() => void salvaSc(true)}>
              Variazione SC7/24
            </button>
            <button type="button" disabled={!chosen} onClick={() => chosen && setSub({ kind: 'cancella', row: chosen })}>
              Cancella SC7/24
            </button>
          </form>
        </div>
        <div>
          <fieldset>
            <legend>DM11 {chosen ? `dell'SC7/24 ${key(chosen)}` : ''}</legend>
            {dm11.map((d) => (
              <label key={d.id}>
                <input type="radio" name="dm11" checked={dm11Id === d.id} onChange={() => setDm11Id(d.id)} /> DM11 {d.progressivo} — {formatLire(d.importo)} lire
              </label>
            ))}
            {chosen && dm11.length === 0 ? <p className="muted">Nessun DM11: acquisirne almeno uno.</p> : null}
          </fieldset>
          <form
            className="search"
            onSubmit={(e) => {
              e.preventDefault();
              void salvaDm11();
            }}
          >
            <Box label="Progressivo DM11" value={d11.progressivo} onChange={(v) => setD11({ ...d11, progressivo: v })} helpId="dm20.dm11.progressivo" maxLength={4} />
            <Box label="Importo DM11" value={d11.importo} onChange={(v) => setD11({ ...d11, importo: v })} helpId="dm20.dm11.importo" maxLength={20} />
            <button type="submit" disabled={!chosen}>
              Acquisisci DM11
            </button>
          </form>
        </div>
      </div>
      {chosen && dm11Id !== null && sede !== null ? (
        <fieldset>
          <legend>Bollettini DM20-REG del DM11 {dm11.find((d) => d.id === dm11Id)?.progressivo}</legend>
          <PaginaBollettini key={`${dm11Id}-${pagina.n}`} dm11Id={dm11Id} sede={sede} initial={pagina.initial} onStored={() => refresh()} />
        </fieldset>
      ) : null}
      {slips.length > 0 ? (
        <table aria-label="Bollettini acquisiti">
          <thead>
            <tr>
              <th>N.</th>
              <th>Matricola</th>
              <th>SAP</th>
              <th>Importo</th>
              <th>Periodo</th>
              <th>Esito</th>
              <th>Codici</th>
              <th>Variazione</th>
            </tr>
          </thead>
          <tbody>
            {slips.map((s) => (
              <tr key={s.id}>
                <td>{s.numero}</td>
                <td className="mono">{s.documentoDiverso ? 'doc. diverso' : s.matricola}</td>
                <td>{s.sap}</td>
                <td>{s.importoLire === null ? s.importo : formatLire(s.importoLire)}</td>
                <td>
                  {s.dal}–{s.al}
                </td>
                <td>{ESITI[s.esito]}</td>
                <td>{s.findings.map((f) => f.code).join(' ')}</td>
                <td>
                  <button type="button" onClick={() => setPagina((p) => ({ n: p.n + 1, initial: [slipFromRow(s)] }))} aria-label={`Varia il bollettino ${s.numero}`}>
                    Varia
                  </button>
                  <button
                    type="button"
                    aria-label={`Cancella il bollettino ${s.numero}`}
                    onClick={() =>
                      void run(async () => {
                        await api.invoke('dm20.eliminaBollettino', { id: s.id });
                        return `Bollettino ${s.numero} cancellato: eseguire di nuovo la quadratura.`;
                      })
                    }
                  >
                    Cancella
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {quad ? <QuadraturaView q={quad} /> : null}
      <div className="search">
        <button type="button" data-help="dm20.quadratura" disabled={!chosen} onClick={() => void quadratura()}>
          Quadratura
        </button>
        <button type="button" disabled={!chosen} onClick={() => void stampaAB()}>
          Stampa liste A e B
        </button>
        <button type="button" data-help="dm20.inoltro" disabled={!chosen} onClick={() => void inoltro()}>
          Inoltro
        </button>
        <button type="button" onClick={() => setSub({ kind: 'riferimento' })}>
          Dati di riferimento…
        </button>
        <button type="button" data-help="dm20.codici" onClick={() => setSub({ kind: 'codici' })}>
          Decodifica codici errore…
        </button>
        <button type="button" onClick={() => setSub({ kind: 'situazione' })}>
          Situazione archivi e statistiche…
        </button>
        <button type="button" onClick={() => setSub({ kind: 'liste' })}>
          Liste mensili e archivio contabile…
        </button>
      </div>
      <InoltratiPanel rows={inoltrati} run={run} onCancella={(rows) => setSub({ kind: 'elaborati', rows })} />
      <StatusFooter status={status} error={error} onClose={props.onClose} />
    </Dialog>
  );
}

function QuadraturaView(props: { q: Quadratura }) {
  const { q } = props;
  return (
    <div>
      <table aria-label="Lista A: DM11 e DM20-REG">
        <caption>Lista A — quadratura dei DM11 con i DM20-REG</caption>
        <thead>
          <tr>
            <th>DM11</th>
            <th>Importo DM11</th>
            <th>Totale DM20-REG</th>
            <th>Bollettini</th>
            <th>Differenza</th>
          </tr>
        </thead>
        <tbody>
          {q.listaA.map((r) => (
            <tr key={r.dm11Id}>
              <td>{r.progressivo}</td>
              <td>{formatLire(r.importoDm11)}</td>
              <td>{formatLire(r.totaleDm20)}</td>
              <td>{r.bollettini}</td>
              <td>{formatLire(r.differenza)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Lista B — importo SC7/24 {formatLire(q.listaB.importoSc724)} lire, totale DM11 {formatLire(q.listaB.totaleDm11)} lire, differenza {formatLire(q.listaB.differenza)} lire: {q.quadrato ? 'quadrato' : 'non quadrato'}.
      </p>
    </div>
  );
}

/** G — Decodifica codici errore: every code of the checks with its meaning (the circular's, or the project's for the blocking ones). */
function CodiciDialog(props: { onClose: () => void }) {
  return (
    <Dialog title="Decodifica codici errore DM20-REG" onCancel={props.onClose} guida="dm20" className="storico-dialog">
      <Dm20CodiciTable label="Codici errore DM20-REG" />
      <div className="dialog-buttons">
        <button type="button" data-autofocus onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
