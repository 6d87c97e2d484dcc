import { test, expect, type Page } from '@playwright/test';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';

// Issue 11: a RED breve entered as an operator would, keyboard first (pp. 77–81): decesso with the erede,
// espatrio before the years asked, rinuncia. Each one reaches «Completa» with no income typed.

let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

/** Titolare alone, celibe/nubile known to the Ente, 2008 asked, two figli known but nucleus code 00. */
const TITOLARE_SOLO = { statoCivile: '1', rilevanzaConiuge: '0', numeroFigli: '2', tipoRighiDichiarante: '05', tipoRighiNucleo: '00' };

const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const editor = (page: Page) => page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });
const field = (page: Page, path: string) => page.locator(`[data-field="${path}"]`);
const bloccanti = (page: Page) => editor(page).getByRole('listbox', { name: /Errori bloccanti/ });
const focusedField = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-field') ?? null);

async function tabTo(page: Page, path: string, max = 80) {
  for (let i = 0; i < max; i++) {
    if ((await focusedField(page)) === path) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Il campo ${path} non si raggiunge con Tab (fuoco su ${String(await focusedField(page))}).`);
}

/** Creates the declaration and opens it from the monitor with Invio; the first field has the focus. */
async function open(page: Page, cf: string) {
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf, TITOLARE_SOLO) })).body.ok).toBe(true);
  await page.goto(desk.url);
  await expect(list(page)).toBeVisible();
  await list(page).getByRole('option').filter({ hasText: cf }).click();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeVisible();
  await expect(field(page, 'anagrafica.codiceFiscale')).toBeFocused();
}

/** The titolare's anagrafica (asked in a RED breve too, p. 82–83), typed in "Anagrafica e redditi". */
async function titolareAnagrafica(page: Page, cognome: string, nome: string) {
  await page.keyboard.press('Control+2');
  await tabTo(page, 'soggetti.titolare.cognome');
  await page.keyboard.type(cognome);
  await page.keyboard.press('Tab');
  await page.keyboard.type(nome);
  await page.keyboard.press('Tab');
  await page.keyboard.type('VIA GARIBALDI 3');
  await tabTo(page, 'soggetti.titolare.comune');
  await page.keyboard.type('Roma');
  await page.keyboard.press('Tab');
}

/** A RED breve: the income boxes, "Doc." and the Figli count are disabled, only the titolare is listed. */
async function expectBreve(page: Page, shot: string) {
  await expect(editor(page).getByText('RED breve: non è necessario inserire i redditi.')).toBeVisible();
  await expect(field(page, 'soggetti.titolare.anni.2008.righi.A1')).toBeDisabled();
  await expect(field(page, 'soggetti.titolare.anni.2008.doc')).toBeDisabled();
  await expect(editor(page).getByRole('listbox', { name: 'Soggetti' }).getByRole('option')).toHaveText([/Titolare/]);
  await page.screenshot({ path: `test-results/${shot}` });
}

/** Alt+C, the status becomes «Completa» (waited for before Esc), Esc back to the monitor. */
async function rendiCompleta(page: Page, cf: string) {
  await expect(bloccanti(page).getByRole('option')).toHaveCount(0);
  await page.keyboard.press('Alt+C');
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Completa');
  await page.keyboard.press('Escape');
  await expect(editor(page)).toBeHidden();
  await expect(list(page).getByRole('option').filter({ hasText: cf })).toContainText('Completa');
}

test('decesso con erede (pp. 77, 79, 81): Deceduto, data, sezione Erede → RED breve «Completa»', async ({ page }) => {
  const cf = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
  const erede = makeCf('VRD', 'PLA', '65', 'E', '12', 'H501');
  await open(page, cf);
  await tabTo(page, 'anagrafica.deceduto');
  await page.keyboard.press('Space');
  await expect(field(page, 'anagrafica.deceduto')).toBeChecked();
  await page.keyboard.press('Tab');
  expect(await focusedField(page)).toBe('anagrafica.dataDecesso');
  await page.keyboard.type('14022009');
  await page.keyboard.press('Tab');
  await expect(field(page, 'anagrafica.dataDecesso')).toHaveValue('14/02/2009');
  await expect(editor(page).getByRole('status').filter({ hasText: 'RED breve per decesso' })).toBeVisible();
  await expect(field(page, 'anagrafica.numeroFigli')).toBeDisabled();
  await expect(bloccanti(page).locator('[data-code="DIC-05"]').first()).toBeVisible();
  // The Erede section: codice fiscale and nominativo of who signs the RED.
  await tabTo(page, 'erede.codiceFiscale');
  await page.keyboard.type(erede);
  await page.keyboard.press('Tab');
  expect(await focusedField(page)).toBe('erede.nominativo');
  await page.keyboard.type('VERDI PAOLA');
  await page.keyboard.press('Tab');
  await expect(bloccanti(page).locator('[data-code="DIC-05"]')).toHaveCount(0);
  await titolareAnagrafica(page, 'VERDI', 'GIUSEPPE');
  await expectBreve(page, 'red-breve-decesso.png');
  await rendiCompleta(page, cf);
  const saved = await callApi(desk, 'declarations.get', { id: 1 });
  const doc = (saved.body.result as { document: { erede: { codiceFiscale: string; nominativo: string }; anagrafica: { dataDecesso: string } } }).document;
  expect(doc.erede).toEqual({ codiceFiscale: erede, nominativo: 'VERDI PAOLA' });
  expect(doc.anagrafica.dataDecesso).toBe('2009-02-14');
});

test('espatrio prima degli anni richiesti (p. 81): Espatrio e data 2007 → RED breve «Completa»', async ({ page }) => {
  const cf = makeCf('BNC', 'LRA', '38', 'E', '45', 'F205');
  await open(page, cf);
  await tabTo(page, 'anagrafica.espatriato');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  expect(await focusedField(page)).toBe('anagrafica.dataEspatrio');
  await page.keyboard.type('01092007');
  await page.keyboard.press('Tab');
  await expect(field(page, 'anagrafica.dataEspatrio')).toHaveValue('01/09/2007');
  await expect(editor(page).getByRole('status').filter({ hasText: 'RED breve per espatrio' })).toBeVisible();
  await titolareAnagrafica(page, 'BIANCHI', 'LAURA');
  await expectBreve(page, 'red-breve-espatrio.png');
  await rendiCompleta(page, cf);
});

test('rinuncia alle prestazioni (p. 81): la spunta → RED breve «Completa»', async ({ page }) => {
  const cf = makeCf('NRI', 'MRC', '36', 'H', '21', 'L219');
  await open(page, cf);
  await tabTo(page, 'rinuncia');
  await page.keyboard.press('Space');
  await expect(field(page, 'rinuncia')).toBeChecked();
  await expect(editor(page).getByRole('status').filter({ hasText: 'RED breve per rinuncia' })).toBeVisible();
  await titolareAnagrafica(page, 'NERI', 'MARCO');
  await expectBreve(page, 'red-breve-rinuncia.png');
  await rendiCompleta(page, cf);
});
