/**
 * Several server instances on one PostgreSQL (issue 14 points 7–8, Measure): server ingest with 1 and with 3
 * instances (the real server processes, the same desks and bodies as bench/server.ts, the desks spread over the
 * instances), and forwarding to INPS (the simulator process) with 1 instance and with 3 at once, each instance
 * running its forward job in a loop until nothing is left: the jobs share the work through the leases. Each
 * measure on its own fresh schema; the 1-instance figures are the baselines of the 3-instance ones.
 * PostgreSQL comes from DATABASE_URL, as for the test suite (.ci/run starts one with scripts/pg-up.sh); when it is
 * unset or unreachable the measures are skipped with a row saying why.
 */
import { join } from 'node:path';
import type { ForwardResult, TransmissionItem } from '#shared/server-api/contract';
import { ADMIN, call, startBundle, startServer, type BundleProcess } from './lib/processes';
import { postgresUnavailable, withSchema } from './lib/postgres';
import { row, type BenchContext, type BenchModule, type BenchRow } from './lib/types';
import { ingest, items } from './server';

const DECLARATIONS = Number(process.env.BENCH_INSTANCES_DECLARATIONS ?? 20_000);
/** Desks sending at once, the same in both measures (spread over the instances with 3). */
const LANES = 6;
const INSTANCES = 3;

interface Received {
  batchId: string;
  deliveries: number;
  items: { ref: string }[];
}

/**
 * Every instance calls its forward job until it finds nothing to claim and no batch waiting; returns the
 * declarations forwarded per second, checked against what INPS holds (each declaration once).
 */
async function forwardAll(servers: readonly BundleProcess[], sim: BundleProcess, log: (m: string) => void): Promise<{ rate: number; repeated: number }> {
  const admin = `Bearer ${ADMIN}`;
  let forwarded = 0;
  const t0 = performance.now();
  await Promise.all(
    servers.map(async (s) => {
      for (;;) {
        const r = await call<ForwardResult>(`${s.url}/v1/admin/jobs/forward`, admin, 'POST', {});
        if (r.error) throw new Error(`inoltro: ${r.error}`);
        forwarded += r.forwarded;
        if (r.forwarded === 0 && r.pendingBatches === 0) return;
        // Only batches other instances hold: wait a little instead of spinning.
        if (r.forwarded === 0 && r.sent === 0) await new Promise((res) => setTimeout(res, 20));
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const received = await call<Received[]>(`${sim.url}/batches`, `Bearer ${SIM_TOKEN}`, 'GET');
  const refs = received.flatMap((b) => b.items.map((i) => i.ref));
  if (refs.length !== forwarded || new Set(refs).size !== refs.length) {
    throw new Error(`INPS ha ${refs.length} dichiarazioni (${new Set(refs).size} distinte), inoltrate ${forwarded}`);
  }
  log(`${forwarded} dichiarazioni inoltrate in ${received.length} lotti in ${seconds.toFixed(1)} s`);
  return { rate: forwarded / seconds, repeated: received.reduce((n, b) => n + b.deliveries - 1, 0) };
}

/** The simulator always wants its token (issue 14 point 4); the bench's own, never a real one. */
const SIM_TOKEN = 'inps-simulator-token-for-the-bench';

function startSimulator(ctx: BenchContext): Promise<BundleProcess> {
  return startBundle(join(ctx.distMain, '..', 'server', 'inps-simulator.cjs'), { INPS_SIM_PORT: '0', INPS_SIM_TOKEN: SIM_TOKEN }, /INPS simulator: in ascolto su (http:\/\/127\.0\.0\.1:\d+)/);
}

/** n server instances on one fresh schema and one simulator: ingest, then forward. */
async function measure(ctx: BenchContext, url: string, n: number, all: TransmissionItem[]): Promise<{ ingest: number; forward: number; repeated: number }> {
  return withSchema(url, 'bench_instances', async (schemaUrl) => {
    const sim = await startSimulator(ctx);
    const servers: BundleProcess[] = [];
    try {
      // One after the other: the first one migrates the schema.
      for (let i = 0; i < n; i++) servers.push(await startServer(ctx, { DATABASE_URL: schemaUrl, RED_DESK_SERVER_INPS_URL: sim.url, RED_DESK_SERVER_INPS_TOKEN: SIM_TOKEN }));
      const label = `${n} instance${n > 1 ? 's' : ''}`;
      const r = await ingest(
        servers.map((s) => s.url),
        all,
        (m) => ctx.log(`${label}: ${m}`),
        LANES,
      );
      const f = await forwardAll(servers, sim, (m) => ctx.log(`${label}: ${m}`));
      return { ingest: r.rate, forward: f.rate, repeated: f.repeated };
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      await sim.stop();
    }
  });
}

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const url = process.env.DATABASE_URL;
  const why = await postgresUnavailable(url);
  if (why || !url) {
    ctx.log(`PostgreSQL measures skipped: ${why}`);
    return [row(`several instances on PostgreSQL: skipped, ${why}`, Number.NaN, 'decl/s', null)];
  }
  const all = items(DECLARATIONS);
  const one = await measure(ctx, url, 1, all);
  const three = await measure(ctx, url, INSTANCES, all);
  const n = DECLARATIONS.toLocaleString('en-US');
  return [
    row(`server ingest PostgreSQL, 1 instance (${n} decl., ${LANES} desks × batches of 100)`, one.ingest, 'decl/s', null),
    row(`server ingest PostgreSQL, ${INSTANCES} instances (same desks spread over them; raw = 1 instance)`, three.ingest, 'decl/s', one.ingest),
    row(`forwarding to INPS (simulator), 1 instance`, one.forward, 'decl/s', null),
    row(`forwarding to INPS, ${INSTANCES} instances at once (leases; raw = 1 instance)`, three.forward, 'decl/s', one.forward),
    row(`  diag: batches delivered more than once with ${INSTANCES} instances (must be 0)`, three.repeated, 'deliveries', null, { maxValue: 0 }),
  ];
}

export const instancesBench: BenchModule = { name: 'instances', run };
