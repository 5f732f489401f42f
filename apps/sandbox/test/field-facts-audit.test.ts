import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateBase64 } from '../src/crypto/keys.js';
import { assertionXml, NAME_ID_FORMATS, signAssertion } from '../src/saml/build-assertion.js';
import { startSandbox, type RunningSandbox } from '../src/start-sandbox.js';
import { UNCERTAIN } from '../src/uncertain.js';
import { CA, CS, CU, ODataTestClient, PASSWORD, SAML_BEARER, unique } from './s4-odata-client.js';

/**
 * The rows of sap-field-facts.md "Would break a real setup", re-checked against the sandbox over HTTP. Each test names
 * its row and source; rows whose answer no public source settles run in both profiles (profile.ts).
 */
const E = UNCERTAIN.communicationManagementErrors;
let sb: RunningSandbox;
let client: ODataTestClient;
beforeAll(async () => {
  sb = await startSandbox({ profile: 'evidence' });
  client = new ODataTestClient(sb);
});
afterAll(() => sb.close());

const setProfile = (switches: object) =>
  fetch(`${sb.descriptor.baseUrl}/sandbox/profile`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(switches) });

/** A comm user, an inbound-only system that is an OAuth 2.0 IdP for the subaccount's trust certificate, and its CN. */
async function oauthSystem() {
  const user = (await client.post(`${CU}/CommunicationUsers`, { Name: unique('TC'), Description: 'Task Center', Password: PASSWORD })).body;
  const id = unique('SYS');
  const system = (await client.post(`${CS}/CommunicationSystems`, { ID: id, Name: id, IsInboundOnly: true })).body;
  const cn = sb.descriptor.btp.trustCertificateCn;
  await client.patch(`${CS}/CommunicationSystems(${system.UUID})`, {
    IsOAuth2IdentityProviderActive: true,
    OAuth2IdentityProviderName: cn,
    OAuth2IdentityProviderUserLogonType: 'user_uuid',
  });
  // Fiori's upload (the API may not take it, row 5): the rule function behind both paths.
  await fetch(`${sb.descriptor.baseUrl}/sandbox/fiori/communication-systems/${id}/signing-certificate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ pem: sb.context.state.btp.trust.active!.certificatePem }),
  });
  return { user, system, cn };
}

async function redeem(user: { Name: string }, clientId: string, cn: string) {
  const person = sb.descriptor.businessUsers.find((u) => u.inS4)!;
  const xml = assertionXml({
    issuer: cn,
    nameId: person.userUuid,
    nameIdFormat: NAME_ID_FORMATS.unspecified,
    audience: `https://${sb.descriptor.s4.uiHost}`,
    recipient: `https://${sb.descriptor.s4.apiHost}/sap/bc/sec/oauth2/token`,
    authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509',
    attributes: { user_uuid: person.userUuid },
    now: new Date(),
  });
  const assertion = Buffer.from(signAssertion(xml, sb.context.state.btp.trust.active!)).toString('base64url');
  const answer = await fetch(`${sb.descriptor.baseUrl}/sap/bc/sec/oauth2/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${user.Name}:${PASSWORD}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer', assertion, client_id: clientId }),
  });
  return { status: answer.status, body: (await answer.json()) as Record<string, string> };
}

const arrangementFor = (systemId: string, inboundUuid: string) => ({
  CommunicationScenarioID: 'SAP_COM_0501',
  CommunicationSystemID: systemId,
  Name: unique('ARR'),
  InboundUser: { CommunicationSystemInboundUserUUID: inboundUuid },
});

describe('sap-field-facts.md "Would break a real setup", re-checked against the sandbox', () => {
  it('row 1 (6e5e004, seed step 18): an inbound user without method is basic, SAP_COM_0501 refuses it, and only an OAuth 2.0 SAML-bearer client gets a token', async () => {
    await setProfile({ profile: 'evidence' });
    const { user, system, cn } = await oauthSystem();
    const basic = (await client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID })).body;
    expect(basic).toMatchObject({ AuthenticationMethod: 'basic', OAuth2ClientID: '' });
    const refused = await client.post(`${CA}/CommunicationArrangements`, arrangementFor(system.ID, basic.UUID));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(E.arrangementInboundUserNotOAuth);
    const oauth = (await client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, ...SAML_BEARER })).body;
    expect((await client.post(`${CA}/CommunicationArrangements`, arrangementFor(system.ID, oauth.UUID))).status).toBe(201);
    expect((await redeem(user, oauth.OAuth2ClientID, cn)).status).toBe(200);
  });

  it('row 2 ([3rd-verified]): an API-made OAuth client gets the internal CC… ID; the user name as client_id is refused until PATCH InboundUsers renames it; client IDs are unique', async () => {
    await setProfile({ profile: 'evidence' });
    const { user, system, cn } = await oauthSystem();
    const oauth = (await client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, ...SAML_BEARER })).body;
    expect(oauth.OAuth2ClientID).toBe(user.ID);
    await client.post(`${CA}/CommunicationArrangements`, arrangementFor(system.ID, oauth.UUID));
    expect(await redeem(user, user.Name, cn)).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await redeem(user, user.ID, cn)).status).toBe(200);
    const renamed = await client.patch(`${CS}/InboundUsers(${oauth.UUID})`, { OAuth2ClientID: user.Name });
    expect(renamed.status).toBe(200);
    expect(renamed.body.OAuth2ClientID).toBe(user.Name);
    expect((await redeem(user, user.Name, cn)).status).toBe(200);
    const other = await oauthSystem();
    const clash = (await client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: other.system.UUID, CommunicationUserID: other.user.ID, ...SAML_BEARER })).body;
    const taken = await client.patch(`${CS}/InboundUsers(${clash.UUID})`, { OAuth2ClientID: user.Name });
    expect(taken.status).toBe(400);
    expect(taken.body.error).toMatchObject({ code: E.clientIdTaken, message: expect.stringMatching(/is already assigned to Comm\. System /) });
  });

  it('row 2, the other way of its switches: the client ID is the user name, or cannot be changed', async () => {
    await setProfile({ clientIdIsInternalId: false });
    const named = await oauthSystem();
    const inbound = (await client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: named.system.UUID, CommunicationUserID: named.user.ID, ...SAML_BEARER })).body;
    expect(inbound.OAuth2ClientID).toBe(named.user.Name);
    await setProfile({ clientIdIsInternalId: true, clientIdChangeable: false });
    const fixed = await oauthSystem();
    const cc = (await client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: fixed.system.UUID, CommunicationUserID: fixed.user.ID, ...SAML_BEARER })).body;
    const refused = await client.patch(`${CS}/InboundUsers(${cc.UUID})`, { OAuth2ClientID: fixed.user.Name });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(E.inboundUserFieldImmutable);
    await setProfile({ profile: 'evidence' });
  });

  it('row 5 (D.33, UNCERTAIN): where the tenant keeps the signing certificate from the API, $metadata marks it computed and a write does not change it', async () => {
    await setProfile({ signingCertificateWritable: false });
    const metadata = (await client.raw('GET', `${CS}/$metadata`, { headers: { authorization: client.authorization } })).text;
    expect(metadata).toContain('Target="SAP__self.CommunicationSystemsType/OAuth2IdentityProviderCertificatePublicKeyBase64"');
    const system = (await client.post(`${CS}/CommunicationSystems`, { ID: unique('SYS'), Name: 'cert' })).body;
    const der = certificateBase64(sb.context.state.btp.trust.active!.certificatePem);
    expect((await client.patch(`${CS}/CommunicationSystems(${system.UUID})`, { OAuth2IdentityProviderCertificatePublicKeyBase64: der })).status).toBe(200);
    expect((await client.get(`${CS}/CommunicationSystems(${system.UUID})`)).body.OAuth2IdentityProviderCertificatePublicKeyBase64).toBe('');
    // A tenant that does not say so in $metadata refuses the write instead (profile.ts signingCertificateShownReadOnly).
    await setProfile({ signingCertificateShownReadOnly: false });
    expect((await client.raw('GET', `${CS}/$metadata`, { headers: { authorization: client.authorization } })).text).not.toContain('CommunicationSystemsType/OAuth2IdentityProviderCertificatePublicKeyBase64');
    const refused = await client.patch(`${CS}/CommunicationSystems(${system.UUID})`, { OAuth2IdentityProviderCertificatePublicKeyBase64: der });
    expect([refused.status, refused.body.error.code]).toEqual([400, E.signingCertificateNotWritable]);
    await setProfile({ signingCertificateWritable: true, signingCertificateShownReadOnly: true });
    expect((await client.patch(`${CS}/CommunicationSystems(${system.UUID})`, { OAuth2IdentityProviderCertificatePublicKeyBase64: der })).body.OAuth2IdentityProviderCertificatePublicKeyBase64).toBe(der);
  });

  it('row 6 ([3rd] CM_APS_CA/027): where SAP_COM_0501 wants its outbound part, a system that is not inbound-only is refused with the message id', async () => {
    await setProfile({ arrangementOutboundNeedsInboundOnlySystem: true });
    const user = (await client.post(`${CU}/CommunicationUsers`, { Name: unique('TC'), Description: 'x', Password: PASSWORD })).body;
    const system = (await client.post(`${CS}/CommunicationSystems`, { ID: unique('SYS'), Name: 'both ways' })).body;
    const inbound = (await client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, ...SAML_BEARER })).body;
    const refused = await client.post(`${CA}/CommunicationArrangements`, arrangementFor(system.ID, inbound.UUID));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('CM_APS_CA/027');
    await setProfile({ arrangementOutboundNeedsInboundOnlySystem: false });
    expect((await client.post(`${CA}/CommunicationArrangements`, arrangementFor(system.ID, inbound.UUID))).status).toBe(201);
  });

  it('row 7 (sap-apis.md C [3rd]): a system built in Fiori has a basic and an OAuth 2.0 entry for the user, the OAuth one named after the user', async () => {
    const name = unique('FIORI');
    const post = (path: string, body: object) =>
      fetch(`${sb.descriptor.baseUrl}/sandbox/fiori${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/communication-users', { name, description: 'Task Center', password: PASSWORD })).status).toBe(201);
    const systemId = unique('FSYS');
    expect((await post('/communication-systems', { systemId, systemName: 'Fiori', hostName: sb.descriptor.s4.uiHost, samlIssuer: sb.descriptor.btp.trustCertificateCn, userIdMappingMode: 'User UUID', inboundUserName: name })).status).toBe(201);
    const system = (await client.get(`${CS}/CommunicationSystems?$filter=ID eq '${systemId}'&$expand=InboundUsers`)).body.value[0];
    expect(system.InboundUsers.map((u: { AuthenticationMethod: string; OAuth2ClientID: string }) => [u.AuthenticationMethod, u.OAuth2ClientID]).sort()).toEqual([['basic', ''], ['oauth2', name]]);
  });

  it('"Wrong but harmless" D.21: a duplicate user, system or arrangement answers 400 with "already used/exists"', async () => {
    const name = unique('DUP');
    await client.post(`${CU}/CommunicationUsers`, { Name: name, Description: 'x', Password: PASSWORD });
    const user = await client.post(`${CU}/CommunicationUsers`, { Name: name, Description: 'x', Password: PASSWORD });
    expect(user.status).toBe(400);
    expect(user.body.error.message).toMatch(/already used/);
    const id = unique('DSYS');
    await client.post(`${CS}/CommunicationSystems`, { ID: id, Name: id });
    const system = await client.post(`${CS}/CommunicationSystems`, { ID: id, Name: id });
    expect([system.status, system.body.error.message]).toEqual([400, expect.stringMatching(/already exists/)]);
  });

  it('live-tenant fact (PATCH needs If-Match): with the switch on, $metadata names Core.OptimisticConcurrency, PATCH without If-Match is 428 and with a stale ETag 412', async () => {
    await setProfile({ patchRequiresIfMatch: true });
    const system = (await client.post(`${CS}/CommunicationSystems`, { ID: unique('SYS'), Name: 'etag' })).body;
    expect(system['@odata.etag']).toMatch(/^W\/"/);
    expect((await client.raw('GET', `${CS}/$metadata`, { headers: { authorization: client.authorization } })).text).toContain('OptimisticConcurrency');
    expect((await client.patch(`${CS}/CommunicationSystems(${system.UUID})`, { Name: 'no if-match' })).status).toBe(428);
    const fresh = await client.call('PATCH', `${CS}/CommunicationSystems(${system.UUID})`, { Name: 'with etag' }, { 'if-match': system['@odata.etag'] });
    expect(fresh.status).toBe(200);
    const stale = await client.call('PATCH', `${CS}/CommunicationSystems(${system.UUID})`, { Name: 'stale' }, { 'if-match': system['@odata.etag'] });
    expect(stale.status).toBe(412);
    // Repointing an arrangement's inbound user changes the arrangement: its ETag too.
    const chain = await oauthSystem();
    const inbound = (await client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: chain.system.UUID, CommunicationUserID: chain.user.ID, ...SAML_BEARER })).body;
    const arrangement = (await client.post(`${CA}/CommunicationArrangements`, arrangementFor(chain.system.ID, inbound.UUID))).body;
    const repoint = { CommunicationSystemInboundUserUUID: inbound.UUID };
    expect((await client.patch(`${CA}/CommunicationArrangements(${arrangement.UUID})/InboundUser`, repoint)).status).toBe(428);
    expect((await client.call('PATCH', `${CA}/CommunicationArrangements(${arrangement.UUID})/InboundUser`, repoint, { 'if-match': arrangement['@odata.etag'] })).status).toBe(200);
    await setProfile({ patchRequiresIfMatch: false });
  });
});
