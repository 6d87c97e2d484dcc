import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import type { ArchiveClient } from '#main/archive/client';
import type { ArchiveMethod } from '#main/archive/protocol';
import { createValidator } from '#main/archive/validator';
import { SyncService, type SyncDeps } from '#main/sync/sync-service';
import { AppError } from '#shared/errors';
import { Decl } from '../unit/rules/fixtures';
import { admin } from '../server/helpers/client';
import { cfFor } from '../server/helpers/fixtures';

/**
 * A desk archive in this thread for sync tests: the same Archive the worker runs, behind an object with the
 * ArchiveClient's `call` (asynchronous, errors as AppError), so SyncService runs unchanged.
 */
export interface TestDesk {
  archive: Archive;
  db: Database.Database;
  file: string;
  client: ArchiveClient;
  close(): void;
}

export function openTestDesk(file = join(mkdtempSync(join(tmpdir(), 'red-sync-')), 'archivio-red.sqlite')): TestDesk {
  const { db } = openArchive(file);
  const archive = new Archive(db, () => new Date(), createValidator());
  const client = {
    file,
    schemaVersion: 0,
    async call(method: ArchiveMethod, ...args: unknown[]) {
      // A macrotask between calls, as with the worker: other callbacks (timers, sockets) run in between.
      await new Promise((r) => setImmediate(r));
      const fn = archive[method] as (...a: unknown[]) => unknown;
      try {
        return structuredClone(fn.apply(archive, args));
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw e;
      }
    },
  } as unknown as ArchiveClient;
  return { archive, db, file, client, close: () => db.open && db.close() };
}

/** `n` declarations made complete ("Rendi completa"), codici fiscali cfFor(start…start+n-1). */
export function completeDeclarations(a: Archive, n: number, start = 0): number[] {
  const ids: number[] = [];
  for (let i = start; i < start + n; i++) {
    const d = new Decl({ codiceFiscale: cfFor(i) });
    const t = d.subject('titolare');
    t.cognome = `COGNOME${i}`;
    const c = a.create({ campaign: 'RED2009', matricola: d.m.matricola, codiceFiscale: d.m.values.codiceFiscale, document: d.doc, operator: 'test' });
    const saved = a.saveDocument(c.id, 1, d.doc, 'test');
    a.makeComplete(c.id, saved.version, 'test');
    ids.push(c.id);
  }
  return ids;
}

/** Desk credentials created through the server's admin API. */
export async function deskCredentials(base: string, deskId: string): Promise<{ deskId: string; secret: string }> {
  const r = await admin(base).post<{ deskId: string; secret: string }>('/v1/admin/desks', { deskId, name: `Sportello ${deskId}` });
  if (r.status !== 201) throw new Error(`desk ${deskId}: ${r.status} ${JSON.stringify(r.body)}`);
  return { deskId: r.body.deskId, secret: r.body.secret };
}

/** A SyncService over a test desk, configured for `serverUrl` through its environment. */
export function syncFor(desk: TestDesk, serverUrl: string, creds: { deskId: string; secret: string }, over: Partial<SyncDeps> = {}): SyncService {
  return new SyncService({
    archive: desk.client,
    operator: 'test',
    env: { RED_DESK_SERVER_URL: serverUrl, RED_DESK_SERVER_CREDENTIALS: `${creds.deskId}.${creds.secret}` },
    timeoutMs: 5_000,
    onState: () => {},
    onChanged: () => {},
    ...over,
  });
}
