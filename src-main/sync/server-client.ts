import { Agent, fetch as undiciFetch } from 'undici';
import type { z } from 'zod';
import { insecureServerUrl } from '#shared/domain/transmission';
import {
  AssistenzaResponseSchema,
  ChangesResponseSchema,
  HealthResponseSchema,
  type AssistenzaRequest,
  ServerErrorSchema,
  TransmitResponseSchema,
  WithdrawResponseSchema,
  type ChangesResponse,
  type TransmitResponse,
} from '#shared/server-api/contract';

/**
 * The desk's HTTP client of the central CAF server (src-shared/server-api/contract.ts). Every answer is
 * checked with the contract's zod schemas; every failure becomes a `ServerCallError` whose `kind` tells the
 * sync what to do: retry later (network, unavailable), stop and ask for new credentials (auth), or give the
 * file back to the operator (refused as a whole: deadline, invalid, too large).
 */
export type ServerCallErrorKind = 'network' | 'unavailable' | 'auth' | 'disabled' | 'insecure' | 'deadline' | 'refused' | 'conflict' | 'not_found';

/** The largest answer the desk reads (a feed page of 1,000 changes or a 500-item answer is far below). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export class ServerCallError extends Error {
  constructor(
    readonly kind: ServerCallErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'ServerCallError';
  }
}

export interface ServerClientOptions {
  baseUrl: string;
  deskId: string;
  secret: string;
  /** Per request (default 30 s): a server that does not answer is "not reachable", the file is retried. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Aborts every request (the desk is closing): the outbox keeps what was not confirmed. */
  signal?: AbortSignal;
  /** The CAF's CA (PEM): when set, the server's certificate must chain to it and to nothing else. */
  caPem?: string;
  /** Answers larger than this are refused unread (default MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

/** One agent per pinned CA (keeps its connections alive across syncs). */
const pinnedAgents = new Map<string, Agent>();
function pinnedFetch(caPem: string): typeof fetch {
  let agent = pinnedAgents.get(caPem);
  if (!agent) {
    agent = new Agent({ connect: { ca: caPem } });
    pinnedAgents.set(caPem, agent);
  }
  const dispatcher = agent;
  return ((input: string, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1])) as unknown as typeof fetch;
}

/** The body as text, refused past `max` bytes (announced by Content-Length or counted while reading). */
async function readCapped(res: Response, max: number): Promise<string> {
  const announced = Number(res.headers.get('content-length'));
  if (Number.isFinite(announced) && announced > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new ResponseTooLarge(max);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(max);
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}

class ResponseTooLarge extends Error {
  constructor(readonly max: number) {
    super(`Risposta del server del CAF troppo grande (oltre ${Math.round(max / 1024 / 1024)} MB): rifiutata.`);
  }
}

export class ServerClient {
  private readonly base: string;
  private readonly auth: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly signal: AbortSignal | undefined;
  private readonly maxBytes: number;
  private readonly insecure: string | null;

  constructor(o: ServerClientOptions) {
    this.signal = o.signal;
    this.base = o.baseUrl.replace(/\/+$/, '');
    this.auth = `Bearer ${o.deskId}.${o.secret}`;
    this.timeoutMs = o.timeoutMs ?? 30_000;
    this.fetchImpl = o.fetch ?? (o.caPem?.trim() ? pinnedFetch(o.caPem) : fetch);
    this.maxBytes = o.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    // Never a secret over cleartext off this computer (the settings refuse it; RED_DESK_SERVER_URL is checked here).
    this.insecure = insecureServerUrl(this.base);
  }

  private async request<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: string): Promise<z.infer<S>> {
    if (this.insecure) throw new ServerCallError('insecure', this.insecure);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(this.base + path, {
        method,
        headers: { authorization: this.auth, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body } : {}),
        signal: this.signal ? AbortSignal.any([this.signal, AbortSignal.timeout(this.timeoutMs)]) : AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      text = await readCapped(res, this.maxBytes);
    } catch (e) {
      if (e instanceof ResponseTooLarge) throw new ServerCallError('network', e.message);
      const cause = e instanceof Error && e.cause && typeof e.cause === 'object' ? String((e.cause as { code?: unknown }).code ?? '') : '';
      const why =
        e instanceof Error && e.name === 'TimeoutError'
          ? `nessuna risposta entro ${Math.round(this.timeoutMs / 1000)} secondi`
          : /CERT|SIGNATURE|ALTNAME|ISSUER/.test(cause)
            ? `certificato del server non riconosciuto (${cause}): verificare l'autorità di certificazione del CAF nelle impostazioni`
            : 'connessione non riuscita o interrotta';
      throw new ServerCallError('network', `Server del CAF non raggiungibile (${why}).`);
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // A body cut short or not JSON: the answer is unknown, so the request is retried (it is idempotent).
      throw new ServerCallError(res.ok ? 'network' : 'unavailable', `Risposta del server del CAF incompleta o non leggibile (HTTP ${res.status}).`, res.status);
    }
    if (res.ok) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new ServerCallError('network', `Risposta del server del CAF non conforme al contratto (HTTP ${res.status}).`, res.status);
      return parsed.data;
    }
    const err = ServerErrorSchema.safeParse(json);
    const code = err.success ? err.data.error.code : null;
    const message = err.success ? err.data.error.message : `HTTP ${res.status}`;
    if (res.status === 403 && code === 'SRV-14') throw new ServerCallError('disabled', message, 403, code);
    if (res.status === 401) throw new ServerCallError('auth', `Credenziali dello sportello non accettate dal CAF: ${message}`, 401, code);
    if (res.status === 403) throw new ServerCallError('auth', `Operazione non consentita a questo sportello: ${message}`, 403, code);
    if (res.status === 404) throw new ServerCallError('not_found', message, 404, code);
    if (res.status === 409) throw new ServerCallError('conflict', message, 409, code);
    if (res.status === 422 && code === 'SRV-07') throw new ServerCallError('deadline', message, 422, code);
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) throw new ServerCallError('refused', message, res.status, code);
    throw new ServerCallError('unavailable', `Server del CAF momentaneamente non disponibile (HTTP ${res.status}): ${message}`, res.status, code);
  }

  health() {
    return this.request('GET', '/health', HealthResponseSchema);
  }

  /** "Invio" of one outbox file: `body` is the frozen request (same bytes on every retry). */
  transmit(body: string): Promise<TransmitResponse> {
    return this.request('POST', '/v1/transmissions', TransmitResponseSchema, body);
  }

  changes(after: number, limit = 500): Promise<ChangesResponse> {
    return this.request('GET', `/v1/changes?after=${after}&limit=${limit}`, ChangesResponseSchema);
  }

  /** "Assistenza CGN" (p. 70): a question to the CAF. */
  assistenza(body: AssistenzaRequest) {
    return this.request('POST', '/v1/assistenza', AssistenzaResponseSchema, JSON.stringify(body));
  }

  withdraw(key: string, body: { reason: 'MODIFICA' | 'ANNULLAMENTO'; version?: number }) {
    return this.request('POST', `/v1/declarations/${encodeURIComponent(key)}/withdraw`, WithdrawResponseSchema, JSON.stringify(body));
  }
}
