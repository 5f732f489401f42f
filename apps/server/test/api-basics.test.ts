import { API_ROUTES } from '@tcc/shared';
import { describe, expect, it } from 'vitest';
import { TEST_STORE } from './support/test-database.js';
import { useTestServer } from './support/test-server.js';

const ctx = useTestServer();

describe('health, OpenAPI and the error shape', () => {
  it('when the store is usable, then /api/health answers 200 with the store kind', async () => {
    const answer = await ctx.api.get('/api/health');
    expect(answer.status).toBe(200);
    // sqlite, or postgres in the PostgreSQL pass (DATABASE_URL set).
    expect(answer.body).toMatchObject({ status: 'ok', store: TEST_STORE });
  });

  it('when /api/openapi.json is read, then it describes every route of the shared route table', async () => {
    const answer = await ctx.api.get('/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    const operations = Object.values(answer.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap((methods) =>
      Object.values(methods).map((op) => op.operationId),
    );
    expect(operations.sort()).toEqual(Object.keys(API_ROUTES).sort());
    // How to sign in, and what each route needs (finding 17 of "Tell the admin the truth").
    expect(Object.keys(answer.body.components.securitySchemes).sort()).toEqual(['bearer', 'csrf', 'session']);
    expect(answer.body.paths['/api/health'].get.security).toEqual([]);
    expect(answer.body.paths['/api/tenants/{tenantId}/connections/{connectionId}/credentials'].put['x-required-role']).toMatch(/^tenant admin/);
    expect(answer.body.paths['/api/users'].post.security).toEqual([{ session: [], csrf: [] }, { bearer: [] }]);
    const createConnection = answer.body.paths['/api/tenants/{tenantId}/connections'].post;
    expect(createConnection.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['displayName', 'subaccountId', 'landscapeDomain', 's4Host']),
    );
  });

  it('when a route does not exist, then the answer is 404 in the one JSON error shape', async () => {
    const answer = await ctx.api.get('/api/unknown');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('/api/unknown') } });
  });

  it('when the body is not JSON, then the answer is 400 without a stack trace', async () => {
    const answer = await ctx.api.post('/api/tenants', '{broken');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('when the web app is not built, then a browser path says how to build it', async () => {
    const answer = await ctx.api.get('/tenants/x');
    expect(answer.status).toBe(503);
    expect(answer.body).toContain('npm run build');
  });
});

describe('hardening', () => {
  it('when any page or API answer is sent, then it carries a strict CSP and the usual security headers', async () => {
    for (const path of ['/api/health', '/tenants/x']) {
      const answer = await ctx.api.get(path);
      const csp = answer.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-powered-by')).toBeNull();
    }
  });
});
