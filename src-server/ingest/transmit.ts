import type { Transaction } from 'kysely';
import { createHash, randomUUID } from 'node:crypto';
import {
  SERVER_ERROR_CODES,
  ScartoSchema,
  TransmitResponseSchema,
  type Scarto,
  type TransmissionItem,
  type TransmitItemResult,
  type TransmitRequest,
  type TransmitResponse,
} from '#shared/server-api/contract';
import { loadCheckLists, personOf, runCafChecks, type Person } from '../checks/checks';
import { resendRefusal } from '../checks/messages';
import { appendChanges, type NewChange } from '../feed/changes';
import { HttpError } from '../http/errors';
import { chunks, isUniqueViolation, nowIso, type Store } from '../store/db';
import type { DeclarationsTable, ServerDb } from '../store/schema';
import { formatDeadline, getDeadline } from '../store/settings';

/**
 * "Trasmissione RED al CAF CGN" (p. 99) on the server: stores a desk's batch idempotently and runs the CAF checks.
 *  - the same transmissionId again → the stored answer (replayed), even after the deadline; with different
 *    content → 409;
 *  - per item, (declarationKey, version) is stored once: the same version again is a "duplicate";
 *  - a key is stored for one desk across the CAF (declaration_keys, 0006): another desk sending it (a declaration
 *    restored from a Centro di Raccolta) is refused, naming the desk that sent it first;
 *  - a newer version replaces the declaration only where the guide lets the desk send again (withdrawn,
 *    Scart. CAF, Scartata 9203/9204/9209/9011, see checks/messages.ts); otherwise the item is refused;
 *  - everything (transmission, items, declarations, versions, feed) is written in one transaction.
 */
export async function transmit(store: Store, deskId: string, req: TransmitRequest, defaultDeadline: string | undefined): Promise<TransmitResponse> {
  const hash = createHash('sha256').update(JSON.stringify(req)).digest('hex');
  const stored = await replay(store, deskId, req.transmissionId, hash);
  if (stored) return stored;
  const deadline = await getDeadline(store.db, defaultDeadline);
  if (deadline !== null && Date.now() > Date.parse(deadline)) {
    throw new HttpError(422, {
      code: SERVER_ERROR_CODES.DEADLINE,
      message: `Il termine per la trasmissione delle dichiarazioni RED è scaduto il ${formatDeadline(deadline)}: il CAF CGN non accetta più invii. Le dichiarazioni non sono state trasmesse.`,
      details: { deadline },
    });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction((trx) => ingest(trx, deskId, req, hash));
    } catch (e) {
      // A concurrent request got there first: the same transmission (→ replay it) or the same declaration.
      const raced = e instanceof RaceError || isUniqueViolation(e);
      if (!raced || attempt >= 3) throw e;
      const again = await replay(store, deskId, req.transmissionId, hash);
      if (again) return again;
    }
  }
}

class RaceError extends Error {}

async function replay(store: Store, deskId: string, transmissionId: string, hash: string): Promise<TransmitResponse | null> {
  const row = await store.db
    .selectFrom('transmissions')
    .select(['request_hash', 'response'])
    .where('desk_id', '=', deskId)
    .where('id', '=', transmissionId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== hash) {
    throw new HttpError(409, {
      code: SERVER_ERROR_CODES.IDEMPOTENCY_MISMATCH,
      message: `La trasmissione ${transmissionId} è già stata ricevuta con un contenuto diverso: ogni nuovo invio deve avere un nuovo identificativo.`,
      field: 'transmissionId',
    });
  }
  return { ...TransmitResponseSchema.parse(JSON.parse(row.response)), replayed: true };
}

type Row = DeclarationsTable;
interface Current {
  row: Row;
  /** Inserted by this batch (not in the database yet). */
  fresh: boolean;
}

