/**
 * Utilità → "Importa file 730" (issue 12): the file arrives in pieces (the browser host takes at most 1 MB per
 * call); the last piece hands the whole text to the archive worker, which reads it and stores it in one
 * transaction or refuses it. Pieces of an upload never finished are dropped after a while.
 */
import { randomUUID } from 'node:crypto';
import { AppError, ERROR_CODES } from '#shared/errors';
import { MAX_FILE_730_CHARS } from '#shared/import730/api';
import type { HandlerRegistry } from './registry';
import type { ServiceContext } from './context';

const UPLOAD_TTL_MS = 10 * 60_000;

interface Upload {
  fileName: string;
  parts: string[];
  size: number;
  touched: number;
}

export function registerFiles730Services(registry: HandlerRegistry, ctx: ServiceContext): HandlerRegistry {
  const uploads = new Map<string, Upload>();
  const now = () => (ctx.clock ?? (() => new Date()))().getTime();
  const sweep = () => {
    const t = now();
    for (const [id, u] of uploads) if (t - u.touched > UPLOAD_TTL_MS) uploads.delete(id);
  };
  return registry
    .add('files730.upload', async ({ uploadId, fileName, chunk, last }) => {
      sweep();
      let id = uploadId;
      let u = id === undefined ? undefined : uploads.get(id);
      if (id !== undefined && !u) throw new AppError({ code: ERROR_CODES.INPUT, message: 'Caricamento del file 730 scaduto o sconosciuto: scegliere di nuovo il file.' });
      if (!u) {
        id = randomUUID();
        u = { fileName, parts: [], size: 0, touched: now() };
        uploads.set(id, u);
      }
      u.parts.push(chunk);
      u.size += chunk.length;
      u.touched = now();
      if (u.size > MAX_FILE_730_CHARS) {
        uploads.delete(id as string);
        throw new AppError({ code: 'IMP-10', message: `${u.fileName}: file troppo grande (oltre ${MAX_FILE_730_CHARS / 1024 / 1024} MB): nessun 730 memorizzato.` });
      }
      if (!last) return { uploadId: id as string, received: u.size, result: null };
      uploads.delete(id as string);
      const result = await ctx.archive.call('import730File', u.fileName, u.parts.join(''), ctx.operator);
      return { uploadId: id as string, received: u.size, result };
    })
    .add('files730.list', async (q) => ctx.archive.call('list730', q))
    .add('files730.forSubjects', async ({ codiciFiscali }) => ({ rows: await ctx.archive.call('current730For', codiciFiscali) }));
}
