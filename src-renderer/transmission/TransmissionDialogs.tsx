import type { ApiOutput } from '#shared/api/contract';
import { RED2009_TRANSMISSION } from '#shared/campaigns/red2009/transmission';
import type { MonitorRow } from '#shared/domain/declaration';
import { CONNECTION_LABELS, type SyncState } from '#shared/domain/transmission';
import { correggiLastDay } from '#shared/status/machine';
import { STATUS_INFO } from '#shared/status/statuses';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { dichiarazioni, invioSummary, scartoCodeLabel } from './format';
import { formatDate } from '#shared/util/italian-time';

const who = (r: Pick<MonitorRow, 'progressivo' | 'codiceFiscale' | 'cognomeNome'>) => (
  <>
    progressivo <b>{r.progressivo}</b> ({r.codiceFiscale}
    {r.cognomeNome ? `, ${r.cognomeNome}` : ''})
  </>
);

/** "Invio" (p. 99): confirm the connection to the CAF CGN server for the ticked declarations. */
export function InvioConfirm(props: { count: number | { all: number | null }; sync: SyncState | null; onConfirm: () => void; onCancel: () => void }) {
  const what =
    typeof props.count === 'number'
      ? dichiarazioni(props.count)
      : `tutte le dichiarazioni complete della scheda Da spedire${props.count.all === null ? '' : ` (${dichiarazioni(props.count.all)})`}`;
  const offline = props.sync && props.sync.connection !== 'CONNESSO' ? props.sync.connection : null;
  return (
    <ConfirmDialog
      title="Invio al CAF CGN"
      message={
        <>
          <p className="confirm-question">Confermare la trasmissione al CAF CGN di {what}?</p>
          <p>
            Il programma si collega al server del CAF CGN{props.sync?.serverUrl ? ` (${props.sync.serverUrl})` : ''}. Le dichiarazioni passano in
            «Spedite» con status Attesa finché il CAF non ne conferma la ricezione, poi Trasm.CGN.
          </p>
          {offline ? (
            <p className="note">
              {CONNECTION_LABELS[offline]}: le dichiarazioni restano in Attesa e partono alla prossima sincronizzazione riuscita.
            </p>
          ) : null}
        </>
      }
      confirmLabel="Conferma invio"
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    />
  );
}

