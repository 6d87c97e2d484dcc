import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, startProcess, type Proc } from './spawn';
import { TEST_PASSPHRASE_ENV } from './desk-key';

const DESK_SOURCES = ['src-main', 'src-shared', 'src-renderer', 'migrations/desk'];

export { REPO };

export interface DeskProcess extends Omit<Proc, 'stop'> {
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  /** SIGTERM, then SIGKILL after 20 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** Starts the built browser host (dist/main/host.cjs) on a free loopback port with its own data dir. Its archive
 * is encrypted with the tests' passphrase, given as unattended use gives it (RED_DESK_ARCHIVE_PASSPHRASE); pass
 * `env: { RED_DESK_ARCHIVE_PASSPHRASE: '' }` for a desk that opens on the locked screen. */
export async function startDesk(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<DeskProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'red-desk-'));
  const p = await startProcess(
    join(REPO, 'dist/main/host.cjs'),
    { RED_DESK_DATA_DIR: dataDir, RED_DESK_PORT: '0', RED_DESK_OPERATOR: 'operatore.test', ...TEST_PASSPHRASE_ENV, ...options.env },
    /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/,
    DESK_SOURCES,
  );
  const u = new URL(p.url);
  return {
    ...p,
    origin: u.origin,
    token: u.hash.replace('#token=', ''),
    port: Number(u.port),
    dataDir,
    async stop() {
      await p.stop();
    },
  };
}

/** Calls the API of a running host as a non-browser client would. */
export async function callApi(desk: DeskProcess, method: string, input: unknown): Promise<{ status: number; body: { ok: boolean; result?: unknown; error?: { code: string; message: string } } }> {
  const res = await fetch(`${desk.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-red-desk-token': desk.token },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean } };
}
