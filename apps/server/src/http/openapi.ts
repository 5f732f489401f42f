import { API_ROUTES, ErrorBodySchema, type ApiRoute } from '@tcc/shared';
import { z } from 'zod';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

function parameters(route: ApiRoute) {
  const list: object[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const shape = jsonSchema(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
    for (const [name, property] of Object.entries(shape.properties ?? {})) {
      list.push({ name, in: where, required: where === 'path' || (shape.required ?? []).includes(name), schema: property });
    }
  }
  return list;
}

/** Who may call a route, in words and as the roles the route table names (`x-required-role`). */
function accessOf(route: ApiRoute): { security: object[]; role: string } {
  const signedIn = [{ session: [], csrf: [] }, { bearer: [] }];
  if (route.access === 'public') return { security: [], role: 'anyone' };
  if (route.access === 'user') return { security: signedIn, role: 'any signed-in user' };
  if (route.access === 'systemAdmin') return { security: signedIn, role: 'system admin' };
  return { security: signedIn, role: `tenant ${route.access.tenant} (or higher) of the tenant in the path` };
}

/**
 * The ways to sign in (finding 17 of "Tell the admin the truth"): the session cookie with its CSRF header on changes
 * (local accounts), or a bearer token of the identity provider (AUTH_MODE=jwt).
 */
const SECURITY_SCHEMES = {
  session: { type: 'apiKey', in: 'cookie', name: 'tcc_session', description: 'Set by POST /api/auth/sign-in (AUTH_MODE=local).' },
  csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'With the session cookie, on every change: the csrfToken of the sign-in answer or GET /api/auth/me.' },
  bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A token of the identity provider (AUTH_MODE=jwt); no CSRF header needed.' },
};

/** OpenAPI 3.1 (JSON Schema 2020-12) generated from the shared route table and its zod schemas. */
export function createOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, object>> = {};
  const errorResponse = { description: 'Error', content: { 'application/json': { schema: jsonSchema(ErrorBodySchema, 'output') } } };
  for (const [operationId, route] of Object.entries(API_ROUTES) as [string, ApiRoute][]) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const success =
      route.response === null
        ? { description: 'Done, no content' }
        : {
            description: 'Success',
            content: { [route.produces ?? 'application/json']: { schema: jsonSchema(route.response, 'output') } },
          };
    paths[path] ??= {};
    const access = accessOf(route);
    paths[path][route.method] = {
      operationId,
      summary: route.summary,
      description: `Who may call it: ${access.role}.`,
      security: access.security,
      'x-required-role': access.role,
      parameters: parameters(route),
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
      responses: { [route.status]: success, '4XX': errorResponse, '5XX': errorResponse },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Task Center Connect API', version, description: 'Connect SAP S/4HANA Cloud to SAP Task Center through SAP BTP.' },
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
  };
}
