import { randomUUID } from 'node:crypto';
import { getAllDestinationsFromDestinationService, getDestination } from '@sap-cloud-sdk/connectivity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';

/**
 * Acceptance: SAP's own client accepts the sandbox as XSUAA + Destination service (sap-cloud-sdk.md). The SDK finds
 * the service through a `destination` binding in VCAP_SERVICES, fetches a client_credentials token (form body) and
 * needs `zid` in it. Its caches are process-wide, so every test uses a fresh destination name.
 */
let sb: RunningSandbox;
let previousVcap: string | undefined;
beforeAll(async () => {
  sb = await startSandbox();
  previousVcap = process.env.VCAP_SERVICES;
  process.env.VCAP_SERVICES = JSON.stringify({
    destination: [{ name: 'destination', label: 'destination', tags: ['destination'], credentials: sb.descriptor.btp.loopbackDestinationServiceKey }],
  });
});
afterAll(async () => {
  if (previousVcap === undefined) delete process.env.VCAP_SERVICES;
  else process.env.VCAP_SERVICES = previousVcap;
  await sb?.close();
});

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().slice(0, 8)}`;

async function createDestination(destination: Record<string, string>): Promise<void> {
  const key = sb.descriptor.btp.loopbackDestinationServiceKey;
  const tokenRes = await fetch(`${key.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret }).toString(),
  });
  const { access_token } = (await tokenRes.json()) as { access_token: string };
  const res = await fetch(`${key.uri}/destination-configuration/v1/subaccountDestinations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify(destination),
  });
  expect(res.status).toBe(201);
}

const basicHttp = (Name: string) => ({
  Name,
  Type: 'HTTP',
  URL: `https://${Name.toLowerCase()}.example.com/odata`,
  Authentication: 'BasicAuthentication',
  ProxyType: 'Internet',
  User: 'TECH_USER',
  Password: 'Secret!123',
});

describe('SAP Cloud SDK against the sandbox', () => {
  it('when the SDK gets a destination created in the sandbox, then it returns its URL and Basic credentials', async () => {
    const name = uniqueName('SDK_BASIC');
    await createDestination(basicHttp(name));
    const destination = await getDestination({ destinationName: name, useCache: false });
    expect(destination).not.toBeNull();
    expect(destination!.url).toBe(`https://${name.toLowerCase()}.example.com/odata`);
    expect(destination!.authentication).toBe('BasicAuthentication');
    expect(destination!.username).toBe('TECH_USER');
    expect(destination!.password).toBe('Secret!123');
  });

  it('when the SDK asks for an unknown destination, then it returns null', async () => {
    const destination = await getDestination({ destinationName: uniqueName('SDK_MISSING'), useCache: false });
    expect(destination).toBeNull();
  });

  it('when the SDK lists all destinations, then the subaccount destination is among them', async () => {
    const name = uniqueName('SDK_LIST');
    await createDestination(basicHttp(name));
    const all = await getAllDestinationsFromDestinationService({ useCache: false });
    expect(all.map((d) => d.name)).toContain(name);
  });
});
