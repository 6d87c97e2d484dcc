/**
 * Trasmissione al CAF CGN from the monitor, as the operator does it (guide pp. 69–70, 99–111): column "S" and
 * "Invio", the status bar and "Sincronizza", esiti from INPS, "Correggi" (Scartata 9203, Scart. CAF, rettificativa
 * of a Ricevuta), "Modifica" of a Trasm.CGN, working offline, Utilità (Reinvio, Storico, Impostazioni collegamento
 * CAF, Riattiva 9011), Segnalazioni and Messaggi. Real processes: the browser host, the bundled central server and
 * the INPS simulator; the CAF's jobs (forward to INPS, esiti) run through the server's admin API.
 */
import { test, expect, type Page } from '@playwright/test';
import { axeSerious } from '../helpers/axe';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeMatricola } from '../helpers/matricole';
import { admin, Client } from '../server/helpers/client';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { cfFor } from '../server/helpers/fixtures';
import { startServerProcess, SIM_AUTH, SIM_TOKEN, startSimulator, type Proc } from '../server/helpers/processes';
import { CF, Decl } from '../unit/rules/fixtures';

let sim: Proc;
let simClient: Client;
let db: FreshDb;
let srv: Proc;
let caf: Client;
let desk: DeskProcess;
let deskId: string;

test.beforeAll(async () => {
  sim = await startSimulator();
  simClient = new Client(sim.url, SIM_AUTH);
});
test.afterAll(async () => {
  await sim.stop();
});

/** A fresh central server and a desk configured for it through its environment (as the CAF installs it). */
test.beforeEach(async () => {
  db = await freshDb('sqlite');
  srv = await startServerProcess(db, { RED_DESK_SERVER_INPS_URL: sim.url, RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN });
  caf = admin(srv.url);
  await simClient.put('/config', {});
  deskId = 'sportello-prova';
  const creds = await caf.post<{ deskId: string; secret: string }>('/v1/admin/desks', { deskId, name: 'Sportello di prova' });
  expect(creds.status).toBe(201);
  desk = await startDesk({
    env: {
      RED_DESK_SERVER_URL: srv.url,
      RED_DESK_SERVER_CREDENTIALS: `${creds.body.deskId}.${creds.body.secret}`,
      // Only the start-up sync, "Invio" and "Sincronizza": nothing changes behind the test's back.
      RED_DESK_SYNC_INTERVAL: '3600',
    },
  });
});
test.afterEach(async () => {
  await desk.stop();
  await srv.stop();
  await db.drop();
});

// ----- helpers -----------------------------------------------------------------------------------------------

const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const rowOf = (page: Page, text: string) => list(page).getByRole('option').filter({ hasText: text });
const bar = (page: Page) => page.getByRole('region', { name: 'Collegamento al CAF' });
const messageBar = (page: Page) => page.getByTestId('message-bar');
const fn = (page: Page, name: string) => page.getByRole('complementary', { name: 'Tasti funzione' }).getByRole('button', { name: new RegExp(`^${name}`) });
const editor = (page: Page) => page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });
const tab = (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) });

async function result<T>(p: ReturnType<typeof callApi>): Promise<T> {
  const r = await p;
  expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  return r.body.result as T;
}

/** A declaration made complete ("Rendi completa"): titolare COGNOME MARIO with a coniuge, 2008 autocertificato. */
async function completa(cf: string, cognome: string, matricola?: Partial<Record<string, string>>): Promise<{ id: number; progressivo: number }> {
  const d = new Decl({ codiceFiscale: cf, ...matricola });
  d.subject('titolare').cognome = cognome;
  const c = await result<{ id: number; progressivo: number }>(callApi(desk, 'declarations.create', { matricola: d.m.matricola }));
  const got = await result<{ version: number }>(callApi(desk, 'declarations.get', { id: c.id }));
  const saved = await result<{ version: number }>(callApi(desk, 'declarations.save', { id: c.id, version: got.version, document: d.doc }));
  const done = await result<{ status: string }>(callApi(desk, 'declarations.complete', { id: c.id, version: saved.version }));
  expect(done.status).toBe('COMPLETA');
  return c;
}

async function openMonitor(page: Page) {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  // The start-up sync has reached the server.
  await expect(bar(page).getByTestId('sync-connection')).toHaveText('Collegato al CAF');
}

