import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDb } from './schema';

/**
 * The campaign deadline for transmissions ("entro il termine", seed 000 and red-domain.md §4.3): set by the CAF with
 * PUT /v1/admin/campaign (INPS may extend it), else RED_DESK_SERVER_DEADLINE. Stored as text: '' = no deadline.
 */
export async function getDeadline(db: Kysely<ServerDb>, fallback: string | undefined): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'deadline').executeTakeFirst();
  if (row) return row.value === '' ? null : row.value;
  return fallback ?? null;
}

export async function setDeadline(db: Kysely<ServerDb>, deadline: string | null): Promise<void> {
  const value = deadline ?? '';
  await db
    .insertInto('settings')
    .values({ key: 'deadline', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** "30/06/2009 alle ore 23:59" in Italian time, for the refusal message. */
export function formatDeadline(iso: string): string {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
  const time = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit' }).format(d);
  return `${date} alle ore ${time}`;
}

/**
 * The server's identity, sent with the change feed: a uuid made by the first server that opened this database, kept
 * in `settings`, so every process on one database sends the same id and a restored or different database another
 * one (a desk then does not resume a cursor that meant something else). Created by migrate() in its transaction;
 * here only read (and created if a database somehow lacks it).
 */
export async function serverInstanceId(db: Kysely<ServerDb>): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'instance_id').executeTakeFirst();
  if (row) return row.value;
  await ensureInstanceId(db);
  return (await db.selectFrom('settings').select('value').where('key', '=', 'instance_id').executeTakeFirstOrThrow()).value;
}

export async function ensureInstanceId(db: Kysely<ServerDb>): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: 'instance_id', value: randomUUID() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
