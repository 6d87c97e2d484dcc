import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { REPO, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeMatricola } from '../helpers/matricole';

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
  // The monitor takes the focus once its keys are live: only then the shortcut (a slow machine paints first).
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeFocused();
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

const editor = (page: Page) => page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });
const field = (page: Page, path: string) => page.locator(`[data-field="${path}"]`);
const focusedField = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-field') ?? null);
async function tabTo(page: Page, path: string, max = 80) {
  for (let i = 0; i < max; i++) {
    if ((await focusedField(page)) === path) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Il campo ${path} non si raggiunge con Tab.`);
}

test('Importa file 730 → Nuovo → Documentato → Importazione 730: righi e documenti; un importo cambiato blocca «Rendi completa»', async ({ page }) => {
  const cf = 'RSSMRA40A01H501K';
  // The titolare alone, redditi 2008 (SOLO of editor.spec.ts).
  const matricola = makeMatricola(cf, { statoCivile: '0', rilevanzaConiuge: '0', numeroFigli: '0', tipoRighiDichiarante: '05', tipoRighiNucleo: '00' });
  await page.goto(desk.url);
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toContainText('Nessuna dichiarazione');

  // Utilità → Importa file 730.
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Importa file 730' }).focus();
  await page.keyboard.press('Enter');
  const files = page.getByRole('dialog', { name: 'Importa file 730' });
  await files.getByLabel('File 730').setInputFiles({ name: '730_giugno.txt', mimeType: 'text/plain', buffer: Buffer.from(ESEMPIO) });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(files.getByRole('status')).toHaveText('File 730_giugno.txt letto: 2 730 memorizzati.');
  await page.keyboard.press('Escape');
  await expect(files).toBeHidden();

  // Nuovo for that pensioner.
  await page.keyboard.press('Alt+N');
  const nuovo = page.getByRole('dialog', { name: /Nuovo/ });
  await page.keyboard.type(matricola);
  await page.keyboard.press('Enter');
  await expect(nuovo.getByRole('button', { name: 'Crea dichiarazione' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeVisible();
  await expect(field(page, 'anagrafica.codiceFiscale')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('1'); // stato civile celibe/nubile
  await page.keyboard.press('Tab');
  await page.keyboard.type('01011970');

  // Anagrafica e redditi: the titolare, then Documentato, Doc. 730.
  await page.keyboard.press('Control+2');
  await tabTo(page, 'soggetti.titolare.cognome');
  await page.keyboard.type('ROSSI');
  await page.keyboard.press('Tab');
  await page.keyboard.type('MARIO');
  await page.keyboard.press('Tab');
  await page.keyboard.type('VIA APPIA 12');
  await page.keyboard.press('Tab');
  await page.keyboard.type('00179'); // CAP
  await page.keyboard.press('Tab');
  await page.keyboard.type('ROMA');

  // Importazione 730 before choosing the mode: refused (p. 85).
  const importBtn = editor(page).getByRole('button', { name: 'Importazione 730' });
  await importBtn.focus();
  await page.keyboard.press('Enter');
  let dlg = page.getByRole('dialog', { name: 'Importazione 730 – Titolare' });
  await expect(dlg.getByRole('radio', { name: /redditi 2008/ })).toBeFocused();
  await dlg.getByRole('button', { name: 'Importa' }).focus();
  await page.keyboard.press('Enter');
  await expect(dlg.getByRole('alert')).toHaveText(
    'Importazione 730 non possibile: scegliere prima la modalità di compilazione «Documentato» o «Autocertificato» per i redditi 2008 (p. 85).',
  );
  await page.keyboard.press('Escape');
  await expect(dlg).toBeHidden();

  await tabTo(page, 'soggetti.titolare.anni.2008.modo');
  await editor(page).getByRole('radio', { name: 'Documentato' }).check();
  await tabTo(page, 'soggetti.titolare.anni.2008.doc');
  await page.keyboard.press('1');
  await expect(field(page, 'soggetti.titolare.anni.2008.doc')).toHaveValue('730');

  await importBtn.focus();
  await page.keyboard.press('Enter');
  dlg = page.getByRole('dialog', { name: 'Importazione 730 – Titolare' });
  await dlg.getByRole('button', { name: 'Importa' }).focus();
  await page.keyboard.press('Enter');
  const imported = dlg.getByRole('table', { name: 'Redditi importati' });
  // 730/3: B1 = rigo 7 = 600; B2 = 120,00 + 850,50 − 600,00 = 370,50 → 371; C2 campo RED A1 3.100; D5 campo RED A3 900.
  await expect(imported.getByRole('row')).toHaveCount(5);
  await expect(imported.getByRole('row').nth(1)).toContainText('B1 – Casa di abitazione600');
  await expect(imported.getByRole('row').nth(2)).toContainText('371');
  await expect(dlg.getByRole('table', { name: 'Redditi non importati' })).toContainText('quadro C sez. I rigo C1 cod. 1 (14.200,00 €)');
  await page.screenshot({ path: 'test-results/importazione-730-esito.png' });
  await page.keyboard.press('Escape');
  await expect(dlg).toBeHidden();

  await expect(field(page, 'soggetti.titolare.anni.2008.righi.B1')).toHaveValue('600');
  await expect(field(page, 'soggetti.titolare.anni.2008.righi.B2')).toHaveValue('371');
  await expect(field(page, 'soggetti.titolare.anni.2008.righi.A1')).toHaveValue('3.100');
  await expect(field(page, 'soggetti.titolare.anni.2008.righi.A3')).toHaveValue('900');
  const bloccanti = editor(page).getByRole('listbox', { name: /Errori bloccanti/ });
  await expect(bloccanti.getByRole('option')).toHaveCount(0);
  await expect(editor(page).getByRole('status', { name: 'Stato del salvataggio' })).toHaveText('Salvato');

  // The A1 document line has the standard description; the operator changes its amount.
  await field(page, 'soggetti.titolare.anni.2008.righi.A1').focus();
  await page.keyboard.press('Enter');
  const docs = page.getByRole('dialog', { name: 'Elenco dei redditi dichiarati e documenti esibiti' });
  await expect(docs.getByLabel('Descrizione documento 1')).toHaveValue('Importazione 730/2009: quadro C sez. I rigo C2 cod. 2');
  await docs.getByLabel('Importo documento 1').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3000');
  await docs.getByRole('button', { name: 'Ok Aggiorna' }).focus();
  await page.keyboard.press('Enter');
  await expect(docs).toBeHidden();
  await expect(field(page, 'soggetti.titolare.anni.2008.righi.A1')).toHaveValue('3.000');
  const imp = bloccanti.locator('[data-code="IMP-07"]');
  await expect(imp).toContainText('Anagrafica e redditi: Valore diverso da reddito 730');
  await expect(imp).toContainText('nel RED 3.000 €, nel 730/2009 3.100 €');
  await expect(editor(page).getByRole('status', { name: 'Stato del salvataggio' })).toHaveText('Salvato');
  await page.keyboard.press('Alt+C');
  await expect(editor(page).getByText('La dichiarazione non può essere resa completa: resta 1 errore bloccante (vedere Monitor errori).')).toBeVisible();
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Errata');
  await page.screenshot({ path: 'test-results/importazione-730-valore-diverso.png' });
});
