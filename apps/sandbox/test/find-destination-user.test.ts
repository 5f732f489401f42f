import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonPath, propagatedUserId } from '../src/btp/user-id.js';
import { isPrivateHost } from '../src/btp/x-user-token.js';
import { jwk, signJwt } from '../src/crypto/jwt.js';
import { createKeyPair } from '../src/crypto/keys.js';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';
import { UNCERTAIN } from '../src/uncertain.js';
import { DESTINATION, json, manualSetup, serviceToken, userToken } from './support/manual-setup.js';

/**
 * Which user find destination propagates for an OAuth2SAMLBearerAssertion destination, and whose token it trusts:
 * - userIdSource as a JsonPath: SAP-docs btp-connectivity user-propagation-via-saml-2-0-bearer-assertion-flow-3cb7b81.md
 *   (sap-field-facts.md A.34);
 * - X-user-token only from issuers the subaccount trusts: sap-field-facts.md row 3 ([SPEC] X-user-token; SAP-docs
 *   oauth-saml-bearer-assertion-authentication-c69ea6a.md for x_user_token.jwks / jwks_uri / header.typ;
 *   exchanging-user-jwts-via-oauth2jwtbearer-destinations-39d4265.md for X-user-token's priority over Authorization);
 * - user_uuid only where the identity provider sets one: specs/NOTES.md §4 (SAP ID service: an SAP user ID, not a GUID).
 */
const REPLICATION = '/sap/opu/odata4/sap/api_task_spi_replication/default/sap/api_task_spi_replication/0001';
const FOREIGN_ISSUER = 'https://foreign-idp.example.com/oauth2/token';

let sb: RunningSandbox;
let base: Record<string, string>;
let serviceBearer: string;
const foreignKey = createKeyPair([{ shortName: 'CN', value: 'foreign-idp.example.com' }], 30);

beforeAll(async () => {
  sb = await startSandbox();
  await manualSetup(sb);
  serviceBearer = `Bearer ${await serviceToken(sb)}`;
  base = await json(await fetch(`${sb.descriptor.baseUrl}/destination-configuration/v1/subaccountDestinations/${DESTINATION}`, { headers: { authorization: serviceBearer } }));
});
afterAll(async () => {
  await sb?.close();
});

/** A copy of the working Task Center destination with other properties, under a fresh name. */
async function destinationWith(extra: Record<string, string | undefined>): Promise<string> {
  const Name = `dest_${randomUUID().slice(0, 8)}`;
  const destination = Object.fromEntries(Object.entries({ ...base, ...extra, Name }).filter(([, v]) => v !== undefined));
  const created = await fetch(`${sb.descriptor.baseUrl}/destination-configuration/v1/subaccountDestinations`, {
    method: 'POST',
    headers: { authorization: serviceBearer, 'content-type': 'application/json' },
    body: JSON.stringify(destination),
  });
  expect(created.status).toBe(201);
  return Name;
}

async function find(name: string, headers: Record<string, string>) {
  const answer = await fetch(`${sb.descriptor.baseUrl}/destination-configuration/v1/destinations/${name}`, { headers: { authorization: serviceBearer, ...headers } });
  expect(answer.status).toBe(200);
  return (await json(answer)).authTokens[0] as { type: string; value: string; error?: string; http_header: { key: string; value: string } };
}

/** The token opens S/4's task service for the user whose UUID S/4 found. */
async function recipientOf(token: { http_header: { value: string } }): Promise<string> {
  const tasks = await fetch(`${sb.descriptor.baseUrl}${REPLICATION}/${UNCERTAIN.taskReplication.entitySet}`, { headers: { authorization: token.http_header.value } });
  expect(tasks.status).toBe(200);
  return (await json(tasks)).value[0].RecipientUserUUID;
}

const anna = () => sb.descriptor.businessUsers.find((u) => u.inS4)!;
const now = () => Math.floor(Date.now() / 1000);
/** A user JWT of an identity provider the subaccount's XSUAA knows nothing of, carrying anna's IAS user UUID. */
function foreignToken(claims: Record<string, unknown> = {}, key = foreignKey) {
  const user = anna();
  return signJwt(
    { iss: FOREIGN_ISSUER, sub: user.userUuid, user_uuid: user.userUuid, user_name: user.userName, email: user.email, iat: now(), exp: now() + 600, ...claims },
    key,
    'https://foreign-idp.example.com/oauth2/certs',
  );
}
const jwksBase64 = (...keys: (typeof foreignKey)[]) => Buffer.from(JSON.stringify({ keys: keys.map((k) => jwk(k)) })).toString('base64');

