import { describe, expect, it } from 'vitest';
import { certificateBase64, createKeyPair } from '../src/crypto/keys.js';
import { UNCERTAIN } from '../src/uncertain.js';
import { CS, CU, PASSWORD, SAML_BEARER, createSystemWithInboundUser, useSandboxClient, unique } from './s4-odata-client.js';

/** CommunicationSystems and InboundUsers of aps_com_cs_a4c_odata (sap-apis.md D, NOTES.md 2.1–2.3). */
const ctx = useSandboxClient();
const E = UNCERTAIN.communicationManagementErrors;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;


const newSystem = async (extra: Record<string, unknown> = {}) => {
  const id = unique('SYS');
  return ctx.client.post(`${CS}/CommunicationSystems`, { ID: id, Name: `System ${id}`, ...extra });
};

describe('CommunicationSystems', () => {
  it('when a system is created, then it answers 201 with a generated UUID key and a Location by that key', async () => {
    const answer = await newSystem({ HostName: 'my900001.s4hana.ondemand.com' });
    expect(answer.status).toBe(201);
    expect(answer.body.UUID).toMatch(GUID);
    expect(answer.body).toMatchObject({ Type: 'customer_managed', HostName: 'my900001.s4hana.ondemand.com', IsOAuth2IdentityProviderActive: false });
    expect(answer.headers.get('location')).toBe(`${ctx.sb.descriptor.baseUrl}${CS}/CommunicationSystems(${answer.body.UUID})`);
    expect((await ctx.client.get(`${CS}/CommunicationSystems(UUID=${answer.body.UUID})`)).body.ID).toBe(answer.body.ID);
  });

  it('when the system ID is taken, then it answers the duplicate status', async () => {
    const first = (await newSystem()).body;
    const answer = await ctx.client.post(`${CS}/CommunicationSystems`, { ID: first.ID, Name: 'again' });
    expect(answer.status).toBe(UNCERTAIN.communicationManagementDuplicateStatus);
    expect(answer.body.error.code).toBe(E.systemIdTaken);
  });

  it('when InboundUsers are deep-inserted with the system, then it answers 400 CM_APS_CS/026 and creates nothing', async () => {
    const user = (await ctx.client.post(`${CU}/CommunicationUsers`, { Name: unique('DEEP'), Description: 'deep', Password: PASSWORD })).body;
    const id = unique('DEEP');
    const answer = await ctx.client.post(`${CS}/CommunicationSystems`, { ID: id, Name: id, InboundUsers: [{ CommunicationUserID: user.ID, AuthenticationMethod: 'basic' }] });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('CM_APS_CS/026');
    expect((await ctx.client.get(`${CS}/CommunicationSystems?$filter=ID eq '${id}'`)).body.value).toEqual([]);
  });

  it('when the IdP fields are patched with an allowed logon type, then it answers 200 and they read back', async () => {
    const system = (await newSystem()).body;
    const patch = { IsOAuth2IdentityProviderActive: true, OAuth2IdentityProviderName: 'cfapps.eu10.hana.ondemand.com/6b1f0c8e', OAuth2IdentityProviderUserLogonType: 'user_uuid', Description: 'BTP', Name: 'Renamed' };
    const answer = await ctx.client.patch(`${CS}/CommunicationSystems(${system.UUID})`, patch);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject(patch);
    expect((await ctx.client.get(`${CS}/CommunicationSystems(${system.UUID})`)).body).toMatchObject(patch);
  });

  it.each(UNCERTAIN.userLogonTypes)('when the logon type is %s, then it is accepted', async (logonType) => {
    const system = (await newSystem()).body;
    expect((await ctx.client.patch(`${CS}/CommunicationSystems(${system.UUID})`, { OAuth2IdentityProviderUserLogonType: logonType })).status).toBe(200);
  });

  it('when the logon type or system type is not in the enumeration, then it answers 400 and changes nothing', async () => {
    const system = (await newSystem()).body;
    const answer = await ctx.client.patch(`${CS}/CommunicationSystems(${system.UUID})`, { OAuth2IdentityProviderUserLogonType: 'global_user_id', Description: 'changed' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.target).toBe('OAuth2IdentityProviderUserLogonType');
    expect((await ctx.client.get(`${CS}/CommunicationSystems(${system.UUID})`)).body.Description).toBe('');
    expect((await newSystem({ Type: 'other' })).status).toBe(400);
  });

  it('when the signing certificate is uploaded, then subject and issuer are derived from it', async () => {
    const cn = 'cfapps.eu10.hana.ondemand.com/6b1f0c8e-3d2a-4c5b-9e7f-1a2b3c4d5e6f';
    const key = createKeyPair([{ shortName: 'O', value: 'SAP' }, { shortName: 'CN', value: cn }], 30);
    const system = (await newSystem()).body;
    const answer = await ctx.client.patch(`${CS}/CommunicationSystems(${system.UUID})`, { OAuth2IdentityProviderCertificatePublicKeyBase64: certificateBase64(key.certificatePem) });
    expect(answer.status).toBe(200);
    expect(answer.body.OAuth2IdentityProviderCertificateSubject).toContain(`CN=${cn}`);
    expect(answer.body.OAuth2IdentityProviderCertificateIssuer).toContain(`CN=${cn}`);
    expect(answer.body.OAuth2IdentityProviderCertificatePublicKeyBase64).toBe(certificateBase64(key.certificatePem));
  });

  it('when the signing certificate is not a certificate, then it answers 400', async () => {
    const system = (await newSystem()).body;
    const answer = await ctx.client.patch(`${CS}/CommunicationSystems(${system.UUID})`, { OAuth2IdentityProviderCertificatePublicKeyBase64: Buffer.from('not a certificate').toString('base64') });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(E.signingCertificateInvalid);
  });

  it('when LogicalSystemID is longer than 10 characters, then it answers 400 (MaxLength=10, NOTES.md 2.3)', async () => {
    expect((await newSystem({ LogicalSystemID: 'ELEVENCHARS' })).status).toBe(400);
    expect((await newSystem({ LogicalSystemID: 'TENCHARSOK' })).body.LogicalSystemID).toBe('TENCHARSOK');
  });

  it('when a system without arrangements is deleted, then it answers 204 and it is gone', async () => {
    const { system } = await createSystemWithInboundUser(ctx.client);
    expect((await ctx.client.delete(`${CS}/CommunicationSystems(${system.UUID})`)).status).toBe(204);
    expect((await ctx.client.get(`${CS}/CommunicationSystems(${system.UUID})`)).status).toBe(404);
  });
});

describe('InboundUsers', () => {
  it('when an inbound user is created without a method, then it is a basic entry without client ID (sap-field-facts.md row 1)', async () => {
    const { user, system, inbound } = await createSystemWithInboundUser(ctx.client, unique('SYS'), {});
    expect(inbound).toMatchObject({ CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, AuthenticationMethod: 'basic', OAuth2ClientID: '' });
    expect(inbound.UUID).toMatch(GUID);
  });

  it('when an OAuth 2.0 inbound user is created through the API, then its client ID is the internal CC… ID (evidence profile, [3rd-verified] row 2)', async () => {
    const { user, inbound } = await createSystemWithInboundUser(ctx.client);
    expect(inbound).toMatchObject({ AuthenticationMethod: 'oauth2', OAuth2GrantType: 'saml2-bearer', OAuth2ClientID: user.ID });
    expect(inbound.OAuth2ClientID).toMatch(/^CC\d{10}$/);
  });

  it('when the system is read with $expand=InboundUsers,OutboundUsers, then its inbound users are inline', async () => {
    const { system, inbound } = await createSystemWithInboundUser(ctx.client);
    const answer = await ctx.client.get(`${CS}/CommunicationSystems?$filter=ID eq '${system.ID}'&$expand=InboundUsers,OutboundUsers`);
    expect(answer.status).toBe(200);
    expect(answer.body.value).toHaveLength(1);
    expect(answer.body.value[0].InboundUsers).toEqual([expect.objectContaining({ UUID: inbound.UUID })]);
    expect(answer.body.value[0].OutboundUsers).toEqual([]);
    expect((await ctx.client.get(`${CS}/CommunicationSystems(${system.UUID})/InboundUsers`)).body.value).toHaveLength(1);
  });

  it('when OAuth2ClientID is given without CommunicationUserID, then it answers 400 CM_APS_CS/026', async () => {
    const system = (await newSystem()).body;
    const answer = await ctx.client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, OAuth2ClientID: 'CLIENT', AuthenticationMethod: 'oauth2', OAuth2GrantType: 'saml2-bearer' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('CM_APS_CS/026');
  });

  it('when the system or the user does not exist, then it answers 400', async () => {
    const { user, system } = await createSystemWithInboundUser(ctx.client);
    expect((await ctx.client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: '00000000-0000-0000-0000-000000000001', CommunicationUserID: user.ID })).status).toBe(400);
    expect((await ctx.client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: 'CC9999999999' })).status).toBe(400);
  });

  it('when a grant type is not in the enumeration or comes without the oauth2 method, then it answers 400 (207171e enumerations)', async () => {
    const { user, system } = await createSystemWithInboundUser(ctx.client, unique('SYS'), {});
    expect((await ctx.client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, AuthenticationMethod: 'oauth2', OAuth2GrantType: 'password' })).status).toBe(400);
    expect((await ctx.client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, OAuth2GrantType: 'saml2-bearer' })).status).toBe(400);
    const saml = await ctx.client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID, ...SAML_BEARER });
    expect(saml.status).toBe(201);
    expect(saml.body).toMatchObject({ AuthenticationMethod: 'oauth2', OAuth2GrantType: 'saml2-bearer' });
  });

  it('when an inbound user is deleted, then it answers 204 and it is gone', async () => {
    const { inbound } = await createSystemWithInboundUser(ctx.client);
    expect((await ctx.client.delete(`${CS}/InboundUsers(${inbound.UUID})`)).status).toBe(204);
    expect((await ctx.client.get(`${CS}/InboundUsers(${inbound.UUID})`)).status).toBe(404);
  });
});
