import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { startDesk, type DeskProcess } from '../helpers/desk-process';
import { axeSerious } from '../helpers/axe';

let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
});
test.afterEach(async () => {
  await desk.stop();
});

const CSV = ['tipo;matricola;sede;costituzione;tipo cessazione;data cessazione;sospensione', 'AZ;5000012340;5000;15/03/1990;;;', 'AZ;5000023450;5000;01/01/1980;1;30/06/1991;', 'AZ;5000045670;5000;01/01/1980;9;31/01/1991;', 'PM;5000;5000'].join('\n');

/** The ten slips: esatti, fuori sede (FS001, FS002), documenti diversi (DD001, DD003), period errors (SS003, SS005, SS006), one blocking (BL003). */
const SLIPS: { dd?: boolean; m: string; t: string; imp: string; inad?: string; dal: string; al: string }[] = [
  { m: '5000012340', t: '1', imp: '1.000.000', dal: '0191', al: '0191' },
  { m: '5000012340', t: '2', imp: '500.000', inad: '501', dal: '0291', al: '0291' },
  { m: '6100012340', t: '1', imp: '300.000', dal: '0191', al: '0191' },
  { m: '5000045670', t: '1', imp: '200.000', dal: '0191', al: '0191' },
  { dd: true, m: '', t: '', imp: '150.000', dal: '', al: '' },
  { m: '5000099990', t: '1', imp: '250.000', dal: '0191', al: '0191' },
  { m: '5000012340', t: '1', imp: '400.000', dal: '0391', al: '0291' },
  { m: '5000012340', t: '1', imp: '100.000', dal: '0290', al: '0290' },
  { m: '5000023450', t: '7', imp: '350.000', dal: '0791', al: '0791' },
  { m: '5000012340', t: '9', imp: '750.000', inad: '100', dal: '0191', al: '0191' },
];
// 1.000.000 + 500.000 + 300.000 + 200.000 + 150.000 + 250.000 + 400.000 + 100.000 + 350.000 + 750.000 = 4.000.000

async function openDm20(page: Page) {
  await page.goto(desk.url);
  const list = page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
  await expect(list).toContainText('Nessuna dichiarazione');
  await expect(list).toBeFocused();
  await page.keyboard.press('Alt+A');
  const menu = page.getByRole('dialog', { name: 'Altri adempimenti' });
  await menu.getByRole('button', { name: 'Acquisizione DM20-REG (INPS)' }).focus();
  await page.keyboard.press('Enter');
  return page.getByRole('dialog', { name: 'Acquisizione DM20-REG (INPS)' });
}

