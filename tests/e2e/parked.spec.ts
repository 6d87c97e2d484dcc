import { test, expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArchiveClient } from '#main/archive/client';
import { REPO, startDesk, type DeskProcess } from '../helpers/desk-process';

/**
 * An esito of the CAF for a declaration this archive does not hold (parked): the operator finds it in
 * Segnalazioni, under "Esiti in sospeso", with the date and the key to quote to the CAF.
 */
let desk: DeskProcess;
test.beforeEach(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'red-desk-parked-'));
  const archive = await ArchiveClient.open(join(dataDir, 'archivio-red.sqlite'), { workerPath: join(REPO, 'dist/main/archive-worker.cjs') });
  await archive.call(
    'applyChanges',
    [{ seq: 7, at: '2009-06-01T10:00:00.000Z', kind: 'STATUS', declarationKey: 'a1b2c3d4e5f6a1b2c3d4e5f6', version: 3, status: 'RICEVUTA', scarto: null }],
    7,
    'op',
    'srv-1',
  );
  await archive.close();
  desk = await startDesk({ dataDir });
});
test.afterEach(async () => {
  await desk.stop();
});

test('un esito per una dichiarazione assente è mostrato in Segnalazioni tra gli «Esiti in sospeso»', async ({ page }) => {
  await page.goto(desk.url);
  await page.getByRole('region', { name: 'Collegamento al CAF' }).getByRole('button', { name: 'Segnalazioni' }).click();
  const dialog = page.getByRole('dialog', { name: 'Segnalazioni' });
  await expect(dialog).toBeVisible();
  const parked = dialog.getByRole('region', { name: 'Esiti in sospeso' });
  await expect(parked).toContainText('Esiti in sospeso (1)');
  await expect(parked.getByRole('listitem')).toHaveText(/Esito «Ricevuta» per la versione 3 di una dichiarazione che questo archivio non contiene \(chiave a1b2c3d4e5f6a1b2c3d4e5f6\)$/);
  await page.screenshot({ path: 'test-results/segnalazioni-esiti-in-sospeso.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
