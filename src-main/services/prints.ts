/**
 * The print and export services (issue 10): "Stampa modelli" (p. 105), "Stampe varie" (p. 107), the printed
 * Utilità (p. 66, 73). The archive worker reads, the print worker composes and writes; this thread only moves
 * batches between them, emits the progress and honours "Annulla" between batches.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiOutput } from '#shared/api/contract';
import { AppError, ERROR_CODES } from '#shared/errors';
import { EXPORT_LABELS, VARIE_LABELS, type ListFilter, type PrintedFile } from '#shared/print/api';
import { composeDuplicato, composeElencoDocumenti, printFacts, type HeaderBase } from '#shared/print/compose';
import { mainModel } from '#shared/print/select';
import { printFileName, residenceLine } from '#shared/print/names';
import type { ModelId, PrintDoc } from '#shared/print/types';
import { STATUS_INFO } from '#shared/status/statuses';
import type { ListCursor, PrintSource } from '../archive/prints';
import { EXPORT_COLUMNS } from '../archive/prints-export';
import { notSentMessage, OPR_08, SENT_STATUSES } from '../archive/prints';
import type { PrintClient } from '../print/client';
import type { BatchResult, ModelsJobOptions } from '../print/protocol';
import type { HandlerRegistry } from './registry';
import type { ServiceContext } from './context';

export const CAF_NAME = 'CAF CGN';
export const PROVA_WATERMARK = 'PROVA – NON VALIDO';
const FETCH = 200;
const BATCH = 20;
const EXPORT_BATCH = 2_000;

export interface PrintContext extends ServiceContext {
  prints: PrintClient;
  /** Electron: opens a file or folder with the system (shell.openPath); absent in the browser host. */
  openPath?: (path: string) => Promise<string>;
}