/** Column "S" + "Invio" + confirmation, for the declarations whose rows contain `texts`. */
async function invio(page: Page, texts: string[]) {
  await tab(page, 'Da spedire').click();
  for (const t of texts) {
    await rowOf(page, t).click();
    await page.keyboard.press('Space');
    await expect(rowOf(page, t).getByRole('checkbox')).toBeChecked();
  }
  await fn(page, 'Invio').click();
  const dialog = page.getByRole('dialog', { name: 'Invio al CAF CGN' });
  await expect(dialog).toContainText(`Confermare la trasmissione al CAF CGN di ${texts.length} ${texts.length === 1 ? 'dichiarazione' : 'dichiarazioni'}?`);
  await dialog.getByRole('button', { name: 'Conferma invio' }).click();
  await expect(dialog).toBeHidden();
  await expect(messageBar(page)).toContainText(`in attesa di conferma del CAF`);
}

/** The CAF's weekly jobs: forward the Trasm.CGN to INPS, then collect the esiti. */
async function forwardAndEsiti() {
  expect((await caf.post('/v1/admin/jobs/forward')).status).toBe(200);
  const e = await caf.post<{ error: string | null }>('/v1/admin/jobs/esiti');
  expect(e.status).toBe(200);
  expect(e.body.error).toBeNull();
}

/** "Sincronizza" in the status bar; resolves when the desk answered (the sync is over). */
async function sincronizza(page: Page) {
  const done = page.waitForResponse((r) => r.url().endsWith('/api/sync.now'));
  await bar(page).getByRole('button', { name: 'Sincronizza' }).click();
  expect((await done).ok()).toBe(true);
  await expect(bar(page).getByRole('button', { name: 'Sincronizza', exact: true })).toBeEnabled();
}

// ----- scenarios ---------------------------------------------------------------------------------------------


/** Alt+C in the editor ("Rendi completa") and the status it gives. */
async function rendiCompleta(page: Page) {
  await page.keyboard.press('Alt+C');
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Completa');
}

