import type { SandboxDescriptor } from '@tcc/sandbox';
import { DEMO_PASSWORD } from '../../src/auth/bootstrap-users.js';
import { apiClient, startTestServer, type ApiClient, type TestServer } from './test-server.js';

/** A server with the sandbox on, signed in as the demo admin, with the sandbox connection's credentials set. */
export async function sandboxConnection(
  env: Record<string, string> = {},
  options: { clock?: () => Date } = {},
): Promise<{ server: TestServer; api: ApiClient; base: string; sandbox: SandboxDescriptor }> {
  const server = await startTestServer(undefined, { SANDBOX: 'on', SANDBOX_PORT: '0', ...env }, options);
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

const CS = '/sap/opu/odata4/sap/aps_com_cs_a4c_odata/srvd_a2x/sap/aps_com_cs_a4c_odata/0001';
const SERVICE_BASE = { users: CS.replace(/cs_a4c/g, 'cu_a4c'), systems: CS, arrangements: CS.replace(/cs_a4c/g, 'ca_a4c') };

/** Calls the sandbox's SAP_COM_0A48 services as an admin would (Basic auth, CSRF on writes). */
export async function s4Call(server: TestServer, sandbox: SandboxDescriptor, method: string, service: keyof typeof SERVICE_BASE, path: string, body?: object) {
  const { user, password } = sandbox.s4.communicationManagement;
  const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const base = `${server.sandboxUrl}${SERVICE_BASE[service]}`;
  const fetched = await fetch(`${base}/`, { headers: { authorization: auth, 'x-csrf-token': 'Fetch' } });
  const headers = {
    authorization: auth,
    'x-csrf-token': fetched.headers.get('x-csrf-token')!,
    cookie: fetched.headers.get('set-cookie')!.split(';')[0]!,
    'content-type': 'application/json',
    // An admin's tool overwriting whatever is there (OData's "any version"), for sandboxes that want If-Match.
    ...(method === 'PATCH' ? { 'if-match': '*' } : {}),
  };
  return fetch(`${base}${path}`, { method, headers, body: body && JSON.stringify(body) });
}

/** Calls the sandbox's Destination service with the service key's token. */
export async function destinationCall(sandbox: SandboxDescriptor, method: string, path: string, body?: object) {
  const key = sandbox.btp.loopbackDestinationServiceKey;
  const token = (await (await fetch(`${key.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret }) })).json()) as { access_token: string };
  return fetch(`${key.uri}/destination-configuration/v1${path}`, { method, headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
}

/** How many of each object the setup makes exist in the sandbox, read through its SAP APIs. */
export async function setupObjectCounts(server: TestServer, sandbox: SandboxDescriptor) {
  const count = async (service: keyof typeof SERVICE_BASE, path: string) => ((await (await s4Call(server, sandbox, 'GET', service, path)).json()) as { value: unknown[] }).value.length;
  const destinations = (await (await destinationCall(sandbox, 'GET', '/subaccountDestinations')).json()) as { URL?: string }[];
  return {
    users: await count('users', "/CommunicationUsers?$filter=Name eq 'TASK_CENTER_USER'"),
    systems: await count('systems', "/CommunicationSystems?$filter=ID eq 'TASK_CENTER'"),
    inboundUsers: await count('systems', '/InboundUsers'),
    arrangements: await count('arrangements', "/CommunicationArrangements?$filter=CommunicationScenarioID eq 'SAP_COM_0501'"),
    destinations: destinations.filter((d) => d.URL === `https://${sandbox.s4.apiHost}/`).length,
  };
}