/** What "Invio" did: how many wait for the CAF, and the declarations refused with their reason. */
export function InvioEsitoDialog(props: { result: ApiOutput<'transmission.send'>; onClose: () => void }) {
  const { queued, refused } = props.result;
  return (
    <Dialog title="Esito dell'invio" onCancel={props.onClose} className="esito-invio-dialog" guida="invio">
      <p role="status">{invioSummary(queued, refused.length)}</p>
      {refused.length > 0 ? (
        <div className="codes">
          <table aria-label="Dichiarazioni non inviate">
            <thead>
              <tr>
                <th className="num">Progr.</th>
                <th>Motivo</th>
              </tr>
            </thead>
            <tbody>
              {refused.map((r) => (
                <tr key={r.id}>
                  <td className="num">{r.progressivo}</td>
                  <td className="error-cell">{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" data-autofocus onClick={props.onClose}>
          Chiudi
        </button>
      </div>
    </Dialog>
  );
}

/** "Modifica" of a Trasm.CGN (p. 102): the CAF withdraws it and it goes back to "Da spedire". */
export function RitiroConfirm(props: { row: MonitorRow; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      title="Modifica dichiarazione trasmessa"
      message={
        <>
          <p>Dichiarazione {who(props.row)}, status Trasm.CGN.</p>
          <p className="confirm-question">
            La dichiarazione sarà ritirata dal CAF e tornerà in Da spedire; non sarà inviata all'INPS finché non viene ritrasmessa.
          </p>
          <p className="muted">Serve il collegamento al server del CAF CGN. Confermare?</p>
        </>
      }
      confirmLabel="Ritira e modifica"
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    />
  );
}

/**
 * "Correggi" (pp. 103–104, 110–111). Ricevuta: a rettificativa R with a new progressivo, to be completed and sent
 * before leaving the program. Scart. CAF with a suggested codice fiscale: use it, or keep the CF and edit.
 * Scartata (9203, 9204, 9209) and Scart. CAF without suggestion: back to "Da spedire" to correct and resend.
 */
export function CorreggiDialog(props: { row: MonitorRow; onConfirm: (applySuggestedCf: boolean) => void; onCancel: () => void }) {
  const { row } = props;
  if (row.status === 'RICEVUTA') {
    const limit = correggiLastDay(row.ordinariaInvioAt, RED2009_TRANSMISSION);
    return (
      <ConfirmDialog
        title="Correggi: dichiarazione rettificativa"
        message={
          <>
            <p>Dichiarazione {who(row)}, Ricevuta dall'INPS.</p>
            <p className="confirm-question">
              Sarà creata una dichiarazione rettificativa (tipo R) con un nuovo progressivo; l'originale diventerà Rettificata e sarà
              visibile solo con «Visualizza rettificate».
            </p>
            <p className="note">
              La rettificativa deve essere resa completa e inviata al CAF CGN prima di chiudere il programma
              {limit ? ` (Correggi ammesso fino al ${formatDate(`${limit}T12:00:00Z`)}, ${RED2009_TRANSMISSION.correggiWindowDays} giorni dal primo invio della dichiarazione ordinaria)` : ''}.
            </p>
          </>
        }
        confirmLabel="Crea rettificativa"
        onConfirm={() => props.onConfirm(false)}
        onCancel={props.onCancel}
      />
    );
  }
  const reason = <p className="error-cell">{[scartoCodeLabel(row.scartoCode), row.scartoMessage ?? ''].filter(Boolean).join(' — ')}</p>;
  if (row.status === 'SCART_CAF' && row.scartoSuggestion) {
    return (
      <Dialog title="Correggi: codice fiscale scartato dal CAF" onCancel={props.onCancel} guida="monitor-scartate" fieldHelp={false}>
        <div className="dialog-body">
          <p>Dichiarazione {who(row)}, status {STATUS_INFO[row.status].label}.</p>
          {reason}
          <p>
            Il CAF indica che il codice fiscale non è più valido e suggerisce <b className="mono">{row.scartoSuggestion}</b>. Verificare con il
            pensionato l'ultimo codice fiscale rilasciato (tessera sanitaria). La dichiarazione torna in «Da spedire» per essere resa completa
            e ritrasmessa.
          </p>
        </div>
        <div className="dialog-buttons">
          <button type="button" onClick={() => props.onConfirm(true)}>
            Usa il codice fiscale suggerito {row.scartoSuggestion}
          </button>
          <button type="button" onClick={() => props.onConfirm(false)}>
            Mantieni e modifica
          </button>
          <button type="button" data-autofocus onClick={props.onCancel}>
            Annulla
          </button>
        </div>
      </Dialog>
    );
  }
  return (
    <ConfirmDialog
      title="Correggi dichiarazione scartata"
      message={
        <>
          <p>Dichiarazione {who(row)}, status {STATUS_INFO[row.status].label}.</p>
          {reason}
          <p className="confirm-question">
            La dichiarazione torna in «Da spedire» per essere corretta, resa completa e ritrasmessa al CAF CGN. Confermare?
          </p>
        </>
      }
      confirmLabel="Correggi"
      onConfirm={() => props.onConfirm(false)}
      onCancel={props.onCancel}
    />
  );
}

/** Utilità → "Riattiva dichiarazione 9011" (p. 45, 109): the CAF found the IPOST matricola correct. */
export function Riattiva9011Confirm(props: { row: MonitorRow; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      title="Riattiva dichiarazione 9011"
      message={
        <>
          <p>Dichiarazione {who(props.row)}, Scartata con codice 9011 (matricola IPOST da verificare).</p>
          <p className="confirm-question">
            Usare solo dopo il messaggio del CAF CGN che conferma la matricola corretta: la dichiarazione torna Completa in «Da spedire» e va
            ritrasmessa. Confermare?
          </p>
          <p className="muted">Se il CAF ha indicato una matricola diversa, caricare invece una nuova dichiarazione con «Nuovo».</p>
        </>
      }
      confirmLabel="Riattiva"
      onConfirm={props.onConfirm}
      onCancel={props.onCancel}
    />
  );
}
