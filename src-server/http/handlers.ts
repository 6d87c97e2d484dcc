import { SERVER_ERROR_CODES, type EndpointIO, type ServerEndpoint } from '#shared/server-api/contract';
import { loadAnagrafe, loadMatricole, verifyMatricola } from '../checks/lists';
import { appendChanges, listChanges } from '../feed/changes';
import { getDeclaration, listTransmissions, withdrawDeclaration } from '../ingest/declarations';
import { transmit } from '../ingest/transmit';
import type { JobRunner } from '../jobs/runner';
import { nowIso, type Store } from '../store/db';
import { getDeadline, setDeadline } from '../store/settings';
import { sendControllo } from '../feed/controlli';
import { loadExchangeCopy } from '../exchange/load';
import { issueSblocco } from '../sblocchi/issue';
import { createDesk, rotateDeskSecret, setDeskDisabled, type DeskAuthenticator } from './auth';
import { createAssistenza } from '../console/actions';
import { HttpError, notFound } from './errors';

export interface HandlerDeps {
  store: Store;
  jobs: JobRunner;
  auth: DeskAuthenticator;
  schemaVersion: number;
  defaultDeadline: string | undefined;
  /** The CAF's passphrase of the "Copia archivi da inviare al CAF" files (unset: loading them is refused). */
  exchangePassphrase?: string | undefined;
  /** The server's identity (store/settings.ts serverInstanceId), sent with the change feed. */
  serverId: string;
}

/** What a handler gets: the parsed inputs and, on desk routes, the authenticated desk ('' elsewhere). */
export type HandlerInput<K extends ServerEndpoint> = Omit<EndpointIO<K>, 'response'> & { deskId: string };
export type Handlers = { [K in ServerEndpoint]: (input: HandlerInput<K>) => Promise<EndpointIO<K>['response']> };

function inpsNotConfigured(): HttpError {
  return new HttpError(503, { code: SERVER_ERROR_CODES.INPS, message: 'Canale INPS non configurato (RED_DESK_SERVER_INPS_URL).' });
}

export function createHandlers(d: HandlerDeps): Handlers {
  const { store } = d;
  return {
    health: async () => ({ status: 'ok' }),
    'health.details': async () => ({
      status: 'ok',
      dialect: store.dialect,
      schemaVersion: d.schemaVersion,
      time: nowIso(),
      serverId: d.serverId,
      ...d.auth.counters,
    }),
    'transmissions.send': ({ deskId, body }) => transmit(store, deskId, body, d.defaultDeadline),
    'transmissions.list': ({ deskId, query }) => listTransmissions(store, deskId, query.limit, query.offset),
    'changes.list': async ({ deskId, query }) => ({ ...(await listChanges(store.db, deskId, query.after, query.limit)), serverId: d.serverId }),
    'declarations.get': ({ deskId, params }) => getDeclaration(store, deskId, params.key),
    'declarations.withdraw': ({ deskId, params, body }) => withdrawDeclaration(store, deskId, params.key, body, d.defaultDeadline),
    'assistenza.send': ({ deskId, body }) => createAssistenza(store, deskId, body),
    'admin.desks.create': ({ body }) => createDesk(store.db, body.deskId, body.name),
    'admin.desks.rotate': ({ params }) => rotateDeskSecret(store.db, d.auth, params.deskId),
    'admin.desks.disable': ({ params, body }) => setDeskDisabled(store.db, d.auth, params.deskId, body.disabled, body.reason),
    'admin.anagrafe.load': ({ body }) => loadAnagrafe(store, body),
    'admin.matricole.load': ({ body }) => loadMatricole(store, body),
    'admin.matricole.verifica': ({ body }) => verifyMatricola(store, body),
    'admin.messages.send': async ({ body }) => {
      const seq = await store.transaction(async (trx) => {
        const desk = await trx.selectFrom('desks').select('id').where('id', '=', body.deskId).executeTakeFirst();
        if (!desk) throw notFound(`Sportello ${body.deskId} non trovato.`);
        // A message may name only a declaration of the desk it goes to (never leak another desk's key or data).
        if (body.declarationKey !== undefined) {
          const own = await trx
            .selectFrom('declarations')
            .select('id')
            .where('desk_id', '=', body.deskId)
            .where('declaration_key', '=', body.declarationKey)
            .executeTakeFirst();
          if (!own) {
            throw new HttpError(404, {
              code: SERVER_ERROR_CODES.NOT_FOUND,
              message: `Dichiarazione ${body.declarationKey} non trovata tra quelle dello sportello ${body.deskId}: un messaggio può riguardare solo le sue dichiarazioni.`,
              field: 'declarationKey',
            });
          }
        }
        const change = { kind: 'MESSAGE' as const, declarationKey: body.declarationKey ?? null, code: null, text: body.text, correctMatricola: null };
        const [s] = await appendChanges(trx, body.deskId, [change], nowIso());
        return s ?? 0;
      });
      return { seq };
    },
    'admin.controlli.send': ({ body }) => sendControllo(store, body),
    'admin.campaign.set': async ({ body }) => {
      await setDeadline(store.db, body.deadline);
      return { deadline: await getDeadline(store.db, d.defaultDeadline) };
    },
    'admin.jobs.forward': async () => {
      if (!d.jobs.configured) throw inpsNotConfigured();
      return d.jobs.forward();
    },
    'admin.jobs.esiti': async () => {
      if (!d.jobs.configured) throw inpsNotConfigured();
      return d.jobs.esiti();
    },
    'admin.exchange.load': ({ body }) => loadExchangeCopy(store, d.exchangePassphrase, body, d.defaultDeadline),
    'admin.sblocchi.create': ({ body }) => issueSblocco(store, body),
  };
}
