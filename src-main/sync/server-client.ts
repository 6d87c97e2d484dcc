import type { z } from 'zod';
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
export type ServerCallErrorKind = 'network' | 'unavailable' | 'auth' | 'deadline' | 'refused' | 'conflict' | 'not_found';

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
}

export class ServerClient {
  private readonly base: string;
  private readonly auth: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly signal: AbortSignal | undefined;

  constructor(o: ServerClientOptions) {
    this.signal = o.signal;
    this.base = o.baseUrl.replace(/\/+$/, '');
    this.auth = `Bearer ${o.deskId}.${o.secret}`;
    this.timeoutMs = o.timeoutMs ?? 30_000;
    this.fetchImpl = o.fetch ?? fetch;
  }

  private async request<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S, body?: string): Promise<z.infer<S>> {
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
      text = await res.text();
    } catch (e) {
      const why = e instanceof Error && e.name === 'TimeoutError' ? `nessuna risposta entro ${Math.round(this.timeoutMs / 1000)} secondi` : 'connessione non riuscita o interrotta';
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