test('Invio: Da spedire → Spedite (Trasm.CGN) → inoltro all\'INPS ed esiti → Ricevute dopo «Sincronizza»; Storico trasmissioni', async ({ page }) => {
  const [a, b] = [cfFor(1), cfFor(2)];
  await completa(a, 'ALFIERI');
  const declB = await completa(b, 'BRUNO');
  const incompleta = cfFor(3);
  await result(callApi(desk, 'declarations.create', { matricola: makeMatricola(incompleta) }));
  await openMonitor(page);
  await expect(bar(page).getByTestId('sync-last')).not.toContainText('mai');
  await expect(bar(page).getByTestId('sync-outbox')).toHaveText('In attesa: 0');
  await bar(page).screenshot({ path: 'test-results/transmission-status-bar.png' });

  // Nothing ticked: "Invio" says why. Only Completa rows have the tick box.
  await expect(fn(page, 'Invio')).toHaveAttribute('aria-disabled', 'true');
  await expect(fn(page, 'Invio')).toHaveAttribute('title', /Spuntare nella colonna S/);
  await expect(rowOf(page, a).getByRole('checkbox')).toBeVisible();
  await expect(rowOf(page, incompleta).getByRole('checkbox')).toHaveCount(0);
  await rowOf(page, incompleta).click();
  await page.keyboard.press('Space');
  await expect(messageBar(page)).toContainText('Si inviano solo le dichiarazioni con status Completa');

  // Space ticks and unticks the selected row (the list keeps the keyboard).
  await rowOf(page, a).click();
  await page.keyboard.press('Space');
  await expect(rowOf(page, a).getByRole('checkbox')).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(rowOf(page, b)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('tick-count')).toHaveText("Selezionate per l'invio: 2");
  await page.keyboard.press('Space');
  await expect(rowOf(page, b).getByRole('checkbox')).not.toBeChecked();
  await expect(page.getByTestId('tick-count')).toHaveText("Selezionate per l'invio: 1");

  // Invio (keyboard: Alt+I): the confirmation names how many and has the focus on Annulla.
  await page.keyboard.press('Alt+I');
  const dialog = page.getByRole('dialog', { name: 'Invio al CAF CGN' });
  await expect(dialog).toContainText('Confermare la trasmissione al CAF CGN di 1 dichiarazione?');
  await expect(dialog.getByRole('button', { name: 'Annulla' })).toBeFocused();
  await page.screenshot({ path: 'test-results/transmission-invio-conferma.png' });
  await page.keyboard.press('Enter'); // Annulla: nothing sent
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, a)).toContainText('Completa');
  await fn(page, 'Invio').click();
  await dialog.getByRole('button', { name: 'Conferma invio' }).click();
  await expect(messageBar(page)).toContainText('1 dichiarazione in attesa di conferma del CAF.');
  await expect(rowOf(page, a)).toHaveCount(0);
  await expect(page.getByTestId('tick-count')).toHaveText("Selezionate per l'invio: 0");

  // The server confirmed the receipt: Spedite, Trasm.CGN.
  await page.keyboard.press('Control+2');
  await expect(rowOf(page, a)).toContainText('Trasm.CGN');
  await expect(rowOf(page, a)).toContainText('ALFIERI MARIO');
  await expect(fn(page, 'Modifica')).toHaveAttribute('aria-disabled', 'false');

  // CAF CGN forwards to INPS: after "Sincronizza" Trasm.INPS, which cannot be changed.
  expect((await caf.post('/v1/admin/jobs/forward')).status).toBe(200);
  await sincronizza(page);
  await expect(rowOf(page, a)).toContainText('Trasm.INPS');
  await rowOf(page, a).click();
  await expect(fn(page, 'Modifica')).toHaveAttribute('aria-disabled', 'true');
  await expect(fn(page, 'Modifica')).toHaveAttribute('title', 'Una dichiarazione Trasm.INPS non si modifica: attendere che passi in Ricevute.');
  // Pressed anyway (keyboard: the button keeps the focus while disabled): the reason in the message bar.
  await fn(page, 'Modifica').press('Enter');
  await expect(messageBar(page)).toContainText('Trasm.INPS non si modifica');

  // INPS esito: Ricevuta, in "Ricevute" after "Sincronizza".
  const e = await caf.post<{ ricevute: number }>('/v1/admin/jobs/esiti');
  expect(e.body.ricevute).toBe(1);
  await expect(rowOf(page, a)).toContainText('Trasm.INPS'); // nothing moves until the desk syncs
  await sincronizza(page);
  await expect(tab(page, 'Spedite')).toContainText('0');
  await page.keyboard.press('Control+3');
  await expect(rowOf(page, a)).toContainText('Ricevuta');
  await expect(fn(page, 'Correggi')).toHaveAttribute('aria-disabled', 'false');

  // Utilità → Storico trasmissioni: the file with date, state and the names.
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Storico trasmissioni' }).click();
  const storico = page.getByRole('dialog', { name: 'Storico trasmissioni' });
  await expect(storico.getByRole('status')).toHaveText('File 1–1 di 1, dal più recente.');
  const file = storico.getByRole('table', { name: 'File trasmessi' }).getByRole('row').nth(1);
  await expect(file).toContainText('Ricevuta dal CAF');
  await expect(file).toContainText(new RegExp(`${new Date().getFullYear()} \\d\\d:\\d\\d:\\d\\d`));
  await file.getByRole('button', { name: 'Mostra nomi (1)' }).click();
  await expect(storico.getByRole('table', { name: /Dichiarazioni del file/ })).toContainText('ALFIERI MARIO');
  await expect(storico.getByRole('table', { name: /Dichiarazioni del file/ })).toContainText(a);
  await page.screenshot({ path: 'test-results/transmission-storico.png' });
  await page.keyboard.press('Escape');
  await expect(storico).toBeHidden();

  // A ticked declaration that is no longer Completa when "Invio" runs (changed meanwhile, e.g. from another
  // window): refused, with the reason, and it stays in "Da spedire".
  await page.keyboard.press('Control+1');
  await rowOf(page, b).click();
  await page.keyboard.press('Space');
  await expect(rowOf(page, b).getByRole('checkbox')).toBeChecked();
  const edit = await result<{ version: number; document: { soggetti: { role: string; cognome: string }[] } }>(callApi(desk, 'declarations.get', { id: declB.id }));
  edit.document.soggetti.find((x) => x.role === 'TITOLARE')!.cognome = '';
  await result(callApi(desk, 'declarations.save', { id: declB.id, version: edit.version, document: edit.document }));
  await expect(rowOf(page, b)).not.toContainText('Completa');
  await fn(page, 'Invio').click();
  await page.getByRole('dialog', { name: 'Invio al CAF CGN' }).getByRole('button', { name: 'Conferma invio' }).click();
  const esito = page.getByRole('dialog', { name: "Esito dell'invio" });
  await expect(esito.getByRole('status')).toHaveText('Nessuna dichiarazione inviata: 1 dichiarazione non inviabile (vedere il motivo).');
  await expect(esito.getByRole('table', { name: 'Dichiarazioni non inviate' }).getByRole('row').nth(1)).toContainText(String(declB.progressivo));
  await expect(esito.getByRole('table', { name: 'Dichiarazioni non inviate' }).getByRole('row').nth(1)).toContainText(/Completa/);
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]); // issue 11 point 23
  await page.keyboard.press('Escape');
  await expect(messageBar(page)).toContainText('Nessuna dichiarazione inviata');
  await expect(rowOf(page, b)).toBeVisible();
});

