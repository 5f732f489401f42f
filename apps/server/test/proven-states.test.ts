import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationCall, sandboxConnection } from './support/sandbox-connection.js';

/**
 * Findings 0, 1 and 4 of "Tell the admin the truth": the state says what was proven. Ticked steps are "set up, not
 * tested"; only a current passing test is "working", with when; a failed test or a Verify that SAP contradicts is
 * "needs attention" with the cause and the step — on the connection, the tenant's list and the tenants dashboard. A
 * test that cannot run is "not-tested" with what is missing, and needs only what it uses.
 */
let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
let tenantId: string;

const detail = async () => (await ctx.api.get(ctx.base)).body;
const listed = async () => (await ctx.api.get(`/api/tenants/${tenantId}/connections`)).body.items.find((c: { id: string }) => ctx.base.endsWith(c.id));
const tenantRow = async () => (await ctx.api.get(`/api/tenants/${tenantId}`)).body;
const test = async () => (await ctx.api.post(`${ctx.base}/test`)).body;
const destination = async () => (await (await destinationCall(ctx.sandbox, 'GET', '/subaccountDestinations/S4HANACloud')).json()) as Record<string, string>;

beforeAll(async () => {
  ctx = await sandboxConnection();
  tenantId = ctx.base.split('/')[3]!;
  await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: false });
  for (let run = null as null | { status: string }; !run || run.status === 'running'; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body;
  }
});
afterAll(() => ctx.server.stop());

describe('states say what was proven', () => {
  it('when every step is done but nothing was tested, then it is “set up, not tested” everywhere, never working', async () => {
    expect(await detail()).toMatchObject({ state: 'set_up', progress: { finished: 19 }, lastTest: null, attention: null });
    expect(await listed()).toMatchObject({ state: 'set_up' });
    expect(await tenantRow()).toMatchObject({ workingCount: 0, attentionCount: 0 });
  });

  it('when the test passes, then it is working with the test’s time, on the connection, the list and the dashboard', async () => {
    const passed = await test();
    expect(passed).toMatchObject({ outcome: 'succeeded' });
    expect(await detail()).toMatchObject({ state: 'working', lastTest: { outcome: 'succeeded', at: passed.at, current: true }, attention: null });
    expect(await listed()).toMatchObject({ state: 'working', lastTest: { at: passed.at, current: true } });
    expect(await tenantRow()).toMatchObject({ workingCount: 1, attentionCount: 0 });
  });

  it('when the test then fails, then it needs attention with the cause and the step, and nothing says working', async () => {
    const kept = await destination();
    await destinationCall(ctx.sandbox, 'PUT', '/subaccountDestinations', { ...kept, audience: `https://${ctx.sandbox.s4.apiHost}` });
    try {
      const failed = await test();
      expect(failed).toMatchObject({ outcome: 'failed', stepToFix: 20 });
      const attention = { stepId: 20, message: failed.message };
      expect(await detail()).toMatchObject({ state: 'needs_attention', attention, lastTest: { outcome: 'failed', current: true } });
      expect(await listed()).toMatchObject({ state: 'needs_attention', attention });
      expect(await tenantRow()).toMatchObject({ workingCount: 0, attentionCount: 1 });
    } finally {
      await destinationCall(ctx.sandbox, 'PUT', '/subaccountDestinations', kept);
    }
    expect(await test()).toMatchObject({ outcome: 'succeeded' });
    expect(await detail()).toMatchObject({ state: 'working' });
  });

  it('when a step changes after a passing test, then the test no longer speaks for the connection', async () => {
    const before = await detail();
    const step4 = before.steps.find((s: { stepId: number }) => s.stepId === 4);
    const saved = await ctx.api.put(`${ctx.base}/steps/4`, { status: 'done', values: step4.values, version: before.version });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ state: 'set_up', lastTest: { outcome: 'succeeded', current: false } });
    expect(await tenantRow()).toMatchObject({ workingCount: 0 });
    expect(await test()).toMatchObject({ outcome: 'succeeded' });
    expect(await detail()).toMatchObject({ state: 'working' });
  });

  it('when Verify finds SAP contradicts a step recorded as done, then that step fails and the connection needs attention there', async () => {
    const kept = await destination();
    await destinationCall(ctx.sandbox, 'PUT', '/subaccountDestinations', { ...kept, 'tc.enabled': 'false' });
    try {
      const verified = (await ctx.api.post(`${ctx.base}/steps/20/verify`)).body;
      expect(verified).toMatchObject({ verified: false });
      const now = await detail();
      expect(now).toMatchObject({ state: 'needs_attention', attention: { stepId: 20, message: verified.message } });
      expect(now.steps.find((s: { stepId: number }) => s.stepId === 20)).toMatchObject({ status: 'failed', note: verified.message });
    } finally {
      await destinationCall(ctx.sandbox, 'PUT', '/subaccountDestinations', kept);
    }
    expect((await ctx.api.post(`${ctx.base}/steps/20/verify`)).body).toMatchObject({ verified: true });
    expect(await detail()).toMatchObject({ state: 'set_up' });
  });
});

