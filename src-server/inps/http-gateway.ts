import { InpsEsitiResponseSchema, InpsUnavailableError, type InpsBatch, type InpsEsito, type InpsGateway } from './gateway';

/** The InpsGateway over HTTP (the simulator's protocol): POST /batches, GET /batches/:id/esiti. */
export function httpInpsGateway(baseUrl: string, token?: string, timeoutMs = 30_000): InpsGateway {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const call = async (method: string, path: string, body?: unknown, stop?: AbortSignal): Promise<unknown> => {
    let res: Response;
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      res = await fetch(new URL(path, baseUrl), {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: stop ? AbortSignal.any([timeout, stop]) : timeout,
      });
    } catch (e) {
      // Given up by the caller (lease lost): its own reason, not "INPS unreachable".
      if (stop?.aborted) throw stop.reason;
      throw new InpsUnavailableError(`INPS non raggiungibile (${baseUrl}): ${e instanceof Error ? e.message : String(e)}`);
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      if (stop?.aborted) throw stop.reason;
      throw new InpsUnavailableError(`INPS: risposta interrotta (${baseUrl}): ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!res.ok) throw new InpsUnavailableError(`INPS ha risposto ${res.status} a ${method} ${path}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  };
  return {
    async send(batch: InpsBatch, signal?: AbortSignal): Promise<void> {
      await call('POST', '/batches', batch, signal);
    },
    async esiti(batchId: string, signal?: AbortSignal): Promise<InpsEsito[]> {
      return InpsEsitiResponseSchema.parse(await call('GET', `/batches/${encodeURIComponent(batchId)}/esiti`, undefined, signal)).esiti;
    },
  };
}
