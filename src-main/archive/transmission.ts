import { randomBytes, randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import { sql, type Compilable, type Updateable } from 'kysely';
import type { Archive } from './archive';
import type { DeskDatabase } from './schema';
import { readDocument, readDocuments, writeDocument } from './documents';
import { AppError, ERROR_CODES } from '#shared/errors';
import type { RedDocument } from '#shared/domain/red-document';
import type { AttesaRow, DeskMessage, ParkedChange, Segnalazione, StoricoFile } from '#shared/domain/transmission';
import {
  correggiRefusal,
  exitRefusal,
  planServerStatus,
  planTransition,
  rettificaSendRefusal,
  statusAfterEdit,
  type ServerStatusName,
  type StatusEvent,
} from '#shared/status/machine';
import { STATUS_INFO, type Status } from '#shared/status/statuses';
import type { TransmissionRules } from '#shared/campaigns/red2009/transmission';
import { formatDate, romeLastDay } from '#shared/util/italian-time';
import { correctionFacts } from './correction-facts';
import { applyCircolare } from './circolari';
import { BLOCCATA_CODE } from '#shared/domain/circolari';
import { MAX_TRANSMISSION_ITEMS, type Change, type Scarto, type TransmitItemResult, type TransmitResponse } from '#shared/server-api/contract';

/**
 * The archive side of the transmission to the central CAF (issue 4): the outbox written in the same
 * transaction as the "Attesa" status, the answers and the change feed applied idempotently (with history),
 * "Modifica" after a withdrawal, "Correggi" and the rettificativa, Storico, Segnalazioni, messages.
 * Every function runs in one SQLite transaction: a crash leaves either all of it or none of it.
 */

const CURSOR_KEY = 'sync.cursor';
/** The identity of the server the cursor, the parked changes and the messages' seqs came from. */
const SERVER_ID_KEY = 'sync.serverId';
/** A file is "stuck" (shown for "Reinvio dichiarazioni" and in the status bar) after this many failed attempts. */
export const STUCK_ATTEMPTS = 5;

function refused(message: string, code: string = ERROR_CODES.OPERATION_REFUSED): AppError {
  return new AppError({ code, message });
}

function plan(event: StatusEvent, from: Status | null): Status {
  const p = planTransition(event, from);
  if (!p.ok || p.to === null) throw refused(p.ok ? 'Stato non valido.' : p.message);
  return p.to;
}

// ----- Invio ------------------------------------------------------------------------------------------

export interface InvioResult {
  queued: number;
  files: number;
  transmissionIds: string[];
  refused: { id: number; progressivo: number; message: string }[];
}

/**
 * "Invio" (p. 99): the chosen "Completa" declarations go into the outbox with status "Attesa", in files of at
 * most 500 items. Each item is frozen as JSON now, so a retry sends exactly the same bytes (the server's
 * idempotency: same transmissionId, same content). Status, history and outbox rows share one transaction.
 */
export function enqueueInvio(
  a: Archive,
  sel: { ids?: readonly number[]; allComplete?: boolean },
  operator: string,
  rules: TransmissionRules,
  now: Date,
): InvioResult {
  const validate = a.requireValidator();
  const tx = a.db.transaction((): InvioResult => {
    let q = a.q
      .selectFrom('declarations')
      .select(['id', 'progressivo', 'tipo', 'status', 'version', 'matricola', 'server_key', 'rettifica_of'])
      .where('deleted_at', 'is', null);
    q = sel.ids ? q.where('id', 'in', sel.ids.length ? [...sel.ids] : [-1]) : q.where('status', '=', 'COMPLETA');
    const rows = a.all(q.orderBy('progressivo'));
    const out: InvioResult = { queued: 0, files: 0, transmissionIds: [], refused: [] };
    const found = new Set(rows.map((r) => r.id));
    for (const id of sel.ids ?? []) if (!found.has(id)) out.refused.push({ id, progressivo: 0, message: `Dichiarazione ${id} non trovata nell'archivio.` });
    const at = a.now();
    const setSentQuery = a.q
      .updateTable('declarations')
      .set({ status: 'ATTESA', version: 0, sent_version: 0, server_key: '', updated_at: '', scarto_origin: null, scarto_code: null, scarto_message: null, scarto_suggestion: null, scarto_json: null })
      .where('id', '=', 0)
      .compile();
    if (setSentQuery.parameters.length !== 11) throw new Error(`enqueueInvio: ${setSentQuery.sql}`);
    const setSent = a.prepared(setSentQuery.sql);
    const insertHistory = a.bulkInsert('status_history', ['declaration_id', 'event', 'from_status', 'to_status', 'at', 'operator', 'reason']);
    const insertFile = a.bulkInsert('outbox_files', ['transmission_id', 'created_at', 'operator', 'state']);
    const insertItem = a.bulkInsert('outbox_items', ['transmission_id', 'position', 'declaration_id', 'version', 'item_json']);
    const ok: typeof rows = [];
    for (const r of rows) {
      const p = planTransition('INVIO', r.status);
      // p. 100: 25 days from the forwarding to INPS of the ordinaria N of the chain, for every R of it.
      const late = p.ok && r.tipo === 'R' ? rettificaSendRefusal(correctionFacts(a, [r.id]).get(r.id)?.ordinariaInpsSentAt ?? null, rules, now) : null;
      if (!p.ok) out.refused.push({ id: r.id, progressivo: r.progressivo, message: `Progressivo ${r.progressivo}: ${p.message}` });
      else if (late) out.refused.push({ id: r.id, progressivo: r.progressivo, message: `Progressivo ${r.progressivo}: ${late}` });
      else ok.push(r);
    }
    for (let i = 0; i < ok.length; i += MAX_TRANSMISSION_ITEMS) {
      const chunk = ok.slice(i, i + MAX_TRANSMISSION_ITEMS);
      const docs = readDocuments(a, chunk.map((r) => r.id));
      const transmissionId = randomUUID();
      // One call to the random source per file, not one per declaration (10,000 calls cost ~70 ms).
      const newKeys = randomBytes(12 * chunk.length).toString('hex');
      let position = 0;
      for (const [k, r] of chunk.entries()) {
        const doc = docs.get(r.id);
        const result = doc ? validate(doc, r.matricola, r.id) : null;
        if (!doc || !result || result.outcome !== 'COMPLETABILE') {
          out.refused.push({
            id: r.id,
            progressivo: r.progressivo,
            message: `Progressivo ${r.progressivo}: ${doc ? `restano errori (${result?.findings[0]?.message ?? 'vedere Monitor errori'}).` : 'dati della dichiarazione mancanti.'}`,
          });
          continue;
        }
        if (position === 0) insertFile({ transmission_id: transmissionId, created_at: at, operator, state: 'IN_ATTESA' });
        const key = r.server_key ?? newKeys.slice(24 * k, 24 * k + 24);
        const version = r.version + 1;
        const item = { declarationKey: key, version, progressivo: r.progressivo, tipo: r.tipo, matricola: r.matricola, document: doc };
        setSent.run('ATTESA', version, version, key, at, null, null, null, null, null, r.id);
        insertHistory({ declaration_id: r.id, event: 'CAMBIO_STATO', from_status: r.status, to_status: 'ATTESA', at, operator, reason: `invio (file ${transmissionId})` });
        insertItem({ transmission_id: transmissionId, position: position++, declaration_id: r.id, version, item_json: JSON.stringify(item) });
        out.queued++;
      }
      if (position > 0) {
        out.files++;
        out.transmissionIds.push(transmissionId);
      }
    }
    return out;
  });
  return tx.immediate();
}

/**
 * The files waiting to be sent, oldest first. Every pass of the sync sends them all: the backoff is the sync
 * service's timer (the per-file next attempt is what "Reinvio dichiarazioni" shows).
 */
export function outboxWaiting(a: Archive): string[] {
  return a
    .all(a.q.selectFrom('outbox_files').select('transmission_id').where('state', '=', 'IN_ATTESA').orderBy('created_at').orderBy('transmission_id'))
    .map((r) => r.transmission_id);
}

/** The request body of a file: always the same bytes for the same file. */
export function outboxBody(a: Archive, transmissionId: string): string {
  const items = a.all(
    a.q.selectFrom('outbox_items').select(['item_json']).where('transmission_id', '=', transmissionId).orderBy('position'),
  );
  return `{"transmissionId":${JSON.stringify(transmissionId)},"items":[${items.map((i) => i.item_json ?? 'null').join(',')}]}`;
}

/** A failed attempt (network, 5xx, timeout, 401): the file stays in the outbox and waits for `nextAttemptAt`. */
export function outboxAttemptFailed(a: Archive, transmissionId: string, error: string, nextAttemptAt: string | null): void {
  a.run(
    a.q
      .updateTable('outbox_files')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, next_attempt_at: nextAttemptAt }))
      .where('transmission_id', '=', transmissionId)
      .where('state', '=', 'IN_ATTESA'),
  );
}

