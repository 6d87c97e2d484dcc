import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import { createValidator } from '#main/archive/validator';
import { Decl, foreign, doc, wrongCf } from '../unit/rules/fixtures';
import { makeCf } from '../helpers/matricole';
import { documentLine } from '#shared/domain/red-document';

const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

function archive(): Archive {
  const { db } = openArchive(join(mkdtempSync(join(tmpdir(), 'red-doc-')), 'archivio-red.sqlite'));
  dbs.push(db);
  return new Archive(db, () => new Date('2009-05-04T09:00:00Z'), createValidator());
}

function create(a: Archive, d: Decl) {
  return a.create({ campaign: 'RED2009', matricola: d.m.matricola, codiceFiscale: d.m.values.codiceFiscale, document: new Decl(valuesOf(d)).doc, operator: 'op' });
}
/** The matricola values a Decl was built from (so a fresh, empty-ish document is created first). */
function valuesOf(d: Decl) {
  const { controcodice: _c, ...rest } = d.m.values;
  return rest;
}

describe('the declaration document in the archive', () => {
  it('round-trips a full document: coniuge, figli, 2 years, document lines, foreign pensions', () => {
    const a = archive();
    const d = new Decl({ anniRichiesti: '3', statoCivile: '2' }).withConiuge().withFigli(2).documentato();
    d.row('titolare', 2008, 'A1', 12_300, [doc('CUD 2009 ditta Alfa', 12_000), doc('CUD 2009 ditta Beta', 300)]);
    // Documents with their cents (schema 7, p. 93): 10,20 + 10,20 → a row of 21; an older whole-euro line beside them.
    d.row('titolare', 2008, 'F1', 32, [documentLine('Rendita A', 1_020), documentLine('Rendita B', 1_020), doc('Rendita vecchia', 11)]);
    d.subject('titolare').cap = '00179';
    d.subject('titolare').provincia = 'RM';
    d.subject('titolare').pensioniEstere.push(foreign('756', '001', 1, { 2008: 4_200, 2007: 4_100 }), foreign('276', '999', null, { 2008: 10 }));
    d.doc.note = { gruppo: 'G1', segnalibro: 'S', appunti: 'Richiamare il pensionato.' };
    d.doc.domiciliazione = true;
    const { id } = create(a, d);
    const before = a.getForEdit(id);
    expect(before.status).toBe('INCOMPLETA');
    const saved = a.saveDocument(id, before.version, d.doc, 'op');
    expect(saved.version).toBe(before.version + 1);
    const after = a.getForEdit(id);
    // Amounts of a foreign pension come back newest year first, like the years of the subjects.
    for (const s of d.doc.soggetti) for (const p of s.pensioniEstere) p.importi.sort((x, y) => y.anno - x.anno);
    expect(after.document).toEqual(d.doc);
    expect(after.document.soggetti[0]?.anni[0]?.righi.F1?.documenti.map((x) => x.centesimi)).toEqual([1_020, 1_020, undefined]);
    expect(after.tipoDichiarazione).toBe('NORMALE');
  });

  it('derives the status from the validation and records each change in the history', () => {
    const a = archive();
    const d = new Decl();
    const { id } = create(a, d);
    let v = a.getForEdit(id).version;

    // A wrong codice fiscale: Errata.
    d.subject('titolare').codiceFiscale = wrongCf(d.subject('titolare').codiceFiscale);
    let r = a.saveDocument(id, v, d.doc, 'op');
    expect(r.status).toBe('ERRATA');
    v = r.version;
    expect(() => a.makeComplete(id, v, 'op')).toThrow(/non può essere resa completa/);

    // Fixed: no blocking errors left, but it stays Incompleta until the operator makes it complete.
    d.subject('titolare').codiceFiscale = d.m.values.codiceFiscale;
    r = a.saveDocument(id, v, d.doc, 'op');
    expect(r.status).toBe('INCOMPLETA');
    r = a.makeComplete(id, r.version, 'op');
    expect(r.status).toBe('COMPLETA');

    // A box whose typed text the editor refused («15OOO» in A1): the document holds no A1, and the
    // declaration may not stay Completa even though the rules find nothing (issue 18).
    r = a.saveDocument(id, r.version, d.doc, 'op', 1);
    expect(r.status).toBe('INCOMPLETA');
    r = a.makeComplete(id, r.version, 'op');
    expect(r.status).toBe('COMPLETA');

    // Missing data again (mode not chosen): back to Incompleta.
    d.year('titolare').modo = null;
    r = a.saveDocument(id, r.version, d.doc, 'op');
    expect(r.status).toBe('INCOMPLETA');

    expect(a.history(id).map((h) => [h.event, h.fromStatus, h.toStatus])).toEqual([
      ['CREAZIONE', null, 'INCOMPLETA'],
      ['CAMBIO_STATO', 'INCOMPLETA', 'ERRATA'],
      ['CAMBIO_STATO', 'ERRATA', 'INCOMPLETA'],
      ['CAMBIO_STATO', 'INCOMPLETA', 'COMPLETA'],
      ['CAMBIO_STATO', 'COMPLETA', 'INCOMPLETA'],
      ['CAMBIO_STATO', 'INCOMPLETA', 'COMPLETA'],
      ['CAMBIO_STATO', 'COMPLETA', 'INCOMPLETA'],
    ]);
  });

  it('refuses a stale save and a save of a declaration that is not in "Da spedire"; nothing is half-written', () => {
    const a = archive();
    const d = new Decl();
    const { id } = create(a, d);
    const v = a.getForEdit(id).version;
    a.saveDocument(id, v, d.doc, 'op');
    d.doc.note.appunti = 'scritto su una copia vecchia';
    expect(() => a.saveDocument(id, v, d.doc, 'op')).toThrow(expect.objectContaining({ code: 'ARC-07' }));
    expect(a.getForEdit(id).document.note.appunti).toBe('');

    a.db.prepare("UPDATE declarations SET status = 'TRASM_INPS' WHERE id = ?").run(id);
    const cur = a.getForEdit(id);
    expect(() => a.saveDocument(id, cur.version, d.doc, 'op')).toThrow(/Errata, Incompleta o Completa/);

    // A write that fails half-way (a constraint of the archive) rolls back whole.
    a.db.prepare("UPDATE declarations SET status = 'INCOMPLETA' WHERE id = ?").run(id);
    const broken = structuredClone(d.doc);
    broken.anagrafica.numeroFigli = 99; // CHECK (numero_figli BETWEEN 0 AND 14)
    broken.note.appunti = 'non deve restare';
    expect(() => a.saveDocument(id, cur.version, broken, 'op')).toThrow();
    expect(a.getForEdit(id).document.note.appunti).toBe('');
    expect(a.getForEdit(id).version).toBe(cur.version);
  });

  it('"Controllo Dichiarazioni RED" checks "Da spedire" in batches, updates statuses and lists the errors', () => {
    const a = archive();
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const d = new Decl({ codiceFiscale: makeCf('RSS', 'MRA', String(30 + i), 'A', '01', 'H501') });
      ids.push(a.importDeclarations([{ campaign: 'RED2009', tipo: 'N', status: 'COMPLETA', matricola: d.m.matricola, codiceFiscale: d.m.values.codiceFiscale, cognome: 'ROSSI', nome: `N${i}`, anni: [2008] }], 'seed').firstProgressivo);
    }
    // Imported declarations carry only the titolare's name: anagrafica data is missing → Incompleta.
    expect(a.checkCount()).toBe(30);
    let afterId = 0;
    let checked = 0;
    let changed = 0;
    const withErrors = [];
    for (;;) {
      const r = a.checkBatch(afterId, 7, 'op');
      checked += r.checked;
      changed += r.changed;
      withErrors.push(...r.withErrors);
      afterId = r.lastId;
      if (r.done) break;
    }
    expect(checked).toBe(30);
    expect(changed).toBe(30);
    expect(withErrors).toHaveLength(30);
    expect(withErrors[0]?.status).toBe('INCOMPLETA');
    expect(withErrors[0]?.firstMessage).toBeTruthy();
    expect(a.monitorCounts({}).tabs.DA_SPEDIRE).toBe(30);
    // A selection checks only those.
    expect(a.checkCount(ids.slice(0, 3))).toBe(3);
    expect(a.checkBatch(0, 100, 'op', ids.slice(0, 3)).checked).toBe(3);
  });
});
