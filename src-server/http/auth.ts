import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import type { Kysely } from 'kysely';
import { SERVER_ERROR_CODES } from '#shared/server-api/contract';
import { chiaveSblocco, type Hmac } from '#shared/sblocco/codice';
import { isUniqueViolation, nowIso } from '../store/db';
import type { ServerDb } from '../store/schema';
import { HttpError, notFound } from './errors';

/**
 * Desk credentials: an id and a random secret, shown once; at rest only a per-desk salt and the scrypt hash
 * (node:crypto, N=2^14, r=8, p=1). Requests carry `Authorization: Bearer <deskId>.<secret>` or
 * `Basic base64(<deskId>:<secret>)`. Comparisons are constant-time; an unknown desk costs a scrypt too, so
 * timing does not tell which desk ids exist.
 */
const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function scryptAsync(secret: BinaryLike, salt: BinaryLike): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, KEY_LENGTH, SCRYPT, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashSecret(secret: string): Promise<{ salt: string; hash: string }> {
  const salt = randomBytes(16);
  return { salt: salt.toString('hex'), hash: (await scryptAsync(secret, salt)).toString('hex') };
}

export async function verifySecret(secret: string, saltHex: string, hashHex: string): Promise<boolean> {
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scryptAsync(secret, Buffer.from(saltHex, 'hex'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** HMAC-SHA256 for the unlock codes (src-shared/sblocco/codice.ts). */
export const hmacSha256: Hmac = (key, message) => createHmac('sha256', key).update(message).digest();

/** The key the CAF signs a desk's unlock codes with, derived from its secret ("Sblocca dichiarazione errata"). */
export const unlockKeyOf = (secret: string): string => Buffer.from(chiaveSblocco(hmacSha256, secret)).toString('hex');

const DUMMY = { salt: '00'.repeat(16), hash: '00'.repeat(KEY_LENGTH) };

/** Parses the desk's Authorization header; null if it is not one. */
export function parseDeskAuthorization(header: string | undefined): { deskId: string; secret: string } | null {
  if (!header) return null;
  const [scheme, value = ''] = header.split(' ', 2);
  let pair: [string, string] | null = null;
  if (scheme?.toLowerCase() === 'bearer') {
    const dot = value.indexOf('.');
    if (dot > 0) pair = [value.slice(0, dot), value.slice(dot + 1)];
  } else if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) pair = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  }
  if (!pair || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(pair[0]) || pair[1].length === 0 || pair[1].length > 200) return null;
  return { deskId: pair[0], secret: pair[1] };
}

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/** Constant-time check of the admin token (hashes first, so lengths never leak). */
export function adminTokenMatches(header: string | undefined, token: string): boolean {
  return timingSafeEqual(sha256(header ?? ''), sha256(`Bearer ${token}`));
}

/**
 * Verifies desk credentials. A successful check is cached for a few minutes under the SHA-256 of the header
 * (never the secret itself), so a desk's steady traffic does not pay a scrypt per request; rotating a secret
 * drops the desk's cache entries at once (in this process).
 */
export class DeskAuthenticator {
  private readonly cache = new Map<string, { deskId: string; until: number }>();
  private scryptRunning = 0;
  /** Counters since the process started (detailed /health). */
  readonly counters = { failedLogins: 0, rateLimited: 0, loginsBusy: 0 };

  constructor(
    private readonly db: Kysely<ServerDb>,
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
    /** scrypt checks at once (each takes ~16 MiB and a libuv thread for ~50 ms); beyond it a login gets 503. */
    private readonly maxScrypt = 8,
  ) {}

  /** True when these exact credentials were verified recently (no scrypt needed, no login rate limit). */
  isVerified(header: string | undefined): boolean {
    if (!header) return false;
    const hit = this.cache.get(sha256(header).toString('hex'));
    return !!hit && hit.until > Date.now();
  }

  /**
   * The desk id, or null when the credentials are missing or wrong (counted). Throws a 503 when `maxScrypt`
   * checks are already running: a login flood cannot queue unbounded work behind the legitimate desks.
   */
  async authenticate(header: string | undefined): Promise<string | null> {
    const creds = parseDeskAuthorization(header);
    if (!creds || !header) {
      this.counters.failedLogins++;
      return null;
    }
    const key = sha256(header).toString('hex');
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.deskId;
    if (this.scryptRunning >= this.maxScrypt) {
      this.counters.loginsBusy++;
      throw new HttpError(503, { code: SERVER_ERROR_CODES.UNAVAILABLE, message: 'Server del CAF occupato a verificare altri accessi: riprovare tra poco.' });
    }
    this.scryptRunning++;
    let ok: boolean;
    let row: { secret_salt: string; secret_hash: string; unlock_key: string | null } | undefined;
    try {
      row = await this.db.selectFrom('desks').select(['secret_salt', 'secret_hash', 'unlock_key']).where('id', '=', creds.deskId).executeTakeFirst();
      ok = await verifySecret(creds.secret, row?.secret_salt ?? DUMMY.salt, row?.secret_hash ?? DUMMY.hash);
    } finally {
      this.scryptRunning--;
    }
    if (!ok || !row) {
      this.counters.failedLogins++;
      return null;
    }
    // The secret is in hand only now: a desk created before schema 3 gets its unlock key at its first sync.
    const unlockKey = unlockKeyOf(creds.secret);
    if (row.unlock_key !== unlockKey) {
      await this.db.updateTable('desks').set({ unlock_key: unlockKey }).where('id', '=', creds.deskId).where('secret_hash', '=', row.secret_hash).execute();
    }
    if (this.cache.size >= this.maxEntries) this.cache.clear();
    this.cache.set(key, { deskId: creds.deskId, until: Date.now() + this.ttlMs });
    return creds.deskId;
  }

  /** Why the CAF disabled this desk, or null when it is enabled (read at every request: every process sees it at once). */
  async disabledReason(deskId: string): Promise<string | null> {
    const row = await this.db.selectFrom('desks').select(['disabled_at', 'disabled_reason']).where('id', '=', deskId).executeTakeFirst();
    if (!row?.disabled_at) return null;
    return row.disabled_reason ?? 'nessun motivo indicato';
  }

  forget(deskId: string): void {
    for (const [k, v] of this.cache) if (v.deskId === deskId) this.cache.delete(k);
  }
}

const credentials = (deskId: string, secret: string) => ({ deskId, secret, authorization: `Bearer ${deskId}.${secret}` });

export async function createDesk(db: Kysely<ServerDb>, deskId: string, name: string): Promise<ReturnType<typeof credentials>> {
  const secret = randomBytes(32).toString('base64url');
  const { salt, hash } = await hashSecret(secret);
  try {
    await db.insertInto('desks').values({ id: deskId, name, secret_salt: salt, secret_hash: hash, change_seq: 0, created_at: nowIso(), unlock_key: unlockKeyOf(secret) }).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new HttpError(409, { code: SERVER_ERROR_CODES.CONFLICT, message: `Lo sportello ${deskId} esiste già.`, field: 'deskId' });
    throw e;
  }
  return credentials(deskId, secret);
}

export async function rotateDeskSecret(db: Kysely<ServerDb>, auth: DeskAuthenticator, deskId: string): Promise<ReturnType<typeof credentials>> {
  const secret = randomBytes(32).toString('base64url');
  const { salt, hash } = await hashSecret(secret);
  const r = await db.updateTable('desks').set({ secret_salt: salt, secret_hash: hash, unlock_key: unlockKeyOf(secret) }).where('id', '=', deskId).executeTakeFirst();
  if (r.numUpdatedRows !== 1n) throw notFound(`Sportello ${deskId} non trovato.`);
  auth.forget(deskId);
  return credentials(deskId, secret);
}

/** Disables (with a reason) or enables a desk; its cached credentials are dropped in this process. */
export async function setDeskDisabled(
  db: Kysely<ServerDb>,
  auth: DeskAuthenticator,
  deskId: string,
  disabled: boolean,
  reason: string | undefined,
): Promise<{ deskId: string; disabled: boolean; reason: string | null }> {
  const r = await db
    .updateTable('desks')
    .set(disabled ? { disabled_at: nowIso(), disabled_reason: reason ?? null } : { disabled_at: null, disabled_reason: null })
    .where('id', '=', deskId)
    .executeTakeFirst();
  if (r.numUpdatedRows !== 1n) throw notFound(`Sportello ${deskId} non trovato.`);
  auth.forget(deskId);
  return { deskId, disabled, reason: disabled ? (reason ?? null) : null };
}
