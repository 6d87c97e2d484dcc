import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import ExcelJS from 'exceljs';
import { REPO, startDesk, type DeskProcess } from '../helpers/desk-process';
import { axeSerious } from '../helpers/axe';

const ESEMPIO = readFileSync(join(REPO, 'tests/fixtures/flussi-ca/esempio.txt'), 'utf8');
let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

test('Altri adempimenti → Flussi incassi C.A.: elenco errato rifiutato, importato con i totali per regione, la seconda estrazione mostra le differenze, esportazione .csv', async ({ page }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toContainText('Nessuna dichiarazione');
  // The list takes the focus once the monitor's keys are live: only then the shortcut (a slow machine paints first).
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeFocused();
  await page.keyboard.press('Alt+A');
  const menu = page.getByRole('dialog', { name: 'Altri adempimenti' });
  await expect(menu.getByRole('button', { name: 'Denuncia nominativa assicurati (INAIL)' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('button', { name: 'Flussi incassi C.A. (INAIL)' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Flussi incassi C.A. (INAIL)' });
  await expect(dialog.getByRole('note', { name: 'Dati non definitivi' })).toContainText('Dati non definitivi');
  await expect(dialog.getByRole('note', { name: 'Dati non definitivi' })).toContainText('«Rendicontazione annuale»');
  await expect(dialog.getByText('Nessun elenco importato.')).toBeVisible();
  const input = dialog.getByLabel('Elenco da importare');
  await expect(input).toBeFocused();

  // Malformed: refused with the line, nothing stored.
  await input.setInputFiles({ name: 'flussi_errato.txt', mimeType: 'text/plain', buffer: Buffer.from(ESEMPIO.replace('159,37', '159,3')) });
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Importa elenco' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(
    'flussi_errato.txt: Elenco non letto: riga 6: importo incasso «159,3»: atteso un importo con la virgola e 2 decimali (es. 135,24), al massimo 16 caratteri. Nessun dato del file è stato memorizzato.',
  );
  await expect(dialog.getByText('Nessun elenco importato.')).toBeVisible();

  // The seed's example: totals by region (by hand: PIEMONTE 714,92; CALABRIA 419,85; total 1.134,77).
  await input.setInputFiles({ name: 'flussi_maggio.txt', mimeType: 'text/plain', buffer: Buffer.from(ESEMPIO) });
  await dialog.getByRole('button', { name: 'Importa elenco' }).click();
  await expect(dialog.getByRole('status').first()).toHaveText(
    'Elenco flussi_maggio.txt importato: Convenzione 1470 FED.ARP. — anno 2012 — estrazione del 20/05/2012, 4 incassi, totale 1.134,77 €.',
  );
  const regioni = dialog.getByRole('table', { name: 'Totali per regione' });
  await expect(regioni.getByRole('row')).toHaveCount(4);
  await expect(regioni.getByRole('row').nth(1)).toHaveText(/CALABRIA\s*2\s*419,85/);
  await expect(regioni.getByRole('row').nth(2)).toHaveText(/PIEMONTE\s*2\s*714,92/);
  await expect(regioni.getByRole('row').nth(3)).toHaveText(/Totale\s*4\s*1\.134,77/);
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.screenshot({ path: 'test-results/flussi-ca-regioni.png' });

  // By codice contributo, with the keyboard (arrows in the Vista group).
  await dialog.getByRole('radio', { name: 'Totali per regione' }).focus();
  await page.keyboard.press('ArrowDown');
  const contributi = dialog.getByRole('table', { name: 'Totali per codice contributo' });
  await expect(contributi.getByRole('row').nth(2)).toHaveText(/00072\s*2\s*739,05/);

  // Search by codice ditta.
  await dialog.getByLabel('Ricerca per codice ditta').fill('13579');
  await expect(contributi.getByRole('row')).toHaveCount(3);
  await expect(contributi.getByRole('row').nth(1)).toHaveText(/00072\s*1\s*159,37/);

  // Export .csv of the view: the Stampe varie writer (BOM, ";" and comma decimals), in stampe/.
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Esporta .csv' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^Flussi_CA_Totali_per_codice_contributo_\d{8}-\d{6}\.csv$/);
  expect(readFileSync(join(desk.dataDir, 'stampe', d.suggestedFilename()), 'utf8')).toBe('\uFEFFCodice contributo;Incassi;Importo incasso\r\n00072;1;159,37\r\n');
  // .xlsx of the same view: numbers Excel can sum.
  const xlsx = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Esporta .xlsx' }).click();
  const x = await xlsx;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(desk.dataDir, 'stampe', x.suggestedFilename()));
  const ws = wb.worksheets[0]!;
  expect(ws.name).toBe('Totali per codice contributo');
  expect(ws.getRow(1).values).toEqual([undefined, 'Codice contributo', 'Incassi', 'Importo incasso']);
  expect(ws.getRow(2).values).toEqual([undefined, '00072', 1, 159.37]);
  await dialog.getByLabel('Ricerca per codice ditta').fill('');

  // The July extraction replaces May's: the differences are shown.
  const luglio = ESEMPIO.replace('20/05/2012', '20/07/2012').replace('579,68', '600,00').replace('24680 | 00073 | 260,48 | 17/02/2012 |\r\n', '').concat('13579 | 00072 | 159,37 | 16/05/2012 |\r\n');
  await input.setInputFiles({ name: 'flussi_luglio.txt', mimeType: 'text/plain', buffer: Buffer.from(luglio) });
  await dialog.getByRole('button', { name: 'Importa elenco' }).click();
  await expect(dialog.getByRole('status').first()).toContainText("Sostituisce l'estrazione del 20/05/2012: 1 nuovi incassi, 1 importi variati, 1 non più presenti.");
  const diff = dialog.getByRole('table', { name: "Differenze rispetto all'estrazione del 20/05/2012" });
  await expect(diff.getByRole('row')).toHaveCount(4);
  await expect(diff.getByRole('row').nth(1)).toHaveText(/Nuovo incasso\s*CALABRIA\s*13579\s*00072\s*16\/05\/2012\s*—\s*159,37/);
  await expect(diff.getByRole('row').nth(2)).toHaveText(/Importo variato\s*PIEMONTE\s*56789\s*00072\s*18\/02\/2012\s*579,68\s*600,00/);
  await expect(diff.getByRole('row').nth(3)).toHaveText(/Non più presente\s*CALABRIA\s*24680\s*00073\s*17\/02\/2012\s*260,48\s*—/);
  const estrazione = dialog.getByLabel('Estrazione', { exact: true });
  await expect(estrazione.locator('option')).toHaveCount(1);
  await expect(estrazione.locator('option')).toHaveText('Convenzione 1470 FED.ARP. — anno 2012 — estrazione del 20/07/2012');

  // The progressivo di pagamento of the seed.
  await dialog.getByLabel('Progressivo di pagamento').fill('710328');
  await expect(dialog.locator('output')).toHaveText('anno di competenza 2011 (autoliquidazione 902011, prefisso 71), convenzione 0328');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.screenshot({ path: 'test-results/flussi-ca-differenze.png' });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
