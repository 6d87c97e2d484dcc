import { z } from 'zod';
import { SERVER_API, ServerErrorSchema, type EndpointDef } from '#shared/server-api/contract';

type Json = Record<string, unknown>;

/** JSON Schema 2020-12 (what OpenAPI 3.1 uses) of a zod schema, without the `$schema` key. */
function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const js = schemaOf(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s }));
}

const ERRORS: Record<string, string> = {
  '400': 'Richiesta non valida (JSON o campi)',
  '401': 'Credenziali mancanti o errate (sportello, o token di amministrazione)',
  '403': 'Amministrazione disabilitata (RED_DESK_SERVER_ADMIN_TOKEN non impostato), o sportello disabilitato dal CAF (SRV-14)',
  '404': 'Non trovato (anche: dichiarazione di un altro sportello)',
  '409': 'Conflitto di stato (già inoltrata all’INPS, id di trasmissione riusato …)',
  '413': 'Richiesta troppo grande',
  '422': 'Termine della campagna scaduto',
  '429': 'Troppi tentativi di accesso (per indirizzo o per sportello, SRV-15)',
  '503': 'Server in chiusura, INPS non configurato, o verifiche di accesso sature',
};

/** The OpenAPI 3.1 document, built from the same table the routes are registered from. */
export function openApiDocument(version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const [name, raw] of Object.entries(SERVER_API)) {
    const def: EndpointDef = raw;
    const path = def.path.replace(/:(\w+)/g, '{$1}');
    const errorCodes = Object.keys(ERRORS).filter((c) => (def.auth === 'desk' ? true : def.auth === 'admin' ? c !== '422' : c === '503'));
    const op: Json = {
      operationId: name,
      summary: def.summary,
      tags: [def.auth === 'none' ? 'server' : def.auth],
      security: def.auth === 'none' ? [] : [{ [def.auth === 'admin' ? 'adminToken' : 'deskToken']: [] }],
      parameters: [...parameters(def.params, 'path'), ...parameters(def.query, 'query')],
      responses: {
        [String(def.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: schemaOf(def.response, 'output') } } },
        ...Object.fromEntries(errorCodes.map((c) => [c, { $ref: `#/components/responses/E${c}` }])),
      },
    };
    if (def.body) {
      op.requestBody = { required: !def.body.safeParse(undefined).success, content: { 'application/json': { schema: schemaOf(def.body, 'input') } } };
    }
    (paths[path] ??= {})[def.method.toLowerCase()] = op;
  }
  paths['/openapi.json'] = { get: { operationId: 'openapi', summary: 'Questo documento (token di amministrazione)', tags: ['server'], security: [{ adminToken: [] }], responses: { '200': { description: 'OpenAPI 3.1' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'RED Desk — server centrale CAF',
      version,
      description: 'Trasmissione delle dichiarazioni RED dagli sportelli al CAF, controlli CAF, inoltro all’INPS, esiti e messaggi in piattaforma.',
    },
    paths,
    components: {
      securitySchemes: {
        deskToken: { type: 'http', scheme: 'bearer', description: '`<deskId>.<secret>` (anche Basic deskId:secret)' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'RED_DESK_SERVER_ADMIN_TOKEN' },
      },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([c, description]) => [`E${c}`, { description, content: { 'application/json': { schema: schemaOf(ServerErrorSchema, 'output') } } }]),
      ),
    },
  };
}
