/**
 * Utilità → "Importa file 730" on a real archive file (schema 6): a file is stored whole or not at all, a newer
 * file replaces the older 730 of the same codice fiscale and modello (kept in the history), the list is
 * searchable by codice fiscale, the current 730s of a declaration's subjects come back with their lines.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import { storeFile730 } from '#main/archive/dich730';
import { AppError } from '#shared/errors';
import { read730File } from '#shared/import730/file';
import { Prng } from '#shared/util/prng';
import { createValidator } from '#main/archive/validator';
import { importa730 } from '#shared/import730/importa';
import { rowsFor } from '#shared/campaigns/red2009/tipo-righi';
import { CF, Decl } from '../unit/rules/fixtures';
import { refusal } from '../helpers/refusal';

const ESEMPIO = readFileSync(new URL('../fixtures/730/esempio.txt', import.meta.url), 'utf8');
const A = 'RSSMRA40A01H501K';
const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

function archive(clock = () => new Date('2009-06-10T08:00:00Z')): { a: Archive; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'red-730-')), 'archivio-red.sqlite');
  const { db } = openArchive(file);
  dbs.push(db);
  return { a: new Archive(db, clock, createValidator(() => '2009-06-15')), file };
}

const counts = (a: Archive) => ({
  files: (a.db.prepare('SELECT count(*) AS n FROM files_730').get() as { n: number }).n,
  dich: (a.db.prepare('SELECT count(*) AS n FROM dich_730').get() as { n: number }).n,
  righe: (a.db.prepare('SELECT count(*) AS n FROM righe_730').get() as { n: number }).n,
});

describe('730 archive on the desk', () => {
  it('stores the example of 730-file.md: one row per file, per 730 and per line, with the file name and when it was read', () => {
    const { a } = archive();
    const r = a.import730File('730_giugno.txt', ESEMPIO, 'mario');
    expect(r).toEqual({ fileId: 1, fileName: '730_giugno.txt', readAt: '2009-06-10T08:00:00.000Z', count: 2, replaced: 0 });
    expect(counts(a)).toEqual({ files: 1, dich: 2, righe: 7 });
    const list = a.list730({ offset: 0, limit: 50 });
    expect(list.total).toBe(2);
    expect(list.rows.map((x) => [x.cfDichiarante, x.cfConiuge, x.modello, x.righe, x.fileName])).toEqual([
      ['BNCLRA45B41F205A', 'VRDGPP43C10F205W', '730/2009', 1, '730_giugno.txt'],
      [A, null, '730/2009', 6, '730_giugno.txt'],
    ]);
    // The lines come back as they were read.
    const parsed = read730File(ESEMPIO);
    if (!parsed.ok) throw new Error('example refused');
    const held = a.current730For([A]);
    expect(held).toHaveLength(1);
    expect(held[0]?.righe).toEqual(parsed.dichiarazioni[0]?.righe);
    // The coniuge dichiarante finds the congiunto 730.
    expect(a.current730For(['VRDGPP43C10F205W']).map((d) => d.cfDichiarante)).toEqual(['BNCLRA45B41F205A']);
  });

  it('the look-ups by codice fiscale use the indexes of schema 6 (EXPLAIN QUERY PLAN)', () => {
    const { a } = archive();
    a.import730File('a.txt', ESEMPIO, 'op');
    const plan = (q: string) => (a.db.prepare(`EXPLAIN QUERY PLAN ${q}`).all(A) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT id FROM dich_730 d WHERE d.cf_dichiarante = ? AND d.replaced_by IS NULL')).toContain('USING INDEX ix_dich_730_dichiarante');
    expect(plan('SELECT id FROM dich_730 d WHERE d.cf_coniuge = ? AND d.replaced_by IS NULL AND d.cf_coniuge IS NOT NULL')).toContain('USING INDEX ix_dich_730_coniuge');
    expect(plan('SELECT n FROM righe_730 WHERE dich_id = ? ORDER BY n')).toContain('USING PRIMARY KEY');
  });

  it('search by the start of the codice fiscale of the dichiarante or of the coniuge', () => {
    const { a } = archive();
    a.import730File('a.txt', ESEMPIO, 'op');
    expect(a.list730({ codiceFiscale: 'rss', offset: 0, limit: 50 }).rows.map((r) => r.cfDichiarante)).toEqual([A]);
    expect(a.list730({ codiceFiscale: 'VRDGPP', offset: 0, limit: 50 }).rows.map((r) => r.cfDichiarante)).toEqual(['BNCLRA45B41F205A']);
    expect(a.list730({ codiceFiscale: 'ZZZ', offset: 0, limit: 50 }).total).toBe(0);
  });

  it('a newer file for the same codice fiscale and modello replaces the older 730, which stays in the history', () => {
    let t = Date.parse('2009-06-10T08:00:00Z');
    const { a } = archive(() => new Date(t));
    a.import730File('primo.txt', ESEMPIO, 'op');
    t += 86_400_000;
    const newer = ['RED730|1', `730|730/2009|${A}||TRASM_CGN|2009-06-11`, `P|${A}|7|700,00`, 'FINE|1', ''].join('\n');
    const r = a.import730File('secondo.txt', newer, 'op');
    expect(r.replaced).toBe(1);
    const held = a.current730For([A]);
    expect(held.map((d) => [d.fileName, d.righe.length])).toEqual([['secondo.txt', 1]]);
    expect(a.list730({ codiceFiscale: A, offset: 0, limit: 50 }).rows.map((x) => x.fileName)).toEqual(['secondo.txt']);
    const storico = a.list730({ codiceFiscale: A, storico: true, offset: 0, limit: 50 }).rows;
    expect(storico.map((x) => [x.fileName, x.replacedAt])).toEqual([
      ['secondo.txt', null],
      ['primo.txt', '2009-06-11T08:00:00.000Z'],
    ]);
    // Another modello of the same person is not replaced.
    const other = ['RED730|1', `730|730/2008|${A}||TRASM_CGN|2008-06-11`, `P|${A}|7|650,00`, 'FINE|1'].join('\n');
    expect(a.import730File('terzo.txt', other, 'op').replaced).toBe(0);
    expect(a.current730For([A]).map((d) => d.modello)).toEqual(['730/2009', '730/2008']);
  });

  it('a malformed file is refused with line, field and what was expected; nothing is stored', () => {
    const { a } = archive();
    a.import730File('buono.txt', ESEMPIO, 'op');
    const before = counts(a);
    const bad = ESEMPIO.replace('FINE|2', 'FINE|5');
    const e = refusal(() => a.import730File('cattivo.txt', bad, 'op'));
    expect(e.code).toBe('IMP-10');
    expect(e.message).toBe('cattivo.txt: File 730 non letto: riga 12, campo 2 «numero di 730 nel file»: atteso 2 (i record «730» letti); trovato «5». Nessun 730 del file è stato memorizzato.');
    expect(e.details).toMatchObject({ line: 12, field: 'numero di 730 nel file', position: 2 });
    expect(counts(a)).toEqual(before);
  });

  it('a write failing halfway leaves nothing of the file (one transaction)', () => {
    const { a } = archive();
    const parsed = read730File(ESEMPIO);
    if (!parsed.ok) throw new Error('example refused');
    // The second 730 breaks the CHECK on the codice fiscale length after the first one was written.
    const broken = [parsed.dichiarazioni[0]!, { ...parsed.dichiarazioni[1]!, cfDichiarante: 'CORTO' }];
    expect(() => storeFile730(a, 'x.txt', broken, parsed.lines, 'op')).toThrow(/CHECK constraint/);
    expect(counts(a)).toEqual({ files: 0, dich: 0, righe: 0 });
  });

  it('10,000 fuzzed files: never a crash, and nothing stored from a refused file', () => {
    const { a } = archive();
    const rng = new Prng(12);
    const alphabet = ['|', ',', '-', '0', '7', 'A', '\n', '#', 'C', 'D', 'P', '9'];
    let refused = 0;
    for (let i = 0; i < 10_000; i++) {
      const chars = [...ESEMPIO];
      for (let k = rng.int(1, 3); k > 0; k--) {
        const at = rng.int(0, chars.length - 1);
        if (rng.chance(0.5)) chars.splice(at, 1);
        else chars[at] = rng.pick(alphabet);
      }
      const before = counts(a);
      try {
        a.import730File(`f${i}.txt`, chars.join(''), 'op');
        expect(counts(a).files).toBe(before.files + 1);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('IMP-10');
        expect(counts(a)).toEqual(before);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(5_000);
    expect((a.db.pragma('integrity_check') as { integrity_check: string }[])[0]?.integrity_check).toBe('ok');
  });
});

describe('the cross-check in the archive: save, Rendi completa, Controllo Dichiarazioni RED', () => {
  it('a RED that contradicts the 730 held on the desk is Errata and cannot be made complete; after the import it can', () => {
    const { a } = archive();
    const d = new Decl();
    expect(d.subject('titolare').codiceFiscale).toBe(A);
    const { id } = a.create({ campaign: 'RED2009', matricola: d.m.matricola, codiceFiscale: A, document: d.doc, operator: 'op' });
    // No 730 yet: nothing blocks (Incompleta until «Rendi completa»).
    let v = a.getForEdit(id).version;
    expect(a.saveDocument(id, v, d.doc, 'op').status).toBe('INCOMPLETA');
    a.import730File('730.txt', ESEMPIO, 'op');
    v = a.getForEdit(id).version;
    const saved = a.saveDocument(id, v, d.doc, 'op');
    expect(saved.status).toBe('ERRATA');
    expect(() => a.makeComplete(id, saved.version, 'op')).toThrow(/errori/i);
    const check = a.checkBatch(0, 100, 'op');
    expect(check.withErrors[0]?.blocking).toBe(4); // B2, A1, A3 omitted; B1 450 instead of 600
    expect(check.withErrors.map((w) => w.firstMessage)).toEqual([
      // IMP-05 first (codes in order): B2 = 120,00 + 850,50 − 600,00 = 370,50 → 371 (730/3 of the example).
      'Anagrafica e redditi: Valore diverso da reddito 730 – Titolare – redditi 2008, rigo B2 (Altri Immobili (terreni e fabbricati)): nel RED 0 €, nel 730/2009 371 €.',
    ]);
    // "Importazione 730" with the 730s the archive gives for the subjects, then save and Rendi completa.
    const r = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: a.current730For([A]), rows: rowsFor('05') });
    if (!r.ok) throw new Error(r.message);
    const ok = a.saveDocument(id, saved.version, r.doc, 'op');
    expect(ok.status).toBe('INCOMPLETA');
    expect(a.makeComplete(id, ok.version, 'op').status).toBe('COMPLETA');
    expect(CF.titolare).toBe(A);
  });
});
