/**
 * DM20-REG option F and the lists that must survive it (issue 16), on a real archive file (schema 0016): F refuses
 * what is not forwarded or whose lists B, C, E were not printed, naming each SC7/24, and cancels nothing then; once
 * allowed it deletes the DM11 and slips in one transaction and leaves the statistics H, the DS79 rows and the monthly
 * lists' data as they were. Amounts by hand in the comments.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { DESK_MIGRATIONS } from '#main/archive/migrations';
import { Archive } from '#main/archive/archive';
import * as elaborati from '#main/modules/dm20/elaborati';
import * as errors from '#main/modules/dm20/errors';
import * as mensili from '#main/modules/dm20/mensili';
import * as riferimento from '#main/modules/dm20/riferimento';
import * as situazione from '#main/modules/dm20/situazione';
import * as store from '#main/modules/dm20/store';
import type { Dm20SlipInput } from '#shared/modules/dm20/checks';
import { filtraDs79 } from '#shared/modules/dm20/ds79';
import { refusal } from '../helpers/refusal';
import { dm20Slip } from '../helpers/dm20';

const dm20 = { ...elaborati, ...errors, ...mensili, ...riferimento, ...situazione, ...store };
const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});
function archive(): Archive {
  const { db } = openArchive(join(mkdtempSync(join(tmpdir(), 'red-dm20f-')), 'archivio-red.sqlite'));
  dbs.push(db);
  return new Archive(db, () => new Date('1992-02-20T08:00:00Z'));
}
const count = (a: Archive, t: string, where = '1') => (a.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE ${where}`).get() as { n: number }).n;
const CSV = ['AZ;5000012340;5000;15/03/1990;;;', 'PM;5000;5000'].join('\n');
const slip = dm20Slip;

/** A: 3.000.000 = 1.000.000 esatto + 600.000 FS001 + 400.000 DD003 + 1.000.000 esatto (SS003); B: booked 1.010.000, one slip
 * of 1.000.000 (RC −10.000, grande, debito); C: squared, not forwarded (500.000); D: typed, no slips. */
function seed(a: Archive) {
  dm20.importaAziende(a, 'aziende.csv', CSV);
  dm20.salvaSede(a, '5000');
  const sc = (articolo: string, numero: string, importo: string, righe: Dm20SlipInput[], dm11 = importo) => {
    const { id } = dm20.salvaSc724(a, { tipo: '6', articolo, numero, importo });
    if (righe.length) {
      const { id: d11 } = dm20.salvaDm11(a, { sc724Id: id, progressivo: '', importo: dm11 });
      dm20.salvaPagina(a, { dm11Id: d11, righe, conferma: true });
    }
    return id;
  };
  const A = sc('123', '20215', '3.000.000', [slip(), slip({ matricola: '6100012340', importo: '600.000' }), slip({ matricola: '', importo: '400.000' }), slip({ dal: '0391', al: '0291' })]);
  const B = sc('124', '20215', '1.010.000', [slip()], '1.000.000');
  dm20.salvaSc724(a, { id: B, tipo: '6', articolo: '124', numero: '20215', importo: '1.000.000' });
  const C = sc('125', '20310', '500.000', [slip({ importo: '500.000' })]);
  const D = sc('126', '20215', '700.000', []);
  for (const id of [A, B, C]) expect(dm20.quadratura(a, id).quadrato).toBe(true);
  dm20.inoltro(a, A);
  expect(dm20.inoltro(a, B).rc).toEqual({ importo: -10_000, tipo: 'grande', segno: 'debito' });
  return { A, B, C, D };
}

