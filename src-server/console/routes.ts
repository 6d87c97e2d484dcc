import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  AnswerSchema,
  BlockSchema,
  CfQuerySchema,
  CONSOLE_API,
  CONSOLE_BASE,
  CONSOLE_CSRF_HEADER,
  IdParamsSchema,
  LoginSchema,
  NewCircolareSchema,
} from '#shared/console-api/contract';
import { CampaignSettingsSchema, CreateDeskRequestSchema, DeskDisableSchema, DeskParamsSchema, SbloccoRequestSchema, SendMessageSchema, SERVER_ERROR_CODES } from '#shared/server-api/contract';
import { HttpError } from '../http/errors';
import type { Handlers } from '../http/handlers';
import type { Store } from '../store/db';
import { answerAssistenza, blockDeclaration, declarationsByCf, listAssistenza, listCircolari, listDesks, publishCircolare, releaseDeclaration } from './actions';
import { CampaignOverview } from './campaign';
import { checkSession, closeSession, openSession, readCookie, SESSION_COOKIE, SESSION_TTL_MS, sessionCookie, tokenMatches } from './session';
import { CONSOLE_CSP, defaultConsoleDir, loadConsoleFiles } from './static';

export interface ConsoleDeps {
  store: Store;
  /** The admin endpoints' handlers: the console reuses them (desks, messages, campaign deadline). */
  handlers: Handlers;
  adminToken: string | undefined;
  defaultDeadline: string | undefined;
  /** Cookies get `Secure` when the server speaks TLS. */
  secure: boolean;
  consoleDir?: string;
}

/**
 * The console for CAF staff (issue 14 points 9–10): the page under /console and its JSON API under /console/api.
 * Every API route but login needs a live session (cookie); every write also needs the CSRF header; every input is
 * parsed with src-shared/console-api/contract.ts. Errors have the server's usual `{ error: { code, message } }`.
 */
