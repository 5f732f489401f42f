import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationCall, s4Call, sandboxConnection } from './support/sandbox-connection.js';

import { uploadSigningCertificateByHand } from './support/field-run.js';

/**
 * Run against the evidence profile (descriptive token errors) and the strict one, where S/4's token endpoint says no
 * more than RFC 6749's codes (its texts are not public, E.12): then every cause must be found by reading SAP's objects.
 * The lock threshold stays at three in both, so the wrong-password case is not also a lock.
 */
const PROFILES = [
  ['evidence', 'evidence'],
  ['strict', JSON.stringify({ base: 'strict', lockAfterFailedLogons: 3 })],
] as const;

let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
/** Acts on the sandbox as an admin would in SAP, between tests: through its own HTTP APIs. */
const s4 = (method: string, path: string, body?: object) => s4Call(ctx.server, ctx.sandbox, method, 'systems', path, body);
const destinationService = (method: string, body?: object) =>
  destinationCall(ctx.sandbox, method, `/subaccountDestinations${method === 'GET' ? '/S4HANACloud' : ''}`, body);

const test = (headers: Record<string, string> = {}) => ctx.api.post(`${ctx.base}/test`, undefined, headers).then((a) => a.body);

describe.each(PROFILES)('connection test causes (%s sandbox profile)', (name, profile) => {
beforeAll(async () => {
  ctx = await sandboxConnection({ SANDBOX_PROFILE: profile });
  await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: false });
  for (let run = null as null | { status: string }; !run || run.status === 'running'; ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body;
    if (run && run.status === 'failed') throw new Error('setup failed');
  }
  if (name === 'strict') {
    const verified = (await ctx.api.post(`${ctx.base}/steps/${await uploadSigningCertificateByHand(ctx)}/verify`)).body;
    if (!verified.verified) throw new Error(`step 8 by hand was not verified: ${verified.message}`);
  }
});
afterAll(() => ctx.server.stop());

