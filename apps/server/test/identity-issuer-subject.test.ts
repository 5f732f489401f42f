import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../src/store/migrations/index.js';
import { openTestKysely } from './support/test-database.js';
import { apiClient, startTestServer, type TestServer } from './support/test-server.js';

/**
 * An identity provider of its own for each issuer: an RSA key, its JWKS served over HTTP, and RS256 tokens with the
 * claims a test chooses (the sandbox's XSUAA has one issuer and derives `sub` itself, so it cannot play two).
 */
async function startIdentityProvider(issuer: string) {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    issuer,
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token_keys`,
    token(claims: Record<string, unknown>) {
      const now = Math.floor(Date.now() / 1000);
      const signed = `${part({ alg: 'RS256', kid, typ: 'JWT' })}.${part({ iss: issuer, aud: [AUDIENCE], iat: now, exp: now + 600, ...claims })}`;
      return `Bearer ${signed}.${createSign('RSA-SHA256').update(signed).sign(privateKey).toString('base64url')}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type IdentityProvider = Awaited<ReturnType<typeof startIdentityProvider>>;

const AUDIENCE = 'tcc-app';
const jwtServer = (idp: IdentityProvider, dataDir?: string) =>
  startTestServer(dataDir, { AUTH_MODE: 'jwt', JWT_JWKS_URL: idp.jwksUrl, JWT_ISSUER: idp.issuer, JWT_AUDIENCE: AUDIENCE, TENANT_CREATION: 'all-users' });

/** The same person as far as every attribute goes: user name, e-mail, and even the subject value. */
const ADA = { sub: 'ada-subject-1', user_name: 'ada@example.com', email: 'ada@example.com', given_name: 'Ada', family_name: 'Lovelace' };

let idpA: IdentityProvider;
let idpB: IdentityProvider;
beforeAll(async () => {
  idpA = await startIdentityProvider('https://idp-a.example.com/oauth/token');
  idpB = await startIdentityProvider('https://idp-b.example.com/oauth/token');
});
afterAll(async () => {
  await idpA.close();
  await idpB.close();
});

describe('a user is issuer + subject; e-mail and user name are attributes (issue 9 finding 12)', () => {
  let server: TestServer | undefined;
  afterAll(async () => server?.stop());

  it('when another issuer sends a token with the same e-mail, user name and sub, then it gets its own account without the first one’s roles', async () => {
    server = await jwtServer(idpA);
    const api = apiClient(server.baseUrl);
    const fromA = { authorization: idpA.token(ADA) };
    const meA = await api.get('/api/auth/me', fromA);
    expect(meA.status).toBe(200);
    const tenant = await api.post('/api/tenants', { name: 'Ada’s customer' }, fromA);
    expect(tenant.status).toBe(201);
    await server.stop();

    // The same data, now trusting another identity provider (a switch of provider, or a second subaccount's XSUAA).
    server = await jwtServer(idpB, server.dataDir);
    const apiB = apiClient(server.baseUrl);
    const fromB = { authorization: idpB.token(ADA) };
    const meB = await apiB.get('/api/auth/me', fromB);
    expect(meB.status).toBe(200);
    expect(meB.body.user.id).not.toBe(meA.body.user.id);
    expect(meB.body.user.username).toBe('ada@example.com');
    expect((await apiB.get('/api/tenants', fromB)).body.items).toEqual([]);
    expect((await apiB.get(`/api/tenants/${tenant.body.id}`, fromB)).status).toBe(404);
    expect((await apiB.get(`/api/tenants/${tenant.body.id}/members`, fromB)).status).toBe(404);
    // The first provider's token is not accepted by a server that trusts the second one only.
    expect((await apiB.get('/api/auth/me', fromA)).status).toBe(401);
  });
});

describe('within one issuer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await jwtServer(idpA);
  });
  afterAll(() => server.stop());

  it('when two subjects share a user name and e-mail (one XSUAA, two origins), then they are two accounts', async () => {
    const api = apiClient(server.baseUrl);
    // XSUAA's `sub` is its user's ID, one per origin + user name (SAP-docs btp-cloud-platform cc1c676); user_name repeats.
    const corporate = { authorization: idpA.token({ ...ADA, sub: 'shadow-user-1', origin: 'corporate-ias' }) };
    const sapId = { authorization: idpA.token({ ...ADA, sub: 'shadow-user-2', origin: 'sap.default' }) };
    const tenant = await api.post('/api/tenants', { name: 'Corporate only' }, corporate);
    expect(tenant.status).toBe(201);
    const meCorporate = await api.get('/api/auth/me', corporate);
    const meSapId = await api.get('/api/auth/me', sapId);
    expect(meSapId.body.user.id).not.toBe(meCorporate.body.user.id);
    expect((await api.get('/api/tenants', sapId)).body.items).toEqual([]);
    expect((await api.get(`/api/tenants/${tenant.body.id}`, sapId)).status).toBe(404);
  });

  it('when the same issuer and subject come back with a changed e-mail and user name, then it is the same account, roles kept', async () => {
    const api = apiClient(server.baseUrl);
    const before = { authorization: idpA.token({ ...ADA, sub: 'grace-subject', user_name: 'grace@old.example.com', email: 'grace@old.example.com' }) };
    const tenant = await api.post('/api/tenants', { name: 'Grace’s customer' }, before);
    expect(tenant.status).toBe(201);
    const meBefore = await api.get('/api/auth/me', before);
    const after = { authorization: idpA.token({ ...ADA, sub: 'grace-subject', user_name: 'grace@new.example.com', email: 'grace@new.example.com' }) };
    const meAfter = await api.get('/api/auth/me', after);
    expect(meAfter.body.user.id).toBe(meBefore.body.user.id);
    // Attributes follow the token: the new e-mail is what others see.
    expect(meAfter.body.user.username).toBe('grace@new.example.com');
    const members = await api.get(`/api/tenants/${tenant.body.id}/members`, after);
    expect(members.status).toBe(200);
    expect(members.body.items).toEqual([expect.objectContaining({ userId: meBefore.body.user.id, username: 'grace@new.example.com', role: 'admin' })]);
  });

  it('when a token has no subject, then it is refused', async () => {
    const { sub: _none, ...withoutSub } = ADA;
    expect((await apiClient(server.baseUrl).get('/api/auth/me', { authorization: idpA.token(withoutSub) })).status).toBe(401);
  });

  it('when first requests of a new user arrive in parallel, then one account is made', async () => {
    const api = apiClient(server.baseUrl);
    const auth = { authorization: idpA.token({ ...ADA, sub: 'parallel-subject', user_name: 'par@example.com' }) };
    const answers = await Promise.all(Array.from({ length: 8 }, () => api.get('/api/auth/me', auth)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.body.user.id)).size).toBe(1);
  });
});

