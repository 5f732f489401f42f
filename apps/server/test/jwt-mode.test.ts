import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startTestServer, type TestServer } from './support/test-server.js';

let sandbox: RunningSandbox;
let server: TestServer;

/** The sandbox's XSUAA stands in for the production identity provider: real RS256 tokens and a real JWKS. */
async function token(form: Record<string, string>): Promise<string> {
  const answer = await fetch(`${sandbox.descriptor.baseUrl}/oauth/token`, { method: 'POST', body: new URLSearchParams(form) });
  return ((await answer.json()) as { access_token: string }).access_token;
}

async function userToken() {
  const user = sandbox.descriptor.businessUsers[0]!;
  const client = sandbox.descriptor.btp.userTokenClient;
  return token({ grant_type: 'password', username: user.userName, password: user.password, client_id: client.clientid, client_secret: client.clientsecret });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  server = await startTestServer(undefined, {
    AUTH_MODE: 'jwt',
    JWT_JWKS_URL: `${sandbox.descriptor.baseUrl}/token_keys`,
    JWT_ISSUER: `https://${sandbox.descriptor.btp.subdomain}.authentication.${sandbox.descriptor.btp.landscapeDomain}/oauth/token`,
    JWT_AUDIENCE: sandbox.descriptor.btp.userTokenClient.clientid,
    // The bearer user below is no system admin and creates a tenant.
    TENANT_CREATION: 'all-users',
  });
});
afterAll(async () => {
  await server.stop();
  await sandbox.close();
});

describe('production sign-in: JWT bearer tokens verified against a JWKS', () => {
  it('when a valid token of the identity provider is sent, then the user is known and can work without a CSRF token', async () => {
    const api = apiClient(server.baseUrl);
    const auth = { authorization: `Bearer ${await userToken()}` };
    const me = await api.get('/api/auth/me', auth);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: sandbox.descriptor.businessUsers[0]!.userName, systemAdmin: false });
    expect(me.body.csrfToken).toBeNull();
    expect((await api.post('/api/tenants', { name: 'Bearer Co' }, auth)).status).toBe(201);
    expect((await api.get('/api/tenants', auth)).body.items.map((t: { name: string }) => t.name)).toEqual(['Bearer Co']);
  });

  it('when the token is forged, for another audience, or missing, then the answer is 401', async () => {
    const api = apiClient(server.baseUrl);
    const valid = await userToken();
    const [header, payload, signature] = valid.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, user_name: 'mallory@example.com' })).toString('base64url')}.${signature}`;
    const key = sandbox.descriptor.btp.loopbackDestinationServiceKey;
    const otherAudience = await token({ grant_type: 'client_credentials', client_id: key.clientid, client_secret: key.clientsecret });
    for (const bearer of [forged, otherAudience, 'not.a.token']) {
      expect((await api.get('/api/auth/me', { authorization: `Bearer ${bearer}` })).status).toBe(401);
    }
    expect((await api.get('/api/auth/me')).status).toBe(401);
  });

  it('when someone tries a local sign-in in JWT mode, then it is refused', async () => {
    const answer = await apiClient(server.baseUrl).post('/api/auth/sign-in', { username: 'admin', password: 'whatever-password' });
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toMatch(/identity provider/);
  });
});