export function registerConsole(app: FastifyInstance, d: ConsoleDeps): void {
  const { store } = d;
  const overview = new CampaignOverview(store, d.defaultDeadline);
  overview.start();
  app.addHook('onClose', async () => overview.stop());
  const files = loadConsoleFiles(d.consoleDir ?? defaultConsoleDir());

  // ----- the page -----
  const page = (name: string) => async (_req: FastifyRequest, reply: FastifyReply) => {
    const f = files?.get(name);
    if (!files) return reply.code(503).type('text/plain; charset=utf-8').send('Console non disponibile: eseguire la build (node scripts/build.mjs).');
    if (!f) throw new HttpError(404, { code: SERVER_ERROR_CODES.NOT_FOUND, message: 'File della console inesistente.' });
    return reply
      .header('content-security-policy', CONSOLE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', name === 'index.html' ? 'no-store' : 'public, max-age=31536000, immutable')
      .type(f.type)
      .send(f.body);
  };
  app.get(CONSOLE_BASE, async (_req, reply) => reply.redirect(`${CONSOLE_BASE}/`));
  app.get(`${CONSOLE_BASE}/`, page('index.html'));
  app.get<{ Params: { file: string } }>(`${CONSOLE_BASE}/assets/:file`, (req, reply) => page(`assets/${req.params.file}`)(req, reply));

  // ----- the API -----
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');
  const requireSession = async (req: FastifyRequest) => {
    if (req.method !== 'GET' && req.headers[CONSOLE_CSRF_HEADER] !== '1') {
      throw new HttpError(403, { code: SERVER_ERROR_CODES.FORBIDDEN, message: 'Richiesta non proveniente dalla console.' });
    }
    const expires = await checkSession(store.db, readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!expires) throw new HttpError(401, { code: SERVER_ERROR_CODES.UNAUTHENTICATED, message: 'Sessione scaduta o assente: accedere di nuovo.' });
    return expires;
  };
  type In = { params: unknown; query: unknown; body: unknown };
  const route = <P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined>(
    method: 'GET' | 'POST',
    path: string,
    schemas: { params?: P; query?: Q; body?: B },
    handler: (input: { params: P extends z.ZodType ? z.infer<P> : undefined; query: Q extends z.ZodType ? z.infer<Q> : undefined; body: B extends z.ZodType ? z.infer<B> : undefined }) => Promise<unknown>,
    status = 200,
  ) => {
    app.route({
      method,
      url: `${CONSOLE_API}${path}`,
      onRequest: async (req) => {
        await requireSession(req);
      },
      handler: async (req, reply) => {
        const raw: In = { params: req.params, query: req.query, body: req.body };
        const input = {
          params: parseInput(schemas.params, raw.params, 'params'),
          query: parseInput(schemas.query, raw.query, 'query'),
          body: parseInput(schemas.body, raw.body ?? (method === 'POST' ? {} : undefined), 'body'),
        } as Parameters<typeof handler>[0];
        const out = await handler(input);
        return noStore(reply).code(status).send(out);
      },
    });
  };

  app.post(`${CONSOLE_API}/login`, async (req, reply) => {
    if (req.headers[CONSOLE_CSRF_HEADER] !== '1') throw new HttpError(403, { code: SERVER_ERROR_CODES.FORBIDDEN, message: 'Richiesta non proveniente dalla console.' });
    if (!d.adminToken) throw new HttpError(403, { code: SERVER_ERROR_CODES.FORBIDDEN, message: 'Console disabilitata: RED_DESK_SERVER_ADMIN_TOKEN non impostato.' });
    const { token } = parseInput(LoginSchema, req.body, 'body') as z.infer<typeof LoginSchema>;
    if (!tokenMatches(token, d.adminToken)) {
      req.log.warn({ console: 'login' }, 'console: token errato');
      throw new HttpError(401, { code: SERVER_ERROR_CODES.UNAUTHENTICATED, message: 'Token di amministrazione errato.', field: 'token' });
    }
    const s = await openSession(store.db);
    return noStore(reply).header('set-cookie', sessionCookie(s.id, d.secure, SESSION_TTL_MS / 1000)).send({ ok: true, expiresAt: s.expiresAt });
  });
  app.post(`${CONSOLE_API}/logout`, async (req, reply) => {
    if (req.headers[CONSOLE_CSRF_HEADER] !== '1') throw new HttpError(403, { code: SERVER_ERROR_CODES.FORBIDDEN, message: 'Richiesta non proveniente dalla console.' });
    await closeSession(store.db, readCookie(req.headers.cookie, SESSION_COOKIE));
    return noStore(reply).header('set-cookie', sessionCookie('', d.secure, 0)).send({ ok: true });
  });
  app.get(`${CONSOLE_API}/session`, async (req, reply) => noStore(reply).send({ ok: true, expiresAt: await requireSession(req) }));

  route('GET', '/overview', {}, () => overview.get());
  route('GET', '/desks', {}, async () => ({ rows: await listDesks(store) }));
  route('POST', '/desks', { body: CreateDeskRequestSchema }, ({ body }) => d.handlers['admin.desks.create']({ params: undefined, query: undefined, body, deskId: '' }), 201);
  route('POST', '/desks/:deskId/secret', { params: DeskParamsSchema }, ({ params }) =>
    d.handlers['admin.desks.rotate']({ params, query: undefined, body: undefined, deskId: '' }),
  );
  route('POST', '/desks/:deskId/disabled', { params: DeskParamsSchema, body: DeskDisableSchema }, ({ params, body }) =>
    d.handlers['admin.desks.disable']({ params, query: undefined, body, deskId: '' }),
  );
  // "Sblocca dichiarazione errata" (issue 12): the code the CAF operator reads out to the desk on the phone.
  route('POST', '/sblocchi', { body: SbloccoRequestSchema }, ({ body }) => d.handlers['admin.sblocchi.create']({ params: undefined, query: undefined, body, deskId: '' }), 201);
  route('GET', '/declarations', { query: CfQuerySchema }, async ({ query }) => ({ rows: await declarationsByCf(store, query.cf) }));
  route('POST', '/declarations/:id/block', { params: IdParamsSchema, body: BlockSchema }, async ({ params, body }) => {
    const r = await blockDeclaration(store, params.id, body);
    overview.invalidate();
    return r;
  });
  route('POST', '/declarations/:id/release', { params: IdParamsSchema }, async ({ params }) => {
    const r = await releaseDeclaration(store, params.id);
    overview.invalidate();
    return r;
  });
  route('POST', '/messages', { body: SendMessageSchema }, ({ body }) => d.handlers['admin.messages.send']({ params: undefined, query: undefined, body, deskId: '' }));
  route('POST', '/campaign', { body: CampaignSettingsSchema }, async ({ body }) => {
    const r = await d.handlers['admin.campaign.set']({ params: undefined, query: undefined, body, deskId: '' });
    overview.invalidate();
    return r;
  });
  route('GET', '/circolari', {}, async () => ({ rows: await listCircolari(store) }));
  route('POST', '/circolari', { body: NewCircolareSchema }, ({ body }) => publishCircolare(store, body), 201);
  route('GET', '/assistenza', {}, async () => ({ rows: await listAssistenza(store) }));
  route('POST', '/assistenza/:id/answer', { params: IdParamsSchema, body: AnswerSchema }, ({ params, body }) => answerAssistenza(store, params.id, body));
}

function parseInput(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const path = first ? [where, ...first.path.map(String)].join('.') : where;
  throw new HttpError(400, {
    code: SERVER_ERROR_CODES.INPUT,
    message: first ? `Dati non validi in ${path}: ${first.message}` : 'Dati non validi.',
    ...(first ? { field: path } : {}),
  });
}
