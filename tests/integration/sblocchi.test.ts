/**
 * "Sblocca dichiarazione errata" in a real archive file (schema 11): the unlock of one cross-check error of one
 * declaration is stored with the status history row (who, when, which error, reason), lets «Rendi completa» through,
 * survives edits for that error code only, and reaches the prints (RED/1).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '#main/archive/open';
import { Archive } from '#main/archive/archive';
import { printData } from '#main/archive/prints';
import { createValidator } from '#main/archive/validator';
import { importa730 } from '#shared/import730/importa';
import { rowsFor } from '#shared/campaigns/red2009/tipo-righi';
import { composeDeclaration } from '#shared/print/compose';
import type { RedDocument } from '#shared/domain/red-document';
import { Decl } from '../unit/rules/fixtures';
import { refusal } from '../helpers/refusal';

const ESEMPIO = readFileSync(new URL('../fixtures/730/esempio.txt', import.meta.url), 'utf8');
const A = 'RSSMRA40A01H501K';
const dbs: Database.Database[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});

function archive(): Archive {
  const file = join(mkdtempSync(join(tmpdir(), 'red-sblocco-')), 'archivio-red.sqlite');
  const { db } = openArchive(file);
  dbs.push(db);
  return new Archive(db, () => new Date('2009-06-26T08:00:00Z'), createValidator(() => '2009-06-26'));
}

const withRigo = (doc: RedDocument, rigo: 'A1' | 'B1', importo: number): RedDocument => {
  const next = structuredClone(doc);
  const y = next.soggetti[0]?.anni.find((x) => x.anno === 2008);
  if (!y) throw new Error('anno 2008');
  y.righi[rigo] = { ...(y.righi[rigo] ?? {}), importo } as (typeof y.righi)[typeof rigo];
  return next;
};

/** An Errata declaration whose only error is IMP-07: A1 3.000 € where the 730 says 3.100 €. */
function errata(a: Archive): { id: number; doc: RedDocument } {
  a.import730File('730.txt', ESEMPIO, 'op');
  const d = new Decl();
  const { id } = a.create({ campaign: 'RED2009', matricola: d.m.matricola, codiceFiscale: A, document: d.doc, operator: 'op' });
  const r = importa730({ doc: d.doc, subjectKey: 'titolare', anno: 2008, dich: a.current730For([A]), rows: rowsFor('05') });
  if (!r.ok) throw new Error(r.message);
  const doc = withRigo(r.doc, 'A1', 3000);
  const saved = a.saveDocument(id, a.getForEdit(id).version, doc, 'op');
  expect(saved.status).toBe('ERRATA');
  return { id, doc };
}

const record = (id: number, over: Partial<Parameters<Archive['sblocca']>[0]> = {}) => ({
  id,
  progressivo: 1,
  codiceFiscale: A,
  codiceErrore: 'IMP-07' as const,
  codice: '3CCG-T3Z5-FB39',
  scadenza: '2009-06-30',
  motivo: 'Pensione AVS svizzera non dichiarata nel 730 (p. 97)',
  ...over,
});

