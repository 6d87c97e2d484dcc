/**
 * An archive seeded with the print fixtures (one codice fiscale each) for the print tests. The status of a
 * "sent" declaration is set directly: the transmission to the CAF is tested elsewhere (sync tests); here it
 * only matters that the CAF received it.
 */
import { Archive } from '#main/archive/archive';
import type { PrintDeclaration } from '#shared/print/compose';
import type { Status } from '#shared/status/statuses';
import * as fx from './print-fixtures';
import { makeCf } from './matricole';

export const KINDS = ['normaleConiuge', 'documentatoDueFigli', 'zeroRed', 'rinuncia', 'decesso', 'espatrio', 'documentatoNessuna'] as const;
export type Kind = (typeof KINDS)[number];

export function cfOf(kind: Kind): string {
  return makeCf('RSS', 'MRA', '40', 'A', String(KINDS.indexOf(kind) + 1).padStart(2, '0'), 'H501');
}

export function fixtureOf(kind: Kind): PrintDeclaration {
  return fx[kind](1, cfOf(kind));
}

/** Creates the declaration of `kind` and gives it `status`; returns its id. */
export function seed(a: Archive, kind: Kind, status: Status): number {
  const d = fixtureOf(kind);
  const c = a.create({ campaign: 'RED2009', matricola: d.matricola, codiceFiscale: d.codiceFiscale, document: d.document, operator: 'test' });
  // Saved once as the editor does (it also fills the monitor's cognome e nome).
  a.saveDocument(c.id, 1, d.document, 'test');
  a.db.prepare('UPDATE declarations SET status = ?, data_consegna = ? WHERE id = ?').run(status, '2009-04-15', c.id);
  return c.id;
}
