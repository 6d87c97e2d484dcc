import { test, expect, type Locator, type Page } from '@playwright/test';
import { axeSerious } from '../helpers/axe';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';

// Issue 11 points 18–19: the "help di campo" in the lower left of every screen (p. 71) and the "Guida RED" on F1
// from every screen, opened at the section of that screen (p. 70).

let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

const PLACEHOLDER = 'Posizionarsi su un campo per leggerne la descrizione.';
const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const editor = (page: Page) => page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });
const help = (scope: Locator) => scope.getByRole('note', { name: 'Help di campo' });
const guida = (page: Page) => page.getByRole('dialog', { name: 'Guida RED' });
const section = (page: Page) => guida(page).getByTestId('guida-sezione');

async function create(cf: string): Promise<number> {
  const r = await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf) });
  expect(r.body.ok).toBe(true);
  return (r.body.result as { id: number }).id;
}

async function openMonitor(page: Page) {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  // The list takes the focus once the monitor's keys are live: shortcuts wait for it (a slow machine paints first).
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toBeFocused();
}

/** Every enabled input, select and textarea of `scope`, focused one by one: the help area describes each one. */
async function everyFieldHasHelp(scope: Locator, helpScope: Locator = scope) {
  const fields = scope.locator('input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled])');
  const n = await fields.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const f = fields.nth(i);
    await f.focus();
    const name = (await f.getAttribute('aria-label')) ?? (await f.getAttribute('id')) ?? `campo ${i + 1}`;
    await expect(help(helpScope).locator('p'), name).not.toHaveText(PLACEHOLDER);
  }
}

/** Serious or critical axe violations (WCAG 2 A/AA) inside `selector`, as "rule: target" lines. */
test('help di campo: il monitor, Nuovo e le finestre descrivono il campo su cui si trova il cursore', async ({ page }) => {
  await create(makeCf('RSS', 'MRA', '40', 'A', '10', 'H501'));
  await openMonitor(page);
  const monitor = page.locator('.monitor');

  // Monitor: the list (it has the focus at the start), the search (F3), a tab, a function key.
  await expect(list(page)).toBeFocused();
  await expect(help(monitor)).toContainText('Archivio dichiarazioni della scheda');
  await page.keyboard.press('F3');
  await expect(page.getByRole('textbox', { name: 'Ricerca per codice fiscale' })).toBeFocused();
  await expect(help(monitor)).toContainText('Ricerca per codice fiscale: bastano i primi caratteri');
  await page.getByRole('tab', { name: /Spedite/ }).focus();
  await expect(help(monitor)).toContainText("Spedite: le dichiarazioni inviate e non ancora accettate dall'INPS");
  await page.getByRole('button', { name: /^Stampe varie/ }).focus();
  await expect(help(monitor)).toContainText('Stampe varie: archivi in Excel o csv');
  await page.screenshot({ path: 'test-results/guida-help-monitor.png' });

  // Nuovo: the first field has the focus and its description; Tab moves to the next field and its text.
  await list(page).focus();
  await page.keyboard.press('Alt+N');
  const nuovo = page.getByRole('dialog', { name: /^Nuovo/ });
  await expect(nuovo.getByRole('textbox', { name: 'Codice fiscale' })).toBeFocused();
  await expect(help(nuovo)).toContainText('Codice fiscale del pensionato come stampato nella Stringa CAF');
  await page.keyboard.press('Tab');
  await expect(nuovo.getByRole('textbox', { name: 'Codice emissione' })).toBeFocused();
  await expect(help(nuovo)).toContainText('8 = INPS, G = INPDAP, H = IPOST');
  // The monitor's own help area is not touched by the dialog over it.
  await expect(page.locator('.monitor-help')).toContainText('Archivio dichiarazioni della scheda');
  await everyFieldHasHelp(nuovo);
  await page.screenshot({ path: 'test-results/guida-help-nuovo.png' });
  await page.keyboard.press('Escape');
  await expect(nuovo).toBeHidden();

  // Utilità: each entry is described; then a dialog with a form (Impostazioni collegamento CAF).
  await page.keyboard.press('Alt+U');
  const utilita = page.getByRole('dialog', { name: 'Utilità' });
  await expect(utilita.getByRole('button', { name: 'Controllo Dichiarazioni RED' })).toBeFocused();
  await expect(help(utilita)).toContainText('ricontrolla tutte le dichiarazioni');
  await page.keyboard.press('ArrowDown');
  await expect(help(utilita)).toContainText('Importa file 730: legge un file di 730');
  await page.keyboard.press('ArrowDown');
  await expect(help(utilita)).toContainText('Reinvio dichiarazioni: ritrasmette i file rimasti fermi in Attesa');
  await utilita.getByRole('button', { name: 'Impostazioni collegamento CAF' }).click();
  const collegamento = page.getByRole('dialog', { name: 'Impostazioni collegamento CAF' });
  await collegamento.getByLabel('Indirizzo del server CAF').focus();
  await expect(help(collegamento)).toContainText('Indirizzo del server del CAF');
  await everyFieldHasHelp(collegamento);
  await page.keyboard.press('Escape');
  await expect(collegamento).toBeHidden();

  // Stampe varie: the nine prints, the format and "Ordina e filtri".
  await page.getByRole('button', { name: /^Stampe varie/ }).click();
  const varie = page.getByRole('dialog', { name: 'Stampe varie' });
  await expect(help(varie)).toContainText('01 Archivio Anagrafiche');
  await everyFieldHasHelp(varie);
  await varie.getByRole('radio', { name: /09 Stampa Etichette/ }).focus();
  await expect(help(varie)).toContainText('09 Stampa Etichette: nome, indirizzo');
  await page.screenshot({ path: 'test-results/guida-help-stampe-varie.png' });
});

