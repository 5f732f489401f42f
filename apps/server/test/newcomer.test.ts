import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { apiClient, createTenantWithConnection, startTestServer, type ApiClient, type TestServer } from './support/test-server.js';

/** Finding 10 of "Tell the admin the truth": a newcomer with `npm start` finds the sandbox's credentials, or has them filled in. */
let server: TestServer;
let api: ApiClient;
let base = '';
let version = 0;
beforeAll(async () => {
  server = await startTestServer(undefined, { SANDBOX: 'on', SANDBOX_PORT: '0' });
  api = apiClient(server.baseUrl);
  await api.signIn('demo-admin', DEMO_PASSWORD);
  const tenant = (await api.get('/api/tenants')).body.items[0];
  const connection = (await api.get(`/api/tenants/${tenant.id}/connections`)).body.items[0];
  base = `/api/tenants/${tenant.id}/connections/${connection.id}`;
  version = connection.version;
});
afterAll(() => server.stop());

describe('the newcomer path', () => {
  it('when the sandbox runs, then its descriptor is written to DATA_DIR/sandbox.json for the owner only, and the cockpit page shows the key', async () => {
    const file = path.join(server.dataDir, 'sandbox.json');
    const descriptor = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(descriptor.btp.destinationServiceKey.clientid).toBeTruthy();
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const page = await (await fetch(`${server.sandboxUrl}/sandbox/`)).text();
    expect(page).toContain(descriptor.btp.destinationServiceKey.clientid);
    expect(page).toContain(descriptor.s4.communicationManagement.user);
  });

  it('when the admin fills the sandbox connection from the sandbox, then every credential is set and assisted setup runs', async () => {
    const status = (await api.post(`${base}/credentials/from-sandbox`, { version })).body;
    expect(status).toMatchObject({ destinationServiceKey: { set: true }, communicationManagement: { set: true }, taskCenterUserPassword: { set: true } });
    expect(JSON.stringify(status)).not.toMatch(/clientsecret|password"\s*:\s*"/i);
    expect((await api.post(`${base}/automation/runs`, {})).status).toBe(201);
    let run = (await api.get(`${base}/automation/runs/latest`)).body;
    while (run.status === 'running') run = await new Promise((r) => setTimeout(r, 50)).then(async () => (await api.get(`${base}/automation/runs/latest`)).body);
    expect(run.status).toBe('succeeded');
  });

  it('when a connection is not the sandbox, then filling from the sandbox is refused and nothing is set', async () => {
    const other = await createTenantWithConnection(api);
    const answer = await api.post(`${other.base}/credentials/from-sandbox`, { version: other.connection.version });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/Only a connection to the built-in sandbox/);
    expect((await api.get(`${other.base}/credentials`)).body.destinationServiceKey.set).toBe(false);
  });
});
