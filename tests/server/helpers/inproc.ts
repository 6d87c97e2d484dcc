import { loadConfig } from '#server/config';
import { startServer, type RunningServer } from '#server/server';
import { ADMIN_TOKEN } from './client';
import type { FreshDb } from './db';

/** The server in this process (same code as the bundle), listening on a free 127.0.0.1 port. */
export function startInProcess(db: FreshDb, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(
    loadConfig({
      PORT: '0',
      DATABASE_URL: db.databaseUrl ?? '',
      RED_DESK_SERVER_DATA_DIR: db.dataDir,
      RED_DESK_SERVER_ADMIN_TOKEN: ADMIN_TOKEN,
      RED_DESK_SERVER_LOG_LEVEL: 'silent',
      ...env,
    }),
  );
}
