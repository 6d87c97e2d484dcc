/**
 * Servizi → the exchange between desks and to the CAF (issue 13 point 1), the main-thread side: the file is
 * written and read here (zip, scrypt, AES-256-GCM: src-shared/exchange/container.ts over node:crypto and fflate),
 * the declarations are read and restored by the archive worker (src-main/archive/exchange.ts).
 *
 * Key: a passphrase the two desks agree on (at least 10 characters), stretched with scrypt (salt in the file's
 * manifest). The CAF copy is encrypted the same way with the CAF's passphrase, which the CAF server is configured
 * with (RED_DESK_SERVER_EXCHANGE_PASSPHRASE): one scheme, no key store on the desks.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { AppError, ERROR_CODES } from '#shared/errors';
import { openExchangeFile, writeExchangeFile } from '#shared/exchange/container';
import { MAX_EXCHANGE_FILE_BYTES } from '#shared/exchange/api';
import { EXCHANGE_ERRORS, type Manifest } from '#shared/exchange/format';
import { fileStamp } from '#shared/util/italian-time';
import { NODE_EXCHANGE } from '../exchange/primitives';
import { backupWriteError } from '../archive/backup';
import type { HandlerRegistry } from './registry';
import type { ServiceContext } from './context';

const TTL_MS = 15 * 60_000;
/** The file names the desk writes (and the browser host lets download from scambio/). */
export const EXCHANGE_FILE_NAME = /^RED\d{4}_(centro|caf)_[A-Za-z0-9._-]{1,64}_\d{8}-\d{6}(-\d{1,3})?\.zip$/;

interface Upload {
  fileName: string;
  parts: Buffer[];
  size: number;
  touched: number;
  /** The manifest of the file read by "exchange.plan" (its declarations wait in the archive worker). */
  manifest: Manifest | null;
}

export function exchangeDir(dataDir: string): string {
  return join(dataDir, 'scambio');
}

