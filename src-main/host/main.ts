/**
 * `npm start` where Electron is not available: the browser host. Opens the archive, serves the app on
 * 127.0.0.1 and prints the URL (with the per-start token) to open in a browser.
 */
import { join } from 'node:path';
import { AppError } from '#shared/errors';
import { openDesk } from '../services/desk-gate';
import { startBrowserHost } from './server';

const DEFAULT_PORT = 4780;

function parsePort(v: string | undefined): number {
  if (v === undefined || v === '') return DEFAULT_PORT;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new AppError({ code: 'CFG-01', field: 'RED_DESK_PORT', message: `RED_DESK_PORT non valida: «${v}» (atteso un numero di porta 0–65535).` });
  }
  return n;
}

async function main(): Promise<void> {
  const port = parsePort(process.env.RED_DESK_PORT);
  // The key from RED_DESK_ARCHIVE_PASSPHRASE, else the page opens on the locked screen (the browser host has
  // no safeStorage: that is Electron's).
  const core = await openDesk();
  const host = await startBrowserHost(core, { port, rendererDir: join(__dirname, '..', 'renderer') });
  console.log(`RED Desk in ascolto su ${host.url}`);
  console.log(`Archivio: ${core.archiveFile}${core.core() ? '' : ' (cifrato: passphrase da inserire nella pagina)'}`);
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  // Fault injection for the tests only (never set in use): SIGUSR2 ends the archive worker as a crash would.
  if (process.env.RED_DESK_FAULTS === '1') process.on('SIGUSR2', () => void core.core()?.archive.simulateCrash());
}

main().catch((e: unknown) => {
  console.error(`RED Desk non può partire: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
