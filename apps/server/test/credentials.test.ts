import { describe, expect, it } from 'vitest';
import { createTenantWithConnection, useTestServer } from './support/test-server.js';

const ctx = useTestServer();
const SERVICE_KEY = JSON.stringify({
  clientid: 'sb-clone-abc!b123|destination-xsappname!b9',
  clientsecret: 'f00dfeedc0ffee-secret-value==',
  url: 'https://acme.authentication.eu10.hana.ondemand.com',
  uri: 'https://destination-configuration.cfapps.eu10.hana.ondemand.com',
});

describe('credentials per connection', () => {
  it('when credentials are set, then the API shows only whether, when and by whom — never a value', async () => {
    const { base, connection } = await createTenantWithConnection(ctx.api);
    const answer = await ctx.api.put(`${base}/credentials`, {
      destinationServiceKey: SERVICE_KEY,
      communicationManagementUser: 'COMM_MGMT_0A48',
      communicationManagementPassword: 'mgmt-password-2026-!x',
      generateTaskCenterUserPassword: true,
      version: connection.version,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      destinationServiceKey: { set: true, clientId: 'sb-clone-abc!b123|destination-xsappname!b9', updatedBy: 'admin' },
      communicationManagement: { set: true, user: 'COMM_MGMT_0A48' },
      taskCenterUserPassword: { set: true },
    });
    const shown = JSON.stringify(await ctx.api.get(`${base}/credentials`)) + JSON.stringify(answer);
    expect(shown).not.toContain('f00dfeedc0ffee');
    expect(shown).not.toContain('mgmt-password-2026');
    expect((await ctx.api.get(base)).body.version).toBe(connection.version + 1);
  });

  it('when the service key is not JSON or lacks fields, or a password breaks SAP’s rule, then it says what to fix', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const notJson = await ctx.api.put(`${base}/credentials`, { destinationServiceKey: 'clientid=x', version: 1 });
    expect(notJson.body.error.message).toMatch(/not valid JSON/);
    const partial = await ctx.api.put(`${base}/credentials`, { destinationServiceKey: JSON.stringify({ clientid: 'x', url: 'http://x' }), version: 1 });
    expect(partial.body.error.message).toMatch(/no clientsecret.*https URL/s);
    const weak = await ctx.api.put(`${base}/credentials`, { taskCenterUserPassword: 'short', version: 1 });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/at least 20 characters/);
    const lone = await ctx.api.put(`${base}/credentials`, { communicationManagementUser: 'X', version: 1 });
    expect(lone.body.error.message).toMatch(/together/);
    expect((await ctx.api.get(`${base}/credentials`)).body.destinationServiceKey.set).toBe(false);
  });

  it('when the service key carries a user and password inside url or uri (https://u:PW@…), then it is refused and nothing of it is stored or shown', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const key = JSON.parse(SERVICE_KEY) as Record<string, string>;
    for (const field of ['url', 'uri']) {
      const withPassword = { ...key, [field]: key[field]!.replace('https://', 'https://admin:Sup3r-Secret!@') };
      const answer = await ctx.api.put(`${base}/credentials`, { destinationServiceKey: JSON.stringify(withPassword), version: 1 });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toMatch(/must not contain a user name or password/);
      expect(JSON.stringify(answer.body)).not.toContain('Sup3r-Secret');
    }
    const status = (await ctx.api.get(`${base}/credentials`)).body;
    expect(status.destinationServiceKey.set).toBe(false);
    expect(JSON.stringify(status)).not.toContain('Sup3r-Secret');
  });
});
