import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { REPO, startDesk, type DeskProcess } from '../helpers/desk-process';

const ESEMPIO = readFileSync(join(REPO, 'tests/fixtures/730/esempio.txt'), 'utf8');

let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

test('Utilità → Importa file 730: un file errato è rifiutato con riga e campo, quello buono è letto e l\'elenco si cerca per codice fiscale', async ({ page }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toContainText('Nessuna dichiarazione');
  await page.keyboard.press('Alt+U');
  const menu = page.getByRole('dialog', { name: 'Utilità' });
  await menu.getByRole('button', { name: 'Importa file 730' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Importa file 730' });
  await expect(dialog.getByText('Nessun 730 in archivio per la ricerca.')).toBeVisible();
  const input = dialog.getByLabel('File 730');
  await expect(input).toBeFocused();

  // A malformed file: refused, with the line, the field and what was expected; nothing stored.
  await input.setInputFiles({ name: '730_errato.txt', mimeType: 'text/plain', buffer: Buffer.from(ESEMPIO.replace('FINE|2', 'FINE|3')) });
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Importa' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(
    '730_errato.txt: File 730 non letto: riga 12, campo 2 «numero di 730 nel file»: atteso 2 (i record «730» letti); trovato «3». Nessun 730 del file è stato memorizzato.',
  );
  await expect(dialog.getByText('Nessun 730 in archivio per la ricerca.')).toBeVisible();
  await page.screenshot({ path: 'test-results/importa-730-rifiutato.png' });

  // The right file.
  await input.setInputFiles({ name: '730_giugno.txt', mimeType: 'text/plain', buffer: Buffer.from(ESEMPIO) });
  await dialog.getByRole('button', { name: 'Importa' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('File 730_giugno.txt letto: 2 730 memorizzati.');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  const table = dialog.getByRole('table', { name: '730 in archivio' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').nth(1)).toContainText('BNCLRA45B41F205A');
  await expect(table.getByRole('row').nth(1)).toContainText('VRDGPP43C10F205W');
  await expect(table.getByRole('row').nth(2)).toContainText('RSSMRA40A01H501K');
  await expect(table.getByRole('row').nth(2)).toContainText('Trasm.CGN');
  await expect(table.getByRole('row').nth(2)).toContainText('20/05/2009');

  // Search by the coniuge dichiarante's codice fiscale, typed.
  await dialog.getByLabel('Ricerca per codice fiscale').focus();
  await page.keyboard.type('vrdgpp');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('BNCLRA45B41F205A');
  await page.screenshot({ path: 'test-results/importa-730.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
