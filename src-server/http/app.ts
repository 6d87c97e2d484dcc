import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { SERVER_API, SERVER_ERROR_CODES, type AuthKind, type EndpointDef, type ServerEndpoint } from '#shared/server-api/contract';
import { adminTokenMatches, type DeskAuthenticator } from './auth';
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
  logLevel: string;
  version: string;
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

  const authenticate = (kind: Exclude<AuthKind, 'none'>) => async (req: FastifyRequest, reply: FastifyReply) => {
    if (kind === 'desk') {
      const deskId = await o.auth.authenticate(req.headers.authorization);
      if (!deskId) {
        reply.header('www-authenticate', 'Bearer realm="red-desk"');
        throw new HttpError(401, { code: SERVER_ERROR_CODES.UNAUTHENTICATED, message: 'Credenziali dello sportello mancanti o errate.' });
      }
      req.deskId = deskId;
      return;
    }
    if (!o.adminToken) throw new HttpError(403, { code: SERVER_ERROR_CODES.FORBIDDEN, message: 'Funzioni di amministrazione disabilitate: RED_DESK_SERVER_ADMIN_TOKEN non impostato.' });
    if (!adminTokenMatches(req.headers.authorization, o.adminToken)) {
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
  app.get('/openapi.json', async () => doc);
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
