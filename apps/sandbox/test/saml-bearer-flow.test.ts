import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';
import { UNCERTAIN } from '../src/uncertain.js';
import { COMM_PASSWORD, COMM_USER, findDestination, json, manualSetup, userToken, type ManualSetupOptions } from './support/manual-setup.js';

const REPLICATION = '/sap/opu/odata4/sap/api_task_spi_replication/default/sap/api_task_spi_replication/0001';
let sb: RunningSandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

async function setUp(options: ManualSetupOptions = {}) {
  sb = await startSandbox();
  await manualSetup(sb, options);
  return sb;
}

const errorOf = (found: { body: { authTokens: { error?: string }[] } }) => found.body.authTokens[0]!.error ?? '';

describe('the SAML 2.0 bearer flow from find destination to the task service', () => {
  it('when set up by hand as the seed procedure says, then find destination returns a token that opens api_task_spi_replication', async () => {
    const sandbox = await setUp();
    const found = await findDestination(sandbox, await userToken(sandbox));
    expect(found.status).toBe(200);
    expect(found.body.owner).toEqual({ SubaccountId: sandbox.descriptor.btp.subaccountId, InstanceId: null });
    expect(found.body.destinationConfiguration['tc.enabled']).toBe('true');
    const [token] = found.body.authTokens;
    expect(token).toMatchObject({ type: 'Bearer', http_header: { key: 'Authorization' } });
    expect(token.error).toBeUndefined();
    const tasks = await fetch(`${sandbox.descriptor.baseUrl}${REPLICATION}/${UNCERTAIN.taskReplication.entitySet}`, { headers: { authorization: token.http_header.value } });
    expect(tasks.status).toBe(200);
    const body = await json(tasks);
    expect(body.value).toHaveLength(3);
    expect(body.value[0].RecipientUserUUID).toBe(sandbox.descriptor.businessUsers[0]!.userUuid);
  });

  it('when find destination has no user JWT, then authTokens[0].error says a user is needed', async () => {
    const sandbox = await setUp();
    const found = await findDestination(sandbox);
    expect(found.status).toBe(200);
    expect(found.body.authTokens[0]).toMatchObject({ type: '', value: '', error: UNCERTAIN.findDestinationNoUserMessage });
  });

  it('when the S/4 system names another issuer than the certificate CN, then the token service answers invalid_client', async () => {
    const sandbox = await setUp({ samlIssuer: 'https://sandbox.authentication.eu10.hana.ondemand.com' });
    expect(errorOf(await findDestination(sandbox, await userToken(sandbox)))).toContain(`401 invalid_client: ${UNCERTAIN.tokenErrors.unknownIssuer}`);
  });

  it('when the BTP trust certificate is renewed after S/4 got the old one, then the signature is refused (invalid_grant)', async () => {
    const sandbox = await setUp();
    await fetch(`${sandbox.descriptor.baseUrl}/sandbox/actions/renew-trust-certificate`, { method: 'POST' });
    expect(errorOf(await findDestination(sandbox, await userToken(sandbox)))).toContain(`400 invalid_grant: ${UNCERTAIN.tokenErrors.badSignature}`);
  });

  it('when the destination has the -api host as audience, then the audience is refused', async () => {
    const sandbox = await setUp({ audience: 'https://my900001-api.s4hana.ondemand.com' });
    expect(errorOf(await findDestination(sandbox, await userToken(sandbox)))).toContain(UNCERTAIN.tokenErrors.wrongAudience);
  });

  it('when the token service password is wrong three times, then the user locks and even the right password fails', async () => {
    const sandbox = await setUp({ tokenServicePassword: 'wrong-password-wrong-password!' });
    const jwt = await userToken(sandbox);
    for (let i = 0; i < 3; i += 1) expect(errorOf(await findDestination(sandbox, jwt))).toContain(UNCERTAIN.tokenErrors.clientAuthenticationFailed);
    const right = Buffer.from(`${COMM_USER}:${COMM_PASSWORD}`).toString('base64');
    const answer = await fetch(`${sandbox.descriptor.baseUrl}/sap/bc/sec/oauth2/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${right}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer&assertion=x',
    });
    expect(answer.status).toBe(401);
    expect(await json(answer)).toEqual({ error: 'invalid_client', error_description: UNCERTAIN.tokenErrors.userLocked });
  });

  it('when the business user does not exist in S/4 with that UUID, then the name ID is refused', async () => {
    const sandbox = await setUp();
    const newcomer = sandbox.descriptor.businessUsers.find((u) => !u.inS4)!;
    expect(errorOf(await findDestination(sandbox, await userToken(sandbox, newcomer.userName)))).toContain(UNCERTAIN.tokenErrors.unknownUser);
  });

  it('when the arrangement was deleted, then no token is issued for the client', async () => {
    const sandbox = await setUp();
    await fetch(`${sandbox.descriptor.baseUrl}/sandbox/actions/delete-arrangement`, { method: 'POST' });
    expect(errorOf(await findDestination(sandbox, await userToken(sandbox)))).toContain(UNCERTAIN.tokenErrors.noArrangement);
  });

  it('when the task service is called without the flow’s bearer token, then it answers 401', async () => {
    const sandbox = await setUp();
    const basic = Buffer.from('TASKCENTER_USER:Task-Center-Pull-2026!x').toString('base64');
    const answer = await fetch(`${sandbox.descriptor.baseUrl}${REPLICATION}/`, { headers: { authorization: `Basic ${basic}` } });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});
