import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  ASSISTENZA_MESSAGE_CODE,
  type AnswerSchema,
  type BlockSchema,
  type ConsoleAssistenza,
  type ConsoleDeclaration,
  type ConsoleDesk,
  type NewCircolareSchema,
} from '#shared/console-api/contract';
import { SERVER_ERROR_CODES, type AssistenzaRequest } from '#shared/server-api/contract';
import { appendChanges } from '../feed/changes';
import { HttpError, notFound } from '../http/errors';
import { nowIso, type Store } from '../store/db';
import type { DeclarationsTable } from '../store/schema';

/** What the console does besides reading the campaign's numbers (campaign.ts). */

const conflict = (message: string) => new HttpError(409, { code: SERVER_ERROR_CODES.CONFLICT, message });

export async function listDesks(store: Store): Promise<ConsoleDesk[]> {
  const desks = await store.db.selectFrom('desks').select(['id', 'name', 'created_at', 'disabled_at', 'disabled_reason']).orderBy('id').execute();
  const counts = await store.db
    .selectFrom('declarations')
    .select(['desk_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('desk_id')
    .execute();
  const n = new Map(counts.map((c) => [c.desk_id, Number(c.n)]));
  return desks.map((d) => ({
    id: d.id,
    name: d.name,
    createdAt: d.created_at,
    declarations: n.get(d.id) ?? 0,
    disabledAt: d.disabled_at ?? null,
    disabledReason: d.disabled_at ? (d.disabled_reason ?? null) : null,
  }));
}

type Row = Pick<DeclarationsTable, 'id' | 'desk_id' | 'declaration_key' | 'progressivo' | 'tipo' | 'matricola' | 'codice_fiscale' | 'cognome_nome' | 'status' | 'blocked_reason' | 'blocked_at' | 'received_at' | 'updated_at'>;
const COLUMNS = ['id', 'desk_id', 'declaration_key', 'progressivo', 'tipo', 'matricola', 'codice_fiscale', 'cognome_nome', 'status', 'blocked_reason', 'blocked_at', 'received_at', 'updated_at'] as const;

function toConsole(r: Row): ConsoleDeclaration {
  return {
    id: r.id,
    deskId: r.desk_id,
    declarationKey: r.declaration_key,
    progressivo: r.progressivo,
    tipo: r.tipo,
    matricola: r.matricola,
    codiceFiscale: r.codice_fiscale,
    cognomeNome: r.cognome_nome,
    status: r.blocked_at !== null && r.status === 'TRASM_CGN' ? 'BLOCCATA' : r.status,
    blockedReason: r.blocked_reason,
    receivedAt: r.received_at,
    updatedAt: r.updated_at,
  };
}

/** Declarations of every desk with this codice fiscale (titolare), newest first (index declarations_by_cf). */
export async function declarationsByCf(store: Store, cf: string): Promise<ConsoleDeclaration[]> {
  const rows = await store.db.selectFrom('declarations').select(COLUMNS).where('codice_fiscale', '=', cf).orderBy('received_at', 'desc').limit(200).execute();
  return rows.map(toConsole);
}

/**
 * "Blocca" (p. 68 "Bloccata"): a received declaration still Trasm.CGN is held back from INPS with a reason; the
 * forwarding skips it (jobs/forward.ts) and the desk's feed says BLOCCATA with the reason, in the same transaction.
 * The update is conditional on Trasm.CGN and not blocked: a forwarding that took it a moment before wins (409).
 */
export async function blockDeclaration(store: Store, id: string, body: z.infer<typeof BlockSchema>): Promise<ConsoleDeclaration> {
  return store.transaction(async (trx) => {
    const at = nowIso();
    const r = await trx
      .updateTable('declarations')
      .set({ blocked_at: at, blocked_reason: body.reason, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'TRASM_CGN')
      .where('blocked_at', 'is', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!r) throw await refusal(trx, id, 'bloccare');
    await appendChanges(trx, r.desk_id, [{ kind: 'STATUS', declarationKey: r.declaration_key, version: await versionOf(trx, id), status: 'BLOCCATA', scarto: null, reason: body.reason }], at);
    return toConsole(r);
  });
}

/** "Sblocca": back to Trasm.CGN, forwarded with the next run; the desk shows Trasm.CGN again. */
export async function releaseDeclaration(store: Store, id: string): Promise<ConsoleDeclaration> {
  return store.transaction(async (trx) => {
    const at = nowIso();
    const r = await trx
      .updateTable('declarations')
      .set({ blocked_at: null, blocked_reason: null, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'TRASM_CGN')
      .where('blocked_at', 'is not', null)
      .returning(COLUMNS)
      .executeTakeFirst();
    if (!r) throw await refusal(trx, id, 'sbloccare');
    await appendChanges(trx, r.desk_id, [{ kind: 'STATUS', declarationKey: r.declaration_key, version: await versionOf(trx, id), status: 'TRASM_CGN', scarto: null }], at);
    return toConsole(r);
  });
}

type Trx = Parameters<Parameters<Store['transaction']>[0]>[0];

async function versionOf(trx: Trx, id: string): Promise<number> {
  const r = await trx.selectFrom('declarations').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return r.version;
}

async function refusal(trx: Trx, id: string, what: 'bloccare' | 'sbloccare'): Promise<HttpError> {
  const d = await trx.selectFrom('declarations').select(['status', 'blocked_at', 'progressivo']).where('id', '=', id).executeTakeFirst();
  if (!d) return notFound('Dichiarazione non trovata.');
  if (what === 'bloccare' && d.blocked_at !== null) return conflict(`La dichiarazione ${d.progressivo} è già bloccata.`);
  if (what === 'sbloccare' && d.blocked_at === null) return conflict(`La dichiarazione ${d.progressivo} non è bloccata.`);
  return conflict(`La dichiarazione ${d.progressivo} non è più Trasm.CGN (${d.status}): si può ${what} solo prima dell'inoltro all'INPS.`);
}

// ----- Circolari telematiche (p. 70) -----

/** Published to every desk's feed in the same transaction (a desk created later does not get the old ones). */
export async function publishCircolare(store: Store, body: z.infer<typeof NewCircolareSchema>): Promise<{ id: string; desks: number }> {
  const id = randomUUID();
  return store.transaction(async (trx) => {
    const at = nowIso();
    const scadenza = body.scadenza ?? null;
    await trx.insertInto('circolari').values({ id, titolo: body.titolo, testo: body.testo, data: body.data, scadenza, created_at: at }).execute();
    const desks = await trx.selectFrom('desks').select('id').orderBy('id').execute();
    const change = { kind: 'CIRCOLARE' as const, circolareId: id, titolo: body.titolo, testo: body.testo, data: body.data, scadenza };
    // Desk-id order, like every multi-desk writer (feed/changes.ts): no deadlock between two of them.
    for (const d of desks) await appendChanges(trx, d.id, [change], at);
    return { id, desks: desks.length };
  });
}

export async function listCircolari(store: Store) {
  const rows = await store.db.selectFrom('circolari').selectAll().orderBy('created_at', 'desc').limit(200).execute();
  return rows.map((r) => ({ id: r.id, titolo: r.titolo, testo: r.testo, data: r.data, scadenza: r.scadenza, createdAt: r.created_at }));
}

// ----- Assistenza CGN (p. 70) -----

/** A desk's question; the declaration, when named, must be one of that desk. */
export async function createAssistenza(store: Store, deskId: string, body: AssistenzaRequest): Promise<{ id: string; createdAt: string }> {
  if (body.declarationKey) {
    const d = await store.db.selectFrom('declarations').select('id').where('desk_id', '=', deskId).where('declaration_key', '=', body.declarationKey).executeTakeFirst();
    if (!d) throw notFound(`Dichiarazione ${body.declarationKey} non trovata.`);
  }
  const row = { id: randomUUID(), desk_id: deskId, testo: body.testo, declaration_key: body.declarationKey ?? null, created_at: nowIso(), risposta: null, answered_at: null };
  await store.db.insertInto('assistenza').values(row).execute();
  return { id: row.id, createdAt: row.created_at };
}

const toAssistenza = (r: { id: string; desk_id: string; testo: string; declaration_key: string | null; created_at: string; risposta: string | null; answered_at: string | null }): ConsoleAssistenza => ({
  id: r.id,
  deskId: r.desk_id,
  testo: r.testo,
  declarationKey: r.declaration_key,
  createdAt: r.created_at,
  risposta: r.risposta,
  answeredAt: r.answered_at,
});

export async function listAssistenza(store: Store): Promise<ConsoleAssistenza[]> {
  const rows = await store.db.selectFrom('assistenza').selectAll().orderBy('created_at', 'desc').limit(500).execute();
  return rows.map(toAssistenza);
}

/** The answer goes to the desk as a message (code ASSISTENZA, about the declaration when the question named one). */
export async function answerAssistenza(store: Store, id: string, body: z.infer<typeof AnswerSchema>): Promise<ConsoleAssistenza> {
  return store.transaction(async (trx) => {
    const at = nowIso();
    const r = await trx
      .updateTable('assistenza')
      .set({ risposta: body.risposta, answered_at: at })
      .where('id', '=', id)
      .where('answered_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!r) {
      const exists = await trx.selectFrom('assistenza').select('id').where('id', '=', id).executeTakeFirst();
      throw exists ? conflict('A questa domanda è già stata data una risposta.') : notFound('Domanda non trovata.');
    }
    const text = `Risposta dell'assistenza CGN alla domanda del ${r.created_at.slice(8, 10)}/${r.created_at.slice(5, 7)}/${r.created_at.slice(0, 4)} («${short(r.testo)}»): ${body.risposta}`;
    await appendChanges(trx, r.desk_id, [{ kind: 'MESSAGE', declarationKey: r.declaration_key, code: ASSISTENZA_MESSAGE_CODE, text, correctMatricola: null }], at);
    return toAssistenza(r);
  });
}

const short = (s: string): string => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
