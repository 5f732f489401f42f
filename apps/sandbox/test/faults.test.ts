import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';
import { json, manualSetup, serviceToken } from './support/manual-setup.js';

const CU_SERVICE = '/sap/opu/odata4/sap/aps_com_cu_a4c_odata/srvd_a2x/sap/aps_com_cu_a4c_odata/0001';
let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ faults: { latencyMs: 0 } });
  await manualSetup(sb);
});
afterAll(() => sb.close());

const setFaults = (patch: object) =>
  fetch(`${sb.descriptor.baseUrl}/sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
const resetFaults = () => fetch(`${sb.descriptor.baseUrl}/sandbox/faults`, { method: 'DELETE' });
const action = async (name: string, body: object = {}) =>
  json(await fetch(`${sb.descriptor.baseUrl}/sandbox/actions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
const jwks = () => fetch(`${sb.descriptor.baseUrl}/token_keys`);

describe('fault injection, at start and at run time', () => {
  it('when latency is set at start, then every simulated call waits that long', async () => {
    const slow = await startSandbox({ faults: { latencyMs: 150 } });
    const started = performance.now();
    await fetch(`${slow.descriptor.baseUrl}/token_keys`);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    await slow.close();
  });

  it('when the next calls are set to fail with 429, then they answer 429 with Retry-After, and then calls succeed again', async () => {
    await setFaults({ failNextCalls: 2, errorStatus: 429, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i += 1) {
      const answer = await jwks();
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('7');
    }
    expect((await jwks()).status).toBe(200);
    await resetFaults();
  });

  it('when the error rate is 1 with 500, then every matching call fails and others pass', async () => {
    await setFaults({ errorRate: 1, errorStatus: 500, pathPattern: '^/token_keys' });
    expect((await jwks()).status).toBe(500);
    const token = await serviceToken(sb);
    expect(token).toMatch(/^ey/);
    await resetFaults();
    expect((await jwks()).status).toBe(200);
  });

  it('when a call is set to hang, then it is never answered and the client times out', async () => {
    await setFaults({ hangNextCalls: 1 });
    const outcome = await fetch(`${sb.descriptor.baseUrl}/token_keys`, { signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect((await jwks()).status).toBe(200);
  });

  it('when fault settings are malformed, then they are refused and the old ones stay', async () => {
    const answer = await setFaults({ errorRate: 2, colour: 'red' });
    expect(answer.status).toBe(400);
    expect((await json(answer)).error).toMatch(/errorRate is a share between 0 and 1; colour is not a fault setting/);
    expect((await json(await fetch(`${sb.descriptor.baseUrl}/sandbox/faults`))).errorRate).toBe(0);
  });

  it('when the trust certificate is rotated, then the passive one becomes active through the Destination service API', async () => {
    const headers = { authorization: `Bearer ${await serviceToken(sb)}` };
    const before = (await json(await fetch(`${sb.descriptor.baseUrl}/destination-configuration/v1/saml2Metadata/certificate`, { headers }))).certificate;
    const rotated = await action('rotate-trust-certificate');
    const after = (await json(await fetch(`${sb.descriptor.baseUrl}/destination-configuration/v1/saml2Metadata/certificate`, { headers }))).certificate;
    expect(after).toBe(rotated.activeCertificate);
    expect(after).not.toBe(before);
    expect(rotated.passiveCertificate).toBe(before);
  });

  it('when CSRF tokens are expired, then the next write answers 403 x-csrf-token: Required', async () => {
    const { user, password } = sb.descriptor.s4.communicationManagement;
    const auth = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const fetched = await fetch(`${sb.descriptor.baseUrl}${CU_SERVICE}/`, { headers: { authorization: auth, 'x-csrf-token': 'Fetch' } });
    const token = fetched.headers.get('x-csrf-token')!;
    const cookie = fetched.headers.get('set-cookie')!.split(';')[0]!;
    expect(await action('expire-csrf-tokens')).toMatchObject({ expired: expect.any(Number) });
    const write = await fetch(`${sb.descriptor.baseUrl}${CU_SERVICE}/CommunicationUsers`, {
      method: 'POST',
      headers: { authorization: auth, 'x-csrf-token': token, cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ Name: 'LATE_USER', Description: 'x', Password: 'Long-enough-password-2026!' }),
    });
    expect(write.status).toBe(403);
    expect(write.headers.get('x-csrf-token')).toBe('Required');
  });

  it('when a communication user is locked by an action, then it is locked in S/4', async () => {
    expect(await action('lock-communication-user', { name: 'TASKCENTER_USER' })).toEqual({ locked: ['TASKCENTER_USER'] });
    const user = [...sb.context.state.s4.communicationUsers.values()].find((u) => u.Name === 'TASKCENTER_USER')!;
    expect(user.IsLocked).toBe(true);
  });
});
