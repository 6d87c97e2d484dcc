import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';

let desk: DeskProcess;
beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => {
  await desk.stop();
});

describe('browser host: a print is offered as a download', () => {
  it('GET /stampe/<name> needs the token, serves only stampe/ files, as an attachment with its name', async () => {
    const made = await callApi(desk, 'prints.elencoDocumenti', { id: null });
    expect(made.status).toBe(200);
    const name = (made.body.result as { file: { name: string; path: string } }).file.name;
    expect(name).toMatch(/^Elenco_documenti_generico_\d{8}-\d{6}\.pdf$/);

    const none = await fetch(`${desk.origin}/stampe/${name}`);
    expect(none.status).toBe(401);
    const ok = await fetch(`${desk.origin}/stampe/${name}`, { headers: { 'x-red-desk-token': desk.token } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(ok.headers.get('content-disposition')).toBe(`attachment; filename="${name}"`);
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const h = { 'x-red-desk-token': desk.token };
    expect((await fetch(`${desk.origin}/stampe/..%2farchivio-red.sqlite`, { headers: h })).status).toBe(400);
    expect((await fetch(`${desk.origin}/stampe/archivio-red.sqlite`, { headers: h })).status).toBe(400);
    expect((await fetch(`${desk.origin}/stampe/Nessuno_20090101-000000.pdf`, { headers: h })).status).toBe(404);
    expect((await fetch(`${desk.origin}/stampe/${name}`, { headers: { ...h, origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('in the browser host prints.open is refused (the browser downloads instead), prints.folder says where files go', async () => {
    const open = await callApi(desk, 'prints.open', { name: 'x.pdf' });
    expect(open.status).toBe(422);
    const folder = await callApi(desk, 'prints.folder', {});
    expect(folder.body.result).toEqual({ path: `${desk.dataDir}/stampe`, opened: false });
  });
});