describe('connection test: each failure cause produced in the sandbox and explained', () => {
  it('when everything is in place, then the test succeeds', async () => {
    expect(await test()).toMatchObject({ outcome: 'succeeded' });
  });

  it('when the test user does not exist in S/4 with that UUID, then it says so', async () => {
    const newcomer = ctx.sandbox.businessUsers.find((u) => !u.inS4)!;
    const version = (await ctx.api.get(ctx.base)).body.version;
    await ctx.api.put(`${ctx.base}/credentials`, { testUserName: newcomer.userName, testUserPassword: newcomer.password, version });
    try {
      expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: null, message: expect.stringMatching(/No business user in S\/4HANA has this user’s UUID/) });
    } finally {
      const user = ctx.sandbox.businessUsers.find((u) => u.inS4)!;
      const again = (await ctx.api.get(ctx.base)).body.version;
      await ctx.api.put(`${ctx.base}/credentials`, { testUserName: user.userName, testUserPassword: user.password, version: again });
    }
  });

  it('when the caller sends their own sign-in token, then it is not used: the test signs in its own test user', async () => {
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const foreign = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: 'https://idp.example.com', sub: 'someone', exp: Math.floor(Date.now() / 1000) + 600 })}.c2ln`;
    expect(await test({ authorization: `Bearer ${foreign}` })).toMatchObject({ outcome: 'succeeded', message: expect.stringContaining(ctx.sandbox.businessUsers.find((u) => u.inS4)!.userName) });
  });

  it('when the destination has the -api host as audience, then the test points at step 20', async () => {
    const destination = (await (await destinationService('GET')).json()) as Record<string, string>;
    await destinationService('PUT', { ...destination, audience: `https://${ctx.sandbox.s4.apiHost}` });
    expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 20, message: expect.stringMatching(/SAML2 Audience/) });
    await destinationService('PUT', destination);
  });

  it('when the destination sends the user name instead of the user UUID, then the test names userIdSource (read from the destination, not from S/4’s wording)', async () => {
    const destination = (await (await destinationService('GET')).json()) as Record<string, string>;
    const { userIdSource: _dropped, ...rest } = destination;
    await destinationService('PUT', rest);
    expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 20, message: expect.stringMatching(/set userIdSource to user_uuid/) });
    await destinationService('PUT', destination);
  });

  it('when the destination lacks tc.enabled, then the test says Task Center ignores it', async () => {
    const destination = (await (await destinationService('GET')).json()) as Record<string, string>;
    const { 'tc.enabled': _dropped, ...rest } = destination;
    await destinationService('PUT', rest);
    expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 20, message: expect.stringMatching(/tc.enabled/) });
    await destinationService('PUT', destination);
  });

  it('when the system names another issuer than the certificate CN, then the test points at step 9', async () => {
    const systems: any = await (await s4('GET', "/CommunicationSystems?$filter=ID eq 'TASK_CENTER'")).json();
    const uuid = systems.value[0].UUID;
    await s4('PATCH', `/CommunicationSystems(UUID=${uuid})`, { OAuth2IdentityProviderName: 'https://not-the-cn.example.com' });
    expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 9 });
    await s4('PATCH', `/CommunicationSystems(UUID=${uuid})`, { OAuth2IdentityProviderName: ctx.sandbox.btp.trustCertificateCn });
    expect(await test()).toMatchObject({ outcome: 'succeeded' });
  });

  it('when the destination carries a wrong Token Service Password, then the test says S/4 refused the communication user', async () => {
    const destination = (await (await destinationService('GET')).json()) as Record<string, string>;
    await destinationService('PUT', { ...destination, tokenServicePassword: 'Not-the-password-2026!' });
    expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 20, message: expect.stringMatching(/Token Service User or Password is wrong/) });
    await destinationService('PUT', destination);
  });

  it('when the destination carries another clientKey than S/4 holds, then the test names the client ID S/4 knows (read from SAP, not from its wording)', async () => {
    const destination = (await (await destinationService('GET')).json()) as Record<string, string>;
    await destinationService('PUT', { ...destination, clientKey: 'TASK_CENTER_USR' });
    expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 20, message: expect.stringContaining(`S/4HANA knows the OAuth 2.0 client as ${destination.clientKey}`) });
    await destinationService('PUT', destination);
  });

  it('when the SAP_COM_0501 arrangement was deleted, then the test says no arrangement allows the client and points at step 17', async () => {
    await fetch(`${ctx.server.sandboxUrl}/sandbox/actions/delete-arrangement`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 17, message: expect.stringMatching(/no communication arrangement allows this client/) });
    await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: true });
    for (let run = { status: 'running' }; run.status === 'running'; run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body) await new Promise((r) => setTimeout(r, 50));
    expect(await test()).toMatchObject({ outcome: 'succeeded' });
  });

  it('when the BTP trust certificate was renewed and S/4 still holds the old one, then the test points at step 8', async () => {
    await fetch(`${ctx.server.sandboxUrl}/sandbox/actions/renew-trust-certificate`, { method: 'POST' });
    expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 8, message: expect.stringMatching(/another signing certificate/) });
    await uploadSigningCertificateByHand(ctx);
    expect(await test()).toMatchObject({ outcome: 'succeeded' });
  });

  it('when the SAP_COM_0501 arrangement is bound to another inbound user, then the test points at step 18', async () => {
    const json = async (answer: Response) => ((await answer.json()) as { value: any[] }).value;
    const [system] = await json(await s4('GET', "/CommunicationSystems?$filter=ID eq 'TASK_CENTER'&$expand=InboundUsers"));
    const oauth = system.InboundUsers.find((u: { AuthenticationMethod: string }) => u.AuthenticationMethod === 'oauth2');
    // Another OAuth 2.0 client on the same system (SAP_COM_0501 takes only those), as a second admin might add.
    const other = (await (
      await s4Call(ctx.server, ctx.sandbox, 'POST', 'users', '/CommunicationUsers', { Name: 'OTHER_TC_USER', Description: 'another client', Type: 'customer_communication', Password: 'Other-Client-Pass-2026!' })
    ).json()) as { ID: string };
    const otherClient = (await (
      await s4('POST', '/InboundUsers', { CommunicationSystemUUID: system.UUID, CommunicationUserID: other.ID, AuthenticationMethod: 'oauth2', OAuth2GrantType: 'saml2-bearer' })
    ).json()) as { UUID: string };
    const arrangements = (path: string, method = 'GET', body?: object) => s4Call(ctx.server, ctx.sandbox, method, 'arrangements', path, body);
    const [arrangement] = await json(await arrangements("/CommunicationArrangements?$filter=CommunicationScenarioID eq 'SAP_COM_0501'"));
    const rebound = await arrangements(`/CommunicationArrangements(${arrangement.UUID})/InboundUser`, 'PATCH', { CommunicationSystemInboundUserUUID: otherClient.UUID });
    expect(rebound.status, await rebound.clone().text()).toBeLessThan(300);
    try {
      expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 18, message: expect.stringMatching(/bound to another inbound user/) });
    } finally {
      await arrangements(`/CommunicationArrangements(${arrangement.UUID})/InboundUser`, 'PATCH', { CommunicationSystemInboundUserUUID: oauth.UUID });
    }
    expect(await test()).toMatchObject({ outcome: 'succeeded' });
  });

  it('when the communication user is locked, then the test says so and points at step 3', async () => {
    await fetch(`${ctx.server.sandboxUrl}/sandbox/actions/lock-communication-user`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'TASK_CENTER_USER' }) });
    expect(await test()).toMatchObject({ outcome: 'failed', stepToFix: 3, message: expect.stringMatching(/locked/) });
  });
});
});
