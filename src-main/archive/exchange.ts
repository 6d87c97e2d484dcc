import { randomBytes } from 'node:crypto';
import type { ArchiveDb } from './db';
import { bulkInsert, nextProgressivo } from './records';
import { readDocuments, writeDocument } from './documents';
import { AppError, ERROR_CODES } from '#shared/errors';
import { originKey, type ExchangeDeclaration, type ExchangeKind, type Manifest } from '#shared/exchange/format';
import { parseExchangeData } from '#shared/exchange/container';
import type { Conflict, ExchangeSelection, RestoreChoice, RestorePlan, RestoreResult } from '#shared/exchange/api';
import { STATUS_INFO, type Status } from '#shared/status/statuses';

/**
 * The archive side of "Servizi" (issue 13 point 1): the declarations read into an exchange file, and a file's
 * declarations restored here. A restored declaration keeps its history and its origin (desk and progressivo
 * there, `origin_desk`/`origin_progressivo`, unique), gets a progressivo here, keeps its status and its server key:
 * a declaration already sent stays in "Spedite"/"Ricevute"/"Scartate", and "Invio" only takes "Completa" ones, so
 * it is never queued here. Restoring is one transaction, and the plan is made again inside it.
 */

const CHUNK = 500;

/** Declarations a CAF copy carries: the ones sent, and the "Completa" ones (would be sent). */
function forCaf(status: Status): boolean {
  return status === 'COMPLETA' || STATUS_INFO[status].tab !== 'DA_SPEDIRE';
}

function chunks<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * The declarations of a copy, with their documents and histories. Those without a server key get one now (saved
 * here, in one transaction): the desk's own "Invio" and the CAF's loading of a copy then name the declaration with
 * the same key, so the server stores it once whichever way it arrives.
 */
export function exchangeExport(a: ArchiveDb, sel: ExchangeSelection, kind: ExchangeKind, desk: string): { declarations: ExchangeDeclaration[]; excluded: number } {
  return a.write(() => {
    let q = a.q.selectFrom('declarations').selectAll().where('deleted_at', 'is', null);
    if (sel.tipo === 'STATI') q = q.where('status', 'in', sel.stati);
    const rows = sel.tipo === 'SCELTE' ? chunks(sel.ids, CHUNK).flatMap((ids) => a.all(q.where('id', 'in', ids))) : a.all(q);
    rows.sort((x, y) => x.progressivo - y.progressivo);
    const chosen = kind === 'CAF' ? rows.filter((r) => forCaf(r.status)) : rows;
    const progressivoOf = new Map(rows.map((r) => [r.id, r.progressivo]));
    const setKey = a.prepared('UPDATE declarations SET server_key = ? WHERE id = ? AND server_key IS NULL');
    const out: ExchangeDeclaration[] = [];
    for (const part of chunks(chosen, CHUNK)) {
      const ids = part.map((r) => r.id);
      const docs = readDocuments(a, ids);
      const history = a.all(a.q.selectFrom('status_history').selectAll().where('declaration_id', 'in', ids).orderBy('id'));
      const historyBy = new Map<number, typeof history>();
      for (const h of history) {
        const list = historyBy.get(h.declaration_id);
        if (list) list.push(h);
        else historyBy.set(h.declaration_id, [h]);
      }
      const keys = randomBytes(12 * part.length).toString('hex');
      for (const [k, r] of part.entries()) {
        const doc = docs.get(r.id);
        if (!doc) throw new AppError({ code: ERROR_CODES.NOT_FOUND, message: `Dati della dichiarazione ${r.progressivo} mancanti nell'archivio: copia non eseguita.` });
        let serverKey = r.server_key;
        if (serverKey === null) {
          serverKey = keys.slice(24 * k, 24 * k + 24);
          setKey.run(serverKey, r.id);
        }
        const rettificaOf = r.rettifica_of === null ? null : (progressivoOf.get(r.rettifica_of) ?? a.first(a.q.selectFrom('declarations').select(['progressivo', 'origin_progressivo']).where('id', '=', r.rettifica_of)));
        out.push({
          origine: r.origin_desk !== null && r.origin_progressivo !== null ? { sportello: r.origin_desk, progressivo: r.origin_progressivo } : { sportello: desk, progressivo: r.progressivo },
          campagna: r.campaign,
          tipo: r.tipo,
          status: r.status,
          matricola: r.matricola,
          codiceFiscale: r.codice_fiscale,
          cognomeNome: r.cognome_nome,
          version: r.version,
          serverKey,
          sentVersion: r.sent_version,
          cgnReceivedAt: r.cgn_received_at,
          inpsSentAt: r.inps_sent_at,
          esitoAt: r.esito_at,
          scarto: { origin: r.scarto_origin, code: r.scarto_code, message: r.scarto_message, suggestion: r.scarto_suggestion, json: r.scarto_json },
          rettificaOf: typeof rettificaOf === 'number' ? rettificaOf : rettificaOf ? (rettificaOf.origin_progressivo ?? rettificaOf.progressivo) : null,
          createdAt: r.created_at,
          updatedAt: r.updated_at,
          printedAt: r.printed_at,
          printCount: r.print_count,
          dataConsegna: r.data_consegna,
          document: doc,
          storico: (historyBy.get(r.id) ?? []).map((h) => ({ event: h.event, from: h.from_status, to: h.to_status, at: h.at, operator: h.operator, reason: h.reason })),
        });
      }
    }
    return { declarations: out, excluded: rows.length - chosen.length };
  });
}

