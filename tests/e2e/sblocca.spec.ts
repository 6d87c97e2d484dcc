/**
 * Utilità → "Sblocca dichiarazione errata" as an operator does it (issue 12 point 4; guide p. 70, 97–98): a RED
 * blocked by "Valore diverso da reddito 730" (the 730 of the example file held on the desk, A1 transcribed 3.000 €
 * instead of 3.100 €), the CAF operator issues the code with the server's admin endpoint, the desk operator types it
 * with the reason; the RED is then made complete and sent. Real processes: the browser host and the bundled server.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { rowsFor } from '#shared/campaigns/red2009/tipo-righi';
import { importa730 } from '#shared/import730/importa';
import type { Held730 } from '#shared/import730/model';
import type { RedDocument } from '#shared/domain/red-document';
import { axeSerious } from '../helpers/axe';
import { REPO, callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { admin, type Client } from '../server/helpers/client';
import { freshDb, type FreshDb } from '../server/helpers/db';
import { startServerProcess, type Proc } from '../server/helpers/processes';
import { Decl } from '../unit/rules/fixtures';

const ESEMPIO = readFileSync(join(REPO, 'tests/fixtures/730/esempio.txt'), 'utf8');
const CF = 'RSSMRA40A01H501K';
const DESK = 'sportello-prova';

let db: FreshDb;
let srv: Proc;
let caf: Client;
let desk: DeskProcess;

test.beforeEach(async () => {
  db = await freshDb('sqlite');
  srv = await startServerProcess(db);
  caf = admin(srv.url);
  const creds = await caf.post<{ deskId: string; secret: string }>('/v1/admin/desks', { deskId: DESK, name: 'Sportello di prova' });
  expect(creds.status).toBe(201);
  desk = await startDesk({
    env: { RED_DESK_SERVER_URL: srv.url, RED_DESK_SERVER_CREDENTIALS: `${creds.body.deskId}.${creds.body.secret}`, RED_DESK_SYNC_INTERVAL: '3600' },
  });
});
test.afterEach(async () => {
  await desk.stop();
  await srv.stop();
  await db.drop();
});

async function result<T>(p: ReturnType<typeof callApi>): Promise<T> {
  const r = await p;
  expect(r.body.ok, JSON.stringify(r.body.error)).toBe(true);
  return r.body.result as T;
}

/** The 730 file read on the desk, then a RED imported from it whose A1 the operator changed: Errata (IMP-07). */
async function errata(): Promise<{ id: number; progressivo: number }> {
  await result(callApi(desk, 'files730.upload', { fileName: '730_giugno.txt', chunk: ESEMPIO, last: true }));
  const { rows } = await result<{ rows: Held730[] }>(callApi(desk, 'files730.forSubjects', { codiciFiscali: [CF] }));
  const d = new Decl();
  d.subject('titolare').cognome = 'ROSSI';
  const imported = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: rows, rows: rowsFor('05') });
  if (!imported.ok) throw new Error(imported.message);
  const doc: RedDocument = structuredClone(imported.doc);
  const y = doc.soggetti[0]?.anni.find((x) => x.anno === 2008);
  if (!y?.righi.A1) throw new Error('A1 non importato');
  y.righi.A1 = { ...y.righi.A1, importo: 3000 };
  const c = await result<{ id: number; progressivo: number }>(callApi(desk, 'declarations.create', { matricola: d.m.matricola }));
  const got = await result<{ version: number }>(callApi(desk, 'declarations.get', { id: c.id }));
  const saved = await result<{ status: string }>(callApi(desk, 'declarations.save', { id: c.id, version: got.version, document: doc }));
  expect(saved.status).toBe('ERRATA');
  return c;
}

const list = (page: Page) => page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
const rowOf = (page: Page, text: string) => list(page).getByRole('option').filter({ hasText: text });
const messageBar = (page: Page) => page.getByTestId('message-bar');
const editor = (page: Page) => page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' });

