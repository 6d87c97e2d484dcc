import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createServices } from '#main/services/services';
import { SyncService } from '#main/sync/sync-service';
import { PrintClient } from '#main/print/client';
import type { CaptureService } from '#main/capture/service-types';
import { DEFAULT_CAPTURE_SETTINGS } from '#shared/domain/capture';
import type { ApiMethod, ApiOutput } from '#shared/api/contract';
import type { HandlerRegistry } from '#main/services/registry';
import { openTestDesk, type TestDesk } from '../helpers/desk-sync';
import { cfOf, seed } from '../helpers/print-desk';
import { makeCf, makeMatricola } from '../helpers/matricole';
import { decodeBarcode } from '../helpers/barcode';

const noCapture: CaptureService = {
  settings: async () => DEFAULT_CAPTURE_SETTINGS,
  saveSettings: async (x) => x,
  devices: async () => ({ devices: [], error: null }),
  state: () => ({ state: 'disattivata', message: '', device: null }),
  start: async () => {},
  stop: async () => {},
};

let desk: TestDesk;
let api: HandlerRegistry;
let dataDir: string;
const ids = {} as Record<'normale' | 'documentato' | 'zero' | 'rinuncia' | 'decesso' | 'espatrio' | 'attesa', number>;
const events: { name: string; payload: unknown }[] = [];

async function call<M extends ApiMethod>(method: M, input: unknown): Promise<ApiOutput<M>> {
  const r = await api.dispatch(method, input);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.result as ApiOutput<M>;
}
async function refusal(method: ApiMethod, input: unknown): Promise<{ code: string; message: string }> {
  const r = await api.dispatch(method, input);
  if (r.ok) throw new Error(`${method} non rifiutato`);
  return r.error;
}
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
let job = 0;
const jobId = () => `job-test-${++job}`;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'red-prints-'));
  desk = openTestDesk(join(dataDir, 'archivio-red.sqlite'));
  ids.normale = seed(desk.archive, 'normaleConiuge', 'TRASM_CGN');
  ids.documentato = seed(desk.archive, 'documentatoDueFigli', 'RICEVUTA');
  ids.zero = seed(desk.archive, 'zeroRed', 'TRASM_INPS');
  ids.rinuncia = seed(desk.archive, 'rinuncia', 'RICEVUTA');
  ids.decesso = seed(desk.archive, 'decesso', 'RICEVUTA');
  ids.espatrio = seed(desk.archive, 'espatrio', 'BLOCCATA');
  ids.attesa = seed(desk.archive, 'documentatoNessuna', 'ATTESA');
  const sync = new SyncService({ archive: desk.client, operator: 'op.test', onState: () => {}, onChanged: () => {} });
  api = createServices({
    archive: desk.client,
    sync,
    capture: noCapture,
    dataDir,
    operator: 'op.test',
    version: '0',
    emit: (name, payload) => events.push({ name, payload }),
    prints: new PrintClient(null),
  });
});
afterAll(() => desk.close());

