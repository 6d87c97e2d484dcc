/**
 * Issue 11 points 20 and 21 as an operator meets them (real browser host, central server and INPS simulator
 * processes; the CAF staff use the server's admin API):
 *  - "Vigilanza" (p. 72, 111–113) opened from the monitor with Alt+V: the table "Codici errori e sanzioni", the REDs
 *    of this desk involved in a check (from the CAF's message), going to the declaration and opening it; axe on it;
 *  - "Gruppo" (p. 77) typed in the editor, then seen in the monitor column and used as a filter.
 */
import { test, expect, type Page } from '@playwright/test';
import { axeSerious } from '../helpers/axe';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { admin, Client } from '../server/helpers/client';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { cfFor } from '../server/helpers/fixtures';
import { startServerProcess, SIM_AUTH, SIM_TOKEN, startSimulator, type Proc } from '../server/helpers/processes';
import { Decl } from '../unit/rules/fixtures';

let sim: Proc;
let db: FreshDb;
let srv: Proc;
let caf: Client;
let desk: DeskProcess;
let deskId: string;

test.beforeAll(async () => {
  sim = await startSimulator();
});
test.afterAll(async () => {
  await sim.stop();
});
test.beforeEach(async () => {
  db = await freshDb('sqlite');
  srv = await startServerProcess(db, { RED_DESK_SERVER_INPS_URL: sim.url, RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN });
  caf = admin(srv.url);
  await new Client(sim.url, SIM_AUTH).put('/config', {});
  const creds = await caf.post<{ deskId: string; secret: string }>('/v1/admin/desks', { deskId: 'sportello-vigilanza', name: 'Sportello di prova' });
  expect(creds.status).toBe(201);
  deskId = creds.body.deskId;
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
const editor = (page: Page) => page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });

async function result<T>(p: ReturnType<typeof callApi>): Promise<T> {
  const r = await p;
  expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  return r.body.result as T;
}

async function created(cf: string, cognome: string): Promise<number> {
  const d = new Decl({ codiceFiscale: cf });
  d.subject('titolare').cognome = cognome;
  const c = await result<{ id: number }>(callApi(desk, 'declarations.create', { matricola: d.m.matricola }));
  const got = await result<{ version: number }>(callApi(desk, 'declarations.get', { id: c.id }));
  const saved = await result<{ version: number }>(callApi(desk, 'declarations.save', { id: c.id, version: got.version, document: d.doc }));
  await result(callApi(desk, 'declarations.complete', { id: c.id, version: saved.version }));
  return c.id;
}

