import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';

/**
 * The locked screen (issue 13 point 3), keyboard only, with no passphrase in the environment: the first start
 * chooses the passphrase (written twice), the next start asks it; a wrong one is refused with a message and the
 * right one opens the monitor on the same declarations.
 */
let desk: DeskProcess | null = null;
test.afterEach(async () => {
  await desk?.stop();
});

const PASSPHRASE = 'Pensioni 2009 sportello!';
const LOCKED = { RED_DESK_ARCHIVE_PASSPHRASE: '' };

async function monitorOpen(page: Page) {
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
}

test('prima apertura: si sceglie la passphrase; riavvio: è chiesta, una errata è rifiutata, quella giusta apre il monitor', async ({ page }) => {
  desk = await startDesk({ env: LOCKED });
  const dataDir = desk.dataDir;
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: "Cifratura dell'archivio: scegliere la passphrase" })).toBeVisible();
  const first = page.getByLabel('Passphrase', { exact: true });
  await expect(first).toBeFocused();
  await page.screenshot({ path: 'test-results/archivio-cifrato-1-scelta.png' });

  // Two different passphrases: refused, the repetition is to be written again.
  await page.keyboard.type(PASSPHRASE);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Ripetere la passphrase')).toBeFocused();
  await page.keyboard.type('un altra cosa');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Le due passphrase non coincidono: scriverle di nuovo.');
  await expect(page.getByLabel('Ripetere la passphrase')).toBeFocused();
  await expect(page.getByLabel('Ripetere la passphrase')).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.type(PASSPHRASE);
  await page.keyboard.press('Enter');
  await monitorOpen(page);
  await page.screenshot({ path: 'test-results/archivio-cifrato-2-monitor.png' });

  const cf = makeCf('VRD', 'GPP', '40', 'A', '10', 'H501');
  expect((await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf) })).body.ok).toBe(true);
  await desk.stop();
  desk = null;
  // On disk: encrypted (no codice fiscale in clear), and the passphrase is nowhere.
  const archive = readFileSync(join(dataDir, 'archivio-red.sqlite'));
  expect(archive.includes(Buffer.from(cf))).toBe(false);
  expect(readFileSync(join(dataDir, 'archivio-red.chiave'), 'utf8')).not.toContain(PASSPHRASE);

  desk = await startDesk({ dataDir, env: LOCKED });
  // Until the passphrase is given the API refuses everything but the locked screen's two calls.
  expect((await callApi(desk, 'monitor.list', { tab: 'DA_SPEDIRE', offset: 0, limit: 10 })).body.error?.code).toBe('ARC-11');
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Archivio cifrato: inserire la passphrase' })).toBeVisible();
  await expect(page.getByLabel('Ripetere la passphrase')).toHaveCount(0);
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await page.keyboard.type('Pensioni 2009 sportello?');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Passphrase errata');
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Passphrase', { exact: true })).toHaveValue('');
  await page.screenshot({ path: 'test-results/archivio-cifrato-3-errata.png' });
  await page.keyboard.type(PASSPHRASE);
  await page.keyboard.press('Enter');
  await monitorOpen(page);
  await expect(page.getByRole('listbox', { name: 'Archivio dichiarazioni' })).toContainText(cf);
  await page.screenshot({ path: 'test-results/archivio-cifrato-4-riaperto.png' });
});
