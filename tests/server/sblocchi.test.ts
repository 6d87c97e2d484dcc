/**
 * "Sblocca dichiarazione errata" on the central server (issue 12 point 4): POST /v1/admin/sblocchi on the real server
 * process (dist/server/server.cjs) on 127.0.0.1, every available dialect. The code it issues is checked as the desk
 * checks it, with a key the test derives from the desk's secret (the vectors of the code itself are in
 * tests/unit/sblocco-codice.test.ts).
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chiaveSblocco, verificaCodice, type Hmac } from '#shared/sblocco/codice';
import { SbloccoResponseSchema } from '#shared/server-api/contract';
import { romeToday } from '#shared/util/italian-time';
import { openStore } from '#server/store/db';
import { admin, Client } from './helpers/client';
import { DIALECTS, freshDb, type FreshDb } from './helpers/db';
import { startServerProcess, type Proc } from './helpers/processes';

const hmac: Hmac = (k, m) => createHmac('sha256', k).update(m).digest();
const CF = 'RSSMRA40A01H501K';
const richiesta = (deskId: string, over: Record<string, unknown> = {}) => ({ deskId, codiceFiscale: CF, campagna: 'RED2009', progressivo: 12, codiceErrore: 'IMP-07', ...over });
const giorno = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.each(DIALECTS)('admin endpoint «Sblocca dichiarazione errata» on %s', (dialect) => {
  let db: FreshDb;
  let srv: Proc;
  let caf: Client;
  beforeEach(async () => {
    db = await freshDb(dialect);
    srv = await startServerProcess(db);
    caf = admin(srv.url);
  });
  afterEach(async () => {
    try {
      expect(await srv.stop()).toBe(0);
    } finally {
      await db.drop();
    }
  });

  const newDesk = async (deskId: string) => {
    const r = await caf.post<{ secret: string; authorization: string }>('/v1/admin/desks', { deskId, name: `Sportello ${deskId}` });
    expect(r.status).toBe(201);
    return r.body;
  };

  it('issues a code bound to the desk, the declaration and the error, valid 5 days by default', async () => {
    const desk = await newDesk('roma-01');
    const r = await caf.post('/v1/admin/sblocchi', richiesta('roma-01'));
    expect(r.status).toBe(201);
    const body = SbloccoResponseSchema.parse(r.body);
    const today = romeToday();
    expect(body).toMatchObject({ deskId: 'roma-01', codiceFiscale: CF, campagna: 'RED2009', progressivo: 12, codiceErrore: 'IMP-07', scadenza: giorno(today, 4) });
    expect(body.codice).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    const key = chiaveSblocco(hmac, desk.secret);
    const pratica = { deskId: 'roma-01', codiceFiscale: CF, campagna: 'RED2009', progressivo: 12 };
    expect(verificaCodice(hmac, key, pratica, 'IMP-07', body.codice, today)).toEqual({ ok: true, scadenza: body.scadenza });
    expect(verificaCodice(hmac, key, pratica, 'IMP-07', body.codice, giorno(today, 5))).toMatchObject({ ok: false, motivo: 'SCADUTO' });
    expect(verificaCodice(hmac, key, { ...pratica, progressivo: 13 }, 'IMP-07', body.codice, today)).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });
    expect(verificaCodice(hmac, key, pratica, 'IMP-05', body.codice, today)).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });

    const uno = SbloccoResponseSchema.parse((await caf.post('/v1/admin/sblocchi', richiesta('roma-01', { giorni: 1 }))).body);
    expect(uno.scadenza).toBe(today);

    // The same request for another desk: a code that the first desk refuses.
    await newDesk('roma-02');
    const altro = SbloccoResponseSchema.parse((await caf.post('/v1/admin/sblocchi', richiesta('roma-02'))).body);
    expect(verificaCodice(hmac, key, pratica, 'IMP-07', altro.codice, today)).toMatchObject({ ok: false, motivo: 'NON_VALIDO' });
  });

  it('refuses without the admin token, with a desk token, malformed requests (field named), an unknown desk', async () => {
    const desk = await newDesk('roma-01');
    expect((await new Client(srv.url).post('/v1/admin/sblocchi', richiesta('roma-01'))).status).toBe(401);
    expect((await new Client(srv.url, desk.authorization).post('/v1/admin/sblocchi', richiesta('roma-01'))).status).toBe(401);
    const bad: [Record<string, unknown>, string][] = [
      [{ codiceErrore: 'IMP-01' }, 'body.codiceErrore'],
      [{ codiceFiscale: 'rssmra40a01h501k' }, 'body.codiceFiscale'],
      [{ progressivo: 0 }, 'body.progressivo'],
      [{ campagna: '2009' }, 'body.campagna'],
      [{ giorni: 15 }, 'body.giorni'],
      [{ extra: 1 }, 'body'],
    ];
    for (const [over, field] of bad) {
      const r = await caf.post<{ error: { code: string; field?: string; message: string } }>('/v1/admin/sblocchi', richiesta('roma-01', over));
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(r.body.error.field).toBe(field);
      expect(r.body.error.message).toMatch(/^Dati non validi in /);
    }
    const r = await caf.post<{ error: { message: string } }>('/v1/admin/sblocchi', richiesta('napoli-09'));
    expect(r.status).toBe(404);
    expect(r.body.error.message).toBe('Sportello napoli-09 non trovato.');
  });

  it('answers 409 for a desk whose secret the server has not seen since schema 3, until the desk connects; a rotation changes the key', async () => {
    const desk = await newDesk('roma-01');
    // A desk created before schema 3: no unlock key.
    if (db.databaseUrl) {
      const store = openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
      try {
        await store.db.updateTable('desks').set({ unlock_key: null }).where('id', '=', 'roma-01').execute();
      } finally {
        await store.close();
      }
    } else {
      // The running server holds the SQLite store (one process only): the file is written beside it, as by hand.
      const file = new Database(join(db.dataDir, 'red-server.sqlite'));
      try {
        file.prepare('UPDATE desks SET unlock_key = NULL WHERE id = ?').run('roma-01');
      } finally {
        file.close();
      }
    }
    const r = await caf.post<{ error: { code: string; message: string; field: string } }>('/v1/admin/sblocchi', richiesta('roma-01'));
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({
      code: 'SRV-13',
      field: 'deskId',
      message:
        'Lo sportello roma-01 non ha ancora una chiave di sblocco: deve collegarsi al server almeno una volta (Sincronizza), oppure rigenerarne il segreto, prima di poter ricevere un codice di sblocco.',
    });
    // The desk syncs: the server sees its secret and keeps the derived key.
    expect((await new Client(srv.url, desk.authorization).get('/v1/changes?after=0')).status).toBe(200);
    const ok = SbloccoResponseSchema.parse((await caf.post('/v1/admin/sblocchi', richiesta('roma-01'))).body);
    const pratica = { deskId: 'roma-01', codiceFiscale: CF, campagna: 'RED2009', progressivo: 12 };
    expect(verificaCodice(hmac, chiaveSblocco(hmac, desk.secret), pratica, 'IMP-07', ok.codice, romeToday()).ok).toBe(true);

    // A new secret: codes follow the new one, the old secret no longer checks them.
    const rotated = await caf.post<{ secret: string }>('/v1/admin/desks/roma-01/secret', {});
    expect(rotated.status).toBe(200);
    const dopo = SbloccoResponseSchema.parse((await caf.post('/v1/admin/sblocchi', richiesta('roma-01'))).body);
    expect(verificaCodice(hmac, chiaveSblocco(hmac, rotated.body.secret), pratica, 'IMP-07', dopo.codice, romeToday()).ok).toBe(true);
    expect(verificaCodice(hmac, chiaveSblocco(hmac, desk.secret), pratica, 'IMP-07', dopo.codice, romeToday()).ok).toBe(false);
  });
});