describe('a test needs only what it uses, and says what is missing when it cannot run', () => {
  it('when no Destination service key is stored, then the outcome is not-tested naming the key — not failed', async () => {
    const tenant = (await ctx.api.post('/api/tenants', { name: 'Not tested yet' })).body;
    const connection = (
      await ctx.api.post(`/api/tenants/${tenant.id}/connections`, {
        displayName: 'Manual',
        subaccountId: ctx.sandbox.btp.subaccountId,
        landscapeDomain: ctx.sandbox.btp.landscapeDomain,
        s4Host: ctx.sandbox.s4.uiHost,
        sandbox: true,
      })
    ).body;
    const answer = (await ctx.api.post(`/api/tenants/${tenant.id}/connections/${connection.id}/test`)).body;
    expect(answer).toMatchObject({ outcome: 'not-tested', message: expect.stringMatching(/^Not tested: add the Destination service key/) });
    expect((await ctx.api.get(`/api/tenants/${tenant.id}/connections/${connection.id}`)).body).toMatchObject({ state: 'not_started', attention: null });
  });

  it('when only the key is stored (no SAP_COM_0A48 user, purely manual setup), then a new sandbox connection is tested fully with the sandbox’s business user', async () => {
    const tenant = (await ctx.api.post('/api/tenants', { name: 'Manual only' })).body;
    const base = `/api/tenants/${tenant.id}/connections`;
    const connection = (
      await ctx.api.post(base, { displayName: 'By hand', subaccountId: ctx.sandbox.btp.subaccountId, landscapeDomain: ctx.sandbox.btp.landscapeDomain, s4Host: ctx.sandbox.s4.uiHost, sandbox: true })
    ).body;
    expect(connection.sandbox).toBe(true);
    await ctx.api.put(`${base}/${connection.id}/credentials`, { destinationServiceKey: JSON.stringify(ctx.sandbox.btp.destinationServiceKey), version: connection.version });
    // The SAP side is the one the demo connection set up: the chain is the same subaccount and S/4 system.
    const answer = (await ctx.api.post(`${base}/${connection.id}/test`)).body;
    expect(answer).toMatchObject({ outcome: 'succeeded', message: expect.stringContaining(ctx.sandbox.businessUsers.find((u) => u.inS4)!.userName) });
  });

  it('when the connection is not labelled sandbox and has no test user, then it is not-tested and names the test user', async () => {
    const tenant = (await ctx.api.post('/api/tenants', { name: 'Real SAP' })).body;
    const base = `/api/tenants/${tenant.id}/connections`;
    const connection = (await ctx.api.post(base, { displayName: 'Prod', subaccountId: '8f2d3c1a-5b6e-4f70-9a81-2c3d4e5f6a7b', landscapeDomain: 'eu10.hana.ondemand.com', s4Host: 'my123456.s4hana.ondemand.com' })).body;
    const key = { clientid: 'sb-x!b1|destination-xsappname!b1', clientsecret: 's3cr3t', url: 'https://acme.authentication.eu10.hana.ondemand.com', uri: 'https://destination-configuration.cfapps.eu10.hana.ondemand.com' };
    await ctx.api.put(`${base}/${connection.id}/credentials`, { destinationServiceKey: JSON.stringify(key), version: connection.version });
    const answer = (await ctx.api.post(`${base}/${connection.id}/test`)).body;
    expect(answer).toMatchObject({ outcome: 'not-tested', message: expect.stringMatching(/^Not tested: add a test user/) });
  });

  it('when the stored test user’s password is wrong, then it is not-tested naming the test user — the connection is not blamed', async () => {
    const version = (await detail()).version;
    const user = ctx.sandbox.businessUsers.find((u) => u.inS4)!;
    await ctx.api.put(`${ctx.base}/credentials`, { testUserName: user.userName, testUserPassword: 'wrong-password', version });
    const answer = await test();
    expect(answer).toMatchObject({ outcome: 'not-tested', message: expect.stringContaining(`did not sign in the test user ${user.userName}`) });
    expect(answer.message).not.toContain('wrong-password');
    expect((await ctx.api.get(`${ctx.base}/credentials`)).body.testUser).toMatchObject({ set: true, user: user.userName });
    await ctx.api.put(`${ctx.base}/credentials`, { testUserName: user.userName, testUserPassword: user.password, version: (await detail()).version });
    expect(await test()).toMatchObject({ outcome: 'succeeded' });
  });

  it('when a connection is labelled sandbox on a server without the sandbox, then it is refused with what to do', async () => {
    const { startTestServer, apiClient, ADMIN_PASSWORD } = await import('./support/test-server.js');
    const server = await startTestServer();
    try {
      const api = apiClient(server.baseUrl);
      await api.signIn('admin', ADMIN_PASSWORD);
      const tenant = (await api.post('/api/tenants', { name: 'No sandbox' })).body;
      const answer = await api.post(`/api/tenants/${tenant.id}/connections`, { displayName: 'X', subaccountId: '8f2d3c1a-5b6e-4f70-9a81-2c3d4e5f6a7b', landscapeDomain: 'eu10.hana.ondemand.com', s4Host: 'my123456.s4hana.ondemand.com', sandbox: true });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toMatch(/sandbox does not run on this server/);
    } finally {
      await server.stop();
    }
  });
});