describe('Sblocca dichiarazione errata in the archive', () => {
  it('shows what the CAF needs and records the unlock with its history row; then «Rendi completa» goes through', () => {
    const a = archive();
    const { id } = errata(a);
    const info = a.sbloccoInfo(id, 'sportello-prova');
    expect(info).toMatchObject({ id, progressivo: 1, codiceFiscale: A, campagna: 'RED2009', status: 'ERRATA', deskId: 'sportello-prova', sblocchi: [] });
    expect(info.errori).toEqual([
      { codice: 'IMP-07', messaggio: 'Anagrafica e redditi: Valore diverso da reddito 730 – Titolare – redditi 2008, rigo A1 (Lavoro dipendente prestato in Italia): nel RED 3.000 €, nel 730/2009 3.100 €.' },
    ]);
    expect(() => a.makeComplete(id, a.getForEdit(id).version, 'op')).toThrow(/errore bloccante/);

    const r = a.sblocca(record(id), 'mario');
    expect(r).toEqual({
      id,
      status: 'INCOMPLETA',
      sblocco: { codiceErrore: 'IMP-07', codice: '3CCG-T3Z5-FB39', scadenza: '2009-06-30', at: '2009-06-26T08:00:00.000Z', operator: 'mario', motivo: 'Pensione AVS svizzera non dichiarata nel 730 (p. 97)' },
    });
    const last = a.history(id).at(-1);
    expect(last).toMatchObject({
      event: 'SBLOCCO',
      fromStatus: 'ERRATA',
      toStatus: 'INCOMPLETA',
      operator: 'mario',
      at: '2009-06-26T08:00:00.000Z',
      reason: 'Sblocco IMP-07 dal CAF (codice 3CCG-T3Z5-FB39 valido fino al 30/06/2009): Pensione AVS svizzera non dichiarata nel 730 (p. 97)',
    });
    expect(a.getForEdit(id).sbloccati).toEqual(['IMP-07']);
    expect(a.makeComplete(id, a.getForEdit(id).version, 'op').status).toBe('COMPLETA');
  });

  it('keeps the unlock through edits for that error code only; another cross-check error still blocks', () => {
    const a = archive();
    const { id, doc } = errata(a);
    a.sblocca(record(id), 'mario');
    // Another A1 amount: still IMP-07, still unlocked.
    const altro = withRigo(doc, 'A1', 2900);
    expect(a.saveDocument(id, a.getForEdit(id).version, altro, 'op').status).toBe('INCOMPLETA');
    // B1 changed: IMP-07 too (a transcribed amount) — the same code, unlocked; B1 omitted: IMP-05, blocks.
    const senzaB1 = withRigo(altro, 'B1', 0);
    expect(a.saveDocument(id, a.getForEdit(id).version, senzaB1, 'op').status).toBe('ERRATA');
    expect(a.sbloccoInfo(id, 'x').errori.map((e) => e.codice)).toEqual(['IMP-05']);
    expect(a.sbloccoInfo(id, 'x').sblocchi.map((s) => s.codiceErrore)).toEqual(['IMP-07']);
  });

  it('refuses: a declaration not Errata, an error it does not have, the same error twice, a stale identity', () => {
    const a = archive();
    const { id } = errata(a);
    expect(refusal(() => a.sblocca(record(id, { codiceErrore: 'IMP-08' }), 'mario')).message).toBe("La dichiarazione progressivo 1 non ha l'errore IMP-08 da sbloccare.");
    expect(refusal(() => a.sblocca(record(id, { progressivo: 2 }), 'mario')).message).toMatch(/è cambiata/);
    a.sblocca(record(id), 'mario');
    const e = refusal(() => a.sblocca(record(id), 'mario'));
    expect(e.code).toBe('SBL-04');
    expect(e.message).toBe('Sblocca dichiarazione errata: si usa solo per una dichiarazione in status «Errata»; la dichiarazione progressivo 1 è «Incompleta».');
    expect(a.history(id).filter((h) => h.event === 'SBLOCCO')).toHaveLength(1);
  });

  it('prints the unlock on the RED/1', () => {
    const a = archive();
    const { id } = errata(a);
    a.sblocca(record(id), 'mario');
    const [src] = printData(a, [id]);
    if (!src) throw new Error('printData');
    const { docs } = composeDeclaration(src, { caf: 'CAF', sportello: 'S', operatore: 'mario', stampatoIl: '2009-06-27T08:00:00.000Z' }, { elencoDocumenti: false });
    const red1 = docs.find((d) => d.model === 'RED1');
    const i = red1?.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Errori sbloccati dal CAF (Sblocca dichiarazione errata)') ?? -1;
    expect(i).toBeGreaterThan(0);
    expect(red1?.blocks.slice(i + 1, i + 3)).toMatchObject([
      { kind: 'table', rows: [['IMP-07 Valore diverso da reddito 730', '26/06/2009 10:00', 'mario', '3CCG-T3Z5-FB39 (30/06/2009)']] },
      { kind: 'paragraph', text: 'Motivo dello sblocco IMP-07: Pensione AVS svizzera non dichiarata nel 730 (p. 97)' },
    ]);
  });
});
