import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { decodeBarcode } from '../helpers/barcode';
import { cfOf } from '../helpers/print-desk';
import { seedPrintArchive } from '../helpers/print-seed';
import { makeCf } from '../helpers/matricole';

const CF_INPDAP = makeCf('VRD', 'GPP', '41', 'C', '10', 'F205');

let desk: DeskProcess;
test.beforeEach(async () => {
  // The archive is prepared before the desk starts: one declaration received by the CAF (Trasm.CGN), one in
  // Attesa (Invio done, not yet received), one Completa in Da spedire, one INPDAP in Da spedire.
  const dataDir = mkdtempSync(join(tmpdir(), 'red-desk-prints-'));
  seedPrintArchive(dataDir, CF_INPDAP);
  desk = await startDesk({ dataDir });
});
test.afterEach(async () => {
  await desk.stop();
});

const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const fn = (page: Page) => page.getByRole('complementary', { name: 'Tasti funzione' });

async function openMonitor(page: Page) {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  // The list takes the focus once the monitor's keys are live: shortcuts wait for it (a slow machine paints first).
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeFocused();
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('Stampe varie → 08 Moduli in prova su una dichiarazione in Da spedire: il PDF è in stampe/ e viene scaricato', async ({ page }) => {
  await openMonitor(page);
  await list(page).getByRole('option').filter({ hasText: cfOf('zeroRed') }).click();
  await fn(page).getByRole('button', { name: /^Stampe varie/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Stampe varie' });
  await dialog.getByLabel('08 Moduli in prova').check();
  await expect(dialog.getByLabel(/Solo quella selezionata/)).toBeChecked();
  await expect(dialog).toContainText('PROVA – NON VALIDO');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Stampa' }).click();
  const d = await download;
  const name = d.suggestedFilename();
  expect(name).toMatch(new RegExp(`^08_Prova_${cfOf('zeroRed')}_\\d{8}-\\d{6}\\.pdf$`));
  await expect(dialog.getByTestId('print-file-name')).toHaveText(name);
  await expect(dialog.getByRole('status').last()).toContainText(join(desk.dataDir, 'stampe', name));
  expect(existsSync(join(desk.dataDir, 'stampe', name))).toBe(true);
  const saved = join(test.info().outputDir, name);
  await d.saveAs(saved);
  const text = pdfText(saved);
  expect(text).toContain('Mod. CERT. RED/2');
  expect(text).toContain('PROVA – NON VALIDO');
  await page.screenshot({ path: 'test-results/stampe-varie-08.png' });
});

test('Stampa modelli su una dichiarazione spedita: CREA LISTA → ELABORA → STAMPA, poi la ristampa; rifiutata (OPR-08) se non ricevuta dal CAF', async ({ page }) => {
  await openMonitor(page);
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('tab', { name: /Spedite/ })).toHaveAttribute('aria-selected', 'true');
  await list(page).getByRole('option').filter({ hasText: cfOf('normaleConiuge') }).click();
  await fn(page).getByRole('button', { name: /^Stampa modelli/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Stampa modelli' });
  await expect(dialog.getByRole('button', { name: 'CREA LISTA' })).toBeFocused();
  await page.keyboard.press('Enter');
  const rows = dialog.getByRole('listbox', { name: 'Dichiarazioni da stampare' }).getByRole('option');
  await expect(rows).toHaveCount(2);
  const sent = rows.filter({ hasText: cfOf('normaleConiuge') });
  const attesa = rows.filter({ hasText: cfOf('documentatoNessuna') });
  await expect(sent).toHaveAttribute('aria-selected', 'true');
  await expect(attesa).toHaveAttribute('aria-disabled', 'true');
  // The one not yet received by the CAF cannot be chosen: double click says why.
  await expect(dialog.getByRole('alert')).toContainText('1 dichiarazione in «Attesa» non è selezionabile. OPR-08');
  await attesa.dblclick({ force: true }); // aria-disabled: Playwright would wait for it to become enabled
  await expect(dialog.getByRole('alert')).toContainText(`(Attesa): OPR-08: si stampano solo le dichiarazioni già inviate e ricevute dal CAF CGN`);
  await expect(attesa).toHaveAttribute('aria-selected', 'false');
  await page.screenshot({ path: 'test-results/stampa-modelli-lista.png' });

  await dialog.getByRole('button', { name: 'ELABORA' }).click();
  await expect(dialog.getByText('Nessuna delle dichiarazioni scelte è già stata stampata.')).toBeVisible();
  await expect(dialog.getByLabel('Ristampa dei modelli già stampati')).toHaveCount(0);
  await expect(dialog.getByLabel('Numero di copie')).toHaveValue('1');
  let download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'STAMPA' }).click();
  let d = await download;
  expect(d.suggestedFilename()).toMatch(new RegExp(`^RED1_${cfOf('normaleConiuge')}_\\d{8}-\\d{6}\\.pdf$`));
  await expect(dialog.getByRole('status').last()).toContainText('1 dichiarazione stampata');
  const first = join(test.info().outputDir, d.suggestedFilename());
  await d.saveAs(first);
  const text = pdfText(first);
  for (const s of ['Mod. CERT. RED/1', 'Mod. CERT. RED/T', 'Mod. CERT. RED/C', '12.345', 'Firma del dichiarante']) expect(text).toContain(s);
  await page.screenshot({ path: 'test-results/stampa-modelli-stampata.png' });

  // Back to the list: it is now printed, and the reprint option is offered.
  await dialog.getByRole('button', { name: 'Indietro' }).click();
  await expect(sent).toContainText('stampata il');
  // Still the monitor's selection; double click deselects and selects again, Spazio too.
  await expect(sent).toHaveAttribute('aria-selected', 'true');
  await sent.dblclick();
  await expect(sent).toHaveAttribute('aria-selected', 'false');
  await expect(dialog.getByRole('button', { name: 'ELABORA' })).toBeDisabled();
  await dialog.getByRole('listbox', { name: 'Dichiarazioni da stampare' }).press('Space');
  await expect(sent).toHaveAttribute('aria-selected', 'true');
  await dialog.getByRole('button', { name: 'ELABORA' }).click();
  const ristampa = dialog.getByLabel('Ristampa dei modelli già stampati');
  await expect(ristampa).toBeVisible();
  await ristampa.check();
  await dialog.getByLabel('Numero di copie').fill('2');
  download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'STAMPA' }).click();
  d = await download;
  const second = join(test.info().outputDir, `2-${d.suggestedFilename()}`);
  await d.saveAs(second);
  // Two copies: the model heading twice (the attachments name RED/1 in their titles too).
  expect(pdfText(second).match(/^Mod\. CERT\. RED\/1\s*$/gm)?.length).toBe(2);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('Utilità → Richiesta duplicato Stringa CAF: PDF per una matricola INPS, rifiutata per una matricola INPDAP', async ({ page }) => {
  await openMonitor(page);
  await list(page).getByRole('option').filter({ hasText: cfOf('zeroRed') }).click();
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Richiesta duplicato stringa CAF' }).click();
  const dialog = page.getByRole('dialog', { name: 'Richiesta duplicato Stringa CAF' });
  await expect(dialog.getByLabel('Codice fiscale')).toHaveValue(cfOf('zeroRed'));
  await expect(dialog.getByLabel('Cognome', { exact: true })).toHaveValue('ROSSI');
  await dialog.getByLabel('Data di nascita').fill('1940-01-07');
  await dialog.getByLabel('Comune di nascita').fill('Roma');
  await dialog.getByLabel('Documento: numero').fill('AB1234567');
  await dialog.getByLabel('Documento: rilasciato da').fill('Comune di Roma');
  await dialog.getByLabel('Documento: data di rilascio').fill('2005-03-01');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Stampa' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(new RegExp(`^Richiesta_duplicato_Stringa_CAF_${cfOf('zeroRed')}_`));
  const file = join(test.info().outputDir, d.suggestedFilename());
  await d.saveAs(file);
  expect(pdfText(file)).toContain('AB1234567');
  await page.screenshot({ path: 'test-results/duplicato-stringa.png' });
  await dialog.getByRole('button', { name: 'Chiudi' }).click();

  // INPDAP: the same request is refused, naming the rule.
  await list(page).getByRole('option').filter({ hasText: CF_INPDAP }).click();
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Richiesta duplicato stringa CAF' }).click();
  await expect(dialog.getByLabel('Codice fiscale')).toHaveValue(CF_INPDAP);
  await expect(dialog.getByLabel('Ente che ha richiesto il RED')).toHaveValue('G');
  await dialog.getByLabel('Cognome', { exact: true }).fill('VERDI');
  await dialog.getByLabel('Nome', { exact: true }).fill('GIUSEPPE');
  await dialog.getByLabel('Data di nascita').fill('1941-03-10');
  await dialog.getByLabel('Comune di nascita').fill('Milano');
  await dialog.getByLabel('Documento: numero').fill('CD7654321');
  await dialog.getByLabel('Documento: rilasciato da').fill('Comune di Milano');
  await dialog.getByLabel('Documento: data di rilascio').fill('2006-05-02');
  await dialog.getByRole('button', { name: 'Stampa' }).click();
  await expect(dialog.getByRole('alert')).toContainText('esclusivamente per le matricole INPS');
  await expect(dialog.getByLabel('Ente che ha richiesto il RED')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/duplicato-inpdap.png' });
});

test('Nuovo: «Ritirata la lettera di richiesta» è spuntata con la data di oggi e si può cambiare', async ({ page }) => {
  await openMonitor(page);
  await page.keyboard.press('Alt+N');
  const dialog = page.getByRole('dialog').filter({ hasText: 'Crea dichiarazione' });
  await expect(dialog.getByLabel('Ritirata la lettera di richiesta')).toBeChecked();
  const today = await page.evaluate(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date()));
  await expect(dialog.getByLabel('data di consegna')).toHaveValue(today);
  await dialog.getByLabel('Ritirata la lettera di richiesta').uncheck();
  await expect(dialog.getByLabel('data di consegna')).toBeDisabled();
  await page.screenshot({ path: 'test-results/nuovo-data-consegna.png' });
});

test('la data di consegna si vede e si cambia nella dichiarazione; in sola lettura si vede soltanto', async ({ page }) => {
  await openMonitor(page);
  // zeroRed is in Da spedire (editable); the seed took its letter in on 15/04/2009.
  const row = list(page).getByRole('option').filter({ hasText: cfOf('zeroRed') });
  await row.click();
  await page.keyboard.press('Enter');
  const box = page.getByRole('region', { name: 'Lettera di richiesta' });
  await expect(box.getByLabel('Ritirata la lettera di richiesta')).toBeChecked();
  await expect(box.getByLabel('data di consegna')).toHaveValue('2009-04-15');
  await box.getByLabel('Ritirata la lettera di richiesta').uncheck();
  await expect(box.getByLabel('data di consegna')).toBeDisabled();
  await box.getByLabel('Ritirata la lettera di richiesta').check();
  const today = await page.evaluate(() => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date()));
  await expect(box.getByLabel('data di consegna')).toHaveValue(today);
  await box.getByLabel('data di consegna').fill('2009-04-20');
  const found = await callApi(desk, 'declarations.findByCodiceFiscale', { codiceFiscale: cfOf('zeroRed') });
  const id = (found.body.result as { rows: { id: number }[] }).rows[0]?.id;
  await expect.poll(async () => ((await callApi(desk, 'declarations.get', { id })).body.result as { dataConsegna: string | null }).dataConsegna).toBe('2009-04-20');
  // A day after today is refused by the core, with the field named.
  const refused = await callApi(desk, 'declarations.setConsegna', { id, dataConsegna: '2099-01-01' });
  expect(refused.body.ok).toBe(false);
  expect(refused.body.error).toMatchObject({ field: 'dataConsegna', message: 'Data di consegna: non può essere successiva a oggi.' });
  await page.screenshot({ path: 'test-results/editor-data-consegna.png' });
  await page.keyboard.press('Escape');
  const chiudi = page.getByRole('button', { name: 'No, chiudi' });
  if (await chiudi.isVisible().catch(() => false)) await chiudi.click();

  // In Spedite the declaration opens read-only: the date is only shown.
  await page.keyboard.press('Control+2');
  await list(page).getByRole('option').filter({ hasText: cfOf('normaleConiuge') }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Lettera di richiesta' }).getByTestId('data-consegna')).toHaveText('Ritirata il 15/04/2009');
  await expect(page.getByRole('region', { name: 'Lettera di richiesta' }).getByRole('checkbox')).toHaveCount(0);
});

test('il codice a barre di un modello stampato, letto nel Monitor, seleziona la sua dichiarazione in qualunque scheda', async ({ page }) => {
  // Print the RED/1 of the declaration received by the CAF, then read the barcode off the rendered page.
  const spedite = await callApi(desk, 'monitor.list', { tab: 'SPEDITE', codiceFiscale: cfOf('normaleConiuge'), offset: 0, limit: 5 });
  const row = (spedite.body.result as { rows: { id: number; progressivo: number }[] }).rows[0];
  expect(row).toBeDefined();
  const printed = await callApi(desk, 'prints.models', {
    jobId: 'job-e2e-barcode', ids: [row?.id], modelli: 'TUTTI', ristampa: false, copie: 1, elencoDocumenti: false,
  });
  const file = (printed.body.result as { file: { path: string } }).file.path;
  const key = decodeBarcode(file);
  expect(key).toContain(cfOf('normaleConiuge'));

  // A HID reader (capture on): its reads reach the page as the core's "capture.scan" events, the same path as a
  // keyboard-wedge burst after detection (capture.spec.ts), without the timing of simulated keys.
  const saved = await callApi(desk, 'capture.saveSettings', { enabled: true, hid: null, wedge: { maxInterKeyMs: 50, minLength: 8 } });
  expect(saved.body.ok).toBe(true);
  const core: { send: ((event: string, payload: unknown) => void) | null } = { send: null };
  await page.routeWebSocket(/\/events/, (ws) => {
    ws.connectToServer();
    core.send = (event, payload) => ws.send(JSON.stringify({ event, payload }));
  });
  await openMonitor(page);
  await expect.poll(() => core.send !== null).toBe(true);
  const hid = (text: string) => core.send?.('capture.scan', { text, source: 'hid', at: Date.now() });
  await expect(page.getByRole('tab', { name: /Da spedire/ })).toHaveAttribute('aria-selected', 'true');
  // The reader is live once the status line says so (the capture settings are read after the monitor shows).
  await expect(page.getByText(/Lettura ottica: attiva/)).toBeVisible();
  hid(`${key}\r`);
  await expect(page.getByRole('tab', { name: /Spedite/ })).toHaveAttribute('aria-selected', 'true');
  const selected = list(page).getByRole('option', { selected: true });
  await expect(selected).toContainText(cfOf('normaleConiuge'));
  await expect(selected).toContainText(String(row?.progressivo));
  await expect(page.getByTestId('message-bar')).toContainText(`Modello stampato letto: selezionata la dichiarazione ${row?.progressivo}`);
  // Nothing was created: no "Nuovo" opened.
  await expect(page.getByRole('dialog', { name: /Nuovo/ })).toHaveCount(0);

  // A key of a declaration that is not in this archive selects nothing and says so.
  hid(`RED-999999-${cfOf('normaleConiuge')}\r`);
  await expect(page.getByTestId('message-bar')).toContainText(`la dichiarazione 999999 (${cfOf('normaleConiuge')}) non è in questo archivio`);
  await expect(page.getByTestId('message-bar')).toHaveClass(/error/);
});

test('Utilità → Apri cartella stampe: dal browser dice dove sono i file', async ({ page }) => {
  await openMonitor(page);
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Apri cartella stampe' }).click();
  await expect(page.getByTestId('message-bar')).toContainText(`Le stampe sono nella cartella ${join(desk.dataDir, 'stampe')}`);
  await expect(list(page)).toBeFocused();
});
