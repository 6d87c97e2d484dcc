import { test, expect } from '@playwright/test';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';

/**
 * The archive worker dies while the window is open (simulated: the test build's SIGUSR2 hook, on only with
 * RED_DESK_FAULTS=1, ends the worker thread as a crash would). The operator is told, can dismiss the notice,
 * and goes on working: the archive was restarted under the window.
 */
let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk({ env: { RED_DESK_FAULTS: '1' } });
});
test.afterEach(async () => {
  await desk.stop();
});

test("l'archivio si interrompe: la finestra lo dice, l'archivio riparte e il lavoro continua", async ({ page }) => {
  const cf = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf) })).body.ok).toBe(true);
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  const list = page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
  await expect(list.getByRole('option').filter({ hasText: cf })).toBeVisible();
  const notice = page.getByRole('alert', { name: "Stato dell'archivio" });
  await expect(notice).toBeHidden();

  desk.proc.kill('SIGUSR2');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Archivio riavviato');
  await expect(notice).toContainText("L'archivio si è interrotto (uscita 1) ed è stato riavviato.");
  await page.screenshot({ path: 'test-results/archivio-riavviato.png' });

  // The archive answers again: the monitor reloads and a new declaration is created from the window.
  const second = makeCf('BNC', 'LRA', '38', 'E', '52', 'F205');
  await list.focus();
  await page.keyboard.press('Alt+N');
  const dialog = page.getByRole('dialog', { name: /Nuovo/ });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Stringa CAF completa').focus();
  await page.keyboard.type(makeMatricola(second), { delay: 80 });
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Crea dichiarazione' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  // The new declaration opens at once (issue 18); Esc back to the monitor.
  const editor = page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });
  await expect(editor.getByTestId('editor-status')).toHaveText('Incompleta');
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();
  await expect(list.getByRole('option').filter({ hasText: second })).toBeVisible();
  await expect(list.getByRole('option').filter({ hasText: cf })).toBeVisible();

  await notice.getByRole('button', { name: 'Chiudi avviso' }).click();
  await expect(notice).toBeHidden();
});