const parseScarto = (s: string | null): Scarto | null => (s ? ScartoSchema.parse(JSON.parse(s)) : null);
const statusOf = (scarto: Scarto | null): DeclarationsTable['status'] => (scarto === null ? 'TRASM_CGN' : scarto.code === 'SCART_CAF' ? 'SCART_CAF' : 'SCARTATA');

async function ingest(trx: Transaction<ServerDb>, deskId: string, req: TransmitRequest, hash: string): Promise<TransmitResponse> {
  const at = nowIso();
  // Claims the transmission id first: a concurrent identical request fails here (unique violation) and replays.
  await trx
    .insertInto('transmissions')
    .values({ desk_id: deskId, id: req.transmissionId, received_at: at, request_hash: hash, item_count: req.items.length, response: '' })
    .execute();

  const keys = [...new Set(req.items.map((i) => i.declarationKey))];
  const current = new Map<string, Current>();
  for (const part of chunks(keys, 500)) {
    const rows = await trx.selectFrom('declarations').selectAll().where('desk_id', '=', deskId).where('declaration_key', 'in', part).execute();
    for (const row of rows) current.set(row.declaration_key, { row, fresh: false });
  }
  // Keys new for this desk that another desk already sent (a declaration restored from a Centro di Raccolta).
  const elsewhere = await ownedElsewhere(trx, deskId, keys.filter((k) => !current.has(k)));
  const people = req.items.map((i) => personOf(i.document));
  const lists = await loadCheckLists(trx, people, req.items.map((i) => i.matricola));

  const inserts: Row[] = [];
  const updates: { row: Row; expect: { status: Row['status']; version: number } }[] = [];
  const versions: ServerDb['declaration_versions'][] = [];
  const changes: NewChange[] = [];
  const results: TransmitItemResult[] = [];

  const refuse = (item: TransmissionItem, cur: Row | null, message: string): TransmitItemResult => ({
    declarationKey: item.declarationKey,
    version: item.version,
    outcome: 'refused',
    serverStatus: cur?.status ?? null,
    serverVersion: cur?.version ?? null,
    scarto: cur ? parseScarto(cur.scarto) : null,
    error: { code: SERVER_ERROR_CODES.ITEM_REFUSED, message },
  });

  for (const [position, item] of req.items.entries()) {
    const person = people[position] as Person;
    const cur = current.get(item.declarationKey);
    const result = await (async (): Promise<TransmitItemResult> => {
      const other = cur ? undefined : elsewhere.get(item.declarationKey);
      if (other) {
        return refuse(
          item,
          null,
          `Dichiarazione già trasmessa al CAF dallo sportello ${other.deskId}${other.progressivo === null ? '' : ` (progressivo ${other.progressivo})`}: il CAF la riceve una volta sola, da quello sportello.`,
        );
      }
      if (cur && item.version === cur.row.version) {
        const { row } = cur;
        return { declarationKey: item.declarationKey, version: item.version, outcome: 'duplicate', serverStatus: row.status, serverVersion: row.version, scarto: parseScarto(row.scarto), error: null };
      }
      if (cur && item.version < cur.row.version) {
        const known =
          !cur.fresh &&
          (await trx.selectFrom('declaration_versions').select('id').where('declaration_id', '=', cur.row.id).where('version', '=', item.version).executeTakeFirst());
        if (known) {
          const { row } = cur;
          return { declarationKey: item.declarationKey, version: item.version, outcome: 'duplicate', serverStatus: row.status, serverVersion: row.version, scarto: parseScarto(row.scarto), error: null };
        }
        return refuse(item, cur.row, `Versione ${item.version} più vecchia di quella già ricevuta (${cur.row.version}).`);
      }
      if (cur) {
        const refusal = resendRefusal(cur.row.status, parseScarto(cur.row.scarto));
        if (refusal) return refuse(item, cur.row, refusal);
      }
      const scarto = runCafChecks(item, person, lists);
      const row: Row = {
        id: cur?.row.id ?? randomUUID(),
        desk_id: deskId,
        declaration_key: item.declarationKey,
        version: item.version,
        progressivo: item.progressivo,
        tipo: item.tipo,
        matricola: item.matricola,
        codice_fiscale: person.codiceFiscale,
        cognome_nome: person.cognomeNome,
        status: statusOf(scarto),
        scarto: scarto ? JSON.stringify(scarto) : null,
        inps_batch_id: null,
        blocked_at: null,
        blocked_reason: null,
        received_at: cur?.row.received_at ?? at,
        updated_at: at,
      };
      if (!cur) inserts.push(row);
      else if (cur.fresh) Object.assign(cur.row, row); // same key twice in this batch: still one insert
      else updates.push({ row, expect: { status: cur.row.status, version: cur.row.version } });
      current.set(item.declarationKey, { row: cur?.fresh ? cur.row : row, fresh: cur ? cur.fresh : true });
      versions.push({ id: randomUUID(), declaration_id: row.id, version: item.version, transmission_id: req.transmissionId, document: JSON.stringify(item.document), received_at: at });
      changes.push({ kind: 'STATUS', declarationKey: item.declarationKey, version: item.version, status: row.status, scarto });
      return { declarationKey: item.declarationKey, version: item.version, outcome: 'accepted', serverStatus: row.status, serverVersion: row.version, scarto, error: null };
    })();
    results.push(result);
  }

  for (const part of chunks(inserts, 100)) {
    await trx.insertInto('declaration_keys').values(part.map((r) => ({ declaration_key: r.declaration_key, desk_id: deskId }))).execute();
    await trx.insertInto('declarations').values(part).execute();
  }
  for (const { row, expect } of updates) {
    const { id: _id, desk_id: _d, declaration_key: _k, ...set } = row;
    const r = await trx
      .updateTable('declarations')
      .set(set)
      .where('id', '=', row.id)
      .where('status', '=', expect.status)
      .where('version', '=', expect.version)
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) throw new RaceError('dichiarazione cambiata da una richiesta concorrente');
  }
  for (const part of chunks(versions, 100)) await trx.insertInto('declaration_versions').values(part).execute();
  const items = req.items.map((item, position) => ({
    desk_id: deskId,
    transmission_id: req.transmissionId,
    position,
    declaration_key: item.declarationKey,
    version: item.version,
    codice_fiscale: people[position]?.codiceFiscale ?? '',
    cognome_nome: people[position]?.cognomeNome ?? '',
    outcome: results[position]?.outcome ?? 'refused',
  }));
  for (const part of chunks(items, 200)) await trx.insertInto('transmission_items').values(part).execute();
  await appendChanges(trx, deskId, changes, at);

  const response: TransmitResponse = { transmissionId: req.transmissionId, receivedAt: at, replayed: false, items: results };
  await trx
    .updateTable('transmissions')
    .set({ response: JSON.stringify(response) })
    .where('desk_id', '=', deskId)
    .where('id', '=', req.transmissionId)
    .execute();
  return response;
}

/** Of `keys`, those another desk owns, with that desk and its progressivo there (null if it holds no declaration). */
async function ownedElsewhere(trx: Transaction<ServerDb>, deskId: string, keys: readonly string[]): Promise<Map<string, { deskId: string; progressivo: number | null }>> {
  const out = new Map<string, { deskId: string; progressivo: number | null }>();
  for (const part of chunks(keys, 500)) {
    const rows = await trx
      .selectFrom('declaration_keys as k')
      .leftJoin('declarations as d', (j) => j.onRef('d.desk_id', '=', 'k.desk_id').onRef('d.declaration_key', '=', 'k.declaration_key'))
      .select(['k.declaration_key', 'k.desk_id', 'd.progressivo'])
      .where('k.declaration_key', 'in', part)
      .where('k.desk_id', '<>', deskId)
      .execute();
    for (const r of rows) out.set(r.declaration_key, { deskId: r.desk_id, progressivo: r.progressivo });
  }
  return out;
}
