import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { axeSerious } from '../helpers/axe';
import { makeCf, makeMatricola } from '../helpers/matricole';

/**
 * Servizi → scambio archivi (issue 13 point 1) through the browser host, as operators with the keyboard: the Centro
 * di Raccolta copies its declarations (the file is downloaded), the Centro di Elaborazione restores that file with
 * the passphrase; the declaration it already holds is listed for a choice, the others appear in its monitor.
 */
let a: DeskProcess;
let b: DeskProcess;
test.beforeEach(async () => {
  [a, b] = await Promise.all([
    startDesk({ env: { RED_DESK_SERVER_CREDENTIALS: 'cr-roma-1.segreto-di-prova' } }),
    startDesk({ env: { RED_DESK_SERVER_CREDENTIALS: 'ce-roma.segreto-di-prova' } }),
  ]);
});
test.afterEach(async () => {
  await Promise.all([a.stop(), b.stop()]);
});

const PASS = 'sole-di-maggio-2009';

async function openServizi(page: Page, entry: string, downs: number) {
  const list = page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
  await list.focus();
  await page.keyboard.press('Alt+S');
  const menu = page.getByRole('dialog', { name: 'Servizi' });
  await expect(menu.getByRole('button', { name: 'Esegui backup ora' })).toBeFocused();
  for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('button', { name: entry })).toBeFocused();
  await page.keyboard.press('Enter');
}

test('Copia per il Centro di Elaborazione, poi Ripristino da Centro di Raccolta su un altro sportello, con la tastiera', async ({ page }) => {
  const cfs = [makeCf('VRD', 'GPP', '40', 'A', '10', 'H501'), makeCf('BNC', 'LRA', '38', 'E', '52', 'F205'), makeCf('RSS', 'MRA', '45', 'C', '12', 'L219')];
  for (const cf of cfs) expect((await callApi(a, 'declarations.create', { matricola: makeMatricola(cf) })).body.ok).toBe(true);
  // The Centro di Elaborazione already holds the first one (entered at both desks).
  expect((await callApi(b, 'declarations.create', { matricola: makeMatricola(cfs[0]!) })).body.ok).toBe(true);

  // ----- desk A: Alt+S → Copia per il Centro di Elaborazione
  await page.goto(a.url);
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' }).getByRole('option').filter({ hasText: cfs[2]! })).toBeVisible();
  await openServizi(page, 'Copia per il Centro di Elaborazione', 2);
  const copia = page.getByRole('dialog', { name: 'Copia per il Centro di Elaborazione' });
  await expect(copia.getByRole('radio', { name: /Tutte/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(copia.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await page.keyboard.type('corta');
  await page.keyboard.press('Tab');
  await page.keyboard.type('corta');
  await page.keyboard.press('Enter');
  await expect(copia.getByRole('alert')).toHaveText('La passphrase deve avere almeno 10 caratteri.');
  await copia.getByLabel('Passphrase', { exact: true }).fill('');
  await copia.getByLabel('Ripeti passphrase').fill('');
  await copia.getByLabel('Passphrase', { exact: true }).focus();
  await page.keyboard.type(PASS);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASS);
  await page.keyboard.press('Tab');
  await expect(copia.getByLabel('Cartella di destinazione')).toBeFocused();
  await page.screenshot({ path: 'test-results/scambio-copia.png' });
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  const downloading = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^RED2009_centro_cr-roma-1_\d{8}-\d{6}\.zip$/);
  const file = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(file);
  await expect(copia).toBeHidden();
  const bar = page.getByTestId('message-bar');
  await expect(bar).toContainText(/Copia per il Centro di Elaborazione: 3 dichiarazioni in .*scambio\/RED2009_centro_cr-roma-1_\d{8}-\d{6}\.zip\. Comunicare la passphrase/);
  expect(readFileSync(file).includes(Buffer.from(cfs[0]!))).toBe(false);

  // ----- desk B: Alt+S → Ripristino da Centro di Raccolta
  await page.goto(b.url);
  const list = page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await openServizi(page, 'Ripristino da Centro di Raccolta', 3);
  const rip = page.getByRole('dialog', { name: 'Ripristino da Centro di Raccolta' });
  const fileInput = rip.getByLabel('File da ripristinare');
  await expect(fileInput).toBeFocused();
  const choosing = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await choosing).setFiles(file);
  await page.keyboard.press('Tab');
  await expect(rip.getByLabel('Passphrase')).toBeFocused();
  // A wrong passphrase first: refused, said, nothing changed.
  await page.keyboard.type('luna-di-giugno-2009');
  await page.keyboard.press('Enter');
  await expect(rip.getByRole('alert')).toContainText('Passphrase errata per il file');
  await expect(rip.getByRole('alert')).toContainText("Nessuna dichiarazione è stata modificata nell'archivio.");
  await page.screenshot({ path: 'test-results/scambio-passphrase-errata.png' });
  await rip.getByLabel('Passphrase').fill('');
  await rip.getByLabel('Passphrase').focus();
  await page.keyboard.type(PASS);
  await page.keyboard.press('Enter');

  // The plan: two to add, one already here (same matricola) to choose for; the focus on that choice.
  await expect(rip.getByRole('status').first()).toContainText('dello sportello cr-roma-1');
  await expect(rip.getByText('Da aggiungere: 2')).toBeVisible();
  await expect(rip.getByText('Già presenti con la stessa matricola o lo stesso codice fiscale (scegliere): 1')).toBeVisible();
  const scelta = rip.getByRole('combobox', { name: /Scelta per il progressivo 1 di cr-roma-1/ });
  await expect(scelta).toBeFocused();
  await expect(scelta).toHaveValue('SALTA');
  await expect(rip.getByRole('row').nth(1)).toContainText('stessa matricola: prog. 1');
  await page.screenshot({ path: 'test-results/scambio-ripristino-piano.png' });
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Tab');
  await expect(rip.getByRole('button', { name: 'Ripristina' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rip).toBeHidden();
  await expect(bar).toContainText('Ripristino da cr-roma-1: 2 dichiarazioni aggiunte (progressivi 2–3), 1 non ripristinata per scelta.');
  await expect(list.getByRole('option')).toHaveCount(3);
  await expect(list.getByRole('option').filter({ hasText: cfs[1]! })).toBeVisible();
  await expect(list.getByRole('option').filter({ hasText: cfs[2]! })).toBeVisible();
  await page.screenshot({ path: 'test-results/scambio-ripristino-fatto.png' });
});
