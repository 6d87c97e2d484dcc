/**
 * DM20-REG services (issue 16): each method of DM20_API (src-shared/modules/dm20/api.ts) runs its operation in the
 * archive worker through callDm20.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeDs79, filtraDs79, type Ds79Richiesta } from '#shared/modules/dm20/ds79';
import { composeLista, composeQuadratura, type Dm20Lista } from '#shared/modules/dm20/liste';
import { composeMensile, type Dm20Mensile } from '#shared/modules/dm20/mensili';
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

/** List C or E of the forwarded SC7/24; once the PDF is written, those SC7/24 have it printed (F needs it). */
async function stampaLista(ctx: PrintCtx, lista: Dm20Lista): Promise<PrintedFile> {
  const h = await header(ctx);
  const { sc724Ids, slips } = await callDm20(ctx.archive, 'datiListe');
  const file = await writeLists(ctx, `Lista_${lista}`, h.stampatoIl, composeLista(lista, slips, h), slips.length);
  await callDm20(ctx.archive, 'segnaStampa', lista, sc724Ids);
  return file;
}

/** A monthly list of the SC7/24 forwarded in anno/mese. */
async function stampaMensile(ctx: PrintCtx, lista: Dm20Mensile, anno: number, mese: number): Promise<PrintedFile> {
  const h = await header(ctx);
  const d = await callDm20(ctx.archive, 'mensiliDati', anno, mese);
  const rows = { FS: d.fs.length, DD: d.dd.length, GD: d.differenze.filter((x) => x.tipo === 'grande').length, PD: d.differenze.filter((x) => x.tipo === 'piccola').length, I2: d.inoltrati.length }[lista];
  return writeLists(ctx, `Mensile_${lista}_${anno}_${String(mese).padStart(2, '0')}`, h.stampatoIl, composeMensile(lista, d, h), rows);
}

async function ds79(ctx: PrintCtx, q: Ds79Richiesta) {
  return filtraDs79(await callDm20(ctx.archive, 'ds79Righe'), q);
}

async function stampaDs79(ctx: PrintCtx, q: Ds79Richiesta): Promise<PrintedFile> {
  const h = await header(ctx);
  const rows = await ds79(ctx, q);
  return writeLists(ctx, `DS79_${q.opzione}`, h.stampatoIl, [composeDs79(rows, q, h)], rows.length);
}

/** Lists A and B of one SC7/24, squared now (the quadratura is run, as option B does). */
async function stampaQuadratura(ctx: PrintCtx, sc724Id: number): Promise<PrintedFile> {
  const h = await header(ctx);
  const q = await callDm20(ctx.archive, 'quadratura', sc724Id);
  const sc = await callDm20(ctx.archive, 'sc724Key', sc724Id);
  const file = await writeLists(ctx, `Liste_A_B_${sc.replace(/ /g, '_')}`, h.stampatoIl, composeQuadratura(sc, q, h), q.listaA.length + 1);
  if (q.quadrato) await callDm20(ctx.archive, 'segnaStampa', 'B', [sc724Id]);
  return file;
}

export function registerDm20Services(registry: HandlerRegistry, ctx: ServiceContext & { prints: PrintClient }): HandlerRegistry {
  const a = ctx.archive;
  return registry
    .add('dm20.stampaQuadratura', async ({ sc724Id }) => ({ file: await stampaQuadratura(ctx, sc724Id) }))
    .add('dm20.situazione', async () => callDm20(a, 'situazione'))
    .add('dm20.cancellaElaborati', async ({ sc724Ids }) => callDm20(a, 'cancellaElaborati', sc724Ids))
    .add('dm20.stampaMensile', async ({ lista, anno, mese }) => ({ file: await stampaMensile(ctx, lista, anno, mese) }))
    .add('dm20.ds79', async (q) => ({ rows: await ds79(ctx, q) }))
    .add('dm20.stampaDs79', async (q) => ({ file: await stampaDs79(ctx, q) }))
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
