import type { z } from 'zod';
import {
  SERVER_ERROR_CODES,
  ScartoSchema,
  type DeclarationState,
  type TransmissionsResponseSchema,
  type WithdrawRequestSchema,
  type WithdrawResponseSchema,
} from '#shared/server-api/contract';
import { withdrawRefusal } from '../checks/messages';
import { appendChanges } from '../feed/changes';
import { HttpError, notFound } from '../http/errors';
import { nowIso, type Store } from '../store/db';
import { formatDeadline, getDeadline } from '../store/settings';

/** Every query here filters by the authenticated desk: another desk's key is simply "not found". */
export async function getDeclaration(store: Store, deskId: string, key: string): Promise<DeclarationState> {
  const r = await store.db.selectFrom('declarations').selectAll().where('desk_id', '=', deskId).where('declaration_key', '=', key).executeTakeFirst();
  if (!r) throw notFound(`Dichiarazione ${key} non trovata.`);
  return {
    declarationKey: r.declaration_key,
    version: r.version,
    progressivo: r.progressivo,
    tipo: r.tipo,
    matricola: r.matricola,
    codiceFiscale: r.codice_fiscale,
    cognomeNome: r.cognome_nome,
    status: r.blocked_at !== null && r.status === 'TRASM_CGN' ? 'BLOCCATA' : r.status,
    scarto: r.scarto ? ScartoSchema.parse(JSON.parse(r.scarto)) : null,
    receivedAt: r.received_at,
    updatedAt: r.updated_at,
  };
}

/**
 * "Modifica" of a Trasm.CGN (T08, p. 102) or its annullamento (T24, p. 101): the server withdraws it, so it is not
 * forwarded to INPS until a new version arrives. Only while it has not gone to INPS (409 after) and before the
 * campaign deadline (422 SRV-07 after: declarations already sent are neither deleted nor modified, seed 000 point 3);
 * idempotent.
 */
export async function withdrawDeclaration(
  store: Store,
  deskId: string,
  key: string,
  body: z.infer<typeof WithdrawRequestSchema>,
  defaultDeadline?: string,
): Promise<z.infer<typeof WithdrawResponseSchema>> {
  const deadline = await getDeadline(store.db, defaultDeadline);
  return store.transaction(async (trx) => {
    const cur = await trx
      .selectFrom('declarations')
      .select(['id', 'status', 'version', 'blocked_at'])
      .where('desk_id', '=', deskId)
      .where('declaration_key', '=', key)
      .executeTakeFirst();
    if (!cur) throw notFound(`Dichiarazione ${key} non trovata.`);
    if (body.version !== undefined && body.version !== cur.version) {
      throw new HttpError(409, {
        code: SERVER_ERROR_CODES.CONFLICT,
        message: `Il server ha la versione ${cur.version} della dichiarazione, non la ${body.version}.`,
        field: 'version',
      });
    }
    const done = { declarationKey: key, version: cur.version, serverStatus: 'RITIRATA' as const };
    if (cur.status === 'RITIRATA') return { ...done, changed: false };
    if (deadline !== null && Date.now() > Date.parse(deadline)) {
      throw new HttpError(422, {
        code: SERVER_ERROR_CODES.DEADLINE,
        message: `Il termine per la trasmissione delle dichiarazioni RED è scaduto il ${formatDeadline(deadline)}: le dichiarazioni già trasmesse non possono più essere ritirate, cancellate né modificate.`,
        details: { deadline, serverStatus: cur.status },
      });
    }
    if (cur.status !== 'TRASM_CGN') {
      const forwarded = cur.status === 'TRASM_INPS' || cur.status === 'RICEVUTA';
      throw new HttpError(409, {
        code: forwarded ? SERVER_ERROR_CODES.ALREADY_FORWARDED : SERVER_ERROR_CODES.CONFLICT,
        message: withdrawRefusal(cur.status),
        details: { serverStatus: cur.status },
      });
    }
    if (cur.blocked_at !== null) {
      throw new HttpError(409, {
        code: SERVER_ERROR_CODES.CONFLICT,
        message: 'La dichiarazione è bloccata dal CAF: non può essere ritirata finché il CAF non la sblocca (vedere il messaggio).',
        details: { serverStatus: 'BLOCCATA' },
      });
    }
    const at = nowIso();
    // Conditional: if the forwarding job took it a moment ago, this updates nothing and the desk gets the 409.
    const r = await trx
      .updateTable('declarations')
      .set({ status: 'RITIRATA', updated_at: at })
      .where('id', '=', cur.id)
      .where('status', '=', 'TRASM_CGN')
      .where('blocked_at', 'is', null)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) {
      throw new HttpError(409, { code: SERVER_ERROR_CODES.ALREADY_FORWARDED, message: withdrawRefusal('TRASM_INPS'), details: { serverStatus: 'TRASM_INPS' } });
    }
    await appendChanges(trx, deskId, [{ kind: 'STATUS', declarationKey: key, version: cur.version, status: 'RITIRATA', scarto: null }], at);
    return { ...done, changed: true };
  });
}

/** "Storico trasmissioni" (p. 70, 99): newest first, with the declarations of each file. */
export async function listTransmissions(store: Store, deskId: string, limit: number, offset: number): Promise<z.infer<typeof TransmissionsResponseSchema>> {
  const { n } = await store.db
    .selectFrom('transmissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('desk_id', '=', deskId)
    .executeTakeFirstOrThrow();
  const heads = await store.db
    .selectFrom('transmissions')
    .select(['id', 'received_at'])
    .where('desk_id', '=', deskId)
    .orderBy('received_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  const ids = heads.map((h) => h.id);
  const items = ids.length
    ? await store.db
        .selectFrom('transmission_items')
        .selectAll()
        .where('desk_id', '=', deskId)
        .where('transmission_id', 'in', ids)
        .orderBy('transmission_id')
        .orderBy('position')
        .execute()
    : [];
  return {
    total: Number(n),
    transmissions: heads.map((h) => ({
      transmissionId: h.id,
      receivedAt: h.received_at,
      items: items
        .filter((i) => i.transmission_id === h.id)
        .map((i) => ({ declarationKey: i.declaration_key, version: i.version, codiceFiscale: i.codice_fiscale, cognomeNome: i.cognome_nome, outcome: i.outcome })),
    })),
  };
}
