import { test, expect, type Page } from '@playwright/test';
import { axeSerious } from '../helpers/axe';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';
import { completableDeclaration } from '../helpers/declarations';

// Issue 18, "Messages and reading": the editor at 1280×800, Controllo Dichiarazioni, contrast and focus, counts.

let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const editor = (page: Page) => page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });

async function create(cf: string, over: Record<string, string> = {}): Promise<number> {
  const r = await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf, over) });
  expect(r.body.ok).toBe(true);
  return (r.body.result as { id: number }).id;
}

/** Serious or critical axe violations (WCAG 2 A/AA), as "rule: target" lines. */
test('a 1280×800 la griglia A1…G2 entra senza scorrimento interno; schermata dell\'editor', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // Coniuge and 2 figli, two years asked: the fullest grid of the campaign.
  await create(makeCf('RSS', 'MRA', '41', 'C', '12', 'H501'), { anniRichiesti: '3', numeroFigli: '2', tipoRighiNucleo: '04', tipoRighiDichiarante: '04' });
  await page.goto(desk.url);
  await list(page).getByRole('option').first().click();
  await page.keyboard.press('Enter');
  await expect(editor(page).locator('[data-field="anagrafica.codiceFiscale"]')).toBeFocused();
  await page.keyboard.press('Control+2');
  await expect(editor(page).locator('[data-field="soggetti.titolare.anni.2008.righi.G2"]')).toBeVisible();
  const main = editor(page).locator('.editor-main');
  const { scroll, client } = await main.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
  expect(scroll, 'la scheda Anagrafica e redditi scorre dentro la finestra').toBeLessThanOrEqual(client + 1);
  for (const rigo of ['A1', 'G2']) {
    await expect(editor(page).locator(`[data-field="soggetti.titolare.anni.2007.righi.${rigo}"]`)).toBeInViewport();
  }
  // Empty lists of the Monitor errori take one line.
  const avvertimenti = editor(page).locator('.me-avvertimento');
  await expect(avvertimenti.locator('.me-empty')).toHaveText('Nessun avvertimento.');
  expect((await avvertimenti.locator('.me-empty').boundingBox())?.height ?? 99).toBeLessThan(30);
  await page.screenshot({ path: 'test-results/editor-1280x800.png' });
  expect(await axeSerious(page)).toEqual([]);
});

test('Controllo Dichiarazioni: intestazioni, fuoco sull\'elenco all\'apertura e di nuovo sul monitor alla chiusura', async ({ page }) => {
  await create(makeCf('RSS', 'MRA', '40', 'A', '10', 'H501'));
  await page.goto(desk.url);
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await expect(page.getByText('1 dichiarazione ·')).toBeVisible(); // singular
  // The list takes the focus once the monitor's keys are live: only then the shortcut (a slow machine paints first).
  await expect(list(page)).toBeFocused();
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Controllo Dichiarazioni RED' }).click();
  const dialog = page.getByRole('dialog', { name: 'Controllo Dichiarazioni RED' });
  await expect(dialog.getByRole('status')).toContainText('Controllate 1 dichiarazione: 1 con errori');
  await expect(dialog.getByRole('listbox', { name: 'Dichiarazioni con errori' })).toBeFocused();
  await expect(dialog.locator('.controllo-header')).toContainText('Progr.');
  await expect(dialog.locator('.controllo-header')).toContainText('Codice fiscale');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(list(page)).toBeFocused();
});

test('la ricerca dice quante dichiarazioni ci sono nelle altre schede; righe selezionate e fuoco leggibili', async ({ page }) => {
  const cf = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
  await create(cf);
  await create(makeCf('VRD', 'LRA', '45', 'B', '50', 'F205'));
  await page.goto(desk.url);
  await expect(list(page).getByRole('option')).toHaveCount(2);
  await expect(list(page)).toBeFocused();
  await page.keyboard.press('Control+2'); // Spedite: empty
  await page.keyboard.press('F3');
  await page.keyboard.type('VRD');
  await expect(page.getByText('0 trovate in «Spedite»; nelle altre schede: Da spedire 2')).toBeVisible();
  await page.keyboard.press('Control+1');
  await page.getByLabel('Ricerca per codice fiscale').fill(cf.slice(0, 9));
  await expect(page.getByText('1 trovata in «Da spedire»; nessuna nelle altre schede')).toBeVisible();
  await page.getByLabel('Ricerca per codice fiscale').fill('');

  // Keyboard focus on the active tab is visible; the selected row and the whole monitor pass axe (contrast included).
  await list(page).focus();
  await expect(list(page).getByRole('option', { selected: true })).toHaveCount(1);
  expect(await axeSerious(page)).toEqual([]);
  await page.getByRole('tab', { name: /Da spedire/ }).focus();
  await page.keyboard.press('ArrowRight');
  const active = page.getByRole('tab', { name: /Spedite/ });
  await expect(active).toBeFocused();
  const outline = await active.evaluate((el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth);
  expect(outline).toBe('solid 3px');
});

test('Visualizza: le caselle in sola lettura hanno un aspetto diverso da quelle modificabili', async ({ page }) => {
  const look = (el: Element) => `${getComputedStyle(el).borderTopStyle} ${getComputedStyle(el).backgroundColor}`;
  await create(makeCf('FRR', 'NNA', '39', 'B', '44', 'D612'));
  const sent = await completableDeclaration(desk, makeCf('RSS', 'MRA', '41', 'C', '12', 'H501'), true);
  // No CAF configured: the Invio waits in the outbox, the declaration is "Attesa" in Spedite.
  expect((await callApi(desk, 'transmission.send', { ids: [sent] })).body.ok).toBe(true);
  await page.goto(desk.url);
  await list(page).getByRole('option').first().click();
  await page.keyboard.press('Enter');
  const box = editor(page).locator('[data-field="note.gruppo"]');
  const editable = await box.evaluate(look);
  await page.keyboard.press('Escape');
  await expect(editor(page)).toBeHidden();

  await page.keyboard.press('Control+2');
  await list(page).getByRole('option').first().click();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toContainText('Visualizzazione: la dichiarazione non è modificabile.');
  const readOnly = await box.evaluate(look);
  expect(editable).toContain('solid');
  expect(readOnly).toContain('dashed');
  expect(readOnly).not.toBe(editable);
});

test('una finestra modale rende inerte il resto (tastiera, mouse); Nuovo e Utilità passano axe', async ({ page }) => {
  await page.goto(desk.url);
  await expect(list(page)).toContainText('Nessuna dichiarazione');
  const nuovoButton = page.getByRole('complementary', { name: 'Tasti funzione' }).getByRole('button', { name: /^Nuovo/ });
  const box = await nuovoButton.boundingBox();
  await page.keyboard.press('Alt+U');
  const utilita = page.getByRole('dialog', { name: 'Utilità' });
  await expect(utilita).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  // Tab never leaves the dialog; a click on the monitor behind it does nothing.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')))).toBe(true);
  }
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByRole('dialog', { name: /Nuovo/ })).toHaveCount(0);
  await expect(utilita).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(utilita).toBeHidden();

  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('dialog', { name: /Nuovo/ })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
});
