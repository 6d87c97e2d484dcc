/**
 * Prints benchmark (issue 10):
 *  - RED/1 with its attachments (RED/T, RED/C, autocertificazione) for 1,000 declarations: pages per second of
 *    the whole engine (composition, layout, drawing, barcode, subset font, save), beside bare pdf-lib drawing
 *    the same texts at the same places with no layout engine (the baseline). Target ≥ 200 pages/s, ≤ 2× the
 *    baseline's time.
 *  - "02 Archivio Dichiarazioni" of 100,000 declarations to .xlsx and .csv: seconds and peak RSS, each in its own
 *    process (a fresh RSS), beside a raw baseline (better-sqlite3 iterate + the same writer, no archive layer).
 *    Targets: xlsx ≤ 15 s, csv ≤ 3 s, peak RSS ≤ 300 MB.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { createWriteStream } from 'node:fs';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import ExcelJS from 'exceljs';
import { cfCheckChar } from '#shared/codice-fiscale/codice-fiscale';
import { generateMatricola, parseMatricola } from '#shared/matricola/codec';
import { newDocumentFor } from '#shared/rules/new-document';
import type { SubjectDoc } from '#shared/domain/red-document';
import { composeDeclaration, type PrintDeclaration } from '#shared/print/compose';
import type { PrintDoc } from '#shared/print/types';
import { Archive } from '#main/archive/archive';
import { openArchive } from '#main/archive/open';
import { EXPORT_COLUMNS } from '#main/archive/prints-export';
import type { ListCursor } from '#main/archive/prints';
import { csvLine, openCsv, openXlsx } from '#main/print/export-writer';
import { dejaVuFonts } from '#main/print/fonts';
import { PdfWriter } from '#main/print/pdf-writer';
import { Prng } from '#shared/util/prng';
import { syntheticDeclarations } from './lib/synthetic';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';

const PRINT_DECLARATIONS = Number(process.env.BENCH_PRINT_DECLARATIONS ?? 1_000);
const EXPORT_DECLARATIONS = Number(process.env.BENCH_DECLARATIONS ?? 100_000);
const EXPORT_BATCH = 2_000;
const BASE = { caf: 'CAF CGN', sportello: 'bench', operatore: 'bench', stampatoIl: '2009-05-04T08:15:30Z' };

// ----- RED/1 pages per second ----------------------------------------------------------------------------------

const NAMES = ['ROSSI', 'BIANCHI', 'ESPOSITO', 'ROMANO', 'COLOMBO', 'RICCI', 'MARINO', 'GRECO', 'BRUNO', 'GALLO'];

function cf(i: number): string {
  const first15 = `RSSMRA${String(20 + (i % 30)).padStart(2, '0')}A${String(1 + (i % 28)).padStart(2, '0')}H501`;
  return first15 + cfCheckChar(first15);
}

/** Autocertificato RED/1 with coniuge: RED/1 + RED/T + RED/C + AUTOCERTIFICAZIONE, amounts varied by a PRNG. */
function red1Declarations(n: number): PrintDeclaration[] {
  const rng = new Prng(105);
  const out: PrintDeclaration[] = [];
  for (let i = 0; i < n; i++) {
    const code = cf(i);
    const m = parseMatricola(
      generateMatricola({
        codiceFiscale: code,
        codiceEmissione: '8',
        anniRichiesti: '3',
        statoCivile: '2',
        rilevanzaConiuge: '1',
        numeroFigli: '0',
        codiceInvarianza: '0',
        tipoRighiDichiarante: '05',
        tipoRighiNucleo: '03',
        flagPensioniEstere: '0',
        flagLavoro2007: '0',
        flagLavoro2008: '1',
      }),
    );
    if (!m.ok) throw new Error('bench: matricola non valida');
    const doc = newDocumentFor(m.value);
    const [t, c] = doc.soggetti as [SubjectDoc, SubjectDoc];
    const fill = (s: SubjectDoc, cognome: string, nome: string) => ({
      ...s,
      codiceFiscale: s.role === 'TITOLARE' ? code : cf(i + 7),
      cognome,
      nome,
      indirizzo: `Via Roma ${i + 1}`,
      comune: 'Roma',
      anni: s.anni.map((y) => ({
        ...y,
        modo: 'AUTOCERTIFICATO' as const,
        doc: '730' as const,
        righi: { A1: { importo: rng.int(0, 30_000), documenti: [] }, B2: { importo: rng.int(0, 2_000), documenti: [] }, C1: { importo: rng.int(0, 500), documenti: [] } },
      })),
    });
    out.push({
      id: i + 1,
      progressivo: i + 1,
      tipo: 'N',
      matricola: m.value.matricola,
      codiceFiscale: code,
      dataConsegna: '2009-04-15',
      document: { ...doc, soggetti: [fill(t, NAMES[i % NAMES.length] ?? 'ROSSI', 'MARIO'), fill(c, NAMES[(i + 3) % NAMES.length] ?? 'BIANCHI', 'LUCIA')] },
    });
  }
  return out;
}

