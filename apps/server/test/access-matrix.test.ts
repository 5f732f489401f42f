import { API_ROUTES, buildPath, roleAllows, type ApiRoute, type ApiRouteName } from '@tcc/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { TENANT_NOT_FOUND } from '../src/http/access-control.js';
import { apiClient, createTenantWithConnection, useTestServer, type ApiClient } from './support/test-server.js';

const ctx = useTestServer();
const PASSWORD = 'matrix-password-0001';

/** A well-formed body per route that takes one. A new route without a sample fails the first test below. */
const SAMPLE_BODIES: Partial<Record<ApiRouteName, (version: number) => unknown>> = {
  createTenant: () => ({ name: `Matrix ${Math.random()}` }),
  renameTenant: () => ({ name: 'Renamed by matrix' }),
  createConnection: () => ({ displayName: 'Matrix', subaccountId: '11111111-2222-3333-4444-555555555555', landscapeDomain: 'eu10.hana.ondemand.com', s4Host: 'my777777.s4hana.ondemand.com' }),
  renameConnection: (version) => ({ displayName: 'Renamed by matrix', version }),
  updateStep: (version) => ({ status: 'done', version }),
  uploadTrustCertificate: (version) => ({ fileName: 'x.pem', contentBase64: 'eA==', version }),
  signIn: () => ({ username: 'nobody', password: 'wrong' }),
  createUser: () => ({ username: `u${Date.now()}`, displayName: 'U', password: 'long-enough-password' }),
  putMember: () => ({ role: 'viewer' }),
  putCredentials: (version) => ({ taskCenterUserPassword: 'Matrix-password-for-sap-2026!', version }),
  fillSandboxCredentials: (version) => ({ version }),
  updateUser: () => ({ disabled: false }),
  startAutomation: () => ({ confirmChanges: false }),
  putTenantHealthSettings: () => ({ intervalMinutes: 30 }),
  rotateTrustCertificate: () => ({ confirm: true }),
  createAlertChannel: () => ({ kind: 'webhook', name: 'Matrix', url: 'http://matrix.example.com/hook' }),
  updateAlertChannel: () => ({ name: 'Renamed by matrix' }),
};

let tenantA: { tenantId: string; connectionId: string; version: number };
const clients: Record<'signedOut' | 'viewer' | 'operator' | 'outsider', ApiClient> = {} as never;
let viewerId = '';

async function user(name: string) {
  const created = await ctx.api.post('/api/users', { username: name, displayName: name, password: PASSWORD });
  expect(created.status).toBe(201);
  const client = apiClient(ctx.server.baseUrl);
  await client.signIn(name, PASSWORD);
  return { id: created.body.id as string, client };
}

beforeAll(async () => {
  const { tenantId, connection } = await createTenantWithConnection(ctx.api, 'Tenant A');
  tenantA = { tenantId, connectionId: connection.id, version: connection.version };
  const viewer = await user('matrix-viewer');
  const operator = await user('matrix-operator');
  const outsider = await user('matrix-outsider');
  viewerId = viewer.id;
  await ctx.api.put(`/api/tenants/${tenantId}/members/${viewer.id}`, { role: 'viewer' });
  await ctx.api.put(`/api/tenants/${tenantId}/members/${operator.id}`, { role: 'operator' });
  // Tenants are created by system admins (TENANT_CREATION): the outsider administers Tenant B, not Tenant A.
  const tenantB = await createTenantWithConnection(ctx.api, 'Tenant B');
  await ctx.api.put(`/api/tenants/${tenantB.tenantId}/members/${outsider.id}`, { role: 'admin' });
  Object.assign(clients, { signedOut: apiClient(ctx.server.baseUrl), viewer: viewer.client, operator: operator.client, outsider: outsider.client });
});

const routes = Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][];

function request(client: ApiClient, name: ApiRouteName, route: ApiRoute) {
  const path = buildPath(route.path, { tenantId: tenantA.tenantId, connectionId: tenantA.connectionId, stepId: 2, userId: viewerId, channelId: '00000000-0000-4000-8000-000000000000' });
  const query = name === 'deleteConnection' ? `?version=${tenantA.version}` : '';
  const body = SAMPLE_BODIES[name]?.(tenantA.version);
  return route.method === 'get' || route.method === 'delete' ? client[route.method](path + query) : client[route.method](path, body);
}

describe('access matrix, generated from the route table', () => {
  it('when a route takes a body, then the matrix has a sample for it', () => {
    const missing = routes.filter(([name, route]) => route.body && !SAMPLE_BODIES[name]).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  it.each(routes.filter(([, route]) => route.access !== 'public'))('when signed out, then %s answers 401', async (name, route) => {
    const answer = await request(clients.signedOut, name, route);
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('SIGN_IN_REQUIRED');
  });

  it.each(routes.filter(([, route]) => typeof route.access === 'object'))('when a member of another tenant calls %s, then it is 404 as if tenant A did not exist', async (name, route) => {
    const answer = await request(clients.outsider, name, route);
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toBe(TENANT_NOT_FOUND);
  });

  it.each(routes.filter(([, route]) => typeof route.access === 'object' || route.access === 'systemAdmin'))(
    'when a viewer or operator calls %s, then roles below the route’s need are refused with 403',
    async (name, route) => {
      for (const role of ['viewer', 'operator'] as const) {
        const allowed = typeof route.access === 'object' && roleAllows(role, route.access.tenant);
        if (allowed && route.method !== 'get') continue; // allowed changes are exercised by the feature tests
        const answer = await request(clients[role], name, route);
        if (allowed) expect([401, 403], `${role} ${name}`).not.toContain(answer.status);
        else expect(answer.status, `${role} ${name}`).toBe(403);
      }
    },
  );

  it('when the matrix has run, then nothing of tenant A was changed by anyone but its admin', async () => {
    const detail = await ctx.api.get(`/api/tenants/${tenantA.tenantId}/connections/${tenantA.connectionId}`);
    expect(detail.body).toMatchObject({ version: tenantA.version, displayName: 'Production', progress: { finished: 0 } });
    expect((await ctx.api.get(`/api/tenants/${tenantA.tenantId}`)).body.name).toBe('Tenant A');
    const members = (await ctx.api.get(`/api/tenants/${tenantA.tenantId}/members`)).body.items.map((m: { username: string; role: string }) => `${m.username}:${m.role}`);
    expect(members.sort()).toEqual(['admin:admin', 'matrix-operator:operator', 'matrix-viewer:viewer']);
  });

  it('when a state-changing call lacks the CSRF token, then it is refused with 403', async () => {
    const answer = await clients.operator.put(
      `/api/tenants/${tenantA.tenantId}/connections/${tenantA.connectionId}/steps/2`,
      { status: 'done', version: tenantA.version },
      { 'x-csrf-token': 'forged' },
    );
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('CSRF_TOKEN_INVALID');
  });
});
