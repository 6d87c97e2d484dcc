import { expect } from '@playwright/test';
import { callApi, type DeskProcess } from './desk-process';
import { makeMatricola } from './matricole';

/** Titolare alone, 2008, no coniuge or figli. */
export const SOLO_2008 = { statoCivile: '0', rilevanzaConiuge: '0', numeroFigli: '0', tipoRighiDichiarante: '05', tipoRighiNucleo: '00' };

export interface DocShape {
  anagrafica: { statoCivile: string | null; statoCivileDecorrenza: string | null };
  soggetti: {
    key: string;
    cognome: string;
    nome: string;
    indirizzo: string;
    comune: string;
    anni: { anno: number; modo: string | null; doc: string | null; righi: Record<string, { importo: number; documenti: unknown[] }> }[];
  }[];
}

export async function getDeclaration(desk: DeskProcess, id: number): Promise<{ status: string; version: number; document: DocShape }> {
  const r = await callApi(desk, 'declarations.get', { id });
  expect(r.body.ok).toBe(true);
  return r.body.result as { status: string; version: number; document: DocShape };
}

/**
 * A declaration of `cf` (SOLO_2008) with every datum in place, saved through the API: no blocking error,
 * A1 = 15.000 €, made Completa when `complete`.
 */
export async function completableDeclaration(desk: DeskProcess, cf: string, complete: boolean): Promise<number> {
  const c = await callApi(desk, 'declarations.create', { matricola: makeMatricola(cf, SOLO_2008) });
  const id = (c.body.result as { id: number }).id;
  const d = await getDeclaration(desk, id);
  d.document.anagrafica.statoCivile = '1';
  d.document.anagrafica.statoCivileDecorrenza = '2008-03-15';
  const t = d.document.soggetti[0];
  if (!t) throw new Error('titolare assente');
  Object.assign(t, { cognome: 'ROSSI', nome: 'MARIA', indirizzo: 'VIA APPIA 12', comune: 'ROMA' });
  const y = t.anni.find((a) => a.anno === 2008);
  if (!y) throw new Error('anno 2008 assente');
  Object.assign(y, { modo: 'AUTOCERTIFICATO', doc: 'NESSUNA', righi: { A1: { importo: 15000, documenti: [] } } });
  const s = await callApi(desk, 'declarations.save', { id, version: d.version, document: d.document });
  expect(s.body.ok, JSON.stringify(s.body)).toBe(true);
  if (complete) {
    const k = await callApi(desk, 'declarations.complete', { id, version: (s.body.result as { version: number }).version });
    expect(k.body.ok, JSON.stringify(k.body)).toBe(true);
  }
  return id;
}
