import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/test-server.js';

/**
 * Issue "Tell the admin the truth", finding 15: malformed requests are the client's fault, answered 400 (or as if not
 * signed in), never 500, and leave no stack trace in the log. Finding 17: API answers are never cached.
 */
const ctx = useTestServer();
const raw = (path: string, init: RequestInit = {}) => fetch(`${ctx.server.baseUrl}${path}`, init);

describe('malformed cookies and bodies', () => {
  it.each(['%', '%E0%A4%A', 'a%zz', '%%%'])('when the session cookie is %j, then health answers 200 and a tenant route 401, with no stack logged', async (value) => {
    const before = ctx.server.logLines.length;
    expect((await raw('/api/health', { headers: { cookie: `tcc_session=${value}` } })).status).toBe(200);
    expect((await raw('/api/tenants', { headers: { cookie: `tcc_session=${value}` } })).status).toBe(401);
    expect(ctx.server.logLines.slice(before).join('\n')).not.toMatch(/request failed|at .*\.ts:\d+/);
  });

  it.each(['gzip', 'deflate', 'br'])('when a body is labelled %s but is not compressed, then it answers 400 in the error shape', async (encoding) => {
    const before = ctx.server.logLines.length;
    const answer = await raw('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': encoding },
      body: JSON.stringify({ username: 'admin', password: 'x' }),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBeTruthy();
    expect(ctx.server.logLines.slice(before).join('\n')).not.toMatch(/request failed/);
  });

  it('when any API route answers, then it says Cache-Control: no-store (CSRF tokens and credential status must not be cached)', async () => {
    for (const path of ['/api/health', '/api/auth/session', '/api/tenants', '/api/unknown']) {
      expect((await raw(path)).headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await ctx.api.get('/api/tenants')).headers.get('cache-control')).toBe('no-store');
  });
});

describe('path parameters', () => {
  it.each(['0x10', '1e1', ' 8', '8.0', '-8', '+8'])('when the step number is %j, then it is refused with 400 instead of naming another step', async (stepId) => {
    const answer = await ctx.api.post(`/api/tenants/00000000-0000-4000-8000-000000000000/connections/00000000-0000-4000-8000-000000000000/steps/${encodeURIComponent(stepId)}/verify`);
    expect(answer.status).toBe(400);
  });
});

describe('changes from another site (finding 17)', () => {
  it('when a change carries another site\u2019s Origin or Sec-Fetch-Site, then it is refused 403 even with a valid CSRF token; the app\u2019s own origin passes', async () => {
    const own = new URL(ctx.server.baseUrl).host;
    const hostile: Record<string, string>[] = [{ origin: 'https://evil.example.com' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }, { origin: `http://${own}.evil.example.com` }];
    for (const headers of hostile) {
      const answer = await ctx.api.post('/api/tenants', { name: `Cross ${Math.random()}` }, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
    }
    const signIn = await raw('/api/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example.com' }, body: JSON.stringify({ username: 'admin', password: 'x' }) });
    expect(signIn.status).toBe(403);
    expect((await ctx.api.post('/api/tenants', { name: `Own ${Math.random()}` }, { origin: `http://${own}`, 'sec-fetch-site': 'same-origin' })).status).toBe(201);
    expect((await ctx.api.get('/api/tenants', { origin: 'https://evil.example.com' })).status).toBe(200);
  });
});
