import { test, expect, type Locator, type Page } from '@playwright/test';
import { axeSerious } from '../helpers/axe';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { cfOf } from '../helpers/print-desk';
import { seedPrintArchive } from '../helpers/print-seed';
import { makeCf, makeMatricola } from '../helpers/matricole';
import { completableDeclaration, SOLO_2008 } from '../helpers/declarations';

// Issue 11 point 23: axe-core on every dialog of the desk, opened as an operator opens it. No serious or critical
// violation (WCAG 2 A/AA) inside the open dialogs.

const CF_INPDAP = makeCf('VRD', 'GPP', '41', 'C', '10', 'F205');
const CF_INCOMPLETA = makeCf('BNC', 'GNN', '41', 'M', '03', 'A944');
const CF_COMPLETABILE = makeCf('GLL', 'NNA', '44', 'C', '41', 'L219');

let desk: DeskProcess;
test.beforeEach(async () => {
  // Spedite holds a declaration received by the CAF (Stampa modelli); Da spedire a Completa one and one of INPDAP.
  const dataDir = mkdtempSync(join(tmpdir(), 'red-desk-axe-'));
  seedPrintArchive(dataDir, CF_INPDAP);
  desk = await startDesk({ dataDir });
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(CF_INCOMPLETA, SOLO_2008) })).body.ok).toBe(true);
  await completableDeclaration(desk, CF_COMPLETABILE, false);
});
test.afterEach(async () => {
  await desk.stop();
});

const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const fn = (page: Page) => page.getByRole('complementary', { name: 'Tasti funzione' });
const editor = (page: Page) => page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });

const found: Record<string, string[]> = {};

/** Runs axe on the dialog (visible), keeps what it finds under its name, takes a screenshot. */
async function check(page: Page, name: string, dialog: Locator) {
  await expect(dialog).toBeVisible();
  const v = await axeSerious(page, 'dialog[open]');
  if (v.length > 0) found[name] = v;
  await page.screenshot({ path: `test-results/axe-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png` });
}

