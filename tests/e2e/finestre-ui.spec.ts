/**
 * Issue 11 points 14 and 15 in the monitor, as the operator meets them (real browser host, central server and INPS
 * simulator processes; the CAF's jobs through the server's admin API):
 *  - after the deadline of the CAF circular, "Modifica" of a Trasm.CGN is refused and the declaration stays sent
 *    (seed 000, point 3);
 *  - a Ricevuta whose position INPS already "ricostituì" (p. 102): "Correggi" is disabled and says why (OPR-05);
 *    the esito came with a message of the CAF.
 */
import { test, expect, type Page } from '@playwright/test';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { admin, Client } from '../server/helpers/client';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { cfFor } from '../server/helpers/fixtures';
import { startServerProcess, SIM_AUTH, SIM_TOKEN, startSimulator, type Proc } from '../server/helpers/processes';
import { Decl } from '../unit/rules/fixtures';

let sim: Proc;
let simClient: Client;
let db: FreshDb;
let srv: Proc;
let caf: Client;
let desk: DeskProcess;

test.beforeAll(async () => {
  sim = await startSimulator();
  simClient = new Client(sim.url, SIM_AUTH);
});
test.afterAll(async () => {
  await sim.stop();
});
test.beforeEach(async () => {
  db = await freshDb('sqlite');
  srv = await startServerProcess(db, { RED_DESK_SERVER_INPS_URL: sim.url, RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN });
  caf = admin(srv.url);
  await simClient.put('/config', {});
  const creds = await caf.post<{ deskId: string; secret: string }>('/v1/admin/desks', { deskId: 'sportello-finestre', name: 'Sportello di prova' });
  expect(creds.status).toBe(201);
  desk = await startDesk({
    env: { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.body.deskId}.${creds.body.secret}`, RED_DESK_SYNC_INTERVAL: '3600' },
  });
});
test.afterEach(async () => {
  await desk.stop();
  await srv.stop();
  await db.drop();
});

const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const rowOf = (page: Page, text: string) => list(page).getByRole('option').filter({ hasText: text });
const bar = (page: Page) => page.getByRole('region', { name: 'Collegamento al CAF' });
const messageBar = (page: Page) => page.getByTestId('message-bar');
const fn = (page: Page, name: string) => page.getByRole('complementary', { name: 'Tasti funzione' }).getByRole('button', { name: new RegExp(`^${name}`) });

async function result<T>(p: ReturnType<typeof callApi>): Promise<T> {
  const r = await p;
  expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  return r.body.result as T;
}

/** A declaration made complete and sent to the CAF through the API (the UI of Invio has its own spec). */
async function sent(cf: string, cognome: string): Promise<number> {
  const d = new Decl({ codiceFiscale: cf });
  d.subject('titolare').cognome = cognome;
  const c = await result<{ id: number }>(callApi(desk, 'declarations.create', { matricola: d.m.matricola }));
  const got = await result<{ version: number }>(callApi(desk, 'declarations.get', { id: c.id }));
  const saved = await result<{ version: number }>(callApi(desk, 'declarations.save', { id: c.id, version: got.version, document: d.doc }));
  await result(callApi(desk, 'declarations.complete', { id: c.id, version: saved.version }));
  await result(callApi(desk, 'transmission.send', { ids: [c.id] }));
  await expect.poll(async () => (await result<{ outboxDeclarations: number }>(callApi(desk, 'sync.now', {}))).outboxDeclarations).toBe(0);
  return c.id;
}

async function openMonitor(page: Page) {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  await expect(bar(page).getByTestId('sync-connection')).toHaveText('Collegato al CAF');
  // The list takes the focus once the monitor's keys are live: shortcuts wait for it (a slow machine paints first).
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeFocused();
}

test('Dopo il termine della circolare «Modifica» di una Trasm.CGN è rifiutata: la dichiarazione resta spedita', async ({ page }) => {
  const cf = cfFor(90);
  await sent(cf, 'GALLO');
  // The CAF closes the campaign (the desk has no deadline of its own here: the server refuses).
  expect((await caf.put('/v1/admin/campaign', { deadline: '2009-06-23T09:00:00+02:00' })).status).toBe(200);
  await openMonitor(page);
  await page.keyboard.press('Control+2');
  await expect(rowOf(page, cf)).toContainText('Trasm.CGN');
  await rowOf(page, cf).click();
  await fn(page, 'Modifica').click();
  const dialog = page.getByRole('dialog', { name: 'Modifica dichiarazione trasmessa' });
  await dialog.getByRole('button', { name: 'Ritira e modifica' }).click();
  await expect(messageBar(page)).toContainText(
    'Il termine per la trasmissione delle dichiarazioni RED è scaduto il 23/06/2009 alle ore 09:00: le dichiarazioni già trasmesse non possono più essere ritirate, cancellate né modificate.',
  );
  await page.screenshot({ path: 'test-results/finestre-termine.png' });
  await expect(rowOf(page, cf)).toContainText('Trasm.CGN');
  await expect(page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' })).toBeHidden();
});

test('Posizione già ricostituita: «Correggi» disabilitato con il motivo (OPR-05), messaggio del CAF con l\'esito', async ({ page }) => {
  const [ric, normale] = [cfFor(91), cfFor(92)];
  await simClient.put('/config', { ricostituite: [ric] });
  await sent(ric, 'RIZZI');
  await sent(normale, 'SALA');
  expect((await caf.post('/v1/admin/jobs/forward')).status).toBe(200);
  expect((await caf.post('/v1/admin/jobs/esiti')).status).toBe(200);
  await result(callApi(desk, 'sync.now', {}));
  await openMonitor(page);
  await page.keyboard.press('Control+3');
  await expect(rowOf(page, ric)).toContainText('Ricevuta');

  // The other Ricevuta of the same esiti: Correggi is available (the nearest case).
  await rowOf(page, normale).click();
  await expect(fn(page, 'Correggi')).toHaveAttribute('aria-disabled', 'false');

  await rowOf(page, ric).click();
  await expect(fn(page, 'Correggi')).toHaveAttribute('aria-disabled', 'true');
  await fn(page, 'Correggi').press('Enter');
  await expect(messageBar(page)).toContainText("Posizione già ricostituita dall'INPS: le variazioni non sono più ammesse telematicamente (p. 102)");
  await page.screenshot({ path: 'test-results/finestre-ricostituita.png' });
  await expect(page.getByRole('dialog')).toHaveCount(0);

  const messaggi = bar(page).getByRole('button', { name: /^Messaggi: / });
  await expect(messaggi).toHaveText('Messaggi: 1');
  await messaggi.click();
  await expect(page.getByRole('dialog', { name: 'Messaggi dal CAF CGN' }).getByRole('option').first()).toContainText('Posizione già ricostituita');
});