describe('Stampa modelli (p. 105)', () => {
  it('CREA LISTA: the Spedite tab, only declarations received by the CAF are printable', async () => {
    const r = await call('prints.list', { tab: 'SPEDITE' });
    expect(r.rows.map((x) => [x.id, x.sent])).toEqual([
      [ids.normale, true],
      [ids.zero, true],
      [ids.espatrio, true],
      [ids.attesa, false],
    ]);
    expect(r.notSent).toBe(1);
  });

  it('RED/1 with RED/T, RED/C and the autocertificazione: CF, amounts, models, Non dich./Non rich., signatures; history and file name', async () => {
    const r = await call('prints.models', { jobId: jobId(), ids: [ids.normale], modelli: 'TUTTI', ristampa: false, copie: 1, elencoDocumenti: true });
    expect(r.printed).toBe(1);
    expect(r.file?.name).toMatch(new RegExp(`^RED1_${cfOf('normaleConiuge')}_\\d{8}-\\d{6}\\.pdf$`));
    const file = r.file?.path ?? '';
    expect(file).toBe(join(dataDir, 'stampe', r.file?.name ?? ''));
    const t = text(file);
    for (const s of ['Mod. CERT. RED/1', 'Mod. CERT. RED/T', 'Mod. CERT. RED/C', 'AUTOCERTIFICAZIONE', cfOf('normaleConiuge'), 'BNCLCU45B42H501T', '12.345', '678', '431', 'Non dich.', 'Non rich.', 'Firma del dichiarante', "Firma dell'incaricato del CAF", 'Luogo', 'Data', 'CAF CGN', 'Operatore: op.test', 'Pag. 1/1', 'Informativa', '00185 Roma (RM)']) {
      expect(t, s).toContain(s);
    }
    expect(pages(file)).toBe(4);
    const history = desk.archive.history(ids.normale).at(-1);
    expect(history).toMatchObject({ event: 'STAMPA', operator: 'op.test', fromStatus: 'TRASM_CGN', toStatus: 'TRASM_CGN' });
    expect(history?.reason).toBe('Stampa modelli: Mod. CERT. RED/1, Mod. CERT. RED/T, Mod. CERT. RED/C, AUTOCERTIFICAZIONE – copie 1');
    expect(events.some((e) => e.name === 'print.progress')).toBe(true);
  });

  it('the barcode on the page decodes to the declaration key', async () => {
    const r = await call('prints.models', { jobId: jobId(), ids: [ids.zero], modelli: 'TUTTI', ristampa: false, copie: 1, elencoDocumenti: false });
    const progressivo = desk.archive.getForEdit(ids.zero).progressivo;
    expect(decodeBarcode(r.file?.path ?? '')).toBe(`RED-${String(progressivo).padStart(6, '0')}-${cfOf('zeroRed')}`);
  });

  it('ristampa: already printed ones are skipped unless asked; copies multiply the pages', async () => {
    const skipped = await call('prints.models', { jobId: jobId(), ids: [ids.normale], modelli: 'TUTTI', ristampa: false, copie: 1, elencoDocumenti: false });
    expect(skipped).toMatchObject({ file: null, printed: 0, skipped: 1 });
    const again = await call('prints.models', { jobId: jobId(), ids: [ids.normale], modelli: 'TUTTI', ristampa: true, copie: 2, elencoDocumenti: false });
    expect(again.printed).toBe(1);
    expect(pages(again.file?.path ?? '')).toBe(8);
    expect(desk.archive.history(ids.normale).at(-1)?.reason).toMatch(/copie 2 \(ristampa\)$/);
    const list = await call('prints.list', { tab: 'SPEDITE' });
    expect(list.rows.find((x) => x.id === ids.normale)).toMatchObject({ printCount: 2 });
  });

  it('each kind prints its model: RED/F per child + Elenco allegati + Autocertificazione Documentato, RED/3, RED/4, RED/5', async () => {
    const r = await call('prints.models', { jobId: jobId(), ids: [ids.documentato, ids.rinuncia, ids.decesso, ids.espatrio], modelli: 'TUTTI', ristampa: true, copie: 1, elencoDocumenti: true });
    expect(r.printed).toBe(4);
    expect(r.file?.name).toMatch(/^Modelli_RED_4_dichiarazioni_\d{8}-\d{6}\.pdf$/);
    const t = text(r.file?.path ?? '');
    expect(t.match(/Mod\. CERT\. RED\/F/g)?.length).toBe(2);
    for (const s of ['ELENCO ALLEGATI', 'CUD 2009 ditta Alfa', '9.000', 'Estratto conto Banca Beta', 'ROSSI PAOLA', "Nessuna (non presentata dichiarazione dei redditi per l'anno d'imposta 2008)", 'Mod. CERT. RED/3', 'Mod. CERT. RED/4', '20/11/2008', "Firma dell'erede", 'Mod. CERT. RED/5', '30/06/2007', 'Firma della persona delegata']) {
      expect(t, s).toContain(s);
    }
  });

  it('OPR-08: a declaration not yet received by the CAF is refused and nothing is written', async () => {
    const before = readdirSync(join(dataDir, 'stampe')).length;
    const e = await refusal('prints.models', { jobId: jobId(), ids: [ids.attesa], modelli: 'TUTTI', ristampa: true, copie: 1, elencoDocumenti: true });
    expect(e.code).toBe('OPR-08');
    expect(e.message).toMatch(/non è ancora stata inviata e ricevuta dal CAF CGN/);
    expect(readdirSync(join(dataDir, 'stampe')).length).toBe(before);
    expect(desk.archive.history(ids.attesa).some((h) => h.event === 'STAMPA')).toBe(false);
  });
});

