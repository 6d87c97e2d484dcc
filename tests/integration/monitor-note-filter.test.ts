/**
 * "Gruppo" and "Segnalibro" (p. 77) in the monitor, on a real SQLite archive file: shown in each row and usable as a
 * filter (beginning of the text, upper or lower case alike), in the list, its total and the counts of every tab.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import { createValidator } from '#main/archive/validator';
import { Decl } from '../unit/rules/fixtures';
import { makeCf } from '../helpers/matricole';

const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

function archive(): Archive {
  const { db } = openArchive(join(mkdtempSync(join(tmpdir(), 'red-note-')), 'archivio-red.sqlite'));
  dbs.push(db);
  return new Archive(db, () => new Date('2009-05-04T09:00:00Z'), createValidator());
}

/** Creates a declaration and saves its note through the editor's path (saveDocument). */
function withNote(a: Archive, i: number, gruppo: string, segnalibro: string): number {
  const d = new Decl({ codiceFiscale: makeCf('RSS', 'MRA', String(30 + i), 'A', '01', 'H501') });
  const { controcodice: _c, ...values } = d.m.values;
  const { id } = a.create({ campaign: 'RED2009', matricola: d.m.matricola, codiceFiscale: d.m.values.codiceFiscale, document: new Decl(values).doc, operator: 'op' });
  const e = a.getForEdit(id);
  const doc = structuredClone(e.document);
  doc.note = { gruppo, segnalibro, appunti: '' };
  a.saveDocument(id, e.version, doc, 'op');
  return id;
}

const page = { tab: 'DA_SPEDIRE' as const, offset: 0, limit: 50 };

describe('monitor: Gruppo and Segnalibro', () => {
  it('shows both notes in the rows (empty when not given)', () => {
    const a = archive();
    const one = withNote(a, 1, 'Sportello 2', 'urgente');
    const two = withNote(a, 2, '', '');
    const rows = a.monitorList(page).rows;
    expect(rows.find((r) => r.id === one)).toMatchObject({ gruppo: 'Sportello 2', segnalibro: 'urgente' });
    expect(rows.find((r) => r.id === two)).toMatchObject({ gruppo: '', segnalibro: '' });
  });

  it('filters by the beginning of the gruppo, upper or lower case alike, in list and counts', () => {
    const a = archive();
    const s2 = withNote(a, 1, 'Sportello 2', '');
    const s20 = withNote(a, 2, 'SPORTELLO 20', '');
    withNote(a, 3, 'Casa', 'sportello');
    withNote(a, 4, '', '');
    const r = a.monitorList({ ...page, gruppo: 'sportello 2' });
    expect(r.rows.map((x) => x.id).sort()).toEqual([s2, s20].sort());
    expect(r.total).toBe(2);
    expect(a.monitorCounts({ gruppo: 'sportello 2' }).tabs).toEqual({ DA_SPEDIRE: 2, SPEDITE: 0, RICEVUTE: 0, SCARTATE: 0 });
    // "Sportello 20" only with the longer prefix; the segnalibro "sportello" is not a gruppo.
    expect(a.monitorList({ ...page, gruppo: 'Sportello 20' }).rows.map((x) => x.id)).toEqual([s20]);
    // An unfiltered list still has all four.
    expect(a.monitorList(page).total).toBe(4);
  });

  it('filters by segnalibro, and both filters together narrow the list', () => {
    const a = archive();
    const both = withNote(a, 1, 'Casa', 'Urgente');
    withNote(a, 2, 'Altro', 'urgente');
    withNote(a, 3, 'Casa', 'dopo');
    expect(a.monitorList({ ...page, segnalibro: 'URG' }).total).toBe(2);
    expect(a.monitorList({ ...page, segnalibro: 'urg', gruppo: 'cas' }).rows.map((x) => x.id)).toEqual([both]);
    expect(a.monitorList({ ...page, gruppo: 'nessuno' }).total).toBe(0);
    // Blanks alone are no filter.
    expect(a.monitorList({ ...page, gruppo: '   ' }).total).toBe(3);
  });
});

describe('the note filters use an index (schema 8)', () => {
  it('a Gruppo or Segnalibro prefix is searched through its NOCASE index, not by reading every note', () => {
    const { db } = openArchive(join(mkdtempSync(join(tmpdir(), 'red-note-plan-')), 'archivio-red.sqlite'));
    dbs.push(db);
    for (const column of ['gruppo', 'segnalibro']) {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT declaration_id FROM declaration_notes WHERE ${column} COLLATE NOCASE >= ? AND ${column} COLLATE NOCASE < ?`)
        .all('ab', 'ab\uffff') as { detail: string }[];
      const detail = plan.map((p) => p.detail).join(' | ');
      expect(detail, column).toContain(`INDEX ix_declaration_notes_${column}`);
      expect(detail, column).not.toMatch(/^SCAN declaration_notes$/);
    }
  });
});
