import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { ERROR_CODES } from '@tcc/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { btpAgainst, btpFailure, clearFaults, injectFaults, taskCenterDestination, TEST_TOKEN_SERVICE_PASSWORD } from './btp-test-fixture.js';
import { BtpError } from './errors.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
afterEach(() => clearFaults(sb));

describe('BTP service: retries, typed errors and the call log', () => {
  it('when BTP answers 429 with Retry-After to a GET, then it is retried after that wait', async () => {
    const { btp, calls, waits } = btpAgainst(sb);
    await injectFaults(sb, { failNextCalls: 1, errorStatus: 429, retryAfterSeconds: 3, pathPattern: '^/destination-configuration/v1/saml2Metadata' });
    await expect(btp.getTrustCertificate()).resolves.toContain('BEGIN CERTIFICATE');
    expect(waits).toEqual([3_000]);
    expect(calls.filter((c) => c.path.endsWith('/certificate')).map((c) => c.status)).toEqual([429, 200]);
  });

  it('when BTP keeps answering 503, then the error is BTP_UNAVAILABLE (502) and says to try again', async () => {
    const { btp } = btpAgainst(sb);
    await injectFaults(sb, { failNextCalls: 10, errorStatus: 503, pathPattern: '^/destination-configuration/v1/saml2Metadata' });
    const error = await btpFailure(btp.getTrustCertificate());
    expect([error.code, error.status]).toEqual([ERROR_CODES.btpUnavailable, 502]);
    expect(error.message).toMatch(/BTP is unavailable, try again/);
  });

  it('when the client secret is wrong, then the error is BTP_AUTH_FAILED naming XSUAA, never the secret', async () => {
    const wrong = 'wrong-secret-0123456789';
    const error = await btpFailure(btpAgainst(sb, wrong).btp.listDestinations());
    expect(error).toBeInstanceOf(BtpError);
    expect([error.code, error.status]).toEqual([ERROR_CODES.btpAuthFailed, 422]);
    expect(error.message).toContain(`refused by XSUAA at ${sb.descriptor.btp.destinationServiceKey.url}`);
    expect(error.message).not.toContain(wrong);
  });

  it('when the subaccount has no trust certificate, then the error is BTP_NOT_FOUND pointing to Destination Trust', async () => {
    const fresh = await startSandbox();
    try {
      fresh.context.state.btp.trust.active = null;
      const error = await btpFailure(btpAgainst(fresh).btp.getTrustCertificate());
      expect([error.code, error.status]).toEqual([ERROR_CODES.btpNotFound, 422]);
      expect(error.message).toMatch(/no trust certificate: generate one in the BTP cockpit under Destination Trust/);
    } finally {
      await fresh.close();
    }
  });

  it('when calls are made, then the call log records method, path, status and duration and no secret', async () => {
    const { btp, calls } = btpAgainst(sb);
    await btp.getTrustCertificate();
    await btp.createDestination(taskCenterDestination(sb, 'Logged'));
    expect(calls[0]).toEqual({ system: 'btp', method: 'POST', path: '/oauth/token', status: 200, durationMs: expect.any(Number), attempt: 1, outcome: 'ok' });
    expect(calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toContain('POST /destination-configuration/v1/subaccountDestinations 201');
    const log = JSON.stringify(calls);
    expect(log).not.toContain(sb.descriptor.btp.destinationServiceKey.clientsecret);
    expect(log).not.toContain(TEST_TOKEN_SERVICE_PASSWORD);
  });
});
