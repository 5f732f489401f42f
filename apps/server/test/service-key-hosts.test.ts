import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundRefusedError } from '../src/outbound/index.js';
import { sandboxConnection } from './support/sandbox-connection.js';
import { createTenantWithConnection, SUBACCOUNT_ID, useTestServer, type ApiClient } from './support/test-server.js';

/**
 * Issue 9 finding 2: a service key whose url or uri named any *.hana.ondemand.com host (an app a tenant admin deployed)
 * was stored, and the product sent the client secret there. Now the key must name SAP's XSUAA and Destination service
 * of the connection's own landscape (docs/sap-facts.md "Accepted SAP endpoint host patterns"), and the guard calls no
 * other BTP host.
 */
const ctx = useTestServer();
const GOOD = {
  clientid: 'sb-clone-abc!b123|destination-xsappname!b9',
  clientsecret: 'c0ffee-secret-of-the-key==',
  url: 'https://acme-prod.authentication.eu10.hana.ondemand.com',
  uri: 'https://destination-configuration.cfapps.eu10.hana.ondemand.com',
};

async function connectionOn(api: ApiClient, landscapeDomain: string) {
  const tenant = await api.post('/api/tenants', { name: `Hosts ${Math.random().toString(36).slice(2, 8)}` });
  const connection = await api.post(`/api/tenants/${tenant.body.id}/connections`, {
    displayName: 'Production',
    subaccountId: SUBACCOUNT_ID,
    landscapeDomain,
    s4Host: 'my123456.s4hana.ondemand.com',
  });
  expect(connection.status).toBe(201);
  return { base: `/api/tenants/${tenant.body.id}/connections/${connection.body.id}`, version: connection.body.version as number };
}

const putKey = (api: ApiClient, base: string, key: object, version: number) => api.put(`${base}/credentials`, { destinationServiceKey: JSON.stringify(key), version });

