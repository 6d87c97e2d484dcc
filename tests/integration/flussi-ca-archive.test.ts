/**
 * Flussi incassi C.A. on a real archive file (schema 0015): the seed's example stored with its totals (by hand:
 * PIEMONTE 135,24 + 579,68 = 714,92; CALABRIA 159,37 + 260,48 = 419,85; 00072 579,68 + 159,37 = 739,05); a second
 * extraction replaces the first and the differences are right; a malformed or older list stores nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';

const ESEMPIO = readFileSync(new URL('../fixtures/flussi-ca/esempio.txt', import.meta.url), 'utf8');
const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});
function archive(): Archive {
  const { db } = openArchive(join(mkdtempSync(join(tmpdir(), 'red-ca-')), 'archivio-red.sqlite'));
  dbs.push(db);
  return new Archive(db, () => new Date('2012-07-21T08:00:00Z'));
}
const count = (a: Archive) => (a.db.prepare('SELECT (SELECT count(*) FROM ca_estrazioni) + (SELECT count(*) FROM ca_incassi) AS n').get() as { n: number }).n;
const tot = (chiave: string, incassi: number, importoCent: number) => ({ chiave, regione: null, codiceContributo: null, dataPagamento: null, incassi, importoCent });

/** The July extraction: 56789 now 600,00 (was 579,68), 24680 gone, a new payment in CALABRIA. */
const LUGLIO = ESEMPIO.replace('20/05/2012', '20/07/2012')
  .replace('579,68', '600,00')
  .replace('24680 | 00073 | 260,48 | 17/02/2012 |\r\n', '')
  .concat('13579 | 00072 | 159,37 | 16/05/2012 |\r\n');

describe('Flussi C.A. archive', () => {
  it("the seed's example: totals by region, by codice contributo, by ditta; search by codice ditta", () => {
    const a = archive();
    const r = a.caImporta('flussi_maggio.txt', ESEMPIO, 'op');
    expect(r.differenze).toBeNull();
    expect(r.estrazione).toMatchObject({ convenzione: '1470', descrizione: 'FED.ARP.', anno: 2012, dataEstrazione: '2012-05-20', righe: 4, totaleCent: 113477, precedenteId: null });
    const id = r.estrazione.id;
    expect(a.caVista(id, 'regioni')).toEqual([tot('CALABRIA', 2, 41985), tot('PIEMONTE', 2, 71492)]);
    expect(a.caVista(id, 'contributi')).toEqual([tot('00071', 1, 13524), tot('00072', 2, 73905), tot('00073', 1, 26048)]);
    expect(a.caVista(id, 'ditte')).toEqual([tot('12345', 1, 13524), tot('13579', 1, 15937), tot('24680', 1, 26048), tot('56789', 1, 57968)]);
    expect(a.caVista(id, 'righe', '13579')).toEqual([{ chiave: '13579', regione: 'CALABRIA', codiceContributo: '00072', dataPagamento: '2012-02-16', incassi: 1, importoCent: 15937 }]);
    expect(a.caVista(id, 'righe', '99999')).toEqual([]);
  });

  it('a second extraction replaces the first; the differences are right', () => {
    const a = archive();
    const first = a.caImporta('maggio.txt', ESEMPIO, 'op').estrazione;
    const r = a.caImporta('luglio.txt', LUGLIO, 'op');
    expect(r.estrazione).toMatchObject({ dataEstrazione: '2012-07-20', precedenteId: first.id, precedenteData: '2012-05-20', totaleCent: 13524 + 60000 + 15937 + 15937 });
    expect(r.differenze).toEqual({ nuovi: 1, variati: 1, tolti: 1 });
    expect(a.caDifferenze(r.estrazione.id)).toEqual([
      { tipo: 'NUOVO', regione: 'CALABRIA', codiceDitta: '13579', codiceContributo: '00072', dataPagamento: '2012-05-16', primaCent: null, dopoCent: 15937 },
      { tipo: 'VARIATO', regione: 'PIEMONTE', codiceDitta: '56789', codiceContributo: '00072', dataPagamento: '2012-02-18', primaCent: 57968, dopoCent: 60000 },
      { tipo: 'TOLTO', regione: 'CALABRIA', codiceDitta: '24680', codiceContributo: '00073', dataPagamento: '2012-02-17', primaCent: 26048, dopoCent: null },
    ]);
    // Only the newest is current.
    expect(a.caEstrazioni().map((e) => e.id)).toEqual([r.estrazione.id]);
    expect(a.caVista(r.estrazione.id, 'regioni')).toEqual([tot('CALABRIA', 2, 31874), tot('PIEMONTE', 2, 73524)]);
    // The May list again, after July: refused, nothing stored.
    const before = count(a);
    expect(() => a.caImporta('maggio.txt', ESEMPIO, 'op')).toThrow(/estrazione del 20\/05\/2012 è precedente a quella già importata del 20\/07\/2012/);
    expect(count(a)).toBe(before);
    // Another convenzione is a list of its own.
    a.caImporta('altra.txt', ESEMPIO.replace('1470', '0328'), 'op');
    expect(a.caEstrazioni().map((e) => e.convenzione)).toEqual(['0328', '1470']);
  });

  it('a malformed list is refused with its line and nothing is stored', () => {
    const a = archive();
    expect(() => a.caImporta('errato.txt', ESEMPIO.replace('260,48', '260;48'), 'op')).toThrow(
      'errato.txt: Elenco non letto: riga 7: importo incasso «260;48»: atteso un importo con la virgola e 2 decimali (es. 135,24), al massimo 16 caratteri. Nessun dato del file è stato memorizzato.',
    );
    expect(count(a)).toBe(0);
  });
});
