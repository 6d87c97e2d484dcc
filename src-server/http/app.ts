import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { SERVER_API, SERVER_ERROR_CODES, type AuthKind, type EndpointDef, type ServerEndpoint } from '#shared/server-api/contract';
import { adminTokenMatches, parseDeskAuthorization, type DeskAuthenticator } from './auth';
import { HttpError } from './errors';
import type { Handlers } from './handlers';
import { openApiDocument } from './openapi';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated desk on desk routes ('' elsewhere). */
    deskId: string;
  }
}

export interface AppOptions {
  handlers: Handlers;
  auth: DeskAuthenticator;
  adminToken: string | undefined;
  bodyLimit: number;
  adminBodyLimit: number;
  tls: { certFile: string; keyFile: string } | undefined;
  /** Proxies (addresses/CIDRs) whose X-Forwarded-For names the client; empty: the header is never believed. */
  trustedProxies?: readonly string[];
  logLevel: string;
  version: string;
  /** Authentication attempts per minute (credentials not yet verified): per client IP and per desk id. */
  loginRateIp?: number;
  loginRateDesk?: number;
}

/**
 * The HTTP layer: one Fastify route per entry of SERVER_API (the shared contract), inputs parsed with its zod
 * schemas, authentication in `onRequest` (before the body is even read, so an unauthenticated upload costs
 * nothing), every refusal sent as `{ error: { code, message, field? } }`.
 */
