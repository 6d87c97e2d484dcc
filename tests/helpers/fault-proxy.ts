import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Prng } from '#shared/util/prng';

/**
 * An HTTP proxy on 127.0.0.1 between a desk and the central server that breaks the network on purpose, driven
 * by a seeded PRNG (the same faults in the same order on every run, for the same sequence of requests):
 *  - dropRequest: the request is never forwarded; the client's connection is closed;
 *  - dropAnswer:  forwarded and processed by the server, then the client's connection is closed before any answer;
 *  - delay:       forwarded late and answered late (sometimes later than the client waits: `longDelayMs`);
 *  - duplicate:   the same request reaches the server twice (in parallel or one after the other), one answer is returned;
 *  - cutRequest:  part of the body is forwarded, then both connections are destroyed (the server never gets it whole);
 *  - cutAnswer:   the server's answer is written in part (headers and some of the body), then the connection is destroyed.
 * The faults are dealt from shuffled decks: each block of requests holds each fault the given number of times
 * (plus `passes` clean ones) in a seeded random order, so a run of a few dozen requests is sure to see every
 * kind. Every decision is recorded (`events`, `counts`), so a test can prove each fault really happened.
 */
export const FAULT_KINDS = ['dropRequest', 'dropAnswer', 'delay', 'duplicate', 'cutRequest', 'cutAnswer'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
/** How many of each fault in every deck (block of requests). */
export type FaultDeck = Partial<Record<FaultKind, number>>;

export interface ProxyEvent {
  /** Arrival order. */
  n: number;
  method: string;
  path: string;
  fault: FaultKind | 'pass';
  /** How many times the server received this request through the proxy (whole or cut). */
  forwarded: number;
  /** The server's status (of the answer returned or dropped); null when it never answered. */
  upstreamStatus: number | null;
  /** The server's answer said `"replayed":true` (an earlier identical transmission). */
  replayed: boolean;
}

export interface AnswerWindow {
  method: string;
  path: string;
  status: number;
  body: Buffer;
}

export interface FaultProxyOptions {
  /** The server's base URL (http://127.0.0.1:port). */
  target: string;
  seed: number;
  /** Faults per deck (default none); with `passes` clean requests per deck. */
  faults?: FaultDeck;
  passes?: number;
  /** Range of a short delay (each side of the server), ms. */
  delayMs?: readonly [number, number];
  /** A delayed answer is, with probability `longDelayChance`, held this long (more than the client's timeout). */
  longDelayMs?: number;
  longDelayChance?: number;
  /** Which requests may be faulted (default: all). */
  faultable?: (method: string, path: string) => boolean;
  /**
   * Runs after the server has answered and before the answer goes back to the client (passing requests and
   * delays): the window between "server answered" and "desk applied". A test may pause here or kill the client.
   */
  beforeAnswer?: (w: AnswerWindow) => Promise<void> | void;
}

export interface FaultProxy {
  url: string;
  readonly events: readonly ProxyEvent[];
  /** Requests per outcome. */
  counts(): Record<FaultKind | 'pass', number>;
  /** A new deck from the next request on (e.g. no faults: `setFaults({}, 1)`). */
  setFaults(faults: FaultDeck, passes: number): void;
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer', 'host', 'content-length']);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k.toLowerCase())) out[k] = v;
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startFaultProxy(o: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(o.target);
  const rng = new Prng(o.seed);
  let faults: FaultDeck = { ...(o.faults ?? {}) };
  let passes = o.passes ?? 1;
  let deck: (FaultKind | 'pass')[] = [];
  const [dMin, dMax] = o.delayMs ?? [5, 120];
  const events: ProxyEvent[] = [];
  let arrivals = 0;

  /** Opens a request to the server with the client's method, path and end-to-end headers. */
  const open = (req: IncomingMessage, length: number) =>
    httpRequest({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...endToEnd(req.headers), 'content-length': String(length) },
      agent: false,
    });

  const forward = (req: IncomingMessage, body: Buffer, ev: ProxyEvent): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const up = open(req, body.length);
      ev.forwarded++;
      up.on('error', reject);
      up.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const b = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: b });
        });
      });
      up.end(body);
    });

  const record = (ev: ProxyEvent, u: Upstream) => {
    ev.upstreamStatus = u.status;
    ev.replayed = /"replayed"\s*:\s*true/.test(u.body.toString('utf8'));
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, u: Upstream) => {
    await o.beforeAnswer?.({ method: req.method ?? '', path: req.url ?? '', status: u.status, body: u.body });
    if (res.destroyed || res.socket?.destroyed) return;
    res.writeHead(u.status, { ...endToEnd(u.headers), 'content-length': String(u.body.length) });
    res.end(u.body);
  };

  const kill = (req: IncomingMessage) => req.socket.destroy();

  const deal = (): (FaultKind | 'pass')[] => {
    const cards: (FaultKind | 'pass')[] = Array.from({ length: Math.max(0, passes) }, () => 'pass' as const);
    for (const k of FAULT_KINDS) for (let i = 0; i < (faults[k] ?? 0); i++) cards.push(k);
    if (cards.length === 0) cards.push('pass');
    for (let i = cards.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [cards[i], cards[j]] = [cards[j] as FaultKind | 'pass', cards[i] as FaultKind | 'pass'];
    }
    return cards;
  };
  const pick = (method: string, path: string, bodyLength: number): FaultKind | 'pass' => {
    if (o.faultable && !o.faultable(method, path)) return 'pass';
    if (deck.length === 0) deck = deal();
    // A request without a body cannot be cut mid-body: it takes the next card that applies, the cut waits.
    const at = deck.findIndex((c) => c !== 'cutRequest' || bodyLength >= 2);
    if (at < 0) return 'pass';
    return deck.splice(at, 1)[0] ?? 'pass';
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    res.on('error', () => undefined);
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      return; // the client went away while sending
    }
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const fault = pick(method, path, body.length);
    const ev: ProxyEvent = { n: ++arrivals, method, path, fault, forwarded: 0, upstreamStatus: null, replayed: false };
    events.push(ev);
    try {
      switch (fault) {
        case 'pass': {
          const u = await forward(req, body, ev);
          record(ev, u);
          await answer(req, res, u);
          return;
        }
        case 'delay': {
          await sleep(rng.int(dMin, dMax));
          const u = await forward(req, body, ev);
          record(ev, u);
          const long = o.longDelayMs !== undefined && rng.chance(o.longDelayChance ?? 0.25);
          await sleep(long ? (o.longDelayMs ?? 0) : rng.int(dMin, dMax));
          await answer(req, res, u);
          return;
        }
        case 'dropRequest':
          kill(req);
          return;
        case 'dropAnswer': {
          record(ev, await forward(req, body, ev));
          kill(req);
          return;
        }
        case 'duplicate': {
          const parallel = rng.chance(0.5);
          const both = parallel
            ? await Promise.all([forward(req, body, ev), forward(req, body, ev)])
            : [await forward(req, body, ev), await forward(req, body, ev)];
          const u = both[rng.int(0, 1)] ?? both[0];
          if (!u) throw new Error('duplicate: no answer');
          record(ev, u);
          await answer(req, res, u);
          return;
        }
        case 'cutRequest': {
          const up = open(req, body.length);
          ev.forwarded++;
          up.on('error', () => undefined);
          await new Promise<void>((r) => up.write(body.subarray(0, rng.int(1, body.length - 1)), () => r()));
          await sleep(rng.int(dMin, dMax)); // the server has started reading the body
          up.destroy();
          kill(req);
          return;
        }
        case 'cutAnswer': {
          const u = await forward(req, body, ev);
          record(ev, u);
          res.writeHead(u.status, { ...endToEnd(u.headers), 'content-length': String(u.body.length) });
          await new Promise<void>((r) => res.write(u.body.subarray(0, rng.int(0, Math.max(0, u.body.length - 1))), () => r()));
          await sleep(rng.int(0, 20));
          kill(req);
          return;
        }
      }
    } catch {
      kill(req); // the server could not be reached or went away
    }
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    counts() {
      const c = Object.fromEntries([...FAULT_KINDS, 'pass'].map((k) => [k, 0])) as Record<FaultKind | 'pass', number>;
      for (const e of events) c[e.fault]++;
      return c;
    },
    setFaults(next, clean) {
      faults = { ...next };
      passes = clean;
      deck = [];
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