async function closeWithEsc(page: Page, dialog: Locator) {
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('ogni finestra del monitor e dell\'editor passa axe (nessuna violazione seria o critica)', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(desk.url);
  await expect(list(page).getByRole('option').first()).toBeVisible();

  // Nuovo, and "Dichiarazione già presente" for a codice fiscale in the archive.
  await page.keyboard.press('Alt+N');
  const nuovo = page.getByRole('dialog', { name: /Nuovo/ });
  await check(page, 'Nuovo', nuovo);
  await page.keyboard.type(CF_INCOMPLETA.slice(0, 9));
  await page.keyboard.press('Enter');
  const dup = page.getByRole('dialog', { name: 'Dichiarazione già presente' });
  await check(page, 'Dichiarazione già presente', dup);
  // The Guida RED (F1) over a nested dialog.
  await page.keyboard.press('F1');
  const guidaNested = page.getByRole('dialog', { name: 'Guida RED' });
  await check(page, 'Guida RED su Dichiarazione già presente', guidaNested);
  await closeWithEsc(page, guidaNested);
  await closeWithEsc(page, dup);
  await closeWithEsc(page, nuovo);

  // Utilità and each of its dialogs.
  const utilita = page.getByRole('dialog', { name: 'Utilità' });
  await list(page).focus();
  await page.keyboard.press('Alt+U');
  await check(page, 'Utilità', utilita);
  await closeWithEsc(page, utilita);
  for (const [entry, title] of [
    ['Controllo Dichiarazioni RED', 'Controllo Dichiarazioni RED'],
    ['Reinvio dichiarazioni', 'Reinvio dichiarazioni'],
    ['Storico trasmissioni', 'Storico trasmissioni'],
    ['Richiesta duplicato stringa CAF', 'Richiesta duplicato Stringa CAF'],
    ['Elenco documenti necessari', 'Elenco documenti necessari'],
    ['Impostazioni lettore ottico', 'Impostazioni lettore ottico'],
    ['Impostazioni collegamento CAF', 'Impostazioni collegamento CAF'],
    ['Decodifica codici errore', 'Decodifica codici errore'],
  ] as const) {
    await list(page).focus();
    await page.keyboard.press('Alt+U');
    await utilita.getByRole('button', { name: entry }).click();
    const dialog = page.getByRole('dialog', { name: title });
    await check(page, title, dialog);
    await closeWithEsc(page, dialog);
  }

  // The sync bar: Messaggi and Segnalazioni.
  const bar = page.getByRole('region', { name: 'Collegamento al CAF' });
  await bar.getByRole('button', { name: /^Messaggi/ }).click();
  const messaggi = page.getByRole('dialog', { name: 'Messaggi dal CAF CGN' });
  await check(page, 'Messaggi', messaggi);
  await closeWithEsc(page, messaggi);
  await bar.getByRole('button', { name: 'Segnalazioni' }).click();
  const segnalazioni = page.getByRole('dialog', { name: 'Segnalazioni' });
  await check(page, 'Segnalazioni', segnalazioni);
  await closeWithEsc(page, segnalazioni);

  // Stampe varie and the Cancella confirmation on a declaration of Da spedire.
  await list(page).getByRole('option').filter({ hasText: cfOf('zeroRed') }).click();
  await fn(page).getByRole('button', { name: /^Stampe varie/ }).click();
  const varie = page.getByRole('dialog', { name: 'Stampe varie' });
  await check(page, 'Stampe varie', varie);
  await closeWithEsc(page, varie);
  await list(page).focus();
  await page.keyboard.press('Delete');
  const cancella = page.getByRole('dialog', { name: 'Cancella dichiarazione' });
  await check(page, 'Cancella dichiarazione', cancella);
  await closeWithEsc(page, cancella);

  // Invio: the Completa declaration ticked (Spazio), Alt+I asks the confirmation; Annulla with Esc.
  await list(page).getByRole('option').filter({ hasText: cfOf('zeroRed') }).click();
  await page.keyboard.press('Space');
  await page.keyboard.press('Alt+I');
  const invio = page.getByRole('dialog', { name: 'Invio al CAF CGN' });
  await check(page, 'Invio al CAF CGN', invio);
  await closeWithEsc(page, invio);

  // Sincronizza with no collegamento configured asks to open the settings.
  await bar.getByRole('button', { name: 'Sincronizza' }).click();
  const nonConfigurato = page.getByRole('dialog', { name: 'Collegamento al CAF non configurato' });
  await check(page, 'Collegamento al CAF non configurato', nonConfigurato);
  await closeWithEsc(page, nonConfigurato);

  // Guida RED (F1) over the monitor.
  await list(page).focus();
  await page.keyboard.press('F1');
  const guida = page.getByRole('dialog', { name: 'Guida RED' });
  await check(page, 'Guida RED', guida);
  await closeWithEsc(page, guida);

  // Stampa modelli on a declaration received by the CAF (Spedite).
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('tab', { name: /Spedite/ })).toHaveAttribute('aria-selected', 'true');
  await list(page).getByRole('option').filter({ hasText: cfOf('normaleConiuge') }).click();
  await fn(page).getByRole('button', { name: /^Stampa modelli/ }).click();
  const modelli = page.getByRole('dialog', { name: 'Stampa modelli' });
  await check(page, 'Stampa modelli', modelli);
  // CREA LISTA (Invio): the list of the declarations to print, checked too.
  await expect(modelli.getByRole('button', { name: 'CREA LISTA' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(modelli.getByRole('listbox', { name: 'Dichiarazioni da stampare' }).getByRole('option').first()).toBeVisible();
  await check(page, 'Stampa modelli lista', modelli);
  await closeWithEsc(page, modelli);

  // The editor: the Elenco dei documenti (F4 on a Documentato row) and «Rendere completa?» when leaving.
  await page.keyboard.press('Control+1');
  await list(page).getByRole('option').filter({ hasText: CF_INCOMPLETA }).click();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeVisible();
  await page.keyboard.press('Control+2');
  await editor(page).getByRole('radio', { name: 'Documentato' }).check();
  await editor(page).locator('[data-field="soggetti.titolare.anni.2008.righi.A1"]').focus();
  await page.keyboard.press('F4');
  const documenti = page.getByRole('dialog', { name: 'Elenco dei redditi dichiarati e documenti esibiti' });
  await check(page, 'Documenti', documenti);
  await closeWithEsc(page, documenti);
  await expect(editor(page).getByRole('status', { name: 'Stato del salvataggio' })).toHaveText('Salvato');
  await page.keyboard.press('Escape');
  await expect(editor(page)).toBeHidden();
  // A declaration with no blocking error, not yet Completa: leaving it asks «Rendere completa?» (p. 75).
  await list(page).getByRole('option').filter({ hasText: CF_COMPLETABILE }).click();
  await page.keyboard.press('Enter');
  await expect(editor(page).locator('[data-field="anagrafica.codiceFiscale"]')).toBeFocused();
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Incompleta');
  await expect(editor(page).getByRole('listbox', { name: /Errori bloccanti/ }).getByRole('option')).toHaveCount(0);
  await page.keyboard.press('Escape');
  const completa = page.getByRole('dialog', { name: 'Rendere completa?' });
  await check(page, 'Rendere completa', completa);

  expect(found).toEqual({});
});