describe('DM20-REG F — cancellazione SC7/24 elaborati', () => {
  it('refuses what is not forwarded or not listed, naming the SC7/24; then cancels leaving H, DS79 and the monthly lists unchanged', () => {
    const a = archive();
    const { A, B, C, D } = seed(a);
    // H for 1992: A 4 slips (2 esatti, FS + DD stornati), B 1 esatto, C 1 esatto → 6 caricati, 4 esatti, 2 stornati.
    const h = dm20.situazione(a).statistiche;
    expect(h).toEqual([{ anno: 1992, caricati: 6, esatti: 4, stornati: 2 }]);
    const ds79 = dm20.ds79Righe(a);
    expect(ds79.map((r) => [r.chiave, r.stato, r.calcolato, r.differenza])).toEqual([
      ['6 000123 20215', 'inoltrato', 3_000_000, null],
      ['6 000124 20215', 'inoltrato', 1_000_000, -10_000],
      ['6 000126 20215', 'caricato', 0, null],
      ['6 000125 20310', 'acquisito', 500_000, null],
    ]);
    expect(ds79[0]).toMatchObject({ esatti: { numero: 2, importo: 2_000_000 }, fuoriSede: { numero: 1, importo: 600_000 }, documentiDiversi: { numero: 1, importo: 400_000 } });
    const mese = dm20.mensiliDati(a, 1992, 2);
    expect(mese.fs).toEqual([{ sc724: '6 000123 20215', annoConto: 1992, numero: 2, documentoDiverso: false, matricola: '6100012340', sap: '6100', importo: 600_000, dal: '0191', al: '0191', dataVersamento: '10/02/1992', codici: 'FS001' }]);
    expect(mese.dd.map((s) => [s.numero, s.importo, s.codici])).toEqual([[3, 400_000, 'DD003']]);
    expect(mese.differenze).toEqual([{ sc724: '6 000124 20215', tipoMovimento: '1', contabilizzato: 1_010_000, differenza: -10_000, tipo: 'grande' }]);
    expect(mese.inoltrati.map((x) => [x.sc724, x.importo, x.esatti.numero, x.fuoriSede.importo, x.documentiDiversi.importo])).toEqual([
      ['6 000123 20215', 3_000_000, 2, 600_000, 400_000],
      ['6 000124 20215', 1_010_000, 1, 0, 0],
    ]);

    // Not forwarded, not listed: refused, each SC7/24 named, nothing cancelled.
    const no = refusal(() => dm20.cancellaElaborati(a, [A, C, D]));
    expect(no.code).toBe(dm20.DM20_REFUSED);
    expect(no.message).toBe(
      'Cancellazione rifiutata, nessun SC7/24 cancellato:\nSC7/24 6 000123 20215: le liste B, C, E non sono state stampate.\nSC7/24 6 000125 20310: non è stato inoltrato; le liste B, C, E non sono state stampate.\nSC7/24 6 000126 20215: non è quadrato; non è stato inoltrato; le liste B, C, E non sono state stampate.',
    );
    // Lists C and E mark the forwarded SC7/24 only; list B the squared one printed.
    expect(dm20.segnaStampa(a, 'C', [A, B, C])).toBe(2);
    expect(dm20.segnaStampa(a, 'E', [A, B])).toBe(2);
    expect(dm20.segnaStampa(a, 'B', [A, D])).toBe(1);
    expect(refusal(() => dm20.cancellaElaborati(a, [A, B])).message).toBe('Cancellazione rifiutata, nessun SC7/24 cancellato:\nSC7/24 6 000124 20215: la lista B non è stata stampata.');
    expect(count(a, 'dm20_bollettini', `sc724_id = ${A}`)).toBe(4);
    // A variazione voids the list B of a squared SC7/24 not forwarded.
    dm20.segnaStampa(a, 'B', [C]);
    expect(dm20.sc724List(a, false).find((r) => r.id === C)?.listeStampate).toEqual({ B: true, C: false, E: false });
    dm20.salvaSc724(a, { id: C, tipo: '6', articolo: '125', numero: '20310', importo: '500.000', tipoMovimento: '2' });
    expect(dm20.sc724List(a, false).find((r) => r.id === C)).toMatchObject({ tipoMovimento: '2', listeStampate: { B: false, C: false, E: false } });

    expect(dm20.cancellaElaborati(a, [A, A])).toEqual({ cancellati: ['6 000123 20215'] });
    expect(count(a, 'dm20_bollettini', `sc724_id = ${A}`)).toBe(0);
    expect(count(a, 'dm20_dm11', `sc724_id = ${A}`)).toBe(0);
    expect(count(a, 'dm20_collezioni', `sc724_id = ${A} AND bollettino_id IS NULL`)).toBe(2);
    expect(dm20.situazione(a).statistiche).toEqual(h);
    expect(dm20.ds79Righe(a)).toEqual(ds79.map((r) => (r.id === A ? { ...r, cancellato: true } : r)));
    expect(dm20.mensiliDati(a, 1992, 2)).toEqual(mese);
    expect(filtraDs79(dm20.ds79Righe(a), { opzione: 'inoltrati', periodo: { kind: 'anno-conto', anno: 1992 }, chiave: '' }).map((r) => r.chiave)).toEqual(['6 000123 20215', '6 000124 20215']);
    // Gone from the management archive, refused a second time, its list B no longer printable.
    expect(dm20.sc724List(a, true).map((r) => r.id)).toEqual([B]);
    expect(dm20.situazione(a).gestione.sc724).toEqual({ n: 1, importo: 1_000_000 });
    expect(refusal(() => dm20.cancellaElaborati(a, [A])).message).toContain('SC7/24 6 000123 20215: è già stato cancellato.');
    expect(refusal(() => dm20.quadratura(a, A)).message).toContain('cancellato');
    expect(refusal(() => dm20.cancellaElaborati(a, [999])).message).toBe('SC7/24 non trovato.');
  });
});

