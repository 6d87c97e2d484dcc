import { describe, expect, it } from 'vitest';
import { callApi, startDesk } from '../helpers/desk-process';
import { deskKey, openDeskFile } from '../helpers/desk-key';
import { makeCf, makeMatricola } from '../helpers/matricole';
import { openArchive } from '#main/archive/open';
import { DESK_MIGRATIONS } from '#main/archive/migrations';

const NAMES = ['RSS', 'BNC', 'VRD', 'FRR', 'CST', 'GLL', 'MRN', 'RCC'];

/** The n-th distinct, valid codice fiscale. */
function cfFor(n: number): string {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const year = String(30 + ((n >> 5) % 60)).padStart(2, '0');
  return makeCf(NAMES[n % NAMES.length] ?? 'RSS', NAMES[(n >> 3) % NAMES.length] ?? 'MRA', year, 'ABCDEHLMPRST'[(n >> 2) % 12] ?? 'A', day, 'H501');
}

/**
 * A desk killed (SIGKILL, like a power cut) while it is creating declarations: after restart the archive
 * is consistent — every declaration whole (titolare, years, history) — and nothing acknowledged is lost.
 */
describe('kill -9 during writes', () => {
  it('leaves a consistent archive and keeps every acknowledged declaration', async () => {
    let dataDir: string | undefined;
    const acknowledged = new Set<string>();
    let n = 0;
    for (let round = 0; round < 4; round++) {
      const desk = await startDesk(dataDir ? { dataDir } : {});
      dataDir = desk.dataDir;
      // Several writers at once, then the plug is pulled after a random delay.
      const writers = Array.from({ length: 4 }, async () => {
        for (;;) {
          const m = makeMatricola(cfFor(n++));
          try {
            const r = await callApi(desk, 'declarations.create', { matricola: m });
            if (r.body.ok) acknowledged.add(m);
          } catch {
            return; // connection dropped: the process is gone
          }
        }
      });
      await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 400)));
      desk.proc.kill('SIGKILL');
      await Promise.all(writers);
      await new Promise((r) => desk.proc.exitCode !== null || desk.proc.signalCode !== null ? r(null) : desk.proc.once('exit', r));
    }
    expect(acknowledged.size).toBeGreaterThan(10);

    const { db } = openArchive(`${dataDir}/archivio-red.sqlite`, { key: await deskKey(dataDir ?? '') });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const rows = db.prepare('SELECT id, progressivo, matricola FROM declarations ORDER BY progressivo').all() as { id: number; progressivo: number; matricola: string }[];
      // Progressivi are contiguous: no half-created declaration took a number.
      rows.forEach((r, i) => expect(r.progressivo).toBe(i + 1));
      const stored = new Set(rows.map((r) => r.matricola));
      for (const m of acknowledged) expect(stored.has(m)).toBe(true);
      const incomplete = db
        .prepare(
          `SELECT d.id FROM declarations d
           WHERE NOT EXISTS (SELECT 1 FROM subjects s WHERE s.declaration_id = d.id AND s.role = 'TITOLARE')
              OR NOT EXISTS (SELECT 1 FROM subject_years y JOIN subjects s ON s.id = y.subject_id WHERE s.declaration_id = d.id)
              OR (SELECT count(*) FROM status_history h WHERE h.declaration_id = d.id AND h.event = 'CREAZIONE') <> 1`,
        )
        .all();
      expect(incomplete).toEqual([]);
    } finally {
      db.close();
    }
    // And the desk starts again on it.
    const desk = await startDesk({ dataDir });
    const list = await callApi(desk, 'monitor.list', { tab: 'DA_SPEDIRE', offset: 0, limit: 1 });
    expect((list.body.result as { total: number }).total).toBeGreaterThanOrEqual(acknowledged.size);
    await desk.stop();
    expect((await openDeskFile(`${dataDir}/archivio-red.sqlite`, { readonly: true })).pragma('user_version', { simple: true })).toBe(DESK_MIGRATIONS.length);
  }, 60_000);
});
