import type { ArchiveDb, BoundValidator } from './db';
import { current730For } from './dich730';
import { AppError, ERROR_CODES } from '#shared/errors';
import type { RedDocument } from '#shared/domain/red-document';
import type { Held730 } from '#shared/import730/model';

/** The validation engine, given the 730s held for the subjects of each document and the declaration's unlocks. */
export function requireValidator(a: ArchiveDb): BoundValidator {
  const v = a.validator;
  if (!v) throw new AppError({ code: ERROR_CODES.INTERNAL, message: 'Motore di controllo non disponibile.' });
  return (doc, matricola, declarationId) => v(doc, matricola, dati730For(a, doc), declarationId === undefined ? undefined : sbloccatiFor(a, declarationId));
}

export function hasSblocchi(a: ArchiveDb): boolean {
  a.anySblocco ??= (a.prepared('SELECT EXISTS (SELECT 1 FROM sblocchi) AS x').get() as { x: number }).x === 1;
  return a.anySblocco;
}

/** The error codes the CAF lifted on a declaration. */
export function sbloccatiFor(a: ArchiveDb, declarationId: number): string[] {
  if (!hasSblocchi(a)) return [];
  return (a.prepared('SELECT codice_errore AS c FROM sblocchi WHERE declaration_id = ?').all(declarationId) as { c: string }[]).map((r) => r.c);
}

function dati730For(a: ArchiveDb, doc: RedDocument): Held730[] {
  a.any730 ??= (a.prepared('SELECT EXISTS (SELECT 1 FROM dich_730) AS x').get() as { x: number }).x === 1;
  if (!a.any730) return [];
  return current730For(a, doc.soggetti.map((s) => s.codiceFiscale));
}
