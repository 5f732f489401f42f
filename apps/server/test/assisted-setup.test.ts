import type { SandboxDescriptor } from '@tcc/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { setupObjectCounts } from './support/sandbox-connection.js';
import { apiClient, startTestServer, type ApiClient, type TestServer } from './support/test-server.js';

let server: TestServer;
let api: ApiClient;
let sandbox: SandboxDescriptor;
let base = '';

async function runToEnd(confirmChanges = false) {
  const started = await api.post(`${base}/automation/runs`, { confirmChanges });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  for (let i = 0; i < 200; i += 1) {
    const run = (await api.get(`${base}/automation/runs/latest`)).body;
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('run did not finish');
}

const sandboxState = async () => {
  const state = (await (await fetch(`${server.sandboxUrl}/sandbox/descriptor`)).json()) as SandboxDescriptor;
  return state;
};

beforeAll(async () => {
  server = await startTestServer(undefined, { SANDBOX: 'on', SANDBOX_PORT: '0' });
  api = apiClient(server.baseUrl);
  await api.signIn('demo-admin', DEMO_PASSWORD);
  sandbox = await sandboxState();
  const tenant = (await api.get('/api/tenants')).body.items[0];
  const connection = (await api.get(`/api/tenants/${tenant.id}/connections`)).body.items[0];
  base = `/api/tenants/${tenant.id}/connections/${connection.id}`;
});
afterAll(() => server.stop());

describe('assisted setup against the sandbox', () => {
  it('when credentials are missing, then the plan says what to add and nothing can start', async () => {
    const plan = (await api.post(`${base}/automation/plan`)).body;
    expect(plan.blockers).toEqual(expect.arrayContaining([expect.stringMatching(/Destination service key/), expect.stringMatching(/SAP_COM_0A48/)]));
    expect((await api.post(`${base}/automation/runs`, {})).status).toBe(400);
  });

  it('when set up from an empty subaccount and tenant, then the plan creates everything, one run completes it and the test succeeds', async () => {
    const version = (await api.get(base)).body.version;
    const credentials = await api.put(`${base}/credentials`, {
      destinationServiceKey: JSON.stringify(sandbox.btp.destinationServiceKey),
      communicationManagementUser: sandbox.s4.communicationManagement.user,
      communicationManagementPassword: sandbox.s4.communicationManagement.password,
      generateTaskCenterUserPassword: true,
      version,
    });
    expect(credentials.status).toBe(200);
    const plan = (await api.post(`${base}/automation/plan`)).body;
    expect(plan.blockers).toEqual([]);
    expect(plan.units.map((u: { unit: string; action: string }) => `${u.unit}:${u.action}`)).toEqual([
      'trustCertificate:read',
      'communicationUser:create',
      'communicationSystem:create',
      'inboundUser:create',
      'arrangement:create',
      'oauthDetails:read',
      'destination:create',
    ]);
    const run = await runToEnd();
    expect(run.status, run.error).toBe('succeeded');
    expect(run.units.every((u: { status: string }) => u.status === 'done')).toBe(true);
    expect(run.calls.length).toBeGreaterThan(5);
    expect(JSON.stringify(run)).not.toContain(sandbox.s4.communicationManagement.password);
    expect(JSON.stringify(run)).not.toContain(sandbox.btp.destinationServiceKey.clientsecret);
    const detail = (await api.get(base)).body;
    // Every step ticked is not yet proof: only the passing test makes it working, with when.
    expect(detail).toMatchObject({ state: 'set_up', progress: { finished: 19, total: 19 }, attention: null });
    expect(detail.certificate.cn).toBe(sandbox.btp.trustCertificateCn);
    const test = (await api.post(`${base}/test`)).body;
    expect(test).toMatchObject({ outcome: 'succeeded', stepToFix: null });
    expect((await api.get(base)).body).toMatchObject({ state: 'working', lastTest: { outcome: 'succeeded', at: test.at, current: true } });
  });

  it('when run a second time, then everything is adopted and no second SAP object appears', async () => {
    const plan = (await api.post(`${base}/automation/plan`)).body;
    expect(plan.units.map((u: { unit: string; action: string; summary: string }) => `${u.unit}:${u.action}`), JSON.stringify(plan.units.map((u: { summary: string }) => u.summary))).toEqual(['trustCertificate:read', 'communicationUser:adopt', 'communicationSystem:adopt', 'inboundUser:adopt', 'arrangement:adopt', 'oauthDetails:read', 'destination:adopt']);
    const run = await runToEnd();
    expect(run.status, run.error).toBe('succeeded');
    // Nothing written: no POST, PATCH, PUT or DELETE but the token request, and still one of each object.
    const writes = run.calls.filter((c: { method: string; path: string }) => !['GET', 'HEAD'].includes(c.method) && !c.path.endsWith('/oauth/token'));
    expect(writes).toEqual([]);
    const descriptor = await sandboxState();
    expect(await setupObjectCounts(server, descriptor)).toEqual({ users: 1, systems: 1, inboundUsers: 1, arrangements: 1, destinations: 1 });
  });

  it('when the BTP trust is renewed afterwards, then the test fails and points at step 8', async () => {
    await fetch(`${server.sandboxUrl}/sandbox/actions/renew-trust-certificate`, { method: 'POST' });
    const test = (await api.post(`${base}/test`)).body;
    expect(test).toMatchObject({ outcome: 'failed', stepToFix: 8 });
    expect(test.sapError).toMatch(/signature/);
  });
});
