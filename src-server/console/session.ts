import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { adminTokenMatches } from '../http/auth';
import type { ServerDb } from '../store/schema';

/**
 * Console sessions. Login with the admin token (compared in constant time, http/auth.ts); the browser gets a
 * random 256-bit id in a cookie (HttpOnly, SameSite=Strict, Path=/console, Secure under TLS); the database keeps
 * only its SHA-256 and the expiry, so every instance on the same database knows the session and a stolen backup
 * holds no usable cookie.
 */
export const SESSION_COOKIE = 'red_console';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const hashId = (id: string): string => createHash('sha256').update(id).digest('hex');

export function tokenMatches(token: string, adminToken: string): boolean {
  return adminTokenMatches(`Bearer ${token}`, adminToken);
}

export async function openSession(db: Kysely<ServerDb>, now = Date.now()): Promise<{ id: string; expiresAt: string }> {
  const id = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + SESSION_TTL_MS).toISOString();
  // Expired sessions go when a new one opens (no timer needed).
  await db.deleteFrom('console_sessions').where('expires_at', '<', new Date(now).toISOString()).execute();
  await db.insertInto('console_sessions').values({ id_hash: hashId(id), created_at: new Date(now).toISOString(), expires_at: expiresAt }).execute();
  return { id, expiresAt };
}

/** The session's expiry, or null when the cookie names no live session. */
export async function checkSession(db: Kysely<ServerDb>, id: string | undefined, now = Date.now()): Promise<string | null> {
  if (!id || id.length > 100) return null;
  const row = await db.selectFrom('console_sessions').select('expires_at').where('id_hash', '=', hashId(id)).executeTakeFirst();
  return row && Date.parse(row.expires_at) > now ? row.expires_at : null;
}

export async function closeSession(db: Kysely<ServerDb>, id: string | undefined): Promise<void> {
  if (id) await db.deleteFrom('console_sessions').where('id_hash', '=', hashId(id)).execute();
}

/** The value of one cookie from a Cookie header (RFC 6265 pairs `name=value; …`). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function sessionCookie(id: string, secure: boolean, maxAgeS: number): string {
  return `${SESSION_COOKIE}=${id}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`;
}
