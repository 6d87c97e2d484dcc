import { setTimeout as delay } from 'node:timers/promises';
import { AppError, ERROR_CODES } from '#shared/errors';
import { isoToIt, parseData } from '#shared/util/italian-input';
import { romeToday } from '#shared/util/italian-time';
import { parseMatricola } from '#shared/matricola/codec';
import { newDocumentFor } from '#shared/rules/new-document';
import type { CheckedDeclaration } from '../archive/archive';
import type { ArchiveResult } from '../archive/protocol';
import { HandlerRegistry } from './registry';
import type { ServiceContext } from './context';
import { RED2009_TRANSMISSION } from '#shared/campaigns/red2009/transmission';
import { MAX_TRANSMISSION_ITEMS } from '#shared/server-api/contract';
import { deadlineRefusal, sentChangeRefusal } from '#shared/status/machine';
import { PrintClient } from '../print/client';
import { registerPrintServices } from './prints';
import { registerFiles730Services } from './files730';
import { registerExchangeServices } from './exchange';
import { MIN_PASSPHRASE } from './archive-key';
import { registerSbloccoServices } from './sblocco';
import { registerDnaServices } from '../modules/inail-dna/service';
import { registerFlussiCaServices } from '../modules/flussi-ca/service';
import { registerDm20Services } from '../modules/dm20/service';
import { BackupService } from './backup';

export type { ServiceContext } from './context';

export const CAMPAIGN = 'RED2009';
// One transaction (and one fsync) per batch: large enough to amortise the commit, short enough to keep the
// archive responsive while the check runs.
const CHECK_BATCH = 5_000;
/** How long an Invio waits for the sync to ask for its first body before freezing the next part. */
const SYNC_START_MS = 100;
/** Files in the largest part of an Invio of all the complete (each part one transaction; the parts go 1, 2, 4, 4…). */
const INVIO_PART_MAX_FILES = 4;

