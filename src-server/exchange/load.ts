import { createHash } from 'node:crypto';
import { readExchangeFile } from '#shared/exchange/container';
import type { ExchangeDeclaration } from '#shared/exchange/format';
import { STATUS_INFO } from '#shared/status/statuses';
import {
  MAX_TRANSMISSION_ITEMS,
  SERVER_ERROR_CODES,
  TransmissionItemSchema,
  type ExchangeLoadResponse,
  type TransmissionItem,
} from '#shared/server-api/contract';
import { AppError } from '#shared/errors';
import { transmit } from '../ingest/transmit';
import { HttpError } from '../http/errors';
import type { Store } from '../store/db';
import { SERVER_EXCHANGE } from './primitives';

/** The campaign whose copies this server loads (the desks write it in every file). */
export const EXCHANGE_CAMPAIGN = 'RED2009';

/**
 * "Copia archivi da inviare al CAF" loaded on the server (issue 13 point 1). The file is opened with the CAF's
 * passphrase (RED_DESK_SERVER_EXCHANGE_PASSPHRASE, the one the CAF gives its Centri di Elaborazione) and refused
 * whole, with the desk's messages, if it is truncated, altered, of another campaign or of a newer format. Then each
 * declaration goes through `transmit` — the same idempotent path as a desk's "Invio" — under the desk it was
 * entered at, with the key and the version that desk sends: the same declaration sent by its desk, or loaded again
 * from this or another copy, is a "duplicate", never a second row. The transmission ids are derived from the file
 * id, so loading the same file again replays the first answers.
 */
export async function loadExchangeCopy(store: Store, passphrase: string | undefined, body: { fileName: string; data: string }, defaultDeadline: string | undefined): Promise<ExchangeLoadResponse> {
  if (!passphrase) {
    throw new HttpError(403, { code: SERVER_ERROR_CODES.FORBIDDEN, message: 'Lettura delle copie per il CAF disabilitata: RED_DESK_SERVER_EXCHANGE_PASSPHRASE non impostato.' });
  }
  let opened;
  try {
    opened = await readExchangeFile(SERVER_EXCHANGE, Buffer.from(body.data, 'base64'), passphrase, { campaign: EXCHANGE_CAMPAIGN, kinds: ['CAF'], fileName: body.fileName });
  } catch (e) {
    if (e instanceof AppError) throw new HttpError(422, { code: e.code, message: e.message.replace("Nessuna dichiarazione è stata modificata nell'archivio.", 'Nulla è stato memorizzato.') });
    throw e;
  }
  const { manifest, data } = opened;
  const known = new Set((await store.db.selectFrom('desks').select('id').execute()).map((r) => r.id));
  const rifiutate: ExchangeLoadResponse['rifiutate'] = [];
  const refuse = (d: ExchangeDeclaration, message: string) => {
    if (rifiutate.length < 100) rifiutate.push({ sportello: d.origine.sportello, progressivo: d.origine.progressivo, message });
  };
  const tally = new Map<string, ExchangeLoadResponse['perSportello'][number]>();
  const count = (desk: string) => {
    let t = tally.get(desk);
    if (!t) tally.set(desk, (t = { deskId: desk, accepted: 0, duplicate: 0, refused: 0 }));
    return t;
  };
  // Per desk of origin, the items as that desk's "Invio" would send them.
  const byDesk = new Map<string, { item: TransmissionItem; d: ExchangeDeclaration }[]>();
  for (const d of data.dichiarazioni) {
    const desk = d.origine.sportello;
    if (!known.has(desk)) {
      count(desk).refused++;
      refuse(d, `Sportello ${desk} non registrato sul server: registrarlo prima di caricare le sue dichiarazioni.`);
      continue;
    }
    const sent = STATUS_INFO[d.status].tab !== 'DA_SPEDIRE';
    const parsed = TransmissionItemSchema.safeParse({
      declarationKey: d.serverKey ?? '',
      version: sent ? (d.sentVersion ?? d.version) : d.version + 1,
      progressivo: d.origine.progressivo,
      tipo: d.tipo,
      matricola: d.matricola,
      document: d.document,
    });
    if (!parsed.success) {
      count(desk).refused++;
      refuse(d, `Dati non validi: ${parsed.error.issues[0]?.message ?? 'formato errato'}.`);
      continue;
    }
    const list = byDesk.get(desk);
    if (list) list.push({ item: parsed.data, d });
    else byDesk.set(desk, [{ item: parsed.data, d }]);
  }
  let replayed = 0;
  for (const [desk, entries] of byDesk) {
    for (let i = 0; i < entries.length; i += MAX_TRANSMISSION_ITEMS) {
      const part = entries.slice(i, i + MAX_TRANSMISSION_ITEMS);
      const r = await transmit(store, desk, { transmissionId: derivedUuid(`${manifest.fileId}:${desk}:${i}`), items: part.map((e) => e.item) }, defaultDeadline);
      if (r.replayed) replayed++;
      for (const [k, it] of r.items.entries()) {
        const t = count(desk);
        if (it.outcome === 'refused') {
          t.refused++;
          refuse(part[k]!.d, it.error?.message ?? 'rifiutata');
        } else t[it.outcome]++;
      }
    }
  }
  return { fileId: manifest.fileId, sportello: manifest.sportello, dichiarazioni: data.dichiarazioni.length, perSportello: [...tally.values()], rifiutate, replayed };
}

/** A uuid (version 8, "custom") from a name: the same file gives the same transmission ids. */
function derivedUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex').slice(0, 32).split('');
  h[12] = '8';
  h[16] = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
