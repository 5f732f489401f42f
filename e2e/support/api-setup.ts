import { expect, type APIRequestContext } from '@playwright/test';
import { LANDSCAPE, S4_HOST, SUBACCOUNT_ID } from './admin.js';

/** The CSRF token of the signed-in session whose cookie `request` carries. */
export async function csrfHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  const me = await request.get('/api/auth/me');
  expect(me.status()).toBe(200);
  return { 'x-csrf-token': (await me.json()).csrfToken };
}

/** Arranges state through the real API, so a UI test starts where its story begins. */
export async function createConnectionViaApi(request: APIRequestContext, tenantName: string) {
  const headers = await csrfHeaders(request);
  const tenant = await request.post('/api/tenants', { data: { name: tenantName }, headers });
  expect(tenant.status()).toBe(201);
  const tenantId = (await tenant.json()).id as string;
  const created = await request.post(`/api/tenants/${tenantId}/connections`, {
    headers,
    data: { displayName: 'Production', subaccountId: SUBACCOUNT_ID, landscapeDomain: LANDSCAPE, s4Host: S4_HOST },
  });
  expect(created.status()).toBe(201);
  const connection = await created.json();
  return { tenantId, connectionId: connection.id as string, version: connection.version as number, url: `/tenants/${tenantId}/connections/${connection.id}` };
}

/** Skips every step before `stepId`, as an admin would who did them by hand earlier. */
export async function skipStepsBefore(request: APIRequestContext, setup: { tenantId: string; connectionId: string; version: number }, stepId: number) {
  let version = setup.version;
  const headers = await csrfHeaders(request);
  const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20].filter((id) => id < stepId);
  for (const id of ids) {
    const answer = await request.put(`/api/tenants/${setup.tenantId}/connections/${setup.connectionId}/steps/${id}`, {
      data: { status: 'skipped', reason: 'Done by hand before', version },
      headers,
    });
    expect(answer.status()).toBe(200);
    version = (await answer.json()).version;
  }
  return version;
}
