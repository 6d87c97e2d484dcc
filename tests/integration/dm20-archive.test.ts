/**
 * DM20-REG on a real archive file (schema 0015, issue 16): the firms' CSV read whole or refused with line and
 * column; an SC7/24 with a DM11 and a page of slips; DD003 stored only on the second Invio; inoltro refused with a
 * blocking error or unsquared; after a correction and the quadratura the inoltro builds DD and FS and the SC7/24
 * leaves the acquisition archive; a variazione leaves a "grande" difference in RC. Amounts by hand in the comments.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import * as errors from '#main/modules/dm20/errors';
import * as riferimento from '#main/modules/dm20/riferimento';
import * as situazione from '#main/modules/dm20/situazione';
import * as store from '#main/modules/dm20/store';

const dm20 = { ...errors, ...riferimento, ...situazione, ...store };
import { refusal } from '../helpers/refusal';
import { dm20Slip } from '../helpers/dm20';

const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});
function archive(): Archive {
  const dir = mkdtempSync(join(tmpdir(), 'red-dm20-'));
  const { db } = openArchive(join(dir, 'archivio-red.sqlite'));
  dbs.push(db);
  return new Archive(db, () => new Date('1992-02-20T08:00:00Z'));
}
const count = (a: Archive, t: string, where = '1') => (a.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE ${where}`).get() as { n: number }).n;

const CSV = [
  'tipo;matricola;sede;costituzione;tipo cessazione;data cessazione;sospensione',
  'AZ;5000012340;5000;15/03/1990;;;',
  'AZ;5000023450;5000;01/01/1980;1;30/06/1991;',
  'AZ;"5000045670";5000;01/01/1980;9;31/01/1991;',
  'PM;5000;5000',
].join('\r\n');

const slip = dm20Slip;

describe('DM20-REG archive', () => {
  it('reads the firms CSV whole, or refuses it with line and column and stores nothing', () => {
    const a = archive();
    const bad = refusal(() => dm20.importaAziende(a, 'aziende.csv', `${CSV}\nAZ;5000099990;5000;31/02/1990;;;`));
    expect(bad.code).toBe(dm20.DM20_FILE_REFUSED);
    expect(bad.message).toContain('aziende.csv: Riga 6, colonna 4: Data di costituzione: data inesistente «31/02/1990»');
    expect(count(a, 'dm20_aziende')).toBe(0);
    expect(refusal(() => dm20.importaAziende(a, 'x.csv', 'XX;1')).message).toContain('Riga 1, colonna 1: tipo riga «XX» non riconosciuto');
    expect(dm20.importaAziende(a, 'aziende.csv', CSV)).toEqual({ aziende: 3, progressivi: 1 });
    expect(dm20.aziende(a, '500004')).toEqual([{ matricola: '5000045670', sede: '5000', costituzione: '1980-01-01', tipoCessazione: '9', dataCessazione: '1991-01-31', sospensione: null }]);
    // Edited on screen; a wrong field is named.
    expect(refusal(() => dm20.salvaAzienda(a, { matricola: '5000012340', sede: '50', costituzione: '', tipoCessazione: '', dataCessazione: '', sospensione: '' })).field).toBe('sede');
    dm20.salvaAzienda(a, { matricola: '5000012340', sede: '5000', costituzione: '15/03/1990', tipoCessazione: '', dataCessazione: '', sospensione: '10/09/1991' });
    expect(dm20.aziende(a, '5000012340')[0]?.sospensione).toBe('1991-09-10');
    expect(dm20.impostazioni(a)).toEqual({ sede: null, aziende: 3, progressivi: [{ sede: '5000', massimo: 5000 }] });
  });

  it('acquires a page, confirms DD003 on the second Invio, refuses the inoltro while blocking, forwards after correction and quadratura', () => {
    const a = archive();
    dm20.importaAziende(a, 'aziende.csv', CSV);
    expect(refusal(() => dm20.salvaSc724(a, { tipo: '6', articolo: '123', numero: '20101', importo: '3.000.000' })).field).toBe('numero');
    const { id: sc } = dm20.salvaSc724(a, { tipo: '6', articolo: '123', numero: '20215', importo: '3.000.000' });
    const { id: d11 } = dm20.salvaDm11(a, { sc724Id: sc, progressivo: '', importo: '3.000.000' });
    expect(dm20.dm11List(a, sc)).toEqual([{ id: d11, sc724Id: sc, progressivo: '0001', importo: 3_000_000 }]);
    const righe = [
      slip(), // esatto 1.000.000
      slip({ matricola: '6100012340', importo: '600.000' }), // FS001
      slip({ matricola: '', importo: '400.000' }), // DD003
      slip({ dal: '0391', al: '0291', importo: '500.000' }), // SS003, list E
      slip({ tipoArchivio: '3', importo: '500.000' }), // BL002 blocking
      slip({ matricola: '', sap: '5000', tipoArchivio: '', importo: '', inadempienza: '', dal: '', al: '' }), // empty row: ignored
    ];
    // No sede yet: refused.
    expect(refusal(() => dm20.salvaPagina(a, { dm11Id: d11, righe, conferma: false })).message).toContain('codice della Sede');
    dm20.salvaSede(a, '5000');
    const first = dm20.salvaPagina(a, { dm11Id: d11, righe, conferma: false });
    expect(first).toMatchObject({ stored: false, fuoriSede: 1, documentiDiversi: 1 });
    expect(first.righe.map((r) => r.findings.map((f) => f.code))).toEqual([[], ['FS001'], ['DD003'], ['SS003'], ['BL002']]);
    expect(count(a, 'dm20_bollettini')).toBe(0);
    const second = dm20.salvaPagina(a, { dm11Id: d11, righe, conferma: true });
    expect(second.stored).toBe(true);
    expect(second.righe.map((r) => r.numero)).toEqual([1, 2, 3, 4, 5]);
    expect(second.righe[1]?.sap).toBe('6100');
    // Inoltro refused: a blocking error and no quadratura.
    const no = refusal(() => dm20.inoltro(a, sc));
    expect(no.code).toBe(dm20.DM20_REFUSED);
    expect(no.message).toContain('1 bollettini con errori bloccanti da correggere');
    // Variazione of the blocking slip (its numero kept), then quadratura: 1.000.000 + 600.000 + 400.000 + 500.000 + 500.000 = 3.000.000.
    const bl = dm20.bollettini(a, sc).find((b) => b.numero === 5)!;
    expect(bl.findings.map((f) => f.field)).toEqual(['tipoArchivio']);
    const fixed = dm20.salvaPagina(a, { dm11Id: d11, righe: [{ ...slip({ tipoArchivio: '2', importo: '500.000' }), id: bl.id }], conferma: false });
    expect(fixed.righe[0]).toMatchObject({ numero: 5, findings: [] });
    expect(refusal(() => dm20.inoltro(a, sc)).message).toContain('eseguire la quadratura');
    const q = dm20.quadratura(a, sc);
    expect(q).toEqual({ listaA: [{ dm11Id: d11, progressivo: '0001', importoDm11: 3_000_000, totaleDm20: 3_000_000, bollettini: 5, differenza: 0 }], listaB: { importoSc724: 3_000_000, totaleDm11: 3_000_000, differenza: 0 }, quadrato: true });
    expect(dm20.inoltro(a, sc)).toEqual({
      dd: 1,
      fs: 1,
      rc: null,
      esatti: { numero: 3, importo: 2_000_000 },
      fuoriSede: { numero: 1, importo: 600_000 },
      documentiDiversi: { numero: 1, importo: 400_000 },
    });
    expect(dm20.sc724List(a, false)).toEqual([]);
    expect(dm20.sc724List(a, true).map((r) => r.stato)).toEqual(['inoltrato']);
    expect(count(a, 'dm20_collezioni', "collezione = 'DD' AND importo = 400000")).toBe(1);
    expect(count(a, 'dm20_collezioni', "collezione = 'FS' AND importo = 600000")).toBe(1);
    // E and H: nothing left in acquisition; 1992 (data articolo 920215): 5 loaded, 3 esatti, 2 stornati.
    const sit = dm20.situazione(a);
    expect(sit.acquisizione.sc724).toEqual({ n: 0, importo: 0 });
    expect(sit.gestione).toEqual({ sc724: { n: 1, importo: 3_000_000 }, bollettini: { n: 5, importo: 3_000_000 } });
    expect(sit.collezioni).toEqual({ DD: { n: 1, importo: 400_000 }, FS: { n: 1, importo: 600_000 }, RC: { n: 0, importo: 0 } });
    expect(sit.statistiche).toEqual([{ anno: 1992, caricati: 5, esatti: 3, stornati: 2 }]);
    // A forwarded SC7/24 can no longer be changed.
    expect(refusal(() => dm20.salvaSc724(a, { id: sc, tipo: '6', articolo: '123', numero: '20215', importo: '1' })).message).toContain('già stato inoltrato');
    expect(refusal(() => dm20.eliminaBollettino(a, bl.id)).message).toContain('già stato inoltrato');
  });

  it('a real difference: variazione to the slips total, squared, forwarded with a "grande" debit in RC; the archive facade dispatches', () => {
    const a = archive();
    dm20.importaAziende(a, 'aziende.csv', CSV);
    dm20.salvaSede(a, '5000');
    // Booked 1.010.000; the one slip is 1.000.000.
    const { id: sc } = a.dm20('salvaSc724', [{ tipo: '6', articolo: '7', numero: '20215', importo: '1.010.000' }]) as { id: number };
    const { id: d11 } = dm20.salvaDm11(a, { sc724Id: sc, progressivo: '1', importo: '1.010.000' });
    dm20.salvaPagina(a, { dm11Id: d11, righe: [slip()], conferma: false });
    const q = dm20.quadratura(a, sc);
    expect(q.quadrato).toBe(false);
    expect(q.listaA[0]?.differenza).toBe(-10_000);
    expect(refusal(() => dm20.inoltro(a, sc)).message).toContain('non quadrato');
    dm20.salvaSc724(a, { id: sc, tipo: '6', articolo: '7', numero: '20215', importo: '1.000.000' });
    dm20.salvaDm11(a, { id: d11, sc724Id: sc, progressivo: '1', importo: '1.000.000' });
    expect(dm20.quadratura(a, sc).quadrato).toBe(true);
    // 1.000.000 − 1.010.000 = −10.000: above 5.000, a debit of INPS to refund.
    expect(dm20.inoltro(a, sc).rc).toEqual({ importo: -10_000, tipo: 'grande', segno: 'debito' });
    expect(dm20.sc724List(a, true)[0]).toMatchObject({ importoContabilizzato: 1_010_000, importo: 1_000_000 });
  });
});
