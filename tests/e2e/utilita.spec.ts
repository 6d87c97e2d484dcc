import { test, expect } from '@playwright/test';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';

let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

test('Utilità → Controllo Dichiarazioni RED: avanzamento, elenco con errori, Apri porta alla dichiarazione', async ({ page }) => {
  for (const cf of [makeCf('RSS', 'MRA', '40', 'A', '10', 'H501'), makeCf('BNC', 'LRA', '38', 'E', '52', 'F205')]) {
    expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf) })).body.ok).toBe(true);
  }
  await page.goto(desk.url);
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' }).getByRole('option')).toHaveCount(2);
  // The list takes the focus once the monitor's keys are live: only then the shortcut (a slow machine paints first).
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeFocused();
  await page.keyboard.press('Alt+U');
  const menu = page.getByRole('dialog', { name: 'Utilità' });
  // Reinvio and Storico belong to the transmission, the duplicate request and the list of documents to the prints: all available.
  await expect(menu.getByRole('button', { name: 'Reinvio dichiarazioni' })).not.toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('button', { name: 'Storico trasmissioni' })).not.toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('button', { name: 'Elenco documenti necessari' })).not.toHaveAttribute('aria-disabled', 'true');
  await expect(menu.getByRole('button', { name: 'Controllo Dichiarazioni RED' })).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Controllo Dichiarazioni RED' });
  await expect(dialog.getByRole('status')).toContainText('Controllate 2 dichiarazioni: 2 con errori o avvertimenti');
  await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  const rows = dialog.getByRole('listbox', { name: 'Dichiarazioni con errori' }).getByRole('option');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText('Incompleta');
  await page.screenshot({ path: 'test-results/controllo-dichiarazioni.png' });
  await dialog.getByRole('listbox').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Dichiarazioni Modello RED/2009').first()).toBeVisible();
});

test('Utilità → Decodifica codici errore: ricerca per codice e per testo', async ({ page }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toContainText('Nessuna dichiarazione');
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeFocused();
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Decodifica codici errore' }).click();
  const dialog = page.getByRole('dialog', { name: 'Decodifica codici errore' });
  const search = dialog.getByLabel('Cerca codice o testo');
  // The codes (the unlock rules, issue 12, are a second table below).
  const codes = dialog.getByRole('region', { name: 'Elenco dei codici' });
  await expect(search).toBeFocused();
  await search.fill('RED-03');
  await expect(codes.getByRole('row')).toHaveCount(2); // header + the code
  await expect(codes.getByRole('row').nth(1)).toContainText('40.000');
  await search.fill('9203');
  await expect(codes.getByRole('row').nth(1)).toContainText(/ritrasmettere/i);
  // The DM20-REG codes (issue 16) are their own section, searched by the same box.
  const dm20 = dialog.getByRole('region', { name: 'Codici DM20-REG' });
  await search.fill('DD003');
  await expect(codes.getByRole('row')).toHaveCount(1);
  await expect(dm20.getByRole('row')).toHaveCount(2);
  await expect(dm20.getByRole('row').nth(1)).toContainText('DD003DM20-REG da stornare per matricola assente o erratadocumento diverso (lista C)');
  await search.fill('');
  expect(await codes.getByRole('row').count()).toBeGreaterThan(80);
  await page.screenshot({ path: 'test-results/decodifica.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