export function stampeDir(dataDir: string): string {
  const dir = join(dataDir, 'stampe');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** A name not used yet in stampe/ (two prints in the same second get "_2", "_3" …). */
function freeName(dir: string, name: string): string {
  if (!existsSync(join(dir, name))) return name;
  const dot = name.lastIndexOf('.');
  for (let i = 2; ; i++) {
    const n = `${name.slice(0, dot)}_${i}${name.slice(dot)}`;
    if (!existsSync(join(dir, n))) return n;
  }
}

export function registerPrintServices(r: HandlerRegistry, ctx: PrintContext): HandlerRegistry {
  const { archive, prints } = ctx;
  const now = ctx.clock ?? (() => new Date());
  const cancelled = new Set<string>();
  const running = new Set<string>();
  const progress = (jobId: string, done: number, total: number, phase: string) => ctx.emit('print.progress', { jobId, done, total, phase });

  const headerBase = async (): Promise<HeaderBase> => {
    const s = await ctx.sync.settings();
    return { caf: CAF_NAME, sportello: s.deskId || 'non configurato', operatore: ctx.operator, stampatoIl: now().toISOString() };
  };
  const target = (name: string) => {
    const dir = stampeDir(ctx.dataDir);
    const n = freeName(dir, name);
    return { name: n, path: join(dir, n) };
  };
  const begin = (jobId: string) => {
    if (running.has(jobId)) throw new AppError({ code: ERROR_CODES.INPUT, message: 'Lavoro di stampa già in corso.' });
    running.add(jobId);
    cancelled.delete(jobId);
  };
  const end = (jobId: string) => {
    running.delete(jobId);
    cancelled.delete(jobId);
  };

  /** Ids → print batches → one PDF. `check` refuses a declaration before anything is written. */
  async function runModels(
    jobId: string,
    ids: readonly number[],
    options: ModelsJobOptions,
    title: string,
    fileName: (first: PrintSource | undefined, count: number, base: HeaderBase) => string,
    check: (d: PrintSource) => 'print' | 'skip',
  ): Promise<{ file: PrintedFile | null; results: BatchResult[]; sources: Map<number, PrintSource>; skipped: number; cancelled: boolean }> {
    const base = await headerBase();
    await prints.call({ kind: 'models-start', job: jobId, title, base, options });
    const results: BatchResult[] = [];
    const sources = new Map<number, PrintSource>();
    let skipped = 0;
    let first: PrintSource | undefined;
    let printedCount = 0;
    progress(jobId, 0, ids.length, 'Composizione dei modelli');
    try {
      for (let i = 0; i < ids.length; i += FETCH) {
        const chunk = await archive.call('printData', ids.slice(i, i + FETCH));
        const todo: PrintSource[] = [];
        for (const d of chunk) {
          if (check(d) === 'skip') skipped++;
          else todo.push(d);
        }
        for (let j = 0; j < todo.length; j += BATCH) {
          if (cancelled.has(jobId)) {
            await prints.call({ kind: 'abort', job: jobId });
            return { file: null, results: [], sources, skipped, cancelled: true };
          }
          const batch = todo.slice(j, j + BATCH);
          for (const d of batch) sources.set(d.id, d);
          first ??= batch[0];
          const res = await prints.call<BatchResult[]>({
            kind: 'models-batch',
            job: jobId,
            decls: batch.map(({ status: _s, printedAt: _p, ...d }) => d),
          });
          results.push(...res);
          printedCount += batch.length;
          progress(jobId, Math.min(ids.length, i + j + batch.length), ids.length, 'Composizione dei modelli');
        }
      }
      if (cancelled.has(jobId)) {
        await prints.call({ kind: 'abort', job: jobId });
        return { file: null, results: [], sources, skipped, cancelled: true };
      }
      const okCount = results.filter((x) => x.ok).length;
      if (okCount === 0) {
        await prints.call({ kind: 'abort', job: jobId });
        return { file: null, results, sources, skipped, cancelled: false };
      }
      progress(jobId, ids.length, ids.length, 'Scrittura del file');
      const t = target(fileName(okCount === 1 ? sources.get(results.find((x) => x.ok)?.id ?? 0) : first, printedCount, base));
      const saved = await prints.call<{ pages: number }>({ kind: 'models-end', job: jobId, file: t.path });
      return { file: { ...t, pages: saved.pages, rows: null }, results, sources, skipped, cancelled: false };
    } catch (e) {
      await prints.call({ kind: 'abort', job: jobId }).catch(() => undefined);
      throw e;
    }
  }

  const singleName = (d: PrintSource | undefined, count: number, base: HeaderBase, prefix: string | null): string => {
    if (d && count === 1) {
      const model = prefix ?? mainModelOf(d);
      return printFileName(model, d.document.anagrafica.codiceFiscale || d.codiceFiscale, base.stampatoIl);
    }
    return printFileName(`${prefix ?? 'Modelli_RED'}_${count}_dichiarazioni`, null, base.stampatoIl);
  };

  async function allIds(filter: ListFilter): Promise<number[]> {
    const out: number[] = [];
    let cursor: ListCursor | null = null;
    do {
      const r: { ids: number[]; next: ListCursor | null } = await archive.call('listIds', filter, cursor, 5_000);
      out.push(...r.ids);
      cursor = r.next;
    } while (cursor && out.length < 20_000);
    return out.slice(0, 20_000);
  }

  async function singleDoc(name: string, title: string, docs: PrintDoc[]): Promise<PrintedFile> {
    const t = target(name);
    const r = await prints.call<{ pages: number }>({ kind: 'docs', job: `doc-${Date.now()}`, file: t.path, title, docs, labels: null });
    return { ...t, pages: r.pages, rows: null };
  }

  return r
    .add('prints.list', async ({ tab }) => archive.call('printList', tab))
    .add('prints.models', async (input) => {
      begin(input.jobId);
      try {
        const out = await runModels(
          input.jobId,
          input.ids,
          { modelli: input.modelli, elencoDocumenti: input.elencoDocumenti, copies: input.copie, watermark: null },
          'Stampa modelli RED',
          (d, n, base) => singleName(d, n, base, null),
          (d) => {
            if (!SENT_STATUSES.includes(d.status)) throw new AppError({ code: OPR_08, message: notSentMessage(d.progressivo, STATUS_INFO[d.status].label) });
            return d.printedAt !== null && !input.ristampa ? 'skip' : 'print';
          },
        );
        const failed = out.results.filter((x): x is Extract<BatchResult, { ok: false }> => !x.ok).map((x) => ({ id: x.id, progressivo: out.sources.get(x.id)?.progressivo ?? 0, message: x.message }));
        const ok = out.results.filter((x): x is Extract<BatchResult, { ok: true }> => x.ok);
        if (out.file && ok.length > 0) {
          await archive.call('recordPrints', ok.map((x) => ({ id: x.id, models: x.models.join(', '), copies: input.copie })), ctx.operator);
          ctx.emit('archive.changed', { ids: ok.map((x) => x.id) });
        }
        return { file: out.file, printed: ok.length, skipped: out.skipped, failed, cancelled: out.cancelled } satisfies ApiOutput<'prints.models'>;
      } finally {
        end(input.jobId);
      }
    })
    .add('prints.cancel', async ({ jobId }) => {
      const was = running.has(jobId);
      if (was) cancelled.add(jobId);
      return { cancelled: was };
    })
    .add('prints.export', async ({ jobId, kind, format, filter }) => {
      begin(jobId);
      const base = await headerBase();
      const label = EXPORT_LABELS[kind];
      const t = target(printFileName(label.replace(' ', '_'), null, base.stampatoIl, format));
      try {
        await prints.call({ kind: 'export-start', job: jobId, file: t.path, format, sheet: label.slice(3), columns: EXPORT_COLUMNS[kind] });
        let cursor: ListCursor | null = null;
        let declarations = 0;
        let rows = 0;
        do {
          if (cancelled.has(jobId)) {
            await prints.call({ kind: 'abort', job: jobId });
            return { file: null, cancelled: true };
          }
          const b: { rows: (string | number | null)[][]; next: ListCursor | null; declarations: number } = await archive.call('exportBatch', kind, filter, cursor, EXPORT_BATCH);
          declarations += b.declarations;
          if (b.rows.length) rows = (await prints.call<{ rows: number }>({ kind: 'export-rows', job: jobId, rows: b.rows })).rows;
          cursor = b.next;
          progress(jobId, declarations, declarations + (cursor ? EXPORT_BATCH : 0), `Scrittura di ${label}`);
        } while (cursor);
        await prints.call({ kind: 'export-end', job: jobId });
        return { file: { ...t, pages: null, rows }, cancelled: false };
      } catch (e) {
        await prints.call({ kind: 'abort', job: jobId }).catch(() => undefined);
        throw e;
      } finally {
        end(jobId);
      }
    })
    .add('prints.varie', async ({ jobId, print, ids, filter }) => {
      const label = VARIE_LABELS[print];
      begin(jobId);
      try {
        if (print === 'ETICHETTE') {
          const base = await headerBase();
          const labels: string[][] = [];
          if (ids) {
            for (let i = 0; i < ids.length; i += FETCH) {
              for (const d of await archive.call('printData', ids.slice(i, i + FETCH))) {
                const t = d.document.soggetti.find((s) => s.role === 'TITOLARE');
                labels.push([`${t?.nome ?? ''} ${t?.cognome ?? ''}`.trim(), t?.indirizzo ?? '', residenceLine(t ?? {})]);
              }
            }
          } else {
            let cursor: ListCursor | null = null;
            do {
              const b: { labels: string[][]; next: ListCursor | null } = await archive.call('labelBatch', filter, cursor, 5_000);
              labels.push(...b.labels);
              cursor = b.next;
            } while (cursor);
          }
          if (labels.length === 0) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: 'Nessuna dichiarazione corrisponde ai filtri scelti.' });
          const t = target(printFileName('09_Etichette', null, base.stampatoIl));
          const res = await prints.call<{ pages: number }>({ kind: 'docs', job: jobId, file: t.path, title: label, docs: [], labels: { title: label, stampatoIl: base.stampatoIl, labels } });
          return { file: { ...t, pages: res.pages, rows: null }, count: labels.length, failed: [], cancelled: false };
        }
        const list = ids ?? (await allIds(filter));
        if (list.length === 0) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: 'Nessuna dichiarazione corrisponde ai filtri scelti.' });
        const fixed: Record<Exclude<typeof print, 'ETICHETTE' | 'MODULI_PROVA'>, ModelId> = {
          AUTOCERT_RIGHI: 'AUTOCERT_RIGHI',
          AUTOCERT_LIBERO: 'AUTOCERT_LIBERO',
          ELENCO_ALLEGATI: 'ELENCO_ALLEGATI',
        };
        const prefix = { AUTOCERT_RIGHI: '05_Autocert_righi', AUTOCERT_LIBERO: '06_Autocert_libero', ELENCO_ALLEGATI: '07_Elenco_allegati', MODULI_PROVA: '08_Prova' }[print];
        const out = await runModels(
          jobId,
          list,
          print === 'MODULI_PROVA'
            ? { modelli: 'TUTTI', elencoDocumenti: true, copies: 1, watermark: PROVA_WATERMARK }
            : { modelli: 'TUTTI', elencoDocumenti: true, copies: 1, watermark: null, fixed: fixed[print] },
          label,
          (d, n, base) => singleName(d, n, base, prefix),
          () => 'print',
        );
        const failed = out.results.filter((x): x is Extract<BatchResult, { ok: false }> => !x.ok).map((x) => ({ id: x.id, progressivo: out.sources.get(x.id)?.progressivo ?? 0, message: x.message }));
        if (!out.file && !out.cancelled) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: failed[0]?.message ?? 'Niente da stampare.' });
        return { file: out.file, count: out.results.filter((x) => x.ok).length, failed, cancelled: out.cancelled };
      } finally {
        end(jobId);
      }
    })
    .add('prints.duplicato', async (input) => {
      const refuse = () =>
        new AppError({
          code: 'OPR-10',
          field: 'ente',
          message: 'Richiesta duplicato Stringa CAF: è possibile richiederla esclusivamente per le matricole INPS (MAT-17).',
        });
      if (input.ente !== '8') throw refuse();
      if (input.id !== null) {
        const [d] = await archive.call('printData', [input.id]);
        if (!d) throw new AppError({ code: ERROR_CODES.NOT_FOUND, message: 'Dichiarazione non trovata.' });
        if (d.matricola.charAt(16) !== '8') throw refuse();
      }
      const base = await headerBase();
      const doc = composeDuplicato({ ...input, codiceFiscale: input.codiceFiscale.toUpperCase() }, base);
      return { file: await singleDoc(printFileName('Richiesta_duplicato_Stringa_CAF', input.codiceFiscale, base.stampatoIl), 'Richiesta duplicato Stringa CAF', [doc]) };
    })
    .add('prints.elencoDocumenti', async ({ id }) => {
      const base = await headerBase();
      let d: PrintSource | null = null;
      if (id !== null) {
        [d = null] = await archive.call('printData', [id]);
        if (!d) throw new AppError({ code: ERROR_CODES.NOT_FOUND, message: 'Dichiarazione non trovata.' });
      }
      const doc = composeElencoDocumenti(d, base);
      const cf = d ? d.document.anagrafica.codiceFiscale || d.codiceFiscale : null;
      return { file: await singleDoc(printFileName(cf ? 'Elenco_documenti' : 'Elenco_documenti_generico', cf, base.stampatoIl), 'Elenco documenti necessari', [doc]) };
    })
    .add('prints.open', async ({ name }) => {
      if (!ctx.openPath) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: 'Apertura diretta disponibile solo nell’applicazione desktop: il file è stato scaricato dal browser.' });
      const file = join(stampeDir(ctx.dataDir), name);
      if (!existsSync(file)) throw new AppError({ code: ERROR_CODES.NOT_FOUND, message: `File ${name} non trovato nella cartella stampe.` });
      const err = await ctx.openPath(file);
      if (err) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: `Impossibile aprire ${name}: ${err}` });
      return { opened: true };
    })
    .add('prints.folder', async () => {
      const dir = stampeDir(ctx.dataDir);
      if (ctx.openPath) {
        const err = await ctx.openPath(dir);
        return { path: dir, opened: err === '' };
      }
      return { path: dir, opened: false };
    });
}

function mainModelOf(d: PrintSource): string {
  try {
    return mainModel(printFacts(d));
  } catch {
    return 'RED';
  }
}