export function buildApp(o: AppOptions): FastifyInstance {
  const common = {
    logger: o.logLevel === 'silent' ? false : { level: o.logLevel },
    bodyLimit: o.bodyLimit,
    // On close: stop accepting, drop idle keep-alive sockets, let in-flight requests finish (graceful shutdown).
    forceCloseConnections: 'idle' as const,
    return503OnClosing: true,
    // request.ip: the peer's address, unless the peer is a listed proxy; then X-Forwarded-For is read from the right,
    // skipping only listed proxies (the first address not listed is the client: what a client wrote before it is
    // ignored). With no proxy listed the header is never read, so a client cannot choose its rate-limit key.
    trustProxy: o.trustedProxies && o.trustedProxies.length > 0 ? [...o.trustedProxies] : false,
  };
  // Fastify's instance type depends on http vs https; both are used through the common interface.
  const app = (
    o.tls ? Fastify({ ...common, https: { cert: readFileSync(o.tls.certFile), key: readFileSync(o.tls.keyFile) } }) : Fastify(common)
  ) as unknown as FastifyInstance;
  app.decorateRequest('deskId', '');
  // Once closing, every response ends its keep-alive connection: an in-flight request finishes and its socket
  // closes, instead of lingering until the keep-alive timeout and holding the shutdown up.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.setErrorHandler((err: Error & { code?: string; statusCode?: number }, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.status).send({ error: err.toData() });
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: { code: SERVER_ERROR_CODES.TOO_LARGE, message: `Richiesta troppo grande (oltre ${o.bodyLimit} byte): inviare le dichiarazioni in più trasmissioni.` } });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({ error: { code: SERVER_ERROR_CODES.MEDIA_TYPE, message: 'Formato non supportato: inviare application/json.' } });
    }
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: { code: SERVER_ERROR_CODES.INPUT, message: `Richiesta non valida: ${err.message}` } });
    }
    req.log.error(err);
    return reply.code(500).send({ error: { code: SERVER_ERROR_CODES.INTERNAL, message: 'Errore interno del server.' } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: { code: SERVER_ERROR_CODES.NOT_FOUND, message: `Risorsa inesistente: ${req.method} ${req.url.split('?')[0] ?? ''}` } }),
  );

  // Login rate limits (@fastify/rate-limit, in-process store): counted on every request whose credentials are not
  // already verified, checked BEFORE the scrypt, per client IP and per desk id named in the header. A desk whose
  // credentials were verified recently is not counted, so a flood of wrong logins does not stop it from syncing.
  void app.register(rateLimit, { global: false });
  type Limiter = ReturnType<FastifyInstance['createRateLimit']>;
  let limiters: { ip: Limiter; desk: Limiter } | null = null;
  const minute = 60_000;
  const loginLimit = async (req: FastifyRequest, reply: FastifyReply, deskId: string | null): Promise<void> => {
    limiters ??= {
      ip: app.createRateLimit({ max: o.loginRateIp ?? 300, timeWindow: minute, keyGenerator: (r) => `ip:${r.ip}` }),
      desk: app.createRateLimit({ max: o.loginRateDesk ?? 30, timeWindow: minute, keyGenerator: (r) => `desk:${parseDeskAuthorization(r.headers.authorization)?.deskId ?? ''}` }),
    };
    for (const [which, limiter] of [['ip', limiters.ip], ...(deskId ? [['desk', limiters.desk] as const] : [])] as const) {
      const r = await limiter(req);
      if (r.isAllowed || !r.isExceeded) continue;
      o.auth.counters.rateLimited++;
      reply.header('retry-after', String(r.ttlInSeconds));
      req.log.warn({ ip: req.ip, deskId }, `troppi tentativi di accesso (${which === 'ip' ? 'indirizzo' : 'sportello'})`);
      throw new HttpError(429, {
        code: SERVER_ERROR_CODES.RATE_LIMITED,
        message: `Troppi tentativi di accesso ${which === 'ip' ? 'da questo indirizzo' : `per lo sportello ${deskId}`}: riprovare tra ${r.ttlInSeconds} secondi.`,
      });
    }
  };

  const authenticate = (kind: Exclude<AuthKind, 'none'>) => async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization;
    if (kind === 'desk') {
      const named = parseDeskAuthorization(header)?.deskId ?? null;
      if (!o.auth.isVerified(header)) await loginLimit(req, reply, named);
      const deskId = await o.auth.authenticate(header);
      if (!deskId) {
        req.log.warn({ ip: req.ip, deskId: named }, `accesso non riuscito per lo sportello ${named ?? '(non indicato)'}`);
        reply.header('www-authenticate', 'Bearer realm="red-desk"');
        throw new HttpError(401, { code: SERVER_ERROR_CODES.UNAUTHENTICATED, message: 'Credenziali dello sportello mancanti o errate.' });
      }
      const disabled = await o.auth.disabledReason(deskId);
      if (disabled !== null) {
        throw new HttpError(403, { code: SERVER_ERROR_CODES.DESK_DISABLED, message: `Sportello ${deskId} disabilitato dal CAF (${disabled}): rivolgersi al CAF.` });
      }
      req.deskId = deskId;
      return;
    }
    if (!o.adminToken) throw new HttpError(403, { code: SERVER_ERROR_CODES.FORBIDDEN, message: 'Funzioni di amministrazione disabilitate: RED_DESK_SERVER_ADMIN_TOKEN non impostato.' });
    if (!adminTokenMatches(header, o.adminToken)) {
      await loginLimit(req, reply, null);
      req.log.warn({ ip: req.ip }, 'token di amministrazione errato');
      reply.header('www-authenticate', 'Bearer realm="red-desk-admin"');
      throw new HttpError(401, { code: SERVER_ERROR_CODES.UNAUTHENTICATED, message: 'Token di amministrazione mancante o errato.' });
    }
  };

  for (const [name, raw] of Object.entries(SERVER_API) as [ServerEndpoint, EndpointDef][]) {
    const def = raw;
    const handler = o.handlers[name] as (input: { params: unknown; query: unknown; body: unknown; deskId: string }) => Promise<unknown>;
    app.route({
      method: def.method,
      url: def.path,
      ...(def.bigBody ? { bodyLimit: o.adminBodyLimit } : {}),
      ...(def.auth === 'none' ? {} : { onRequest: authenticate(def.auth) }),
      handler: async (req, reply) => {
        const input = {
          params: parse(def.params, req.params, 'params'),
          query: parse(def.query, req.query, 'query'),
          body: parse(def.body, req.body, 'body'),
          deskId: req.deskId,
        };
        return reply.code(def.status ?? 200).send(await handler(input));
      },
    });
  }
  const doc = openApiDocument(o.version);
  app.get('/openapi.json', { onRequest: authenticate('admin') }, async () => doc);
  return app;
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 20).map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
  const first = issues[0];
  throw new HttpError(400, {
    code: SERVER_ERROR_CODES.INPUT,
    message: first ? `Dati non validi in ${first.path}: ${first.message}` : 'Dati non validi.',
    ...(first ? { field: first.path } : {}),
    details: issues,
  });
}
