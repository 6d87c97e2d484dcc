import type { ArchiveDb } from './db';
import { readDocument, writeDocument } from './documents';
import { findByCodiceFiscale, normaliseSearch } from './monitor-rows';
import { addHistory, nextProgressivo, notFound } from './records';
import { requireValidator, sbloccatiFor } from './validation';
import { ScartoSchema, type Scarto } from '#shared/server-api/contract';
import { AppError, ERROR_CODES } from '#shared/errors';
import { completeRefusal, deleteRefusal, planTransition, statusAfterEdit } from '#shared/status/machine';
import type { DeclarationEdit, RedDocument } from '#shared/domain/red-document';
import type { Status, Tab } from '#shared/status/statuses';

/** Editing and status (p. 74, 87, 101): Crea, Modifica (save), Rendi completa, Cancella. */

export interface NewDeclaration {
  campaign: string;
  matricola: string;
  codiceFiscale: string;
  /** The empty document of the new declaration (titolare and requested years, from the matricola). */
  document: RedDocument;
  operator: string;
  acknowledgedExisting?: readonly number[] | undefined;
  /** "Data di consegna" of the request letter (ISO day), schema 5. */
  dataConsegna?: string | null | undefined;
}

export interface SaveResult {
  id: number;
  version: number;
  status: Status;
  updatedAt: string;
}

/** The scarto stored with a declaration, or null when there is none or it no longer reads (never a failed open). */
function storedScarto(json: string | null): Scarto | null {
  if (!json) return null;
  try {
    const r = ScartoSchema.safeParse(JSON.parse(json));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/**
 * "Crea dichiarazione" (p. 74): a new declaration in "Da spedire", with its titolare and the requested
 * years, and the CREAZIONE history row — all or nothing. Refuses a silent duplicate: an existing
 * declaration for the same codice fiscale must have been shown to the operator first.
 */
export function create(a: ArchiveDb, input: NewDeclaration): { id: number; progressivo: number; status: Status; tab: Tab } {
  return a.write(() => {
    const sameMatricola = a.first(
      a.q
        .selectFrom('declarations')
        .select(['id', 'progressivo'])
        .where('matricola', '=', input.matricola)
        .where('deleted_at', 'is', null)
        .where('tipo', '=', 'N'),
    );
    if (sameMatricola) {
      throw new AppError({
        code: ERROR_CODES.DUPLICATE_MATRICOLA,
        field: 'matricola',
        message: `Esiste già una dichiarazione con questa matricola (progressivo ${sameMatricola.progressivo}): non se ne crea un'altra.`,
        details: { ids: [sameMatricola.id] },
      });
    }
    const existing = findByCodiceFiscale(a, input.codiceFiscale, 1000).rows;
    const ack = new Set(input.acknowledgedExisting ?? []);
    const unseen = existing.filter((r) => !ack.has(r.id));
    if (unseen.length > 0) {
      throw new AppError({
        code: ERROR_CODES.DUPLICATE_CF,
        field: 'codiceFiscale',
        message: `Per il codice fiscale ${input.codiceFiscale} è già presente ${existing.length === 1 ? 'una dichiarazione' : `${existing.length} dichiarazioni`}.`,
        details: { rows: existing },
      });
    }
    const plan = planTransition('CREAZIONE', null);
    if (!plan.ok || plan.to === null) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: plan.ok ? 'Stato non valido.' : plan.message });
    const at = a.now();
    const progressivo = nextProgressivo(a);
    const id = Number(
      a.run(
        a.q.insertInto('declarations').values({
          progressivo,
          campaign: input.campaign,
          tipo: 'N',
          status: plan.to,
          matricola: input.matricola,
          codice_fiscale: input.codiceFiscale,
          scarto_origin: null,
          scarto_code: null,
          scarto_message: null,
          rettifica_of: null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
          data_consegna: input.dataConsegna ?? null,
        }),
      ).lastInsertRowid,
    );
    writeDocument(a, id, input.document);
    addHistory(a, id, 'CREAZIONE', null, plan.to, input.operator, null, at);
    return { id, progressivo, status: plan.to, tab: 'DA_SPEDIRE' as Tab };
  });
}

/**
 * "Cancella" (p. 101): only Errata / Incompleta / Completa; the declaration leaves the monitor, the history keeps
 * it (a CANCELLAZIONE row). What the history needs stays (the row's progressivo, campaign, tipo and status, and the
 * history itself); the personal data goes (issue 13 point 3): the document (subjects, years, incomes, documents,
 * foreign pensions, details, notes), the matricola, codice fiscale and name, the last scarto's text and the date of
 * delivery. With secure_delete on, the freed pages are overwritten.
 */
