import { test, expect } from '@playwright/test';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { openDeskFile } from '../helpers/desk-key';
import { makeCf, makeMatricola } from '../helpers/matricole';

/**
 * The check at open (issue 13 point 2): an archive whose bytes were damaged while RED Desk was closed opens with a
 * notice that stays, and names the last good backup; «Ripristina da backup» offers that backup.
 */
let desk: DeskProcess | null = null;
test.afterEach(async () => {
  await desk?.stop();
});

test("archivio danneggiato all'apertura: l'avviso resta e nomina l'ultima copia valida", async ({ page }) => {
  desk = await startDesk();
  const dataDir = desk.dataDir;
  const cf = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf) })).body.ok).toBe(true);
  const made = await callApi(desk, 'backup.now', {});
  expect(made.body.ok).toBe(true);
  const label = (made.body.result as { label: string }).label;
  await desk.stop();
  desk = null;

  // Bytes no b-tree page has, over the root page of the status history (the monitor's list does not read it).
  const file = join(dataDir, 'archivio-red.sqlite');
  const db = await openDeskFile(file, { readonly: true });
  const root = (db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'status_history'").get() as { rootpage: number }).rootpage;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (root - 1) * pageSize);
  closeSync(fd);

  desk = await startDesk({ dataDir });
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  const notice = page.getByRole('alert', { name: "Stato dell'archivio" });
  await expect(notice).toContainText('Archivio danneggiato');
  await expect(notice).toContainText(`Ultima copia di sicurezza valida: ${label} (1 dichiarazione). Ripristinarla da Servizi → «Ripristina da backup».`);
  await expect(notice.getByRole('button', { name: 'Chiudi avviso' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/archivio-danneggiato.png' });

  await page.getByRole('listbox', { name: 'Archivio dichiarazioni' }).focus();
  await page.keyboard.press('Alt+S');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Ripristina da backup' });
  await expect(dialog.getByRole('radio', { checked: true })).toBeFocused();
  await expect(dialog.locator('label').filter({ has: page.getByRole('radio', { checked: true }) })).toContainText(`${label} — `);
});
