/**
 * The console for CAF staff (issue 14 points 9–10) in Chromium, against the real server process (dist/server, the
 * page from dist/console) and, where the desk must see the result, a real desk through the browser host:
 *  - login: a wrong token refused, then the campaign page (charts) — keyboard only; axe;
 *  - Sportelli: a desk created, its secret shown once and working, a new secret replacing it; a desk disabled with
 *    a reason (the desk is told it) and enabled again; Sblocchi: the unlock code of one error of one declaration;
 *  - Dichiarazioni: "Blocca" with a reason → the desk shows "Bloccata" in Spedite with the reason (p. 68) and the
 *    declaration is not forwarded; "Sblocca" → Trasm.CGN on the desk, then forwarded;
 *  - Circolari telematiche: published → on the desk marked new, then read;
 *  - Assistenza: the desk's question appears in the console, the answer comes back among the desk's Messaggi.
 */
import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { axeSerious } from '../helpers/axe';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { ADMIN_TOKEN, admin, Client } from '../server/helpers/client';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { cfFor } from '../server/helpers/fixtures';
import { SIM_AUTH, SIM_TOKEN, startServerProcess, startSimulator, type Proc } from '../server/helpers/processes';
import { Decl } from '../unit/rules/fixtures';

let sim: Proc;
let db: FreshDb;
let srv: Proc;
let caf: Client;
let desk: DeskProcess;
const DESK_ID = 'sportello-console';
/** The CAF's own browser windows (a context apart from the desk's page): closed after each test, never left polling. */
const cafContexts: BrowserContext[] = [];
async function cafWindow(browser: Browser): Promise<Page> {
  const ctx = await browser.newContext();
  cafContexts.push(ctx);
  return ctx.newPage();
}

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
  expect((await new Client(sim.url, SIM_AUTH).put('/config', {})).status).toBe(200);
  const creds = await caf.post<{ deskId: string; secret: string }>('/v1/admin/desks', { deskId: DESK_ID, name: 'Sportello di prova' });
  expect(creds.status).toBe(201);
  desk = await startDesk({
    env: { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.body.deskId}.${creds.body.secret}`, RED_DESK_SYNC_INTERVAL: '3600' },
  });
});
test.afterEach(async () => {
  for (const ctx of cafContexts.splice(0)) await ctx.close();
  await desk.stop();
  await srv.stop();
  await db.drop();
});

// ----- helpers -----------------------------------------------------------------------------------------------

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sezioni della console' }).getByRole('button', { name });
const deskList = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const deskRow = (page: Page, text: string) => deskList(page).getByRole('option').filter({ hasText: text });
const bar = (page: Page) => page.getByRole('region', { name: 'Collegamento al CAF' });

async function result<T>(p: ReturnType<typeof callApi>): Promise<T> {
  const r = await p;
  expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  return r.body.result as T;
}

/** A declaration made complete and sent; back when the CAF confirmed it (Trasm.CGN). */
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

async function login(page: Page) {
  await page.goto(`${srv.url}/console/`);
  await page.getByLabel('Token di amministrazione').fill(ADMIN_TOKEN);
  await page.getByLabel('Token di amministrazione').press('Enter');
  await expect(page.getByRole('heading', { name: 'Andamento della campagna' })).toBeVisible();
}

async function sincronizza(page: Page) {
  const done = page.waitForResponse((r) => r.url().endsWith('/api/sync.now'));
  await bar(page).getByRole('button', { name: 'Sincronizza' }).click();
  expect((await done).ok()).toBe(true);
  await expect(bar(page).getByRole('button', { name: 'Sincronizza', exact: true })).toBeEnabled();
}

async function openDesk(page: Page) {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  // The list takes the focus once the monitor's keys are live: shortcuts wait for it (a slow machine paints first).
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeFocused();
}

// ----- scenarios ---------------------------------------------------------------------------------------------

test('login con il token: quello errato è rifiutato; poi la pagina della campagna con i grafici, da tastiera', async ({ page }) => {
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  await sent(cfFor(10), 'ROSSI');
  const res = await page.goto(`${srv.url}/console/`);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(page.getByRole('heading', { name: 'Console CAF — RED 2009' })).toBeVisible();
  await expect(page.getByLabel('Token di amministrazione')).toBeFocused();
  await page.keyboard.type('token-sbagliato-0123456789');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Token di amministrazione errato.');
  await expect(page.getByLabel('Token di amministrazione')).toBeFocused();
  expect(await axeSerious(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/console-login.png' });
  await page.keyboard.type(ADMIN_TOKEN);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Andamento della campagna' })).toBeVisible();
  // The numbers may be a few seconds old ("Dati al …"): "Aggiorna" until the declaration just sent is counted.
  await expect(async () => {
    await page.getByRole('button', { name: 'Aggiorna' }).click();
    await expect(page.getByTestId('card-totale')).toContainText('1', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId('card-inoltro')).toContainText('1');
  await expect(page.getByRole('img', { name: /Dichiarazioni per status: Trasm\.CGN 1, Bloccata 0/ })).toBeVisible();
  await expect(page.getByRole('img', { name: `Dichiarazioni per sportello: ${DESK_ID} 1` })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/console-campagna.png', fullPage: true });
  // The session cookie is HttpOnly: the page's script cannot read it.
  expect(await page.evaluate(() => document.cookie)).toBe('');
  // Keyboard: Tab reaches the sections' buttons, Enter opens one.
  await nav(page, 'Sportelli').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sportelli', exact: true })).toBeVisible();
  await expect(nav(page, 'Sportelli')).toHaveAttribute('aria-current', 'page');
  // Esci: the session ends.
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page.getByLabel('Token di amministrazione')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Token di amministrazione')).toBeVisible();
  expect(csp).toEqual([]);
});

test('Sportelli: nuovo sportello con il segreto mostrato una volta sola; nuovo segreto al posto del vecchio', async ({ page }) => {
  await login(page);
  await nav(page, 'Sportelli').click();
  await page.getByLabel('Identificativo').fill('filiale-7');
  await page.getByLabel('Denominazione').fill('Filiale 7 — Pordenone');
  await page.getByRole('button', { name: 'Crea sportello' }).click();
  const box = page.getByTestId('secret-box');
  await expect(box).toContainText('Sportello creato: filiale-7');
  const secret = (await page.getByTestId('secret-value').textContent()) ?? '';
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole('row', { name: /filiale-7/ })).toContainText('Filiale 7 — Pordenone');
  expect(await axeSerious(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/console-sportelli.png', fullPage: true });
  // The secret works for the desk.
  expect((await new Client(srv.url, `Bearer filiale-7.${secret}`).get('/v1/changes')).status).toBe(200);
  await page.getByRole('button', { name: 'Ho annotato il segreto' }).click();
  await expect(box).toHaveCount(0);
  // Shown once: coming back, no secret anywhere.
  await page.reload();
  await nav(page, 'Sportelli').click();
  await expect(page.getByRole('row', { name: /filiale-7/ })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
  // A new secret: the old one stops working.
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Nuovo segreto per filiale-7' }).click();
  await expect(page.getByTestId('secret-box')).toContainText('Nuovo segreto generato: filiale-7');
  const rotated = (await page.getByTestId('secret-value').textContent()) ?? '';
  expect(rotated).not.toBe(secret);
  expect((await new Client(srv.url, `Bearer filiale-7.${secret}`).get('/v1/changes')).status).toBe(401);
  expect((await new Client(srv.url, `Bearer filiale-7.${rotated}`).get('/v1/changes')).status).toBe(200);
  // A duplicate id is refused with the server's message.
  await page.getByLabel('Identificativo').fill('filiale-7');
  await page.getByLabel('Denominazione').fill('Doppione');
  await page.getByRole('button', { name: 'Crea sportello' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Lo sportello filiale-7 esiste già.' })).toBeVisible();
});

test('Sportelli: Disabilita con motivo (lo sportello è rifiutato), Riabilita; Sblocchi: il codice per un errore di una dichiarazione', async ({ page }) => {
  await login(page);
  await nav(page, 'Sportelli').click();
  await page.getByRole('button', { name: `Disabilita ${DESK_ID}` }).click();
  await page.getByLabel('Motivo (mostrato allo sportello)').fill('Convenzione sospesa');
  await page.getByLabel('Motivo (mostrato allo sportello)').press('Enter');
  await expect(page.getByRole('row', { name: new RegExp(DESK_ID) })).toContainText('Disabilitato dal');
  await expect(page.getByRole('row', { name: new RegExp(DESK_ID) })).toContainText('Convenzione sospesa');
  expect(await axeSerious(page)).toEqual([]);
  const sync = await callApi(desk, 'sync.now', {});
  expect(JSON.stringify(sync.body)).toContain('Convenzione sospesa');
  await page.getByRole('button', { name: `Riabilita ${DESK_ID}` }).click();
  await expect(page.getByRole('row', { name: new RegExp(DESK_ID) })).toContainText('Attivo');

  // The desk connects once more, so the server holds its unlock key; then the code for IMP-07 of progressivo 12.
  await result(callApi(desk, 'sync.now', {}));
  await nav(page, 'Sblocchi').click();
  await page.getByLabel('Sportello').fill(DESK_ID);
  await page.getByLabel('Codice fiscale del dichiarante').fill(cfFor(21));
  await page.getByLabel('Progressivo').fill('12');
  await page.getByLabel('Errore da sbloccare').selectOption('IMP-07');
  await page.getByLabel('Giorni di validità').press('Enter');
  await expect(page.getByTestId('sblocco-codice')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(page.getByTestId('sblocco-box')).toContainText(cfFor(21));
  expect(await axeSerious(page)).toEqual([]);
  await page.screenshot({ path: 'test-results/console-sblocchi.png', fullPage: true });
  // An unknown desk: the server's refusal is shown.
  await page.getByLabel('Sportello').fill('inesistente');
  await page.getByLabel('Giorni di validità').press('Enter');
  await expect(page.getByRole('alert')).toBeVisible();
});

test('Blocca con motivo: lo sportello la vede «Bloccata» in Spedite con il motivo e non va all\'INPS; Sblocca: torna Trasm.CGN', async ({ browser, page }) => {
  const cf = cfFor(20);
  await sent(cf, 'VERDI');
  await openDesk(page);
  await page.keyboard.press('Control+2');
  await expect(deskRow(page, cf)).toContainText('Trasm.CGN');

  const cafPage = await cafWindow(browser);
  await login(cafPage);
  await nav(cafPage, 'Dichiarazioni').click();
  await cafPage.getByRole('textbox', { name: 'Codice fiscale' }).fill(cf.toLowerCase());
  await cafPage.getByRole('textbox', { name: 'Codice fiscale' }).press('Enter');
  const row = cafPage.getByRole('row', { name: /VERDI/ });
  await expect(row.getByTestId('decl-status')).toHaveText('Trasm.CGN');
  await row.getByRole('button', { name: /^Blocca la dichiarazione/ }).click();
  const reason = cafPage.getByLabel('Motivo del blocco (lo sportello lo vede)');
  await expect(reason).toBeFocused();
  await cafPage.keyboard.type('Codice fiscale del coniuge da verificare con il pensionato');
  await cafPage.getByRole('button', { name: 'Conferma blocco' }).click();
  await expect(cafPage.getByRole('status')).toContainText('bloccata: non sarà trasmessa all\'INPS');
  await expect(row.getByTestId('decl-status')).toHaveText('Bloccata — Codice fiscale del coniuge da verificare con il pensionato');
  expect(await axeSerious(cafPage)).toEqual([]);
  await cafPage.screenshot({ path: 'test-results/console-blocca.png', fullPage: true });

  // The CAF's forwarding skips it.
  expect((await caf.post<{ forwarded: number }>('/v1/admin/jobs/forward')).body.forwarded).toBe(0);

  // The desk: "Bloccata" in Spedite, the reason under the list.
  await sincronizza(page);
  await expect(deskRow(page, cf)).toContainText('Bloccata');
  await deskRow(page, cf).click();
  await expect(page.getByTestId('message-bar')).toContainText('Bloccata dal CAF — Codice fiscale del coniuge da verificare con il pensionato');
  await page.screenshot({ path: 'test-results/console-desk-bloccata.png', fullPage: true });

  // Sblocca: Trasm.CGN again on the desk, the reason gone; then forwarded.
  await row.getByRole('button', { name: /^Sblocca la dichiarazione/ }).click();
  await expect(row.getByTestId('decl-status')).toHaveText('Trasm.CGN');
  await sincronizza(page);
  await expect(deskRow(page, cf)).toContainText('Trasm.CGN');
  await deskRow(page, cf).click();
  await expect(page.getByTestId('message-bar')).not.toContainText('Bloccata dal CAF');
  expect((await caf.post<{ forwarded: number }>('/v1/admin/jobs/forward')).body.forwarded).toBe(1);
  await sincronizza(page);
  await expect(deskRow(page, cf)).toContainText('Trasm.INPS');
});

test('Circolare pubblicata: arriva allo sportello come nuova, poi letta; Assistenza: domanda dallo sportello, risposta tra i Messaggi', async ({ browser, page }) => {
  const cafPage = await cafWindow(browser);
  await login(cafPage);
  await nav(cafPage, 'Circolari telematiche').click();
  await cafPage.getByLabel('Titolo').fill('Scadenza trasmissioni RED 2009');
  await cafPage.getByLabel('Testo').fill('Le dichiarazioni vanno trasmesse entro il 30 giugno 2009.');
  await cafPage.getByLabel('Data', { exact: true }).fill('2009-06-01');
  await cafPage.getByLabel('Scadenza (facoltativa)').fill('2009-06-30');
  await cafPage.getByRole('button', { name: 'Pubblica a tutti gli sportelli' }).click();
  await expect(cafPage.getByRole('status')).toHaveText('Circolare pubblicata a 1 sportello.');
  await expect(cafPage.getByRole('row', { name: /Scadenza trasmissioni RED 2009/ })).toContainText('30/06/2009');
  expect(await axeSerious(cafPage)).toEqual([]);
  await cafPage.screenshot({ path: 'test-results/console-circolari.png', fullPage: true });

  await openDesk(page);
  await sincronizza(page);
  const link = bar(page).getByRole('button', { name: /^Circolari telematiche/ });
  await expect(link).toHaveText('Circolari telematiche (1 nuova)');
  await link.click();
  const dlg = page.getByRole('dialog', { name: 'Circolari telematiche' });
  const item = dlg.getByRole('option', { name: /Scadenza trasmissioni RED 2009/ });
  await expect(item).toContainText('nuova');
  await expect(item).toContainText('01/06/2009');
  await expect(item).toContainText('Scadenza: 30/06/2009');
  await expect(dlg.getByRole('article')).toContainText('Le dichiarazioni vanno trasmesse entro il 30 giugno 2009.');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.screenshot({ path: 'test-results/console-desk-circolari.png', fullPage: true });
  await dlg.getByRole('button', { name: 'Chiudi' }).click();
  await expect(link).toHaveText('Circolari telematiche');
  await link.click();
  await expect(dlg.getByRole('option', { name: /Scadenza trasmissioni RED 2009/ })).not.toContainText('nuova');
  await page.keyboard.press('Escape');

  // Assistenza: from the desk, with the keyboard.
  await bar(page).getByRole('button', { name: 'Assistenza CGN' }).click();
  const ass = page.getByRole('dialog', { name: 'Assistenza CGN' });
  await expect(ass.getByLabel("Domanda per l'assistenza del CAF CGN")).toBeFocused();
  // fill(): a burst of keys as fast as Playwright types looks like a barcode reader to the wedge detector.
  await ass.getByLabel("Domanda per l'assistenza del CAF CGN").fill('Come si indica una pensione estera?');
  await ass.getByRole('button', { name: 'Invia' }).click();
  await expect(ass.getByRole('status')).toContainText('Domanda inviata al CAF');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Escape');

  await nav(cafPage, 'Assistenza').click();
  const q = cafPage.getByRole('article', { name: new RegExp(`Sportello ${DESK_ID}`) });
  await expect(q).toContainText('Come si indica una pensione estera?');
  await q.getByLabel('Risposta').fill('Nel quadro H, con lo Stato e l\'importo in euro.');
  await q.getByRole('button', { name: 'Invia risposta' }).click();
  await expect(q).toContainText("Risposta (");
  await expect(cafPage.getByRole('status')).toHaveText(`Risposta inviata allo sportello ${DESK_ID}.`);
  await cafPage.screenshot({ path: 'test-results/console-assistenza.png', fullPage: true });

  await sincronizza(page);
  await expect(bar(page).getByRole('button', { name: /^Messaggi/ })).toHaveText('Messaggi: 1');
  await bar(page).getByRole('button', { name: /^Messaggi/ }).click();
  const msgs = page.getByRole('dialog', { name: 'Messaggi dal CAF CGN' });
  await expect(msgs.getByRole('option').first()).toContainText("Nel quadro H, con lo Stato e l'importo in euro.");
  await expect(msgs.getByRole('option').first()).toContainText('ASSISTENZA');
});
