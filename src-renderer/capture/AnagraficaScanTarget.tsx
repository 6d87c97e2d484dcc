import { useState } from 'react';
import type { RedDocument } from '#shared/domain/red-document';
import type { AnagraficaScan } from '#shared/matricola/anagrafica-scan';
import { Dialog } from '../components/Dialog';
import { anagraficaFill, applyAnagraficaFill, fillChanges, titolareOf, type AnagraficaFill } from './anagrafica-fill';
import { useScanTarget } from './context';
import { decideScan, outcomeOf } from './route';

const isoToIt = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * The declaration editor as a scan target: a "dati anagrafici" scan (AN|…) of the declaration's codice fiscale
 * asks for confirmation, showing what is in the declaration and what was read, then fills the titolare's
 * anagrafica (saved by the editor's autosave). Another person's scan, a Stringa CAF or garbage change nothing.
 */
export function AnagraficaScanTarget(props: {
  doc: RedDocument;
  /** The codice fiscale of the matricola: the titolare's when the field is empty. */
  matricolaCf: string;
  readOnly: boolean;
  mutate: (fn: (d: RedDocument) => void) => void;
  onLoaded: (text: string) => void;
}) {
  const [pending, setPending] = useState<{ value: AnagraficaScan; warnings: string[]; fill: AnagraficaFill } | null>(null);

  useScanTarget((scan) => {
    const titolare = titolareOf(props.doc);
    const cf = titolare?.codiceFiscale.trim() || props.matricolaCf;
    const d = decideScan(scan.text, { screen: 'editor', titolareCf: cf, readOnly: props.readOnly });
    if (d.kind === 'anagrafica') setPending({ value: d.value, warnings: d.warnings, fill: anagraficaFill(d.value) });
    return outcomeOf(d);
  });

  if (!pending) return null;
  const { value: v, fill } = pending;
  const t = titolareOf(props.doc);
  const rows: { label: string; now: string; read: string; written: boolean }[] = [
    { label: 'Codice fiscale', now: t?.codiceFiscale ?? '', read: v.codiceFiscale, written: false },
    { label: 'Cognome', now: t?.cognome ?? '', read: fill.cognome, written: true },
    { label: 'Nome', now: t?.nome ?? '', read: fill.nome, written: true },
    { label: 'Indirizzo', now: t?.indirizzo ?? '', read: fill.indirizzo, written: true },
    { label: 'CAP', now: t?.cap ?? '', read: fill.cap, written: true },
    { label: 'Comune di residenza', now: t?.comune ?? '', read: fill.comune, written: true },
    { label: 'Provincia', now: t?.provincia ?? '', read: fill.provincia, written: true },
    { label: 'Sesso', now: '', read: v.sesso, written: false },
    { label: 'Data di nascita', now: '', read: isoToIt(v.dataNascita), written: false },
    { label: 'Comune di nascita', now: '', read: v.comuneNascita, written: false },
  ];
  const load = () => {
    const { value, fill: f } = pending;
    setPending(null);
    if (fillChanges(props.doc, f)) props.mutate((d) => applyAnagraficaFill(d, f, value.codiceFiscale));
    props.onLoaded(`Dati anagrafici del titolare caricati dal codice a barre: ${f.cognome} ${f.nome}.`);
  };

  return (
    <Dialog title="Dati anagrafici letti" onCancel={() => setPending(null)} className="anagrafica-scan-dialog" guida="lettore-ottico">
      <p>
        Caricare nell'anagrafica del <b>titolare</b> i dati letti dal codice a barre? I campi evidenziati cambiano.
      </p>
      <table aria-label="Dati anagrafici letti">
        <thead>
          <tr>
            <th>Campo</th>
            <th>Nella dichiarazione</th>
            <th>Letto</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={r.written && r.now !== r.read ? 'changes' : undefined}>
              <td>{r.label}</td>
              <td>{r.written || r.label === 'Codice fiscale' ? r.now || '—' : ''}</td>
              <td>{r.read}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending.warnings.map((w) => (
        <p key={w} className="note">
          Attenzione: {w}
        </p>
      ))}
      <div className="dialog-buttons">
        <button type="button" className="primary" data-autofocus onClick={load}>
          Carica dati
        </button>
        <button type="button" onClick={() => setPending(null)}>
          Annulla
        </button>
      </div>
    </Dialog>
  );
}
