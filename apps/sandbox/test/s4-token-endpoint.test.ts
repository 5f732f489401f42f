import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyPair, type KeyPairWithCertificate } from '../src/crypto/keys.js';
import { assertionXml, NAME_ID_FORMATS, signAssertion, type AssertionInput } from '../src/saml/build-assertion.js';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';
import { UNCERTAIN } from '../src/uncertain.js';
import { COMM_PASSWORD, COMM_USER, json, manualSetup } from './support/manual-setup.js';

let sb: RunningSandbox;
let cn: string;
beforeAll(async () => {
  sb = await startSandbox();
  cn = (await manualSetup(sb)).cn;
});
afterAll(() => sb.close());

function assertion(overrides: Partial<AssertionInput> = {}, key: KeyPairWithCertificate = sb.context.state.btp.trust.active!) {
  const user = sb.descriptor.businessUsers[0]!;
  const input: AssertionInput = {
    issuer: cn,
    nameId: user.userUuid,
    nameIdFormat: NAME_ID_FORMATS.unspecified,
    audience: `https://${sb.descriptor.s4.uiHost}`,
    recipient: `https://${sb.descriptor.s4.apiHost}/sap/bc/sec/oauth2/token`,
    authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509',
    attributes: { user_uuid: user.userUuid },
    now: new Date(),
    ...overrides,
  };
  return signAssertion(assertionXml(input), key);
}

async function redeem(xml: string, client = { user: COMM_USER, password: COMM_PASSWORD }) {
  const answer = await fetch(`${sb.descriptor.baseUrl}/sap/bc/sec/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${client.user}:${client.password}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer', assertion: Buffer.from(xml).toString('base64url'), client_id: COMM_USER }),
  });
  return { status: answer.status, body: await json(answer) };
}

const E = UNCERTAIN.tokenErrors;

describe('the S/4 token endpoint /sap/bc/sec/oauth2/token (saml2-bearer)', () => {
  it('when the assertion is valid, then it issues a bearer token', async () => {
    const answer = await redeem(assertion());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.stringMatching(/^[0-9a-f]{48}$/) });
  });

  it.each([
    ['a tampered assertion', () => assertion().replace(/(<saml2:NameID[^>]*>)[^<]+/, `$1${sb.descriptor.businessUsers[1]!.userUuid}`), 400, 'invalid_grant', E.badSignature],
    ['one signed by another key', () => assertion({}, createKeyPair([{ shortName: 'CN', value: cn }], 30)), 400, 'invalid_grant', E.badSignature],
    ['a wrong issuer', () => assertion({ issuer: 'cfapps.eu10.hana.ondemand.com/00000000-0000-0000-0000-000000000000' }), 401, 'invalid_client', E.unknownIssuer],
    ['a wrong audience', () => assertion({ audience: 'https://my900002.s4hana.ondemand.com' }), 400, 'invalid_grant', E.wrongAudience],
    ['a wrong recipient', () => assertion({ recipient: 'https://my900001-api.s4hana.ondemand.com/other' }), 400, 'invalid_grant', E.wrongRecipient],
    ['an expired one', () => assertion({ now: new Date(Date.now() - 3_600_000), validSeconds: 300 }), 400, 'invalid_grant', E.expired],
    ['one not yet valid', () => assertion({ now: new Date(Date.now() + 3_600_000) }), 400, 'invalid_grant', E.expired],
    [
      'a foreign issuer hidden behind a commented-out trusted one',
      () => assertion({ issuer: 'attacker-issuer' }).replace('<saml2:Issuer>attacker-issuer</saml2:Issuer>', `<!--<saml2:Issuer>${cn}</saml2:Issuer>--><saml2:Issuer>attacker-issuer</saml2:Issuer>`),
      401,
      'invalid_client',
      E.unknownIssuer,
    ],
    ['an unknown user', () => assertion({ nameId: '00000000-1111-2222-3333-444444444444' }), 400, 'invalid_grant', E.unknownUser],
  ])('when it gets %s, then it answers %i %s with SAP’s message', async (_label, make, status, error, description) => {
    const answer = await redeem(make());
    expect(answer).toEqual({ status, body: { error, error_description: description } });
  });

  it('when the client sends no Basic credentials, then it answers invalid_client and asks for them', async () => {
    const answer = await fetch(`${sb.descriptor.baseUrl}/sap/bc/sec/oauth2/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'x' }) });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await json(answer)).toEqual({ error: 'invalid_client', error_description: E.noClientAuthentication });
  });
});
