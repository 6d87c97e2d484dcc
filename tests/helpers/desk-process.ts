import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');

export interface DeskProcess {
  url: string;
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the built browser host (dist/main/host.cjs) on a free loopback port with its own data dir. */
export async function startDesk(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<DeskProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'red-desk-'));
  const proc = spawn(process.execPath, [join(REPO, 'dist/main/host.cjs')], {
    env: { ...process.env, RED_DESK_DATA_DIR: dataDir, RED_DESK_PORT: '0', RED_DESK_OPERATOR: 'operatore.test', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`browser host non partito:\n${out}`)), 15_000);
    const check = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(t);
        res(m[1]);
      }
    };
    proc.stdout?.on('data', check);
    proc.on('exit', (code) => {
      clearTimeout(t);
      rej(new Error(`browser host uscito (${code}):\n${out}`));
    });
  });
  const u = new URL(url);
  const token = u.hash.replace('#token=', '');
  return {
    url,
    origin: u.origin,
    token,
    port: Number(u.port),
    dataDir,
    proc,
    output: () => out,
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      const hard = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(hard);
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
