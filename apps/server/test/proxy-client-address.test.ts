import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { apiClient, startTestServer } from './support/test-server.js';

/**
 * Behind TRUST_PROXY=n reverse proxies the sign-in limit counts per address the outermost counted proxy saw: with one
 * proxy, the right-most X-Forwarded-For entry (the proxy appends it); whatever the client writes left of it is its own
 * (issue 9 finding 17; Express `trust proxy` hop count, https://expressjs.com/en/guide/behind-proxies.html).
 */
async function attempts(env: Record<string, string>, forwardedFor: (i: number) => string, count: number) {
  const server = await startTestServer(undefined, { SIGN_INS_PER_MINUTE: '3', ...env });
  const api = apiClient(server.baseUrl);
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    statuses.push((await api.post('/api/auth/sign-in', { username: `someone${i}`, password: 'whatever-password' }, { 'x-forwarded-for': forwardedFor(i) })).status);
  }
  await server.stop();
  return statuses;
}

describe('per-address sign-in limit behind a trusted proxy (issue 9 finding 17)', () => {
  it('when a client rotates the left-most X-Forwarded-For entries behind TRUST_PROXY=1, then it is still limited by the address the proxy appended', async () => {
    expect(await attempts({ TRUST_PROXY: '1' }, (i) => `10.9.${i}.1, 198.51.100.${i + 1}, 203.0.113.7`, 5)).toEqual([401, 401, 401, 429, 429]);
  });

  it('when two proxies are counted (TRUST_PROXY=2), then the address the outer proxy saw is the key, not the inner proxy’s nor the client’s own entries', async () => {
    expect(await attempts({ TRUST_PROXY: '2' }, (i) => `10.9.${i}.1, 203.0.113.7, 10.0.0.2`, 4)).toEqual([401, 401, 401, 429]);
  });

  it('when the proxy saw different clients, then each has its own limit (the key is not the proxy’s own socket address)', async () => {
    expect(await attempts({ TRUST_PROXY: '1' }, (i) => `203.0.113.${i + 1}`, 5)).toEqual([401, 401, 401, 401, 401]);
  });

  it('when no proxy is trusted, then X-Forwarded-For is ignored and the connection’s address is the key', async () => {
    expect(await attempts({}, (i) => `203.0.113.${i + 1}`, 4)).toEqual([401, 401, 401, 429]);
  });

  it('when TRUST_PROXY is true or not a hop count, then the server does not start and says what to write', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true is not accepted: give the number of reverse proxies/);
    for (const value of ['yes', '-1', '1.5']) expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY is false or the number of reverse proxies/);
    expect(() => loadConfig({ TRUST_PROXY: '11' })).toThrow(/at most 10/);
    expect([loadConfig({}).TRUST_PROXY, loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY, loadConfig({ TRUST_PROXY: '2' }).TRUST_PROXY]).toEqual([0, 0, 2]);
  });
});