async function openSblocca(page: Page) {
  await page.keyboard.press('Alt+U');
  const menu = page.getByRole('dialog', { name: 'Utilità' });
  await menu.getByRole('button', { name: 'Sblocca dichiarazione errata' }).focus();
  await page.keyboard.press('Enter');
}

test('Errata per «Valore diverso da reddito 730» → codice del CAF → Sblocca → Rendi completa → Invio', async ({ page }) => {
  const { id, progressivo } = await errata();
  await page.goto(desk.url);
  await expect(rowOf(page, CF)).toContainText('Errata');

  // No declaration selected yet on an empty selection would be refused; select the Errata row with the keyboard.
  await list(page).focus();
  await page.keyboard.press('Home');
  await expect(rowOf(page, CF)).toHaveAttribute('aria-selected', 'true');
  await openSblocca(page);
  const dialog = page.getByRole('dialog', { name: 'Sblocca dichiarazione errata' });
  const dati = dialog.getByRole('definition');
  await expect(dati.nth(0)).toHaveText(DESK);
  await expect(dati.nth(1)).toHaveText(String(progressivo));
  await expect(dati.nth(2)).toHaveText(CF);
  await expect(dialog.getByLabel('Errore da sbloccare')).toHaveValue('IMP-07');
  await expect(dialog).toContainText('rigo A1 (Lavoro dipendente prestato in Italia): nel RED 3.000 €, nel 730/2009 3.100 €.');
  const codice = dialog.getByLabel('Codice di sblocco');
  await expect(codice).toBeFocused();
  expect(await axeSerious(page)).toEqual([]);

  // The CAF operator issues the code for what the desk operator read out.
  const ask = (over: Record<string, unknown> = {}) =>
    caf.post<{ codice: string; scadenza: string }>('/v1/admin/sblocchi', { deskId: DESK, codiceFiscale: CF, campagna: 'RED2009', progressivo, codiceErrore: 'IMP-07', ...over });
  const other = await ask({ progressivo: progressivo + 1 });
  expect(other.status).toBe(201);
  const issued = await ask();
  expect(issued.status).toBe(201);

  // A code for another declaration: refused, nothing recorded.
  await page.keyboard.type(other.body.codice);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Pensione AVS svizzera non dichiarata nel 730');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(
    `Codice di sblocco non valido per questa dichiarazione (sportello ${DESK}, progressivo ${progressivo}, codice fiscale ${CF}) e per l'errore IMP-07: verificare con l'operatore del CAF i dati comunicati e il codice letto.`,
  );
  await expect(codice).toHaveAttribute('aria-invalid', 'true');
  // Malformed.
  await codice.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1234-5678');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Codice di sblocco non valido: sono attesi 12 caratteri (cifre e lettere, in gruppi di 4 come XXXX-XXXX-XXXX).');
  await page.screenshot({ path: 'test-results/sblocca-rifiutato.png' });

  // The right code, typed in lower case without hyphens as read out on the phone.
  await page.keyboard.press('Control+A');
  await page.keyboard.type(issued.body.codice.replace(/-/g, ' ').toLowerCase());
  await expect(codice).toHaveValue(issued.body.codice.replace(/-/g, ' '));
  await page.screenshot({ path: 'test-results/sblocca-dialog.png' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Sblocca' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(messageBar(page)).toContainText(`Dichiarazione ${progressivo}: errore IMP-07 sbloccato dal CAF (registrato nello storico); ora è Incompleta`);
  await expect(rowOf(page, CF)).toContainText('Incompleta');

  // Modifica (Enter on the row): the error is a note, «Rendi completa» goes through.
  await list(page).focus();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeVisible();
  await expect(editor(page).getByRole('listbox', { name: /Errori bloccanti/ }).getByRole('option')).toHaveCount(0);
  await expect(editor(page).locator('[data-code="IMP-07"]')).toContainText('Sbloccato dal CAF');
  await page.keyboard.press('Alt+C');
  await expect(editor(page).getByTestId('editor-status')).toHaveText('Completa');
  await page.screenshot({ path: 'test-results/sblocca-completa.png' });
  await page.keyboard.press('Escape');
  await expect(editor(page)).toBeHidden();

  // Invio (Space ticks the row, Alt+I, confirm): the server receives it, Spedite → Trasm.CGN.
  await list(page).focus();
  await expect(rowOf(page, CF)).toContainText('Completa');
  await page.keyboard.press('Space');
  await expect(rowOf(page, CF).getByRole('checkbox')).toBeChecked();
  await page.keyboard.press('Alt+I');
  const invio = page.getByRole('dialog', { name: 'Invio al CAF CGN' });
  await invio.getByRole('button', { name: 'Conferma invio' }).focus();
  await page.keyboard.press('Enter');
  await expect(messageBar(page)).toContainText('1 dichiarazione in attesa di conferma del CAF.');
  await page.keyboard.press('Control+2');
  await expect(rowOf(page, CF)).toContainText('Trasm.CGN');

  // The status history keeps the unlock: who, when, which error, why.
  const history = await result<{ rows: { event: string; reason: string | null }[] }>(callApi(desk, 'declarations.history', { id }));
  const sblocco = history.rows.find((h) => h.event === 'SBLOCCO');
  expect(sblocco?.reason).toBe(
    `Sblocco IMP-07 dal CAF (codice ${issued.body.codice} valido fino al ${issued.body.scadenza.split('-').reverse().join('/')}): Pensione AVS svizzera non dichiarata nel 730`,
  );
});

