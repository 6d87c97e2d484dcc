/**
 * Altri adempimenti (issue 15), measured where an operator waits:
 *  - reading a DNA file of 5,000 records (the most one call takes), every position checked, beside only splitting
 *    the same text into lines and the 19 fields of the seed's table (the raw baseline, same run);
 *  - reading a Flussi C.A. list of 20,000 payments, beside only splitting it into lines and fields;
 *  - storing that list in a real archive (one transaction, replacing the previous extraction) and the totals by
 *    ditta over it (the view the operator opens most).
 * Targets (ours; the issue gives none): DNA ≤ 250 ms, list ≤ 500 ms, store ≤ 3 s, totals by ditta ≤ 150 ms.
 */
import { join } from 'node:path';
import { Archive } from '#main/archive/archive';
import { openArchive } from '#main/archive/open';
import { cfCheckChar } from '#shared/codice-fiscale/codice-fiscale';
import { buildDnaFile, DNA_LAYOUT, readDnaFile, type DnaRecordData } from '#shared/modules/inail-dna/record';
import { readElenco } from '#shared/modules/flussi-ca/elenco';
import { Prng } from '#shared/util/prng';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const LETTERS = 'BCDFGLMNPRSTVZ';
function cfOf(i: number): string {
  let s = '';
  let n = i;
  for (let k = 0; k < 6; k++) {
    s += LETTERS.charAt(n % LETTERS.length);
    n = Math.floor(n / LETTERS.length);
  }
  const first15 = `${s}40A01H501`;
  return first15 + cfCheckChar(first15);
}

function best(runs: number, fn: () => void): number {
  let min = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

function dnaText(count: number): string {
  const recs: DnaRecordData[] = [];
  for (let i = 0; i < count; i++) {
    const foreign = i % 10 === 0;
    recs.push({
      cfLavoratore: foreign ? '' : cfOf(i),
      posizione: String(100000000 + (i % 5000)),
      dataInizio: i % 3 === 1 ? null : `2009-0${1 + (i % 9)}-1${i % 10}`,
      dataFine: i % 3 === 0 ? null : `2009-12-2${i % 10}`,
      straniero: foreign,
      cognome: foreign ? 'DIALLO' : '',
      nome: foreign ? 'MOUSSA' : '',
      cfDatore: '12345678903',
      codiceAccesso: '4321',
    });
  }
  return buildDnaFile(recs);
}

const REGIONI = ['PIEMONTE', 'LOMBARDIA', 'VENETO', 'LAZIO', 'CAMPANIA', 'CALABRIA', 'SICILIA', 'FRIULI VENEZIA GIULIA'];
function elencoText(count: number): string {
  const rng = new Prng(15);
  const out = ['Codice convenzione 1470 Denominazione FED.ARP. Anno 2012 Estrazione 20/07/2012 |'];
  const per = Math.ceil(count / REGIONI.length);
  for (let i = 0; i < count; i++) {
    if (i % per === 0) out.push(`${REGIONI[i / per] ?? 'MOLISE'} |`);
    out.push(`${100000 + rng.int(0, 9000)} | ${rng.int(0, 4) === 0 ? 'FI508' : `0007${rng.int(1, 3)}`} | ${rng.int(10, 2000)},${String(rng.int(0, 99)).padStart(2, '0')} | ${String(rng.int(1, 28)).padStart(2, '0')}/0${rng.int(1, 6)}/2012 |`);
  }
  return `${out.join('\r\n')}\r\n`;
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dna = dnaText(5_000);
  let n = 0;
  const dnaRaw = best(5, () => {
    n = 0;
    for (const line of dna.split('\n')) for (const f of DNA_LAYOUT) n += line.slice(f.from - 1, f.to).length;
  });
  const dnaOurs = best(5, () => {
    const r = readDnaFile(dna);
    if (!r.ok || r.records.length !== 5_000) throw new Error(r.ok ? 'DNA bench: wrong count' : r.error.message);
  });
  if (n === 0) throw new Error('DNA bench: nothing split');
  rows.push(row('read a DNA file of 5,000 records (raw = split into lines and the 19 fields)', dnaOurs, 'ms', dnaRaw, { maxValue: 250 }));

  const COUNT = 20_000;
  const list = elencoText(COUNT);
  const listRaw = best(5, () => {
    n = 0;
    for (const line of list.split('\n')) n += line.split('|').length;
  });
  const listOurs = best(5, () => {
    const r = readElenco(list);
    if (!r.ok || r.rows.length !== COUNT) throw new Error(r.ok ? 'Flussi bench: wrong count' : r.message);
  });
  rows.push(row('read a Flussi C.A. list of 20,000 payments (raw = split into lines and fields)', listOurs, 'ms', listRaw, { maxValue: 500 }));

  const { db } = openArchive(join(ctx.tmpDir, 'inail-bench.sqlite'));
  try {
    const a = new Archive(db);
    a.caImporta('maggio.txt', list.replace('20/07/2012', '20/05/2012'), 'bench');
    const t = performance.now();
    const r = a.caImporta('luglio.txt', list, 'bench');
    const store = performance.now() - t;
    rows.push(row('store a list of 20,000 payments replacing the previous one (differences included)', store, 'ms', null, { maxValue: 3_000 }));
    const totals = best(5, () => a.caVista(r.estrazione.id, 'ditte'));
    rows.push(row('totals by ditta over 20,000 payments', totals, 'ms', null, { maxValue: 150 }));
    ctx.log(`list: ${(list.length / 1024).toFixed(0)} kB, ${r.estrazione.righe} payments`);
  } finally {
    db.close();
  }
  return rows;
}

export const inailBench: BenchModule = { name: 'inail', run };