/** The key the CAF knows the declaration of `cf` by (read from the server's own SQLite file). */
function serverKey(cf: string): string {
  const s = new Database(join(db.dataDir, 'red-server.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (s.prepare('SELECT declaration_key AS k FROM declarations WHERE codice_fiscale = ?').get(cf) as { k: string }).k;
  } finally {
    s.close();
  }
}

async function openMonitor(page: Page) {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
}

test('Vigilanza con Alt+V: tabella delle sanzioni, RED sotto controllo dal messaggio del CAF, si va alla dichiarazione', async ({ page }) => {
  const [checked, other] = [cfFor(70), cfFor(71)];
  await created(checked, 'FERRI');
  await created(other, 'BASSI');
  const ids = (await result<{ rows: { id: number }[] }>(callApi(desk, 'monitor.list', { tab: 'DA_SPEDIRE', offset: 0, limit: 10 }))).rows.map((r) => r.id);
  await result(callApi(desk, 'transmission.send', { ids }));
  await expect.poll(async () => (await result<{ outboxDeclarations: number }>(callApi(desk, 'sync.now', {}))).outboxDeclarations).toBe(0);
  expect((await caf.post('/v1/admin/jobs/forward')).status).toBe(200);
  expect((await caf.post('/v1/admin/jobs/esiti')).status).toBe(200);
  // The CAF staff report INPS's check: code 5 on one declaration.
  const sent = await caf.post('/v1/admin/controlli', { deskId, declarationKey: serverKey(checked), esito: '5' });
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  await result(callApi(desk, 'sync.now', {}));

  await openMonitor(page);
  await list(page).focus();
  await page.keyboard.press('Alt+v');
  const dlg = page.getByRole('dialog', { name: 'Vigilanza' });
  await expect(dlg).toBeVisible();
  await expect(dlg.getByRole('tab', { name: 'Controlli Inps' })).toHaveAttribute('aria-selected', 'true');

  // The table of p. 111, row by row.
  const table = dlg.getByRole('table', { name: 'Codici errori e sanzioni' });
  await expect(table.getByRole('row')).toHaveCount(6);
  await expect(table.getByRole('row').nth(1)).toHaveText(/1\s*Stato civile errato\s*€ 144,00\s*€ 80,40\s*€ 91,08/);
  await expect(table.getByRole('row').nth(5)).toHaveText(/5\s*Redditi certificati discordanti con il 730 presentato dallo stesso intermediario\s*€ 720,00\s*€ 402,00\s*€ 455,40/);

  // The REDs involved: only the checked one, with its esito.
  const reds = dlg.getByRole('listbox', { name: "RED coinvolti nell'attività di controllo" });
  await expect(reds.getByRole('option')).toHaveCount(1);
  await expect(reds.getByRole('option').first()).toContainText(checked);
  await expect(reds.getByRole('option').first()).toContainText('Errore 5 – Redditi certificati discordanti con il 730');
  await page.screenshot({ path: 'test-results/vigilanza-controlli.png', fullPage: true });
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);

  // Normativa di riferimento with the arrow key.
  await dlg.getByRole('tab', { name: 'Controlli Inps' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(dlg.getByRole('tab', { name: 'Normativa di riferimento' })).toHaveAttribute('aria-selected', 'true');
  await expect(dlg.getByRole('tabpanel')).toContainText('Modello AP15');
  await expect(dlg.getByRole('tabpanel')).toContainText('Modello AP57');
  await page.screenshot({ path: 'test-results/vigilanza-normativa.png' });
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('ArrowLeft');

  // Keyboard to the list, Invio: Vigilanza closes and the declaration is selected in Ricevute; Invio opens it.
  await reds.focus();
  await page.keyboard.press('Enter');
  await expect(dlg).toBeHidden();
  await expect(page.getByRole('tab', { name: /^Ricevute/ })).toHaveAttribute('aria-selected', 'true');
  await expect(rowOf(page, checked)).toHaveAttribute('aria-selected', 'true');
  await expect(list(page)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeVisible();
  await expect(page.locator('[data-field="anagrafica.codiceFiscale"]')).toHaveValue(checked);
});

test('Gruppo scritto nell\'editor: visibile nella colonna del monitor e usato come filtro', async ({ page }) => {
  const [a, b] = [cfFor(80), cfFor(81)];
  await created(a, 'MARINI');
  await created(b, 'NERI');
  await openMonitor(page);
  await rowOf(page, a).click();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeVisible();
  await page.locator('[data-field="note.gruppo"]').fill('Sportello 2');
  await expect(editor(page).getByRole('status', { name: 'Stato del salvataggio' })).toHaveText('Salvato');
  await editor(page).getByRole('button', { name: /^Chiudi/ }).first().click();
  await expect(editor(page)).toBeHidden();

  // The column.
  await expect(rowOf(page, a).locator('.c-gruppo')).toHaveText('Sportello 2');
  await expect(rowOf(page, b).locator('.c-gruppo')).toHaveText('');
  // The filter, typed in lower case (the beginning is enough).
  await page.getByRole('textbox', { name: 'Filtra per gruppo' }).fill('sportello');
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await expect(rowOf(page, a)).toBeVisible();
  await page.screenshot({ path: 'test-results/monitor-filtro-gruppo.png' });
  // Esc clears the search: both again.
  await page.keyboard.press('Escape');
  await expect(list(page).getByRole('option')).toHaveCount(2);
});
