/**
 * Flussi incassi C.A. services (issue 15 points 4–6): the archive worker reads and stores; the exports are written
 * by the print worker with the same .xlsx/.csv writers as "Stampe varie" (src-main/print/export-writer.ts), into
 * stampe/.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CaRiga, CaVista } from '#shared/modules/flussi-ca/api';
import { printFileName } from '#shared/print/names';
import type { ExportColumn, Cell } from '../../archive/prints-export';
import type { PrintClient } from '../../print/client';
import type { HandlerRegistry } from '../../services/registry';
import type { ServiceContext } from '../../services/context';
import { stampeDir } from '../../services/prints';

const IMPORTO: ExportColumn = { header: 'Importo incasso', width: 16 };
const COLUMNS: Readonly<Record<CaVista, readonly ExportColumn[]>> = {
  regioni: [{ header: 'Regione', width: 24 }, { header: 'Incassi', width: 9, type: 'int' }, IMPORTO],
  contributi: [{ header: 'Codice contributo', width: 18 }, { header: 'Incassi', width: 9, type: 'int' }, IMPORTO],
  ditte: [{ header: 'Codice ditta', width: 14 }, { header: 'Incassi', width: 9, type: 'int' }, IMPORTO],
  righe: [
    { header: 'Regione', width: 24 },
    { header: 'Codice ditta', width: 14 },
    { header: 'Codice contributo', width: 18 },
    IMPORTO,
    { header: 'Data pagamento', width: 14, type: 'date' },
  ],
};
const TITLES: Readonly<Record<CaVista, string>> = { regioni: 'Totali per regione', contributi: 'Totali per codice contributo', ditte: 'Totali per ditta', righe: 'Incassi' };

/** Amounts in euro with their cents (a number: Excel sums it; the CSV writes it with the decimal comma). */
const euro = (cents: number) => cents / 100;
function cells(v: CaVista, r: CaRiga): Cell[] {
  return v === 'righe' ? [r.regione, r.chiave, r.codiceContributo, euro(r.importoCent), r.dataPagamento] : [r.chiave, r.incassi, euro(r.importoCent)];
}

export function registerFlussiCaServices(registry: HandlerRegistry, ctx: ServiceContext & { prints: PrintClient }): HandlerRegistry {
  const { archive, prints } = ctx;
  const now = ctx.clock ?? (() => new Date());
  return registry
    .add('ca.estrazioni', async () => ({ rows: await archive.call('caEstrazioni') }))
    .add('ca.importa', async ({ fileName, text }) => archive.call('caImporta', fileName, text, ctx.operator))
    .add('ca.differenze', async ({ estrazioneId }) => ({ rows: await archive.call('caDifferenze', estrazioneId) }))
    .add('ca.vista', async ({ estrazioneId, vista, ditta }) => ({ rows: await archive.call('caVista', estrazioneId, vista, ditta) }))
    .add('ca.esporta', async ({ estrazioneId, vista, ditta, format }) => {
      const rows = await archive.call('caVista', estrazioneId, vista, ditta);
      const dir = stampeDir(ctx.dataDir);
      const base = printFileName(`Flussi_CA_${TITLES[vista].replace(/ /g, '_')}`, null, now().toISOString(), format);
      let name = base;
      for (let i = 2; existsSync(join(dir, name)); i++) name = base.replace(`.${format}`, `_${i}.${format}`);
      const path = join(dir, name);
      const job = `ca-${Date.now().toString(36)}`;
      try {
        await prints.call({ kind: 'export-start', job, file: path, format, sheet: TITLES[vista], columns: COLUMNS[vista] });
        if (rows.length) await prints.call({ kind: 'export-rows', job, rows: rows.map((r) => cells(vista, r)) });
        const end = await prints.call<{ rows: number }>({ kind: 'export-end', job });
        return { file: { name, path, pages: null, rows: end.rows } };
      } catch (e) {
        await prints.call({ kind: 'abort', job }).catch(() => undefined);
        throw e;
      }
    });
}
