import type { EndpointIO } from '#shared/server-api/contract';
import { SERVER_ERROR_CODES } from '#shared/server-api/contract';
import { generaCodice, GIORNI_VALIDITA, scadenzaDa } from '#shared/sblocco/codice';
import { romeToday } from '#shared/util/italian-time';
import { HttpError, notFound } from '../http/errors';
import { hmacSha256 } from '../http/auth';
import type { Store } from '../store/db';

type Io = EndpointIO<'admin.sblocchi.create'>;

/**
 * "Sblocca dichiarazione errata" on the CAF's side: the code for one declaration, one error, one desk, signed with the
 * desk's unlock key (src-shared/sblocco/codice.ts). Nothing is stored: the desk records the unlock when the code is
 * entered (who, when, which error, reason), and the code stops working on its last day.
 */
export async function issueSblocco(store: Store, body: Io['body'], now: () => number = Date.now): Promise<Io['response']> {
  const desk = await store.db.selectFrom('desks').select(['id', 'unlock_key']).where('id', '=', body.deskId).executeTakeFirst();
  if (!desk) throw notFound(`Sportello ${body.deskId} non trovato.`);
  if (!desk.unlock_key) {
    throw new HttpError(409, {
      code: SERVER_ERROR_CODES.CONFLICT,
      message: `Lo sportello ${body.deskId} non ha ancora una chiave di sblocco: deve collegarsi al server almeno una volta (Sincronizza), oppure rigenerarne il segreto, prima di poter ricevere un codice di sblocco.`,
      field: 'deskId',
    });
  }
  const scadenza = scadenzaDa(romeToday(now()), body.giorni ?? GIORNI_VALIDITA);
  const pratica = { deskId: body.deskId, codiceFiscale: body.codiceFiscale, campagna: body.campagna, progressivo: body.progressivo };
  const codice = generaCodice(hmacSha256, Buffer.from(desk.unlock_key, 'hex'), pratica, body.codiceErrore, scadenza);
  return { codice, scadenza, ...pratica, codiceErrore: body.codiceErrore };
}
