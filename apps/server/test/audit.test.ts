import { describe, expect, it } from 'vitest';
import { apiClient, createTenantWithConnection, useTestServer } from './support/test-server.js';

const ctx = useTestServer();

describe('audit log', () => {
  it('when members change things, then each change is logged with actor, object and result, newest first', async () => {
    const { tenantId, base } = await createTenantWithConnection(ctx.api, 'Audited Co');
    await ctx.api.put(`${base}/steps/2`, { status: 'done', version: 1 });
    await ctx.api.put(`${base}/steps/9`, { status: 'done', version: 2 });
    const log = (await ctx.api.get(`/api/tenants/${tenantId}/audit`)).body;
    expect(log.items.slice(0, 3)).toEqual([
      expect.objectContaining({ actor: 'admin', action: 'updateStep', object: 'connection “Production”, step 9 (Set the SAML issuer and user mapping)', result: 'refused', detail: 'STEP_DEPENDENCY_UNMET' }),
      expect.objectContaining({ actor: 'admin', action: 'updateStep', object: 'connection “Production”, step 2 (Open Maintain Communication Users)', result: 'ok', detail: null }),
      expect.objectContaining({ actor: 'admin', action: 'createConnection', result: 'ok' }),
    ]);
    const refused = (await ctx.api.get(`/api/tenants/${tenantId}/audit?result=refused`)).body;
    expect(refused.items.map((e: { object: string }) => e.object)).toEqual([expect.stringContaining('step 9')]);
  });

  it('when exported, then the CSV has a header and one row per entry, newest first', async () => {
    const { tenantId } = await createTenantWithConnection(ctx.api, '=HYPERLINK("x") Co');
    await ctx.api.patch(`/api/tenants/${tenantId}`, { name: 'Plain Co' });
    const csv = await ctx.api.get(`/api/tenants/${tenantId}/audit.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0]).toBe('at,actor,action,connectionId,object,result,detail');
    expect(lines.slice(1).map((line) => line.split(',')[2])).toEqual(['renameTenant', 'createConnection', 'createTenant']);
  });

  it('when someone outside the tenant tries a change, then nothing is written to that tenant’s log', async () => {
    const { tenantId } = await createTenantWithConnection(ctx.api, 'Private Co');
    await ctx.api.post('/api/users', { username: 'stranger', displayName: 'S', password: 'stranger-password-1' });
    const stranger = apiClient(ctx.server.baseUrl);
    await stranger.signIn('stranger', 'stranger-password-1');
    expect((await stranger.patch(`/api/tenants/${tenantId}`, { name: 'Taken over' })).status).toBe(404);
    const log = (await ctx.api.get(`/api/tenants/${tenantId}/audit`)).body;
    expect(log.items.every((e: { actor: string }) => e.actor === 'admin')).toBe(true);
  });
});

describe('system-wide audit', () => {
  it('when a user is created and a tenant is created and deleted, then a system admin still sees who did it', async () => {
    await ctx.api.post('/api/users', { username: 'audited-user', displayName: 'A', password: 'audited-password-1' });
    const tenant = await ctx.api.post('/api/tenants', { name: 'Short-lived Co' });
    await ctx.api.delete(`/api/tenants/${tenant.body.id}`);
    const log = (await ctx.api.get('/api/audit')).body.items.slice(0, 3);
    expect(log.map((e: { action: string; tenantId: string | null; actor: string }) => [e.action, e.tenantId, e.actor])).toEqual([
      ['deleteTenant', tenant.body.id, 'admin'],
      ['createTenant', tenant.body.id, 'admin'],
      ['createUser', null, 'admin'],
    ]);
  });

  it('when a connection is created, then its entry names the new connection', async () => {
    const { tenantId, connection } = await createTenantWithConnection(ctx.api, 'Named Co');
    const [entry] = (await ctx.api.get(`/api/tenants/${tenantId}/audit?action=createConnection`)).body.items;
    expect(entry).toMatchObject({ connectionId: connection.id, tenantId });
  });

  it('when a connection test fails or a Verify finds a difference, then the log says failed with the outcome, not OK (finding 11)', async () => {
    const { tenantId, base } = await createTenantWithConnection(ctx.api, 'Outcomes Co');
    const test = (await ctx.api.post(`${base}/test`)).body;
    expect(test.outcome).not.toBe('succeeded');
    await ctx.api.post(`${base}/steps/3/verify`);
    const log = (await ctx.api.get(`/api/tenants/${tenantId}/audit`)).body.items as { action: string; result: string; detail: string | null; object: string }[];
    expect(log.find((e) => e.action === 'testConnection')).toMatchObject({ result: 'failed', detail: expect.stringMatching(/^TEST_/), object: 'connection “Production”' });
    expect(log.find((e) => e.action === 'verifyStep')).toMatchObject({ result: 'failed', detail: 'NOT_VERIFIED', object: expect.stringContaining('step 3') });
  });

  it('when someone signs in, fails, gets locked out or signs out, then the system audit says so without writing down unknown names (finding 11)', async () => {
    await ctx.api.post('/api/users', { username: 'lock-me', displayName: 'L', password: 'lock-me-password-1' });
    const stranger = apiClient(ctx.server.baseUrl);
    await stranger.post('/api/auth/sign-in', { username: 'my-secret-typed-here', password: 'x' });
    for (let i = 0; i < 5; i += 1) await stranger.post('/api/auth/sign-in', { username: 'lock-me', password: 'wrong-password-000' });
    const user = apiClient(ctx.server.baseUrl);
    await user.post('/api/auth/sign-in', { username: 'lock-me', password: 'lock-me-password-1' });
    const log = (await ctx.api.get('/api/audit?action=signIn')).body.items as { actor: string; result: string; detail: string | null }[];
    expect(log.slice(0, 3).map((e) => [e.actor, e.result, e.detail])).toEqual([
      ['lock-me', 'refused', 'ACCOUNT_LOCKED'],
      ['lock-me', 'refused', 'LOCKED_OUT'],
      ['lock-me', 'refused', 'SIGN_IN_FAILED'],
    ]);
    expect(JSON.stringify((await ctx.api.get('/api/audit')).body)).not.toContain('my-secret-typed-here');
    expect(log.some((e) => e.actor === '(unknown user)')).toBe(true);
  });

  it('when a tenant is deleted, then its entries stay readable in the system audit', async () => {
    const tenant = await ctx.api.post('/api/tenants', { name: 'Gone Co' });
    await ctx.api.patch(`/api/tenants/${tenant.body.id}`, { name: 'Gone Co Renamed' });
    await ctx.api.delete(`/api/tenants/${tenant.body.id}`);
    const log = (await ctx.api.get('/api/audit?action=renameTenant')).body.items as { tenantId: string }[];
    expect(log.map((e) => e.tenantId)).toContain(tenant.body.id);
  });
});