test('Sblocca su una dichiarazione non Errata: il motivo nel messaggio, nessuna finestra', async ({ page }) => {
  await result(callApi(desk, 'declarations.create', { matricola: new Decl().m.matricola }));
  await page.goto(desk.url);
  await list(page).focus();
  await page.keyboard.press('Home');
  await openSblocca(page);
  await expect(page.getByRole('dialog', { name: 'Sblocca dichiarazione errata' })).toHaveCount(0);
  await expect(messageBar(page)).toContainText('Sblocca dichiarazione errata: selezionare nella scheda «Da spedire» la dichiarazione «Errata»');

  // Decodifica codici errore: the IMP codes say which can be unlocked; the unlock rules of pp. 97–98 below.
  await page.keyboard.press('Alt+U');
  await page.getByRole('dialog', { name: 'Utilità' }).getByRole('button', { name: 'Decodifica codici errore' }).focus();
  await page.keyboard.press('Enter');
  const dec = page.getByRole('dialog', { name: 'Decodifica codici errore' });
  await expect(dec.getByLabel('Cerca codice o testo')).toBeFocused();
  await page.keyboard.type('IMP-0');
  const codes = dec.getByRole('region', { name: 'Elenco dei codici' });
  await expect(codes.getByRole('row', { name: 'IMP-08 Errore bloccante' })).toContainText('Sbloccabile dal CAF');
  await expect(codes.getByRole('row', { name: 'IMP-01 Operazione rifiutata' })).not.toContainText('Sbloccabile');
  const regole = dec.getByRole('region', { name: 'Regole di sblocco' });
  await expect(regole.getByRole('row').filter({ hasText: 'AVS svizzera' })).toContainText('Sì, con il codice del CAF');
  await expect(regole.getByRole('row').filter({ hasText: 'Reddito da dichiarare omesso nel 730' })).toContainText('No');
  await page.keyboard.press('Tab');
  await expect(codes).toBeFocused();
  // Then the DM20-REG codes (Altri adempimenti), then the unlock rules.
  await page.keyboard.press('Tab');
  await expect(dec.getByRole('region', { name: 'Codici DM20-REG' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(regole).toBeFocused();
  await page.screenshot({ path: 'test-results/decodifica-sblocco.png' });
  expect(await axeSerious(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dec).toBeHidden();
});
