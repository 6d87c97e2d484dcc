/**
 * The INPS simulator process (`node dist/server/inps-simulator.cjs`), HTTP on 127.0.0.1 only:
 *   POST /batches                 receive a batch (idempotent on batchId; the same id with other content → 409)
 *   GET  /batches/:id/esiti       the esiti so far
 *   GET  /batches                 what was received (for tests)
 *   GET|PUT /config               which outcome each matricola / codice fiscale gets (SimConfigSchema)
 *   GET  /health
 * Environment: INPS_SIM_PORT (0 = any free port), INPS_SIM_CONFIG (a JSON file read at start), INPS_SIM_TOKEN
 * (required, at least 16 characters: every request carries `Authorization: Bearer …`; the simulator does not start
 * without it). Requests whose Host is not this listener's (127.0.0.1:N or localhost:N) are refused (421), so a web
 * page cannot reach it through DNS rebinding. Prints "INPS simulator: in ascolto su http://127.0.0.1:N".
 */
import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { timingSafeEqual, createHash } from 'node:crypto';
import { InpsBatchSchema } from './gateway';
import { BatchConflictError, InpsSimulator, SimConfigSchema } from './simulator';

const sim = new InpsSimulator();
const configFile = process.env.INPS_SIM_CONFIG;
if (configFile) sim.configure(SimConfigSchema.parse(JSON.parse(readFileSync(configFile, 'utf8'))));
const token = process.env.INPS_SIM_TOKEN ?? '';
if (token.length < 16) {
  console.error('INPS simulator: avvio non riuscito: INPS_SIM_TOKEN obbligatorio (almeno 16 caratteri)');
  process.exit(1);
}
const digest = (s: string) => createHash('sha256').update(s).digest();
let allowedHosts = new Set<string>();

const app = Fastify({ bodyLimit: 256 * 1024 * 1024, forceCloseConnections: 'idle' });
app.addHook('onRequest', async (req, reply) => {
  if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
    return reply.code(421).send({ error: `Host non ammesso: ${req.headers.host ?? '(assente)'}` });
  }
  if (!timingSafeEqual(digest(req.headers.authorization ?? ''), digest(`Bearer ${token}`))) {
    return reply.code(401).send({ error: 'non autorizzato' });
  }
});
app.get('/health', async () => ({ status: 'ok' }));
app.get('/config', async () => sim.getConfig());
app.put('/config', async (req, reply) => {
  const r = SimConfigSchema.safeParse(req.body);
  if (!r.success) return reply.code(400).send({ error: r.error.message });
  sim.configure(r.data);
  return sim.getConfig();
});
app.post('/batches', async (req, reply) => {
  const r = InpsBatchSchema.safeParse(req.body);
  if (!r.success) return reply.code(400).send({ error: r.error.message });
  let fresh: boolean;
  try {
    fresh = sim.receive(r.data);
  } catch (e) {
    return reply.code(e instanceof BatchConflictError ? 409 : 503).send({ error: e instanceof Error ? e.message : String(e) });
  }
  const delay = sim.getConfig().answerDelayMs;
  if (delay > 0) await new Promise((res) => setTimeout(res, delay));
  return { batchId: r.data.batchId, received: r.data.items.length, duplicate: !fresh };
});
app.get('/batches', async () => sim.received());
app.get<{ Params: { id: string } }>('/batches/:id/esiti', async (req, reply) => {
  const esiti = sim.esiti(req.params.id);
  if (!esiti) return reply.code(404).send({ error: `lotto ${req.params.id} sconosciuto` });
  return { batchId: req.params.id, esiti };
});

const port = Number(process.env.INPS_SIM_PORT ?? 0);
app.listen({ host: '127.0.0.1', port }).then(
  (url) => {
    const p = new URL(url).port;
    allowedHosts = new Set([`127.0.0.1:${p}`, `localhost:${p}`]);
    console.log(`INPS simulator: in ascolto su ${url}`);
  },
  (e: unknown) => {
    console.error('INPS simulator: avvio non riuscito:', e);
    process.exit(1);
  },
);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