test('Scartata 9203: «Correggi», resa completa, nuovo Invio e infine Ricevuta', async ({ page }) => {
  const cf = cfFor(20);
  await completa(cf, 'CARINI');
  await simClient.put('/config', { byCodiceFiscale: { [cf]: '9203' } });
  await openMonitor(page);

  // "Seleziona tutte le complete" then Invio.
  await page.getByLabel('Seleziona tutte le complete').check();
  await expect(rowOf(page, cf).getByRole('checkbox')).toBeChecked();
  await fn(page, 'Invio').click();
  const conferma = page.getByRole('dialog', { name: 'Invio al CAF CGN' });
  await expect(conferma).toContainText('Confermare la trasmissione al CAF CGN di tutte le dichiarazioni complete della scheda Da spedire (1 dichiarazione)?');
  await expect(page.getByTestId('tick-count')).toHaveText('Selezionate per l\'invio: tutte le complete (1)');
  await conferma.getByRole('button', { name: 'Conferma invio' }).click();
  await expect(messageBar(page)).toContainText('1 dichiarazione in attesa di conferma del CAF.');
  await page.keyboard.press('Control+2');
  await expect(rowOf(page, cf)).toContainText('Trasm.CGN');

  await forwardAndEsiti();
  await sincronizza(page);
  await page.keyboard.press('Control+4');
  await expect(rowOf(page, cf)).toContainText('Scartata');
  await rowOf(page, cf).click();
  // The reason in red under the list (p. 108).
  await expect(messageBar(page)).toHaveText('9203 — Dichiarazione trasmessa da ritrasmettere');
  await expect(messageBar(page)).toHaveClass(/error/);

  await fn(page, 'Correggi').click();
  const dialog = page.getByRole('dialog', { name: 'Correggi dichiarazione scartata' });
  await expect(dialog).toContainText('torna in «Da spedire»');
  await expect(dialog.getByRole('button', { name: 'Annulla' })).toBeFocused();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]); // issue 11 point 23
  await dialog.getByRole('button', { name: 'Correggi' }).click();

  // The editor opens on it, back in "Da spedire"; Rendi completa (Alt+C), Esc.
  await expect(editor(page)).toBeVisible();
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Incompleta');
  await rendiCompleta(page);
  await page.keyboard.press('Escape');
  await expect(editor(page)).toBeHidden();
  await expect(tab(page, 'Da spedire')).toHaveAttribute('aria-selected', 'true');
  await expect(rowOf(page, cf)).toContainText('Completa');

  // Resent: this time INPS accepts it.
  await simClient.put('/config', {});
  await invio(page, [cf]);
  await page.keyboard.press('Control+2');
  await expect(rowOf(page, cf)).toContainText('Trasm.CGN');
  await forwardAndEsiti();
  await sincronizza(page);
  await page.keyboard.press('Control+3');
  await expect(rowOf(page, cf)).toContainText('Ricevuta');
  await expect(tab(page, 'Scartate')).toContainText('0');
});