test('F1 sul monitor apre la Guida RED alla scheda corrente; la ricerca filtra; Esc chiude e il fuoco torna', async ({ page }) => {
  await create(makeCf('VRD', 'GPP', '40', 'A', '10', 'H501'));
  await openMonitor(page);
  await list(page).focus();
  await page.keyboard.press('F1');
  await expect(guida(page)).toBeVisible();
  await expect(section(page)).toHaveAttribute('data-section', 'monitor-da-spedire');
  await expect(section(page).getByRole('heading')).toHaveText('Scheda «Da spedire»');
  // The section's entry in the list has the focus (and is marked as the current one).
  const nav = guida(page).getByRole('navigation', { name: 'Sezioni della guida' });
  await expect(nav.getByRole('button', { name: 'Scheda «Da spedire»' })).toBeFocused();
  await expect(nav.getByRole('button', { name: 'Scheda «Da spedire»' })).toHaveAttribute('aria-current', 'true');
  const all = await nav.getByRole('button').count();
  expect(all).toBeGreaterThan(20);
  await page.screenshot({ path: 'test-results/guida-monitor.png' });
  expect(await axeSerious(page, 'dialog.guida-dialog')).toEqual([]);

  // The search keeps the sections that contain the word.
  await guida(page).getByRole('searchbox', { name: 'Cerca nella guida' }).fill('etichette');
  await expect(nav.getByRole('button')).toHaveCount(1);
  await expect(nav.getByRole('button')).toHaveText('Stampe varie');
  await expect(section(page)).toHaveAttribute('data-section', 'stampe-varie');
  await expect(guida(page).getByRole('status')).toHaveText('1 sezione trovata');
  await guida(page).getByRole('searchbox', { name: 'Cerca nella guida' }).fill('Correggi');
  const withCorreggi = await nav.getByRole('button').count();
  expect(withCorreggi).toBeGreaterThan(1);
  expect(withCorreggi).toBeLessThan(all);
  await expect(nav.getByRole('button', { name: 'Stampe varie' })).toHaveCount(0);
  await guida(page).getByRole('searchbox', { name: 'Cerca nella guida' }).fill('parolachenonce');
  await expect(nav.getByRole('button')).toHaveCount(0);
  await expect(nav).toContainText('Nessuna sezione contiene «parolachenonce»');
  await page.screenshot({ path: 'test-results/guida-ricerca.png' });

  await page.keyboard.press('Escape');
  await expect(guida(page)).toBeHidden();
  await expect(list(page)).toBeFocused();

  // On another tab, at that tab's section.
  await page.keyboard.press('Control+4');
  await list(page).focus();
  await page.keyboard.press('F1');
  await expect(section(page)).toHaveAttribute('data-section', 'monitor-scartate');
  await page.keyboard.press('Escape');
  await expect(guida(page)).toBeHidden();

  // From a dialog: the Guida opens over it at its section; Esc returns to the dialog.
  await page.getByRole('button', { name: /^Stampe varie/ }).click();
  const varie = page.getByRole('dialog', { name: 'Stampe varie' });
  await expect(varie.getByRole('radio', { name: /01 Archivio Anagrafiche/ })).toBeFocused();
  await page.keyboard.press('F1');
  await expect(section(page)).toHaveAttribute('data-section', 'stampe-varie');
  await page.keyboard.press('Escape');
  await expect(guida(page)).toBeHidden();
  await expect(varie).toBeVisible();
  await expect(varie.getByRole('radio', { name: /01 Archivio Anagrafiche/ })).toBeFocused();
});