/** Records a file written (the two copies), for the history of the exchanges. */
export function exchangeWritten(a: ArchiveDb, f: { fileId: string; kind: ExchangeKind; desk: string; created: string; operator: string; fileName: string; declarations: number }): void {
  a.run(
    a.q.insertInto('exchange_files').values({
      file_id: f.fileId,
      direction: 'SCRITTO',
      kind: f.kind,
      desk: f.desk,
      created: f.created,
      at: a.now(),
      operator: f.operator,
      file_name: f.fileName,
      declarations: f.declarations,
    }),
  );
}

interface FileInfo {
  fileId: string;
  desk: string;
  created: string;
  fileName: string;
}

interface Planned {
  plan: Omit<RestorePlan, 'token' | 'fileName'>;
  /** Index in the file → what to do without a choice ('NUOVA' for no conflict, 'PRESENTE' for already here). */
  fate: ('NUOVA' | 'PRESENTE' | 'CONFLITTO')[];
}

const nameOf = (d: ExchangeDeclaration): string => d.cognomeNome;

function planOf(a: ArchiveDb, decls: readonly ExchangeDeclaration[], file: FileInfo, ownDesk: string): Planned {
  if (file.desk === ownDesk || decls.some((d) => d.origine.sportello === ownDesk)) {
    throw new AppError({
      code: 'SCA-08',
      message: `Il file ${file.fileName} contiene dichiarazioni inserite da questo sportello (${ownDesk}): non si ripristinano qui. Nessuna dichiarazione è stata modificata nell'archivio.`,
    });
  }
  const read = a.first(a.q.selectFrom('exchange_files').select('at').where('file_id', '=', file.fileId).where('direction', '=', 'LETTO'));
  // Origins already here.
  const present = new Set<string>();
  const byDesk = new Map<string, number[]>();
  for (const d of decls) {
    const list = byDesk.get(d.origine.sportello);
    if (list) list.push(d.origine.progressivo);
    else byDesk.set(d.origine.sportello, [d.origine.progressivo]);
  }
  for (const [desk, progs] of byDesk) {
    for (const part of chunks(progs, CHUNK)) {
      const rows = a.all(a.q.selectFrom('declarations').select(['origin_progressivo']).where('origin_desk', '=', desk).where('origin_progressivo', 'in', part));
      for (const r of rows) present.add(originKey({ sportello: desk, progressivo: r.origin_progressivo ?? 0 }));
    }
  }
  const fresh = decls.map((d, i) => ({ d, i })).filter(({ d }) => !present.has(originKey(d.origine)));
  // The declarations here with the same matricola or codice fiscale (not deleted).
  type Here = Conflict['esistenti'][number];
  const byMatricola = new Map<string, Here[]>();
  const byCf = new Map<string, Here[]>();
  const cols = ['id', 'progressivo', 'status', 'codice_fiscale', 'cognome_nome', 'matricola'] as const;
  const toHere = (r: { id: number; progressivo: number; status: Status; codice_fiscale: string; cognome_nome: string; matricola: string }): Here => ({
    id: r.id,
    progressivo: r.progressivo,
    status: r.status,
    codiceFiscale: r.codice_fiscale,
    cognomeNome: r.cognome_nome,
    matricola: r.matricola,
  });
  for (const part of chunks(fresh, CHUNK)) {
    const mats = [...new Set(part.map(({ d }) => d.matricola))];
    const cfs = [...new Set(part.map(({ d }) => d.codiceFiscale).filter((c) => c !== ''))];
    for (const r of a.all(a.q.selectFrom('declarations').select(cols).where('deleted_at', 'is', null).where('matricola', 'in', mats))) {
      byMatricola.set(r.matricola, [...(byMatricola.get(r.matricola) ?? []), toHere(r)]);
    }
    if (cfs.length) {
      for (const r of a.all(a.q.selectFrom('declarations').select(cols).where('deleted_at', 'is', null).where('codice_fiscale', 'in', cfs))) {
        byCf.set(r.codice_fiscale, [...(byCf.get(r.codice_fiscale) ?? []), toHere(r)]);
      }
    }
  }
  const fate: Planned['fate'] = decls.map((d) => (present.has(originKey(d.origine)) ? 'PRESENTE' : 'NUOVA'));
  const conflitti: Conflict[] = [];
  for (const { d, i } of fresh) {
    const sameMat = byMatricola.get(d.matricola) ?? [];
    const sameCf = (byCf.get(d.codiceFiscale) ?? []).filter((h) => !sameMat.some((m) => m.id === h.id));
    if (sameMat.length === 0 && sameCf.length === 0) continue;
    fate[i] = 'CONFLITTO';
    conflitti.push({
      indice: i,
      sportello: d.origine.sportello,
      progressivoOrigine: d.origine.progressivo,
      status: d.status,
      codiceFiscale: d.codiceFiscale,
      cognomeNome: nameOf(d),
      matricola: d.matricola,
      motivo: sameMat.length > 0 ? 'MATRICOLA' : 'CODICE_FISCALE',
      esistenti: [...sameMat, ...sameCf],
    });
  }
  const isSent = (s: Status) => STATUS_INFO[s].tab !== 'DA_SPEDIRE';
  return {
    plan: {
      sportello: file.desk,
      creato: file.created,
      dichiarazioni: decls.length,
      nuove: fate.filter((f) => f === 'NUOVA').length,
      giaPresenti: fate.filter((f) => f === 'PRESENTE').length,
      giaSpedite: decls.filter((d, i) => fate[i] !== 'PRESENTE' && isSent(d.status)).length,
      giaLetto: read?.at ?? null,
      conflitti,
    },
    fate,
  };
}

