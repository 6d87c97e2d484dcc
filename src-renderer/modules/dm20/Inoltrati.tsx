import { useState } from 'react';
import type { Dm20Sc724Row } from '#shared/modules/dm20/api';
import { motiviNonCancellabile } from '#shared/modules/dm20/elaborati';
import { formatLire } from '#shared/modules/dm20/keys';
import { useApi } from '../../api-client/context';
import { errorText } from '../../api-client/error-text';
import { ConfirmDialog } from '../../components/Dialog';
import { deliverFile } from '../../print/deliver';

const key = (s: Dm20Sc724Row) => `${s.tipo} ${s.articolo} ${s.numero}`;
const stampate = (s: Dm20Sc724Row) => (['B', 'C', 'E'] as const).filter((l) => s.listeStampate[l]);

/**
 * The forwarded SC7/24 (the management archive): lists B (one SC7/24), C and E (all forwarded) and F — Cancellazione
 * SC7/24 elaborati of those chosen, allowed once squared, forwarded and with lists B, C, E printed (circolare 83/1992
 * §11; the booking by pgm 4444 is not recorded on this desk).
 */
export function InoltratiPanel(props: { rows: Dm20Sc724Row[]; run: (what: () => Promise<string>) => Promise<void>; onCancella: (rows: Dm20Sc724Row[]) => void }) {
  const api = useApi();
  const [scelti, setScelti] = useState<number[]>([]);
  const chosen = props.rows.filter((r) => scelti.includes(r.id));
  const toggle = (id: number, on: boolean) => setScelti((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const stampa = (lista: 'C' | 'E') =>
    props.run(async () => {
      const r = await api.invoke('dm20.stampaLista', { lista });
      const how = await deliverFile(api, r.file).catch((e: unknown) => errorText(e));
      return `Lista ${lista} stampata: ${r.file.name} (${r.file.pages ?? 0} pagine) nella cartella stampe (${r.file.path}). ${how}`;
    });
  const stampaB = () =>
    props.run(async () => {
      const names: string[] = [];
      for (const s of chosen) {
        const r = await api.invoke('dm20.stampaQuadratura', { sc724Id: s.id });
        names.push(r.file.name);
        await deliverFile(api, r.file).catch(() => undefined);
      }
      return `Liste A e B stampate: ${names.join(', ')} nella cartella stampe.`;
    });
  return (
    <fieldset>
      <legend>SC7/24 inoltrati ({props.rows.length})</legend>
      {props.rows.length === 0 ? <p className="muted">Nessun SC7/24 inoltrato.</p> : null}
      {props.rows.map((r) => {
        const m = motiviNonCancellabile({ chiave: key(r), quadrato: true, inoltrato: true, cancellato: false, liste: r.listeStampate });
        return (
          <label key={r.id}>
            <input type="checkbox" checked={scelti.includes(r.id)} onChange={(e) => toggle(r.id, e.target.checked)} /> {key(r)} — {formatLire(r.importo)} lire — liste stampate:{' '}
            {stampate(r).join(', ') || 'nessuna'}
            {m.length ? ` (${m.join('; ')})` : ' — cancellabile'}
          </label>
        );
      })}
      <div className="search">
        {(['C', 'E'] as const).map((l) => (
          <button key={l} type="button" disabled={props.rows.length === 0} onClick={() => void stampa(l)}>
            Stampa lista {l}
          </button>
        ))}
        <button type="button" disabled={chosen.length === 0} onClick={() => void stampaB()}>
          Stampa lista B degli scelti
        </button>
        <button type="button" data-help="dm20.cancellazione" disabled={chosen.length === 0} onClick={() => props.onCancella(chosen)}>
          Cancella SC7/24 elaborati…
        </button>
      </div>
    </fieldset>
  );
}

/** The confirmation of F (in place of the main window, as the other confirmations of the module). */
export function CancellaElaboratiDialog(props: { rows: Dm20Sc724Row[]; onClose: () => void; run: (what: () => Promise<string>) => Promise<void> }) {
  const api = useApi();
  return (
    <ConfirmDialog
      title="Cancellazione SC7/24 elaborati"
      message={
        <p>
          Cancellare i DM11 e i bollettini DM20-REG degli SC7/24 {props.rows.map(key).join(', ')}? Restano i dati dell&apos;archivio contabile, le statistiche e
          le liste mensili.
        </p>
      }
      confirmLabel="Cancella"
      onCancel={props.onClose}
      onConfirm={() => {
        const ids = props.rows.map((r) => r.id);
        props.onClose();
        void props.run(async () => {
          const r = await api.invoke('dm20.cancellaElaborati', { sc724Ids: ids });
          return `SC7/24 elaborati cancellati: ${r.cancellati.join(', ')}.`;
        });
      }}
    />
  );
}
