import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const REPO = resolve(__dirname, '..', '..');

/** The process tests run the bundles; refuse a missing or stale one instead of testing old code. */
function assertFreshBundle(bundle: string, sourceDirs: readonly string[]): void {
  let built: number;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    throw new Error(`${bundle} non c'è: eseguire prima "node scripts/build.mjs" (npm test lo fa).`);
  }
  const newest = (dir: string): number =>
    Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
  const sources = Math.max(...sourceDirs.map((d) => newest(join(REPO, d))));
  if (sources > built) throw new Error(`${bundle} è più vecchio dei sorgenti: eseguire "node scripts/build.mjs".`);
}

export interface Proc {
  url: string;
  proc: ChildProcess;
  output(): string;
  /** Sends the signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts a built bundle (`dist/…`) with `env`, waits for the line matching `ready` (its first group is the URL)
 * and returns it with a stop that sends a signal, then SIGKILL after 20 s. `sources`: the folders the bundle is
 * built from; a bundle older than them is refused.
 */
export async function startProcess(bundle: string, env: Record<string, string | undefined>, ready: RegExp, sources: readonly string[]): Promise<Proc> {
  assertFreshBundle(bundle, sources);
  const proc = spawn(process.execPath, [bundle], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
  const url = await new Promise<string>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`${bundle} non partito:\n${out}`)), 20_000);
    const check = () => {
      const m = ready.exec(out);
      if (m?.[1]) {
        clearTimeout(t);
        res(m[1]);
      }
    };
    proc.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(t);
      rej(new Error(`${bundle} uscito (${code}):\n${out}`));
    });
  });
  return {
    url,
    proc,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const hard = setTimeout(() => proc.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(hard);
      return code;
    },
  };
}

