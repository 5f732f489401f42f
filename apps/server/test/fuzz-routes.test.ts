import { API_ROUTES, type ApiRoute, type ApiRouteName } from '@tcc/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTenantWithConnection, useTestServer } from './support/test-server.js';

// Random sign-ins must not trip the per-address limit that the auth tests check.
const ctx = useTestServer({ SIGN_INS_PER_MINUTE: '10000' });
const STACK_TRACE = /\n\s+at .+\(.*:\d+:\d+\)|node_modules|\.ts:\d+/;

const pathValue = fc.oneof(fc.uuid(), fc.string({ maxLength: 40 }), fc.integer().map(String), fc.constantFrom('..', '%00', 'null', ' '));
const query = fc.dictionary(fc.constantFrom('q', 'sort', 'order', 'page', 'pageSize', 'version', 'result', 'from', 'x'), fc.string({ maxLength: 30 }), { maxKeys: 4 });
const body = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 200 }),
  fc.record({ status: fc.constantFrom('done', 'skipped', 'failed', 'x'), version: fc.oneof(fc.integer(), fc.string()), values: fc.dictionary(fc.string(), fc.string()) }).map((v) => JSON.stringify(v)),
);
const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', '');

describe('random and malformed requests to every route', () => {
  const routes = Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][];

  it.each(routes)('when %s gets random parameters, queries, bodies and headers, then it never answers 5xx or a stack trace', async (name, route) => {
    const { tenantId, connection } = await createTenantWithConnection(ctx.api, `Fuzz ${name}`);
    const known = { tenantId, connectionId: connection.id as string };
    await fc.assert(
      fc.asyncProperty(fc.boolean(), pathValue, query, body, contentType, fc.boolean(), async (useKnownIds, value, q, payload, type, withCsrf) => {
        const path = route.path.replace(/:([A-Za-z]+)/g, (_, param: string) =>
          encodeURIComponent(useKnownIds && param in known ? known[param as keyof typeof known] : value),
        );
        const search = new URLSearchParams(q).toString();
        const response = await fetch(`${ctx.server.baseUrl}${path}${search ? `?${search}` : ''}`, {
          method: route.method.toUpperCase(),
          headers: {
            ...(type ? { 'content-type': type } : {}),
            cookie: ctx.api.session.cookie,
            ...(withCsrf ? { 'x-csrf-token': ctx.api.session.csrfToken } : {}),
          },
          body: route.method === 'get' || route.method === 'delete' ? undefined : payload,
        });
        const text = await response.text();
        expect(response.status, `${route.method} ${path} → ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(text).not.toMatch(STACK_TRACE);
      }),
      { numRuns: name === 'signOut' ? 3 : 20 },
    );
    // Sign-out may have ended the session: sign in again for the next route.
    if (name === 'signOut') await ctx.api.signIn('admin', ADMIN_PASSWORD);
  });
});
