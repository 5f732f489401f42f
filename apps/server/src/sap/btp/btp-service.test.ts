import { X509Certificate } from 'node:crypto';
import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { ERROR_CODES } from '@tcc/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SapCallRecord } from '../http/call-log.js';
import { btpAgainst, btpFailure, clearFaults, injectFaults, taskCenterDestination } from './btp-test-fixture.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
afterEach(() => clearFaults(sb));

const tokenCalls = (calls: SapCallRecord[]) => calls.filter((c) => c.path === '/oauth/token').length;
const stored = (name: string) => [...sb.context.state.btp.destinations.values()].filter((d) => d.Name === name);

describe('BTP service: token, trust certificate and destinations', () => {
  it('when several calls are made, then the token is fetched once and reused until expires_in − 60 s', async () => {
    const { btp, calls, advanceSeconds } = btpAgainst(sb);
    await btp.getTrustCertificate();
    await btp.listDestinations();
    expect(tokenCalls(calls)).toBe(1);
    advanceSeconds(43_199 - 61); // the sandbox's XSUAA lifetime (its UNCERTAIN.xsuaaTokenLifetimeSeconds)
    await btp.listDestinations();
    expect(tokenCalls(calls)).toBe(1);
    advanceSeconds(2);
    await btp.listDestinations();
    expect(tokenCalls(calls)).toBe(2);
  });

  it('when the trust certificate is read, then it is a PEM whose CN is the subaccount entity ID', async () => {
    const pem = await btpAgainst(sb).btp.getTrustCertificate();
    const cn = new X509Certificate(pem).subject.split('\n').find((part) => part.startsWith('CN='));
    expect(cn).toBe(`CN=${sb.descriptor.btp.trustCertificateCn}`);
  });

  it('when a Task Center destination is created, read, updated and listed, then BTP holds exactly what was sent', async () => {
    const { btp } = btpAgainst(sb);
    const destination = taskCenterDestination(sb, 'S4HANACloud');
    await expect(btp.createDestination(destination)).resolves.toEqual(destination);
    expect(await btp.getDestination('S4HANACloud')).toEqual(destination);
    const updated = { ...destination, 'tc.ui.label': 'SAP S/4HANA Cloud Task' };
    await btp.updateDestination(updated);
    expect(await btp.getDestination('S4HANACloud')).toEqual(updated);
    expect(await btp.listDestinations()).toContainEqual(updated);
    // The sandbox answers 400 to `Name eq` ([SPEC] via sap-field-facts.md A.11): this finds it only through `Name in ('…')`.
    expect(await btp.findDestinationByName('S4HANACloud')).toEqual(updated);
    const lookup = await btp.findDestination('S4HANACloud');
    expect(lookup?.owner.SubaccountId).toBe(sb.descriptor.btp.subaccountId);
    expect(lookup?.destinationConfiguration).toEqual(updated);
    expect(lookup?.authTokens?.[0]?.error).toBeTruthy(); // no user JWT: BTP cannot fetch a SAML-bearer token (A.3)
  });

  it('when a destination does not exist, then reads answer null and an update is BTP_NOT_FOUND', async () => {
    const { btp } = btpAgainst(sb);
    expect(await btp.getDestination('Missing')).toBeNull();
    expect(await btp.findDestination('Missing')).toBeNull();
    expect(await btp.findDestinationByName("O'Missing")).toBeNull(); // the quote is escaped, not a filter syntax error
    const error = await btpFailure(btp.updateDestination(taskCenterDestination(sb, 'Missing')));
    expect([error.code, error.status]).toEqual([ERROR_CODES.btpNotFound, 422]);
  });

  it("when a name contains a quote, then findDestinationByName escapes it and finds the destination", async () => {
    const { btp } = btpAgainst(sb);
    await btp.createDestination(taskCenterDestination(sb, "O'Hara"));
    expect((await btp.findDestinationByName("O'Hara"))?.Name).toBe("O'Hara");
  });

  it('when the answer to the POST is lost before BTP created it, then it is read back and created once', async () => {
    const { btp, calls } = btpAgainst(sb);
    await btp.listDestinations(); // token first, so the fault hits the POST
    await injectFaults(sb, { failNextCalls: 1, errorStatus: 503, pathPattern: '^/destination-configuration/v1/subaccountDestinations$' });
    await expect(btp.createDestination(taskCenterDestination(sb, 'LostBeforeCreate'))).resolves.toMatchObject({ Name: 'LostBeforeCreate' });
    expect(stored('LostBeforeCreate')).toHaveLength(1);
    expect(calls.slice(-3).map((c) => [c.method, c.status])).toEqual([['POST', 503], ['GET', 404], ['POST', 201]]);
  });

  it('when the answer to the POST is lost after BTP created it, then the existing one is answered without a second POST', async () => {
    const key = sb.descriptor.btp.loopbackDestinationServiceKey;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret });
    const { access_token } = (await (await fetch(`${key.url}/oauth/token`, { method: 'POST', body: form })).json()) as { access_token: string };
    const direct = await fetch(`${key.uri}/destination-configuration/v1/subaccountDestinations`, {
      method: 'POST', headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }, body: JSON.stringify(taskCenterDestination(sb, 'LostAfterCreate')),
    });
    expect(direct.status).toBe(201);
    const { btp, calls } = btpAgainst(sb);
    await btp.listDestinations();
    await injectFaults(sb, { failNextCalls: 1, errorStatus: 503, pathPattern: '^/destination-configuration/v1/subaccountDestinations$' });
    await expect(btp.createDestination(taskCenterDestination(sb, 'LostAfterCreate'))).resolves.toEqual(taskCenterDestination(sb, 'LostAfterCreate'));
    expect(stored('LostAfterCreate')).toHaveLength(1);
    expect(calls.slice(-2).map((c) => [c.method, c.status])).toEqual([['POST', 503], ['GET', 200]]);
  });

  it('when the destination already exists (409), then createDestination answers the stored one', async () => {
    const { btp } = btpAgainst(sb);
    await btp.createDestination(taskCenterDestination(sb, 'Existing'));
    const stale = { ...taskCenterDestination(sb, 'Existing'), Description: 'not what BTP holds' };
    await expect(btp.createDestination(stale)).resolves.toEqual(taskCenterDestination(sb, 'Existing'));
  });
});