test('Altri adempimenti → DM20-REG: CSV delle aziende, SC7/24 con DM11 e 10 bollettini, DD003 al secondo Invio, inoltro rifiutato e poi eseguito', async ({ page }) => {
  const dialog = await openDm20(page);
  await expect(dialog.getByText('Manca il codice della Sede')).toBeVisible();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);

  // Reference data: the sede, a wrong CSV refused with line and column, then the right one.
  await dialog.getByRole('button', { name: 'Dati di riferimento…' }).focus();
  await page.keyboard.press('Enter');
  const rif = page.getByRole('dialog', { name: 'Dati di riferimento DM20-REG' });
  await expect(rif.getByLabel('Codice della Sede (SSZZ)')).toBeFocused();
  await page.keyboard.type('5000');
  await page.keyboard.press('Enter');
  await expect(rif.getByRole('status')).toHaveText('Sede 5000 salvata.');
  const file = rif.getByLabel('File delle aziende (.csv)');
  await file.setInputFiles({ name: 'aziende.csv', mimeType: 'text/csv', buffer: Buffer.from('AZ;5000012340;5000;31/02/1990;;;\n') });
  await rif.getByRole('button', { name: 'Importa aziende' }).click();
  await expect(rif.getByRole('alert')).toContainText('aziende.csv: Riga 1, colonna 4: Data di costituzione: data inesistente «31/02/1990»');
  await file.setInputFiles({ name: 'aziende.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
  await rif.getByRole('button', { name: 'Importa aziende' }).click();
  await expect(rif.getByRole('status')).toHaveText('File aziende.csv letto: 3 aziende, 1 progressivi massimi.');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await rif.getByRole('button', { name: 'Chiudi' }).click();
  await expect(dialog.getByText('Sede 5000.')).toBeVisible();

  // SC7/24 6 000123 20215 and its DM11 (progressivo 0001 when not typed).
  await dialog.getByLabel('Articolo').focus();
  await page.keyboard.type('123');
  await page.keyboard.press('Tab');
  await page.keyboard.type('20215');
  await page.keyboard.press('Tab');
  await page.keyboard.type('4.000.000');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status').last()).toHaveText('SC7/24 acquisito: acquisire ora il DM11.');
  await expect(dialog.getByLabel('SC7/24 in acquisizione')).toContainText('6 000123 20215 — 4.000.000 lire — da quadrare');
  await dialog.getByLabel('Importo DM11').focus();
  await page.keyboard.type('4.000.000');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('DM11 0001 — 4.000.000 lire')).toBeVisible();

  // The page of ten slips.
  await dialog.getByLabel('Data versamento proposta').fill('10/02/1992');
  for (const [i, s] of SLIPS.entries()) {
    const r = (f: string) => dialog.getByLabel(`Riga ${i + 1}, ${f}`, { exact: true });
    if (s.dd) await r('documento diverso da DM20-REG').check();
    if (s.m) await r('Matricola').fill(s.m);
    if (s.t) await r('Tipo archivio').fill(s.t);
    await r('Importo').fill(s.imp);
    if (s.inad) await r('Numero inadempienza').fill(s.inad);
    if (s.dal) await r('Periodo dal').fill(s.dal);
    if (s.al) await r('Periodo al').fill(s.al);
  }
  await dialog.getByLabel('Riga 10, Periodo al', { exact: true }).focus();
  await page.keyboard.press('Enter');
  const pageStatus = dialog.getByRole('status').first();
  await expect(pageStatus).toContainText('Fuori sede: 2. Documenti diversi: 2. Ci sono documenti diversi (DD003): premere di nuovo Invio');
  const pagina = dialog.getByRole('table', { name: 'Pagina bollettini DM20-REG' });
  await expect(pagina).toContainText('Riga 6: Matricola: DD003 DM20-REG da stornare per matricola assente o errata');
  await expect(pagina).toContainText('Riga 3: Matricola: FS001');
  await expect(pagina).toContainText('Riga 7: Periodo dal: SS003');
  await expect(pagina).toContainText('Riga 10: Numero inadempienza: BL003');
  await expect(dialog.getByLabel('Riga 10, Numero inadempienza', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.screenshot({ path: 'test-results/dm20-pagina-errori.png', fullPage: true });
  // The second Invio confirms and stores.
  await page.keyboard.press('Enter');
  await expect(pageStatus).toContainText('Pagina memorizzata: bollettini n. 1, 2, 3, 4, 5, 6, 7, 8, 9, 10. Fuori sede: 2. Documenti diversi: 2.');
  const acquisiti = dialog.getByRole('table', { name: 'Bollettini acquisiti' });
  await expect(acquisiti.getByRole('row')).toHaveCount(11);
  await expect(acquisiti.getByRole('row').nth(9)).toContainText('SS006');

  // Inoltro refused while a slip has a blocking error.
  await dialog.getByRole('button', { name: 'Inoltro' }).click();
  await expect(dialog.getByRole('alert').last()).toContainText('Inoltro rifiutato per l\'SC7/24 6 000123 20215: 1 bollettini con errori bloccanti da correggere');
  // Variazione of slip 10: the inadempienza removed.
  await dialog.getByRole('button', { name: 'Varia il bollettino 10' }).click();
  await expect(dialog.getByLabel('Riga 1, Importo', { exact: true })).toHaveValue('750.000');
  await dialog.getByLabel('Riga 1, Numero inadempienza', { exact: true }).fill('');
  await page.keyboard.press('Enter');
  await expect(pageStatus).toContainText('Pagina memorizzata: bollettini n. 10.');

  // Quadratura, then inoltro: esatti 1, 2, 7, 8, 9, 10 = 3.100.000; fuori sede 500.000; documenti diversi 400.000.
  await dialog.getByRole('button', { name: 'Quadratura' }).click();
  await expect(dialog.getByRole('status').last()).toHaveText('SC7/24 6 000123 20215 quadrato.');
  await expect(dialog.getByRole('table', { name: 'Lista A: DM11 e DM20-REG' })).toContainText('00014.000.0004.000.000100');
  await dialog.getByRole('button', { name: 'Stampa liste A e B' }).click();
  await expect(dialog.getByRole('status').last()).toContainText('Liste A e B stampate: DM20-REG_Liste_A_B_6_000123_20215_');
  const ab = /(DM20-REG_Liste_A_B_[^ ]+\.pdf)/.exec((await dialog.getByRole('status').last().textContent()) ?? '')?.[1] ?? '';
  const abText = execFileSync('pdftotext', ['-layout', join(desk.dataDir, 'stampe', ab), '-']).toString('utf8');
  expect(abText).toMatch(/LISTA A[\s\S]*0001\s+4\.000\.000\s+4\.000\.000\s+10\s+0\s+quadrato/);
  expect(abText).toMatch(/LISTA B[\s\S]*6 000123 20215\s+4\.000\.000\s+4\.000\.000\s+0\s+quadrato/);
  await dialog.getByRole('button', { name: 'Inoltro' }).click();
  await expect(dialog.getByRole('status').last()).toHaveText(
    'SC7/24 6 000123 20215 inoltrato: esatti 6 (3.100.000 lire), fuori sede 2 (500.000), documenti diversi 2 (400.000).',
  );
  await expect(dialog.getByRole('group', { name: 'SC7/24 inoltrati (1)' })).toContainText('6 000123 20215 — 4.000.000 lire — liste stampate: B (le liste C, E non sono state stampate)');
  await expect(dialog.getByText('Nessun SC7/24 in acquisizione.')).toBeVisible();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.screenshot({ path: 'test-results/dm20-inoltrato.png', fullPage: true });

  // D — lists C and E as PDF in stampe/, read back with pdftotext and rendered to PNG.
  const pdfText = async (lista: 'C' | 'E') => {
    await dialog.getByRole('button', { name: `Stampa lista ${lista}` }).click();
    await expect(dialog.getByRole('status').last()).toContainText(`Lista ${lista} stampata: DM20-REG_Lista_${lista}_`);
    const name = /(DM20-REG_Lista_[A-Z]_[^ ]+\.pdf)/.exec((await dialog.getByRole('status').last().textContent()) ?? '')?.[1] ?? '';
    const file = join(desk.dataDir, 'stampe', name);
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', file, `test-results/dm20-lista-${lista}`]);
    return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
  };
  const c = await pdfText('C');
  expect(c).toContain('LISTA C — FUORI SEDE');
  expect(c).toMatch(/Sede di competenza 5000[\s\S]*5000045670\s+200\.000[\s\S]*FS002/);
  expect(c).toMatch(/Sede di competenza 6100[\s\S]*6100012340\s+300\.000[\s\S]*FS001/);
  expect(c).toContain('Bollettini: 2. Importo totale: L. 500.000.');
  expect(c).toContain('LISTA C — DOCUMENTI DIVERSI');
  expect(c).toMatch(/doc\. diverso\s+150\.000[\s\S]*DD001/);
  expect(c).toMatch(/5000099990\s+250\.000[\s\S]*DD003/);
  expect(c).toContain('Bollettini: 2. Importo totale: L. 400.000.');
  const e = await pdfText('E');
  expect(e).toContain('LISTA E');
  expect(e).toMatch(/7\s+5000012340\s+400\.000\s+0391–0291\s+SS003/);
  expect(e).toMatch(/8\s+5000012340\s+100\.000\s+0290–0290\s+SS005/);
  expect(e).toMatch(/9\s+5000023450\s+350\.000\s+0791–0791\s+SS006/);
  expect(e).toContain('Bollettini: 3. Importo totale: L. 850.000.');

  // E and H: the archives and the statistics of 1992 (10 loaded, 6 esatti, 4 stornati).
  await dialog.getByRole('button', { name: 'Situazione archivi e statistiche…' }).click();
  const sit = page.getByRole('dialog', { name: 'Situazione archivi e statistiche DM20-REG' });
  await expect(sit.getByRole('table', { name: 'Statistiche per anno' }).getByRole('row').nth(1)).toHaveText('19921064');
  await expect(sit.getByRole('table', { name: 'Situazione archivi' })).toContainText('SC7/24 inoltrati14.000.000');
  await expect(sit.getByRole('table', { name: 'Situazione archivi' })).toContainText('Collezione FS (fuori sede)2500.000');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await sit.getByRole('button', { name: 'Chiudi' }).click();

  // G — Decodifica codici errore.
  await dialog.getByRole('button', { name: 'Decodifica codici errore…' }).click();
  const codici = page.getByRole('dialog', { name: 'Decodifica codici errore DM20-REG' });
  await expect(codici.getByRole('table')).toContainText('FS002');
  await expect(codici.getByRole('table')).toContainText("bloccante: impedisce l'inoltro — codice del programma");
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);

  await codici.getByRole('button', { name: 'Chiudi' }).focus();
  await page.keyboard.press('Enter');

  // D — monthly lists and the DS79 list, keyboard only: the fuori sede of this month with the mod. SOST. SC 10 and the
  // SC7/24 forwarded (End picks the last list of the select).
  await dialog.getByRole('button', { name: 'Liste mensili e archivio contabile…' }).focus();
  await page.keyboard.press('Enter');
  const liste = page.getByRole('dialog', { name: 'Liste mensili e archivio contabile DM20-REG' });
  await expect(liste.getByLabel('Lista mensile')).toBeFocused();
  const mensile = async (expectName: RegExp) => {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(liste.getByRole('status')).toContainText('Lista mensile stampata: DM20-REG_Mensile_');
    const name = expectName.exec((await liste.getByRole('status').textContent()) ?? '')?.[1] ?? '';
    const file = join(desk.dataDir, 'stampe', name);
    execFileSync('pdftoppm', ['-r', '60', '-png', file, `test-results/${name.replace('.pdf', '')}`]);
    return execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
  };
  const fs = await mensile(/(DM20-REG_Mensile_FS_[^ ]+\.pdf)/);
  // Two receiving sedi: 5000 (FS002, 200.000) and 6100 (FS001, 300.000), each with its scheme for its total.
  expect(fs).toMatch(/Sede ricevente 5000[\s\S]*5000045670\s+200\.000[\s\S]*GPA 54\/51\s+GPA 55\/00\s+200\.000[\s\S]*GPA 55\/01\s+GPA 54\/51\s+200\.000/);
  expect(fs).toMatch(/Sede ricevente 6100[\s\S]*6100012340\s+300\.000[\s\S]*GPA 54\/51\s+GPA 55\/00\s+300\.000[\s\S]*GPA 55\/01\s+GPA 54\/51\s+300\.000/);
  await liste.getByLabel('Lista mensile').focus();
  await page.keyboard.press('End');
  await expect(liste.getByLabel('Lista mensile')).toHaveValue('I2');
  const i2 = await mensile(/(DM20-REG_Mensile_I2_[^ ]+\.pdf)/);
  expect(i2).toMatch(/6 000123 20215\s+4\.000\.000\s+6\s+3\.100\.000\s+2\s+500\.000\s+2\s+400\.000/);
  expect(i2).toContain('Modd. SC7/24 inoltrati nel mese: 1.');
  // DS79, all the SC7/24 of the whole archive (the defaults), on screen.
  await liste.getByLabel('Lista DS79').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(liste.getByRole('button', { name: 'Visualizza' })).toBeFocused();
  await page.keyboard.press('Enter');
  const ds79 = liste.getByRole('table', { name: "SC7/24 dell'archivio contabile" });
  await expect(ds79.getByRole('row').nth(1)).toHaveText('6 000123 20215inoltrato4.000.0004.000.0006 (3.100.000)2 (500.000)2 (400.000)');
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.screenshot({ path: 'test-results/dm20-liste-mensili.png', fullPage: true });
  await liste.getByRole('button', { name: 'Chiudi' }).focus();
  await page.keyboard.press('Enter');

  // F — refused until lists C and E are printed… they are (above): the SC7/24 is cancellable; chosen with Space.
  const inoltratiBox = dialog.getByRole('group', { name: 'SC7/24 inoltrati (1)' });
  await expect(inoltratiBox).toContainText('liste stampate: B, C, E — cancellabile');
  await inoltratiBox.getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await inoltratiBox.getByRole('button', { name: 'Cancella SC7/24 elaborati…' }).focus();
  await page.keyboard.press('Enter');
  const conferma = page.getByRole('dialog', { name: 'Cancellazione SC7/24 elaborati' });
  await expect(conferma.getByRole('button', { name: 'Annulla' })).toBeFocused();
  expect(await axeSerious(page, 'dialog[open]')).toEqual([]);
  await page.keyboard.press('Shift+Tab');
  await expect(conferma.getByRole('button', { name: 'Cancella' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status').last()).toHaveText('SC7/24 elaborati cancellati: 6 000123 20215.');
  await expect(dialog.getByRole('group', { name: 'SC7/24 inoltrati (0)' })).toContainText('Nessun SC7/24 inoltrato.');
  await page.screenshot({ path: 'test-results/dm20-cancellati.png', fullPage: true });
  // H unchanged (10 loaded, 6 esatti, 4 stornati); the SC7/24 stays in DS79, marked cancelled.
  await dialog.getByRole('button', { name: 'Situazione archivi e statistiche…' }).focus();
  await page.keyboard.press('Enter');
  await expect(sit.getByRole('table', { name: 'Statistiche per anno' }).getByRole('row').nth(1)).toHaveText('19921064');
  await expect(sit.getByRole('table', { name: 'Situazione archivi' })).toContainText('SC7/24 inoltrati00');
  await sit.getByRole('button', { name: 'Chiudi' }).focus();
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Liste mensili e archivio contabile…' }).focus();
  await page.keyboard.press('Enter');
  await liste.getByLabel('Lista DS79').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(liste.getByRole('button', { name: 'Visualizza' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ds79.getByRole('row').nth(1)).toHaveText('6 000123 20215inoltrato (cancellato)4.000.0004.000.0006 (3.100.000)2 (500.000)2 (400.000)');
});
