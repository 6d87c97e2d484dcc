/**
 * INAIL DNA services (issue 15 points 1–3): the archive worker stores and checks; here "Crea file" writes the
 * records into stampe/, reads the written file back and compares it with what was meant before the notices are
 * marked and the file is offered. A file that does not read back is deleted and nothing is marked.
 */
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '#shared/errors';
import { buildDnaFile, dnaFileName, readDnaFile, type DnaRecordData } from '#shared/modules/inail-dna/record';
import { fileStamp } from '#shared/util/italian-time';
import type { PrintedFile } from '#shared/print/api';
import type { HandlerRegistry } from '../../services/registry';
import type { ServiceContext } from '../../services/context';
import { stampeDir } from '../../services/prints';
import { DNA_REFUSED } from './store';

/** A name ending with "inail_dna.txt" not used yet in stampe/ ("…_2_inail_dna.txt" for a second one in a second). */
function freeDnaName(dir: string, stamp: string): string {
  let name = dnaFileName(stamp);
  for (let i = 2; existsSync(join(dir, name)); i++) name = dnaFileName(`${stamp}_${i}`);
  return name;
}

/** Writes the file, reads it back and checks it is exactly what was meant; the file is removed if not. */
export function writeDnaFile(dir: string, stamp: string, records: readonly DnaRecordData[]): PrintedFile {
  const name = freeDnaName(dir, stamp);
  const path = join(dir, name);
  const text = buildDnaFile(records);
  writeFileSync(path, text, { encoding: 'latin1', mode: 0o600, flag: 'wx' });
  const back = readFileSync(path, 'latin1');
  const read = readDnaFile(back);
  const same = back === text && read.ok && read.records.length === records.length && read.records.every((r, i) => JSON.stringify(r) === JSON.stringify(records[i]));
  if (!same) {
    unlinkSync(path);
    throw new AppError({ code: DNA_REFUSED, message: `Il file ${name} riletto non corrisponde alle denunce${read.ok ? '' : ` (${read.error.message})`}: il file è stato eliminato e nessuna denuncia è stata segnata.` });
  }
  return { name, path, pages: null, rows: records.length };
}

export function registerDnaServices(registry: HandlerRegistry, ctx: ServiceContext): HandlerRegistry {
  const { archive } = ctx;
  const now = ctx.clock ?? (() => new Date());
  return registry
    .add('dna.datori', async () => ({ rows: await archive.call('dnaDatori') }))
    .add('dna.salvaDatore', async (input) => archive.call('dnaSalvaDatore', input))
    .add('dna.denunce', async ({ datoreId }) => ({ rows: await archive.call('dnaDenunce', datoreId) }))
    .add('dna.salvaDenuncia', async (input) => archive.call('dnaSalvaDenuncia', input))
    .add('dna.eliminaDenuncia', async ({ id }) => {
      await archive.call('dnaEliminaDenuncia', id);
      return { deleted: true };
    })
    .add('dna.files', async () => ({ rows: await archive.call('dnaFiles') }))
    .add('dna.creaFile', async () => {
      const pending = await archive.call('dnaDaInviare');
      if (pending.ids.length === 0) throw new AppError({ code: DNA_REFUSED, message: 'Nessuna denuncia da inviare: tutte le denunce sono già in un file.' });
      const file = writeDnaFile(stampeDir(ctx.dataDir), fileStamp(now().toISOString()), pending.records);
      try {
        await archive.call('dnaSegnaFile', file.name, pending.ids, ctx.operator);
      } catch (e) {
        unlinkSync(file.path);
        throw e;
      }
      return { file, records: pending.ids.length };
    })
    .add('dna.ricreaFile', async ({ fileId }) => {
      const made = await archive.call('dnaFileRecords', fileId);
      if (made.records.length === 0) throw new AppError({ code: DNA_REFUSED, message: `Il file ${made.fileName} non ha denunce da ricreare.` });
      const file = writeDnaFile(stampeDir(ctx.dataDir), fileStamp(now().toISOString()), made.records);
      await archive.call('dnaSegnaRicreato', fileId, file.name);
      return { file, records: made.records.length };
    })
    .add('dna.leggiFile', async ({ fileName, text }) => archive.call('dnaLeggiFile', fileName, text));
}
