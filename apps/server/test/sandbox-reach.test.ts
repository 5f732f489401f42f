import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenantWithConnection } from './support/test-server.js';
import { runToEnd } from './support/field-run.js';
import { s4Call, sandboxConnection } from './support/sandbox-connection.js';

/**
 * Finding 14 of "Tell the admin the truth": with the sandbox on, the guard mapped the sandbox's host names (some are
 * real SAP names, e.g. eu10's Destination service) for every tenant, and let any path through — so a service key
 * could aim the product at the sandbox's own controls. Now: sandbox connections only, and SAP's API paths only.
 */
let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
beforeAll(async () => {
  ctx = await sandboxConnection();
});
afterAll(() => ctx.server.stop());

const sandboxCalls = async () => ((await (await fetch(`${ctx.server.sandboxUrl}/sandbox/stats`)).json()) as { calls: number }).calls;
const version = async (base: string) => (await ctx.api.get(base)).body.version as number;

describe('what the product can reach of the sandbox', () => {
  it('when a service key of the sandbox connection aims at the sandbox\u2019s control endpoints, then no call gets there and no user is locked', async () => {
    expect((await runToEnd(ctx)).status).toBe('succeeded');
    const key = ctx.sandbox.btp.destinationServiceKey;
    for (const hostile of [
      { ...key, url: `${key.url}/sandbox/actions/lock-communication-user?x=` },
      { ...key, url: `${key.url}/%73andbox/actions/lock-communication-user?x=` },
      { ...key, uri: `${key.uri}/sandbox/actions/lock-communication-user#` },
    ]) {
      await ctx.api.put(`${ctx.base}/credentials`, { destinationServiceKey: JSON.stringify(hostile), version: await version(ctx.base) });
      const plan = (await ctx.api.post(`${ctx.base}/automation/plan`)).body;
      expect(plan.blockers.join(' ')).toMatch(/not an SAP API path of the sandbox/);
    }
    const user = (await (await s4Call(ctx.server, ctx.sandbox, 'GET', 'users', "/CommunicationUsers?$filter=Name eq 'TASK_CENTER_USER'")).json()) as { value: { IsLocked: boolean }[] };
    expect(user.value[0]!.IsLocked).toBe(false);
  });

  it('when a connection that is not the sandbox uses the sandbox\u2019s SAP host names, then its calls do not reach the sandbox', async () => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    await ctx.api.put(`${base}/credentials`, {
      destinationServiceKey: JSON.stringify(ctx.sandbox.btp.destinationServiceKey),
      communicationManagementUser: ctx.sandbox.s4.communicationManagement.user,
      communicationManagementPassword: ctx.sandbox.s4.communicationManagement.password,
      generateTaskCenterUserPassword: true,
      version: connection.version,
    });
    const before = await sandboxCalls();
    const plan = (await ctx.api.post(`${base}/automation/plan`)).body;
    expect(await sandboxCalls()).toBe(before);
    // Finding 9: each unreachable system said once, by host, in the UI's words — not once per unit with internal ids.
    expect(plan.blockers).toEqual([
      expect.stringMatching(/my123456-api\.s4hana\.ondemand\.com could not be reached/),
      expect.stringMatching(/sandbox\.authentication\.eu10\.hana\.ondemand\.com could not be reached.*Check the url and uri of the Destination service key/),
    ]);
    const words = [...plan.blockers, ...plan.units.flatMap((u: { object: string; summary: string }) => [u.object, u.summary])].join(' ');
    expect(words).not.toMatch(/communicationSystem|trustCertificate|oauthDetails|inboundUser|communicationUser/);
    expect(plan.units.map((u: { object: string }) => u.object)).toContain('communication system');
  });
});