/** Resets the backoff ("Reinvio dichiarazioni"): the files go out at the next sync. */
export function outboxRetryNow(a: Archive, transmissionIds?: readonly string[]): { files: number; declarations: number } {
  const tx = a.db.transaction(() => {
    let q = a.q.updateTable('outbox_files').set({ next_attempt_at: null }).where('state', '=', 'IN_ATTESA');
    if (transmissionIds) q = q.where('transmission_id', 'in', transmissionIds.length ? [...transmissionIds] : ['']);
    const files = a.run(q).changes;
    let c = a.q
      .selectFrom('outbox_items as i')
      .innerJoin('outbox_files as f', 'f.transmission_id', 'i.transmission_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.state', '=', 'IN_ATTESA');
    if (transmissionIds) c = c.where('f.transmission_id', 'in', transmissionIds.length ? [...transmissionIds] : ['']);
    return { files, declarations: a.first(c)?.n ?? 0 };
  });
  return tx.immediate();
}

interface DeclState {
  id: number;
  status: Status;
  version: number;
  sent_version: number | null;
  deleted_at: string | null;
  cgn_received_at: string | null;
}

/** The reason of a "Blocca" of the CAF, shown in red under the list like a scarto (p. 68, 108). */
function blockedColumns(reason: string | null) {
  return { scarto_origin: 'CAF', scarto_code: BLOCCATA_CODE, scarto_message: reason ?? 'Bloccata dal CAF.', scarto_suggestion: null, scarto_json: null } as const;
}

