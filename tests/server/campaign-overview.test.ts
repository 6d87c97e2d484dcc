/**
 * The console's campaign numbers are counted a few desks at a time on SQLite, in one query on PostgreSQL
 * (src-server/console/campaign.ts): with more desks than one slice holds, every desk and every status is counted
 * once, on both. 19 desks (SQLite slices of 8: 8 + 8 + 3),
 * desk i sends i + 1 declarations; one declaration of the desks at the slice edges (0, 7, 8, 15, 16, 18) is then
 * withdrawn. By hand: 1 + 2 + … + 19 = 190 declarations, 6 Ritirate, 184 Trasm.CGN.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CampaignOverview } from '#server/console/campaign';
import type { RunningServer } from '#server/server';
import { newDesk } from './helpers/client';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { cfFor, itemFor } from './helpers/fixtures';
import { startInProcess } from './helpers/inproc';

describe.each(DIALECTS)('campaign numbers on %s', (dialect) => {
  let db: FreshDb;
  let server: RunningServer;
  beforeEach(async () => {
    db = await freshDb(dialect);
    server = await startInProcess(db);
  });
  afterEach(async () => {
    await server.close();
    await db.drop();
  });

  it('more desks than one slice: each desk and status counted once', { timeout: 60_000 }, async () => {
    const edges = new Set([0, 7, 8, 15, 16, 18]);
    let next = 0;
    for (let d = 0; d < 19; d++) {
      const desk = await newDesk(server.url, `sportello-${String(d).padStart(2, '0')}`);
      const cfs = Array.from({ length: d + 1 }, () => cfFor(next++));
      expect((await desk.transmit(cfs.map((cf) => itemFor(cf)))).status).toBe(200);
      if (edges.has(d)) expect((await desk.post(`/v1/declarations/d-${cfs[0]!}/withdraw`, { reason: 'MODIFICA' })).status).toBe(200);
    }
    const o = await new CampaignOverview(server.store, undefined).get();
    expect(o.total).toBe(190);
    expect(o.desks).toBe(19);
    expect(o.byStatus.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: 'RITIRATA', n: 6 },
      { status: 'TRASM_CGN', n: 184 },
    ]);
    expect(o.outbox.waiting).toBe(184);
    // Largest first: desk 18 (19, one withdrawn) … desk 0 (1, withdrawn).
    expect(o.byDesk.map((d) => [d.deskId, d.total])).toEqual(Array.from({ length: 19 }, (_, k) => [`sportello-${String(18 - k).padStart(2, '0')}`, 19 - k]));
    const byId = new Map(o.byDesk.map((d) => [d.deskId, d.byStatus.sort((a, b) => a.status.localeCompare(b.status))]));
    expect(byId.get('sportello-00')).toEqual([{ status: 'RITIRATA', n: 1 }]);
    expect(byId.get('sportello-08')).toEqual([{ status: 'RITIRATA', n: 1 }, { status: 'TRASM_CGN', n: 8 }]);
    expect(byId.get('sportello-09')).toEqual([{ status: 'TRASM_CGN', n: 10 }]);
    expect(byId.get('sportello-18')).toEqual([{ status: 'RITIRATA', n: 1 }, { status: 'TRASM_CGN', n: 18 }]);
  });
});
