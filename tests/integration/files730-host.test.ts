/**
 * Utilità → "Importa file 730" through the real desk process and its browser host (issue 12): a file larger than
 * one call crosses in pieces and is read once, whole; a refused file stores nothing; the editor's call gives the
 * 730s of the subjects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startDesk, type DeskProcess } from '../helpers/desk-process';
import { UPLOAD_CHUNK_CHARS } from '#shared/import730/api';
import { cfCheckChar } from '#shared/codice-fiscale/codice-fiscale';

/** A valid file of `count` 730s, each with three 730/3 rows and two quadro C lines (distinct codici fiscali). */
function synthetic730File(count: number, seed: number): string {
  const L = 'BCDFGLMNPRSTVZ';
  const out = ['RED730|1'];
  for (let i = 0; i < count; i++) {
    let n = i * 7 + seed;
    let s = '';
    for (let k = 0; k < 6; k++) {
      s += L.charAt(n % L.length);
      n = Math.floor(n / L.length);
    }
    const cf = `${s}40A01H501` + cfCheckChar(`${s}40A01H501`);
    out.push(`730|730/2009|${cf}||TRASM_CGN|2009-05-20`, `P|${cf}|1|${i % 500},00`, `P|${cf}|3|850,50`, `P|${cf}|7|600,00`);
    out.push(`C|${cf}|I|C1|1||14200,00|NR|N`, `C|${cf}|I|C2|2|1|${1000 + i},25|A1|N`);
  }
  out.push(`FINE|${count}`, '');
  return out.join('\n');
}

let desk: DeskProcess;
beforeAll(async () => {
  desk = await startDesk();
});
afterAll(async () => {
  await desk.stop();
});

async function upload(fileName: string, text: string) {
  let uploadId: string | undefined;
  let calls = 0;
  for (let at = 0; ; at += UPLOAD_CHUNK_CHARS) {
    const last = at + UPLOAD_CHUNK_CHARS >= text.length;
    const r = await callApi(desk, 'files730.upload', { ...(uploadId ? { uploadId } : {}), fileName, chunk: text.slice(at, at + UPLOAD_CHUNK_CHARS), last });
    calls++;
    if (!r.body.ok) return { ...r, calls };
    uploadId = (r.body.result as { uploadId: string }).uploadId;
    if (last) return { ...r, calls };
  }
}

describe('files730 API on the desk', () => {
  it('a file of 3,000 730s crosses in several pieces and is read whole', async () => {
    const text = synthetic730File(3_000, 5);
    expect(text.length).toBeGreaterThan(2 * UPLOAD_CHUNK_CHARS);
    const r = await upload('grande.txt', text);
    expect(r.calls).toBe(Math.ceil(text.length / UPLOAD_CHUNK_CHARS));
    expect(r.body.ok).toBe(true);
    expect((r.body.result as { result: { count: number } }).result.count).toBe(3_000);
    const list = await callApi(desk, 'files730.list', { offset: 0, limit: 10 });
    expect((list.body.result as { total: number }).total).toBe(3_000);
  });

  it('a refused file (the error in its last piece) stores nothing and says the line', async () => {
    const text = synthetic730File(1_500, 6).replace('FINE|1500', 'FINE|1499');
    const r = await upload('rotto.txt', text);
    expect(r.body.ok).toBe(false);
    expect(r.body.error?.code).toBe('IMP-10');
    expect(r.body.error?.message).toMatch(/^rotto\.txt: File 730 non letto: riga \d+, campo 2 «numero di 730 nel file»: atteso 1500 \(i record «730» letti\); trovato «1499»\./);
    const list = await callApi(desk, 'files730.list', { offset: 0, limit: 10 });
    expect((list.body.result as { total: number }).total).toBe(3_000);
  });

  it('an unknown upload id is refused; a piece over the limit is refused by the contract', async () => {
    const r = await callApi(desk, 'files730.upload', { uploadId: 'nessuno', fileName: 'x.txt', chunk: 'RED730|1', last: true });
    expect(r.body.error?.message).toBe('Caricamento del file 730 scaduto o sconosciuto: scegliere di nuovo il file.');
    const big = await callApi(desk, 'files730.upload', { fileName: 'x.txt', chunk: 'x'.repeat(UPLOAD_CHUNK_CHARS + 1), last: true });
    expect(big.body.ok).toBe(false);
    expect(big.body.error?.code).toBe('INPUT-01');
  });

  it('forSubjects gives the current 730s of the codici fiscali, with their lines', async () => {
    const text = synthetic730File(3, 5);
    const cf = /^730\|730\/2009\|([A-Z0-9]{16})\|/m.exec(text)?.[1] ?? '';
    const r = await callApi(desk, 'files730.forSubjects', { codiciFiscali: [cf] });
    const rows = (r.body.result as { rows: { cfDichiarante: string; righe: unknown[]; fileName: string }[] }).rows;
    expect(rows.map((x) => [x.cfDichiarante, x.fileName])).toEqual([[cf, 'grande.txt']]);
    expect(rows[0]?.righe.length).toBeGreaterThanOrEqual(5);
  });
});
