import { test, expect, type Page } from '@playwright/test';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';
import { SOLO_2008 } from '../helpers/declarations';

// Issue 11: what the guide says, as an operator meets it.

let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const editor = (page: Page) => page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });
const field = (page: Page, path: string) => page.locator(`[data-field="${path}"]`);

test('C1 autocertificato in un RED Documentato (p. 89): si digita, la nota RED-18 lo ricorda; i documenti restano a portata', async ({ page }) => {
  const cf = makeCf('RSS', 'MRA', '41', 'C', '12', 'H501');
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf, SOLO_2008) })).body.ok).toBe(true);
  await page.goto(desk.url);
  await list(page).getByRole('option').filter({ hasText: cf }).click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+2');
  await editor(page).getByRole('radio', { name: 'Documentato' }).check();

  const c1 = field(page, 'soggetti.titolare.anni.2008.righi.C1');
  await c1.click();
  await page.keyboard.type('85');
  await page.keyboard.press('Tab');
  await expect(c1).toHaveValue('85');
  const note = editor(page).getByRole('listbox', { name: /Note/ });
  await expect(note.locator('[data-code="RED-18"]')).toContainText('rigo C1 autocertificato');
  // A1 of the same Documentato year still comes only from its documents.
  await expect(field(page, 'soggetti.titolare.anni.2008.righi.A1')).toHaveAttribute('readonly', '');

  // F4 on C1 opens its list of documents; Esc closes it and the amount typed is still there.
  await c1.focus();
  await page.keyboard.press('F4');
  const dlg = page.getByRole('dialog', { name: 'Elenco dei redditi dichiarati e documenti esibiti' });
  await expect(dlg).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dlg).toBeHidden();
  await expect(c1).toHaveValue(/^85$/);
});

test('titolare deceduto (p. 77): la sezione Erede si apre con la spunta, «Correggi» di DIC-05 porta su una casella attiva', async ({ page }) => {
  const cf = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf, SOLO_2008) })).body.ok).toBe(true);
  await page.goto(desk.url);
  await list(page).getByRole('option').filter({ hasText: cf }).click();
  await page.keyboard.press('Enter');
  const ereCf = field(page, 'erede.codiceFiscale');
  await expect(ereCf).toBeDisabled();
  await field(page, 'anagrafica.deceduto').check();
  await expect(ereCf).toBeEnabled();
  const bloccanti = editor(page).getByRole('listbox', { name: /Errori bloccanti/ });
  await bloccanti.locator('[data-code="DIC-05"]').first().dblclick();
  await expect(ereCf).toBeFocused();
  await page.keyboard.type('RSSPLA65E12H501');
  await expect(ereCf).toHaveValue(/^RSSPLA65E12H501/);
});