describe('Stampe varie (p. 107)', () => {
  const all = { order: 'PROGRESSIVO' } as const;

  it('02 Archivio Dichiarazioni as .xlsx: one row per declaration with the right columns', async () => {
    const r = await call('prints.export', { jobId: jobId(), kind: 'DICHIARAZIONI', format: 'xlsx', filter: all });
    expect(r.file?.name).toMatch(/^02_Archivio_Dichiarazioni_\d{8}-\d{6}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(r.file?.path ?? '');
    const ws = wb.worksheets[0];
    expect(ws?.rowCount).toBe(8);
    expect((ws?.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['Progressivo', 'Codice fiscale', 'Cognome e nome', 'Matricola', 'Ente', 'Tipo', 'Status']);
    expect((ws?.getRow(2).values as unknown[]).slice(1, 9)).toEqual([1, cfOf('normaleConiuge'), 'ROSSI MARIO', expect.any(String), 'INPS', 'N', 'Trasm.CGN', '15/04/2009']);
  });

  it('filters: by status and ordered by codice fiscale', async () => {
    const r = await call('prints.export', { jobId: jobId(), kind: 'DICHIARAZIONI', format: 'csv', filter: { order: 'CODICE_FISCALE', statuses: ['RICEVUTA'] } });
    const lines = readFileSync(r.file?.path ?? '', 'utf8').trim().split('\r\n');
    expect(lines.length).toBe(4);
    const cfs = lines.slice(1).map((l) => l.split(';')[1]);
    expect(cfs).toEqual([cfOf('documentatoDueFigli'), cfOf('rinuncia'), cfOf('decesso')].sort());
  });

  it('03 Archivio Redditi as .csv: BOM, ";" separator, amounts per row A1…G2', async () => {
    const r = await call('prints.export', { jobId: jobId(), kind: 'REDDITI', format: 'csv', filter: all });
    const raw = readFileSync(r.file?.path ?? '');
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.toString('utf8').slice(1).trim().split('\r\n');
    const head = lines[0]?.split(';') ?? [];
    expect(head.slice(0, 10)).toEqual(['Progressivo', 'Codice fiscale', 'Cognome e nome', 'Soggetto', 'Codice fiscale soggetto', 'Anno', 'Modalità', 'Facoltativi', 'Doc.', 'A1']);
    const titolare = lines.find((l) => l.startsWith(`1;${cfOf('normaleConiuge')};ROSSI MARIO;Titolare`))?.split(';') ?? [];
    expect(titolare[head.indexOf('A1')]).toBe('12345');
    expect(titolare[head.indexOf('B2')]).toBe('678');
  });

  it('01 Archivio Anagrafiche lists every household member; 04 Pensioni Estere has only the header when none', async () => {
    const a = await call('prints.export', { jobId: jobId(), kind: 'ANAGRAFICHE', format: 'csv', filter: all });
    const lines = readFileSync(a.file?.path ?? '', 'utf8').trim().split('\r\n');
    expect(lines.filter((l) => l.includes(';Coniuge;')).length).toBe(1);
    expect(lines.filter((l) => l.includes(';Figlio/a;')).length).toBe(4);
    const p = await call('prints.export', { jobId: jobId(), kind: 'PENSIONI_ESTERE', format: 'xlsx', filter: all });
    expect(p.file?.rows).toBe(0);
  });

  it('05, 06, 07 and 09 produce their PDFs; 08 Moduli in prova prints any status marked PROVA – NON VALIDO', async () => {
    const r05 = await call('prints.varie', { jobId: jobId(), print: 'AUTOCERT_RIGHI', ids: [ids.normale], filter: all });
    expect(text(r05.file?.path ?? '')).toMatch(/righi prestampati[\s\S]*Ammontare di IRPEF pagata/);
    const r06 = await call('prints.varie', { jobId: jobId(), print: 'AUTOCERT_LIBERO', ids: [ids.normale], filter: all });
    expect(text(r06.file?.path ?? '')).toContain('testo libero');
    const r07 = await call('prints.varie', { jobId: jobId(), print: 'ELENCO_ALLEGATI', ids: [ids.documentato], filter: all });
    expect(text(r07.file?.path ?? '')).toContain('Fattura n. 12');
    const r08 = await call('prints.varie', { jobId: jobId(), print: 'MODULI_PROVA', ids: [ids.attesa], filter: all });
    expect(r08.file?.name).toMatch(new RegExp(`^08_Prova_${cfOf('documentatoNessuna')}_`));
    const t08 = text(r08.file?.path ?? '');
    expect(t08).toContain('Mod. CERT. RED/1');
    expect(t08.match(/PROVA – NON VALIDO/g)?.length).toBe(pages(r08.file?.path ?? ''));
    expect(desk.archive.history(ids.attesa).some((h) => h.event === 'STAMPA')).toBe(false);
    const r09 = await call('prints.varie', { jobId: jobId(), print: 'ETICHETTE', filter: all });
    expect(r09.count).toBe(7);
    const t09 = text(r09.file?.path ?? '');
    expect(t09).toContain('MARIO ROSSI');
    // CAP, comune and provincia of the anagrafica (issue 10), stored in the archive and read back for the label.
    expect(t09).toContain('00185 Roma (RM)');
  });
});

describe('Utilità: Richiesta duplicato Stringa CAF (p. 66) and Elenco documenti necessari (p. 73)', () => {
  const person = {
    id: null,
    ente: '8',
    codiceFiscale: 'RSSMRA40A01H501U',
    cognome: 'ROSSI',
    nome: 'MARIO',
    dataNascita: '1940-01-01',
    comuneNascita: 'Roma',
    indirizzo: 'Via Roma 1',
    comune: 'Roma',
    documento: { tipo: "Carta d'identità", numero: 'AB1234567', rilasciatoDa: 'Comune di Roma', data: '2005-03-01' },
  };
  it('an INPS matricola gives the request to sign', async () => {
    const r = await call('prints.duplicato', person);
    expect(r.file.name).toMatch(/^Richiesta_duplicato_Stringa_CAF_RSSMRA40A01H501U_/);
    const t = text(r.file.path);
    for (const s of ['RICHIESTA DUPLICATO STRINGA CAF', 'AB1234567', 'Comune di Roma', '01/03/2005', 'Firma del pensionato', 'fax 0434 506533']) expect(t, s).toContain(s);
  });
  it('INPDAP / IPOST are refused (OPR-10, MAT-17)', async () => {
    const e = await refusal('prints.duplicato', { ...person, ente: 'G' });
    expect(e).toMatchObject({ code: 'OPR-10' });
    expect(e.message).toMatch(/esclusivamente per le matricole INPS/);
  });
  it('bad input names the field', async () => {
    const e = await refusal('prints.duplicato', { ...person, documento: { ...person.documento, numero: '' } });
    expect(e.message).toMatch(/documento\.numero/);
  });
  it('Elenco documenti necessari: generic, or naming the family members of a declaration', async () => {
    const g = await call('prints.elencoDocumenti', { id: null });
    expect(text(g.file.path)).toMatch(/lettera di richiesta del RED/);
    const d = await call('prints.elencoDocumenti', { id: ids.documentato });
    const t = text(d.file.path);
    expect(t).toContain('ROSSI LUCA');
    expect(t).toContain('ROSSI PAOLA');
    expect(existsSync(d.file.path)).toBe(true);
  });
});

describe('"Data di consegna" (p. 75, 106)', () => {
  it('Nuovo stores the day the letter was taken in; the lists filter on it', async () => {
    const taken = await call('declarations.create', { matricola: makeMatricola(makeCf('VRD', 'LNZ', '39', 'E', '15', 'H501')), dataConsegna: '2009-05-20' });
    const none = await call('declarations.create', { matricola: makeMatricola(makeCf('NRI', 'PLA', '42', 'H', '55', 'H501')), dataConsegna: null });
    const r = await call('prints.export', { jobId: jobId(), kind: 'DICHIARAZIONI', format: 'csv', filter: { order: 'PROGRESSIVO', consegnaDal: '2009-05-01', consegnaAl: '2009-05-31' } });
    const lines = readFileSync(r.file?.path ?? '', 'utf8').trim().split('\r\n');
    expect(lines.slice(1).map((l) => Number(l.split(';')[0]))).toEqual([taken.progressivo]);
    expect(lines[1]?.split(';')[7]).toBe('20/05/2009');
    const all = await call('prints.export', { jobId: jobId(), kind: 'DICHIARAZIONI', format: 'csv', filter: { order: 'PROGRESSIVO' } });
    const row = readFileSync(all.file?.path ?? '', 'utf8').trim().split('\r\n').find((l) => l.startsWith(`${none.progressivo};`));
    expect(row?.split(';')[7]).toBe('');
  });
});
