/**
 * "Vigilanza" (p. 72, 112): a check of INPS reaches the desk as a CAF message naming the declaration. Real server
 * process (dist/server), real INPS simulator process, real desk archive file and sync.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, Client } from '../server/helpers/client';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { startServerProcess, SIM_AUTH, SIM_TOKEN, startSimulator, type Proc } from '../server/helpers/processes';
import { completeDeclarations, deskCredentials, openTestDesk, syncFor, type TestDesk } from '../helpers/desk-sync';

let sim: Proc;
let srv: Proc;
let db: FreshDb;
let desk: TestDesk;
beforeAll(async () => {
  sim = await startSimulator();
  db = await freshDb('sqlite');
  srv = await startServerProcess(db, { RED_DESK_SERVER_INPS_URL: sim.url, RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN });
  await new Client(sim.url, SIM_AUTH).put('/config', {});
  desk = openTestDesk();
}, 60_000);
afterAll(async () => {
  desk?.close();
  await srv?.stop();
  await sim?.stop();
  await db?.drop();
});

describe('Vigilanza: INPS checks from the central CAF', () => {
  it('a check message from the server lists the declaration with its latest esito; only Ricevute can be checked', async () => {
    const creds = await deskCredentials(srv.url, 'sportello-vig');
    const sync = syncFor(desk, srv.url, creds);
    const [checked, other] = completeDeclarations(desk.archive, 2) as [number, number];
    desk.archive.enqueueInvio({ ids: [checked, other] }, 'op');
    await sync.syncNow();
    expect((await admin(srv.url).post('/v1/admin/jobs/forward')).status).toBe(200);
    expect((await admin(srv.url).post('/v1/admin/jobs/esiti')).status).toBe(200);
    await sync.syncNow();
    expect(desk.archive.monitorRow(checked).status).toBe('RICEVUTA');
    const keyOf = (id: number) => (desk.db.prepare('SELECT server_key AS k FROM declarations WHERE id = ?').get(id) as { k: string }).k;

    // Picked for the sample, then irregular with code 3 (the list is dynamic: the latest message wins).
    const send = (body: unknown) => admin(srv.url).post('/v1/admin/controlli', body);
    expect((await send({ deskId: creds.deskId, declarationKey: keyOf(checked), esito: 'IN_CORSO' })).status).toBe(200);
    expect((await send({ deskId: creds.deskId, declarationKey: keyOf(checked), esito: '3', nota: 'Reddito A1 nel rigo A2.' })).status).toBe(200);
    // Refused: an esito that does not exist, and a declaration INPS does not have.
    const bad = await send({ deskId: creds.deskId, declarationKey: keyOf(checked), esito: '6' });
    expect(bad.status).toBe(400);
    const unknown = await send({ deskId: creds.deskId, declarationKey: 'nonexistent-key', esito: '1' });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).toMatch(/non trovata/);
    await sync.syncNow();

    const rows = desk.archive.controlliList();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    const d = desk.archive.monitorRow(checked);
    expect(row).toMatchObject({ declarationId: checked, progressivo: d.progressivo, codiceFiscale: d.codiceFiscale, esito: '3' });
    expect(row?.text).toBe('Controllo INPS: la dichiarazione è stata giudicata irregolare, codice errore 3 «Errore di trascrizione». Reddito A1 nel rigo A2.');
    // The message is also among the CAF messages, about that declaration.
    expect(desk.archive.messagesList().filter((m) => m.code?.startsWith('CONTROLLO_INPS:')).map((m) => [m.code, m.declarationId])).toEqual([
      ['CONTROLLO_INPS:3', checked],
      ['CONTROLLO_INPS:IN_CORSO', checked],
    ]);
    // The other Ricevuta, never checked, is not in the list.
    expect(rows.map((r) => r.declarationId)).not.toContain(other);
  }, 60_000);

  it('refuses a check on a declaration that is not Ricevuta (409)', async () => {
    const creds = await deskCredentials(srv.url, 'sportello-vig2');
    const desk2 = openTestDesk();
    try {
      const sync = syncFor(desk2, srv.url, creds);
      const [id] = completeDeclarations(desk2.archive, 1, 10) as [number];
      desk2.archive.enqueueInvio({ ids: [id] }, 'op');
      await sync.syncNow(); // Trasm.CGN: not forwarded to INPS yet
      const key = (desk2.db.prepare('SELECT server_key AS k FROM declarations WHERE id = ?').get(id) as { k: string }).k;
      const r = await admin(srv.url).post('/v1/admin/controlli', { deskId: creds.deskId, declarationKey: key, esito: '1' });
      expect(r.status).toBe(409);
      expect(JSON.stringify(r.body)).toMatch(/non è Ricevuta dall'INPS/);
    } finally {
      desk2.close();
    }
  }, 60_000);
});