function scartoColumns(s: Scarto | null) {
  if (!s) return { scarto_origin: null, scarto_code: null, scarto_message: null, scarto_suggestion: null, scarto_json: null };
  const suggestion = s.correctMatricola ?? s.codiciFiscali?.find((c) => c.suggested)?.suggested ?? null;
  return {
    scarto_origin: s.origin,
    scarto_code: s.code,
    scarto_message: s.message,
    scarto_suggestion: suggestion,
    scarto_json: JSON.stringify(s),
  } as const;
}

/**
 * Statements compiled by Kysely once per archive and shape. The answer to a file (500 items) and a page of the
 * feed (500 changes) write a few rows per item: building and compiling each query per row cost more than
 * running it (profile of an Invio of 10,000, bench/transmission.ts).
 */
const compiledSql = new WeakMap<Archive, Map<string, { sql: string; params: number }>>();

interface Compiled {
  run(...values: unknown[]): Database.RunResult;
  get(...values: unknown[]): unknown;
}

function compiled(a: Archive, key: string, build: () => Compilable<unknown>): Compiled {
  let byKey = compiledSql.get(a);
  if (!byKey) compiledSql.set(a, (byKey = new Map()));
  let c = byKey.get(key);
  if (!c) {
    const q = build().compile();
    c = { sql: q.sql, params: q.parameters.length };
    byKey.set(key, c);
  }
  const { sql: text, params } = c;
  const statement = (values: unknown[]) => {
    if (values.length !== params) throw new Error(`${key}: ${values.length} parametri per ${text}`);
    return a.prepared(text);
  };
  return { run: (...values) => statement(values).run(...values), get: (...values) => statement(values).get(...values) };
}

type DeclarationSet = Partial<Record<'status' | 'version' | 'updated_at' | 'scarto_origin' | 'scarto_code' | 'scarto_message' | 'scarto_suggestion' | 'scarto_json' | 'cgn_received_at' | 'inps_sent_at' | 'esito_at', string | number | null>>;

/** `UPDATE declarations SET <columns of set> WHERE id = ?`, one compiled statement per set of columns. */
function updateDeclaration(a: Archive, id: number, set: DeclarationSet): void {
  const columns = Object.keys(set) as (keyof DeclarationSet)[];
  compiled(a, `declarations:${columns.join(',')}`, () =>
    a.q
      .updateTable('declarations')
      .set(Object.fromEntries(columns.map((c) => [c, null])) as Updateable<DeskDatabase['declarations']>)
      .where('id', '=', 0),
  ).run(...columns.map((c) => set[c] ?? null), id);
}

/** The same row as Archive.addHistory, through a statement compiled once. */
function addHistory(a: Archive, id: number, from: Status | null, to: Status, operator: string, reason: string, at: string): void {
  compiled(a, 'status_history', () =>
    a.q.insertInto('status_history').values({ declaration_id: 0, event: 'CAMBIO_STATO', from_status: null, to_status: null, at: '', operator: '', reason: null }),
  ).run(id, 'CAMBIO_STATO', from, to, at, operator, reason);
}

/**
 * Applies one status from the server to a declaration (answer or feed), if `planServerStatus` says so.
 * Returns whether the declaration changed.
 */
function applyServerStatus(
  a: Archive,
  d: DeclState,
  change: { version: number; status: ServerStatusName; scarto: Scarto | null; at: string; reason?: string | null },
  operator: string,
  reason: string,
): boolean {
  const p = planServerStatus({ status: d.status, sentVersion: d.sent_version, deleted: d.deleted_at !== null }, change);
  if (p.kind === 'ignore') return false;
  const at = a.now();
  const to = p.to;
  const back = change.status === 'RITIRATA' || d.status === 'BLOCCATA';
  updateDeclaration(a, d.id, {
    status: to,
    version: d.version + 1,
    updated_at: at,
    ...(back ? scartoColumns(null) : to === 'SCARTATA' || to === 'SCART_CAF' ? scartoColumns(change.scarto) : {}),
    ...(to === 'BLOCCATA' ? blockedColumns(change.reason ?? null) : {}),
    ...(to !== 'COMPLETA' && d.cgn_received_at === null ? { cgn_received_at: change.at } : {}),
    ...(to === 'TRASM_INPS' ? { inps_sent_at: change.at } : {}),
    ...(to === 'RICEVUTA' || to === 'SCARTATA' ? { esito_at: change.at } : {}),
  });
  addHistory(a, d.id, d.status, to, operator, reason, at);
  d.status = to;
  d.version += 1;
  if (to !== 'COMPLETA' && d.cgn_received_at === null) d.cgn_received_at = change.at;
  return true;
}

function stateOf(a: Archive, id: number): DeclState | undefined {
  return a.first(
    a.q.selectFrom('declarations').select(['id', 'status', 'version', 'sent_version', 'deleted_at', 'cgn_received_at']).where('id', '=', id),
  );
}

/**
 * The server's answer to a file: per item "accepted"/"duplicate" → its status (Tras.CGN, or at once Scart. CAF
 * / Scartata); "refused" → back to "Da spedire" (Completa) with the reason. The file becomes "Consegnata" and
 * its frozen items are dropped (the Storico keeps the outcome). One transaction; applying it twice is harmless.
 */