async function enginePass(decls: readonly PrintDeclaration[]): Promise<{ ms: number; pages: number; bytes: number }> {
  const t0 = performance.now();
  const w = await PdfWriter.create('bench');
  for (const d of decls) for (const doc of composeDeclaration(d, BASE, { elencoDocumenti: true }).docs) w.addDoc(doc);
  const bytes = (await w.save()).length;
  return { ms: performance.now() - t0, pages: w.pageCount, bytes };
}

/** Bare pdf-lib: the same fonts (subset), the same texts at the same places, no layout, boxes or barcode. */
async function baselinePass(pages: ReturnType<PdfWriter['textRuns']>): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const f = dejaVuFonts();
  const regular = await pdf.embedFont(f.regular, { subset: true });
  const bold = await pdf.embedFont(f.bold, { subset: true });
  const black = rgb(0, 0, 0);
  for (const texts of pages) {
    const page = pdf.addPage([595.28, 841.89]);
    for (const t of texts) page.drawText(t.text, { x: t.x, y: t.y, size: t.size, font: t.bold ? bold : regular, color: black });
  }
  const bytes = (await pdf.save({ useObjectStreams: true })).length;
  return { ms: performance.now() - t0, bytes };
}

async function pagesBench(ctx: BenchContext): Promise<BenchRow[]> {
  const decls = red1Declarations(PRINT_DECLARATIONS);
  // The baseline's input: every text the engine places, computed outside the timed pass.
  const planner = await PdfWriter.create('plan');
  const docs: PrintDoc[] = decls.flatMap((d) => composeDeclaration(d, BASE, { elencoDocumenti: true }).docs);
  const texts = docs.flatMap((d) => planner.textRuns(d));
  // Warm-up (JIT, font parsing). The engine: best of 3 over all the declarations. Bare pdf-lib is some ten
  // times slower (it shapes every string with fontkit): measured once, on the first 200 declarations' pages,
  // and compared per page.
  await enginePass(decls.slice(0, 20));
  const basePages = texts.slice(0, Math.min(texts.length, Math.round((texts.length * 200) / decls.length)));
  await baselinePass(basePages.slice(0, 40));
  let engine = { ms: Number.POSITIVE_INFINITY, pages: 0, bytes: 0 };
  for (let i = 0; i < 3; i++) {
    const e = await enginePass(decls);
    if (e.ms < engine.ms) engine = e;
  }
  const base = await baselinePass(basePages);
  if (engine.pages !== texts.length) throw new Error(`bench: ${engine.pages} pagine contro ${texts.length} della base`);
  const msPerPage = engine.ms / engine.pages;
  const baseMsPerPage = base.ms / basePages.length;
  ctx.log(`${PRINT_DECLARATIONS} dichiarazioni, ${engine.pages} pagine: motore ${engine.ms.toFixed(0)} ms (${(engine.bytes / 1e6).toFixed(1)} MB); pdf-lib nudo ${basePages.length} pagine in ${base.ms.toFixed(0)} ms`);
  return [
    row(`prints: RED/1 + allegati, ${PRINT_DECLARATIONS} dichiarazioni (pages/s)`, 1000 / msPerPage, 'pages/s', 1000 / baseMsPerPage, { minValue: 200 }),
    row('prints: RED/1 + allegati, time per page vs bare pdf-lib', msPerPage, 'ms', baseMsPerPage, { maxRatio: 2 }),
  ];
}

// ----- 02 Archivio Dichiarazioni, 100,000 declarations ---------------------------------------------------------

type ExportTask = { kind: 'ours' | 'raw'; format: 'xlsx' | 'csv'; archive: string; out: string };
type ExportResult = { seconds: number; rows: number; peakRssMb: number };

