import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxConnection } from './support/sandbox-connection.js';

/**
 * sap-field-facts.md row 4: S/4 locks a communication user after a burst of failed Basic logons (SAP-docs 0377ade:
 * three). The product must never be that burst: the first 401 stops every further call with the SAP_COM_0A48
 * password until it is saved again. The sandbox's own counter is read over HTTP.
 */
let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
beforeAll(async () => {
  ctx = await sandboxConnection();
});
afterAll(() => ctx.server.stop());

const managementUser = async () =>
  (await (await fetch(`${ctx.server.sandboxUrl}/sandbox/communication-management-user`)).json()) as { failedLogons: number; locked: boolean };
const sandboxPost = (path: string, body: object) =>
  fetch(`${ctx.server.sandboxUrl}/sandbox${path}`, { method: path.startsWith('/profile') ? 'PUT' : 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const version = async () => (await ctx.api.get(ctx.base)).body.version as number;
const savePassword = async (password: string) =>
  ctx.api.put(`${ctx.base}/credentials`, { communicationManagementUser: ctx.sandbox.s4.communicationManagement.user, communicationManagementPassword: password, version: await version() });

describe('the SAP_COM_0A48 user is never locked by the product', () => {
  it('when its password is wrong, then one failed logon reaches S/4 and plan, run, Verify and SAP facts make no further call until it is saved again', async () => {
    await savePassword('Wrong-Password-0A48-2026!');
    const plan = (await ctx.api.post(`${ctx.base}/automation/plan`)).body;
    expect(plan.blockers.join(' ')).toMatch(/refused the SAP_COM_0A48 communication user/);
    expect(await managementUser()).toEqual({ name: ctx.sandbox.s4.communicationManagement.user, failedLogons: 1, locked: false });

    const status = (await ctx.api.get(`${ctx.base}/credentials`)).body;
    expect(status.communicationManagement.refusedAt).toEqual(expect.any(String));
    const again = (await ctx.api.post(`${ctx.base}/automation/plan`)).body;
    expect(again.blockers.join(' ')).toMatch(/no further call is made with this password/);
    expect((await ctx.api.post(`${ctx.base}/automation/runs`, {})).status).toBe(400);
    expect((await ctx.api.post(`${ctx.base}/steps/4/verify`)).body.verified).toBe(false);
    expect((await ctx.api.post(`${ctx.base}/sap-facts`)).body.problems.join(' ')).toMatch(/refused/);
    expect((await managementUser()).failedLogons).toBe(1);

    await savePassword(ctx.sandbox.s4.communicationManagement.password);
    expect((await ctx.api.get(`${ctx.base}/credentials`)).body.communicationManagement.refusedAt).toBeNull();
    expect((await ctx.api.post(`${ctx.base}/automation/plan`)).body.blockers).toEqual([]);
    expect(await managementUser()).toMatchObject({ failedLogons: 0, locked: false });
  });

  it('when a client ignores that rule, then the sandbox locks the user at the threshold and refuses even the right password', async () => {
    const { user, password } = ctx.sandbox.s4.communicationManagement;
    const logon = (secret: string) =>
      fetch(`${ctx.server.sandboxUrl}/sap/opu/odata4/sap/aps_com_cu_a4c_odata/srvd_a2x/sap/aps_com_cu_a4c_odata/0001/`, { headers: { authorization: `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}` } });
    for (let i = 0; i < 2; i += 1) expect((await logon('nope')).status).toBe(401);
    expect(await managementUser()).toMatchObject({ failedLogons: 2, locked: false });
    expect((await logon('nope')).status).toBe(401);
    expect(await managementUser()).toMatchObject({ failedLogons: 3, locked: true });
    expect((await logon(password)).status).toBe(401);
    await sandboxPost('/actions/unlock-communication-management-user', {});
    expect((await logon(password)).status).toBe(200);
  });

  it('when the tenant locks at the first failure (strict profile), then the product\u2019s single failed logon locks it, and the product says it may be locked', async () => {
    await sandboxPost('/profile', { lockAfterFailedLogons: 1 });
    await savePassword('Wrong-Password-0A48-2026!');
    const plan = (await ctx.api.post(`${ctx.base}/automation/plan`)).body;
    expect(plan.blockers.join(' ')).toMatch(/whether it is locked/);
    expect(await managementUser()).toMatchObject({ failedLogons: 1, locked: true });
    await sandboxPost('/actions/unlock-communication-management-user', {});
    await sandboxPost('/profile', { profile: 'evidence' });
  });
});
