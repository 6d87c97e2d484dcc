import { test, expect } from '@playwright/test';
import { fakeDevice } from '#main/capture/fake-transport';
import { encodeKeyboard } from '#main/capture/keyboard-encoder';
import { encodePosReports, POS_REPORT_ID } from '#main/capture/pos-decoder';
import type { HidReaderSetting, ScanEvent } from '#shared/domain/capture';
import { Prng } from '#shared/util/prng';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { makeCf, makeMatricola } from '../helpers/matricole';
import { enabled, readerFor, setup } from '../unit/capture/helpers';

/**
 * Seeded random HID reports (raw bytes, keyboard and POS shaped, and reader encodings of altered matricole and
 * AN lines) decoded by the real capture service, whose scan events then reach the real window as the core
 * pushes them. Judged by the screen and the archive, not by the decoders or the scan router: nothing opens,
 * no field changes, nothing is created, and the Monitor still works.
 * CAPTURE_HID_FUZZ_SEED=n replays another sequence.
 */
const SEED = Number(process.env.CAPTURE_HID_FUZZ_SEED ?? 0xfeed);

function randomReport(p: Prng): Uint8Array {
  const k = p.int(0, 9);
  if (k <= 2) return Uint8Array.from({ length: p.int(0, 70) }, () => p.int(0, 255));
  if (k <= 6) {
    const r = new Uint8Array(8);
    r[0] = p.chance(0.5) ? 0 : p.int(0, 255);
    for (let i = 0; i < p.int(0, 6); i++) r[2 + i] = p.chance(0.8) ? p.int(0x04, 0x38) : p.int(0, 255);
    return r;
  }
  const r = new Uint8Array(64);
  r[0] = p.chance(0.9) ? POS_REPORT_ID : p.int(0, 255);
  r[1] = p.int(0, 60);
  for (let i = 2; i < 63; i++) r[i] = p.int(0x20, 0x7e);
  if (p.chance(0.5)) r[2 + Math.min(r[1]!, 58)] = 0x0d;
  return r;
}

/** What the readers send for one sequence: random reports, or a whole code read by the reader, slightly wrong. */
function sequence(p: Prng, mode: HidReaderSetting): Uint8Array[] {
  const valid = makeMatricola(makeCf('VRD', 'GPP', '40', 'A', '10', 'H501'));
  if (p.chance(0.7)) return Array.from({ length: p.int(1, 40) }, () => randomReport(p));
  const i = p.int(0, 29);
  const text = p.chance(0.5) ? valid.slice(0, i) + 'ZQ'.charAt(p.int(0, 1)) + valid.slice(i + 1) : `AN|${makeCf('RSS', 'MRA', '45', 'C', '12', 'L219')}|ROSSI|MARIO`;
  return mode.mode === 'pos' ? encodePosReports(`${text}\r`) : encodeKeyboard(`${text}\r`, mode.layout);
}

let desk: DeskProcess;
test.beforeEach(async () => {
  desk = await startDesk();
  expect((await callApi(desk, 'capture.saveSettings', { enabled: true, hid: null, wedge: { maxInterKeyMs: 50, minLength: 8 } })).body.ok).toBe(true);
});
test.afterEach(async () => {
  await desk.stop();
});

test('report HID casuali decodificati dal servizio di cattura: a schermo non si apre nulla, nessun campo cambia, nulla è creato', async ({ page }) => {
  test.setTimeout(120_000);
  // The capture service decodes the reports here, as in the core.
  const device = fakeDevice();
  const s = setup({ devices: [device], now: (() => {
    let t = 0;
    return () => (t += 3);
  })() });
  await s.service.start();
  const p = new Prng(SEED);
  for (const mode of [readerFor(device, { mode: 'keyboard', layout: 'it' }), readerFor(device, { mode: 'keyboard', layout: 'us' }), readerFor(device, { mode: 'pos' })]) {
    await s.service.saveSettings(enabled(mode));
    for (let i = 0; i < 20; i++) s.transport.current!.feed(sequence(p, mode));
  }
  await s.service.stop();
  const scans: ScanEvent[] = s.scans;
  expect(scans.length).toBeGreaterThan(20); // enough reached the window for the judgement to mean something

  const core: { send: ((event: string, payload: unknown) => void) | null } = { send: null };
  await page.routeWebSocket(/\/events/, (ws) => {
    ws.connectToServer();
    core.send = (event, payload) => ws.send(JSON.stringify({ event, payload }));
  });
  await page.goto(desk.url);
  await expect(page.getByRole('heading', { name: 'Monitor Dichiarazioni mod. RED' })).toBeVisible();
  await expect.poll(() => core.send !== null).toBe(true);
  const cf = page.getByLabel('Ricerca per codice fiscale');
  const nome = page.getByLabel('Ricerca per cognome e nome');
  const list = page.getByRole('listbox', { name: 'Archivio dichiarazioni' });
  await cf.fill('RSS');
  await nome.fill('ROSSI');
  for (const [i, scan] of scans.entries()) {
    await [list, cf, nome][i % 3]!.focus();
    core.send?.('capture.scan', scan);
    const where = `lettura ${i + 1}: ${JSON.stringify(scan.text).slice(0, 80)}`;
    await expect(page.getByRole('dialog', { name: /Nuovo/ }), where).toBeHidden();
    await expect(page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' }), where).toBeHidden();
    await expect(cf, where).toHaveValue('RSS');
    await expect(nome, where).toHaveValue('ROSSI');
  }
  // (A reaction that comes late is caught here: the window has had time to act on every event.)
  await page.waitForTimeout(500);
  await expect(page.getByRole('dialog', { name: /Nuovo/ })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Dichiarazioni Modello RED/2009' })).toBeHidden();
  await expect(cf).toHaveValue('RSS');
  await expect(nome).toHaveValue('ROSSI');
  await expect(page.getByRole('alert', { name: 'Lettura ottica' })).toBeVisible();
  const r = await callApi(desk, 'monitor.list', { tab: 'DA_SPEDIRE', offset: 0, limit: 1 });
  expect((r.body.result as { total: number }).total).toBe(0);
  await cf.focus();
  await page.keyboard.type('M', { delay: 120 });
  await expect(cf).toHaveValue('RSSM');
});
