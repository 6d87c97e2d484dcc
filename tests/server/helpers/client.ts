import { randomUUID } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import type { TransmissionItem, TransmitResponse } from '#shared/server-api/contract';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A thin HTTP client for the tests: JSON in, JSON out, any header. */
export class Client {
  constructor(
    readonly base: string,
    readonly authorization?: string,
  ) {}

  as(authorization: string | undefined): Client {
    return new Client(this.base, authorization);
  }

  async call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.authorization) h.authorization = this.authorization;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(new URL(path, this.base), { method, headers: h, body: payload ?? null });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(path: string): Promise<Res<T>> {
    return this.call<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown): Promise<Res<T>> {
    return this.call<T>('POST', path, body ?? {});
  }
  put<T = unknown>(path: string, body: unknown): Promise<Res<T>> {
    return this.call<T>('PUT', path, body);
  }

  transmit(items: TransmissionItem[], transmissionId: string = randomUUID()) {
    return this.post<TransmitResponse>('/v1/transmissions', { transmissionId, items });
  }
}

export const admin = (base: string) => new Client(base, `Bearer ${ADMIN_TOKEN}`);

/** Creates a desk and returns a client authenticated as it. */
export async function newDesk(base: string, deskId: string): Promise<Client> {
  const r = await admin(base).post<{ authorization: string }>('/v1/admin/desks', { deskId, name: `Sportello ${deskId}` });
  if (r.status !== 201) throw new Error(`desk ${deskId}: ${r.status} ${JSON.stringify(r.body)}`);
  return new Client(base, r.body.authorization);
}

/** GET over https trusting one CA (fetch has no per-call CA option). */
export function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
