/**
 * Issue 14 in the desk's "Impostazioni collegamento CAF" (Utilità), as the operator sees it: an http:// address off
 * this computer is refused with the Italian message next to the field, the CAF's certificate authority can be pasted
 * (and a text that is not a PEM certificate is refused), and a new address drops the stored secret.
 */
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLEARTEXT_REFUSED } from '#shared/domain/transmission';
import { axeSerious } from '../helpers/axe';
import { startDesk, type DeskProcess } from '../helpers/desk-process';

let desk: DeskProcess;
let caPem: string;
test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'red-ca-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'ca.key'), '-out', join(dir, 'ca.pem'), '-days', '1', '-subj', '/CN=CA del CAF di prova'], { stdio: 'ignore' });
  caPem = readFileSync(join(dir, 'ca.pem'), 'utf8');
  rmSync(dir, { recursive: true, force: true });
});
test.beforeEach(async () => {
  desk = await startDesk({ env: { RED_DESK_SYNC_INTERVAL: '3600' } });
});
test.afterEach(async () => {
  await desk.stop();
});

async function openSettings(page: Page) {
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Impostazioni collegamento CAF' }).click();
  const dialog = page.getByRole('dialog', { name: 'Impostazioni collegamento CAF' });
  await expect(dialog.getByLabel('Indirizzo del server CAF')).toBeFocused();
  return dialog;
}

test('Impostazioni collegamento CAF: http:// solo in locale, autorità di certificazione del CAF, segreto legato all\'indirizzo', async ({ page }) => {
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  let dialog = await openSettings(page);
  await dialog.getByLabel('Indirizzo del server CAF').fill('http://server.caf.example:4800');
  await dialog.getByLabel('Identificativo dello sportello').fill('roma-01');
  await dialog.getByLabel('Segreto dello sportello').fill('segreto-di-prova-123');
  await dialog.getByLabel('Autorità di certificazione del CAF (PEM)').fill('non è un certificato');
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await expect(dialog.locator('#coll-serverUrl-err')).toHaveText(CLEARTEXT_REFUSED);
  await expect(dialog.getByLabel('Indirizzo del server CAF')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.locator('#coll-caPem-err')).toContainText('Certificato non valido');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.screenshot({ path: 'test-results/collegamento-sicurezza.png' });

  await dialog.getByLabel('Indirizzo del server CAF').fill('https://server.caf.example:4800');
  await dialog.getByLabel('Autorità di certificazione del CAF (PEM)').fill(caPem);
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('message-bar')).toHaveText('Impostazioni del collegamento al CAF salvate.');

  dialog = await openSettings(page);
  await expect(dialog.getByLabel('Autorità di certificazione del CAF (PEM)')).toHaveValue(caPem.trim());
  await expect(dialog.locator('#coll-secret-note')).toContainText('segreto memorizzato');
  // Another address, no new secret: the stored one is dropped and asked again.
  await dialog.getByLabel('Indirizzo del server CAF').fill('https://altro.caf.example:4800');
  await dialog.getByRole('button', { name: 'Salva' }).click();
  await expect(dialog).toBeHidden();
  dialog = await openSettings(page);
  await expect(dialog.locator('#coll-secret-note')).toContainText('nessun segreto memorizzato');
  await dialog.getByRole('button', { name: 'Annulla' }).click();
});
