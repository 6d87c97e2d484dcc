import { useEffect, useState } from 'react';
import type { Dm20Situazione } from '#shared/modules/dm20/api';
import { formatLire } from '#shared/modules/dm20/keys';
import { useApi } from '../../api-client/context';
import { errorText } from '../../api-client/error-text';
import { Dialog } from '../../components/Dialog';

/** E — Display situazione archivi and H — Statistiche per anno contabile (circolare 83/1992 §§10, 13). */
export function SituazioneDialog(props: { onClose: () => void }) {
  const api = useApi();
  const [s, setS] = useState<Dm20Situazione | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke('dm20.situazione', {}).then(
      (r) => live && setS(r),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [api]);
  const row = (label: string, x: { n: number; importo: number }) => (
    <tr key={label}>
      <th scope="row">{label}</th>
      <td>{x.n}</td>
      <td>{formatLire(x.importo)}</td>
    </tr>
  );
  return (
    <Dialog title="Situazione archivi e statistiche DM20-REG" onCancel={props.onClose} guida="dm20" className="storico-dialog">
      {s ? (
        <>
          <table aria-label="Situazione archivi">
            <thead>
              <tr>
                <th>Archivio</th>
                <th>Numero</th>
                <th>Importo (lire)</th>
              </tr>
            </thead>
            <tbody>
              {row('SC7/24 in acquisizione', s.acquisizione.sc724)}
              {row('DM11 in acquisizione', s.acquisizione.dm11)}
              {row('DM20-REG in acquisizione', s.acquisizione.bollettini)}
              {row('SC7/24 inoltrati', s.gestione.sc724)}
              {row('DM20-REG inoltrati', s.gestione.bollettini)}
              {row('Collezione DD (documenti diversi)', s.collezioni.DD)}
              {row('Collezione FS (fuori sede)', s.collezioni.FS)}
              {row('Collezione RC (differenze)', s.collezioni.RC)}
            </tbody>
          </table>
          <table aria-label="Statistiche per anno">
            <thead>
              <tr>
                <th>Anno</th>
                <th>DM20-REG caricati</th>
                <th>Esatti</th>
                <th>Stornati</th>
              </tr>
            </thead>
            <tbody>
              {s.statistiche.map((x) => (
                <tr key={x.anno}>
                  <td>{x.anno}</td>
                  <td>{x.caricati}</td>
                  <td>{x.esatti}</td>
                  <td>{x.stornati}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p>Caricamento…</p>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" data-autofocus onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}
