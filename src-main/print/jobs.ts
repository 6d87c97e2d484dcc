/**
 * The print jobs themselves (composition, PDF, exports), run by the print worker (worker.ts) so that a job of
 * hundreds of declarations never blocks Electron's main thread; also callable in-process (tests, bench).
 * Files are written as "<name>.part" and renamed at the end: a cancelled or failed job leaves nothing behind.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { composeDeclaration, composeModel, printFacts, type PrintDeclaration } from '#shared/print/compose';
import { layoutOf } from '#shared/print/models';
import type { ModelId } from '#shared/print/types';
import { AppError, ERROR_CODES } from '#shared/errors';
import { openCsv, openXlsx, type SheetWriter } from './export-writer';
import { PdfWriter } from './pdf-writer';
import type { BatchResult, ModelsJobOptions, ToPrintWorker } from './protocol';

const MAIN_MODELS: readonly ModelId[] = ['RED1', 'RED2', 'RED3', 'RED4', 'RED5', 'RED7'];

interface ModelsJob {
  kind: 'models';
  writer: PdfWriter;
  options: ModelsJobOptions;
  base: Extract<ToPrintWorker, { kind: 'models-start' }>['base'];
}
interface ExportJob {
  kind: 'export';
  file: string;
  writer: SheetWriter;
}

/** Atomic write: the final name appears only when the whole file is on disk. */
export function writeAtomically(file: string, bytes: Uint8Array): void {
  const part = `${file}.part`;
  try {
    writeFileSync(part, bytes, { mode: 0o600 });
    renameSync(part, file);
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
}

export class PrintJobs {
  private readonly jobs = new Map<string, ModelsJob | ExportJob>();

  async handle(m: ToPrintWorker): Promise<unknown> {
    switch (m.kind) {
      case 'models-start': {
        const writer = await PdfWriter.create(m.title);
        this.jobs.set(m.job, { kind: 'models', writer, options: m.options, base: m.base });
        return null;
      }
      case 'models-batch':
        return this.modelsBatch(this.modelsJob(m.job), m.decls);
      case 'models-end': {
        const job = this.modelsJob(m.job);
        this.jobs.delete(m.job);
        if (job.writer.pageCount === 0) return { pages: 0 };
        writeAtomically(m.file, await job.writer.save());
        return { pages: job.writer.pageCount };
      }
      case 'docs': {
        const writer = await PdfWriter.create(m.title);
        for (const d of m.docs) writer.addDoc(d);
        if (m.labels) writer.addLabelSheets(m.labels);
        writeAtomically(m.file, await writer.save());
        return { pages: writer.pageCount };
      }
      case 'export-start': {
        const part = `${m.file}.part`;
        const writer = m.format === 'csv' ? openCsv(part, m.columns) : openXlsx(part, m.sheet, m.columns);
        this.jobs.set(m.job, { kind: 'export', file: m.file, writer });
        return null;
      }
      case 'export-rows': {
        const job = this.exportJob(m.job);
        await job.writer.addRows(m.rows);
        return { rows: job.writer.rows };
      }
      case 'export-end': {
        const job = this.exportJob(m.job);
        this.jobs.delete(m.job);
        await job.writer.close();
        renameSync(`${job.file}.part`, job.file);
        return { rows: job.writer.rows };
      }
      case 'abort': {
        const job = this.jobs.get(m.job);
        this.jobs.delete(m.job);
        if (job?.kind === 'export') {
          await job.writer.abort();
          rmSync(`${job.file}.part`, { force: true });
        }
        return null;
      }
    }
  }

  private modelsJob(id: string): ModelsJob {
    const j = this.jobs.get(id);
    if (j?.kind !== 'models') throw new AppError({ code: ERROR_CODES.INTERNAL, message: `Lavoro di stampa ${id} sconosciuto.` });
    return j;
  }
  private exportJob(id: string): ExportJob {
    const j = this.jobs.get(id);
    if (j?.kind !== 'export') throw new AppError({ code: ERROR_CODES.INTERNAL, message: `Esportazione ${id} sconosciuta.` });
    return j;
  }

  private modelsBatch(job: ModelsJob, decls: readonly PrintDeclaration[]): BatchResult[] {
    const out: BatchResult[] = [];
    const o = job.options;
    for (const d of decls) {
      try {
        const docs = o.fixed
          ? [composeModel(o.fixed, d, printFacts(d), job.base, null, o.watermark)]
          : composeDeclaration(d, job.base, { elencoDocumenti: o.elencoDocumenti, watermark: o.watermark }).docs;
        const chosen = docs.filter((x) => (o.modelli === 'TUTTI' ? true : o.modelli === 'PRINCIPALE' ? MAIN_MODELS.includes(x.model) : !MAIN_MODELS.includes(x.model)));
        let pages = 0;
        for (let c = 0; c < o.copies; c++) for (const doc of chosen) pages += job.writer.addDoc(doc);
        const codes = [...new Set(chosen.map((x) => layoutOf(x.model).code))];
        out.push({ id: d.id, ok: true, models: codes, pages });
      } catch (e) {
        out.push({ id: d.id, ok: false, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return out;
  }
}
