/**
 * `npm run server` → `node dist/server/server.cjs`: the central CAF server. Configuration from the environment
 * (config.ts: PORT, DATABASE_URL, RED_DESK_SERVER_DATA_DIR, RED_DESK_SERVER_ADMIN_TOKEN, TLS, INPS …).
 * SIGTERM/SIGINT: graceful shutdown (stop accepting, finish in-flight requests and the running job, close the
 * database), then exit 0; a second signal or the timeout exits at once.
 */
import { loadConfig } from './config';
import { startServer } from './server';
import { EXIT_STORE_IN_USE, StoreInUseError } from './store/db';

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const where = server.store.dialect === 'sqlite' ? `SQLite ${server.store.location}` : `PostgreSQL ${server.store.location}`;
  console.log(`RED Desk server: in ascolto su ${server.url} (${where}, schema ${server.schemaVersion})`);
  if (config.tlsProxy && !config.tls) console.log('RED Desk server: RED_DESK_SERVER_TLS_PROXY=1, HTTP in chiaro: il TLS deve terminare sul proxy davanti al server');
  if (!config.adminToken) console.log('RED Desk server: RED_DESK_SERVER_ADMIN_TOKEN non impostato, funzioni di amministrazione disabilitate');
  if (!config.inps) console.log('RED Desk server: RED_DESK_SERVER_INPS_URL non impostato, nessun inoltro all’INPS');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`RED Desk server: ${signal} ripetuto, uscita immediata`);
      process.exit(1);
    }
    stopping = true;
    console.log(`RED Desk server: ${signal}, chiusura in corso (richieste in corso completate)`);
    const timer = setTimeout(() => {
      console.error('RED Desk server: chiusura oltre il tempo massimo, uscita forzata');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    server.close().then(
      () => {
        console.log('RED Desk server: chiuso');
        process.exit(0);
      },
      (e: unknown) => {
        console.error('RED Desk server: errore in chiusura:', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  console.error(`RED Desk server: avvio non riuscito: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(e instanceof StoreInUseError ? EXIT_STORE_IN_USE : 1);
});
