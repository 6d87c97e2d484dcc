/**
 * Central server ingest: declarations per second accepted by the real server process (dist/server/server.cjs)
 * over HTTP on 127.0.0.1, on SQLite and on PostgreSQL (DATABASE_URL; a row says so when it is unset). Realistic
 * path: 4 desks sending batches of 100 in parallel, each declaration a full document from the seeded synthetic
 * archive, the CAF checks on (anagrafe holding every codice fiscale, a list of erroneous matricole).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TransmissionItem, TransmitResponse } from '#shared/server-api/contract';
import { percentile } from './lib/stats';
import { syntheticDeclarations, syntheticDocument } from './lib/synthetic';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';
import { ADMIN, call, startServer, type Server } from './lib/processes';

const DECLARATIONS = Number(process.env.BENCH_SERVER_DECLARATIONS ?? 20_000);
const BATCH = 100;
const DESKS = 4;

export function items(count: number): TransmissionItem[] {
  return syntheticDeclarations(count, 20090630).declarations.map((d, i) => {
    const document = syntheticDocument(d);
    if (!document) throw new Error(`matricola sintetica non valida: ${d.matricola}`);
    return { declarationKey: `b-${i}`, version: 1, progressivo: i + 1, tipo: d.tipo, matricola: d.matricola, document };
  });
}


/**
 * Sends every item (batches of BATCH, one lane per desk); returns declarations/s and the p95 batch time. With
 * several server instances on one database (`urls`), desk d sends to instance d mod n; the lists and the desks
 * are set up through the first one.
 */
export async function ingest(server: Server | readonly string[], all: TransmissionItem[], log: (m: string) => void, lanes = DESKS): Promise<{ rate: number; p95: number }> {
  const urls = Array.isArray(server) ? (server as readonly string[]) : [(server as Server).url];
  const first = urls[0]!;
  const admin = `Bearer ${ADMIN}`;
  await call(`${first}/v1/admin/anagrafe`, admin, 'PUT', { replace: true, entries: [...new Set(all.map((i) => i.document.anagrafica.codiceFiscale))].map((codiceFiscale) => ({ codiceFiscale })) });
  await call(`${first}/v1/admin/matricole-errate`, admin, 'PUT', { replace: true, entries: all.filter((_, i) => i % 100 === 7).map((i) => ({ matricola: i.matricola, code: '9009' })) });
  const desks: { url: string; auth: string }[] = [];
  for (let d = 0; d < lanes; d++) {
    const auth = (await call<{ authorization: string }>(`${first}/v1/admin/desks`, admin, 'POST', { deskId: `bench-${d}`, name: `Bench ${d}` })).authorization;
    desks.push({ url: urls[d % urls.length]!, auth });
  }
  // Warm-up (JIT, connection pool, credential cache) on other keys.
  for (const { url, auth } of desks) await call(`${url}/v1/transmissions`, auth, 'POST', { transmissionId: randomUUID(), items: all.slice(0, BATCH).map((i) => ({ ...i, declarationKey: `w-${i.declarationKey}` })) });

  const batches: TransmissionItem[][] = [];
  for (let i = 0; i < all.length; i += BATCH) batches.push(all.slice(i, i + BATCH));
  const times: number[] = [];
  let next = 0;
  let accepted = 0;
  const started = performance.now();
  await Promise.all(
    desks.map(async ({ url, auth }) => {
      for (let b = next++; b < batches.length; b = next++) {
        const t = performance.now();
        const r = await call<TransmitResponse>(`${url}/v1/transmissions`, auth, 'POST', { transmissionId: randomUUID(), items: batches[b] });
        times.push(performance.now() - t);
        accepted += r.items.filter((x) => x.outcome === 'accepted').length;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  if (accepted !== all.length) throw new Error(`accettate ${accepted} dichiarazioni su ${all.length}`);
  log(`${all.length} dichiarazioni in ${seconds.toFixed(1)} s`);
  return { rate: all.length / seconds, p95: percentile(times, 95) };
}

export const serverBench: BenchModule = {
  name: 'server',
  async run(ctx: BenchContext): Promise<BenchRow[]> {
    const all = items(DECLARATIONS);
    const rows: BenchRow[] = [];
    const measure = async (label: string, env: Record<string, string>) => {
      const server = await startServer(ctx, env);
      try {
        const r = await ingest(server, all, (m) => ctx.log(`${label}: ${m}`));
        rows.push(row(`server ingest ${label} (${DESKS} desks × batches of ${BATCH})`, r.rate, 'decl/s', null));
        rows.push(row(`server ingest ${label}: batch of ${BATCH} p95`, r.p95, 'ms', null));
      } finally {
        await server.stop();
      }
    };
    await measure('SQLite', { RED_DESK_SERVER_DATA_DIR: mkdtempSync(join(ctx.tmpDir, 'server-')) });
    const url = process.env.DATABASE_URL;
    if (!url) {
      rows.push(row('server ingest PostgreSQL: skipped, DATABASE_URL not set', Number.NaN, 'decl/s', null));
      return rows;
    }
    const schema = `bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      await measure('PostgreSQL', { DATABASE_URL: u.toString() });
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
    return rows;
  },
};
