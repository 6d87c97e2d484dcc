/**
 * Where the archive key comes from (issue 13 point 3). The key is 32 bytes, given to the archive worker as 64 hex
 * digits. Its record lives in a small owner-only file beside the archive (`archivio-red.chiave`, 0600):
 *  - `safeStorage`: a random key sealed by Electron's safeStorage with a real backend (the OS keychain: Keychain,
 *    DPAPI, Secret Service/KWallet), so the operator is asked nothing;
 *  - `passphrase`: the scrypt parameters, a random salt and a check value (HMAC of a fixed text under the
 *    derived key, which tells a wrong passphrase before the archive is touched). The passphrase itself is never
 *    stored: it is asked at each start (locked screen) or given in RED_DESK_ARCHIVE_PASSPHRASE.
 */
import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, ERROR_CODES } from '#shared/errors';

export const KEY_FILE = 'archivio-red.chiave';
export const PASSPHRASE_ENV = 'RED_DESK_ARCHIVE_PASSPHRASE';
export const MIN_PASSPHRASE = 10;
const CHECK_TEXT = 'RED Desk: verifica della chiave dell\'archivio';

/** scrypt cost: N = 2^15, r = 8 (32 MiB, ~0.1 s here); stored in the file, so a later version can raise it. */
const SCRYPT = { N: 32768, r: 8, p: 1 } as const;

const Hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const KeyFileSchema = z.discriminatedUnion('tipo', [
  z.object({
    formato: z.literal(1),
    tipo: z.literal('passphrase'),
    salt: Hex(16),
    N: z.number().int().min(1024).max(2 ** 20),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    verifica: Hex(32),
  }),
  z.object({ formato: z.literal(1), tipo: z.literal('safeStorage'), sigillata: z.string().min(1).max(4096) }),
]);
export type KeyFile = z.infer<typeof KeyFileSchema>;

/** Electron's safeStorage (only given when its backend is a real keychain). */
export interface KeySealer {
  seal(plain: string): string;
  open(sealed: string): string;
}

function keyFilePath(dataDir: string): string {
  return join(dataDir, KEY_FILE);
}

function damaged(dataDir: string, why: string): AppError {
  return new AppError({
    code: ERROR_CODES.ARCHIVE_UNREADABLE,
    field: KEY_FILE,
    message: `Il file della chiave dell'archivio ${keyFilePath(dataDir)} non è leggibile (${why}). Senza di esso l'archivio cifrato non si apre: ripristinarlo da una copia o contattare l'assistenza. Nessun file è stato modificato.`,
  });
}

export function readKeyFile(dataDir: string): KeyFile | null {
  const file = keyFilePath(dataDir);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw damaged(dataDir, e instanceof Error ? e.message : String(e));
  }
  const parsed = KeyFileSchema.safeParse(raw);
  if (!parsed.success) throw damaged(dataDir, `formato non riconosciuto: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** Written owner-only (0600) under a temporary name, synced, then renamed: never half-written. */
function writeKeyFile(dataDir: string, kf: KeyFile): void {
  const file = keyFilePath(dataDir);
  const tmp = `${file}.partial`;
  rmSync(tmp, { force: true });
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(kf, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

function scrypt(passphrase: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r + 1024 * 1024 };
  return new Promise((resolve, reject) => scryptCb(passphrase.normalize('NFC'), salt, 32, options, (e, k) => (e ? reject(e) : resolve(k))));
}

function checkValue(key: Buffer): string {
  return createHmac('sha256', key).update(CHECK_TEXT).digest('hex');
}

/** The first start with a passphrase: a new salt, the key derived, the file written (before the archive is). */
export async function choosePassphrase(dataDir: string, passphrase: string): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE) {
    throw new AppError({ code: ERROR_CODES.INPUT, field: 'passphrase', message: `La passphrase deve avere almeno ${MIN_PASSPHRASE} caratteri.` });
  }
  const salt = randomBytes(16);
  const key = await scrypt(passphrase, salt, SCRYPT);
  writeKeyFile(dataDir, { formato: 1, tipo: 'passphrase', salt: salt.toString('hex'), ...SCRYPT, verifica: checkValue(key) });
  return key.toString('hex');
}

/** The key from the passphrase given, or ARC-10 when it is not the archive's (nothing is opened or written). */
export async function keyFromPassphrase(kf: Extract<KeyFile, { tipo: 'passphrase' }>, passphrase: string): Promise<string> {
  const key = await scrypt(passphrase, Buffer.from(kf.salt, 'hex'), kf);
  if (!timingSafeEqual(Buffer.from(checkValue(key), 'hex'), Buffer.from(kf.verifica, 'hex'))) {
    throw new AppError({
      code: ERROR_CODES.ARCHIVE_KEY_WRONG,
      field: 'passphrase',
      message: "Passphrase errata: l'archivio non è stato aperto né modificato. Riprovare (attenzione a maiuscole e minuscole).",
    });
  }
  return key.toString('hex');
}

/** The key sealed by safeStorage: made (random) at the first start, unsealed at the next ones. */
export function keyFromSealer(dataDir: string, sealer: KeySealer): string {
  const kf = readKeyFile(dataDir);
  if (kf?.tipo === 'safeStorage') {
    let key: string;
    try {
      key = sealer.open(kf.sigillata);
    } catch (e) {
      throw damaged(dataDir, `il portachiavi del sistema non la apre: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!/^[0-9a-f]{64}$/.test(key)) throw damaged(dataDir, 'chiave non valida');
    return key;
  }
  const key = randomBytes(32).toString('hex');
  writeKeyFile(dataDir, { formato: 1, tipo: 'safeStorage', sigillata: sealer.seal(key) });
  return key;
}

/** What the start must do: open at once (a key is known), or show the locked screen to choose or ask the passphrase. */
export type KeyPlan =
  | { kind: 'key'; key: string }
  | { kind: 'scegliere' }
  | { kind: 'inserire'; file: Extract<KeyFile, { tipo: 'passphrase' }> };

/**
 * The order of the sources: safeStorage (when the shell gives a sealer, and no passphrase was set up before);
 * then RED_DESK_ARCHIVE_PASSPHRASE (unattended use: tests, CI); else the locked screen.
 */
export async function planKey(dataDir: string, options: { sealer?: KeySealer | undefined; env?: NodeJS.ProcessEnv; archiveEncrypted?: boolean }): Promise<KeyPlan> {
  const kf = readKeyFile(dataDir);
  if (options.sealer && kf?.tipo !== 'passphrase') return { kind: 'key', key: keyFromSealer(dataDir, options.sealer) };
  if (kf?.tipo === 'safeStorage') throw damaged(dataDir, 'la chiave è sigillata dal portachiavi del sistema, che ora non risponde');
  if (!kf && options.archiveEncrypted) throw damaged(dataDir, 'manca, ma l\'archivio è cifrato');
  const env = options.env?.[PASSPHRASE_ENV];
  if (env) return { kind: 'key', key: kf ? await keyFromPassphrase(kf, env) : await choosePassphrase(dataDir, env) };
  return kf ? { kind: 'inserire', file: kf } : { kind: 'scegliere' };
}