test('Rettificativa da una Ricevuta: R con nuovo progressivo, originale nascosta, Esci rifiutata finché non è inviata', async ({ page }) => {
  const cf = cfFor(30);
  const orig = await completa(cf, 'DONATI');
  // Sent and accepted (set up through the API: the UI of Invio is covered above).
  await result(callApi(desk, 'transmission.send', { ids: [orig.id] }));
  await expect.poll(async () => (await result<{ outboxDeclarations: number }>(callApi(desk, 'sync.now', {}))).outboxDeclarations).toBe(0);
  await forwardAndEsiti();
  await result(callApi(desk, 'sync.now', {}));
  await openMonitor(page);
  await page.keyboard.press('Control+3');
  await expect(rowOf(page, cf)).toContainText('Ricevuta');
  await rowOf(page, cf).click();

  await fn(page, 'Correggi').click();
  const dialog = page.getByRole('dialog', { name: 'Correggi: dichiarazione rettificativa' });
  await expect(dialog).toContainText('Sarà creata una dichiarazione rettificativa (tipo R) con un nuovo progressivo');
  await expect(dialog).toContainText('prima di chiudere il programma');
  await expect(dialog.getByRole('button', { name: 'Annulla' })).toBeFocused();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]); // issue 11 point 23
  await dialog.getByRole('button', { name: 'Crea rettificativa' }).click();

  // The editor opens on the R: same save / Rendi completa as any declaration.
  await expect(editor(page)).toBeVisible();
  await expect(editor(page)).toContainText('Tipo R');
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Incompleta');
  await page.keyboard.press('Escape');
  // The R has no blocking error: closing asks "Rendere completa?"; the operator closes without, for now.
  await page.getByRole('dialog', { name: 'Rendere completa?' }).getByRole('button', { name: 'No, chiudi' }).click();
  await expect(editor(page)).toBeHidden();
  const r = rowOf(page, cf);
  await expect(tab(page, 'Da spedire')).toHaveAttribute('aria-selected', 'true');
  await expect(r.locator('.c-tipo')).toHaveText('R');
  const progressivoR = Number(await r.locator('.c-prog').textContent());
  expect(progressivoR).not.toBe(orig.progressivo);

  // The original is Rettificata, hidden in Ricevute unless "Visualizza rettificate".
  await page.keyboard.press('Control+3');
  await expect(list(page)).toContainText('Nessuna dichiarazione');
  await page.getByLabel('Visualizza rettificate').check();
  await expect(rowOf(page, cf)).toContainText('Rettificata');
  await expect(rowOf(page, cf).locator('.c-prog')).toHaveText(String(orig.progressivo));
  await page.getByLabel('Visualizza rettificate').uncheck();
  await expect(list(page)).toContainText('Nessuna dichiarazione');

  // Esci refused while the R is not sent: the message, and the monitor shows the R.
  await fn(page, 'Esci').click();
  await expect(messageBar(page)).toContainText('Non è possibile uscire');
  await expect(messageBar(page)).toContainText(String(progressivoR));
  await expect(tab(page, 'Da spedire')).toHaveAttribute('aria-selected', 'true');
  await expect(rowOf(page, cf)).toHaveAttribute('aria-selected', 'true');
  // Closing the tab directly: the browser asks first (beforeunload); dismissed, the monitor stays.
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (d) => {
      resolve(d.type());
      void d.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  await expect(rowOf(page, cf)).toBeVisible();

  // Rendi completa and send the R; then Esci is allowed (the browser host: close the tab).
  await page.keyboard.press('Enter');
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Incompleta');
  await rendiCompleta(page);
  await page.keyboard.press('Escape');
  await invio(page, [cf]);
  await page.keyboard.press('Control+2');
  await expect(rowOf(page, cf)).toContainText('Trasm.CGN');
  await expect(rowOf(page, cf).locator('.c-tipo')).toHaveText('R');
  // Esci now closes the program (here the tab: window.close is observed instead of closing the page).
  await page.evaluate(() => {
    window.close = () => document.body.setAttribute('data-closed', 'yes');
  });
  await fn(page, 'Esci').click();
  await expect(page.locator('body')).toHaveAttribute('data-closed', 'yes');
  await expect(messageBar(page)).not.toContainText('Non è possibile uscire');
  // And the tab closes without asking.
  let askedAgain = false;
  page.once('dialog', (d) => {
    askedAgain = true;
    void d.dismiss();
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(askedAgain).toBe(false);
});

test('Senza collegamento: Invio lascia la dichiarazione in Attesa; tornato il server, «Sincronizza» → Trasm.CGN', async ({ page }) => {
  const cf = cfFor(40);
  await completa(cf, 'ESPOSITO');
  await openMonitor(page);

  // The CAF server goes down.
  const port = new URL(srv.url).port;
  await srv.stop();
  await invio(page, [cf]);
  await page.keyboard.press('Control+2');
  await expect(rowOf(page, cf)).toContainText('Attesa');
  await expect(bar(page).getByTestId('sync-connection')).toHaveText('CAF non raggiungibile');
  await expect(bar(page).getByTestId('sync-outbox')).toHaveText('In attesa: 1');
  await expect(bar(page).getByTestId('sync-error')).toBeVisible();
  await bar(page).screenshot({ path: 'test-results/transmission-status-bar-offline.png' });
  // Modifica is not for a declaration waiting for the CAF.
  await rowOf(page, cf).click();
  await expect(fn(page, 'Modifica')).toHaveAttribute('aria-disabled', 'true');

  // Utilità → Reinvio dichiarazioni lists it with its file and the last error.
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Reinvio dichiarazioni' }).click();
  const reinvio = page.getByRole('dialog', { name: 'Reinvio dichiarazioni' });
  const attesa = reinvio.getByRole('table', { name: 'Dichiarazioni in attesa' }).getByRole('row').filter({ hasText: cf });
  await expect(attesa).toContainText('ESPOSITO MARIO');
  await expect(attesa).toContainText('In attesa di conferma');
  await expect(reinvio).toContainText('Consulenza telefonica CGN');
  await page.screenshot({ path: 'test-results/transmission-reinvio.png' });
  // "Reinvia" while the CAF is still down: the file goes out again at once and stays in Attesa.
  await reinvio.getByRole('button', { name: 'Reinvia' }).click();
  await expect(reinvio.getByRole('status')).toHaveText('Reinviato 1 file (1 dichiarazione).');
  await expect(attesa).toContainText('In attesa di conferma');
  await page.keyboard.press('Escape');
  await expect(reinvio).toBeHidden();
  await expect(rowOf(page, cf)).toContainText('Attesa');

  // The server is back (same address): Sincronizza sends the file; the receipt is confirmed.
  srv = await startServerProcess(db, { RED_DESK_SERVER_INPS_URL: sim.url, RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN, PORT: port });
  await bar(page).getByRole('button', { name: 'Sincronizza' }).click();
  await expect(bar(page).getByTestId('sync-connection')).toHaveText('Collegato al CAF');
  await expect(rowOf(page, cf)).toContainText('Trasm.CGN');
  await expect(bar(page).getByTestId('sync-outbox')).toHaveText('In attesa: 0');
  await expect(bar(page).getByTestId('sync-error')).toHaveCount(0);
});

test('Modifica di una Trasm.CGN: ritirata dal CAF, torna in Da spedire e si apre nell\'editor', async ({ page }) => {
  const cf = cfFor(50);
  await completa(cf, 'FERRARI');
  await openMonitor(page);
  await invio(page, [cf]);
  await page.keyboard.press('Control+2');
  await expect(rowOf(page, cf)).toContainText('Trasm.CGN');
  await rowOf(page, cf).click();

  await fn(page, 'Modifica').click();
  const dialog = page.getByRole('dialog', { name: 'Modifica dichiarazione trasmessa' });
  await expect(dialog).toContainText(
    "La dichiarazione sarà ritirata dal CAF e tornerà in Da spedire; non sarà inviata all'INPS finché non viene ritrasmessa",
  );
  await expect(dialog.getByRole('button', { name: 'Annulla' })).toBeFocused();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]); // issue 11 point 23
  await dialog.getByRole('button', { name: 'Ritira e modifica' }).click();

  await expect(editor(page)).toBeVisible();
  await expect(editor(page)).not.toContainText('Sola lettura');
  await page.keyboard.press('Escape');
  await expect(editor(page)).toBeHidden();
  await expect(tab(page, 'Da spedire')).toHaveAttribute('aria-selected', 'true');
  await expect(rowOf(page, cf)).toContainText('Completa');
  await expect(messageBar(page)).toContainText('ritirata dal CAF');
  await expect(tab(page, 'Spedite')).toContainText('0');

  // The CAF no longer holds it for INPS: the forward job finds nothing.
  const f = await caf.post<{ forwarded: number }>('/v1/admin/jobs/forward');
  expect(f.body.forwarded).toBe(0);
});

