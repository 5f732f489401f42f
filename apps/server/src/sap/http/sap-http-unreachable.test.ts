import { describe, expect, it } from 'vitest';
import { OutboundRefusedError } from '../../outbound/index.js';
import { createSapHttp, SapTransportError } from './sap-http.js';

/** Finding 9 of "Tell the admin the truth": an unreachable host is found once, at once, and named. */
describe('a host that cannot be reached', () => {
  const failing = (error: Error) => {
    const calls: string[] = [];
    const http = createSapHttp({
      fetch: async (url) => {
        calls.push(String(url));
        throw error;
      },
      system: 's4hana',
      log: () => {},
      sleep: async () => {},
    });
    return { http, calls };
  };

  it.each([
    ['a name DNS does not know', new OutboundRefusedError('DNS_FAILED', 'could not be resolved', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) }), /the name does not exist/],
    ['a refused connection', Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }), /the connection was refused/],
  ])('when it is %s, then one attempt is made and the message names the host', async (_label, error, words) => {
    const { http, calls } = failing(error);
    const failure = await http('https://my123456-api.s4hana.ondemand.com/sap/x', { method: 'GET' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SapTransportError);
    expect((failure as Error).message).toMatch(/^my123456-api\.s4hana\.ondemand\.com could not be reached: /);
    expect((failure as Error).message).toMatch(words);
    expect(calls).toHaveLength(1);
  });

  it('when DNS only failed for now (EAI_AGAIN), then it is tried again', async () => {
    const { http, calls } = failing(new OutboundRefusedError('DNS_FAILED', 'could not be resolved', { cause: Object.assign(new Error('EAI_AGAIN'), { code: 'EAI_AGAIN' }) }));
    await http('https://my123456-api.s4hana.ondemand.com/sap/x', { method: 'GET' }).catch(() => undefined);
    expect(calls.length).toBeGreaterThan(1);
  });
});