describe('the Destination service key names SAP\u2019s hosts of the connection\u2019s landscape', () => {
  it.each<[string, Partial<typeof GOOD>, RegExp]>([
    ['uri is the Destination host under a foreign domain', { uri: 'https://destination-configuration.cfapps.eu10.hana.ondemand.com.evil.example' }, /uri \(Destination service\) must be https:\/\/destination-configuration\.cfapps\.eu10\.hana\.ondemand\.com .*"destination-configuration\.cfapps\.eu10\.hana\.ondemand\.com\.evil\.example"/],
    ['uri has a hyphen for the dot after destination-configuration', { uri: 'https://destination-configuration-cfapps.eu10.hana.ondemand.com' }, /uri \(Destination service\) must be .*"destination-configuration-cfapps\.eu10\.hana\.ondemand\.com"/],
    ['uri is an app deployed on BTP', { uri: 'https://myapp.cfapps.eu10.hana.ondemand.com' }, /uri \(Destination service\) must be .*"myapp\.cfapps\.eu10\.hana\.ondemand\.com"/],
    ['url is an app deployed on BTP', { url: 'https://myapp.cfapps.eu10.hana.ondemand.com' }, /url \(XSUAA\) must be https:\/\/<subdomain>\.authentication\.eu10\.hana\.ondemand\.com .*"myapp\.cfapps\.eu10\.hana\.ondemand\.com"/],
    ['url is any name under hana.ondemand.com', { url: 'https://evil.hana.ondemand.com' }, /url \(XSUAA\) must be .*"evil\.hana\.ondemand\.com"/],
    ['url has two labels before "authentication"', { url: 'https://evil.acme.authentication.eu10.hana.ondemand.com' }, /url \(XSUAA\) must be/],
    ['url is XSUAA under a foreign domain', { url: 'https://acme.authentication.eu10.hana.ondemand.com.evil.example' }, /url \(XSUAA\) must be/],
    ['uri is the Destination service of another region', { uri: 'https://destination-configuration.cfapps.us10.hana.ondemand.com' }, /on the landscape us10\.hana\.ondemand\.com, but this connection is on eu10\.hana\.ondemand\.com/],
    ['url is the XSUAA of another region', { url: 'https://acme-prod.authentication.eu10-004.hana.ondemand.com' }, /url \(XSUAA\).*on the landscape eu10-004\.hana\.ondemand\.com, but this connection is on eu10\.hana\.ondemand\.com/],
    ['uri has a user name before the host', { uri: 'https://evil.example@destination-configuration.cfapps.eu10.hana.ondemand.com' }, /uri \(Destination service\) must not contain a user name or password/],
    ['url has a user and password before the host', { url: 'https://admin:pw@acme-prod.authentication.eu10.hana.ondemand.com' }, /url \(XSUAA\) must not contain a user name or password/],
    ['uri has the SAP host as user-info before a foreign host', { uri: 'https://destination-configuration.cfapps.eu10.hana.ondemand.com@evil.example' }, /must not contain a user name or password/],
    ['uri hides a foreign host behind a percent-encoded dot', { uri: 'https://destination-configuration.cfapps.eu10.hana.ondemand.com%2eevil.example' }, /uri \(Destination service\) must be/],
    ['url names a port', { url: 'https://acme-prod.authentication.eu10.hana.ondemand.com:8443' }, /url \(XSUAA\) must be/],
  ])('when the %s, then the key is refused with 400 naming the problem and nothing is stored', async (_what, change, message) => {
    const { base, version } = await connectionOn(ctx.api, 'eu10.hana.ondemand.com');
    const answer = await putKey(ctx.api, base, { ...GOOD, ...change }, version);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(message);
    expect(answer.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'destinationServiceKey' })]));
    expect(JSON.stringify(answer.body)).not.toContain(GOOD.clientsecret);
    expect(JSON.stringify(answer.body)).not.toContain(':pw@');
    const status = (await ctx.api.get(`${base}/credentials`)).body;
    expect(status.destinationServiceKey.set).toBe(false);
  });

  it('when both url and uri are wrong, then the message names both', async () => {
    const { base, version } = await connectionOn(ctx.api, 'eu10.hana.ondemand.com');
    const answer = await putKey(ctx.api, base, { ...GOOD, url: 'https://myapp.cfapps.eu10.hana.ondemand.com', uri: 'https://myapp.cfapps.eu10.hana.ondemand.com' }, version);
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/url \(XSUAA\) must be.*uri \(Destination service\) must be/s);
    expect(answer.body.error.details).toHaveLength(2);
  });

  it.each<[string, string, Partial<typeof GOOD>]>([
    ['eu10', 'eu10.hana.ondemand.com', {}],
    ['eu10 with paths and upper case as pasted', 'eu10.hana.ondemand.com', { url: 'https://ACME-Prod.authentication.eu10.hana.ondemand.com/', uri: 'https://destination-configuration.cfapps.eu10.hana.ondemand.com/' }],
    ['an extension landscape', 'eu10-004.hana.ondemand.com', { url: 'https://acme.authentication.eu10-004.hana.ondemand.com', uri: 'https://destination-configuration.cfapps.eu10-004.hana.ondemand.com' }],
    ['China (shape UNCERTAIN, same as elsewhere)', 'cn40.platform.sapcloud.cn', { url: 'https://acme.authentication.cn40.platform.sapcloud.cn', uri: 'https://destination-configuration.cfapps.cn40.platform.sapcloud.cn' }],
  ])('when the key names SAP\u2019s hosts of the connection\u2019s landscape (%s), then it is stored', async (_what, landscapeDomain, change) => {
    const { base, version } = await connectionOn(ctx.api, landscapeDomain);
    const key = { ...GOOD, ...change };
    const answer = await putKey(ctx.api, base, key, version);
    expect(answer.status).toBe(200);
    expect(answer.body.destinationServiceKey).toMatchObject({ set: true, xsuaaUrl: key.url, destinationServiceUrl: key.uri });
  });

  it('when a key was refused, then the same connection still takes a good one (no version consumed)', async () => {
    const { base, version } = await connectionOn(ctx.api, 'eu10.hana.ondemand.com');
    expect((await putKey(ctx.api, base, { ...GOOD, uri: 'https://myapp.cfapps.eu10.hana.ondemand.com' }, version)).status).toBe(400);
    expect((await putKey(ctx.api, base, GOOD, version)).status).toBe(200);
  });

  it('when the server\u2019s own guard is asked for an app on BTP, then it refuses it and names the two BTP endpoints it calls', async () => {
    const refused = await ctx.server.outbound('https://myapp.cfapps.eu10.hana.ondemand.com/oauth/token', { method: 'POST' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OutboundRefusedError);
    expect((refused as OutboundRefusedError).code).toBe('HOST_NOT_ALLOWED');
    expect((refused as OutboundRefusedError).message).toMatch(/XSUAA .*Destination service/);
  });

  it('when an older connection (created by createTenantWithConnection) on eu10 gets the usual test key, then it is stored', async () => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    expect((await putKey(ctx.api, base, GOOD, connection.version)).status).toBe(200);
  });
});

describe('the sandbox\u2019s own service key', () => {
  let sandbox: Awaited<ReturnType<typeof sandboxConnection>>;
  beforeAll(async () => {
    sandbox = await sandboxConnection();
  });
  afterAll(() => sandbox.server.stop());

  it('when the sandbox connection takes the sandbox\u2019s key (pasted or filled), then it is stored: its hosts are SAP\u2019s shapes for its landscape', async () => {
    const key = sandbox.sandbox.btp.destinationServiceKey;
    expect(new URL(key.url).hostname).toMatch(new RegExp(`^[a-z0-9-]+\\.authentication\\.${sandbox.sandbox.btp.landscapeDomain.replace(/\./g, '\\.')}$`));
    expect(new URL(key.uri).hostname).toBe(`destination-configuration.cfapps.${sandbox.sandbox.btp.landscapeDomain}`);
    const status = (await sandbox.api.get(`${sandbox.base}/credentials`)).body;
    expect(status.destinationServiceKey).toMatchObject({ set: true, xsuaaUrl: key.url, destinationServiceUrl: key.uri });
    const version = (await sandbox.api.get(sandbox.base)).body.version as number;
    const filled = await sandbox.api.post(`${sandbox.base}/credentials/from-sandbox`, { version });
    expect(filled.status).toBe(200);
  });
});