test('Scart. CAF: Segnalazioni, messaggio in rosso con il codice fiscale suggerito, «Correggi» con il codice fiscale suggerito', async ({ page }) => {
  const [vecchio, nuovo] = [cfFor(60), cfFor(61)];
  await caf.put('/v1/admin/anagrafe', {
    replace: true,
    entries: [{ codiceFiscale: nuovo }, { codiceFiscale: CF.coniuge }, { codiceFiscale: vecchio, collegatoA: nuovo }],
  });
  await completa(vecchio, 'GALLI');
  await openMonitor(page);
  await invio(page, [vecchio]);
  await page.keyboard.press('Control+4');
  const row = rowOf(page, vecchio);
  await expect(row).toContainText('Scart. CAF');
  await row.click();
  await expect(messageBar(page)).toContainText(`Scart. CAF — C.F.: codice fiscale collegato ${nuovo}`);
  await expect(messageBar(page)).toContainText(`Codice fiscale suggerito: ${nuovo}`);
  // Inside the declaration too (p. 110): its Monitor errori shows the CAF's error on the titolare's codice fiscale.
  await page.keyboard.press('Enter');
  const scarto = editor(page).getByRole('listbox', { name: /Errori bloccanti/ }).locator('[data-code="Scart. CAF"]');
  await expect(scarto).toContainText(`codice fiscale del titolare ${vecchio}`);
  await expect(scarto).toContainText(`codice fiscale suggerito: ${nuovo}`);
  await scarto.dblclick();
  await expect(editor(page).locator('[data-field="anagrafica.codiceFiscale"]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor(page)).toBeHidden();

  // Segnalazioni (side link in the status bar): the declaration, the reason, the suggestion; Apri goes there.
  await page.keyboard.press('Control+1');
  await bar(page).getByRole('button', { name: 'Segnalazioni' }).click();
  const seg = page.getByRole('dialog', { name: 'Segnalazioni' });
  const item = seg.getByRole('option').filter({ hasText: vecchio });
  await expect(item).toContainText('GALLI MARIO');
  await expect(item).toContainText('Scart. CAF');
  await expect(item).toContainText(`codice fiscale suggerito: ${nuovo}`);
  await expect(seg.getByRole('listbox')).toBeFocused();
  await page.screenshot({ path: 'test-results/transmission-segnalazioni.png' });
  await page.keyboard.press('Enter');
  await expect(seg).toBeHidden();
  await expect(tab(page, 'Scartate')).toHaveAttribute('aria-selected', 'true');
  await expect(row).toHaveAttribute('aria-selected', 'true');

  // Correggi: use the suggested codice fiscale.
  await fn(page, 'Correggi').click();
  const dialog = page.getByRole('dialog', { name: 'Correggi: codice fiscale scartato dal CAF' });
  await expect(dialog.getByRole('button', { name: 'Annulla' })).toBeFocused();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]); // issue 11 point 23
  await page.screenshot({ path: 'test-results/transmission-correggi-scart-caf.png' });
  await dialog.getByRole('button', { name: `Usa il codice fiscale suggerito ${nuovo}` }).click();
  await expect(editor(page)).toBeVisible();
  await expect(editor(page).locator('[data-field="anagrafica.codiceFiscale"]')).toHaveValue(nuovo);
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Incompleta');
  await page.keyboard.press('Escape');
  // Nothing blocks it any more: closing asks "Rendere completa?"; here the operator closes without.
  await page.getByRole('dialog', { name: 'Rendere completa?' }).getByRole('button', { name: 'No, chiudi' }).click();
  await expect(editor(page)).toBeHidden();
  await expect(tab(page, 'Da spedire')).toHaveAttribute('aria-selected', 'true');
  await expect(tab(page, 'Scartate')).toContainText('0');
});

