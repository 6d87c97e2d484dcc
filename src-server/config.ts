import { isIP } from 'node:net';
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
  /** RED_DESK_SERVER_TLS_PROXY=1: TLS ends at a proxy in front (then a non-loopback address without a certificate is allowed). */
  tlsProxy: boolean;
  /** RED_DESK_SERVER_TRUSTED_PROXIES: addresses/CIDRs of the proxies whose X-Forwarded-For is believed (none by default). */
  trustedProxies: string[];
  /** Authentication attempts (credentials not yet verified) per minute, per client IP and per desk id. */
  loginRateIp: number;
  loginRateDesk: number;
  /** scrypt checks running at once; beyond it a login answers 503. */
  scryptConcurrency: number;
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
  RED_DESK_SERVER_TLS_PROXY: z.enum(['', '0', '1', 'true', 'false']).default(''),
  RED_DESK_SERVER_TRUSTED_PROXIES: opt.transform((v, ctx) => {
    const list = (v ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '');
    for (const entry of list) {
      if (!isAddressOrCidr(entry)) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" non è un indirizzo IP né una rete CIDR (es. 10.0.0.5, 10.0.0.0/24, fd00::/8)` });
      }
    }
    return list;
  }),
  RED_DESK_SERVER_LOGIN_RATE_IP: int(300).pipe(z.number().min(1)),
  RED_DESK_SERVER_LOGIN_RATE_DESK: int(30).pipe(z.number().min(1)),
  RED_DESK_SERVER_SCRYPT_CONCURRENCY: int(8).pipe(z.number().min(1)),
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
  const tls = e.RED_DESK_SERVER_TLS_CERT && e.RED_DESK_SERVER_TLS_KEY ? { certFile: e.RED_DESK_SERVER_TLS_CERT, keyFile: e.RED_DESK_SERVER_TLS_KEY } : undefined;
  const tlsProxy = e.RED_DESK_SERVER_TLS_PROXY === '1' || e.RED_DESK_SERVER_TLS_PROXY === 'true';
  assertSecureTransport(e.RED_DESK_SERVER_HOST, tls !== undefined, tlsProxy);
  return {
    host: e.RED_DESK_SERVER_HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.RED_DESK_SERVER_DATA_DIR ?? defaultDataDir(env),
    adminToken: e.RED_DESK_SERVER_ADMIN_TOKEN,
    tls,
    tlsProxy,
    trustedProxies: e.RED_DESK_SERVER_TRUSTED_PROXIES,
    loginRateIp: e.RED_DESK_SERVER_LOGIN_RATE_IP,
    loginRateDesk: e.RED_DESK_SERVER_LOGIN_RATE_DESK,
    scryptConcurrency: e.RED_DESK_SERVER_SCRYPT_CONCURRENCY,
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

/** "10.0.0.5", "10.0.0.0/24", "fd00::/8": an IPv4/IPv6 address, optionally with a prefix length in range. */
export function isAddressOrCidr(entry: string): boolean {
  const [addr = '', prefix, ...rest] = entry.split('/');
  const family = isIP(addr);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** 127.0.0.0/8, ::1 and "localhost": the only addresses cleartext HTTP may listen on. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Secure by default: desk secrets and declarations never travel in clear over a network. Off loopback the server
 * needs a certificate, or RED_DESK_SERVER_TLS_PROXY=1 saying that TLS ends at a proxy in front of it.
 */
export function assertSecureTransport(host: string, hasCertificate: boolean, tlsProxy: boolean): void {
  if (hasCertificate || tlsProxy || isLoopbackHost(host)) return;
  throw new Error(
    `Configurazione non valida: in ascolto su ${host} senza certificato. Indicare RED_DESK_SERVER_TLS_CERT e RED_DESK_SERVER_TLS_KEY, ` +
      'oppure RED_DESK_SERVER_TLS_PROXY=1 se il TLS termina su un proxy davanti al server (HTTP in chiaro solo su 127.0.0.1).',
  );
}
