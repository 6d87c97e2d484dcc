import { sql } from 'kysely';
import type { ArchiveDb } from './db';
import { STUCK_ATTEMPTS } from './outbox';
import type { AttesaRow, DeskMessage, ParkedChange, Segnalazione, StoricoFile } from '#shared/domain/transmission';
import { exitRefusal } from '#shared/status/machine';
import { STATUS_INFO, type Status } from '#shared/status/statuses';
import type { Change } from '#shared/server-api/contract';

/** The lists of the transmission (p. 70, 99–103): Attesa, Storico, Segnalazioni, parked changes, messages, Esci, status bar. */

/** Declarations in "Attesa" with their file ("Reinvio dichiarazioni"). */
export function attesaList(a: ArchiveDb): AttesaRow[] {
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
export function storico(a: ArchiveDb, offset: number, limit: number): { total: number; files: StoricoFile[] } {
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
export function segnalazioni(a: ArchiveDb): Segnalazione[] {
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
export function parkedChanges(a: ArchiveDb): ParkedChange[] {
  return a.all(a.q.selectFrom('parked_changes').selectAll().orderBy('seq').limit(1_000)).map((p) => {
    const c = JSON.parse(p.change_json) as Change;
    return { seq: p.seq, parkedAt: p.parked_at, declarationKey: c.kind === 'CIRCOLARE' ? null : c.declarationKey, description: describeChange(c), reason: p.reason };
  });
}

export function messagesList(a: ArchiveDb): DeskMessage[] {
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

export function markMessagesRead(a: ArchiveDb, ids: readonly number[]): number {
  if (ids.length === 0) return 0;
  return a.run(a.q.updateTable('messages').set({ read_at: a.now() }).where('id', 'in', [...ids]).where('read_at', 'is', null)).changes;
}

/** Rettificative R not yet sent: "Esci" is refused while there are any (p. 103). */
export function exitCheck(a: ArchiveDb): { canExit: boolean; message: string | null; pending: { id: number; progressivo: number; status: Status }[] } {
  // The partial index of the R (migration 0017), named: SQLite would rather scan every "Da spedire" by status, and
  // a statement naming an index it cannot use fails at once instead of silently scanning.
  const pending = a
    .prepared(
      `SELECT id, progressivo, status FROM declarations INDEXED BY ix_declarations_rettifiche
       WHERE tipo = 'R' AND deleted_at IS NULL AND status IN ('ERRATA', 'INCOMPLETA', 'COMPLETA') ORDER BY progressivo`,
    )
    .all() as { id: number; progressivo: number; status: Status }[];
  const message = exitRefusal(pending);
  return { canExit: message === null, message, pending };
}

/** Counts for the status bar. */
export function outboxCounts(a: ArchiveDb): { outboxFiles: number; outboxDeclarations: number; stuckFiles: number; unreadMessages: number; unreadCircolari: number } {
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
