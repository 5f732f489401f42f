import { STEP_CATALOGUE } from '@tcc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fiori, s4Call, sandboxConnection } from './support/sandbox-connection.js';
import { adminClient, createTenantWithConnection, startTestServer, type ApiClient, type TestServer } from './support/test-server.js';

/** Issue 9 finding 6: a Client ID with one wrong character at step 19 must not pass (nothing accepted that SAP would reject). */

/** The client ID S/4 holds after the rename below: not the user name, so a match proves S/4 was read, not derived. */
const HELD = 'TC_PULL_CLIENT';
const TYPO = 'TC_PULL_CLIENX';

const ENTERED: Record<number, Record<string, string>> = {
  3: { communicationUserName: 'TASK_CENTER_USER', communicationUserDescription: 'Task Center pull' },
  5: { systemId: 'TASK_CENTER', systemName: 'SAP Task Center' },
  17: { arrangementName: 'SAP_COM_0501_TASK_CENTER' },
};

type Step = { stepId: number; status: string; values: Record<string, string>; note: string | null };
const stepOf = (detail: { steps: Step[] }, id: number) => detail.steps.find((s) => s.stepId === id)!;

/** Steps 1–18 finished as an admin would in the wizard: done with the names typed in Fiori, the rest skipped. */
async function finishUpTo18(api: ApiClient, base: string): Promise<number> {
  let version = (await api.get(base)).body.version as number;
  for (const step of STEP_CATALOGUE.filter((s) => s.id < 19)) {
    const values = ENTERED[step.id];
    const body = values ? { status: 'done', values, version } : { status: 'skipped', reason: 'done in Fiori', version };
    const answer = await api.put(`${base}/steps/${step.id}`, body);
    if (answer.status !== 200) throw new Error(`step ${step.id}: ${JSON.stringify(answer.body)}`);
    version = answer.body.version;
  }
  return version;
}

