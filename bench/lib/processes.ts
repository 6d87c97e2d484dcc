import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './types';

/** The bundles the benches start as processes (central server, browser host), and a tiny JSON client. */
export const ADMIN = 'bench-admin-token-0123456789';

export interface BundleProcess {
  url: string;
  proc: ChildProcess;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

/** Starts a built bundle with `env` and waits for the line matching `ready` (its first group is the URL). */
export async function startBundle(bundle: string, env: Record<string, string>, ready: RegExp): Promise<BundleProcess> {
  const proc = spawn(process.execPath, [bundle], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${bundle} non partito:\n${out}`)), 20_000);
    proc.stdout?.on('data', () => {
      const m = ready.exec(out);
      if (m?.[1]) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(t);
      reject(new Error(`${bundle} uscito (${String(proc.exitCode)}):\n${out}`));
    });
  });
  return {
    url,
    proc,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const hard = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hard);
    },
  };
}

export type Server = BundleProcess;

/**
 * CPU time (user + system, ms) a child process has used so far, from /proc (Linux); null elsewhere or once it
 * has exited. Diagnostics only: tells whether a run was bound by the machine's cores.
 */
export function processCpuMs(proc: ChildProcess): number | null {
  if (process.platform !== 'linux' || proc.pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at its closing parenthesis: utime and stime are the
    // 14th and 15th fields of the line, in clock ticks (100 per second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** The central server (dist/server/server.cjs) on a free port, admin token ADMIN, SQLite unless `env` says otherwise. */
export function startServer(ctx: BenchContext, env: Record<string, string>): Promise<Server> {
  return startBundle(
    join(ctx.distMain, '..', 'server', 'server.cjs'),
    { PORT: '0', RED_DESK_SERVER_ADMIN_TOKEN: ADMIN, RED_DESK_SERVER_LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    /in ascolto su (http:\/\/127\.0\.0\.1:\d+)/,
  );
}

/** The browser host (dist/main/host.cjs) on a free port with its own data folder; its archive is encrypted
 * (the key from RED_DESK_ARCHIVE_PASSPHRASE, as in unattended use). */
export async function startHost(ctx: BenchContext, dataDir: string): Promise<BundleProcess & { origin: string; token: string }> {
  const p = await startBundle(
    join(ctx.distMain, 'host.cjs'),
    { RED_DESK_DATA_DIR: dataDir, RED_DESK_PORT: '0', RED_DESK_OPERATOR: 'bench', RED_DESK_ARCHIVE_PASSPHRASE: 'passphrase del banco di prova' },
    /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/,
  );
  const u = new URL(p.url);
  return { ...p, origin: u.origin, token: u.hash.replace('#token=', '') };
}

export async function call<T>(url: string, auth: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
