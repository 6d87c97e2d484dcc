import { join } from 'node:path';
import { REPO, startProcess, type Proc } from '../../helpers/spawn';
import { ADMIN_TOKEN } from './client';
import type { FreshDb } from './db';

export { REPO, type Proc };
const SERVER_SOURCES = ['src-server', 'src-shared', 'migrations/server'];
const SERVER = join(REPO, 'dist/server/server.cjs');
const SIMULATOR = join(REPO, 'dist/server/inps-simulator.cjs');

/** The real server process (dist/server/server.cjs) on a free 127.0.0.1 port, on the given database. */
export function startServerProcess(db: FreshDb, env: Record<string, string | undefined> = {}): Promise<Proc> {
  return startProcess(
    SERVER,
    {
      PORT: '0',
      DATABASE_URL: db.databaseUrl ?? '',
      RED_DESK_SERVER_DATA_DIR: db.dataDir,
      RED_DESK_SERVER_ADMIN_TOKEN: ADMIN_TOKEN,
      RED_DESK_SERVER_LOG_LEVEL: 'warn',
      ...env,
    },
    /in ascolto su (https?:\/\/127\.0\.0\.1:\d+)/,
    SERVER_SOURCES,
  );
}

/** The simulator always requires its token: tests pass it to the server (RED_DESK_SERVER_INPS_TOKEN) and their own calls. */
export const SIM_TOKEN = 'inps-simulator-token-for-tests';
export const SIM_AUTH = `Bearer ${SIM_TOKEN}`;

export function startSimulator(env: Record<string, string | undefined> = {}): Promise<Proc> {
  return startProcess(SIMULATOR, { INPS_SIM_PORT: '0', INPS_SIM_TOKEN: SIM_TOKEN, ...env }, /INPS simulator: in ascolto su (http:\/\/127\.0\.0\.1:\d+)/, SERVER_SOURCES);
}
