import type { EventName, EventPayload } from '#shared/api/contract';
import { AppError } from '#shared/errors';
import { parseMatricola } from '#shared/matricola/codec';
import type { ArchiveClient } from '../archive/client';
import { HandlerRegistry } from './registry';

export interface ServiceContext {
  archive: ArchiveClient;
  dataDir: string;
  operator: string;
  version: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export const CAMPAIGN = 'RED2009';

/** The API implementation, shared by the Electron IPC and the browser host. */
export function createServices(ctx: ServiceContext): HandlerRegistry {
  const { archive } = ctx;
  const changed = (ids: number[]) => ctx.emit('archive.changed', { ids });
  return new HandlerRegistry()
    .add('app.info', async () => ({
      version: ctx.version,
      campaign: CAMPAIGN,
      dataDir: ctx.dataDir,
      archiveFile: archive.file,
      operator: ctx.operator,
      schemaVersion: archive.schemaVersion,
    }))
    .add('monitor.list', async (q) => {
      const [list, counts] = await Promise.all([archive.call('monitorList', q), archive.call('monitorCounts', q)]);
      return { ...list, counts };
    })
    .add('monitor.locate', async ({ id, showRettificate }) => archive.call('monitorLocate', id, showRettificate ?? false))
    .add('declarations.detail', async ({ id }) => archive.call('detail', id))
    .add('declarations.findByCodiceFiscale', async ({ codiceFiscale }) => archive.call('findByCodiceFiscale', codiceFiscale, 50))
    .add('declarations.create', async ({ matricola, acknowledgedExisting }) => {
      const parsed = parseMatricola(matricola);
      if (!parsed.ok) {
        const first = parsed.errors[0];
        throw new AppError({
          code: first?.code ?? 'MAT-00',
          message: parsed.errors.map((e) => e.message).join('\n'),
          field: first?.field ?? 'matricola',
          details: { errors: parsed.errors },
        });
      }
      const created = await archive.call('create', {
        campaign: CAMPAIGN,
        matricola: parsed.value.matricola,
        codiceFiscale: parsed.value.values.codiceFiscale,
        anni: parsed.value.anni,
        operator: ctx.operator,
        acknowledgedExisting,
      });
      changed([created.id]);
      return created;
    })
    .add('declarations.delete', async ({ id, reason }) => {
      const r = await archive.call('remove', id, ctx.operator, reason ?? null);
      changed([id]);
      return r;
    })
    .add('declarations.history', async ({ id }) => ({ rows: await archive.call('history', id) }))
    .assertComplete();
}