/** The API implementation, shared by the Electron IPC and the browser host. */
export function createServices(ctx: ServiceContext): HandlerRegistry {
  const { archive } = ctx;
  const changed = (ids: number[]) => ctx.emit('archive.changed', { ids });
  const now = ctx.clock ?? (() => new Date());
  const { sync } = ctx;
  const registry = new HandlerRegistry()
    .add('app.info', async () => ({
      version: ctx.version,
      campaign: CAMPAIGN,
      dataDir: ctx.dataDir,
      archiveFile: archive.file,
      operator: ctx.operator,
      schemaVersion: archive.schemaVersion,
      scegliCartella: ctx.chooseFolder !== undefined,
    }))
    .add('monitor.list', async (q) => {
      const [list, counts] = await Promise.all([archive.call('monitorList', q), archive.call('monitorCounts', q)]);
      return { ...list, counts: counts.tabs, completeCount: counts.completa };
    })
    .add('monitor.locate', async ({ id, showRettificate }) => archive.call('monitorLocate', id, showRettificate ?? false))
    .add('declarations.detail', async ({ id }) => archive.call('detail', id))
    .add('declarations.findByCodiceFiscale', async ({ codiceFiscale }) => archive.call('findByCodiceFiscale', codiceFiscale, 50))
    .add('declarations.create', async ({ matricola, acknowledgedExisting, dataConsegna }) => {
      checkConsegna(dataConsegna ?? null);
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
        document: newDocumentFor(parsed.value),
        operator: ctx.operator,
        acknowledgedExisting,
        dataConsegna: dataConsegna ?? null,
      });
      changed([created.id]);
      return created;
    })
    .add('declarations.delete', async ({ id, reason }) => {
      const r = await archive.call('remove', id, ctx.operator, reason ?? null);
      changed([id]);
      return r;
    })
    .add('declarations.get', async ({ id }) => archive.call('getForEdit', id))
    .add('declarations.setConsegna', async ({ id, dataConsegna }) => {
      checkConsegna(dataConsegna);
      await archive.call('setDataConsegna', id, dataConsegna);
      changed([id]);
      return { id, dataConsegna };
    })
    .add('declarations.save', async ({ id, version, document, invalidInputs }) => {
      const r = await archive.call('saveDocument', id, version, document, ctx.operator, invalidInputs?.length ?? 0);
      changed([id]);
      return r;
    })
    .add('declarations.complete', async ({ id, version }) => {
      const r = await archive.call('makeComplete', id, version, ctx.operator);
      changed([id]);
      return r;
    })
    .add('utility.check', async ({ ids }) => {
      const total = await archive.call('checkCount', ids);
      let afterId = 0;
      let checked = 0;
      let changedCount = 0;
      const withErrors: CheckedDeclaration[] = [];
      let withErrorsTotal = 0;
      ctx.emit('check.progress', { checked: 0, total });
      // Batches keep each transaction short and let the monitor stay responsive while the check runs.
      for (;;) {
        const r = await archive.call('checkBatch', afterId, CHECK_BATCH, ctx.operator, ids);
        checked += r.checked;
        changedCount += r.changed;
        withErrorsTotal += r.withErrors.length;
        for (const w of r.withErrors) if (withErrors.length < 5_000) withErrors.push(w);
        afterId = r.lastId;
        ctx.emit('check.progress', { checked, total });
        if (r.done) break;
      }
      if (changedCount > 0) changed([]);
      return { total, checked, changed: changedCount, withErrorsTotal, withErrors: withErrors.sort((a, b) => a.progressivo - b.progressivo) };
    })
    .add('capture.settings', async () => ctx.capture.settings())
    .add('capture.saveSettings', async (settings) => ctx.capture.saveSettings(settings))
    .add('capture.devices', async () => ctx.capture.devices())
    .add('capture.state', async () => ctx.capture.state())
    .add('declarations.history', async ({ id }) => ({ rows: await archive.call('history', id) }))
    .add('transmission.send', async ({ ids, allComplete }) => {
      const refusal = deadlineRefusal(await sync.deadline(), now());
      if (refusal) throw new AppError({ code: 'OPR-11', message: refusal });
      if (!allComplete) {
        const r = await archive.call('enqueueInvio', { ids: ids ?? [] }, ctx.operator, RED2009_TRANSMISSION, now().toISOString());
        if (r.queued > 0) {
          changed([]);
          void sync.syncNow().catch(() => undefined);
        }
        return { queued: r.queued, files: r.files, refused: r.refused };
      }
      // "Tutte le complete" in parts: the first file is on the wire while the next are validated and frozen (the
      // sync's pass takes the files queued meanwhile too). Each part is one transaction. After the first file, the
      // sync asks for its body before the next part is asked for: the archive worker answers in order, so the body
      // would otherwise wait behind the next parts (at most SYNC_START_MS of waiting). The first part is one file,
      // to start sending soon; then 2, then INVIO_PART_MAX_FILES: each commit syncs the disk and rewrites the pages
      // of the declarations' indexes it touched, so fewer, larger parts cost the worker less (bench/transmission.ts),
      // while a part short enough leaves the archive answering the operator within a fraction of a second.
      const at = now().toISOString();
      const total = { queued: 0, files: 0, refused: [] as { id: number; progressivo: number; message: string }[] };
      let started = false;
      let partFiles = 1;
      for (let after: number | null = 0; after !== null; ) {
        const r: ArchiveResult<'enqueueInvio'> = await archive.call('enqueueInvio', { allComplete: true, afterProgressivo: after, limit: partFiles * MAX_TRANSMISSION_ITEMS }, ctx.operator, RED2009_TRANSMISSION, at);
        partFiles = Math.min(partFiles * 2, INVIO_PART_MAX_FILES);
        total.queued += r.queued;
        total.files += r.files;
        total.refused.push(...r.refused);
        after = r.next;
        if (r.queued === 0) continue;
        const pass = sync.syncNow().catch(() => undefined);
        // The bodies of the files just frozen are asked for now, before the next part: the pass takes them from
        // the sync instead of waiting for the worker behind that part.
        for (const id of r.transmissionIds) sync.preload(id, archive.call('outboxBody', id));
        if (!started && after !== null) await Promise.race([sync.sending(), pass, delay(SYNC_START_MS)]);
        started = true;
      }
      if (total.queued > 0) changed([]);
      return total;
    })
    .add('transmission.withdraw', async ({ id }) => {
      const late = sentChangeRefusal(await sync.deadline(), now());
      if (late) throw new AppError({ code: 'OPR-14', message: late });
      return sync.withdraw(id);
    })
    .add('transmission.correggi', async ({ id, applySuggestedCf }) => {
      const late = sentChangeRefusal(await sync.deadline(), now());
      if (late) throw new AppError({ code: 'OPR-14', message: late });
      const r = await archive.call('correggi', id, { applySuggestedCf: applySuggestedCf ?? false }, RED2009_TRANSMISSION, now().toISOString(), ctx.operator);
      changed([id, r.id]);
      return r;
    })
    .add('transmission.attesa', async () => ({ rows: await archive.call('attesaList') }))
    .add('transmission.resend', async ({ transmissionIds }) => {
      const r = await archive.call('outboxRetryNow', transmissionIds);
      if (r.files === 0) throw new AppError({ code: 'OPR-09', message: 'Nessuna dichiarazione in «Attesa» da reinviare.' });
      void sync.syncNow().catch(() => undefined);
      return r;
    })
    .add('transmission.storico', async ({ offset, limit }) => archive.call('storico', offset, limit))
    .add('transmission.segnalazioni', async () => ({ rows: await archive.call('segnalazioni') }))
    .add('transmission.parked', async () => ({ rows: await archive.call('parkedChanges') }))
    .add('transmission.riattiva9011', async ({ id }) => {
      const r = await archive.call('riattiva9011', id, ctx.operator);
      changed([id]);
      return r;
    })
    .add('messages.list', async () => ({ rows: await archive.call('messagesList') }))
    .add('messages.markRead', async ({ ids }) => {
      const updated = await archive.call('markMessagesRead', ids);
      if (updated > 0) void sync.state().then((s) => ctx.emit('sync.state', s));
      return { updated };
    })
    .add('circolari.list', async () => ({ rows: await archive.call('circolariList') }))
    .add('circolari.markRead', async ({ ids }) => {
      const updated = await archive.call('markCircolariRead', ids);
      if (updated > 0) void sync.state().then((s) => ctx.emit('sync.state', s));
      return { updated };
    })
    .add('assistenza.send', async ({ testo, declarationId }) => sync.assistenza(testo, declarationId))
    .add('vigilanza.controlli', async () => ({ rows: await archive.call('controlliList') }))
    .add('sync.state', async () => sync.state())
    .add('sync.now', async () => sync.syncNow())
    .add('sync.settings', async () => sync.settings())
    .add('sync.saveSettings', async (s) => sync.saveSettings(s))
    .add('app.exitCheck', async () => archive.call('exitCheck'));
  registerFiles730Services(registry, ctx);
  registerExchangeServices(registry, ctx, CAMPAIGN);
  registerSbloccoServices(registry, ctx);
  registerDnaServices(registry, ctx);
  const backups = ctx.backups ?? new BackupService(archive, { onChanged: () => changed([]) });
  registry
    .add('archive.health', async () => ({ health: archive.lastHealth }))
    .add('backup.list', async () => backups.list())
    .add('backup.now', async () => backups.backupNow())
    .add('backup.restore', async ({ name }) => backups.restore(name))
    .add('backup.saveSettings', async (s) => backups.saveSettings(s))
    // Once the core runs, the archive is open (the locked screen is served by desk-gate.ts before this exists).
    .add('archive.lockState', async () => ({ stato: 'aperto' as const, minimo: MIN_PASSPHRASE, archivioInChiaro: false }))
    .add('archive.unlock', async () => ({ stato: 'aperto' as const }));
  const prints = ctx.prints ?? new PrintClient();
  registerFlussiCaServices(registry, { ...ctx, prints });
  registerDm20Services(registry, { ...ctx, prints });
  return registerPrintServices(registry, { ...ctx, prints }).assertComplete();
}

/** "Data di consegna" (p. 75): a real day, not after today. */
function checkConsegna(day: string | null): void {
  if (day === null) return;
  const p = parseData(isoToIt(day));
  const problem = p.kind === 'invalid' ? p.message : day > romeToday() ? 'non può essere successiva a oggi.' : null;
  if (problem) throw new AppError({ code: ERROR_CODES.INPUT, message: `Data di consegna: ${problem}`, field: 'dataConsegna' });
}