export function outboxDelivered(a: Archive, transmissionId: string, response: TransmitResponse, operator: string): { changedIds: number[] } {
  const tx = a.db.transaction(() => {
    const file = a.first(a.q.selectFrom('outbox_files').select(['state']).where('transmission_id', '=', transmissionId));
    if (!file || file.state !== 'IN_ATTESA') return { changedIds: [] };
    // The items and their declarations' state in one read, not one query per item.
    const items = a.all(
      a.q
        .selectFrom('outbox_items as i')
        .leftJoin('declarations as d', 'd.id', 'i.declaration_id')
        .select(['i.position', 'i.declaration_id', 'i.version as item_version', 'd.id', 'd.server_key', 'd.status', 'd.version', 'd.sent_version', 'd.deleted_at', 'd.cgn_received_at'])
        .where('i.transmission_id', '=', transmissionId)
        .orderBy('i.position'),
    );
    const byVersion = new Map<string, TransmitItemResult>();
    for (const r of response.items) byVersion.set(`${r.version}:${r.declarationKey}`, r);
    const states = new Map<number, DeclState>();
    const setOutcome = compiled(a, 'outbox_items:outcome', () =>
      a.q.updateTable('outbox_items').set({ outcome: 'refused', message: null, item_json: null }).where('transmission_id', '=', '').where('position', '=', 0),
    );
    const changed: number[] = [];
    const at = a.now();
    for (const it of items) {
      const r = byVersion.get(`${it.item_version}:${it.server_key ?? ''}`);
      let d = states.get(it.declaration_id);
      if (!d && it.id !== null && it.status !== null && it.version !== null) {
        d = { id: it.id, status: it.status, version: it.version, sent_version: it.sent_version, deleted_at: it.deleted_at, cgn_received_at: it.cgn_received_at };
        states.set(d.id, d);
      }
      const message = r ? (r.outcome === 'refused' ? (r.error?.message ?? 'Rifiutata dal CAF.') : null) : 'Risposta del CAF senza questa dichiarazione.';
      setOutcome.run(r?.outcome ?? 'refused', message, null, transmissionId, it.position);
      if (!d || d.sent_version !== it.item_version) continue;
      if (r && r.outcome !== 'refused' && r.serverStatus) {
        if (applyServerStatus(a, d, { version: it.item_version, status: r.serverStatus, scarto: r.scarto, at: response.receivedAt }, operator, 'conferma di ricezione del CAF')) changed.push(d.id);
      } else if (d.status === 'ATTESA' && d.deleted_at === null) {
        const to = plan('RIFIUTO', d.status);
        updateDeclaration(a, d.id, { status: to, version: d.version + 1, updated_at: at, scarto_origin: 'CAF', scarto_code: r?.error?.code ?? 'SRV-09', scarto_message: message, scarto_suggestion: null, scarto_json: null });
        addHistory(a, d.id, d.status, to, operator, `rifiutata dal CAF: ${message}`, at);
        d.status = to;
        d.version += 1;
        changed.push(d.id);
      }
    }
    a.run(
      a.q
        .updateTable('outbox_files')
        .set((eb) => ({ state: 'CONSEGNATA', delivered_at: response.receivedAt, last_error: null, next_attempt_at: null, attempts: eb('attempts', '+', 1) }))
        .where('transmission_id', '=', transmissionId),
    );
    return { changedIds: changed };
  });
  return tx.immediate();
}

/**
 * The server refused the whole file for good (campaign deadline, invalid or oversized request): the file is
 * "Rifiutata" and its declarations go back to "Da spedire" (Completa) with the reason.
 */
export function outboxRejected(a: Archive, transmissionId: string, code: string, message: string, operator: string): { changedIds: number[] } {
  const tx = a.db.transaction(() => {
    const file = a.first(a.q.selectFrom('outbox_files').select(['state']).where('transmission_id', '=', transmissionId));
    if (!file || file.state !== 'IN_ATTESA') return { changedIds: [] };
    const items = a.all(a.q.selectFrom('outbox_items').select(['position', 'declaration_id', 'version']).where('transmission_id', '=', transmissionId));
    const at = a.now();
    const changed: number[] = [];
    for (const it of items) {
      const d = stateOf(a, it.declaration_id);
      if (!d || d.sent_version !== it.version || d.status !== 'ATTESA' || d.deleted_at !== null) continue;
      const to = plan('RIFIUTO', d.status);
      a.run(
        a.q
          .updateTable('declarations')
          .set({ status: to, version: d.version + 1, updated_at: at, scarto_origin: 'CAF', scarto_code: code, scarto_message: message, scarto_suggestion: null, scarto_json: null })
          .where('id', '=', d.id),
      );
      a.addHistory(d.id, 'CAMBIO_STATO', d.status, to, operator, `file rifiutato dal CAF: ${message}`, at);
      changed.push(d.id);
    }
    a.run(a.q.updateTable('outbox_items').set({ outcome: 'refused', message, item_json: null }).where('transmission_id', '=', transmissionId));
    a.run(
      a.q
        .updateTable('outbox_files')
        .set((eb) => ({ state: 'RIFIUTATA', last_error: message, next_attempt_at: null, attempts: eb('attempts', '+', 1) }))
        .where('transmission_id', '=', transmissionId),
    );
    return { changedIds: changed };
  });
  return tx.immediate();
}

// ----- change feed --------------------------------------------------------------------------------------

