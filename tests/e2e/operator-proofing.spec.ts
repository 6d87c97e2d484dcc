import { test, expect, type Page } from '@playwright/test';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';
import { SOLO_2008, completableDeclaration, getDeclaration } from '../helpers/declarations';

// Issue 18: no wrong amount or date can be saved; the flow of the editor as an operator uses it.

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
const bloccanti = (page: Page) => editor(page).getByRole('listbox', { name: /Errori bloccanti/ });
const messages = (page: Page) => editor(page).getByRole('status', { name: 'Messaggi' });
const A1 = 'soggetti.titolare.anni.2008.righi.A1';

const SOLO = SOLO_2008;
const getDecl = (id: number) => getDeclaration(desk, id);
const completable = (cf: string, complete: boolean) => completableDeclaration(desk, cf, complete);

async function openEditor(page: Page, cf: string) {
  await page.goto(desk.url);
  await list(page).getByRole('option').filter({ hasText: cf }).click();
  await page.keyboard.press('Enter');
  await expect(field(page, 'anagrafica.codiceFiscale')).toBeFocused();
}

async function waitSaved(page: Page) {
  await expect(editor(page).getByRole('status', { name: 'Stato del salvataggio' })).toHaveText('Salvato');
}

test('importo «15OOO»: resta scritto, errore bloccante, nulla di parziale nell\'archivio, «Rendi completa» rifiutata', async ({ page }) => {
  const cf = makeCf('RSS', 'MRA', '41', 'C', '12', 'H501');
  const id = await completable(cf, true);
  await openEditor(page, cf);
  await page.keyboard.press('Control+2');
  const a1 = field(page, A1);
  await expect(a1).toHaveValue('15.000'); // thousands separator when not being edited

  await a1.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('15OOO'); // letter O, as a hurried operator does
  await page.keyboard.press('Tab');
  await expect(a1).toHaveValue('15OOO');
  await expect(a1).toHaveAttribute('aria-invalid', 'true');
  const err = bloccanti(page).locator('[data-code="INS-01"]');
  await expect(err).toContainText('Titolare – redditi 2008, rigo A1: importo non valido «15OOO»: solo cifre, decimali con la virgola');
  await waitSaved(page);

  // The archive holds no A1 at all (not 15), and the declaration is no longer Completa.
  let saved = await getDecl(id);
  expect(saved.document.soggetti[0]?.anni[0]?.righi.A1).toBeUndefined();
  expect(saved.status).toBe('INCOMPLETA');
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Incompleta');
  await expect(messages(page)).toContainText('non è più Completa ma Incompleta');

  // Rendi completa is refused while the box holds the text.
  await page.keyboard.press('Alt+C');
  await expect(messages(page)).toContainText('non può essere resa completa: Titolare – redditi 2008, rigo A1 contiene «15OOO»');
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Incompleta');

  // The text survives a switch of tab; «12a50» is refused the same way (never 12).
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+2');
  await expect(a1).toHaveValue('15OOO');
  await a1.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('12a50');
  await expect(err).toContainText('«12a50»');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('15000');
  await page.keyboard.press('Tab');
  await expect(a1).toHaveValue('15.000');
  await expect(a1).not.toHaveAttribute('aria-invalid', 'true');
  await expect(err).toHaveCount(0);
  await waitSaved(page);
  saved = await getDecl(id);
  expect(saved.document.soggetti[0]?.anni[0]?.righi.A1?.importo).toBe(15000);

  await page.keyboard.press('Alt+C');
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Completa');
});

