/**
 * INAIL DNA on a real archive file (schema 0014): employers and notices checked before they are stored; "Crea file"
 * writes, reads back and marks; a file can be re-created; a file of another program is read whole or not at all.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import { writeDnaFile } from '#main/modules/inail-dna/service';
import { buildDnaFile, buildDnaRecord } from '#shared/modules/inail-dna/record';
import { AppError } from '#shared/errors';

const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});
function archive(): { a: Archive; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'red-dna-'));
  const { db } = openArchive(join(dir, 'archivio-red.sqlite'));
  dbs.push(db);
  return { a: new Archive(db, () => new Date('2009-06-10T08:00:00Z')), dir };
}
const count = (a: Archive, t: string) => (a.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
const notice = { cfLavoratore: 'RSSMRA40A01H501K', posizione: '123456789', dataInizio: '15/04/2009', dataFine: '', straniero: false, cognome: '', nome: '' };

describe('INAIL DNA archive', () => {
  it('refuses a wrong employer or notice naming the field; stores nothing', () => {
    const { a } = archive();
    expect(() => a.dnaSalvaDatore({ codiceFiscale: '12345678903', codiceAccesso: '', denominazione: '' })).toThrow(/Codice di accesso riservato: obbligatorio/);
    const { id } = a.dnaSalvaDatore({ codiceFiscale: '12345678903', codiceAccesso: '4321', denominazione: 'Rossi srl' });
    expect(() => a.dnaSalvaDatore({ codiceFiscale: '12345678903', codiceAccesso: '1111', denominazione: '' })).toThrow(/già nell'elenco/);
    try {
      a.dnaSalvaDenuncia({ ...notice, datoreId: id, posizione: '12' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).field).toBe('posizione');
    }
    expect(count(a, 'dna_denunce')).toBe(0);
  });

  it('Crea file: the pending notices in a file read back, marked with file and date; then re-created', () => {
    const { a, dir } = archive();
    const { id } = a.dnaSalvaDatore({ codiceFiscale: '12345678903', codiceAccesso: '4321', denominazione: 'Rossi srl' });
    a.dnaSalvaDenuncia({ ...notice, datoreId: id });
    a.dnaSalvaDenuncia({ ...notice, datoreId: id, cfLavoratore: '', straniero: true, cognome: 'Diallo', nome: 'Moussa', dataInizio: '', dataFine: '30/06/2009' });
    const pending = a.dnaDaInviare();
    expect(pending.ids).toHaveLength(2);
    const file = writeDnaFile(dir, '20090610-100000', pending.records);
    expect(file.name).toBe('20090610-100000_inail_dna.txt');
    const text = readFileSync(file.path, 'latin1');
    expect(text.split('\r\n')).toEqual([
      `RSSMRA40A01H501K1234567892009?04?15    ?  ?  ??12345678903     4321${' '.repeat(20)}n${' '.repeat(80)}`,
      `${' '.repeat(16)}123456789    ?  ?  2009?06?30??12345678903     4321${' '.repeat(20)}sDIALLO${' '.repeat(34)}MOUSSA${' '.repeat(34)}`,
      '',
    ]);
    a.dnaSegnaFile(file.name, pending.ids, 'op');
    const rows = a.dnaDenunce(id);
    expect(rows.map((r) => [r.fileName, r.fileDate])).toEqual([
      [file.name, '2009-06-10T08:00:00.000Z'],
      [file.name, '2009-06-10T08:00:00.000Z'],
    ]);
    expect(a.dnaDaInviare().ids).toEqual([]);
    expect(() => a.dnaEliminaDenuncia(rows[0]!.id)).toThrow(/già nel file/);
    const [f] = a.dnaFiles();
    const again = writeDnaFile(dir, '20090610-100000', a.dnaFileRecords(f!.id).records);
    expect(again.name).toBe('20090610-100000_2_inail_dna.txt');
    expect(readFileSync(again.path, 'latin1')).toBe(text);
  });

  it('reads another program\'s file into the list, all or nothing', () => {
    const { a } = archive();
    const good = buildDnaRecord({ cfLavoratore: 'RSSMRA40A01H501K', posizione: '123456789', dataInizio: '2009-04-15', dataFine: null, straniero: false, cognome: '', nome: '', cfDatore: '12345678903', codiceAccesso: '4321' });
    const bad = good.slice(0, 63) + '43A1' + good.slice(67);
    expect(() => a.dnaLeggiFile('altro_inail_dna.txt', `${good}\r\n${good}\r\n${bad}\r\n`)).toThrow(
      /^altro_inail_dna\.txt: File DNA non letto: riga 3, posizione 64: .*Nessuna denuncia del file è stata memorizzata\.$/,
    );
    expect(count(a, 'dna_denunce') + count(a, 'dna_datori')).toBe(0);
    expect(a.dnaLeggiFile('altro_inail_dna.txt', buildDnaFile([]) + `${good}\r\n`)).toEqual({ records: 1, datoriNuovi: 1 });
    const [d] = a.dnaDatori();
    expect(d).toMatchObject({ codiceFiscale: '12345678903', codiceAccesso: '4321', denunce: 1, daInviare: 1 });
    expect(a.dnaDenunce(d!.id)[0]).toMatchObject({ lettaDa: 'altro_inail_dna.txt', dataInizio: '2009-04-15', fileName: null });
    // Same employer, another access code: refused at position 64.
    const other = good.slice(0, 63) + '9999' + good.slice(67);
    expect(() => a.dnaLeggiFile('x_inail_dna.txt', other)).toThrow(/riga 1, posizione 64: il codice di accesso riservato «9999» non è quello registrato/);
    expect(count(a, 'dna_denunce')).toBe(1);
  });
});
