import type { z } from 'zod';
import { ScartoSchema, type AnagrafeLoadSchema, type MatricolaVerificaSchema, type MatricoleLoadSchema } from '#shared/server-api/contract';
import { appendChangesByDesk, type NewChange } from '../feed/changes';
import { chunks, nowIso, type Store } from '../store/db';

/** Loads (replace or merge) the anagrafe list; returns how many entries were loaded and the list size. */
export async function loadAnagrafe(store: Store, input: z.infer<typeof AnagrafeLoadSchema>): Promise<{ loaded: number; total: number }> {
  return store.transaction(async (trx) => {
    if (input.replace) await trx.deleteFrom('anagrafe').execute();
    const rows = input.entries.map((e) => ({ codice_fiscale: e.codiceFiscale, collegato_a: e.collegatoA ?? null }));
    for (const part of chunks(rows, 500)) {
      // ON CONFLICT … DO UPDATE with `excluded`: same syntax on SQLite (≥ 3.24) and PostgreSQL.
      await trx
        .insertInto('anagrafe')
        .values(part)
        .onConflict((oc) => oc.column('codice_fiscale').doUpdateSet((eb) => ({ collegato_a: eb.ref('excluded.collegato_a') })))
        .execute();
    }
    const { n } = await trx.selectFrom('anagrafe').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { loaded: rows.length, total: Number(n) };
  });
}

export async function loadMatricole(store: Store, input: z.infer<typeof MatricoleLoadSchema>): Promise<{ loaded: number; total: number }> {
  return store.transaction(async (trx) => {
    if (input.replace) await trx.deleteFrom('matricole_errate').execute();
    const rows = input.entries.map((e) => ({ matricola: e.matricola, code: e.code, matricola_corretta: e.matricolaCorretta ?? null }));
    for (const part of chunks(rows, 500)) {
      await trx
        .insertInto('matricole_errate')
        .values(part)
        .onConflict((oc) =>
          oc.column('matricola').doUpdateSet((eb) => ({ code: eb.ref('excluded.code'), matricola_corretta: eb.ref('excluded.matricola_corretta') })),
        )
        .execute();
    }
    const { n } = await trx.selectFrom('matricole_errate').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { loaded: rows.length, total: Number(n) };
  });
}

/**
 * The CAF has checked a 9011 matricola (p. 45, 109): every desk holding a declaration rejected 9011 with it gets a
 * message in the platform. Correct → the matricola leaves the list (the desk makes the declaration complete again
 * with the Utilità function and resends it, T21); wrong → it becomes a 9010 with the correct matricola (a resend is
 * rejected 9010; the desk loads a new declaration, T22).
 */
export async function verifyMatricola(store: Store, input: z.infer<typeof MatricolaVerificaSchema>): Promise<{ messages: number }> {
  return store.transaction(async (trx) => {
    const at = nowIso();
    const rows = await trx
      .selectFrom('declarations')
      .select(['desk_id', 'declaration_key', 'scarto'])
      .where('matricola', '=', input.matricola)
      .where('status', '=', 'SCARTATA')
      .execute();
    const byDesk = new Map<string, NewChange[]>();
    for (const r of rows) {
      if (!r.scarto || ScartoSchema.parse(JSON.parse(r.scarto)).code !== '9011') continue;
      const correct = input.esito === 'CORRETTA';
      const text = correct
        ? `Matricola ${input.matricola} verificata: è corretta. Rendere completa la dichiarazione con l'apposita funzione di Utilità e ritrasmetterla al CAF CGN.`
        : `Matricola ${input.matricola} non corretta: la matricola corretta è ${input.matricolaCorretta ?? ''}. Caricare una nuova dichiarazione con la matricola corretta.`;
      const list = byDesk.get(r.desk_id) ?? [];
      list.push({ kind: 'MESSAGE', declarationKey: r.declaration_key, code: '9011', text, correctMatricola: correct ? null : (input.matricolaCorretta ?? null) });
      byDesk.set(r.desk_id, list);
    }
    if (input.esito === 'CORRETTA') {
      await trx.deleteFrom('matricole_errate').where('matricola', '=', input.matricola).execute();
    } else {
      const row = { matricola: input.matricola, code: '9010' as const, matricola_corretta: input.matricolaCorretta ?? null };
      await trx
        .insertInto('matricole_errate')
        .values(row)
        .onConflict((oc) => oc.column('matricola').doUpdateSet({ code: row.code, matricola_corretta: row.matricola_corretta }))
        .execute();
    }
    await appendChangesByDesk(trx, byDesk, at);
    return { messages: [...byDesk.values()].reduce((n, l) => n + l.length, 0) };
  });
}
