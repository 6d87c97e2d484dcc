import { SERVER_ERROR_CODES, type SendControlloSchema } from '#shared/server-api/contract';
import { controlloMessageCode, controlloMessageText } from '#shared/vigilanza/controlli';
import type { z } from 'zod';
import { HttpError, notFound } from '../http/errors';
import { nowIso, type Store } from '../store/db';
import { appendChanges } from './changes';

/**
 * "Vigilanza" (p. 112): the CAF staff report INPS's check of a declaration — picked for the sample, irregular with an
 * error code 1–5, or regular — to the desk that sent it, as a message about that declaration. INPS checks only the
 * REDs it acquired: the declaration must be Ricevuta.
 */
export async function sendControllo(store: Store, body: z.infer<typeof SendControlloSchema>): Promise<{ seq: number }> {
  const seq = await store.transaction(async (trx) => {
    const d = await trx
      .selectFrom('declarations')
      .select(['status', 'progressivo'])
      .where('desk_id', '=', body.deskId)
      .where('declaration_key', '=', body.declarationKey)
      .executeTakeFirst();
    if (!d) throw notFound(`Dichiarazione ${body.declarationKey} dello sportello ${body.deskId} non trovata.`);
    if (d.status !== 'RICEVUTA') {
      throw new HttpError(409, {
        code: SERVER_ERROR_CODES.CONFLICT,
        message: `La dichiarazione ${d.progressivo} non è Ricevuta dall'INPS: i controlli INPS riguardano solo i RED acquisiti (p. 111).`,
        field: 'declarationKey',
      });
    }
    const change = {
      kind: 'MESSAGE' as const,
      declarationKey: body.declarationKey,
      code: controlloMessageCode(body.esito),
      text: controlloMessageText(body.esito, body.nota),
      correctMatricola: null,
    };
    const [s] = await appendChanges(trx, body.deskId, [change], nowIso());
    return s ?? 0;
  });
  return { seq };
}
