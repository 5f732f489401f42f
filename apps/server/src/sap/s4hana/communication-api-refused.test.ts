import { describe, expect, it } from 'vitest';
import type { SapHttp } from '../http/sap-http.js';
import { createCommunicationApi } from './communication-api.js';
import { S4CredentialRefusedError } from './errors.js';

/**
 * S/4 locks a communication user after a burst of failed Basic logons (SAP-docs 0377ade: "locked after three
 * unsuccessful login attempts"). Within one CommunicationApi the first 401 is the last call with that password, and
 * calls go one at a time until S/4 has accepted the password once, so parallel calls cannot each fail a logon.
 */
const PASSWORD = 'Wrong-Password-0A48-2026!';
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A fake S/4 that answers every call with `status` after a moment, counting calls and how many were in flight at once. */
function fakeS4(status: (n: number) => number) {
  const seen = { calls: 0, inFlight: 0, maxInFlight: 0, methods: [] as string[] };
  const http = (async (_url: string, init: { method: string }) => {
    seen.calls += 1;
    seen.methods.push(init.method);
    seen.inFlight += 1;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    await tick();
    seen.inFlight -= 1;
    const code = status(seen.calls);
    return code === 401
      ? new Response('<html><head><title>Logon Error Message</title></head></html>', { status: code, headers: { 'content-type': 'text/html' } })
      : new Response('{"value":[]}', { status: code, headers: { 'content-type': 'application/json', 'x-csrf-token': 'token' } });
  }) as unknown as SapHttp;
  return { http, seen };
}

const api = (http: SapHttp, onRefused?: () => Promise<void> | void) =>
  createCommunicationApi({ http, apiHost: 'my900001-api.s4hana.cloud.sap', client: '100', user: 'COMM_MGMT_0A48', password: PASSWORD, onRefused });

describe('the refusal latch of the SAP_COM_0A48 user', () => {
  it('when three reads start at once and S/4 refuses the password, then one request is sent and all three fail with the same typed error', async () => {
    const { http, seen } = fakeS4(() => 401);
    let told = 0;
    const client = api(http, () => void (told += 1));
    const outcomes = await Promise.allSettled([client.metadata('users', 'read'), client.metadata('systems', 'read'), client.metadata('arrangements', 'read')]);
    expect(seen.calls).toBe(1);
    expect(told).toBe(1);
    const reasons = outcomes.map((o) => (o.status === 'rejected' ? o.reason : o));
    expect(reasons[0]).toBeInstanceOf(S4CredentialRefusedError);
    expect(new Set(reasons).size).toBe(1);
    expect(reasons[0]).toMatchObject({ code: 'S4_AUTH_FAILED', status: 502, upstreamStatus: 401, user: 'COMM_MGMT_0A48', refusedAt: expect.any(String) });
    expect((reasons[0] as Error).message).toMatch(/refused the SAP_COM_0A48 communication user COMM_MGMT_0A48 at .*or the user is locked.*no further call is made with this password/);
    expect((reasons[0] as Error).message).not.toContain(PASSWORD);
  });

  it('when S/4 has refused the password, then a later read or write sends nothing (not even the CSRF fetch)', async () => {
    const { http, seen } = fakeS4(() => 401);
    const client = api(http);
    await expect(client.read('users', 'CommunicationUsers', {}, 'read')).rejects.toBeInstanceOf(S4CredentialRefusedError);
    await expect(client.post('users', 'CommunicationUsers', { Name: 'X' }, 'create')).rejects.toBeInstanceOf(S4CredentialRefusedError);
    await expect(client.patch('users', "CommunicationUsers('X')", { Description: 'Y' }, 'change')).rejects.toBeInstanceOf(S4CredentialRefusedError);
    expect(seen.calls).toBe(1);
  });

  it('when recording the refusal fails, then the operation still stops with the refusal', async () => {
    const { http, seen } = fakeS4(() => 401);
    const client = api(http, () => Promise.reject(new Error('store down')));
    await expect(client.read('users', 'CommunicationUsers', {}, 'read')).rejects.toBeInstanceOf(S4CredentialRefusedError);
    await expect(client.read('users', 'CommunicationUsers', {}, 'read')).rejects.toBeInstanceOf(S4CredentialRefusedError);
    expect(seen.calls).toBe(1);
  });

  it('when S/4 accepts the password, then the first call goes alone and the calls waiting for it go in parallel, as do the calls after', async () => {
    const { http, seen } = fakeS4(() => 200);
    const client = api(http);
    await Promise.all([client.metadata('users', 'read'), client.metadata('systems', 'read'), client.metadata('arrangements', 'read')]);
    expect(seen).toMatchObject({ calls: 3, maxInFlight: 2 });
    await Promise.all([client.metadata('users', 'read'), client.metadata('systems', 'read'), client.metadata('arrangements', 'read')]);
    expect(seen).toMatchObject({ calls: 6, maxInFlight: 3 });
  });

  it('when the first call is answered without accepting the password (a 404), then the next waiting call probes alone and a 401 stops the rest', async () => {
    const { http, seen } = fakeS4((n) => (n === 1 ? 404 : 401));
    const client = api(http);
    const outcomes = await Promise.allSettled([client.metadata('users', 'read'), client.metadata('systems', 'read'), client.metadata('arrangements', 'read'), client.read('users', 'CommunicationUsers', {}, 'read')]);
    expect(seen).toMatchObject({ calls: 2, maxInFlight: 1 });
    expect(outcomes.slice(1).every((o) => o.status === 'rejected' && o.reason instanceof S4CredentialRefusedError)).toBe(true);
  });

  it('when the password stops working during an operation, then the first 401 is the last call', async () => {
    const { http, seen } = fakeS4((n) => (n === 1 ? 200 : 401));
    let told = 0;
    const client = api(http, () => void (told += 1));
    await client.read('users', 'CommunicationUsers', {}, 'read');
    await expect(client.read('users', 'CommunicationUsers', {}, 'read')).rejects.toBeInstanceOf(S4CredentialRefusedError);
    await expect(client.read('systems', 'CommunicationSystems', {}, 'read')).rejects.toBeInstanceOf(S4CredentialRefusedError);
    expect({ calls: seen.calls, told }).toEqual({ calls: 2, told: 1 });
  });
});