describe('step 19 compares the Client ID with what S/4HANA holds', () => {
  let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
  let values: { tokenServiceUrl: string; samlAudience: string };

  beforeAll(async () => {
    ctx = await sandboxConnection();
    // Steps 2–18 by hand in the sandbox's Fiori stand-in (as adoption.test.ts does).
    const pem = await (await fetch(`${ctx.server.sandboxUrl}/sandbox/fiori/trust-certificate.pem`)).text();
    await fiori(ctx.server, '/communication-users', { name: 'TASK_CENTER_USER', description: 'Task Center pull', password: 'Task-Center-Pull-2026!x' });
    await fiori(ctx.server, '/communication-systems', {
      systemId: 'TASK_CENTER', systemName: 'SAP Task Center', hostName: ctx.sandbox.s4.uiHost, signingCertificatePem: pem,
      samlIssuer: ctx.sandbox.btp.trustCertificateCn, userIdMappingMode: 'User UUID', inboundUserName: 'TASK_CENTER_USER', inboundOnly: true,
    });
    await fiori(ctx.server, '/communication-arrangements', { scenario: 'SAP_COM_0501', name: 'SAP_COM_0501_TASK_CENTER', systemId: 'TASK_CENTER' });
    // Renamed through the SAP_COM_0A48 API (sap-field-facts.md row 2), so S/4 holds another ID than the user name.
    const oauth = (await (await s4Call(ctx.server, ctx.sandbox, 'GET', 'systems', "/InboundUsers?$filter=AuthenticationMethod eq 'oauth2'")).json()) as { value: { UUID: string }[] };
    expect(oauth.value).toHaveLength(1);
    const renamed = await s4Call(ctx.server, ctx.sandbox, 'PATCH', 'systems', `/InboundUsers(${oauth.value[0]!.UUID})`, { OAuth2ClientID: HELD });
    expect(renamed.status, await renamed.text()).toBeLessThan(300);
    await finishUpTo18(ctx.api, ctx.base);
    const detail = (await ctx.api.get(ctx.base)).body;
    values = { tokenServiceUrl: detail.values.expectedTokenServiceUrl, samlAudience: detail.values.expectedSamlAudience };
  });
  afterAll(() => ctx.server.stop());

  const markDone = async (clientId: string, extra: object = {}) => {
    const { version } = (await ctx.api.get(ctx.base)).body;
    return ctx.api.put(`${ctx.base}/steps/19`, { status: 'done', values: { ...values, clientId }, version, ...extra });
  };

  it('when the Client ID has one wrong character, then "done" is refused naming the field, what S/4HANA holds and what was typed', async () => {
    const answer = await markDone(TYPO);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('VALUE_MISMATCH');
    expect(answer.body.error.message).toContain(`Client ID: S/4HANA holds ${HELD} for the inbound user of the SAP_COM_0501 arrangement SAP_COM_0501_TASK_CENTER, but ${TYPO} was entered`);
    expect(answer.body.error.message).toMatch(/differs from position 14 on/);
    expect(answer.body.error.details).toEqual([{ field: 'clientId', message: expect.stringContaining(`S/4HANA holds ${HELD}`) }]);
    expect(stepOf((await ctx.api.get(ctx.base)).body, 19).status).not.toBe('done');
  });

  it('when the derived value (the user name) is typed but S/4HANA holds another ID, then "done" is refused too', async () => {
    const answer = await markDone('TASK_CENTER_USER');
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toContain(`S/4HANA holds ${HELD}`);
  });

  it('when "keep my value" has no reason, then it answers 400 and nothing is kept', async () => {
    const answer = await markDone(TYPO, { keepValues: { reason: '   ' } });
    expect(answer.status).toBe(400);
    expect(stepOf((await ctx.api.get(ctx.base)).body, 19).status).not.toBe('done');
  });

  it('when "keep my value" comes with a reason, then the step is done with the typed value and the reason is its note', async () => {
    const answer = await markDone(TYPO, { keepValues: { reason: 'The OAuth 2.0 Details screen shows this ID' } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const step = stepOf(answer.body, 19);
    expect(step).toMatchObject({ status: 'done', values: { clientId: TYPO } });
    expect(step.note).toBe(`Kept as entered: Client ID ${TYPO}, where S/4HANA holds ${HELD}. Reason: The OAuth 2.0 Details screen shows this ID`);
    expect(stepOf((await ctx.api.get(ctx.base)).body, 19).note).toContain('The OAuth 2.0 Details screen shows this ID');
  });

  it('when "keep my value" is sent with a wrong Token Service URL, then that mismatch is still refused', async () => {
    const { version } = (await ctx.api.get(ctx.base)).body;
    const answer = await ctx.api.put(`${ctx.base}/steps/19`, {
      status: 'done', values: { ...values, tokenServiceUrl: `${values.tokenServiceUrl}x`, clientId: HELD }, version, keepValues: { reason: 'sure' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.details.map((d: { field: string }) => d.field)).toEqual(['tokenServiceUrl']);
  });

  it('when the Client ID is what S/4HANA holds, then the step is done, without a note, and it is the destination’s clientKey', async () => {
    const answer = await markDone(HELD);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(stepOf(answer.body, 19)).toMatchObject({ status: 'done', values: { clientId: HELD }, note: null });
    const clientKey = answer.body.destination.find((p: { key: string }) => p.key === 'clientKey');
    expect(clientKey.value).toBe(HELD);
  });

  it('when S/4HANA does not answer, then the Client ID is compared with the derived value and the message says so', async () => {
    const faults = (body?: object) =>
      fetch(`${ctx.server.sandboxUrl}/sandbox/faults`, { method: body ? 'PUT' : 'DELETE', headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
    await faults({ errorRate: 1, errorStatus: 503, retryAfterSeconds: 0 });
    try {
      const answer = await markDone(HELD);
      expect(answer.status).toBe(422);
      expect(answer.body.error.message).toMatch(/compared with the derived value TASK_CENTER_USER \(the communication user name from step 3\), not with S\/4HANA: S\/4HANA Cloud is not available/);
    } finally {
      await faults();
    }
  });
});

describe('step 19 without S/4HANA credentials', () => {
  let server: TestServer;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startTestServer();
    api = await adminClient(server.baseUrl);
  });
  afterAll(() => server.stop());

  it('when the Client ID differs from the communication user name, then "done" is refused, saying it compared with the derived value, not S/4HANA', async () => {
    const { base } = await createTenantWithConnection(api);
    const version = await finishUpTo18(api, base);
    const host = { tokenServiceUrl: 'https://my123456-api.s4hana.ondemand.com/sap/bc/sec/oauth2/token', samlAudience: 'https://my123456.s4hana.ondemand.com' };
    const refused = await api.put(`${base}/steps/19`, { status: 'done', values: { ...host, clientId: 'TASK_CENTER_USFR' }, version });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain(
      'Client ID: TASK_CENTER_USFR was entered; compared with the derived value TASK_CENTER_USER (the communication user name from step 3), not with S/4HANA: no SAP_COM_0A48 communication user is saved under Credentials',
    );
    expect(stepOf((await api.get(base)).body, 19).status).not.toBe('done');
    const done = await api.put(`${base}/steps/19`, { status: 'done', values: { ...host, clientId: 'TASK_CENTER_USER' }, version });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(stepOf(done.body, 19).status).toBe('done');
  });

  it('when step 20 is not saved yet, then the destination already carries the Name step 20 proposes (for "Copy all as JSON")', async () => {
    const { base } = await createTenantWithConnection(api);
    const detail = (await api.get(base)).body;
    expect(stepOf(detail, 20).status).toBe('not_started');
    expect(detail.values.destinationName).toBe('S4HANACloud');
    expect(detail.destination.find((p: { key: string }) => p.key === 'Name').value).toBe('S4HANACloud');
  });
});