export function registerExchangeServices(registry: HandlerRegistry, ctx: ServiceContext, campaign: string): HandlerRegistry {
  const uploads = new Map<string, Upload>();
  const now = () => (ctx.clock ?? (() => new Date()))();
  const sweep = () => {
    const t = now().getTime();
    for (const [id, u] of uploads) if (t - u.touched > TTL_MS) uploads.delete(id);
  };
  const deskId = async (): Promise<string> => {
    const id = (await ctx.sync.settings()).deskId;
    if (!id) {
      throw new AppError({
        code: EXCHANGE_ERRORS.DESK,
        message: 'Codice sportello non impostato: indicarlo in Impostazioni trasmissione prima di copiare o ripristinare archivi (identifica la provenienza delle dichiarazioni).',
      });
    }
    return id;
  };
  return registry
    .add('exchange.copy', async ({ kind, selection, passphrase, folder }) => {
      const desk = await deskId();
      const dir = folder.trim() === '' ? exchangeDir(ctx.dataDir) : folder.trim();
      if (!isAbsolute(dir)) throw new AppError({ code: ERROR_CODES.INPUT, field: 'folder', message: `Cartella di destinazione non valida: indicare un percorso completo (es. ${exchangeDir(ctx.dataDir)}).` });
      const { declarations, excluded } = await ctx.archive.call('exchangeExport', selection, kind, desk);
      if (declarations.length === 0) throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: 'Nessuna dichiarazione da copiare con la scelta fatta: nessun file scritto.' });
      const at = now();
      const { bytes, manifest } = await writeExchangeFile(NODE_EXCHANGE, { dichiarazioni: declarations }, {
        kind,
        campaign: campaign,
        desk,
        passphrase,
        now: at,
      });
      // Two copies in the same second get "-2", "-3"…: an earlier file is never replaced.
      const stem = `${campaign}_${kind === 'CAF' ? 'caf' : 'centro'}_${desk}_${fileStamp(at.toISOString())}`;
      let fileName = `${stem}.zip`;
      for (let n = 2; existsSync(join(dir, fileName)) && n < 1000; n++) fileName = `${stem}-${n}.zip`;
      const file = join(dir, fileName);
      const partial = `${file}.partial`;
      // Written under a temporary name and renamed: a copy cut short (full stick, pulled out) never looks whole.
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(partial, bytes, { mode: 0o600 });
        renameSync(partial, file);
      } catch (e) {
        rmSync(partial, { force: true });
        throw backupWriteError(e, dir, 'la copia');
      }
      await ctx.archive.call('exchangeWritten', { fileId: manifest.fileId, kind, desk, created: manifest.creato, operator: ctx.operator, fileName, declarations: declarations.length });
      const inScambio = dir === exchangeDir(ctx.dataDir);
      return { file, fileName, size: statSync(file).size, declarations: declarations.length, excluded, downloadPath: inScambio ? `/scambio/${encodeURIComponent(fileName)}` : null };
    })
    .add('exchange.chooseFolder', async () => {
      if (!ctx.chooseFolder) {
        throw new AppError({ code: ERROR_CODES.OPERATION_REFUSED, message: 'Scelta della cartella disponibile solo nell’applicazione desktop: scrivere il percorso della cartella.' });
      }
      return { folder: await ctx.chooseFolder('Cartella di destinazione della copia') };
    })
    .add('exchange.upload', async ({ uploadId, fileName, chunk, last }) => {
      sweep();
      let id = uploadId;
      let u = id === undefined ? undefined : uploads.get(id);
      if (id !== undefined && !u) throw new AppError({ code: ERROR_CODES.INPUT, message: 'Lettura del file scaduta o sconosciuta: scegliere di nuovo il file.' });
      if (!u) {
        id = randomUUID();
        u = { fileName, parts: [], size: 0, touched: now().getTime(), manifest: null };
        uploads.set(id, u);
      }
      const b = Buffer.from(chunk, 'base64');
      u.parts.push(b);
      u.size += b.length;
      u.touched = now().getTime();
      if (u.size > MAX_EXCHANGE_FILE_BYTES) {
        uploads.delete(id as string);
        throw new AppError({ code: ERROR_CODES.INPUT, message: `${u.fileName}: file troppo grande (oltre ${MAX_EXCHANGE_FILE_BYTES / 1024 / 1024} MB). Nessuna dichiarazione è stata modificata nell'archivio.` });
      }
      void last;
      return { uploadId: id as string, received: u.size };
    })
    .add('exchange.plan', async ({ uploadId, passphrase }) => {
      sweep();
      const u = uploads.get(uploadId);
      if (!u) throw new AppError({ code: ERROR_CODES.INPUT, message: 'Lettura del file scaduta o sconosciuta: scegliere di nuovo il file.' });
      const desk = await deskId();
      u.touched = now().getTime();
      const opened = await openExchangeFile(NODE_EXCHANGE, Buffer.concat(u.parts), passphrase, { campaign: campaign, kinds: ['CENTRO'], fileName: u.fileName });
      u.parts = [];
      const plan = await ctx.archive.call('exchangePlan', opened, { fileId: opened.manifest.fileId, desk: opened.manifest.sportello, created: opened.manifest.creato, fileName: u.fileName }, desk);
      u.manifest = opened.manifest;
      return { token: uploadId, fileName: u.fileName, ...plan };
    })
    .add('exchange.restore', async ({ token, scelte }) => {
      const u = uploads.get(token);
      if (!u?.manifest) throw new AppError({ code: ERROR_CODES.INPUT, message: 'Lettura del file scaduta o sconosciuta: scegliere di nuovo il file.' });
      const desk = await deskId();
      const { manifest } = u;
      const r = await ctx.archive.call(
        'exchangeRestore',
        null,
        { fileId: manifest.fileId, desk: manifest.sportello, created: manifest.creato, fileName: u.fileName, kind: manifest.tipo },
        scelte,
        desk,
        ctx.operator,
      );
      uploads.delete(token);
      if (r.aggiunte > 0) ctx.emit('archive.changed', { ids: [] });
      return r;
    });
}
