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
