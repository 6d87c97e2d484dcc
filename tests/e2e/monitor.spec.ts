import { test, expect, type Page } from '@playwright/test';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';

let desk: DeskProcess;

test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });

async function openMonitor(page: Page) {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Da spedire/ })).toHaveAttribute('aria-selected', 'true');
  // The list takes the focus once the monitor's keys are live: the tests' shortcuts wait for it.
  await expect(list(page)).toBeFocused();
}

test('Nuovo: matricola digitata, significato, Crea dichiarazione, ricerca per codice fiscale parziale', async ({ page }) => {
  const cf = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
  const matricola = makeMatricola(cf);
  await openMonitor(page);

  await page.keyboard.press('Alt+N');
  const dialog = page.getByRole('dialog', { name: /Nuovo/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Codice fiscale', { exact: true })).toBeFocused();
  // The operator types the matricola split: the fields advance by themselves.
  await page.keyboard.type(matricola, { delay: 15 });
  await expect(dialog.getByLabel('Controcodice')).toHaveValue(matricola.slice(-1));
  await page.keyboard.press('Enter');

  const sezione = dialog.getByRole('region', { name: 'Sezione matricola' });
  await expect(sezione).toBeVisible();
  await expect(sezione.getByRole('row', { name: /Codice emissione/ })).toContainText('INPS');
  await expect(sezione.getByRole('row', { name: /Rilevanza coniuge/ })).toContainText(/rilevante/i);
  await expect(sezione.getByRole('row', { name: /Flag lavoro anno 2008/ })).toContainText('lavoro dipendente');
  await expect(sezione).toContainText('Anni richiesti: 2008');

  // Invio put the focus on "Crea dichiarazione".
  const crea = dialog.getByRole('button', { name: 'Crea dichiarazione' });
  await expect(crea).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  // The new declaration opens at once; Esc goes back to the monitor with its row selected.
  const editor = page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });
  await expect(editor.locator('[data-field="anagrafica.codiceFiscale"]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  const row = list(page).getByRole('option').filter({ hasText: cf });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Incompleta');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: /Da spedire/ })).toContainText('1');
  await expect(page.getByRole('region', { name: /Componenti nucleo familiare/ })).toContainText('Titolare');

  // Another declaration, then search by a partial codice fiscale.
  const other = makeCf('BNC', 'LRA', '38', 'E', '52', 'F205');
  const created = await callApi(desk, 'declarations.create', { matricola: makeMatricola(other) });
  expect(created.body.ok).toBe(true);
  await expect(list(page).getByRole('option')).toHaveCount(2);

  await page.keyboard.press('F3');
  await expect(page.getByLabel('Ricerca per codice fiscale')).toBeFocused();
  await page.keyboard.type('VRDG', { delay: 120 }); // a person typing
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await expect(list(page).getByRole('option').first()).toContainText(cf);
  await page.keyboard.press('Escape');
  await expect(list(page).getByRole('option')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/monitor-da-spedire.png' });
});

