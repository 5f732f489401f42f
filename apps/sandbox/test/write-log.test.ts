import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';
import { json, serviceToken } from './support/manual-setup.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox({ faults: { latencyMs: 0 } });
});
afterAll(() => sb.close());

const writes = async () => (await json(await fetch(`${sb.descriptor.baseUrl}/sandbox/stats`))).writes as { method: string; path: string }[];

describe('the log of writes (GET /sandbox/stats), for tests that prove what a client did not change', () => {
  it('when a client reads and writes simulated SAP objects, then only the writes are logged, with method and path; control calls are not', async () => {
    const before = (await writes()).length;
    const token = await serviceToken(sb);
    const uri = `${sb.descriptor.baseUrl}/destination-configuration/v1/subaccountDestinations`;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await fetch(uri, { headers });
    const destination = { Name: 'WRITE_LOG', Type: 'HTTP', URL: 'https://example.com', Authentication: 'NoAuthentication', ProxyType: 'Internet' };
    expect((await fetch(uri, { method: 'POST', headers, body: JSON.stringify(destination) })).status).toBeLessThan(300);
    await fetch(`${sb.descriptor.baseUrl}/sandbox/actions/lock-communication-user`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const logged = (await writes()).slice(before);
    expect(logged.filter((w) => !w.path.endsWith('/oauth/token'))).toEqual([{ method: 'POST', path: '/destination-configuration/v1/subaccountDestinations' }]);
    expect(logged.every((w) => w.method !== 'GET')).toBe(true);
  });
});

describe('the log of recent calls (GET /sandbox/stats), for tests that check which calls overlapped', () => {
  it('when two reads are sent together and a third after them, then the first two overlap and the third starts after both were answered', async () => {
    const control = `${sb.descriptor.baseUrl}/sandbox/faults`;
    await fetch(control, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 20 }) });
    try {
      const token = await serviceToken(sb);
      const uri = (name: string) => `${sb.descriptor.baseUrl}/destination-configuration/v1/subaccountDestinations/${name}`;
      const read = (name: string) => fetch(uri(name), { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
      await Promise.all([read('TOGETHER_1'), read('TOGETHER_2')]);
      await read('AFTER');
      const recent = (await json(await fetch(`${sb.descriptor.baseUrl}/sandbox/stats`))).recent as { method: string; path: string; arrivedAt: number; answeredAt: number }[];
      const of = (name: string) => recent.find((c) => c.path.endsWith(`/${name}`))!;
      const [one, two, after] = [of('TOGETHER_1'), of('TOGETHER_2'), of('AFTER')];
      expect(one).toMatchObject({ method: 'GET', answeredAt: expect.any(Number) });
      expect(Math.max(one.arrivedAt, two.arrivedAt)).toBeLessThan(Math.min(one.answeredAt, two.answeredAt));
      expect(after.arrivedAt).toBeGreaterThanOrEqual(Math.max(one.answeredAt, two.answeredAt));
    } finally {
      await fetch(control, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 0 }) });
    }
  });
});