export function remove(a: ArchiveDb, id: number, operator: string, reason: string | null): { id: number } {
  return a.write(() => {
    const d = a.first(
      a.q.selectFrom('declarations').select(['status', 'tipo']).where('id', '=', id).where('deleted_at', 'is', null),
    );
    if (!d) throw notFound(id);
    const refusal = deleteRefusal(d.status, d.tipo);
    if (refusal !== null) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: refusal });
    const at = a.now();
    a.run(
      a.q
        .updateTable('declarations')
        .set((eb) => ({
          deleted_at: at,
          updated_at: at,
          version: eb('version', '+', 1),
          matricola: '',
          codice_fiscale: '',
          cognome_nome: '',
          scarto_message: null,
          scarto_suggestion: null,
          scarto_json: null,
          data_consegna: null,
        }))
        .where('id', '=', id),
    );
    // ON DELETE CASCADE takes the subjects' years, rows and documents, and the pensions' amounts.
    a.run(a.q.deleteFrom('foreign_pensions').where('declaration_id', '=', id));
    a.run(a.q.deleteFrom('subjects').where('declaration_id', '=', id));
    a.run(a.q.deleteFrom('declaration_details').where('declaration_id', '=', id));
    a.run(a.q.deleteFrom('declaration_notes').where('declaration_id', '=', id));
    addHistory(a, id, 'CANCELLAZIONE', d.status, null, operator, reason, at);
    return { id };
  });
}

/** A declaration opened in the editor ("Modifica" / "Visualizza"). */
export function getForEdit(a: ArchiveDb, id: number): DeclarationEdit {
  const d = a.first(a.q.selectFrom('declarations').selectAll().where('id', '=', id).where('deleted_at', 'is', null));
  if (!d) throw notFound(id);
  const document = readDocument(a, id);
  if (!document) throw new AppError({ code: ERROR_CODES.NOT_FOUND, message: `Dati della dichiarazione ${d.progressivo} mancanti nell'archivio.` });
  return {
    id: d.id,
    progressivo: d.progressivo,
    tipo: d.tipo,
    status: d.status,
    version: d.version,
    matricola: d.matricola,
    tipoDichiarazione: d.status === 'RETTIFICATA' ? 'RETTIFICATA' : d.tipo === 'R' ? 'RETTIFICATIVA' : 'NORMALE',
    document,
    updatedAt: d.updated_at,
    scartoCaf: d.status === 'SCART_CAF' ? storedScarto(d.scarto_json) : null,
    dataConsegna: d.data_consegna,
    sbloccati: sbloccatiFor(a, id),
  };
}

/**
 * Saves an edit (p. 87): the document, the status the validation implies and its history row, in one
 * transaction. `expectedVersion` refuses a save based on a stale copy (another window saved first).
 * `invalidInputs` counts the boxes whose typed text the editor refused (their value is absent from `doc`): such a
 * declaration is at most Incompleta, never left Completa.
 */
export function saveDocument(a: ArchiveDb, id: number, expectedVersion: number, doc: RedDocument, operator: string, invalidInputs = 0): SaveResult {
  const validate = requireValidator(a);
  return a.write(() => {
    const d = a.first(
      a.q.selectFrom('declarations').select(['status', 'version', 'matricola']).where('id', '=', id).where('deleted_at', 'is', null),
    );
    if (!d) throw notFound(id);
    const plan = planTransition('MODIFICA', d.status);
    if (!plan.ok) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: plan.message });
    if (d.version !== expectedVersion) {
      throw new AppError({
        code: ERROR_CODES.STALE,
        message: 'La dichiarazione è stata modificata in un\'altra finestra: riaprirla per vedere i dati aggiornati.',
      });
    }
    const result = validate(doc, d.matricola, id);
    const outcome = invalidInputs > 0 && result.outcome === 'COMPLETABILE' ? 'INCOMPLETA' : result.outcome;
    const status = statusAfterEdit(d.status, outcome);
    const at = a.now();
    writeDocument(a, id, doc);
    const titolare = doc.soggetti.find((s) => s.role === 'TITOLARE');
    a.run(
      a.q
        .updateTable('declarations')
        .set({
          status,
          cognome_nome: normaliseSearch(`${titolare?.cognome ?? ''} ${titolare?.nome ?? ''}`),
          version: d.version + 1,
          updated_at: at,
        })
        .where('id', '=', id),
    );
    if (status !== d.status) addHistory(a, id, 'CAMBIO_STATO', d.status, status, operator, 'modifica', at);
    return { id, version: d.version + 1, status, updatedAt: at };
  });
}

/** "Rendi completa": refused while the validation finds blocking errors (p. 87). */
export function makeComplete(a: ArchiveDb, id: number, expectedVersion: number, operator: string): SaveResult {
  const validate = requireValidator(a);
  return a.write(() => {
    const d = a.first(
      a.q.selectFrom('declarations').select(['status', 'version', 'matricola']).where('id', '=', id).where('deleted_at', 'is', null),
    );
    if (!d) throw notFound(id);
    const plan = planTransition('RENDI_COMPLETA', d.status);
    if (!plan.ok || plan.to === null) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: plan.ok ? 'Stato non valido.' : plan.message });
    if (d.version !== expectedVersion) {
      throw new AppError({ code: ERROR_CODES.STALE, message: 'La dichiarazione è stata modificata in un\'altra finestra: riaprirla.' });
    }
    const doc = readDocument(a, id);
    if (!doc) throw notFound(id);
    const result = validate(doc, d.matricola, id);
    const refusal = completeRefusal(result.outcome, result.blocking);
    if (refusal) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: refusal });
    const at = a.now();
    a.run(a.q.updateTable('declarations').set({ status: plan.to, version: d.version + 1, updated_at: at }).where('id', '=', id));
    if (d.status !== plan.to) addHistory(a, id, 'CAMBIO_STATO', d.status, plan.to, operator, 'resa completa', at);
    return { id, version: d.version + 1, status: plan.to, updatedAt: at };
  });
}

