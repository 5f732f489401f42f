import type { FaultSettings } from '@tcc/sandbox';
import { TASK_REPLICATION_SERVICE_PATH } from '@tcc/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runToEnd } from './support/field-run.js';
import { destinationCall, s4Call, sandboxConnection } from './support/sandbox-connection.js';

/**
 * Issue 10, Done-when 2: certificate rotation without downtime. Everything goes through the product's API and the
 * sandbox's HTTP APIs; the window in which S/4 and BTP disagreed is what the sandbox itself recorded
 * (GET /sandbox/trust-agreement), not a guess from the client side.
 */
let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
const LATENCY_MS = 100;
const PROBE_EVERY_MS = 50;

const sandboxUrl = () => ctx.server.sandboxUrl;
const setFaults = (faults: Partial<FaultSettings>) =>
  fetch(`${sandboxUrl()}/sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
const clearFaults = () => fetch(`${sandboxUrl()}/sandbox/faults`, { method: 'DELETE' });
const rotation = async () => (await ctx.api.get(`${ctx.base}/trust-rotation`)).body;
const rotate = (body: object = { confirm: true }) => ctx.api.post(`${ctx.base}/trust-rotation`, body);
const generatePassive = async () => {
  const answer = await ctx.api.post(`${ctx.base}/trust-rotation/passive`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};
const health = async () => (await ctx.api.post(`${ctx.base}/health/check`)).body;
const heldByS4 = async () => {
  const answer = await s4Call(ctx.server, ctx.sandbox, 'GET', 'systems', "/CommunicationSystems?$filter=ID eq 'TASK_CENTER'");
  return ((await answer.json()) as { value: { OAuth2IdentityProviderCertificatePublicKeyBase64: string }[] }).value[0]!.OAuth2IdentityProviderCertificatePublicKeyBase64;
};
const base64Of = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');
const activeInBtp = async () => ((await (await destinationCall(ctx.sandbox, 'GET', '/saml2Metadata/certificate')).json()) as { certificate: string }).certificate;

/** Task Center's side of the chain, straight at the sandbox: find destination with a user's token, then the task API. */
async function createProbe() {
  const key = ctx.sandbox.btp.loopbackDestinationServiceKey;
  const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields) });
  const serviceToken = ((await (await fetch(`${key.url}/oauth/token`, form({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret }))).json()) as { access_token: string }).access_token;
  const user = ctx.sandbox.businessUsers.find((u) => u.inS4)!;
  const client = ctx.sandbox.btp.userTokenClient;
  const userToken = ((await (await fetch(`${ctx.sandbox.baseUrl}/oauth/token`, form({ grant_type: 'password', username: user.userName, password: user.password, client_id: client.clientid, client_secret: client.clientsecret }))).json()) as { access_token: string })
    .access_token;
  return async function probe(): Promise<boolean> {
    const found = await fetch(`${key.uri}/destination-configuration/v1/destinations/S4HANACloud`, { headers: { authorization: `Bearer ${serviceToken}`, 'x-user-token': userToken } });
    if (!found.ok) return false;
    const header = ((await found.json()) as { authTokens?: { value: string; http_header?: { value: string } }[] }).authTokens?.[0];
    if (!header?.value) return false;
    const tasks = await fetch(`${sandboxUrl()}${TASK_REPLICATION_SERVICE_PATH}?sap-client=${ctx.sandbox.s4.client}`, { headers: { authorization: header.http_header?.value ?? `Bearer ${header.value}` } });
    return tasks.status === 200;
  };
}

/** The spans (ms) in which the communication system did not trust what BTP signs with, from the sandbox's record. */
async function disagreementWindows(): Promise<number[]> {
  const { changes } = (await (await fetch(`${sandboxUrl()}/sandbox/trust-agreement`)).json()) as { changes: { at: number; systemId: string; agrees: boolean }[] };
  const windows: number[] = [];
  let since: number | null = null;
  for (const change of changes.filter((c) => c.systemId === 'TASK_CENTER')) {
    if (!change.agrees && since === null) since = change.at;
    if (change.agrees && since !== null) {
      windows.push(change.at - since);
      since = null;
    }
  }
  if (since !== null) windows.push(Number.POSITIVE_INFINITY);
  return windows;
}

beforeAll(async () => {
  ctx = await sandboxConnection();
  expect((await runToEnd(ctx)).status).toBe('succeeded');
  expect((await health()).state).toBe('healthy');
});
afterEach(() => clearFaults());
afterAll(() => ctx.server.stop());

describe('certificate rotation without downtime', () => {
  it('when there is no passive certificate, then the switch is refused with what to do, and nothing changes', async () => {
    const status = await rotation();
    expect(status).toMatchObject({ passive: null, s4Holds: 'active' });
    expect(status.active.daysToExpiry).toBeGreaterThan(700);
    expect(status.blockers.join(' ')).toMatch(/Generate the passive certificate first/);
    const before = await activeInBtp();
    const refused = await rotate();
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/nothing was changed.*Generate the passive certificate first/);
    expect(await activeInBtp()).toBe(before);
  });

  it('when the switch is not confirmed, then it is refused with a message that says so', async () => {
    const refused = await rotate({});
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(/Confirm the switch/);
  });

  it('when S/4HANA refuses the new certificate, then nothing changes in BTP and the connection stays healthy', async () => {
    const { passive, active } = await generatePassive();
    expect(passive.fingerprintSha256).not.toBe(active.fingerprintSha256);
    expect(passive.cn).toBe(active.cn);
    await setFaults({ pathPattern: 'CommunicationSystems\\(', method: 'PATCH', failNextCalls: 1, errorStatus: 500 });
    const answer = await rotate();
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ outcome: 'failed', steps: [{ id: 'read', status: 'done' }, { id: 'put-on-s4', status: 'failed' }] });
    expect(answer.body.message).toMatch(/S\/4HANA did not take the new certificate.*Nothing was changed in BTP/);
    expect(answer.body.status).toMatchObject({ s4Holds: 'active', active: { fingerprintSha256: active.fingerprintSha256 }, passive: { fingerprintSha256: passive.fingerprintSha256 } });
    expect(base64Of(await activeInBtp())).toBe(base64Of(active.pem));
    expect((await health()).state).toBe('healthy');
  });

  it('when BTP fails to make it active, then S/4HANA is rolled back to the previous certificate and the rotation says so', async () => {
    const { passive, active } = await rotation();
    await setFaults({ pathPattern: 'rotateCertificate', method: 'POST', failNextCalls: 1, errorStatus: 500 });
    const answer = await rotate();
    expect(answer.body).toMatchObject({ outcome: 'rolled-back' });
    expect(answer.body.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`)).toEqual(['read:done', 'activate-in-btp:failed', 'roll-back-s4:done']);
    expect(answer.body.message).toMatch(/BTP did not make the new certificate active.*rolled back to the previous certificate, and the connection test passes again/);
    expect(base64Of(await heldByS4())).toBe(base64Of(active.pem));
    expect(base64Of(await activeInBtp())).toBe(base64Of(active.pem));
    expect((await rotation()).passive.fingerprintSha256).toBe(passive.fingerprintSha256);
    expect((await health()).state).toBe('healthy');
  });

  it('when S/4HANA refuses the new token after the switch (403), then both systems are rolled back and the test passes again', async () => {
    const { active } = await rotation();
    // The first test's task API call is refused (403 is not retried); the test after the roll-back passes.
    await setFaults({ pathPattern: 'api_task_spi_replication', method: 'GET', failNextCalls: 1, errorStatus: 403 });
    const answer = await rotate();
    expect(answer.body.outcome, JSON.stringify(answer.body)).toBe('rolled-back');
    expect(answer.body.steps.map((s: { id: string; status: string }) => `${s.id}:${s.status}`)).toEqual([
      'read:done',
      'put-on-s4:done',
      'activate-in-btp:done',
      'verify:done',
      'end-to-end:failed',
      'roll-back-btp:done',
      'roll-back-s4:done',
    ]);
    expect(answer.body.test).toMatchObject({ outcome: 'succeeded' });
    expect(base64Of(await heldByS4())).toBe(base64Of(active.pem));
    expect(base64Of(await activeInBtp())).toBe(base64Of(active.pem));
    expect((await ctx.api.get(ctx.base)).body.certificate.fingerprintSha256).toBe(active.fingerprintSha256);
    expect((await health()).state).toBe('healthy');
    // The audit log says how it ended, not just that the call answered.
    const audit = (await ctx.api.get(`${ctx.base.split('/connections/')[0]}/audit?pageSize=10`)).body.items;
    expect(audit.find((e: { action: string }) => e.action === 'rotateTrustCertificate')).toMatchObject({ result: 'failed', detail: 'ROTATION_ROLLED_BACK' });
  });

  it('when the answer of the S/4 write is lost after S/4 took it, then the rotation reads S/4, goes on and ends rotated', async () => {
    const { passive } = await rotation();
    await setFaults({ pathPattern: 'CommunicationSystems\\(', method: 'PATCH', dropAnswerNextCalls: 1 });
    const answer = await rotate();
    expect(answer.body.outcome, JSON.stringify(answer.body)).toBe('rotated');
    expect(base64Of(await heldByS4())).toBe(base64Of(passive.pem));
    expect(base64Of(await activeInBtp())).toBe(base64Of(passive.pem));
    expect((await health()).state).toBe('healthy');
  });

  it('when the answer of BTP’s rotate is lost after BTP switched, then the rotation reads the active certificate and ends rotated, not rolled back', async () => {
    const { passive } = await rotation();
    await setFaults({ pathPattern: 'rotateCertificate', method: 'POST', dropAnswerNextCalls: 1 });
    const answer = await rotate();
    expect(answer.body.outcome, JSON.stringify(answer.body)).toBe('rotated');
    expect(answer.body.steps.some((s: { id: string }) => s.id.startsWith('roll-back'))).toBe(false);
    expect(base64Of(await heldByS4())).toBe(base64Of(passive.pem));
    expect(base64Of(await activeInBtp())).toBe(base64Of(passive.pem));
  });

  it('when SAP does not answer the test after the switch (5xx), then the rotation stands (both read back equal) and says to test again', async () => {
    const { passive } = await rotation();
    await setFaults({ pathPattern: 'api_task_spi_replication', method: 'GET', failNextCalls: 4, errorStatus: 500 });
    const answer = await rotate();
    expect(answer.body.outcome, JSON.stringify(answer.body)).toBe('rotated');
    expect(answer.body.message).toMatch(/could not finish.*Run Test connection again/);
    expect(answer.body.steps.at(-1)).toMatchObject({ id: 'end-to-end', status: 'failed' });
    expect(base64Of(await activeInBtp())).toBe(base64Of(passive.pem));
    expect((await health()).state).toBe('healthy');
  });

  it('while a rotation runs, then assisted setup, Repair and a new passive certificate are refused with 409', async () => {
    // BTP takes its time with the rotate: the switch holds the connection meanwhile.
    await setFaults({ pathPattern: 'rotateCertificate', latencyMs: 1500 });
    const rotating = rotate();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const run = await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: true });
    expect(run.status, JSON.stringify(run.body)).toBe(409);
    expect(run.body.error.message).toMatch(/rotation of this connection is running/);
    const passive = await ctx.api.post(`${ctx.base}/trust-rotation/passive`);
    expect(passive.status).toBe(409);
    const second = await rotate();
    expect(second.status).toBe(409);
    expect((await rotating).body.outcome).toBe('rotated');
  });

  it(`when it rotates while a probe runs the chain every ${PROBE_EVERY_MS} ms with ${LATENCY_MS} ms per SAP call, then it ends healthy and prints the failed probes and the window`, async () => {
    const { passive, active } = await rotation();
    const probe = await createProbe();
    expect(await probe()).toBe(true);
    await setFaults({ latencyMs: LATENCY_MS });
    await fetch(`${sandboxUrl()}/sandbox/trust-agreement`, { method: 'DELETE' });
    const outcomes: Promise<boolean>[] = [];
    const timer = setInterval(() => outcomes.push(probe().catch(() => false)), PROBE_EVERY_MS);
    let answer;
    try {
      answer = await rotate();
    } finally {
      clearInterval(timer);
    }
    const results = await Promise.all(outcomes);
    await clearFaults();
    const windows = await disagreementWindows();
    const failed = results.filter((ok) => !ok).length;
    console.log(
      `rotation: ${results.length} probe calls during the rotation, ${failed} failed; S/4 and BTP disagreed for ${windows.map((w) => `${w.toFixed(1)} ms`).join(', ')} ` +
        `(target at most ${2 * LATENCY_MS} ms: two SAP calls at ${LATENCY_MS} ms); the server saw ${answer.body.switchMs} ms between S/4's and BTP's answers`,
    );
    expect(answer.body.outcome, JSON.stringify(answer.body)).toBe('rotated');
    expect(answer.body.message).toMatch(/and the connection test passes/);
    // One switch, closed: the systems disagreed once and agree again.
    expect(windows).toHaveLength(1);
    expect(Number.isFinite(windows[0])).toBe(true);
    expect(results.length).toBeGreaterThan(0);
    // Both systems hold the former passive certificate; the former active one waits as passive (a rollback stays possible).
    expect(answer.body.status).toMatchObject({ s4Holds: 'active', active: { fingerprintSha256: passive.fingerprintSha256 }, passive: { fingerprintSha256: active.fingerprintSha256 } });
    expect(base64Of(await heldByS4())).toBe(base64Of(passive.pem));
    expect(await probe()).toBe(true);
    const after = await health();
    expect(after.state).toBe('healthy');
    expect(after.certificateDaysLeft).toBe(passive.daysToExpiry);
    expect((await ctx.api.get(ctx.base)).body.certificate.fingerprintSha256).toBe(passive.fingerprintSha256);
  });

  it('when the tenant does not take the signing certificate through its API, then the assisted switch is refused and the guided path is named', async () => {
    const profile = (await (await fetch(`${sandboxUrl()}/sandbox/profile`)).json()) as Record<string, unknown>;
    const putProfile = (body: object) => fetch(`${sandboxUrl()}/sandbox/profile`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    await putProfile({ signingCertificateWritable: false });
    try {
      await generatePassive();
      const status = await rotation();
      expect(status.blockers.join(' ')).toMatch(/does not take the signing certificate through its API.*rotate by hand/);
      const before = await activeInBtp();
      const refused = await rotate();
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/nothing was changed/);
      expect(await activeInBtp()).toBe(before);
    } finally {
      await putProfile({ signingCertificateWritable: profile.signingCertificateWritable });
    }
  });
});
