import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { BenchContext } from './types';

/** The central server bundle as a process for the benches, and a tiny JSON client. */
export const ADMIN = 'bench-admin-token-0123456789';

export interface Server {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(ctx: BenchContext, env: Record<string, string>): Promise<Server> {
  const bundle = join(ctx.distMain, '..', 'server', 'server.cjs');
  const proc = spawn(process.execPath, [bundle], {
    env: { ...process.env, PORT: '0', RED_DESK_SERVER_ADMIN_TOKEN: ADMIN, RED_DESK_SERVER_LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`server non partito:\n${out}`)), 20_000);
    proc.stdout?.on('data', () => {
      const m = /in ascolto su (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(t);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => reject(new Error(`server uscito (${code}):\n${out}`)));
  });
  return {
    url,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

export async function call<T>(url: string, auth: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { authorization: auth, 'content-type': 'application/json' }, body: body === undefined ? null : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
