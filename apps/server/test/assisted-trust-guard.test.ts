import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxConnection, setupObjectCounts } from './support/sandbox-connection.js';

/**
 * Finding 7 of "Tell the admin the truth" on the assisted path: the trust certificate read through the Destination
 * service key must be this connection's subaccount's, as an uploaded one must. A key of another subaccount would
 * otherwise make S/4 trust that subaccount's issuer.
 */
let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
beforeAll(async () => {
  ctx = await sandboxConnection();
});
afterAll(() => ctx.server.stop());

describe('assisted setup reads only this subaccount’s trust', () => {
  it('when the key belongs to another subaccount than the connection’s, then the plan names both and nothing is set up', async () => {
    const tenant = (await ctx.api.post('/api/tenants', { name: 'Wrong key' })).body;
    const base = `/api/tenants/${tenant.id}/connections`;
    const ours = '8f2d3c1a-5b6e-4f70-9a81-2c3d4e5f6a7b';
    const connection = (await ctx.api.post(base, { displayName: 'Other subaccount', subaccountId: ours, landscapeDomain: ctx.sandbox.btp.landscapeDomain, s4Host: ctx.sandbox.s4.uiHost, sandbox: true })).body;
    const filled = await ctx.api.post(`${base}/${connection.id}/credentials/from-sandbox`, { version: connection.version });
    expect(filled.status).toBe(200);

    const plan = (await ctx.api.post(`${base}/${connection.id}/automation/plan`)).body;
    expect(plan.blockers.join(' ')).toContain(`trust certificate of subaccount ${ctx.sandbox.btp.subaccountId}`);
    expect(plan.blockers.join(' ')).toContain(`paste the key of subaccount ${ours}`);
    expect(plan.units.find((u: { unit: string }) => u.unit === 'trustCertificate')).toMatchObject({ action: 'blocked' });
    const before = await setupObjectCounts(ctx.server, ctx.sandbox);
    const run = await ctx.api.post(`${base}/${connection.id}/automation/runs`, { confirmChanges: true });
    expect(run.status).toBe(400);
    expect(run.body.error.message).toContain(`paste the key of subaccount ${ours}`);
    expect(await setupObjectCounts(ctx.server, ctx.sandbox)).toEqual(before);

    const detail = (await ctx.api.get(`${base}/${connection.id}`)).body;
    expect(detail.certificate).toBeNull();
    expect(String(detail.values.samlIssuer ?? '')).not.toContain(ctx.sandbox.btp.subaccountId);
  });
});
