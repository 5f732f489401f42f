import { describe, expect, it } from 'vitest';
import { apiClient, useTestServer } from './support/test-server.js';

/** Finding 17 of "Tell the admin the truth": an old session must not outlive a password change, and users can be disabled. */
const ctx = useTestServer();

async function signedInUser(name: string, password = `${name}-password-001`) {
  const created = await ctx.api.post('/api/users', { username: name, displayName: name, password });
  expect(created.status).toBe(201);
  const client = apiClient(ctx.server.baseUrl);
  await client.signIn(name, password);
  return { id: created.body.id as string, client, password };
}

describe('user administration ends sessions', () => {
  it('when a system admin sets a new password, then the user\u2019s open session ends and only the new password signs in', async () => {
    const user = await signedInUser('pw-change');
    expect((await user.client.get('/api/auth/me')).status).toBe(200);
    const changed = await ctx.api.patch(`/api/users/${user.id}`, { password: 'a-brand-new-password-2026' });
    expect(changed.status).toBe(200);
    expect((await user.client.get('/api/auth/me')).status).toBe(401);
    expect((await apiClient(ctx.server.baseUrl).post('/api/auth/sign-in', { username: 'pw-change', password: user.password })).status).toBe(401);
    expect((await apiClient(ctx.server.baseUrl).post('/api/auth/sign-in', { username: 'pw-change', password: 'a-brand-new-password-2026' })).status).toBe(200);
  });

  it('when a user is disabled, then their session ends, they cannot sign in, and enabling them again lets them', async () => {
    const user = await signedInUser('to-disable');
    const disabled = await ctx.api.patch(`/api/users/${user.id}`, { disabled: true });
    expect(disabled.body).toMatchObject({ username: 'to-disable', disabled: true, issuer: 'local' });
    expect((await user.client.get('/api/auth/me')).status).toBe(401);
    expect((await apiClient(ctx.server.baseUrl).post('/api/auth/sign-in', { username: 'to-disable', password: user.password })).status).toBe(401);
    const log = (await ctx.api.get('/api/audit?action=signIn')).body.items as { actor: string; detail: string }[];
    expect(log[0]).toMatchObject({ actor: 'to-disable', detail: 'ACCOUNT_DISABLED' });
    await ctx.api.patch(`/api/users/${user.id}`, { disabled: false });
    expect((await apiClient(ctx.server.baseUrl).post('/api/auth/sign-in', { username: 'to-disable', password: user.password })).status).toBe(200);
  });

  it('when an admin tries to disable themselves, or sends nothing to change, then it is refused', async () => {
    const me = (await ctx.api.get('/api/auth/me')).body.user.id as string;
    expect((await ctx.api.patch(`/api/users/${me}`, { disabled: true })).status).toBe(409);
    expect((await ctx.api.patch(`/api/users/${me}`, {})).status).toBe(400);
  });
});
