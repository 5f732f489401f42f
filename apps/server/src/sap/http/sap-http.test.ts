import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch, sapOutboundPolicy } from '../../outbound/index.js';
import type { SapCallRecord } from './call-log.js';
import { createSapHttp, SapTransportError } from './sap-http.js';

let sb: RunningSandbox;
const JWKS = 'https://sandbox.authentication.eu10.hana.ondemand.com/token_keys';
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

function client(retry = {}) {
  const calls: SapCallRecord[] = [];
  const waits: number[] = [];
  const http = createSapHttp({
    fetch: createGuardedFetch({ policy: sapOutboundPolicy(sb.descriptor.hostMap) }),
    system: 'btp',
    log: (record) => calls.push(record),
    retry: { timeoutMs: 500, ...retry },
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
  });
  return { http, calls, waits };
}
const faults = (patch: object) =>
  fetch(`${sb.descriptor.baseUrl}/sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });

describe('SAP calls: timeouts, retries and the call log', () => {
  it('when SAP answers 429 twice, then the GET is retried after Retry-After and succeeds, each attempt logged', async () => {
    await faults({ failNextCalls: 2, errorStatus: 429, retryAfterSeconds: 2 });
    const { http, calls, waits } = client();
    const answer = await http(JWKS, { method: 'GET' });
    expect(answer.status).toBe(200);
    expect(waits).toEqual([2000, 2000]);
    expect(calls.map((c) => [c.attempt, c.status, c.outcome, c.path])).toEqual([
      [1, 429, 'http-error', '/token_keys'],
      [2, 429, 'http-error', '/token_keys'],
      [3, 200, 'ok', '/token_keys'],
    ]);
  });

  it('when SAP keeps failing with 503, then the attempts stop at the limit with backoff and the last answer is returned', async () => {
    await faults({ failNextCalls: 10, errorStatus: 502 });
    const { http, calls, waits } = client({ maxAttempts: 3, baseDelayMs: 100 });
    const answer = await http(JWKS, { method: 'GET' });
    await faults({ failNextCalls: 0 });
    expect(answer.status).toBe(502);
    expect(calls).toHaveLength(3);
    expect(waits).toEqual([50, 100]);
  });

  it('when a POST fails with 503, then it is not repeated', async () => {
    await faults({ failNextCalls: 1, errorStatus: 503 });
    const { http, calls } = client();
    const answer = await http(`https://${sb.descriptor.s4.apiHost}/sap/bc/sec/oauth2/token`, { method: 'POST' });
    expect(answer.status).toBe(503);
    expect(calls).toHaveLength(1);
  });

  it('when SAP hangs, then each attempt times out and the error says so', async () => {
    await faults({ hangNextCalls: 2 });
    const { http, calls } = client({ maxAttempts: 2 });
    const error = await http(JWKS, { method: 'GET' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SapTransportError);
    expect((error as SapTransportError).message).toMatch(/did not answer within 0.5 s/);
    expect(calls.map((c) => c.outcome)).toEqual(['timeout', 'timeout']);
  });

  it('when the URL is not allowed, then the call is refused without retries', async () => {
    const { http, calls } = client();
    const error = await http(`${sb.descriptor.baseUrl}/token_keys`, { method: 'GET' }).catch((e: unknown) => e);
    expect((error as SapTransportError).kind).toBe('refused');
    expect(calls).toEqual([expect.objectContaining({ outcome: 'refused', attempt: 1 })]);
  });
});
