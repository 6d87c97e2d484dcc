import { test, expect } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';

/**
 * Servizi (issue 13 point 2), as an operator with the keyboard only: Alt+S → «Esegui backup ora», then a
 * declaration added after the copy, then Alt+S → «Ripristina da backup»: the copy is chosen, confirmed, and the
 * monitor shows the archive of the copy; the archive replaced is kept aside in the data folder.
 */
let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

test('Servizi: Esegui backup ora, poi Ripristina da backup, solo con la tastiera', async ({ page }) => {
  const first = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
  const second = makeCf('BNC', 'LRA', '38', 'E', '52', 'F205');
  // The start's backup runs in its own thread beside the desk's writes: it is waited for, so that it holds the
  // empty archive.
  await expect.poll(async () => ((await callApi(desk, 'backup.list', {})).body.result as { backups: unknown[] }).backups.length).toBe(1);
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(first) })).body.ok).toBe(true);
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(second) })).body.ok).toBe(true);
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  const list = page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
  await expect(list.getByRole('option').filter({ hasText: second })).toBeVisible();
  await list.focus();

  // Alt+S: the menu, its first entry focused; the exchange entries are there too (scambio.spec.ts).
  await page.keyboard.press('Alt+S');
  const menu = page.getByRole('dialog', { name: 'Servizi' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('button', { name: 'Esegui backup ora' })).toBeFocused();
  for (const entry of ['Copia per il Centro di Elaborazione', 'Ripristino da Centro di Raccolta', 'Copia archivi da inviare al CAF']) {
    await expect(menu.getByRole('button', { name: entry })).not.toHaveAttribute('aria-disabled', 'true');
  }
  await page.screenshot({ path: 'test-results/servizi-menu.png' });
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  const bar = page.getByTestId('message-bar');
  await expect(bar).toContainText(/Copia di sicurezza eseguita: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}, 2 dichiarazioni/);

  // A declaration made after the copy: the restore takes it away.
  const third = makeCf('RSS', 'MRA', '45', 'C', '12', 'L219');
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(third) })).body.ok).toBe(true);
  await expect(list.getByRole('option').filter({ hasText: third })).toBeVisible();

  await list.focus();
  await page.keyboard.press('Alt+S');
  await expect(menu.getByRole('button', { name: 'Esegui backup ora' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('button', { name: 'Ripristina da backup' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Ripristina da backup' });
  await expect(dialog).toBeVisible();
  // Newest first: the copy just made (2 declarations), then the one made at start (0), each with its size.
  const copies = dialog.getByRole('radio');
  await expect(copies).toHaveCount(2);
  await expect(copies.first()).toBeChecked();
  await expect(copies.first()).toBeFocused();
  await expect(dialog.locator('label').first()).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2} — \d+ kB — 2 dichiarazioni/);
  await expect(dialog.locator('label').nth(1)).toContainText('0 dichiarazioni');
  await page.screenshot({ path: 'test-results/servizi-ripristina.png' });
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Ripristina…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Conferma ripristino' });
  await expect(confirm.getByRole('button', { name: 'No' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirm.getByRole('button', { name: 'Ripristina', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(bar).toContainText(/Archivio ripristinato dalla copia del .*\(2 dichiarazioni\)\. L'archivio precedente è conservato in .*prima-del-ripristino_\d{8}-\d{6}\.sqlite/);
  const notice = page.getByRole('alert', { name: "Stato dell'archivio" });
  await expect(notice).toContainText('Archivio ripristinato');
  await expect(list.getByRole('option').filter({ hasText: third })).toBeHidden();
  await expect(list.getByRole('option').filter({ hasText: first })).toBeVisible();
  await expect(list.getByRole('option').filter({ hasText: second })).toBeVisible();
  await page.screenshot({ path: 'test-results/servizi-ripristinato.png' });
  const aside = readdirSync(desk.dataDir).filter((n) => n.includes('prima-del-ripristino'));
  expect(aside).toHaveLength(1);
  expect(existsSync(join(desk.dataDir, 'archivio-red.sqlite'))).toBe(true);
});

test('Utilità → Impostazioni copie di sicurezza: valori controllati, salvati e usati dalla copia successiva', async ({ page }) => {
  await page.goto(desk.url);
  const list = page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  await list.focus();
  await page.keyboard.press('Alt+U');
  const menu = page.getByRole('dialog', { name: 'Utilità' });
  await menu.getByRole('button', { name: 'Impostazioni copie di sicurezza' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Impostazioni copie di sicurezza' });
  const every = dialog.getByLabel('Copia automatica ogni (ore)');
  const keep = dialog.getByLabel('Copie da conservare');
  // The defaults, and where the copies go.
  await expect(every).toHaveValue('4');
  await expect(keep).toHaveValue('10');
  await expect(dialog).toContainText(`nella cartella ${desk.dataDir}/backup`);
  await every.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Intervallo minimo 1 ora');
  await every.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('message-bar')).toContainText('una copia ogni 6 ore, conservate le ultime 1');
  // Two copies now: with 1 kept, only the newest remains.
  expect((await callApi(desk, 'backup.now', {})).body.ok).toBe(true);
  const second = await callApi(desk, 'backup.now', {});
  const listed = await callApi(desk, 'backup.list', {});
  const names = (listed.body.result as { backups: { name: string }[] }).backups.map((b) => b.name);
  expect(names).toEqual([(second.body.result as { name: string }).name]);
});
