import { CONTROLLO_MESSAGE_PREFIX, parseControlloCode, type ControlloRow } from '#shared/vigilanza/controlli';
import { sql } from 'kysely';
import type { ArchiveDb } from './db';

/**
 * "Vigilanza" → the REDs of this desk involved in an INPS check (p. 72, 112): for each declaration, the latest CAF
 * message with a check code (the list is dynamic: a later message changes or removes the error code). A message
 * whose code does not read is left out rather than shown wrong.
 */
export function controlliList(a: ArchiveDb): ControlloRow[] {
  const latest = a.q
    .selectFrom('messages')
    .select(['declaration_id', (eb) => eb.fn.max('seq').as('seq')])
    .where('code', 'like', `${CONTROLLO_MESSAGE_PREFIX}%`)
    .where('declaration_id', 'is not', null)
    .groupBy('declaration_id');
  const rows = a.all(
    a.q
      .selectFrom('messages as m')
      .innerJoin(latest.as('l'), (j) => j.onRef('l.declaration_id', '=', 'm.declaration_id').onRef('l.seq', '=', 'm.seq'))
      .innerJoin('declarations as d', 'd.id', 'm.declaration_id')
      .select(['d.id', 'd.progressivo', 'd.codice_fiscale', 'd.cognome_nome', 'm.code', 'm.at', 'm.text'])
      .where('d.deleted_at', 'is', null)
      .orderBy(sql`m.seq`, 'desc'),
  );
  const out: ControlloRow[] = [];
  for (const r of rows) {
    const esito = parseControlloCode(r.code);
    if (!esito) continue;
    out.push({ declarationId: r.id, progressivo: r.progressivo, codiceFiscale: r.codice_fiscale, cognomeNome: r.cognome_nome, esito, at: r.at, text: r.text });
  }
  return out;
}