test('9011: messaggio del CAF in «Messaggi», Utilità → Riattiva dichiarazione 9011', async ({ page }) => {
  const cf = cfFor(70);
  const ipost = { codiceEmissione: 'H' };
  const d = new Decl({ codiceFiscale: cf, ...ipost });
  await caf.put('/v1/admin/matricole-errate', { replace: true, entries: [{ matricola: d.m.matricola, code: '9011' }] });
  await completa(cf, 'LONGO', ipost);
  await openMonitor(page);
  await invio(page, [cf]);
  await page.keyboard.press('Control+4');
  await expect(rowOf(page, cf)).toContainText('Scartata');
  await rowOf(page, cf).click();
  await expect(messageBar(page)).toContainText('9011');
  // Not correctable with Correggi: the reason as tooltip and, on a click, as message.
  await expect(fn(page, 'Correggi')).toHaveAttribute('aria-disabled', 'true');
  await fn(page, 'Correggi').press('Enter');
  await expect(messageBar(page)).toContainText('Non è permessa la correzione (codice 9011)');

  // Riattiva on another row (nothing selected that fits) explains what to do.
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Riattiva dichiarazione 9011' }).click();
  await expect(messageBar(page)).toContainText('selezionare nella scheda Scartate una dichiarazione Scartata con codice 9011');

  // The CAF checked the matricola: correct. The message arrives with the next sync.
  const v = await caf.post('/v1/admin/matricole-errate/verifica', { matricola: d.m.matricola, esito: 'CORRETTA' });
  expect(v.status).toBe(200);
  await sincronizza(page);
  const messaggi = bar(page).getByRole('button', { name: /^Messaggi: / });
  await expect(messaggi).toHaveText('Messaggi: 1');
  await messaggi.click();
  const dlg = page.getByRole('dialog', { name: 'Messaggi dal CAF CGN' });
  await expect(dlg.getByRole('option')).toHaveCount(1);
  await expect(dlg.getByRole('option').first()).toContainText('nuovo');
  await page.screenshot({ path: 'test-results/transmission-messaggi.png' });
  await page.keyboard.press('Escape');
  await expect(messaggi).toHaveText('Messaggi: 0');

  await page.keyboard.press('Control+4');
  await rowOf(page, cf).click();
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Riattiva dichiarazione 9011' }).click();
  const conferma = page.getByRole('dialog', { name: 'Riattiva dichiarazione 9011' });
  await expect(conferma.getByRole('button', { name: 'Annulla' })).toBeFocused();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]); // issue 11 point 23
  await conferma.getByRole('button', { name: 'Riattiva' }).click();
  await expect(tab(page, 'Da spedire')).toHaveAttribute('aria-selected', 'true');
  await expect(rowOf(page, cf)).toContainText('Completa');
  await expect(messageBar(page)).toContainText('riattivata');
});

