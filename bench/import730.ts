/**
 * 730s (issue 12, "Measure"):
 *  - reading a 730 file of 50,000 730s (read730File: every field checked, all or nothing): seconds and 730s per
 *    second, beside only splitting the same file into lines and fields (the baseline, same run). Targets:
 *    ≥ 20,000 730s/s and ≤ 3× the baseline;
 *  - the cross-check (IMP-05…08, DIC-09) adds ≤ 0.5 ms to the p95 of "validate one declaration after an edit":
 *    the same documents validated with and without the subject's 730.
 */
import { cfCheckChar } from '#shared/codice-fiscale/codice-fiscale';
import { read730File } from '#shared/import730/file';
import type { Dichiarazione730 } from '#shared/import730/model';
import { parseMatricola } from '#shared/matricola/codec';
import { validate } from '#shared/rules/engine';
import { newDocumentFor } from '#shared/rules/new-document';
import { RED2009_CAMPAIGN } from '#shared/campaigns/red2009/campaign';
import { Prng } from '#shared/util/prng';
import { syntheticDeclarations } from './lib/synthetic';
import { percentile } from './lib/stats';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const COUNT = Number(process.env.BENCH_730 ?? 50_000);
const LETTERS = 'BCDFGLMNPRSTVZ';

/** A distinct, valid codice fiscale for each i. */
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

const amount = (rng: Prng, max: number) => `${rng.int(0, max)},${String(rng.int(0, 99)).padStart(2, '0')}`;

/** A file of `count` 730s (a third of them congiunti), each with 730/3 rows and quadro C / D lines. */
export function synthetic730File(count: number, seed = 730): string {
  const rng = new Prng(seed);
  const out: string[] = ['RED730|1'];
  for (let i = 0; i < count; i++) {
    const cf = cfOf(i * 2);
    const coniuge = i % 3 === 0 ? cfOf(i * 2 + 1) : '';
    out.push(`730|730/2009|${cf}|${coniuge}|${i % 10 === 0 ? 'IN_LAVORAZIONE' : 'TRASM_CGN'}|2009-05-${String(1 + (i % 28)).padStart(2, '0')}`);
    out.push(`P|${cf}|1|${amount(rng, 500)}`, `P|${cf}|3|${amount(rng, 2000)}`, `P|${cf}|7|${amount(rng, 800)}`);
    out.push(`C|${cf}|I|C1|1||${amount(rng, 30000)}|NR|N`, `C|${cf}|I|C2|2|1|${amount(rng, 20000)}|A1|N`);
    if (i % 4 === 0) out.push(`D|${cf}|D5|2|${amount(rng, 3000)}|A3`);
    if (coniuge) out.push(`C|${coniuge}|I|C1|1||${amount(rng, 9000)}|H|S`);
  }
  out.push(`FINE|${count}`, '');
  return out.join('\n');
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

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const text = synthetic730File(COUNT);
  ctx.log(`730 file: ${COUNT} 730s, ${(text.length / 1024 / 1024).toFixed(1)} MB`);
  let fields = 0;
  const split = best(3, () => {
    fields = 0;
    for (const line of text.split('\n')) fields += line.split('|').length;
  });
  let read = 0;
  const ours = best(3, () => {
    const r = read730File(text);
    if (!r.ok) throw new Error(r.error.message);
    read = r.dichiarazioni.length;
  });
  if (read !== COUNT || fields === 0) throw new Error(`730 file bench: read ${read} of ${COUNT}`);
  rows.push(row(`read a 730 file of ${COUNT.toLocaleString('en-US')} 730s (raw = split into lines and fields)`, ours / 1000, 's', split / 1000, { maxRatio: 3 }));
  rows.push(row('read a 730 file: 730s per second (raw = split only)', COUNT / (ours / 1000), '730/s', COUNT / (split / 1000), { minValue: 20_000 }));

  // The cross-check's cost on "validate one declaration after an edit".
  const { declarations } = syntheticDeclarations(1_000, 11);
  const cases = declarations.flatMap((d) => {
    const m = parseMatricola(d.matricola);
    if (!m.ok) return [];
    const doc = newDocumentFor(m.value);
    for (const s of doc.soggetti) for (const y of s.anni) {
      y.modo = 'AUTOCERTIFICATO';
      y.doc = '730';
      y.righi.B1 = { importo: 600, documenti: [] };
      y.righi.A1 = { importo: 3100, documenti: [] };
    }
    const cf = m.value.values.codiceFiscale;
    const d730: Dichiarazione730 = {
      modello: '730/2009',
      cfDichiarante: cf,
      cfConiuge: null,
      stato: 'TRASM_CGN',
      dataStato: '2009-05-20',
      righe: [
        { record: 'P', cf, rigo: 3, importo: 60000 },
        { record: 'P', cf, rigo: 7, importo: 60000 },
        { record: 'C', cf, sezione: 'I', rigo: 'C1', tipologia: '1', col2: null, importo: 1420000, campoRed: 'NR', estero: false },
        { record: 'C', cf, sezione: 'I', rigo: 'C2', tipologia: '2', col2: '1', importo: 310000, campoRed: 'A1', estero: false },
      ],
    };
    return [{ m: m.value, doc, dati730: [d730] }];
  });
  const time = (with730: boolean) =>
    cases.flatMap((c) => {
      const out: number[] = [];
      for (let k = 0; k < 10; k++) {
        const t = performance.now();
        validate({ doc: c.doc, matricola: c.m, campaign: RED2009_CAMPAIGN, today: '2009-06-15', ...(with730 ? { dati730: c.dati730 } : {}) });
        out.push(performance.now() - t);
      }
      return out;
    });
  time(true); // warm-up
  const without = percentile(time(false), 95);
  const withCheck = percentile(time(true), 95);
  rows.push(row('validate one declaration with its 730 p95 (raw = the same without 730)', withCheck, 'ms', without));
  rows.push(row('the cross-check adds to the p95 of validate one declaration', Math.max(0, withCheck - without), 'ms', null, { maxValue: 0.5 }));
  return rows;
}

export const import730Bench: BenchModule = { name: 'import730', run };
