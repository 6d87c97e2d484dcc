import type { z } from 'zod';
import { CONSOLE_API, CONSOLE_CSRF_HEADER } from '#shared/console-api/contract';
import { ServerErrorSchema } from '#shared/server-api/contract';

/** A refusal of the server, with its Italian message (and the field, when it names one). */
export class ConsoleApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field: string | null,
  ) {
    super(message);
  }
}

/**
 * The page's only way to the server: same origin, the session cookie goes by itself (SameSite=Strict, HttpOnly:
 * the script never sees it); every answer is checked with the contract's schema.
 */
export async function call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(`${CONSOLE_API}${path}`, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(method === 'POST' ? { 'content-type': 'application/json', [CONSOLE_CSRF_HEADER]: '1' } : {}) },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch {
    throw new ConsoleApiError('Server non raggiungibile.', 0, null);
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = ServerErrorSchema.safeParse(json);
    throw new ConsoleApiError(e.success ? e.data.error.message : `Errore HTTP ${res.status}.`, res.status, e.success ? (e.data.error.field ?? null) : null);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ConsoleApiError('Risposta del server non conforme.', res.status, null);
  return parsed.data;
}

export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));
