import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startTestServer, type TestServer } from './support/test-server.js';

/**
 * Finding 2 of "Tell the admin the truth", as the issue's Done-when states it: in JWT mode, a tenant admin aims the
 * Destination service key at hosts the test controls; a member then clicks Test connection with their own sign-in
 * token. No token of the product's users may reach those hosts, and a look-alike key is refused at input.
 *
 * The hosts "the test controls" are served by a capturing HTTP server. The product reaches loopback only through the
 * sandbox host map, so the test hands the server (SANDBOX=external) a descriptor whose map also sends the hostile
 * names to the capture: if the product ever sent a token there, the capture would see it.
 */
const LANDSCAPE = 'eu20.hana.ondemand.com';
const HOSTILE = {
  xsuaa: `attacker.authentication.${LANDSCAPE}`,
  destination: `destination-configuration.cfapps.${LANDSCAPE}`,
  lookAlikeXsuaa: `attacker.authentication.${LANDSCAPE}.evil.example`,
  lookAlikeDestination: `destination-configuration-cfapps.${LANDSCAPE}`,
};

let sandbox: RunningSandbox;
let server: TestServer;
let capture: http.Server;
const captured: { host: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

async function userToken(index: number) {
  const user = sandbox.descriptor.businessUsers[index]!;
  const client = sandbox.descriptor.btp.userTokenClient;
  const answer = await fetch(`${sandbox.descriptor.baseUrl}/oauth/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', username: user.userName, password: user.password, client_id: client.clientid, client_secret: client.clientsecret }),
  });
  return ((await answer.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  // Answers like XSUAA and the Destination service would, so the product goes as far as it would with a real host.
  capture = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      captured.push({ host: String(req.headers.host), url: req.url ?? '', headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/oauth/token')) return void res.end(JSON.stringify({ access_token: 'capture-issued-token', expires_in: 3600 }));
      res.statusCode = 404;
      res.end(JSON.stringify({ ErrorMessage: 'not found' }));
    });
  });
  await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  const captureBase = `http://127.0.0.1:${(capture.address() as AddressInfo).port}`;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-hostile-'));
  const descriptorFile = path.join(dataDir, 'descriptor.json');
  const hostMap = { ...sandbox.descriptor.hostMap, ...Object.fromEntries(Object.values(HOSTILE).map((host) => [host, captureBase])) };
  fs.writeFileSync(descriptorFile, JSON.stringify({ ...sandbox.descriptor, hostMap }));
  server = await startTestServer(dataDir, {
    AUTH_MODE: 'jwt',
    SANDBOX: 'external',
    SANDBOX_DESCRIPTOR: descriptorFile,
    JWT_JWKS_URL: `${sandbox.descriptor.baseUrl}/token_keys`,
    JWT_ISSUER: `https://${sandbox.descriptor.btp.subdomain}.authentication.${sandbox.descriptor.btp.landscapeDomain}/oauth/token`,
    JWT_AUDIENCE: sandbox.descriptor.btp.userTokenClient.clientid,
    TENANT_CREATION: 'all-users',
  });
});
afterAll(async () => {
  await server.stop();
  await sandbox.close();
  await new Promise((resolve) => capture.close(resolve));
});

describe('a hostile Destination service key in JWT mode', () => {
  it('when a tenant admin aims the key at hosts they control, then the look-alike key is refused and no user token ever reaches those hosts', async () => {
    const api = apiClient(server.baseUrl);
    const admin = { authorization: `Bearer ${await userToken(0)}` };
    const memberToken = await userToken(1);
    const member = { authorization: `Bearer ${memberToken}` };
    const memberId = (await api.get('/api/auth/me', member)).body.user.id;

    const tenant = (await api.post('/api/tenants', { name: 'Hostile admin' }, admin)).body;
    expect((await api.put(`/api/tenants/${tenant.id}/members/${memberId}`, { role: 'operator' }, admin)).status).toBe(200);
    const base = `/api/tenants/${tenant.id}/connections`;
    const created = await api.post(base, { displayName: 'Bait', subaccountId: '8f2d3c1a-5b6e-4f70-9a81-2c3d4e5f6a7b', landscapeDomain: LANDSCAPE, s4Host: sandbox.descriptor.s4.uiHost, sandbox: true }, admin);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const connection = created.body;
    const key = (url: string, uri: string) => JSON.stringify({ clientid: 'sb-bait!b1', clientsecret: 'bait-secret', url: `https://${url}`, uri: `https://${uri}` });

    // 1. Look-alike hosts are refused at input, and nothing is stored.
    for (const [url, uri] of [
      [HOSTILE.lookAlikeXsuaa, HOSTILE.destination],
      [HOSTILE.xsuaa, HOSTILE.lookAlikeDestination],
    ] as const) {
      const refused = await api.put(`${base}/${connection.id}/credentials`, { destinationServiceKey: key(url, uri), version: connection.version }, admin);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details[0].field).toBe('destinationServiceKey');
    }
    expect((await api.get(`${base}/${connection.id}/credentials`, admin)).body.destinationServiceKey.set).toBe(false);

    // 2. A key of SAP's shape whose hosts the attacker controls (here: the capture) is accepted — then the member tests.
    const stored = await api.put(`${base}/${connection.id}/credentials`, { destinationServiceKey: key(HOSTILE.xsuaa, HOSTILE.destination), version: connection.version }, admin);
    expect(stored.status).toBe(200);
    const test = await api.post(`${base}/${connection.id}/test`, undefined, member);
    expect(test.status).toBe(200);
    expect(test.body.outcome).not.toBe('succeeded');

    // The capture saw the product's calls (so the hosts were reachable) but never a token of the product's users.
    expect(captured.length).toBeGreaterThan(0);
    const seen = JSON.stringify(captured);
    expect(seen).not.toContain(memberToken);
    expect(seen).not.toContain(admin.authorization.slice(7));
    expect(captured.filter((c) => c.host.includes('evil') || c.host.includes('-cfapps'))).toEqual([]);
  });
});
