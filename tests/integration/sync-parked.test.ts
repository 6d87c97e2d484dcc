/**
 * Parked feed changes: an esito for a declaration the desk does not hold is parked (never dropped, the cursor
 * still moves on), applied as soon as the declaration is there, and shown to the operator (Segnalazioni →
 * "Esiti in sospeso", through the typed API) while it waits — also when it never arrives: the desk's archive
 * restored from a copy taken before an Invio, against the real server's feed.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '#server/server';
import { createServices } from '#main/services/services';
import type { CaptureService } from '#main/capture/service-types';
import { DEFAULT_CAPTURE_SETTINGS } from '#shared/domain/capture';
import type { Change } from '#shared/server-api/contract';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { startInProcess } from '../server/helpers/inproc';
import { completeDeclarations, deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';

const noCapture: CaptureService = {
  settings: async () => DEFAULT_CAPTURE_SETTINGS,
  saveSettings: async (x) => x,
  devices: async () => ({ devices: [], error: null }),
  state: () => ({ state: 'disattivata', message: '', device: null }),
  start: async () => {},
  stop: async () => {},
};
const KEY = 'f'.repeat(32);
const ricevuta = (seq: number, version: number): Change => ({ seq, at: '2009-06-01T10:00:00.000Z', kind: 'STATUS', declarationKey: KEY, version, status: 'RICEVUTA', scarto: null });

describe('parked feed changes', () => {
  let desk: TestDesk;
  beforeEach(() => {
    desk = openTestDesk();
  });
  afterEach(() => desk.close());

  it('an esito for an unknown declaration is parked with the cursor moving on, shown in Italian, and applied once the declaration is there', async () => {
    const [id] = completeDeclarations(desk.archive, 1);
    desk.archive.enqueueInvio({ ids: [id!] }, 'op');
    const sent = desk.archive.serverRef(id!).sentVersion!;
    expect(desk.archive.applyChanges([ricevuta(1, sent)], 1, 'op', 'srv-1')).toEqual({ applied: 0, parked: 1, changedIds: [], reset: false });
    expect(desk.archive.syncCursor()).toBe(1);
    const api = createServices({ archive: desk.client, sync: syncFor(desk, 'http://127.0.0.1:9', { deskId: 'x', secret: 'y' }), capture: noCapture, dataDir: '/tmp', operator: 'op', version: '0', emit: () => {} });
    expect(await api.dispatch('transmission.parked', {})).toEqual({
      ok: true,
      result: {
        rows: [
          {
            seq: 1,
            parkedAt: expect.any(String),
            declarationKey: KEY,
            description: `Esito «Ricevuta» per la versione ${sent} di una dichiarazione che questo archivio non contiene`,
            reason: "dichiarazione non presente nell'archivio",
          },
        ],
      },
    });
    // Nothing else moved meanwhile; a second delivery of the same change is not parked twice.
    expect(desk.archive.getForEdit(id!).status).toBe('ATTESA');
    desk.archive.applyChanges([ricevuta(1, sent)], 1, 'op', 'srv-1');
    expect(desk.archive.parkedChanges()).toHaveLength(1);

    // The declaration the esito belongs to arrives (here: this one takes the key and its Tras.CGN), and the
    // next page — even an empty one — applies what was parked, in the same transaction as the page.
    desk.db.prepare('UPDATE declarations SET server_key = ?, status = ?, cgn_received_at = ? WHERE id = ?').run(KEY, 'TRASM_CGN', '2009-05-30T10:00:00.000Z', id);
    const r = desk.archive.applyChanges([], 1, 'op', 'srv-1');
    expect(r).toMatchObject({ applied: 1, parked: 0, changedIds: [id] });
    expect(desk.archive.getForEdit(id!).status).toBe('RICEVUTA');
    expect(desk.archive.history(id!).at(-1)).toMatchObject({ toStatus: 'RICEVUTA' });
    expect(desk.archive.parkedChanges()).toEqual([]);
    expect(await api.dispatch('transmission.parked', {})).toEqual({ ok: true, result: { rows: [] } });
  });
});

describe('a change that never finds its declaration (archive restored from before an Invio)', () => {
  let db: FreshDb;
  let srv: RunningServer;
  beforeEach(async () => {
    db = await freshDb('sqlite');
    srv = await startInProcess(db);
  });
  afterEach(async () => {
    await srv.close();
    await db.drop();
  });

  it('stays parked across syncs (the cursor moves on) and is listed for the operator', async () => {
    const creds = await deskCredentials(srv.url, 'sportello-ripristino');
    const desk = openTestDesk();
    try {
      const ids = completeDeclarations(desk.archive, 2);
      // The copy the operator will restore: both declarations Completa, never sent.
      const copy = join(mkdtempSync(join(tmpdir(), 'red-restore-')), 'archivio-red.sqlite');
      desk.db.pragma('wal_checkpoint(TRUNCATE)');
      copyFileSync(desk.file, copy);
      desk.archive.enqueueInvio({ ids }, 'op');
      const sync = syncFor(desk, srv.url, creds);
      await sync.syncNow();
      await sync.stop();
      expect(ids.map((i) => desk.archive.getForEdit(i).status)).toEqual(['TRASM_CGN', 'TRASM_CGN']);
      desk.close();

      // Restored: the feed brings the Tras.CGN of two declarations this archive never sent.
      const restored = openTestDesk(copy);
      try {
        const again = syncFor(restored, srv.url, creds);
        await again.syncNow();
        await again.stop();
        const parked = restored.archive.parkedChanges();
        expect(parked.length).toBe(2);
        for (const p of parked) {
          expect(p.description).toMatch(/^Esito «Trasm\.CGN» per la versione \d+ di una dichiarazione che questo archivio non contiene$/);
          expect(p.declarationKey).toMatch(/^[0-9a-f]{24}$/);
        }
        expect(restored.archive.syncCursor()).toBeGreaterThanOrEqual(2);
        expect(ids.map((i) => restored.archive.getForEdit(i).status)).toEqual(['COMPLETA', 'COMPLETA']);
        // Still there after further syncs: parked, never dropped.
        const third = syncFor(restored, srv.url, creds);
        await third.syncNow();
        await third.stop();
        expect(restored.archive.parkedChanges().map((p) => p.seq)).toEqual(parked.map((p) => p.seq));
      } finally {
        restored.close();
      }
    } finally {
      desk.close();
    }
  });
});