test('date: «31/02/2009» inesistente (non «mancante»), «15032008» accettata con le barre, decesso nel 2031 bloccante', async ({ page }) => {
  const cf = makeCf('BNC', 'LGU', '38', 'E', '05', 'F205');
  const id = await completable(cf, false);
  await openEditor(page, cf);
  const dec = field(page, 'anagrafica.statoCivileDecorrenza');

  await dec.fill('31/02/2009');
  await page.keyboard.press('Tab');
  await expect(dec).toHaveValue('31/02/2009');
  await expect(dec).toHaveAttribute('aria-invalid', 'true');
  await expect(bloccanti(page).locator('[data-code="INS-02"]')).toContainText(
    'Decorrenza dello stato civile: data inesistente «31/02/2009»: febbraio 2009 ha 28 giorni.',
  );
  // The rule that would say "inserire la data" does not speak for a box that holds a refused text.
  await expect(bloccanti(page)).not.toContainText('inserire la data');

  await dec.fill('31022009');
  await expect(bloccanti(page).locator('[data-code="INS-02"]')).toContainText('data inesistente «31022009»: febbraio 2009 ha 28 giorni');
  await dec.fill('15032008');
  await page.keyboard.press('Tab');
  await expect(dec).toHaveValue('15/03/2008');
  await expect(bloccanti(page).locator('[data-code^="INS-"]')).toHaveCount(0);

  // A decorrenza in 2030: a real day, but an event that has not happened.
  await dec.fill('10/01/2030');
  await page.keyboard.press('Tab');
  await expect(bloccanti(page).locator('[data-code="DIC-20"]')).toContainText('La decorrenza del nuovo stato civile (10/01/2030) è successiva a oggi');

  // Deceduto in 2031, then before the birth (the CF says 05/05/1938).
  await dec.fill('15/03/2008');
  await field(page, 'anagrafica.deceduto').check();
  const morte = field(page, 'anagrafica.dataDecesso');
  await morte.fill('02/05/2031');
  await page.keyboard.press('Tab');
  await expect(bloccanti(page).locator('[data-code="DIC-20"]')).toContainText('La data del decesso del titolare (02/05/2031)');
  await morte.fill('01/01/1937');
  await page.keyboard.press('Tab');
  await expect(bloccanti(page).locator('[data-code="DIC-21"]')).toContainText('anteriore alla data di nascita del titolare (05/05/1938');
  await waitSaved(page);
  expect((await getDecl(id)).status).toBe('ERRATA');
});

test('elenco documenti e pensioni estere: un importo non valido non passa', async ({ page }) => {
  const cf = makeCf('FRR', 'NNA', '39', 'B', '44', 'D612');
  await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf, { ...SOLO, flagPensioniEstere: '1' }) });
  await openEditor(page, cf);
  await page.keyboard.press('Control+2');
  await editor(page).getByRole('radio', { name: 'Documentato' }).check();
  await field(page, A1).click();
  const dlg = page.getByRole('dialog', { name: 'Elenco dei redditi dichiarati e documenti esibiti' });
  await dlg.getByLabel('Descrizione documento 1').fill('CUD 2009');
  await dlg.getByLabel('Importo documento 1').fill('1.2345');
  await expect(dlg.getByLabel('Totale documenti')).toHaveText('importo 1 non valido');
  await dlg.getByRole('button', { name: 'Ok Aggiorna' }).click();
  await expect(dlg.getByRole('alert')).toHaveText('Documento 1: importo non valido «1.2345»: solo cifre, decimali con la virgola (es. 1.234,50).');
  await expect(dlg.getByLabel('Importo documento 1')).toBeFocused();
  await dlg.getByLabel('Importo documento 1').fill('1.234,50');
  await expect(dlg.getByLabel('Totale documenti')).toHaveText('1.234,50 → 1.235');
  await dlg.getByRole('button', { name: 'Ok Aggiorna' }).click();
  await expect(dlg).toBeHidden();
  await expect(field(page, A1)).toHaveValue(/^1\.?235$/);

  await editor(page).getByRole('tab', { name: /Pensioni Estere/ }).click();
  await editor(page).getByRole('button', { name: /Aggiungi pensione/ }).click();
  const importo = field(page, 'soggetti.titolare.pensioniEstere.0.importo.2008');
  await importo.fill('abc');
  await page.keyboard.press('Tab');
  await expect(importo).toHaveValue('abc');
  await expect(bloccanti(page).locator('[data-code="INS-01"]')).toContainText('Titolare, pensione estera n. 1, reddito 2008: importo non valido «abc»');
});

