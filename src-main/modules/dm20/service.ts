/**
 * DM20-REG services (issue 16): each method of DM20_API (src-shared/modules/dm20/api.ts) runs its operation in the
 * archive worker through callDm20.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeLista, composeQuadratura, type Dm20Lista } from '#shared/modules/dm20/liste';
import type { PageHeader, PrintDoc } from '#shared/print/types';
import { printFileName } from '#shared/print/names';
import type { PrintedFile } from '#shared/print/api';
import type { PrintClient } from '../../print/client';
import type { HandlerRegistry } from '../../services/registry';
import type { ServiceContext } from '../../services/context';
import { CAF_NAME, stampeDir } from '../../services/prints';
import type { ArchiveClient } from '../../archive/client';

/** The typed call of one DM20-REG operation (over the archive worker's message channel). */
function callDm20<K extends Dm20Op>(archive: Pick<ArchiveClient, 'call'>, op: K, ...args: Dm20Args<K>): Promise<Dm20Result<K>> {
  return archive.call('dm20', op, args) as Promise<Dm20Result<K>>;
}
import type { Dm20Args, Dm20Op, Dm20Result } from './ops';

type PrintCtx = ServiceContext & { prints: PrintClient };

/** Writes the lists as one PDF in stampe/ with the print worker (the engine of "Stampe"). */
async function writeLists(ctx: PrintCtx, what: string, now: string, docs: PrintDoc<string>[], rows: number): Promise<PrintedFile> {
  const dir = stampeDir(ctx.dataDir);
  const base = printFileName(`DM20-REG_${what}`, null, now);
  let name = base;
  for (let i = 2; existsSync(join(dir, name)); i++) name = base.replace('.pdf', `_${i}.pdf`);
  const path = join(dir, name);
  const r = await ctx.prints.call<{ pages: number }>({ kind: 'docs', job: `dm20-${Date.now().toString(36)}`, file: path, title: `DM20-REG ${what.replace(/_/g, ' ')}`, docs, labels: null });
  return { name, path, pages: r.pages, rows };
}

async function header(ctx: PrintCtx): Promise<PageHeader> {
  const s = await ctx.sync.settings();
  const now = (ctx.clock ?? (() => new Date()))().toISOString();
  return { caf: CAF_NAME, sportello: s.deskId || 'non configurato', operatore: ctx.operator, progressivo: null, matricola: null, codiceFiscale: null, stampatoIl: now, barcode: null };
}

/** List C or E of the forwarded SC7/24. */
async function stampaLista(ctx: PrintCtx, lista: Dm20Lista): Promise<PrintedFile> {
  const h = await header(ctx);
  const slips = await callDm20(ctx.archive, 'listaSlips');
  return writeLists(ctx, `Lista_${lista}`, h.stampatoIl, composeLista(lista, slips, h), slips.length);
}

/** Lists A and B of one SC7/24, squared now (the quadratura is run, as option B does). */
async function stampaQuadratura(ctx: PrintCtx, sc724Id: number): Promise<PrintedFile> {
  const h = await header(ctx);
  const q = await callDm20(ctx.archive, 'quadratura', sc724Id);
  const sc = await callDm20(ctx.archive, 'sc724Key', sc724Id);
  return writeLists(ctx, `Liste_A_B_${sc.replace(/ /g, '_')}`, h.stampatoIl, composeQuadratura(sc, q, h), q.listaA.length + 1);
}

export function registerDm20Services(registry: HandlerRegistry, ctx: ServiceContext & { prints: PrintClient }): HandlerRegistry {
  const a = ctx.archive;
  return registry
    .add('dm20.stampaQuadratura', async ({ sc724Id }) => ({ file: await stampaQuadratura(ctx, sc724Id) }))
    .add('dm20.situazione', async () => callDm20(a, 'situazione'))
    .add('dm20.stampaLista', async ({ lista }) => ({ file: await stampaLista(ctx, lista) }))
    .add('dm20.impostazioni', async () => callDm20(a, 'impostazioni'))
    .add('dm20.salvaSede', async ({ sede }) => callDm20(a, 'salvaSede', sede))
    .add('dm20.aziende', async ({ filtro }) => ({ rows: await callDm20(a, 'aziende', filtro) }))
    .add('dm20.salvaAzienda', async (input) => callDm20(a, 'salvaAzienda', input))
    .add('dm20.salvaProgressivo', async ({ sede, massimo }) => callDm20(a, 'salvaProgressivo', sede, massimo))
    .add('dm20.importaAziende', async ({ fileName, text }) => callDm20(a, 'importaAziende', fileName, text))
    .add('dm20.sc724', async ({ inoltrati }) => ({ rows: await callDm20(a, 'sc724List', inoltrati) }))
    .add('dm20.salvaSc724', async (input) => callDm20(a, 'salvaSc724', input))
    .add('dm20.eliminaSc724', async ({ id }) => {
      await callDm20(a, 'eliminaSc724', id);
      return { deleted: true };
    })
    .add('dm20.dm11', async ({ sc724Id }) => ({ rows: await callDm20(a, 'dm11List', sc724Id) }))
    .add('dm20.salvaDm11', async (input) => callDm20(a, 'salvaDm11', input))
    .add('dm20.eliminaDm11', async ({ id }) => {
      await callDm20(a, 'eliminaDm11', id);
      return { deleted: true };
    })
    .add('dm20.bollettini', async ({ sc724Id }) => ({ rows: await callDm20(a, 'bollettini', sc724Id) }))
    .add('dm20.salvaPagina', async (input) => callDm20(a, 'salvaPagina', input))
    .add('dm20.eliminaBollettino', async ({ id }) => {
      await callDm20(a, 'eliminaBollettino', id);
      return { deleted: true };
    })
    .add('dm20.quadratura', async ({ sc724Id }) => callDm20(a, 'quadratura', sc724Id))
    .add('dm20.inoltro', async ({ sc724Id }) => callDm20(a, 'inoltro', sc724Id));
}
