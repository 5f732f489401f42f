import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';

/** The control action the health checks' expiry thresholds are tested with: a renewed certificate valid for N days. */
let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb?.close());

/** The active trust certificate as the Destination service API serves it (sap-apis.md A.5). */
async function activeCertificate() {
  const key = sb.descriptor.btp.loopbackDestinationServiceKey;
  const token = (await (await fetch(`${key.url}/oauth/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret }) })).json()) as { access_token: string };
  const answer = await fetch(`${key.uri}/destination-configuration/v1/saml2Metadata/certificate`, { headers: { authorization: `Bearer ${token.access_token}` } });
  return new X509Certificate(((await answer.json()) as { certificate: string }).certificate);
}
const renew = (body?: object) =>
  fetch(`${sb.descriptor.baseUrl}/sandbox/actions/renew-trust-certificate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
const daysLeft = (certificate: X509Certificate) => (Date.parse(certificate.validTo) - Date.now()) / 86_400_000;

describe('sandbox action renew-trust-certificate', () => {
  it('when asked for validDays, then the new active certificate expires that many days from now, with the same CN', async () => {
    const before = await activeCertificate();
    expect((await renew({ validDays: 20 })).status).toBe(200);
    const renewed = await activeCertificate();
    expect(renewed.fingerprint256).not.toBe(before.fingerprint256);
    expect(renewed.subject).toBe(before.subject);
    expect(daysLeft(renewed)).toBeGreaterThan(19.9);
    expect(daysLeft(renewed)).toBeLessThanOrEqual(20);
  });

  it('when no validDays (or a bad one) is given, then it is valid for 730 days, as BTP renews', async () => {
    await renew();
    expect(Math.round(daysLeft(await activeCertificate()))).toBe(730);
    await renew({ validDays: -3 });
    expect(Math.round(daysLeft(await activeCertificate()))).toBe(730);
  });
});