test('Esc nel campo annulla solo quel campo; Esc fuori chiude e chiede «Rendere completa?»', async ({ page }) => {
  const cf = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
  const id = await completable(cf, false);
  await openEditor(page, cf);
  await page.keyboard.press('Control+2');
  const cognome = field(page, 'soggetti.titolare.cognome');
  await cognome.click();
  await page.keyboard.press('End');
  await page.keyboard.type('XX');
  await expect(cognome).toHaveValue('ROSSIXX');
  await page.keyboard.press('Escape');
  await expect(cognome).toHaveValue('ROSSI');
  await expect(editor(page)).toBeVisible();
  await expect(cognome).toBeFocused();

  const a1 = field(page, A1);
  await a1.click();
  await page.keyboard.type('9OO');
  await expect(a1).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Escape');
  await expect(a1).toHaveValue('15000');
  await expect(a1).not.toHaveAttribute('aria-invalid', 'true');
  await expect(bloccanti(page).locator('[data-code="INS-01"]')).toHaveCount(0);
  await waitSaved(page);

  // Nothing left to undo: Esc closes. No blocking error and not Completa: the question, "Sì" by default.
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Rendere completa?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Sì, rendi completa' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeHidden();
  await expect(list(page).getByRole('option').filter({ hasText: cf })).toContainText('Completa');
  expect((await getDecl(id)).status).toBe('COMPLETA');
  expect((await getDecl(id)).document.soggetti[0]?.cognome).toBe('ROSSI');
});

test('«Sincronizza» senza collegamento configurato lo dice e offre le impostazioni', async ({ page }) => {
  await page.goto(desk.url);
  const bar = page.getByRole('region', { name: 'Collegamento al CAF' });
  await expect(bar.getByTestId('sync-connection')).toContainText('non configurato');
  await bar.getByRole('button', { name: 'Sincronizza' }).click();
  const ask = page.getByRole('dialog', { name: 'Collegamento al CAF non configurato' });
  await expect(ask).toContainText("l'indirizzo del server del CAF e le credenziali dello sportello");
  await expect(bar.getByTestId('sync-error')).toHaveCount(0); // not a network error
  await ask.getByRole('button', { name: 'Apri Impostazioni collegamento CAF' }).click();
  await expect(page.getByRole('dialog', { name: 'Impostazioni collegamento CAF' })).toBeVisible();
});

test('Nuovo: una Stringa CAF corta dà un solo messaggio e il cursore va sul primo campo mancante', async ({ page }) => {
  const matricola = makeMatricola(makeCf('RSS', 'MRA', '41', 'C', '12', 'H501'));
  await page.goto(desk.url);
  await expect(list(page)).toContainText('Nessuna dichiarazione');
  // The list takes the focus once the monitor's keys are live: only then the shortcut (a slow machine paints first).
  await expect(list(page)).toBeFocused();
  await page.keyboard.press('Alt+N');
  const nuovo = page.getByRole('dialog', { name: /Nuovo/ });
  await nuovo.getByLabel('Stringa CAF completa').fill(matricola.slice(0, 28));
  await nuovo.getByLabel('Stringa CAF completa').press('Enter');
  const errors = nuovo.getByRole('alert', { name: 'Errori nella matricola' }).getByRole('listitem');
  await expect(errors).toHaveCount(1);
  await expect(errors).toHaveText('Stringa CAF incompleta: attesi 30 caratteri, trovati 28; manca dal campo «Flag lavoro anno 2008» (posizione 29).');
  await expect(nuovo.getByLabel('Flag lavoro anno 2008')).toBeFocused();
  // The operator goes on typing the last two characters there: decoded, "Crea dichiarazione" ready.
  await page.keyboard.type(matricola.slice(28, 29));
  await expect(nuovo.getByLabel('Controcodice')).toBeFocused();
  await page.keyboard.type(matricola.slice(29));
  await page.keyboard.press('Enter');
  await expect(nuovo.getByRole('button', { name: 'Crea dichiarazione' })).toBeFocused();
});