/** Runs in the child process: one export, then its time and peak RSS. */
async function runExportTask(t: ExportTask): Promise<ExportResult> {
  const cols = EXPORT_COLUMNS.DICHIARAZIONI;
  const t0 = performance.now();
  let rows = 0;
  if (t.kind === 'ours') {
    const { db } = openArchive(t.archive);
    const a = new Archive(db);
    const w = t.format === 'csv' ? openCsv(t.out, cols) : openXlsx(t.out, 'Archivio Dichiarazioni', cols);
    let cursor: ListCursor | null = null;
    do {
      const b = a.exportBatch('DICHIARAZIONI', { order: 'PROGRESSIVO' }, cursor, EXPORT_BATCH);
      await w.addRows(b.rows);
      rows += b.rows.length;
      cursor = b.next;
    } while (cursor);
    await w.close();
    db.close();
  } else {
    // Raw: one SELECT iterated by better-sqlite3, the cells written as they come.
    const db = new Database(t.archive, { readonly: true });
    const it = db
      .prepare(
        `SELECT progressivo, codice_fiscale, cognome_nome, matricola, substr(matricola, 17, 1) AS ente, tipo, status, data_consegna,
                created_at, updated_at, cgn_received_at, esito_at, printed_at
           FROM declarations WHERE deleted_at IS NULL ORDER BY progressivo`,
      )
      .raw()
      .iterate() as IterableIterator<(string | number | null)[]>;
    if (t.format === 'csv') {
      const out = createWriteStream(t.out);
      out.write(`\uFEFF${cols.map((c) => c.header).join(';')}\r\n`);
      let chunk = '';
      for (const r of it) {
        chunk += `${csvLine(r, cols)}\r\n`;
        rows++;
        if (chunk.length > 1 << 16) {
          if (!out.write(chunk)) await new Promise<void>((r2) => out.once('drain', () => r2()));
          chunk = '';
        }
      }
      await new Promise<void>((r2) => out.end(chunk, () => r2()));
    } else {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: t.out, useStyles: true, useSharedStrings: false });
      const ws = wb.addWorksheet('Archivio Dichiarazioni');
      ws.addRow(cols.map((c) => c.header)).commit();
      for (const r of it) {
        ws.addRow(r).commit();
        rows++;
      }
      ws.commit();
      await wb.commit();
    }
    db.close();
  }
  return { seconds: (performance.now() - t0) / 1000, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** The bench bundle started again as a child with BENCH_PRINT_EXPORT: runs one export and reports. */
export async function printExportChild(): Promise<boolean> {
  const raw = process.env.BENCH_PRINT_EXPORT;
  if (!raw) return false;
  const r = await runExportTask(JSON.parse(raw) as ExportTask);
  process.send?.(r);
  return true;
}

function inChild(task: ExportTask): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1] ?? '', [], { env: { ...process.env, BENCH_PRINT_EXPORT: JSON.stringify(task) }, stdio: 'inherit' });
    let result: ExportResult | null = null;
    child.on('message', (m) => (result = m as ExportResult));
    child.on('error', reject);
    child.on('exit', (code) => (result ? resolve(result) : reject(new Error(`bench export: uscita ${code}`))));
  });
}

async function exportBench(ctx: BenchContext): Promise<BenchRow[]> {
  const file = join(ctx.tmpDir, 'prints-archive.sqlite');
  const { db } = openArchive(file);
  const a = new Archive(db);
  const { declarations } = syntheticDeclarations(EXPORT_DECLARATIONS);
  for (let i = 0; i < declarations.length; i += 5_000) a.importDeclarations(declarations.slice(i, i + 5_000), 'bench');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  ctx.log(`archivio di ${EXPORT_DECLARATIONS} dichiarazioni pronto`);
  const out: BenchRow[] = [];
  for (const format of ['csv', 'xlsx'] as const) {
    const raw = await inChild({ kind: 'raw', format, archive: file, out: join(ctx.tmpDir, `raw.${format}`) });
    const ours = await inChild({ kind: 'ours', format, archive: file, out: join(ctx.tmpDir, `ours.${format}`) });
    if (ours.rows !== EXPORT_DECLARATIONS || raw.rows !== EXPORT_DECLARATIONS) throw new Error(`bench export ${format}: righe ${ours.rows}/${raw.rows}`);
    ctx.log(`${format}: ${ours.seconds.toFixed(2)} s, ${ours.peakRssMb.toFixed(0)} MB (raw ${raw.seconds.toFixed(2)} s, ${raw.peakRssMb.toFixed(0)} MB)`);
    out.push(row(`prints: 02 Archivio Dichiarazioni ${EXPORT_DECLARATIONS} → ${format}`, ours.seconds, 's', raw.seconds, { maxValue: format === 'xlsx' ? 15 : 3 }));
    out.push(row(`prints: 02 Archivio Dichiarazioni → ${format}, peak RSS`, ours.peakRssMb, 'MB', raw.peakRssMb, { maxValue: 300 }));
  }
  return out;
}

export const printsBench: BenchModule = {
  name: 'prints',
  async run(ctx) {
    return [...(await pagesBench(ctx)), ...(await exportBench(ctx))];
  },
};
