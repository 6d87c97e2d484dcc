import { InpsEsitiResponseSchema, InpsUnavailableError, type InpsBatch, type InpsEsito, type InpsGateway } from './gateway';

/** The InpsGateway over HTTP (the simulator's protocol): POST /batches, GET /batches/:id/esiti. */
export function httpInpsGateway(baseUrl: string, token?: string, timeoutMs = 30_000): InpsGateway {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const call = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    let res: Response;
    try {
      res = await fetch(new URL(path, baseUrl), {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw new InpsUnavailableError(`INPS non raggiungibile (${baseUrl}): ${e instanceof Error ? e.message : String(e)}`);
    }
    const text = await res.text();
    if (!res.ok) throw new InpsUnavailableError(`INPS ha risposto ${res.status} a ${method} ${path}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  };
  return {
    async send(batch: InpsBatch): Promise<void> {
      await call('POST', '/batches', batch);
    },
    async esiti(batchId: string): Promise<InpsEsito[]> {
      return InpsEsitiResponseSchema.parse(await call('GET', `/batches/${encodeURIComponent(batchId)}/esiti`)).esiti;
    },
  };
}
