/**
 * Altri adempimenti on a real archive: fuzzed DNA files and Flussi C.A. lists never crash the archive and a refused
 * file stores nothing (the row counts are those before the call); an accepted one stores exactly what was read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import { AppError } from '#shared/errors';
import { buildDnaRecord, readDnaFile } from '#shared/modules/inail-dna/record';
import { readElenco } from '#shared/modules/flussi-ca/elenco';
import { Prng } from '#shared/util/prng';

const ESEMPIO = readFileSync(new URL('../fixtures/flussi-ca/esempio.txt', import.meta.url), 'utf8');
const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});
function archive(): Archive {
  const { db } = openArchive(join(mkdtempSync(join(tmpdir(), 'red-inail-fuzz-')), 'archivio-red.sqlite'));
  dbs.push(db);
  return new Archive(db, () => new Date('2012-07-21T08:00:00Z'));
}
const counts = (a: Archive) => a.db.prepare('SELECT (SELECT count(*) FROM dna_datori) AS d, (SELECT count(*) FROM dna_denunce) AS n, (SELECT count(*) FROM ca_estrazioni) AS e, (SELECT count(*) FROM ca_incassi) AS i').get() as { d: number; n: number; e: number; i: number };

function mutate(rng: Prng, text: string): string {
  const alphabet = ' ?0123456789|/,.\r\nABCDEFGHIJKLMNOPQRSTUVWXYZsn\'-\u00e0\t';
  let t = text;
  for (let e = rng.int(1, 4); e > 0; e--) {
    const p = rng.int(0, t.length);
    const k = rng.int(0, 2);
    t = k === 0 ? t.slice(0, p) + t.slice(p + rng.int(1, 6)) : t.slice(0, p) + alphabet.charAt(rng.int(0, alphabet.length - 1)) + t.slice(p + (k === 1 ? 1 : 0));
  }
  return t;
}

describe('fuzzed files into the archive', () => {
  it('400 DNA files: refused ones store nothing, accepted ones store their records', () => {
    const a = archive();
    const rng = new Prng(1503);
    const rec = buildDnaRecord({ cfLavoratore: 'RSSMRA40A01H501K', posizione: '123456789', dataInizio: '2009-04-15', dataFine: null, straniero: false, cognome: '', nome: '', cfDatore: '12345678903', codiceAccesso: '4321' });
    let refused = 0;
    for (let i = 0; i < 400; i++) {
      const text = mutate(rng, `${rec}\r\n${rec}\r\n`);
      const before = counts(a);
      try {
        const r = a.dnaLeggiFile('fuzz_inail_dna.txt', text);
        const read = readDnaFile(text);
        expect(read.ok && read.records.length).toBe(r.records);
        expect(counts(a).n).toBe(before.n + r.records);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect(counts(a)).toEqual(before);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });

  it('400 Flussi C.A. lists: refused ones store nothing, accepted ones store their rows', () => {
    const a = archive();
    const rng = new Prng(1504);
    let refused = 0;
    for (let i = 0; i < 400; i++) {
      const text = mutate(rng, ESEMPIO);
      const before = counts(a);
      try {
        const r = a.caImporta('fuzz.txt', text, 'op');
        const read = readElenco(text);
        expect(read.ok && read.rows.length).toBe(r.estrazione.righe);
        expect(counts(a).e).toBe(before.e + 1);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect(counts(a)).toEqual(before);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
