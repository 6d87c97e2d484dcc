import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { startDesk, type DeskProcess } from '../helpers/desk-process';
import { axeSerious } from '../helpers/axe';

let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

/** The record the seed's table gives for this hiring, written out by hand. */
const RECORD = `RSSMRA40A01H501K1234567892009?04?15    ?  ?  ??12345678903     4321${' '.repeat(20)}n${' '.repeat(80)}`;

test('Altri adempimenti → DNA: datore e denuncia da tastiera, errori per campo, Crea file in stampe/, Leggi file errato rifiutato', async ({ page }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toContainText('Nessuna dichiarazione');
  // The list takes the focus once the monitor's keys are live: only then the shortcut (a slow machine paints first).
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeFocused();
  await page.keyboard.press('Alt+A');
  const menu = page.getByRole('dialog', { name: 'Altri adempimenti' });
  await expect(menu.getByRole('button', { name: 'Denuncia nominativa assicurati (INAIL)' })).toBeFocused();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.screenshot({ path: 'test-results/altri-adempimenti-menu.png' });
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Denuncia nominativa assicurati (INAIL)' });
  await expect(dialog.getByText('Nessun datore di lavoro')).toBeVisible();

  // Nuovo datore: a wrong check digit and no access code are told field by field.
  await dialog.getByRole('button', { name: 'Nuovo datore' }).focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: 'Nuovo datore di lavoro' });
  await expect(form.getByLabel('Codice fiscale del datore di lavoro')).toBeFocused();
  await page.keyboard.type('12345678904');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toContainText('Codice fiscale del datore di lavoro: la cifra di controllo (posizione 11) non corrisponde');
  await expect(form.getByRole('alert')).toContainText('Codice di accesso riservato: obbligatorio');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await form.getByLabel('Codice fiscale del datore di lavoro').fill('12345678903');
  await form.getByLabel('Codice di accesso riservato').focus();
  await page.keyboard.type('4321');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Rossi srl');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Datore di lavoro salvato.');
  await expect(dialog.getByLabel('Datori di lavoro')).toContainText('12345678903 — Rossi srl (0 denunce, 0 da inviare)');

  // Nuova denuncia: end before start refused; then a hiring.
  await dialog.getByRole('button', { name: 'Nuova denuncia' }).click();
  const den = page.getByRole('dialog', { name: 'Nuova denuncia' });
  await expect(den.getByLabel('Codice fiscale del lavoratore')).toBeFocused();
  await page.keyboard.type('rssmra40a01h501k');
  await den.getByLabel('Posizione assicurativa').fill('123456789');
  await den.getByLabel('Data di inizio del rapporto').fill('15/04/2009');
  await den.getByLabel('Data di fine del rapporto').fill('14/04/2009');
  await page.keyboard.press('Enter');
  await expect(den.getByRole('alert')).toHaveText('Data di fine del rapporto di lavoro: non può essere precedente alla data di inizio.');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.screenshot({ path: 'test-results/inail-dna-denuncia-errata.png' });
  await den.getByLabel('Data di fine del rapporto').fill('');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Denuncia salvata: sarà nel prossimo file.');
  const table = dialog.getByRole('table', { name: 'Denunce' });
  await expect(table.getByRole('row').nth(1)).toContainText('RSSMRA40A01H501K');
  await expect(table.getByRole('row').nth(1)).toContainText('da inviare');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);

  // Crea file: downloaded, in stampe/, the record exactly the seed's layout; the notice is marked.
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /^Crea file/ }).focus();
  await page.keyboard.press('Enter');
  const d = await download;
  const name = d.suggestedFilename();
  expect(name).toMatch(/^\d{8}-\d{6}_inail_dna\.txt$/);
  await expect(dialog.getByRole('status')).toContainText(`File ${name} creato con 1 denuncia, riletto e controllato`);
  expect(readFileSync(join(desk.dataDir, 'stampe', name), 'latin1')).toBe(`${RECORD}\r\n`);
  await expect(table.getByRole('row').nth(1)).toContainText(`${name} del `);
  await expect(dialog.getByRole('button', { name: 'Modifica denuncia' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/inail-dna.png' });

  // Leggi file DNA from another program: a wrong record refused with line and position, nothing added.
  await dialog.getByLabel('File DNA da leggere').setInputFiles({ name: 'altro_inail_dna.txt', mimeType: 'text/plain', buffer: Buffer.from(`${RECORD}\r\n${RECORD.replace('??1234', '?-1234')}\r\n`) });
  await dialog.getByRole('button', { name: 'Leggi file DNA' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    "altro_inail_dna.txt: File DNA non letto: riga 2, posizione 47: atteso il carattere '?', trovato «-». Nessuna denuncia del file è stata memorizzata.",
  );
  await expect(table.getByRole('row')).toHaveCount(2);

  // File creati → Ricrea file.
  await dialog.getByRole('button', { name: 'File creati…' }).click();
  const files = page.getByRole('dialog', { name: 'File DNA creati' });
  await expect(files.getByRole('radio', { name: new RegExp(name) })).toBeChecked();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  const again = page.waitForEvent('download');
  await files.getByRole('button', { name: 'Ricrea file' }).click();
  const d2 = await again;
  expect(d2.suggestedFilename()).toMatch(/_inail_dna\.txt$/);
  expect(readFileSync(join(desk.dataDir, 'stampe', d2.suggestedFilename()), 'latin1')).toBe(`${RECORD}\r\n`);
  await expect(files.getByText(/ricreato il/)).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeVisible();
});