describe('migration 0008 on a store made before it', () => {
  it('keeps local accounts with their password and memberships; an account made from a token (issuer unknown) is not handed to a token by its user name', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-0008-'));
    const db = await openTestKysely<any>(dataDir);
    const all = await migrationProvider.getMigrations();
    const upTo0007 = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0008'));
    expect((await new Migrator({ db, provider: { getMigrations: async () => upTo0007 } }).migrateToLatest()).error).toBeUndefined();
    const at = new Date().toISOString();
    const [tenantId, carolId, adaId] = [randomUUID(), randomUUID(), randomUUID()];
    await db.insertInto('tenants').values({ id: tenantId, name: 'Kept across 0008', name_key: 'kept across 0008', created_at: at, updated_at: at, updated_by: 'carol' }).execute();
    const user = (id: string, username: string, display_name: string, password_hash: string | null) => ({ id, username, display_name, password_hash, system_admin: 0, failed_sign_ins: 0, locked_until: null, created_at: at, disabled: 0 });
    await db.insertInto('users').values(user(carolId, 'carol', 'Carol', await hash('carol-password-0001'))).execute();
    // Made by the old keying from a token's user_name: which issuer it came from was never stored.
    await db.insertInto('users').values(user(adaId, 'ada@example.com', 'Ada Lovelace', null)).execute();
    await db.insertInto('memberships').values([carolId, adaId].map((user_id) => ({ tenant_id: tenantId, user_id, role: 'admin' }))).execute();
    await db.destroy();

    const local = await startTestServer(dataDir);
    const carol = apiClient(local.baseUrl);
    await carol.signIn('carol', 'carol-password-0001');
    const tenants = await carol.get('/api/tenants');
    const members = await carol.get(`/api/tenants/${tenantId}/members`);
    await local.stop();
    expect(tenants.body.items.map((t: { name: string }) => t.name)).toEqual(['Kept across 0008']);
    expect(members.body.items.map((m: { userId: string; username: string }) => [m.userId, m.username]).sort()).toEqual(
      [[carolId, 'carol'], [adaId, 'ada@example.com']].sort(),
    );

    const jwt = await jwtServer(idpA, dataDir);
    const fromA = { authorization: idpA.token(ADA) };
    const me = await apiClient(jwt.baseUrl).get('/api/auth/me', fromA);
    const visible = await apiClient(jwt.baseUrl).get('/api/tenants', fromA);
    await jwt.stop();
    expect(me.status).toBe(200);
    expect(me.body.user.id).not.toBe(adaId);
    expect(visible.body.items).toEqual([]);
  });
});
