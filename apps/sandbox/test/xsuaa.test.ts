import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyClientToken, verifyUserToken } from '../src/btp/xsuaa.js';
import { signJwt } from '../src/crypto/jwt.js';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';

// Pins the XSUAA facts of sap-apis.md A.1, specs/NOTES.md §4 and sap-cloud-sdk.md.
let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => {
  await sb?.close();
});

const decode = (jwt: string, part: 0 | 1) => JSON.parse(Buffer.from(jwt.split('.')[part]!, 'base64url').toString('utf8')) as Record<string, any>;

async function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${sb.descriptor.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const serviceKey = () => sb.descriptor.btp.loopbackDestinationServiceKey;
const ccForm = () => ({ grant_type: 'client_credentials', client_id: serviceKey().clientid, client_secret: serviceKey().clientsecret });
const userForm = () => {
  const user = sb.descriptor.businessUsers[0]!;
  const client = sb.descriptor.btp.userTokenClient;
  return { grant_type: 'password', username: user.userName, password: user.password, client_id: client.clientid, client_secret: client.clientsecret };
};

describe('XSUAA POST /oauth/token', () => {
  it('when the service key client sends client_credentials in the form body, then it gets a bearer JWT with the tenant claims', async () => {
    const { status, body } = await token(ccForm());
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 43199, scope: 'uaa.resource' });
    expect(typeof body.jti).toBe('string');
    const header = decode(body.access_token, 0);
    expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT', jku: 'https://sandbox.authentication.eu10.hana.ondemand.com/token_keys' });
    const claims = decode(body.access_token, 1);
    expect(claims).toMatchObject({
      iss: 'https://sandbox.authentication.eu10.hana.ondemand.com/oauth/token',
      zid: sb.context.state.btp.zoneId,
      ext_attr: { enhancer: 'XSUAA', subaccountid: sb.descriptor.btp.subaccountId, zdn: 'sandbox' },
      cid: serviceKey().clientid,
      client_id: serviceKey().clientid,
      azp: serviceKey().clientid,
      grant_type: 'client_credentials',
      scope: ['uaa.resource'],
      jti: body.jti,
    });
    expect(claims.aud).toContain(serviceKey().clientid);
    expect(claims.exp - claims.iat).toBe(43199);
    expect(claims.user_uuid).toBeUndefined();
  });

  it('when the client authenticates with HTTP Basic instead, then it also gets a token', async () => {
    const basic = Buffer.from(`${encodeURIComponent(serviceKey().clientid)}:${encodeURIComponent(serviceKey().clientsecret)}`).toString('base64');
    const { status, body } = await token({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` });
    expect(status).toBe(200);
    expect(decode(body.access_token, 1).cid).toBe(serviceKey().clientid);
  });

  it('when the client secret is wrong or the client unknown, then 401 unauthorized "Bad credentials"', async () => {
    const wrongSecret = await token({ ...ccForm(), client_secret: 'wrong' });
    expect(wrongSecret).toEqual({ status: 401, body: { error: 'unauthorized', error_description: 'Bad credentials' } });
    const unknown = await token({ ...ccForm(), client_id: 'sb-nobody!b1' });
    expect(unknown.status).toBe(401);
    const none = await token({ grant_type: 'client_credentials' });
    expect(none.status).toBe(401);
  });

  it('when the grant type is not supported, then 400 unsupported_grant_type', async () => {
    const { status, body } = await token({ ...ccForm(), grant_type: 'implicit' });
    expect(status).toBe(400);
    expect(body.error).toBe('unsupported_grant_type');
  });

  it('when a business user logs on with the password grant, then the token carries the user claims', async () => {
    const user = sb.descriptor.businessUsers[0]!;
    const { status, body } = await token(userForm());
    expect(status).toBe(200);
    const claims = decode(body.access_token, 1);
    expect(claims).toMatchObject({
      grant_type: 'password',
      user_uuid: user.userUuid,
      user_name: user.userName,
      email: user.email,
      origin: 'sap.custom', // anna signs in through the subaccount's IAS tenant (UNCERTAIN.xsuaaOrigins.ias); was sap.default
      given_name: 'Anna',
      family_name: 'Approver',
      cid: sb.descriptor.btp.userTokenClient.clientid,
      zid: sb.context.state.btp.zoneId,
      ext_attr: { enhancer: 'XSUAA' },
    });
    expect(claims.user_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.user_id).not.toBe(user.userUuid);
  });

  it('specs/NOTES.md §4: when users of IAS and of SAP ID service log on, then user_uuid is the GUID IAS set or the SAP user ID (no GUID) of SAP ID service, and origin names the provider', async () => {
    const client = sb.descriptor.btp.userTokenClient;
    const claimsOf = async (user: (typeof sb.descriptor.businessUsers)[number]) =>
      decode((await token({ grant_type: 'password', username: user.userName, password: user.password, client_id: client.clientid, client_secret: client.clientsecret })).body.access_token, 1);
    const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const user of sb.descriptor.businessUsers.filter((u) => u.origin === 'sap.custom')) {
      expect(await claimsOf(user)).toMatchObject({ origin: 'sap.custom', user_uuid: expect.stringMatching(guid) });
    }
    expect(sb.descriptor.businessUsers.filter((u) => u.inS4).every((u) => u.origin === 'sap.custom')).toBe(true);
    const sapIdUsers = sb.descriptor.businessUsers.filter((u) => u.origin === 'sap.default');
    expect(sapIdUsers).toHaveLength(1);
    const claims = await claimsOf(sapIdUsers[0]!);
    expect(claims).toMatchObject({ origin: 'sap.default', user_uuid: 'P000123' });
    expect(claims.user_uuid).not.toMatch(guid);
    expect(claims.user_id).toMatch(guid); // XSUAA's shadow user ID stays a GUID
  });

  it('when the user password is wrong, then 400 invalid_grant', async () => {
    const { status, body } = await token({ ...userForm(), password: 'not-the-password' });
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('when a user token is exchanged with the jwt-bearer grant, then the new token is issued to the caller and keeps the user', async () => {
    const userToken = (await token(userForm())).body.access_token as string;
    const { status, body } = await token({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: userToken,
      client_id: serviceKey().clientid,
      client_secret: serviceKey().clientsecret,
    });
    expect(status).toBe(200);
    const claims = decode(body.access_token, 1);
    expect(claims).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', cid: serviceKey().clientid });
    expect(claims.user_uuid).toBe(sb.descriptor.businessUsers[0]!.userUuid);
    expect(claims.user_id).toBe(decode(userToken, 1).user_id);
    const bad = await token({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'x.y.z', client_id: serviceKey().clientid, client_secret: serviceKey().clientsecret });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_grant');
  });
});

describe('XSUAA GET /token_keys', () => {
  it('when a token is checked against the published JWKS, then its RS256 signature verifies with the key of its kid', async () => {
    const jwt = (await token(ccForm())).body.access_token as string;
    const jwks = (await (await fetch(`${sb.descriptor.baseUrl}/token_keys`)).json()) as { keys: (JsonWebKey & { kid: string })[] };
    const key = jwks.keys.find((k) => k.kid === decode(jwt, 0).kid);
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const publicKey = createPublicKey({ key: key!, format: 'jwk' });
    expect(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(publicKey, Buffer.from(s, 'base64url'))).toBe(true);
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...decode(jwt, 1), zid: 'other' })).toString('base64url')}`;
    expect(createVerify('RSA-SHA256').update(tampered).verify(publicKey, Buffer.from(s, 'base64url'))).toBe(false);
  });
});

describe('token helpers for other sandbox modules', () => {
  it('when tokens of each grant are checked, then client and user tokens are told apart and forgeries rejected', async () => {
    const cc = (await token(ccForm())).body.access_token as string;
    const user = (await token(userForm())).body.access_token as string;
    expect(verifyClientToken(sb.context, `Bearer ${cc}`)).toMatchObject({ clientId: serviceKey().clientid });
    expect(verifyClientToken(sb.context, cc)).toBeNull(); // needs the Bearer scheme
    expect(verifyClientToken(sb.context, `Bearer ${user}`)).toBeNull();
    expect(verifyClientToken(sb.context, undefined)).toBeNull();
    expect(verifyUserToken(sb.context, user)).toMatchObject({ userUuid: sb.descriptor.businessUsers[0]!.userUuid, email: sb.descriptor.businessUsers[0]!.email });
    expect(verifyUserToken(sb.context, `Bearer ${user}`)).not.toBeNull();
    expect(verifyUserToken(sb.context, cc)).toBeNull();
    const [h, , s] = user.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...decode(user, 1), user_uuid: 'someone-else' })).toString('base64url')}.${s}`;
    expect(verifyUserToken(sb.context, forged)).toBeNull();
    // NOTES.md §4: user_uuid is there only where the identity provider set one; a user token without it is still a user token.
    const { user_uuid: _dropped, ...withoutUuid } = decode(user, 1);
    const signed = signJwt(withoutUuid, sb.context.state.btp.tokenSigningKey, decode(user, 0).jku);
    expect(verifyUserToken(sb.context, signed)).toMatchObject({ userUuid: undefined, userName: sb.descriptor.businessUsers[0]!.userName });
  });
});
