import { describe, expect, it } from 'vitest';
import { createTenantWithConnection, LANDSCAPE, SUBACCOUNT_ID, useTestServer } from './support/test-server.js';

const ctx = useTestServer();

const connectionBody = (overrides: Record<string, string> = {}) => ({
  displayName: 'Test',
  subaccountId: SUBACCOUNT_ID,
  landscapeDomain: LANDSCAPE,
  s4Host: 'my654321.s4hana.cloud.sap',
  ...overrides,
});

describe('connections', () => {
  it('when a connection is created from a pasted -api URL, then the UI host and every endpoint are derived', async () => {
    const tenant = await ctx.api.post('/api/tenants', { name: 'Derive' });
    const created = await ctx.api.post(`/api/tenants/${tenant.body.id}/connections`, {
      ...connectionBody({ s4Host: 'https://MY654321-api.s4hana.cloud.sap/sap/bc/ui5_ui5/', subaccountId: SUBACCOUNT_ID.toUpperCase() }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ s4UiHost: 'my654321.s4hana.cloud.sap', s4Client: '100', subaccountId: SUBACCOUNT_ID, state: 'not_started', version: 1 });
    expect(created.body.values).toMatchObject({
      s4ApiHost: 'my654321-api.s4hana.cloud.sap',
      expectedTokenServiceUrl: 'https://my654321-api.s4hana.cloud.sap/sap/bc/sec/oauth2/token',
      expectedSamlAudience: 'https://my654321.s4hana.cloud.sap',
      destinationUrl: 'https://my654321-api.s4hana.cloud.sap/',
      communicationScenario: 'SAP_COM_0501',
      userIdMappingMode: 'User UUID',
    });
    expect(created.body.steps.map((s: { stepId: number }) => s.stepId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  });

  it('when the host is not an S/4HANA Cloud host, then the answer is 400 saying what a host looks like', async () => {
    const tenant = await ctx.api.post('/api/tenants', { name: 'Bad host' });
    for (const s4Host of ['erp.example.com', 'my12345.s4hana.ondemand.com', 'my123456.s4hana.ondemand.com.evil.com', 'user@my123456.s4hana.ondemand.com']) {
      const answer = await ctx.api.post(`/api/tenants/${tenant.body.id}/connections`, connectionBody({ s4Host }));
      expect(answer.status, s4Host).toBe(400);
      expect(answer.body.error.details[0]).toMatchObject({ field: 's4Host', message: expect.stringMatching(/S\/4HANA Cloud host|host name/) });
    }
  });

  it('when subaccount, landscape or client are malformed, then each field is named with what to fix', async () => {
    const tenant = await ctx.api.post('/api/tenants', { name: 'Bad fields' });
    const answer = await ctx.api.post(`/api/tenants/${tenant.body.id}/connections`, connectionBody({
      subaccountId: 'not-a-guid',
      landscapeDomain: 'cfapps.eu10.hana.ondemand.com',
      s4Client: '10',
    }));
    expect(answer.status).toBe(400);
    const fields = Object.fromEntries(answer.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(fields.subaccountId).toMatch(/GUID/);
    expect(fields.landscapeDomain).toMatch(/Leave out “cfapps\.”/);
    expect(fields.s4Client).toMatch(/three-digit/);
    // Only SAP's Cloud Foundry domains: the XSUAA and Destination hosts of the key are built from this one.
    for (const landscapeDomain of ['eu10.evil.example', 'eu10.hana.ondemand.com.evil.example', 'x.eu10.hana.ondemand.com']) {
      const refused = await ctx.api.post(`/api/tenants/${tenant.body.id}/connections`, connectionBody({ landscapeDomain }));
      expect(refused.status, landscapeDomain).toBe(400);
      expect(refused.body.error.details[0]).toMatchObject({ field: 'landscapeDomain', message: expect.stringMatching(/under hana\.ondemand\.com/) });
    }
  });

  it('when the same subaccount and S/4 system are connected twice in a tenant, then the second answers 409', async () => {
    const tenant = await ctx.api.post('/api/tenants', { name: 'Twice' });
    expect((await ctx.api.post(`/api/tenants/${tenant.body.id}/connections`, connectionBody())).status).toBe(201);
    const again = await ctx.api.post(`/api/tenants/${tenant.body.id}/connections`, connectionBody({ displayName: 'Other name' }));
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/duplicates tasks/);
  });

  it('when a connection of one tenant is read through another tenant, then it is not found', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const other = await ctx.api.post('/api/tenants', { name: 'Other tenant' });
    const foreign = base.replace(/tenants\/[^/]+/, `tenants/${other.body.id}`);
    expect((await ctx.api.get(foreign)).status).toBe(404);
  });

  it('when a rename carries a stale version, then it answers 409 and the first rename stays', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const first = await ctx.api.patch(base, { displayName: 'Tab one', version: 1 });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    const second = await ctx.api.patch(base, { displayName: 'Tab two', version: 1 });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'STALE_VERSION', message: expect.stringMatching(/admin changed this connection.*Reload/) });
    expect((await ctx.api.get(base)).body.displayName).toBe('Tab one');
  });

  it('when a connection is deleted with its current version, then it is gone; with a stale one it stays', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    expect((await ctx.api.delete(`${base}?version=7`)).status).toBe(409);
    expect((await ctx.api.delete(`${base}?version=1`)).status).toBe(204);
    expect((await ctx.api.get(base)).status).toBe(404);
  });

  it('when connections are listed, then search and sort by progress work', async () => {
    const tenant = await ctx.api.post('/api/tenants', { name: 'Listing' });
    const t = `/api/tenants/${tenant.body.id}/connections`;
    const dev = await ctx.api.post(t, connectionBody({ displayName: 'Dev', s4Host: 'my100001.s4hana.ondemand.com' }));
    await ctx.api.post(t, connectionBody({ displayName: 'Prod', s4Host: 'my100002.s4hana.ondemand.com' }));
    await ctx.api.put(`${t}/${dev.body.id}/steps/2`, { status: 'done', version: 1 });
    const byProgress = await ctx.api.get(`${t}?sort=progress&order=desc`);
    expect(byProgress.body.items.map((c: { displayName: string }) => c.displayName)).toEqual(['Dev', 'Prod']);
    expect(byProgress.body.items[0]).toMatchObject({ progress: { finished: 1, total: 19 }, state: 'in_progress' });
    const search = await ctx.api.get(`${t}?q=my100002`);
    expect(search.body.items.map((c: { displayName: string }) => c.displayName)).toEqual(['Prod']);
    const tenantRow = await ctx.api.get(`/api/tenants/${tenant.body.id}`);
    expect(tenantRow.body).toMatchObject({ connectionCount: 2, workingCount: 0, attentionCount: 0 });
  });
});
