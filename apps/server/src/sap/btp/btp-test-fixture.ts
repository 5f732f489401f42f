import type { RunningSandbox } from '@tcc/sandbox';
import { expect } from 'vitest';
import { createGuardedFetch, sapOutboundPolicy } from '../../outbound/index.js';
import { SecretString } from '../../secrets/mask.js';
import type { SapCallRecord } from '../http/call-log.js';
import { createSapHttp } from '../http/sap-http.js';
import { createBtpService } from './btp-service.js';
import type { Destination } from './destination-api.js';
import type { BtpError } from './errors.js';

/**
 * Test helpers for the BTP adapter against the real sandbox over HTTP. The service key names SAP hosts, reached
 * through the sandbox's host map: the product gets there by the same URL rules as to a real tenant.
 */
export function btpAgainst(sandbox: RunningSandbox, clientsecret = sandbox.descriptor.btp.destinationServiceKey.clientsecret) {
  const calls: SapCallRecord[] = [];
  const waits: number[] = [];
  let now = Date.parse('2026-03-01T08:00:00Z');
  const http = createSapHttp({
    fetch: createGuardedFetch({ policy: sapOutboundPolicy(sandbox.descriptor.hostMap) }),
    system: 'btp',
    log: (record) => calls.push(record),
    retry: { timeoutMs: 2_000 },
    // Records waits instead of sleeping, so retry tests take no time.
    sleep: async (ms) => void waits.push(ms),
    random: () => 0.5,
  });
  const key = sandbox.descriptor.btp.destinationServiceKey;
  const btp = createBtpService({ http, serviceKey: { ...key, clientsecret: new SecretString(clientsecret) }, clock: () => new Date(now) });
  return { btp, calls, waits, advanceSeconds: (s: number) => void (now += s * 1000) };
}

/** PUT /sandbox/faults; reset with {@link clearFaults} after each test. */
export const injectFaults = (sandbox: RunningSandbox, patch: object) =>
  fetch(`${sandbox.descriptor.baseUrl}/sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(patch) });
export const clearFaults = (sandbox: RunningSandbox) => fetch(`${sandbox.descriptor.baseUrl}/sandbox/faults`, { method: 'DELETE' });

export const TEST_TOKEN_SERVICE_PASSWORD = 'Pa55word!for-the-test';

/** The Task Center destination to S/4HANA Cloud with the properties of sap-apis.md B.2. */
export function taskCenterDestination(sandbox: RunningSandbox, name: string): Destination {
  const { apiHost, uiHost, client } = sandbox.descriptor.s4;
  return {
    Name: name,
    Type: 'HTTP',
    URL: `https://${apiHost}/`,
    ProxyType: 'Internet',
    Authentication: 'OAuth2SAMLBearerAssertion',
    audience: `https://${uiHost}`,
    authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509',
    clientKey: 'COM501SID100',
    tokenServiceURLType: 'Dedicated',
    tokenServiceURL: `https://${apiHost}/sap/bc/sec/oauth2/token`,
    tokenServiceUser: 'COM501SID100',
    tokenServicePassword: TEST_TOKEN_SERVICE_PASSWORD,
    'tc.enabled': 'true',
    'tc.provider_type': 'S/4HANACloud',
    userIdSource: 'user_uuid',
    'URL.queries.sap-client': client,
  };
}

/** The BtpError a promise rejects with; fails the test if it resolves. */
export const btpFailure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a BtpError'),
    (error: unknown) => error as BtpError,
  );
