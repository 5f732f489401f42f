import type { SandboxDescriptor } from '@tcc/sandbox';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { adminClient, apiClient, startTestServer } from './support/test-server.js';

describe('the built-in sandbox beside the product', () => {
  it('when the server starts with SANDBOX=on, then a demo tenant points at the sandbox, labelled as such, once across restarts', async () => {
    const first = await startTestServer(undefined, { SANDBOX: 'on', SANDBOX_PORT: '0' });
    const api = apiClient(first.baseUrl);
    await api.signIn('demo-admin', DEMO_PASSWORD);
    const tenants = (await api.get('/api/tenants')).body.items;
    expect(tenants.map((t: { name: string }) => t.name)).toEqual(['Sandbox demo']);
    const connections = (await api.get(`/api/tenants/${tenants[0].id}/connections`)).body.items;
    expect(connections).toEqual([expect.objectContaining({ displayName: 'Sandbox', sandbox: true, s4UiHost: 'my900001.s4hana.ondemand.com' })]);
    const descriptor = (await (await fetch(`${first.sandboxUrl}/sandbox/descriptor`)).json()) as SandboxDescriptor;
    expect(connections[0].subaccountId).toBe(descriptor.btp.subaccountId);
    await first.stop();

    const second = await startTestServer(first.dataDir, { SANDBOX: 'on', SANDBOX_PORT: '0' });
    const secondApi = apiClient(second.baseUrl);
    await secondApi.signIn('demo-admin', DEMO_PASSWORD);
    const again = (await secondApi.get('/api/tenants')).body;
    const descriptorAfterRestart = (await (await fetch(`${second.sandboxUrl}/sandbox/descriptor`)).json()) as SandboxDescriptor;
    await second.stop();
    expect(again.total).toBe(1);
    expect(descriptorAfterRestart.btp.destinationServiceKey.clientsecret).toBe(descriptor.btp.destinationServiceKey.clientsecret);
  });

  it('when SANDBOX=off, then no sandbox runs and nothing is seeded', async () => {
    const server = await startTestServer(undefined, { SANDBOX: 'off' });
    const tenants = (await (await adminClient(server.baseUrl)).get('/api/tenants')).body;
    await server.stop();
    expect(server.sandboxUrl).toBeNull();
    expect(tenants.total).toBe(0);
  });
});

describe('reaching the sandbox through the product', () => {
  it('when the sandbox is on, then its S/4 host is reached through the guarded client by its SAP name', async () => {
    const server = await startTestServer(undefined, { SANDBOX: 'on', SANDBOX_PORT: '0' });
    const answer = await server.outbound('https://my900001-api.s4hana.ondemand.com/sap/bc/sec/oauth2/token', { method: 'POST' });
    const body = await answer.json();
    await server.stop();
    expect(answer.status).toBe(401);
    expect(body).toMatchObject({ error: 'invalid_client' });
  });

  it('when the sandbox is off, then its loopback address cannot be reached through the product', async () => {
    const withSandbox = await startTestServer(undefined, { SANDBOX: 'on', SANDBOX_PORT: '0' });
    const loopback = `${withSandbox.sandboxUrl}/sap/bc/sec/oauth2/token`;
    await withSandbox.stop();
    const server = await startTestServer(undefined, { SANDBOX: 'off' });
    const refused = await server.outbound(loopback).then(
      () => null,
      (error: Error & { code?: string }) => error,
    );
    await server.stop();
    expect(refused?.code).toBe('NOT_HTTPS');
    expect(refused?.message).toBeTruthy();
  });
});