export function syncCursor(a: Archive): number {
  const v = a.getSetting(CURSOR_KEY);
  const n = v === null ? 0 : Number(JSON.parse(v));
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

function applyOne(a: Archive, change: Change, operator: string, changed: Set<number>): string | null {
  if (change.kind === 'CIRCOLARE') {
    applyCircolare(a, change);
    return null;
  }
  if (change.kind === 'MESSAGE') {
    const d = change.declarationKey
      ? a.first(a.q.selectFrom('declarations').select(['id', 'status', 'scarto_code']).where('server_key', '=', change.declarationKey))
      : undefined;
    if (change.declarationKey && !d) return 'dichiarazione non presente nell\'archivio';
    a.run(
      a.q
        .insertInto('messages')
        .values({ seq: change.seq, at: change.at, code: change.code, text: change.text, declaration_id: d?.id ?? null, correct_matricola: change.correctMatricola, read_at: null })
        .onConflict((oc) => oc.column('seq').doNothing()),
    );
    if (d && change.correctMatricola && d.status === 'SCARTATA') {
      a.run(a.q.updateTable('declarations').set({ scarto_suggestion: change.correctMatricola }).where('id', '=', d.id));
      changed.add(d.id);
    }
    return null;
  }
  const row = compiled(a, 'declarations:by-server-key', () =>
    a.q.selectFrom('declarations').select(['id', 'status', 'version', 'sent_version', 'deleted_at', 'cgn_received_at']).where('server_key', '=', ''),
  ).get(change.declarationKey) as DeclState | undefined;
  if (!row) return 'dichiarazione non presente nell\'archivio';
  const reason =
    change.status === 'BLOCCATA'
      ? 'bloccata dal CAF'
      : row.status === 'BLOCCATA' && change.status === 'TRASM_CGN'
        ? 'sbloccata dal CAF'
        : change.status === 'RITIRATA'
      ? 'ritirata dal CAF'
      : change.status === 'TRASM_INPS'
        ? 'trasmessa all\'INPS dal CAF'
        : change.status === 'RICEVUTA' || (change.status === 'SCARTATA' && change.scarto?.origin === 'INPS')
          ? 'esito INPS'
          : 'esito del CAF';
  if (applyServerStatus(a, row, { ...change, reason: change.reason ?? null }, operator, reason)) changed.add(row.id);
  return null;
}

/**
 * One page of the change feed, applied in one transaction together with the new cursor: after a crash the
 * page is either applied with its cursor or not at all. Changes that cannot be applied yet are parked, never
 * dropped, and retried (in seq order) before every page.
 */
export function applyChanges(
  a: Archive,
  changes: readonly Change[],
  cursor: number,
  operator: string,
  serverId: string,
): { applied: number; parked: number; changedIds: number[]; reset: boolean } {
  const tx = a.db.transaction(() => {
    const known = a.getSetting(SERVER_ID_KEY);
    if (known === null) {
      // First page from a server (or a desk from before the identity): this server's feed from now on.
      a.setSetting(SERVER_ID_KEY, serverId);
    } else if (known !== serverId) {
      // Another server: the cursor and the parked changes meant something only on the old one. The page was asked
      // with the old cursor, so it is not applied: the feed starts again from 0. The old messages stay (history),
      // with their seq moved below 0 so that the new server's seqs never collide with them.
      a.setSetting(SERVER_ID_KEY, serverId);
      a.setSetting(CURSOR_KEY, JSON.stringify(0));
      a.run(a.q.deleteFrom('parked_changes'));
      a.run(a.q.updateTable('messages').set((eb) => ({ seq: eb.neg(eb.ref('id')) })).where('seq', '>', 0));
      return { applied: 0, parked: 0, changedIds: [], reset: true };
    }
    const changed = new Set<number>();
    let applied = 0;
    for (const p of a.all(a.q.selectFrom('parked_changes').selectAll().orderBy('seq'))) {
      const c = JSON.parse(p.change_json) as Change;
      if (applyOne(a, c, operator, changed) === null) {
        a.run(a.q.deleteFrom('parked_changes').where('seq', '=', p.seq));
        applied++;
      }
    }
    const current = syncCursor(a);
    let parked = 0;
    for (const c of changes) {
      if (c.seq <= current) continue;
      const why = applyOne(a, c, operator, changed);
      if (why === null) applied++;
      else {
        a.run(
          a.q
            .insertInto('parked_changes')
            .values({ seq: c.seq, change_json: JSON.stringify(c), parked_at: a.now(), reason: why })
            .onConflict((oc) => oc.column('seq').doNothing()),
        );
        parked++;
      }
    }
    if (cursor > current) a.setSetting(CURSOR_KEY, JSON.stringify(cursor));
    return { applied, parked, changedIds: [...changed], reset: false };
  });
  return tx.immediate();
}

// ----- Modifica, Correggi, 9011 -------------------------------------------------------------------------

/** What the server needs to withdraw a declaration. */
export function serverRef(a: Archive, id: number): { serverKey: string | null; sentVersion: number | null; status: Status; progressivo: number } {
  const d = a.first(
    a.q.selectFrom('declarations').select(['server_key', 'sent_version', 'status', 'progressivo']).where('id', '=', id).where('deleted_at', 'is', null),
  );
  if (!d) throw a.notFound(id);
  return { serverKey: d.server_key, sentVersion: d.sent_version, status: d.status, progressivo: d.progressivo };
}

/** The server withdrew it ("Modifica" / annullamento of a Tras.CGN, p. 101–102): back in "Da spedire". */
export function applyWithdrawn(a: Archive, id: number, version: number, operator: string): { id: number; status: Status } {
  const tx = a.db.transaction(() => {
    const d = stateOf(a, id);
    if (!d || d.deleted_at !== null) throw a.notFound(id);
    if (d.status === 'COMPLETA' || d.status === 'INCOMPLETA' || d.status === 'ERRATA') return { id, status: d.status };
    const to = plan('RITIRO', d.status);
    if (d.sent_version !== version) throw refused('Il CAF ha ritirato una versione diversa da quella inviata: sincronizzare e riprovare.');
    const at = a.now();
    a.run(a.q.updateTable('declarations').set({ status: to, version: d.version + 1, updated_at: at, ...scartoColumns(null) }).where('id', '=', id));
    a.addHistory(id, 'CAMBIO_STATO', d.status, to, operator, 'ritirata dal CAF per modifica', at);
    return { id, status: to };
  });
  return tx.immediate();
}

/** Replaces the rejected codici fiscali with the suggested ones (Scart. CAF "codice fiscale collegato", p. 110–111). */
function withSuggestedCf(doc: RedDocument, scarto: Scarto | null): RedDocument {
  const next = structuredClone(doc);
  for (const c of scarto?.codiciFiscali ?? []) {
    if (!c.suggested) continue;
    if (c.role === 'TITOLARE') {
      next.anagrafica.codiceFiscale = c.suggested;
      const t = next.soggetti.find((s) => s.role === 'TITOLARE');
      if (t) t.codiceFiscale = c.suggested;
    } else {
      const s = next.soggetti.find((x) => x.role === 'CONIUGE');
      if (s) s.codiceFiscale = c.suggested;
    }
  }
  return next;
}

export interface CorreggiResult {
  id: number;
  progressivo: number;
  status: Status;
  rettificativa: boolean;
  message: string;
}

/**
 * "Correggi" (pp. 103–104, 110–111). On a Ricevuta (within the campaign window): a copy "R" with a new
 * progressivo, the original becomes "Rettificata". On a Scartata with a correctable code, or a Scart. CAF
 * (optionally with the suggested codice fiscale): back to "Da spedire" to be edited, made complete and resent.
 */
export function correggi(a: Archive, id: number, opts: { applySuggestedCf: boolean }, rules: TransmissionRules, now: Date, operator: string): CorreggiResult {
  const validate = a.requireValidator();
  const tx = a.db.transaction((): CorreggiResult => {
    const d = a.first(a.q.selectFrom('declarations').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
    if (!d) throw a.notFound(id);
    const facts = correctionFacts(a, [id]).get(id);
    const refusal = correggiRefusal(
      { status: d.status, scartoCode: d.scarto_code, ordinariaInvioAt: facts?.ordinariaInvioAt ?? null, ricostituita: facts?.ricostituita ?? false },
      rules,
      now,
    );
    if (refusal) throw refused(refusal, d.status === 'RICEVUTA' ? 'OPR-05' : d.status === 'SCARTATA' ? 'OPR-06' : ERROR_CODES.OPERATION_REFUSED);
    const doc = readDocument(a, id);
    if (!doc) throw a.notFound(id);
    const at = a.now();
    if (d.status === 'RICEVUTA') {
      const original = plan('RETTIFICA', d.status);
      const progressivo = a.nextProgressivo();
      const created = plan('CREAZIONE', null);
      const status = statusAfterEdit(created, validate(doc, d.matricola).outcome);
      const newId = Number(
        a.run(
          a.q.insertInto('declarations').values({
            progressivo,
            campaign: d.campaign,
            tipo: 'R',
            status,
            matricola: d.matricola,
            codice_fiscale: d.codice_fiscale,
            cognome_nome: d.cognome_nome,
            scarto_origin: null,
            scarto_code: null,
            scarto_message: null,
            rettifica_of: d.id,
            created_at: at,
            updated_at: at,
            deleted_at: null,
          }),
        ).lastInsertRowid,
      );
      writeDocument(a, newId, doc);
      a.run(a.q.updateTable('declarations').set({ status: original, version: d.version + 1, updated_at: at }).where('id', '=', id));
      a.addHistory(id, 'CAMBIO_STATO', d.status, original, operator, `rettificata dalla dichiarazione progressivo ${progressivo}`, at);
      a.addHistory(newId, 'CREAZIONE', null, status, operator, `rettificativa della dichiarazione progressivo ${d.progressivo}`, at);
      const inps = romeLastDay(facts?.ordinariaInpsSentAt, rules.inpsRettificaWindowDays);
      return {
        id: newId,
        progressivo,
        status,
        rettificativa: true,
        message:
          `Creata la dichiarazione rettificativa (R) progressivo ${progressivo}: va resa completa e inviata prima di chiudere il programma.` +
          (inps !== null ? ` L'INPS acquisisce le rettifiche entro il ${formatDate(`${inps}T12:00:00Z`)}.` : ''),
      };
    }
    const scarto = d.scarto_json ? (JSON.parse(d.scarto_json) as Scarto) : null;
    const fixed = opts.applySuggestedCf ? withSuggestedCf(doc, scarto) : doc;
    const to = statusAfterEdit(plan('CORREGGI', d.status), validate(fixed, d.matricola, id).outcome);
    if (fixed !== doc) {
      writeDocument(a, id, fixed);
      const cf = fixed.anagrafica.codiceFiscale.trim().toUpperCase();
      if (cf) a.run(a.q.updateTable('declarations').set({ codice_fiscale: cf }).where('id', '=', id));
    }
    a.run(a.q.updateTable('declarations').set({ status: to, version: d.version + 1, updated_at: at, ...scartoColumns(null) }).where('id', '=', id));
    a.addHistory(id, 'CAMBIO_STATO', d.status, to, operator, `Correggi (${d.scarto_code ?? d.status})${fixed !== doc ? ': codice fiscale suggerito applicato' : ''}`, at);
    return {
      id,
      progressivo: d.progressivo,
      status: to,
      rettificativa: false,
      message: `La dichiarazione ${d.progressivo} è tornata in «Da spedire»: correggerla, renderla completa e inviarla di nuovo.`,
    };
  });
  return tx.immediate();
}

/** Utilità → "Riattiva dichiarazione 9011" (p. 45, 109): after the CAF's message that the matricola is correct. */
export function riattiva9011(a: Archive, id: number, operator: string): { id: number; status: Status } {
  const validate = a.requireValidator();
  const tx = a.db.transaction(() => {
    const d = a.first(a.q.selectFrom('declarations').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
    if (!d) throw a.notFound(id);
    if (d.status !== 'SCARTATA' || d.scarto_code !== '9011') throw refused('Si riattiva solo una dichiarazione Scartata con codice 9011.');
    const msg = a.first(
      a.q.selectFrom('messages').select(['correct_matricola']).where('declaration_id', '=', id).where('code', '=', '9011').orderBy('seq', 'desc'),
    );
    if (!msg) throw refused('Attendere il messaggio in piattaforma del CAF con l\'esito della verifica della matricola.');
    if (msg.correct_matricola) {
      throw refused(`Il CAF ha comunicato che la matricola non è corretta: caricare una nuova dichiarazione con la matricola ${msg.correct_matricola}.`);
    }
    const doc = readDocument(a, id);
    if (!doc || validate(doc, d.matricola, id).outcome !== 'COMPLETABILE') throw refused('La dichiarazione ha errori: non può essere resa completa.');
    const to = plan('RIATTIVA_9011', d.status);
    const at = a.now();
    a.run(a.q.updateTable('declarations').set({ status: to, version: d.version + 1, updated_at: at, ...scartoColumns(null) }).where('id', '=', id));
    a.addHistory(id, 'CAMBIO_STATO', d.status, to, operator, 'matricola 9011 verificata dal CAF: resa completa', at);
    return { id, status: to };
  });
  return tx.immediate();
}

// ----- lists --------------------------------------------------------------------------------------------

/** Declarations in "Attesa" with their file ("Reinvio dichiarazioni"). */
export function attesaList(a: Archive): AttesaRow[] {
  const rows = a.all(
    a.q
      .selectFrom('outbox_items as i')
      .innerJoin('outbox_files as f', 'f.transmission_id', 'i.transmission_id')
      .innerJoin('declarations as d', 'd.id', 'i.declaration_id')
      .select(['d.id', 'd.progressivo', 'd.codice_fiscale', 'd.cognome_nome', 'f.transmission_id', 'f.created_at', 'f.attempts', 'f.last_error', 'f.state'])
      .where('f.state', '=', 'IN_ATTESA')
      .orderBy('f.created_at')
      .orderBy('i.position')
      .limit(5_000),
  );
  return rows.map((r) => ({
    id: r.id,
    progressivo: r.progressivo,
    codiceFiscale: r.codice_fiscale,
    cognomeNome: r.cognome_nome,
    transmissionId: r.transmission_id,
    createdAt: r.created_at,
    attempts: r.attempts,
    lastError: r.last_error,
    state: r.state,
  }));
}

/** "Storico trasmissioni" (p. 70, 99): the files, newest first, with their declarations. */
export function storico(a: Archive, offset: number, limit: number): { total: number; files: StoricoFile[] } {
  const total = a.first(a.q.selectFrom('outbox_files').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  const files = a.all(a.q.selectFrom('outbox_files').selectAll().orderBy('created_at', 'desc').orderBy('transmission_id').limit(limit).offset(offset));
  const ids = files.map((f) => f.transmission_id);
  const items = ids.length
    ? a.all(
        a.q
          .selectFrom('outbox_items as i')
          .innerJoin('declarations as d', 'd.id', 'i.declaration_id')
          .select(['i.transmission_id', 'i.position', 'i.version', 'i.outcome', 'i.message', 'd.id', 'd.progressivo', 'd.codice_fiscale', 'd.cognome_nome'])
          .where('i.transmission_id', 'in', ids)
          .orderBy('i.position'),
      )
    : [];
  return {
    total,
    files: files.map((f) => ({
      transmissionId: f.transmission_id,
      createdAt: f.created_at,
      deliveredAt: f.delivered_at,
      state: f.state,
      attempts: f.attempts,
      lastError: f.last_error,
      operator: f.operator,
      items: items
        .filter((i) => i.transmission_id === f.transmission_id)
        .map((i) => ({
          id: i.id,
          progressivo: i.progressivo,
          codiceFiscale: i.codice_fiscale,
          cognomeNome: i.cognome_nome,
          version: i.version,
          outcome: i.outcome === null ? 'IN_ATTESA' : i.outcome === 'accepted' ? 'ACCETTATA' : i.outcome === 'duplicate' ? 'GIA_RICEVUTA' : 'RIFIUTATA',
          message: i.message,
        })),
    })),
  };
}

/**
 * "Segnalazioni" (p. 70): the declarations the CAF server did not accept and why — rejections of the CGN
 * server (Scart. CAF, 9009–9011) and refusals at reception still waiting in "Da spedire".
 */
export function segnalazioni(a: Archive): Segnalazione[] {
  const rows = a.all(
    a.q
      .selectFrom('declarations')
      .select(['id', 'progressivo', 'codice_fiscale', 'cognome_nome', 'status', 'scarto_code', 'scarto_message', 'scarto_suggestion', 'updated_at', 'esito_at'])
      .where('deleted_at', 'is', null)
      .where((eb) => eb.or([eb('scarto_origin', '=', 'CGN'), eb('scarto_origin', '=', 'CAF')]))
      .where('status', '!=', 'RETTIFICATA')
      .orderBy('progressivo')
      .limit(5_000),
  );
  return rows.map((r) => ({
    id: r.id,
    progressivo: r.progressivo,
    codiceFiscale: r.codice_fiscale,
    cognomeNome: r.cognome_nome,
    status: r.status,
    code: r.scarto_code,
    message: r.scarto_message ?? '',
    at: r.esito_at ?? r.updated_at,
    suggestion: r.scarto_suggestion,
  }));
}

/** What a feed change says, for the operator. */
function describeChange(c: Change): string {
  if (c.kind === 'CIRCOLARE') return `Circolare: ${c.titolo}`;
  if (c.kind === 'MESSAGE') return `Messaggio del CAF${c.code ? ` (${c.code})` : ''}: ${c.text}`;
  const label = c.status === 'RITIRATA' ? 'Ritirata' : STATUS_INFO[c.status].label;
  const scarto = c.scarto ? ` (${c.scarto.code}: ${c.scarto.message})` : '';
  return `Esito «${label}»${scarto} per la versione ${c.version} di una dichiarazione che questo archivio non contiene`;
}

/** The parked feed changes, oldest first (Segnalazioni shows them until their declaration arrives). */
export function parkedChanges(a: Archive): ParkedChange[] {
  return a.all(a.q.selectFrom('parked_changes').selectAll().orderBy('seq').limit(1_000)).map((p) => {
    const c = JSON.parse(p.change_json) as Change;
    return { seq: p.seq, parkedAt: p.parked_at, declarationKey: c.kind === 'CIRCOLARE' ? null : c.declarationKey, description: describeChange(c), reason: p.reason };
  });
}

export function messagesList(a: Archive): DeskMessage[] {
  const rows = a.all(
    a.q
      .selectFrom('messages as m')
      .leftJoin('declarations as d', 'd.id', 'm.declaration_id')
      .select(['m.id', 'm.at', 'm.code', 'm.text', 'm.declaration_id', 'd.progressivo', 'm.correct_matricola', 'm.read_at'])
      .orderBy('m.seq', 'desc')
      .limit(1_000),
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    code: r.code,
    text: r.text,
    declarationId: r.declaration_id,
    progressivo: r.progressivo ?? null,
    correctMatricola: r.correct_matricola,
    read: r.read_at !== null,
  }));
}

export function markMessagesRead(a: Archive, ids: readonly number[]): number {
  if (ids.length === 0) return 0;
  return a.run(a.q.updateTable('messages').set({ read_at: a.now() }).where('id', 'in', [...ids]).where('read_at', 'is', null)).changes;
}

/** Rettificative R not yet sent: "Esci" is refused while there are any (p. 103). */
export function exitCheck(a: Archive): { canExit: boolean; message: string | null; pending: { id: number; progressivo: number; status: Status }[] } {
  const pending = a.all(
    a.q
      .selectFrom('declarations')
      .select(['id', 'progressivo', 'status'])
      .where('deleted_at', 'is', null)
      .where('tipo', '=', 'R')
      .where('status', 'in', ['ERRATA', 'INCOMPLETA', 'COMPLETA'])
      .orderBy('progressivo'),
  );
  const message = exitRefusal(pending);
  return { canExit: message === null, message, pending };
}

/** Counts for the status bar. */
export function outboxCounts(a: Archive): { outboxFiles: number; outboxDeclarations: number; stuckFiles: number; unreadMessages: number; unreadCircolari: number } {
  const f = a.first(
    a.q
      .selectFrom('outbox_files')
      .select([(eb) => eb.fn.countAll<number>().as('n'), sql<number>`coalesce(sum(attempts >= ${STUCK_ATTEMPTS}), 0)`.as('stuck')])
      .where('state', '=', 'IN_ATTESA'),
  );
  const d = a.first(
    a.q
      .selectFrom('outbox_items as i')
      .innerJoin('outbox_files as f', 'f.transmission_id', 'i.transmission_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('f.state', '=', 'IN_ATTESA'),
  );
  const m = a.first(a.q.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).where('read_at', 'is', null));
  const c = a.first(a.q.selectFrom('circolari').select((eb) => eb.fn.countAll<number>().as('n')).where('read_at', 'is', null));
  return { outboxFiles: f?.n ?? 0, outboxDeclarations: d?.n ?? 0, stuckFiles: Number(f?.stuck ?? 0), unreadMessages: m?.n ?? 0, unreadCircolari: c?.n ?? 0 };
}