describe('3cb7b81 (sap-field-facts.md A.34): userIdSource may be a JsonPath expression', () => {
  it('when userIdSource is $.user_uuid, then the NameID is the user_uuid claim and S/4 maps the user by it', async () => {
    const name = await destinationWith({ userIdSource: '$.user_uuid' });
    const token = await find(name, { 'x-user-token': await userToken(sb) });
    expect(token.error).toBeUndefined();
    expect(await recipientOf(token)).toBe(anna().userUuid);
  });

  it('when userIdSource is a plain claim name, then it is still looked up on the root level', async () => {
    const token = await find(await destinationWith({ userIdSource: 'user_uuid' }), { 'x-user-token': await userToken(sb) });
    expect(await recipientOf(token)).toBe(anna().userUuid);
  });

  it('when the JsonPath or claim finds nothing, then the retrieval fails: "user ID could not be determined"', async () => {
    for (const userIdSource of ['$.ext_attr.no_such_claim', '$.user_uuid.deeper', 'no_such_claim', '$..user_uuid']) {
      const token = await find(await destinationWith({ userIdSource }), { 'x-user-token': await userToken(sb) });
      expect([userIdSource, token.type, token.value, token.error]).toEqual([userIdSource, '', '', expect.stringContaining('user ID could not be determined')]);
    }
  });

  it('when JsonPath expressions use dots, brackets or SAP’s own $.[…] spelling, then they reach nested claims', () => {
    const claims = { user_uuid: 'u-1', ext_attr: { zdn: 'sandbox', list: ['a', 'b'] }, 'xs.system.attributes': { 'xs.saml.groups': ['G1'] } };
    const destination = (userIdSource?: string, nameIdFormat?: string) => ({ Name: 'd', Type: 'HTTP', ...(userIdSource ? { userIdSource } : {}), ...(nameIdFormat ? { nameIdFormat } : {}) });
    expect(propagatedUserId(destination('$.user_uuid'), claims)).toEqual({ ok: true, userId: 'u-1' });
    expect(propagatedUserId(destination('$.ext_attr.zdn'), claims)).toEqual({ ok: true, userId: 'sandbox' });
    expect(propagatedUserId(destination("$['ext_attr']['list'][1]"), claims)).toEqual({ ok: true, userId: 'b' });
    expect(propagatedUserId(destination("$.['xs.system.attributes']['xs.saml.groups'][0]"), claims)).toEqual({ ok: true, userId: 'G1' });
    expect(parseJsonPath('$.a[*]')).toBeNull();
    expect(parseJsonPath('user_uuid')).toBeNull();
    // No userIdSource: nameIdFormat emailAddress → email, unspecified/unset → user_name, anything else fails (3cb7b81).
    const person = { email: 'e@example.com', user_name: 'u' };
    expect(propagatedUserId(destination(undefined, 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'), person)).toEqual({ ok: true, userId: 'e@example.com' });
    expect(propagatedUserId(destination(), person)).toEqual({ ok: true, userId: 'u' });
    expect(propagatedUserId(destination(undefined, 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'), person)).toMatchObject({ ok: false });
  });
});

describe('sap-field-facts.md row 3 / c69ea6a: X-user-token only from issuers the subaccount trusts', () => {
  it('when X-user-token comes from an issuer the subaccount does not trust, then no token is issued — even with a valid user JWT in Authorization', async () => {
    const token = await find(DESTINATION, { 'x-user-token': foreignToken() });
    expect(token).toMatchObject({ type: '', value: '', error: expect.stringContaining('is not trusted') });
    expect(token.error).toContain(`issuer ${FOREIGN_ISSUER} is not the subaccount’s XSUAA`);
    // 39d4265: a non-empty X-user-token has priority; the Authorization user is not used instead.
    const answer = await fetch(`${sb.descriptor.baseUrl}/destination-configuration/v1/destinations/${DESTINATION}`, {
      headers: { authorization: `Bearer ${await userToken(sb)}`, 'x-user-token': foreignToken() },
    });
    expect((await json(answer)).authTokens[0]).toMatchObject({ value: '', error: expect.stringContaining('is not trusted') });
  });

  it('when an XSUAA-looking token is forged, expired or not a JWT, then it is refused', async () => {
    const own = await userToken(sb);
    const [h, p, s] = own.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, user_uuid: sb.descriptor.businessUsers[1]!.userUuid })).toString('base64url')}.${s}`;
    const expired = signJwt({ ...claims, exp: now() - 10 }, sb.context.state.btp.tokenSigningKey, 'x');
    for (const bad of [forged, expired, 'not-a-jwt', `Bearer ${own}`]) {
      expect((await find(DESTINATION, { 'x-user-token': bad })).error).toContain('is not trusted');
    }
  });

  it('when the destination carries the issuer’s keys in x_user_token.jwks (Base64-encoded JWKS), then the foreign token is used', async () => {
    const name = await destinationWith({ 'x_user_token.jwks': jwksBase64(foreignKey) });
    const token = await find(name, { 'x-user-token': foreignToken() });
    expect(token.error).toBeUndefined();
    expect(await recipientOf(token)).toBe(anna().userUuid);
  });

  it('when x_user_token.jwks holds other keys, is not Base64 JSON, the typ differs from x_user_token.header.typ, or the token expired, then it is refused', async () => {
    const otherKey = createKeyPair([{ shortName: 'CN', value: 'other' }], 30);
    const cases: [Record<string, string>, string, string][] = [
      [{ 'x_user_token.jwks': jwksBase64(otherKey) }, foreignToken(), 'signature does not verify'],
      [{ 'x_user_token.jwks': Buffer.from('{"keys":').toString('base64') }, foreignToken(), 'not a Base64-encoded JSON web key set'],
      [{ 'x_user_token.jwks': jwksBase64(foreignKey), 'x_user_token.header.typ': 'at+jwt' }, foreignToken(), 'typ JWT is not at+jwt'],
      [{ 'x_user_token.jwks': jwksBase64(foreignKey) }, foreignToken({ exp: now() - 60 }), 'expired'],
    ];
    for (const [extra, jwt, reason] of cases) {
      const token = await find(await destinationWith(extra), { 'x-user-token': jwt });
      expect([reason, token.value, token.error]).toEqual([reason, '', expect.stringContaining('is not trusted')]);
      expect(token.error).toContain(reason);
    }
  });

  it('when x_user_token.jwks_uri names a host the service can reach, then its JWKS verifies the token; a private endpoint (localhost) cannot be used', async () => {
    // The sandbox's XSUAA publishes its keys at a simulated public host; a token signed with them but of another issuer
    // is trusted only through the destination's jwks_uri.
    const xsuaaKeys = `https://${sb.context.hosts.xsuaa}/token_keys`;
    const signedByXsuaaKey = foreignToken({}, sb.context.state.btp.tokenSigningKey);
    expect((await find(DESTINATION, { 'x-user-token': signedByXsuaaKey })).error).toContain('is not trusted');
    const trusted = await find(await destinationWith({ 'x_user_token.jwks_uri': xsuaaKeys }), { 'x-user-token': signedByXsuaaKey });
    expect(trusted.error).toBeUndefined();
    expect(await recipientOf(trusted)).toBe(anna().userUuid);
    for (const [uri, reason] of [
      [`https://localhost:${new URL(sb.descriptor.baseUrl).port}/token_keys`, 'private endpoint'],
      [`https://127.0.0.1:${new URL(sb.descriptor.baseUrl).port}/token_keys`, 'private endpoint'],
      [`${sb.descriptor.baseUrl}/token_keys`, 'not an https URL'],
    ]) {
      const refused = await find(await destinationWith({ 'x_user_token.jwks_uri': uri! }), { 'x-user-token': signedByXsuaaKey });
      expect([uri, refused.error]).toEqual([uri, expect.stringContaining('is not trusted')]);
      expect(refused.error).toContain(reason);
    }
    expect(['localhost', '127.0.0.1', '10.1.2.3', '192.168.0.1', '172.20.0.1', '[::1]'].every(isPrivateHost)).toBe(true);
    expect(isPrivateHost(sb.context.hosts.xsuaa)).toBe(false);
  });
});

describe('specs/NOTES.md §4: user_uuid only where the identity provider sets one', () => {
  it('when a user of SAP ID service (origin sap.default, user_uuid P000123) is propagated, then S/4 finds no user with that UUID and the retrieval fails', async () => {
    const paula = sb.descriptor.businessUsers.find((u) => u.origin === 'sap.default')!;
    expect(paula.userUuid).toMatch(/^P\d+$/);
    const token = await find(DESTINATION, { 'x-user-token': await userToken(sb, paula.userName) });
    expect(token).toMatchObject({ type: '', value: '' });
    expect(token.error).toContain(UNCERTAIN.tokenErrors.unknownUser);
  });

  it('when the first user with inS4 (what the product’s connection test signs in as) is propagated, then the token works', async () => {
    expect(anna().origin).toBe('sap.custom');
    const token = await find(DESTINATION, { 'x-user-token': await userToken(sb) });
    expect(await recipientOf(token)).toBe(anna().userUuid);
  });
});