/** A file's declarations, or its decrypted JSON text with its manifest (parsed and checked here, see `openExchangeFile`). */
export type ExchangeSource = readonly ExchangeDeclaration[] | { json: string; manifest: Manifest };

const isDeclarations = (s: ExchangeSource): s is readonly ExchangeDeclaration[] => Array.isArray(s);

/** What restoring a file would do: the declarations to add, those already here, the conflicts to choose for. */
export function exchangePlan(a: ArchiveDb, source: ExchangeSource, file: FileInfo, ownDesk: string): Omit<RestorePlan, 'token' | 'fileName'> {
  const decls = isDeclarations(source) ? source : parseExchangeData(source.json, source.manifest, file.fileName).dichiarazioni;
  const { plan } = planOf(a, decls, file, ownDesk);
  staged.set(a, { fileId: file.fileId, decls });
  return plan;
}

/**
 * The declarations of the file planned last, kept here for its restore: 10,000 declarations cost a few tenths of
 * a second to copy to this thread, so they cross once. Replaced by the next plan, dropped by the restore.
 */
const staged = new WeakMap<ArchiveDb, { fileId: string; decls: readonly ExchangeDeclaration[] }>();

function stagedFor(a: ArchiveDb, fileId: string): readonly ExchangeDeclaration[] {
  const s = staged.get(a);
  if (s?.fileId !== fileId) {
    throw new AppError({ code: ERROR_CODES.INPUT, message: "Lettura del file scaduta o sconosciuta: scegliere di nuovo il file. Nessuna dichiarazione è stata aggiunta." });
  }
  return s.decls;
}

/**
 * "Ripristino da Centro di Raccolta": adds the file's declarations in one transaction. Every conflict needs a
 * choice (SALTA or NUOVA); the plan is made again inside the transaction, so what changed since it was shown is
 * refused rather than guessed. `null` for the declarations: those of the same file planned last (`exchangePlan`).
 */