describe('DM20-REG migration 0016', () => {
  it('fills the counts of the SC7/24 already forwarded and the copy of the slips in the collections', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'red-dm20m-')), 'archivio-red.sqlite');
    const old = openArchive(file, { migrations: DESK_MIGRATIONS.slice(0, 15) }).db;
    const t = '1992-02-20T08:00:00.000Z';
    old.prepare(`INSERT INTO dm20_sc724 (id, tipo, articolo, numero, importo_contabilizzato, importo, quadrato_at, inoltrato_at, created_at, updated_at) VALUES (1, '6', '000123', '20215', 1600000, 1600000, ?, ?, ?, ?)`).run(t, t, t, t);
    old.prepare(`INSERT INTO dm20_dm11 (id, sc724_id, progressivo, importo) VALUES (1, 1, '0001', 1600000)`).run();
    const ins = old.prepare(
      `INSERT INTO dm20_bollettini (id, sc724_id, dm11_id, numero, documento_diverso, matricola, sap, tipo_archivio, importo, inadempienza, dal, al, data_versamento, importo_lire, esito, findings, bloccante, periodo_errato, acquired_at)
       VALUES (?, 1, 1, ?, 0, ?, ?, '1', ?, '', '0191', '0191', '10/02/1992', ?, ?, ?, 0, 0, ?)`,
    );
    ins.run(1, 1, '5000012340', '5000', '1.000.000', 1_000_000, 'esatto', '[]', t);
    ins.run(2, 2, '6100012340', '6100', '600.000', 600_000, 'fuori-sede', JSON.stringify([{ code: 'FS001', field: 'matricola', message: 'x' }]), t);
    old.prepare(`INSERT INTO dm20_collezioni (sc724_id, collezione, bollettino_id, importo, created_at) VALUES (1, 'FS', 2, 600000, ?)`).run(t);
    old.close();
    const { db } = openArchive(file);
    dbs.push(db);
    expect(db.prepare('SELECT n_esatti, imp_esatti, n_fuori_sede, imp_fuori_sede, n_doc_diversi, imp_doc_diversi, tipo_movimento FROM dm20_sc724').get()).toEqual({
      n_esatti: 1,
      imp_esatti: 1_000_000,
      n_fuori_sede: 1,
      imp_fuori_sede: 600_000,
      n_doc_diversi: 0,
      imp_doc_diversi: 0,
      tipo_movimento: '1',
    });
    expect(db.prepare('SELECT collezione, bollettino_id, importo, numero, matricola, sap, dal, al, codici FROM dm20_collezioni').all()).toEqual([
      { collezione: 'FS', bollettino_id: 2, importo: 600_000, numero: 2, matricola: '6100012340', sap: '6100', dal: '0191', al: '0191', codici: 'FS001' },
    ]);
  });
});