test("F1 nell'editor apre la Guida RED alla sezione della scheda aperta; Esc chiude la guida, non l'editor", async ({ page }) => {
  await create(makeCf('BNC', 'LGU', '38', 'B', '05', 'F205'));
  await openMonitor(page);
  await list(page).getByRole('option').first().click();
  await page.keyboard.press('Enter');
  const cf = editor(page).locator('[data-field="anagrafica.codiceFiscale"]');
  await expect(cf).toBeFocused();
  await expect(help(editor(page))).toContainText('Codice fiscale del titolare');

  await page.keyboard.press('F1');
  await expect(section(page)).toHaveAttribute('data-section', 'editor-dichiarazione');
  await page.screenshot({ path: 'test-results/guida-editor.png' });
  await page.keyboard.press('Escape');
  await expect(guida(page)).toBeHidden();
  await expect(editor(page)).toBeVisible();
  await expect(cf).toBeFocused();

  await page.keyboard.press('Control+2');
  await expect(editor(page).locator('[data-field="soggetti.titolare.codiceFiscale"]')).toBeVisible();
  await page.keyboard.press('F1');
  await expect(section(page)).toHaveAttribute('data-section', 'editor-anagrafica-redditi');
  await page.keyboard.press('Escape');

  await page.keyboard.press('F8');
  await page.keyboard.press('F1');
  await expect(section(page)).toHaveAttribute('data-section', 'monitor-errori');
  await page.keyboard.press('Escape');
  await expect(guida(page)).toBeHidden();
  await expect(editor(page)).toBeVisible();
});

test("help di campo: ogni campo dell'editor e delle finestre di Utilità ha la sua descrizione", async ({ page }) => {
  await create(makeCf('GLL', 'NNA', '44', 'C', '41', 'L219'));
  await openMonitor(page);

  // Utilità → each dialog with fields: every enabled field shows its own text, never the placeholder.
  const utilita = page.getByRole('dialog', { name: 'Utilità' });
  for (const [entry, title] of [
    ['Richiesta duplicato stringa CAF', 'Richiesta duplicato Stringa CAF'],
    ['Elenco documenti necessari', 'Elenco documenti necessari'],
    ['Impostazioni lettore ottico', 'Impostazioni lettore ottico'],
    ['Decodifica codici errore', 'Decodifica codici errore'],
  ] as const) {
    await list(page).focus();
    await page.keyboard.press('Alt+U');
    await utilita.getByRole('button', { name: entry }).click();
    const dialog = page.getByRole('dialog', { name: title });
    await expect(dialog).toBeVisible();
    await everyFieldHasHelp(dialog);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }

  // The editor: every enabled field of both tabs.
  await list(page).focus();
  await page.keyboard.press('Enter');
  await expect(editor(page).locator('[data-field="anagrafica.codiceFiscale"]')).toBeFocused();
  await everyFieldHasHelp(editor(page).locator('.editor-main'), editor(page).locator('.editor-foot'));
  await page.keyboard.press('Control+2');
  await expect(editor(page).locator('[data-field="soggetti.titolare.codiceFiscale"]')).toBeVisible();
  await everyFieldHasHelp(editor(page).locator('.editor-main'), editor(page).locator('.editor-foot'));
});