test('una matricola errata mostra il messaggio e non crea nulla', async ({ page }) => {
  const cf = makeCf('RSS', 'MRA', '45', 'C', '12', 'L219');
  const good = makeMatricola(cf);
  const bad = good.slice(0, 16) + 'X' + good.slice(17); // codice emissione X
  await openMonitor(page);
  await page.getByRole('button', { name: /^Nuovo/ }).click();
  const dialog = page.getByRole('dialog', { name: /Nuovo/ });
  await dialog.getByLabel('Stringa CAF completa').fill(bad);
  await dialog.getByLabel('Stringa CAF completa').press('Enter');
  const errors = dialog.getByRole('alert', { name: 'Errori nella matricola' });
  await expect(errors).toContainText('Codice emissione (posizione 17)');
  await expect(errors).toContainText('valori ammessi');
  await expect(dialog.getByLabel('Codice emissione')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByRole('button', { name: 'Crea dichiarazione' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/nuovo-errore.png' });

  // Wrong length from a scanner-like paste: refused too.
  await dialog.getByLabel('Stringa CAF completa').fill(good.slice(0, 25));
  await dialog.getByLabel('Stringa CAF completa').press('Enter');
  await expect(errors).toContainText('attesi 30 caratteri, trovati 25');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(list(page)).toContainText('Nessuna dichiarazione');
  const count = await callApi(desk, 'monitor.list', { tab: 'DA_SPEDIRE', offset: 0, limit: 10 });
  expect((count.body.result as { total: number }).total).toBe(0);
});

test('codice fiscale già presente: finestra Seleziona / Annulla, nessun duplicato silenzioso', async ({ page }) => {
  const cf = makeCf('BNC', 'GNN', '41', 'M', '03', 'A944');
  const first = makeMatricola(cf);
  expect((await callApi(desk, 'declarations.create', { matricola: first })).body.ok).toBe(true);
  await openMonitor(page);

  // Partial codice fiscale + Invio shows the declarations already present.
  await page.keyboard.press('Alt+N');
  const dialog = page.getByRole('dialog', { name: /Nuovo/ });
  await page.keyboard.type(cf.slice(0, 9));
  await page.keyboard.press('Enter');
  const dup = page.getByRole('dialog', { name: 'Dichiarazione già presente' });
  await expect(dup).toBeVisible();
  await expect(dup.getByRole('option')).toHaveCount(1);
  await expect(dup).toContainText(first);
  await page.screenshot({ path: 'test-results/gia-presente.png' });

  // Annulla: a different matricola (another ente) for the same codice fiscale, created knowingly.
  await dup.getByRole('button', { name: 'Annulla' }).click();
  await expect(dup).toBeHidden();
  const second = makeMatricola(cf, { codiceEmissione: 'G', statoCivile: '0' });
  await dialog.getByLabel('Stringa CAF completa').fill(second);
  await dialog.getByLabel('Stringa CAF completa').press('Enter');
  await expect(dialog.getByRole('region', { name: 'Sezione matricola' })).toContainText('INPDAP');
  await dialog.getByRole('button', { name: 'Crea dichiarazione' }).click();
  await expect(dialog).toBeHidden();
  const editor = page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });
  await expect(editor).toBeVisible();
  // The editor puts the cursor on its first field once its keys are live; Esc then closes it.
  await expect(editor.locator('[data-field="anagrafica.codiceFiscale"]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(list(page).getByRole('option')).toHaveCount(2);

  // The same matricola again: the dialog appears; Seleziona goes to the existing declaration.
  await page.keyboard.press('Alt+N');
  await dialog.getByLabel('Stringa CAF completa').fill(first);
  await dialog.getByLabel('Stringa CAF completa').press('Enter');
  await expect(dup.getByRole('option')).toHaveCount(2);
  await dup.getByRole('option').filter({ hasText: first }).click();
  await dup.getByRole('button', { name: 'Modifica dich.' }).click();
  await expect(dialog).toBeHidden();
  // Selected in the list, "Modifica dich." opens the existing declaration at once (p. 75).
  await expect(editor.getByText(first)).toBeVisible();
  await expect(editor.locator('[data-field="anagrafica.codiceFiscale"]')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(list(page).getByRole('option', { selected: true })).toContainText(first);
  const all = await callApi(desk, 'declarations.findByCodiceFiscale', { codiceFiscale: cf });
  expect((all.body.result as { total: number }).total).toBe(2);
});

test('Cancella chiede conferma, toglie la dichiarazione e la lascia nello storico', async ({ page }) => {
  const cf = makeCf('FRR', 'NNA', '39', 'B', '44', 'D612');
  const created = await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf) });
  const id = (created.body.result as { id: number }).id;
  await openMonitor(page);
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await list(page).focus();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: 'Cancella dichiarazione' });
  await expect(confirm).toContainText(cf);
  // The safe answer has the focus: Invio does not delete.
  await expect(confirm.getByRole('button', { name: 'Annulla' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(list(page).getByRole('option')).toHaveCount(1);

  await page.getByRole('button', { name: /^Cancella/ }).click();
  await confirm.getByRole('button', { name: 'Cancella' }).click();
  await expect(list(page)).toContainText('Nessuna dichiarazione');
  const history = await callApi(desk, 'declarations.history', { id });
  const rows = (history.body.result as { rows: { event: string; fromStatus: string | null }[] }).rows;
  expect(rows.map((r) => r.event)).toEqual(['CREAZIONE', 'CANCELLAZIONE']);
  expect(rows[1]?.fromStatus).toBe('INCOMPLETA');
});

test('schede e tasti funzione come nella guida: una colonna fissa, nell\'ordine di p. 69, disabilitati dove non valgono', async ({ page }) => {
  // The guide's table (p. 69, red-domain.md §3.4), read row by row.
  const ORDER = ['Nuovo', 'Modifica', 'Correggi', 'Visualizza', 'Stampa modelli', 'Stampe varie', 'Utilità', 'Esci', 'Cancella', 'Invio'];
  const ENABLED_BY_TAB: Record<string, string[]> = {
    'Da spedire': ['Nuovo', 'Stampe varie', 'Utilità', 'Esci'], // nothing selected (empty archive): Modifica, Cancella, Invio wait
    Spedite: ['Stampa modelli', 'Stampe varie', 'Utilità', 'Esci'],
    Ricevute: ['Stampa modelli', 'Stampe varie', 'Utilità', 'Esci'],
    Scartate: ['Stampe varie', 'Utilità', 'Esci'],
  };
  await openMonitor(page);
  const fn = page.getByRole('complementary', { name: 'Tasti funzione' });
  const buttons = fn.getByRole('button');
  for (const [i, tabName] of ['Da spedire', 'Spedite', 'Ricevute', 'Scartate'].entries()) {
    await page.keyboard.press(`Control+${i + 1}`);
    await expect(page.getByRole('tab', { name: new RegExp(tabName) })).toHaveAttribute('aria-selected', 'true');
    // Same buttons, same places, on every tab.
    const labels = (await buttons.allInnerTexts()).map((t) => t.split('\n')[0]?.trim());
    expect(labels, tabName).toEqual(ORDER);
    const enabled: string[] = [];
    for (const label of ORDER) {
      const b = buttons.filter({ hasText: new RegExp(`^${label}`) }).first();
      if ((await b.getAttribute('aria-disabled')) !== 'true') enabled.push(label);
      else expect((await b.getAttribute('title'))?.length ?? 0, `${tabName}: ${label} senza motivo`).toBeGreaterThan(10);
    }
    expect(enabled, tabName).toEqual(ENABLED_BY_TAB[tabName]);
  }

  // Valid aria-keyshortcuts; the Enter hint of Modifica/Visualizza is "↵", never a word that reads like "Invio".
  await page.keyboard.press('Control+1');
  const modifica = buttons.filter({ hasText: /^Modifica/ });
  await expect(modifica).toHaveAttribute('aria-keyshortcuts', 'Enter');
  await expect(modifica.locator('.kbd')).toHaveText('↵');
  await expect(buttons.filter({ hasText: /^Cancella/ })).toHaveAttribute('aria-keyshortcuts', 'Delete');
  await expect(buttons.filter({ hasText: /^Cancella/ }).locator('.kbd')).toHaveText('Canc');
  await expect(buttons.filter({ hasText: /^Nuovo/ })).toHaveAttribute('aria-keyshortcuts', 'Alt+N');
  for (const k of await fn.locator('[aria-keyshortcuts]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-keyshortcuts') ?? ''))) {
    expect(k).toMatch(/^((Alt|Control|Shift)\+)*(Enter|Delete|Escape|[A-Z0-9]|F\d{1,2})$/);
  }
  // Invio works on the ticked Completa rows (column S): with nothing ticked it says so.
  await expect(buttons.filter({ hasText: /^Invio/ })).toHaveAttribute('title', /Spuntare nella colonna S/);
  // A disabled button pressed says why in the message bar.
  await page.keyboard.press('Control+4');
  await buttons.filter({ hasText: /^Cancella/ }).click({ force: true }); // aria-disabled: Playwright would wait for it to be enabled
  await expect(page.getByTestId('message-bar')).toContainText('«Cancella» è disponibile nella scheda «Da spedire»');
  await expect(page.getByLabel('Visualizza rettificate')).toHaveCount(0);
  await page.keyboard.press('Control+3');
  await expect(page.getByLabel('Visualizza rettificate')).toBeVisible();
  await page.screenshot({ path: 'test-results/ricevute-tasti.png' });
});