export function exchangeRestore(
  a: ArchiveDb,
  given: readonly ExchangeDeclaration[] | null,
  file: FileInfo & { kind: ExchangeKind },
  choices: Readonly<Record<string, RestoreChoice>>,
  ownDesk: string,
  operator: string,
): RestoreResult {
  const decls = given ?? stagedFor(a, file.fileId);
  const result = a.write((): RestoreResult => {
    const { plan, fate } = planOf(a, decls, file, ownDesk);
    const missing = plan.conflitti.filter((c) => choices[String(c.indice)] === undefined);
    if (missing.length > 0) {
      throw new AppError({
        code: ERROR_CODES.OPERATION_REFUSED,
        message: `Scegliere cosa fare per ${missing.length === 1 ? 'la dichiarazione già presente' : `le ${missing.length} dichiarazioni già presenti`} (prima: progressivo ${missing[0]?.progressivoOrigine} dello sportello ${missing[0]?.sportello}). Nessuna dichiarazione è stata aggiunta.`,
      });
    }
    const at = a.now();
    const insertDecl = bulkInsert(a, 'declarations', [
      'progressivo', 'campaign', 'tipo', 'status', 'matricola', 'codice_fiscale', 'cognome_nome', 'scarto_origin', 'scarto_code', 'scarto_message',
      'rettifica_of', 'version', 'created_at', 'updated_at', 'server_key', 'sent_version', 'cgn_received_at', 'inps_sent_at', 'esito_at',
      'scarto_suggestion', 'scarto_json', 'printed_at', 'print_count', 'data_consegna', 'origin_desk', 'origin_progressivo',
    ]);
    const insertHistory = bulkInsert(a, 'status_history', ['declaration_id', 'event', 'from_status', 'to_status', 'at', 'operator', 'reason']);
    let progressivo = nextProgressivo(a);
    const first = progressivo;
    let aggiunte = 0;
    let saltate = 0;
    const idByOrigin = new Map<string, number>();
    const pendingRettifiche: { id: number; origin: string }[] = [];
    for (const [i, d] of decls.entries()) {
      const f = fate[i];
      if (f === 'PRESENTE') continue;
      if (f === 'CONFLITTO' && choices[String(i)] !== 'NUOVA') {
        saltate++;
        continue;
      }
      const id = Number(
        insertDecl({
          progressivo: progressivo++,
          campaign: d.campagna,
          tipo: d.tipo,
          status: d.status,
          matricola: d.matricola,
          codice_fiscale: d.codiceFiscale,
          cognome_nome: nameOf(d),
          scarto_origin: d.scarto.origin,
          scarto_code: d.scarto.code,
          scarto_message: d.scarto.message,
          rettifica_of: null,
          version: d.version,
          created_at: d.createdAt,
          updated_at: d.updatedAt,
          server_key: d.serverKey,
          sent_version: d.sentVersion,
          cgn_received_at: d.cgnReceivedAt,
          inps_sent_at: d.inpsSentAt,
          esito_at: d.esitoAt,
          scarto_suggestion: d.scarto.suggestion,
          scarto_json: d.scarto.json,
          printed_at: d.printedAt,
          print_count: d.printCount,
          data_consegna: d.dataConsegna,
          origin_desk: d.origine.sportello,
          origin_progressivo: d.origine.progressivo,
        }).lastInsertRowid,
      );
      writeDocument(a, id, d.document);
      for (const h of d.storico) {
        insertHistory({ declaration_id: id, event: h.event, from_status: h.from, to_status: h.to, at: h.at, operator: h.operator, reason: h.reason });
      }
      insertHistory({
        declaration_id: id,
        event: 'CAMBIO_STATO',
        from_status: d.status,
        to_status: d.status,
        at,
        operator,
        reason: `ripristino da Centro di Raccolta: sportello ${d.origine.sportello}, progressivo ${d.origine.progressivo} (file ${file.fileName})`,
      });
      idByOrigin.set(originKey(d.origine), id);
      if (d.rettificaOf !== null) pendingRettifiche.push({ id, origin: originKey({ sportello: d.origine.sportello, progressivo: d.rettificaOf }) });
      aggiunte++;
    }
    // A rettificativa points to its ordinaria here: restored now or before (same origin desk).
    const setRettifica = a.prepared('UPDATE declarations SET rettifica_of = ? WHERE id = ?');
    const findOrigin = a.prepared('SELECT id FROM declarations WHERE origin_desk = ? AND origin_progressivo = ?');
    for (const r of pendingRettifiche) {
      let target = idByOrigin.get(r.origin);
      if (target === undefined) {
        const hash = r.origin.lastIndexOf('#');
        target = (findOrigin.get(r.origin.slice(0, hash), Number(r.origin.slice(hash + 1))) as { id: number } | undefined)?.id;
      }
      if (target !== undefined) setRettifica.run(target, r.id);
    }
    if (!plan.giaLetto) {
      a.run(
        a.q.insertInto('exchange_files').values({
          file_id: file.fileId,
          direction: 'LETTO',
          kind: file.kind,
          desk: file.desk,
          created: file.created,
          at,
          operator,
          file_name: file.fileName,
          declarations: decls.length,
          added: aggiunte,
        }),
      );
    } else if (aggiunte > 0) {
      a.run(a.q.updateTable('exchange_files').set((eb) => ({ added: eb('added', '+', aggiunte) })).where('file_id', '=', file.fileId));
    }
    return {
      aggiunte,
      saltate,
      giaPresenti: plan.giaPresenti,
      primoProgressivo: aggiunte > 0 ? first : null,
      ultimoProgressivo: aggiunte > 0 ? progressivo - 1 : null,
    };
  });
  staged.delete(a);
  return result;
}
