import { describe, expect, it } from 'vitest';
import { openTestKysely, storedTexts } from './support/test-database.js';
import { ADMIN_PASSWORD, adminClient, apiClient, startTestServer } from './support/test-server.js';

describe('sign-in, sessions and lock-out', () => {
  it('when the password is wrong or the user unknown, then both answer the same 401', async () => {
    const server = await startTestServer();
    const api = apiClient(server.baseUrl);
    const wrong = await api.post('/api/auth/sign-in', { username: 'admin', password: 'not-the-password' });
    const unknown = await api.post('/api/auth/sign-in', { username: 'nobody', password: 'not-the-password' });
    await server.stop();
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toEqual({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/^The user name or password is wrong/) });
  });

  it('when sign-in fails five times, then the account is locked even for the right password', async () => {
    const server = await startTestServer();
    const api = apiClient(server.baseUrl);
    for (let i = 0; i < 5; i += 1) await api.post('/api/auth/sign-in', { username: 'admin', password: `wrong-${i}` });
    const right = await api.post('/api/auth/sign-in', { username: 'admin', password: ADMIN_PASSWORD });
    await server.stop();
    expect(right.status).toBe(401);
    expect(right.body.error.message).toMatch(/locked after repeated failed sign-ins/);
    expect(right.body.error.code).toBe('SIGN_IN_FAILED');
  });

  it('when wrong passwords arrive in parallel, then they still count and lock the account', async () => {
    const server = await startTestServer(undefined, { SIGN_INS_PER_MINUTE: '1000' });
    const api = apiClient(server.baseUrl);
    await Promise.all(Array.from({ length: 15 }, (_, i) => api.post('/api/auth/sign-in', { username: 'admin', password: `parallel-wrong-${i}` })));
    const right = await api.post('/api/auth/sign-in', { username: 'admin', password: ADMIN_PASSWORD });
    await server.stop();
    expect(right.status).toBe(401);
  });

  it('when one address tries too often, then it gets 429 with Retry-After', async () => {
    const server = await startTestServer(undefined, { SIGN_INS_PER_MINUTE: '3' });
    const api = apiClient(server.baseUrl);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i += 1) {
      const answer = await api.post('/api/auth/sign-in', { username: `someone${i}`, password: 'whatever-password' });
      statuses.push(answer.status);
      retryAfter = answer.headers.get('retry-after');
    }
    await server.stop();
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('when signed in, then the cookie is HttpOnly and SameSite=Strict, Secure behind an https proxy, and sign-out ends the session', async () => {
    const server = await startTestServer(undefined, { TRUST_PROXY: '1' });
    const api = apiClient(server.baseUrl);
    const plain = await api.signIn('admin', ADMIN_PASSWORD);
    expect(plain.headers.get('set-cookie')).toMatch(/^tcc_session=[\w-]{43}; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/);
    const proxied = await apiClient(server.baseUrl).post('/api/auth/sign-in', { username: 'admin', password: ADMIN_PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
    expect((await api.get('/api/auth/me')).body.user).toMatchObject({ username: 'admin', systemAdmin: true });
    expect((await api.post('/api/auth/sign-out')).status).toBe(204);
    const after = await api.get('/api/auth/me');
    await server.stop();
    expect(after.status).toBe(401);
  });

  it('when a session has expired, then it is refused and the caller must sign in again', async () => {
    const server = await startTestServer();
    const api = await adminClient(server.baseUrl);
    const db = await openTestKysely(server.dataDir);
    await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).execute();
    await db.destroy();
    const answer = await api.get('/api/tenants');
    await server.stop();
    expect(answer.status).toBe(401);
  });

  it('when the store is new, then the initial admin is announced once and the password is stored only as an argon2 hash', async () => {
    const first = await startTestServer(undefined, { INITIAL_ADMIN_PASSWORD: '' });
    await first.stop();
    const announced = first.logLines.filter((line) => line.includes('Initial administrator'));
    expect(announced).toHaveLength(1);
    const password = /password (\S+) — it is shown only this once/.exec(announced[0]!)![1]!;
    const second = await startTestServer(first.dataDir);
    const signedIn = await apiClient(second.baseUrl).post('/api/auth/sign-in', { username: 'admin', password });
    await second.stop();
    expect(signedIn.status).toBe(200);
    expect(second.logLines.filter((line) => line.includes('Initial administrator'))).toHaveLength(0);
    const files = (await storedTexts(first.dataDir)).join('');
    expect(files).not.toContain(password);
    expect(files).toContain('$argon2id$');
  });
});
