import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ERROR_CODES } from '#shared/errors';
import type { ApiReply } from '#shared/api/contract';
import { PRINT_FILE_NAME } from '#shared/print/names';
import type { DeskGate } from '../services/desk-gate';

/** What the host serves: the desk gate (locked screen first), or a core already open (tests). */
export type HostedDesk = Pick<DeskGate, 'dataDir' | 'onEvent' | 'registry'>;
import { hostAllowed, newToken, originAllowed, tokenMatches } from './security';
import { MIME_TYPES, SECURITY_HEADERS, resolveStaticPath } from '../services/static-files';
import { EXCHANGE_FILE_NAME, exchangeDir } from '../services/exchange';

export const TOKEN_HEADER = 'x-red-desk-token';
const MAX_BODY = 1024 * 1024;
/** GET /stampe/<file name>: the download of a print (issue 10). */
export const STAMPE_PREFIX = '/stampe/';
const SCAMBIO_PREFIX = '/scambio/';
const DOWNLOAD_TYPES: Readonly<Record<string, string>> = {
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
  '.zip': 'application/zip',
};


export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const reply: ApiReply = { ok: false, error: { code, message } };
  send(res, status, JSON.stringify(reply));
}

/** Past this much, an oversized body is no longer read to the end: the connection is cut instead. */
const MAX_DRAIN = 16 * MAX_BODY;

/**
 * The body as text, or null when it is larger than MAX_BODY. An oversized body is still read (and thrown
 * away) to its end, so that the client is listening when the 413 arrives instead of getting a reset socket.
 */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN) req.destroy();
      else if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolveBody(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The browser host: serves the built renderer and the typed API (POST /api/<method>, WebSocket /events)
 * on 127.0.0.1 only. Every API call and WebSocket must carry the per-start token; Host and Origin are
 * checked so that no other local page can read the archive.
 */
export async function startBrowserHost(core: HostedDesk, options: { port: number; rendererDir: string; token?: string }): Promise<BrowserHost> {
  const token = options.token ?? newToken();
  const root = resolve(options.rendererDir);
  let port = options.port;

  const serveStatic = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, ERROR_CODES.INPUT, 'Metodo non ammesso.');
    const file = resolveStaticPath(root, pathname);
    if (!file) return sendError(res, 403, ERROR_CODES.AUTH, 'Percorso non ammesso.');
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      sendError(res, 404, ERROR_CODES.INPUT, 'Risorsa non trovata.');
    }
  };

  // A print or export of <data dir>/stampe/, offered to the browser as a download with its own name. Same
  // token as the API (in the header: the page fetches it and saves the blob), and only our file names.
  // Also a copy of Servizi (issue 13) written in <data dir>/scambio/: the same checks, its own names.
  const serveStampa = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    const given = req.headers[TOKEN_HEADER];
    if (!tokenMatches(token, typeof given === 'string' ? given : null)) {
      return sendError(res, 401, ERROR_CODES.AUTH, 'Accesso non autorizzato: token mancante o errato.');
    }
    if (req.method !== 'GET') return sendError(res, 405, ERROR_CODES.INPUT, 'Metodo non ammesso.');
    const scambio = pathname.startsWith(SCAMBIO_PREFIX);
    const name = pathname.slice(scambio ? SCAMBIO_PREFIX.length : STAMPE_PREFIX.length);
    if (!(scambio ? EXCHANGE_FILE_NAME : PRINT_FILE_NAME).test(name)) return sendError(res, 400, ERROR_CODES.INPUT, 'Nome di file non valido.');
    const file = scambio ? join(exchangeDir(core.dataDir), name) : join(core.dataDir, 'stampe', name);
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a file');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': DOWNLOAD_TYPES[extname(name)] ?? 'application/octet-stream',
        'Content-Length': String(s.size),
        'Content-Disposition': `attachment; filename="${name}"`,
        'Cache-Control': 'no-store',
      });
      createReadStream(file).pipe(res);
    } catch {
      sendError(res, 404, ERROR_CODES.INPUT, scambio ? 'File non trovato nella cartella scambio.' : 'File non trovato nella cartella stampe.');
    }
  };

  const server = createServer((req, res) => {
    void (async () => {
      if (!hostAllowed(req.headers.host, port)) return sendError(res, 421, ERROR_CODES.AUTH, 'Host non ammesso.');
      if (!originAllowed(req.headers.origin, port)) return sendError(res, 403, ERROR_CODES.AUTH, 'Origine non ammessa.');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname.startsWith(STAMPE_PREFIX) || url.pathname.startsWith(SCAMBIO_PREFIX)) return serveStampa(req, res, url.pathname);
      if (!url.pathname.startsWith('/api/')) return serveStatic(req, res, url.pathname);

      const given = req.headers[TOKEN_HEADER];
      if (!tokenMatches(token, typeof given === 'string' ? given : null)) {
        return sendError(res, 401, ERROR_CODES.AUTH, 'Accesso non autorizzato: token mancante o errato.');
      }
      if (req.method !== 'POST') return sendError(res, 405, ERROR_CODES.INPUT, 'Usare POST.');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendError(res, 415, ERROR_CODES.INPUT, 'Contenuto non JSON.');
      }
      const body = await readBody(req);
      if (body === null) return sendError(res, 413, ERROR_CODES.INPUT, 'Richiesta troppo grande.');
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return sendError(res, 400, ERROR_CODES.INPUT, 'JSON non valido.');
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const reply = await core.registry.dispatch(method, input);
      const status = reply.ok ? 200 : reply.error.code === ERROR_CODES.INTERNAL ? 500 : 422;
      send(res, status, JSON.stringify(reply));
    })().catch((e: unknown) => {
      console.error('[browser host]', e);
      if (!res.headersSent) sendError(res, 500, ERROR_CODES.INTERNAL, 'Errore interno.');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const ok =
      url.pathname === '/events' &&
      hostAllowed(req.headers.host, port) &&
      originAllowed(req.headers.origin, port) &&
      tokenMatches(token, url.searchParams.get('token'));
    if (!ok) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', () => undefined); // the channel is server → client only
    });
  });
  const unsubscribe = core.onEvent((name, payload) => {
    const msg = JSON.stringify({ event: name, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(msg);
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    server,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      // Requests under way get a moment to finish; idle keep-alive connections (an open browser tab)
      // must not hold the shutdown.
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), 2_000);
      await closed;
      clearTimeout(force);
    },
  };
}
