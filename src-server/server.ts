import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import { DeskAuthenticator } from './http/auth';
import { buildApp } from './http/app';
import { registerConsole } from './console/routes';
import { createHandlers } from './http/handlers';
import { httpInpsGateway } from './inps/http-gateway';
import { newWorkerId } from './jobs/leases';
import { JobRunner } from './jobs/runner';
import { openStore, type Store } from './store/db';
import { migrate } from './store/migrate';
import { serverInstanceId } from './store/settings';

export const SERVER_VERSION = '0.1.0';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  serverId: string;
  schemaVersion: number;
  /** Graceful stop: no new requests, in-flight ones finish, the running job finishes, the database closes. */
  close(): Promise<void>;
}

export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const schemaVersion = await migrate(store);
    const gateway = config.inps ? httpInpsGateway(config.inps.url, config.inps.token) : null;
    const jobs = new JobRunner(store, gateway, (m) => console.error(m), { workerId: newWorkerId(), leaseMs: config.jobLeaseMs });
    const serverId = await serverInstanceId(store.db);
    const auth = new DeskAuthenticator(store.db, undefined, undefined, config.scryptConcurrency);
    const handlers = createHandlers({ store, jobs, auth, schemaVersion, defaultDeadline: config.defaultDeadline, exchangePassphrase: config.exchangePassphrase, serverId });
    const app = buildApp({
      handlers,
      auth,
      adminToken: config.adminToken,
      bodyLimit: config.bodyLimit,
      adminBodyLimit: config.adminBodyLimit,
      tls: config.tls,
      trustedProxies: config.trustedProxies,
      logLevel: config.logLevel,
      version: SERVER_VERSION,
      loginRateIp: config.loginRateIp,
      loginRateDesk: config.loginRateDesk,
    });
    registerConsole(app, { store, handlers, adminToken: config.adminToken, defaultDeadline: config.defaultDeadline, secure: !!config.tls });
    const url = await app.listen({ host: config.host, port: config.port });
    jobs.start(config.forwardIntervalMs, config.esitiIntervalMs);
    let closing: Promise<void> | null = null;
    return {
      app,
      store,
      url,
      serverId,
      schemaVersion,
      close: () =>
        (closing ??= (async () => {
          await app.close();
          await jobs.stop();
          await store.close();
        })()),
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
