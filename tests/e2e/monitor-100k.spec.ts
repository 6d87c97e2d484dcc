import { test, expect } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ArchiveClient } from '#main/archive/client';
import type { ImportedDeclaration } from '#main/archive/archive';
import { REPO, startDesk, type DeskProcess } from '../helpers/desk-process';
import { newDeskKey } from '../helpers/desk-key';
import { makeCf, makeMatricola } from '../helpers/matricole';

const N = 100_000;
const SURNAMES = ['ROSSI', 'BIANCHI', 'VERDI', 'ESPOSITO', 'ROMANO', 'COLOMBO', 'RICCI', 'MARINO', 'GRECO', 'BRUNO'];
const NAMES = ['MARIO', 'ANNA', 'GIUSEPPE', 'MARIA', 'LUIGI', 'ROSA', 'FRANCO', 'LUCIA'];
const MONTHS = 'ABCDEHLMPRST';

let desk: DeskProcess;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'red-desk-100k-'));
  // Seeded encrypted with the desk's own key (the tests' passphrase), as the desk will open it.
  const archive = await ArchiveClient.open(join(dataDir, 'archivio-red.sqlite'), { workerPath: join(REPO, 'dist/main/archive-worker.cjs'), key: await newDeskKey(dataDir) });
  const batch: ImportedDeclaration[] = [];
  for (let i = 0; i < N; i++) {
    const cognome = SURNAMES[i % SURNAMES.length] ?? 'ROSSI';
    const nome = NAMES[(i >> 4) % NAMES.length] ?? 'MARIO';
    const cf = makeCf(cognome.slice(0, 3), nome.slice(0, 3), String(20 + (i % 70)).padStart(2, '0'), MONTHS[(i >> 2) % 12] ?? 'A', String(1 + (i % 28)).padStart(2, '0'), `H${String(i % 1000).padStart(3, '0')}`);
    batch.push({ campaign: 'RED2009', tipo: 'N', status: 'COMPLETA', matricola: makeMatricola(cf), codiceFiscale: cf, cognome, nome, anni: [2008] });
    if (batch.length === 10_000) await archive.call('importDeclarations', batch.splice(0), 'seed');
  }
  await archive.close();
  desk = await startDesk({ dataDir });
});
test.afterAll(async () => {
  await desk?.stop();
});

test('100.000 dichiarazioni: la lista resta fluida (virtualizzata) e la ricerca parziale risponde', async ({ page }) => {
  await page.goto(desk.url);
  const list = page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
  await expect(page.getByRole('tab', { name: /Da spedire/ })).toContainText(N.toLocaleString('it-IT'));
  await expect(list.getByRole('option').first()).toContainText('Completa');
  // Only what is visible is in the page.
  expect(await list.getByRole('option').count()).toBeLessThan(100);

  await list.focus();
  const t0 = Date.now();
  await page.keyboard.press('End');
  await expect(list.getByRole('option', { selected: true })).toHaveAttribute('data-progressivo', String(N));
  const endMs = Date.now() - t0;
  expect(endMs).toBeLessThan(2_000);
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('option', { selected: true })).not.toHaveAttribute('data-progressivo', String(N));
  expect(await list.getByRole('option').count()).toBeLessThan(100);

  // A drag of the scrollbar to the middle shows rows from the middle of the archive.
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(list.getByRole('option').filter({ hasText: /^\s*5\d{4}/ }).first()).toBeVisible();

  await page.getByLabel('Ricerca per cognome e nome').fill('VERDI LU');
  await expect(page.getByRole('tab', { name: /Da spedire/ })).not.toContainText(N.toLocaleString('it-IT'));
  await expect(list.getByRole('option').first()).toContainText('VERDI LUIGI');
  await page.screenshot({ path: 'test-results/monitor-100k.png' });
});
