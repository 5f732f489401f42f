import type { SandboxDescriptor } from '@tcc/sandbox';
import { DEMO_PASSWORD } from '../../src/auth/bootstrap-users.js';
import { apiClient, startTestServer, type ApiClient, type TestServer } from './test-server.js';

/** A server with the sandbox on, signed in as the demo admin, with the sandbox connection's credentials set. */
export async function sandboxConnection(env: Record<string, string> = {}): Promise<{ server: TestServer; api: ApiClient; base: string; sandbox: SandboxDescriptor }> {
  const server = await startTestServer(undefined, { SANDBOX: 'on', SANDBOX_PORT: '0', ...env });
  const api = apiClient(server.baseUrl);
  await api.signIn('demo-admin', DEMO_PASSWORD);
  const sandbox = (await (await fetch(`${server.sandboxUrl}/sandbox/descriptor`)).json()) as SandboxDescriptor;
  const tenant = (await api.get('/api/tenants')).body.items[0];
  const connection = (await api.get(`/api/tenants/${tenant.id}/connections`)).body.items[0];
  const base = `/api/tenants/${tenant.id}/connections/${connection.id}`;
  await api.put(`${base}/credentials`, {
    destinationServiceKey: JSON.stringify(sandbox.btp.destinationServiceKey),
    communicationManagementUser: sandbox.s4.communicationManagement.user,
    communicationManagementPassword: sandbox.s4.communicationManagement.password,
    taskCenterUserPassword: 'Task-Center-Pull-2026!x',
    version: connection.version,
  });
  return { server, api, base, sandbox };
}

/** What an admin does by hand in the sandbox's Fiori stand-in (the manual path). */
export async function fiori(server: TestServer, path: string, body: object) {
  const answer = await fetch(`${server.sandboxUrl}/sandbox/fiori${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
}
