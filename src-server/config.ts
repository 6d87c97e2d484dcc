import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LEASE_MS } from './jobs/leases';

/** Everything the server reads from the environment, checked once at start. */
export interface ServerConfig {
  host: string;
  /** 0 = any free port (tests). */
  port: number;
  /** Set → PostgreSQL; unset → SQLite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Unset → the admin endpoints answer 403. */
  adminToken: string | undefined;
  tls: { certFile: string; keyFile: string } | undefined;
  inps: { url: string; token: string | undefined } | undefined;
  /** 0 = off (then only the admin endpoints run the jobs). */
  forwardIntervalMs: number;
  esitiIntervalMs: number;
  /** Campaign deadline when none was set with PUT /v1/admin/campaign (ISO date-time). */
  defaultDeadline: string | undefined;
  bodyLimit: number;
  adminBodyLimit: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  shutdownTimeoutMs: number;
  /** How long a process holds an INPS batch it works on before another process may take it over. */
  jobLeaseMs: number;
  /** The CAF's passphrase of the "Copia archivi da inviare al CAF" files (issue 13); unset: not loaded. */
  exchangePassphrase: string | undefined;
}

const MiB = 1024 * 1024;
const int = (def: number) => z.coerce.number().int().min(0).default(def);
const opt = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const EnvSchema = z.object({
  PORT: int(4800).pipe(z.number().max(65535)),
  RED_DESK_SERVER_HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: opt.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL deve iniziare con postgres://'),
  RED_DESK_SERVER_DATA_DIR: opt,
  RED_DESK_SERVER_ADMIN_TOKEN: opt.refine((v) => v === undefined || v.length >= 16, 'RED_DESK_SERVER_ADMIN_TOKEN: almeno 16 caratteri'),
  RED_DESK_SERVER_TLS_CERT: opt,
  RED_DESK_SERVER_TLS_KEY: opt,
  RED_DESK_SERVER_INPS_URL: opt.refine((v) => v === undefined || /^https?:\/\//.test(v), 'RED_DESK_SERVER_INPS_URL deve essere un indirizzo http(s)://'),
  RED_DESK_SERVER_INPS_TOKEN: opt,
  RED_DESK_SERVER_FORWARD_INTERVAL_MS: int(0),
  RED_DESK_SERVER_ESITI_INTERVAL_MS: int(0),
  RED_DESK_SERVER_DEADLINE: opt.refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), 'RED_DESK_SERVER_DEADLINE: data e ora ISO (es. 2009-06-30T23:59:59+02:00)'),
  RED_DESK_SERVER_BODY_LIMIT: int(8 * MiB),
  RED_DESK_SERVER_ADMIN_BODY_LIMIT: int(64 * MiB),
  RED_DESK_SERVER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  RED_DESK_SERVER_SHUTDOWN_TIMEOUT_MS: int(30_000),
  RED_DESK_SERVER_JOB_LEASE_MS: int(DEFAULT_LEASE_MS).pipe(z.number().min(1000, 'RED_DESK_SERVER_JOB_LEASE_MS: almeno 1000 (ms)')),
  RED_DESK_SERVER_EXCHANGE_PASSPHRASE: opt.refine((v) => v === undefined || v.length >= 10, 'RED_DESK_SERVER_EXCHANGE_PASSPHRASE: almeno 10 caratteri'),
});

function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'RED Desk Server');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'red-desk-server');
}

/** Parses the environment; throws an Error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const r = EnvSchema.safeParse(env);
  if (!r.success) {
    throw new Error(`Configurazione non valida:\n${r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = r.data;
  if (!!e.RED_DESK_SERVER_TLS_CERT !== !!e.RED_DESK_SERVER_TLS_KEY) {
    throw new Error('Configurazione non valida: RED_DESK_SERVER_TLS_CERT e RED_DESK_SERVER_TLS_KEY vanno indicati insieme.');
  }
  return {
    host: e.RED_DESK_SERVER_HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.RED_DESK_SERVER_DATA_DIR ?? defaultDataDir(env),
    adminToken: e.RED_DESK_SERVER_ADMIN_TOKEN,
    tls: e.RED_DESK_SERVER_TLS_CERT && e.RED_DESK_SERVER_TLS_KEY ? { certFile: e.RED_DESK_SERVER_TLS_CERT, keyFile: e.RED_DESK_SERVER_TLS_KEY } : undefined,
    inps: e.RED_DESK_SERVER_INPS_URL ? { url: e.RED_DESK_SERVER_INPS_URL, token: e.RED_DESK_SERVER_INPS_TOKEN } : undefined,
    forwardIntervalMs: e.RED_DESK_SERVER_FORWARD_INTERVAL_MS,
    esitiIntervalMs: e.RED_DESK_SERVER_ESITI_INTERVAL_MS,
    defaultDeadline: e.RED_DESK_SERVER_DEADLINE,
    bodyLimit: e.RED_DESK_SERVER_BODY_LIMIT,
    adminBodyLimit: e.RED_DESK_SERVER_ADMIN_BODY_LIMIT,
    logLevel: e.RED_DESK_SERVER_LOG_LEVEL,
    shutdownTimeoutMs: e.RED_DESK_SERVER_SHUTDOWN_TIMEOUT_MS,
    jobLeaseMs: e.RED_DESK_SERVER_JOB_LEASE_MS,
    exchangePassphrase: e.RED_DESK_SERVER_EXCHANGE_PASSPHRASE,
  };
}