test('Impostazioni collegamento CAF: valori da variabile d\'ambiente in sola lettura, errori accanto al campo, termine scaduto', async ({ page }) => {
  const cf = cfFor(80);
  await completa(cf, 'MARINI');
  await openMonitor(page);
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Impostazioni collegamento CAF' }).click();
  const dialog = page.getByRole('dialog', { name: 'Impostazioni collegamento CAF' });
  const url = dialog.getByLabel('Indirizzo del server CAF');
  await expect(url).toHaveValue(srv.url);
  await expect(url).toHaveAttribute('readonly', '');
  await expect(dialog).toContainText("impostato da variabile d'ambiente (RED_DESK_SERVER_URL)");
  await expect(dialog.getByLabel('Identificativo dello sportello')).toHaveValue(deskId);
  await expect(dialog.getByLabel('Identificativo dello sportello')).toHaveAttribute('readonly', '');
  await expect(dialog.getByLabel('Sincronizzazione automatica ogni (secondi)')).toBeFocused();

  // A value out of range: the message next to the field, nothing saved.
  await dialog.getByLabel('Sincronizzazione automatica ogni (secondi)').fill('5');
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Intervallo minimo 10 secondi');
  await expect(dialog.getByLabel('Sincronizzazione automatica ogni (secondi)')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/transmission-impostazioni.png' });

  // The deadline of the CAF circular, already passed: saved, then Invio is refused with the date.
  await dialog.getByLabel('Sincronizzazione automatica ogni (secondi)').fill('3600');
  await dialog.getByLabel("Termine per effettuare l'invio").fill('2009-06-30T18:00');
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await expect(dialog).toBeHidden();
  await expect(messageBar(page)).toHaveText('Impostazioni del collegamento al CAF salvate.');
  await rowOf(page, cf).click();
  await page.keyboard.press('Space');
  await fn(page, 'Invio').click();
  await page.getByRole('dialog', { name: 'Invio al CAF CGN' }).getByRole('button', { name: 'Conferma invio' }).click();
  await expect(messageBar(page)).toContainText("Il termine per effettuare l'invio è scaduto il 30/06/2009 alle ore 18:00");
  await expect(rowOf(page, cf)).toContainText('Completa');
});
