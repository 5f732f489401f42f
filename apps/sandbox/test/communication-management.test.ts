import { executeHttpRequest } from '@sap-cloud-sdk/http-client';
import { describe, expect, it } from 'vitest';
import { CA, CS, CU, PASSWORD, useSandboxClient, unique } from './s4-odata-client.js';

/** Protocol of the SAP_COM_0A48 services (sap-apis.md D): base paths, Basic auth, CSRF, service documents, $metadata, SAP's own ctx.client. */
const ctx = useSandboxClient();


describe('base paths and service documents', () => {
  it.each([
    [CU, ['CommunicationUsers', 'Certificates']],
    [CS, ['CommunicationSystems', 'InboundUsers', 'OutboundUsers', 'BusinessPartners', 'OpenIDConnect', 'EventChannel']],
    [CA, ['CommunicationArrangements', 'Properties', 'PropertyValues', 'InboundUsers', 'InboundServices', 'InboundServiceProperties',
      'InboundServicePropertyValues', 'OutboundUsers', 'OutboundUserAuthScopes', 'OutboundServices', 'OutboundServiceProperties', 'OutboundServicePropertyValues']],
  ])('when the service root %s is read, then the service document lists its entity sets', async (base, sets) => {
    const answer = await ctx.client.get(`${base}/`);
    expect(answer.status).toBe(200);
    expect(answer.body['@odata.context']).toBe('$metadata');
    expect(answer.body.value.map((s: { name: string }) => s.name).sort()).toEqual([...sets].sort());
  });

  it('when a collection is read, then it answers @odata.context and value', async () => {
    const answer = await ctx.client.get(`${CU}/Certificates`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ '@odata.context': '$metadata#Certificates', value: [] });
  });

  it('when an unknown entity set is read, then it answers 404 with an OData error', async () => {
    const answer = await ctx.client.get(`${CU}/CommunicationUser`);
    expect(answer.status).toBe(404);
    expect(answer.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
  });
});

describe('Basic authentication', () => {
  it('when no credentials are sent, then it answers 401 with SAP NetWeaver Basic realm', async () => {
    const answer = await ctx.client.raw('GET', `${CU}/CommunicationUsers`);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Basic realm="SAP NetWeaver Application Server \[[A-Z0-9]{3}\/100\]"$/);
  });

  it('when the password is wrong, then it answers 401', async () => {
    const { user } = ctx.sb.descriptor.s4.communicationManagement;
    const answer = await ctx.client.raw('GET', `${CU}/CommunicationUsers`, { headers: { authorization: `Basic ${Buffer.from(`${user}:wrong`).toString('base64')}` } });
    expect(answer.status).toBe(401);
  });

  it("when sap-client names the tenant's ctx.client, then it is accepted, and another client is a failed logon", async () => {
    const ok = await ctx.client.raw('GET', `${CU}/CommunicationUsers?sap-client=100`, { headers: { authorization: ctx.client.authorization } });
    expect(ok.status).toBe(200);
    const other = await ctx.client.raw('GET', `${CU}/CommunicationUsers?sap-client=200`, { headers: { authorization: ctx.client.authorization } });
    expect(other.status).toBe(401);
  });
});

describe('CSRF protection', () => {
  const newUser = () => ({ Name: unique('CSRF'), Description: 'csrf test', Password: PASSWORD });

  it('when a token is fetched, then it comes in x-csrf-token with an SAP_SESSIONID_<SID>_<client> cookie', async () => {
    const answer = await ctx.client.raw('GET', `${CU}/`, { headers: { authorization: ctx.client.authorization, 'x-csrf-token': 'Fetch' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-csrf-token')).toMatch(/^\S{16,}$/);
    expect(answer.headers.getSetCookie().some((c) => /^SAP_SESSIONID_[A-Z0-9]{3}_100=[^;]+/.test(c))).toBe(true);
  });

  it('when a POST has no token, then it answers 403 with x-csrf-token: Required and an OData error', async () => {
    const answer = await ctx.client.raw('POST', `${CU}/CommunicationUsers`, { headers: { authorization: ctx.client.authorization }, body: newUser() });
    expect(answer.status).toBe(403);
    expect(answer.headers.get('x-csrf-token')).toBe('Required');
    expect(answer.body.error).toEqual({ code: expect.any(String), message: 'CSRF token validation failed' });
  });

  it('when the token is sent without its session cookie, then it answers 403', async () => {
    const { token } = await ctx.client.fetchCsrf();
    const answer = await ctx.client.raw('POST', `${CU}/CommunicationUsers`, { headers: { authorization: ctx.client.authorization, 'x-csrf-token': token }, body: newUser() });
    expect(answer.status).toBe(403);
  });

  it('when a PATCH or DELETE has no token, then it answers 403 too', async () => {
    for (const method of ['PATCH', 'DELETE', 'PUT']) {
      const answer = await ctx.client.raw(method, `${CU}/CommunicationUsers('CC0000000001')`, { headers: { authorization: ctx.client.authorization }, body: {} });
      expect(answer.status, method).toBe(403);
    }
  });

  it('when token and cookie are sent, then the POST passes; after the token expires, it answers 403 again', async () => {
    const { token, cookie } = await ctx.client.fetchCsrf(CS);
    const headers = { authorization: ctx.client.authorization, 'x-csrf-token': token, cookie };
    expect((await ctx.client.raw('POST', `${CU}/CommunicationUsers`, { headers, body: newUser() })).status).toBe(201);
    expect(ctx.sb.context.state.s4.csrfTokens.size).toBeGreaterThan(0);
    for (const entry of ctx.sb.context.state.s4.csrfTokens.values()) entry.expiresAt = 0;
    const expired = await ctx.client.raw('POST', `${CU}/CommunicationUsers`, { headers, body: newUser() });
    expect(expired.status).toBe(403);
    expect(expired.headers.get('x-csrf-token')).toBe('Required');
    await ctx.client.fetchCsrf(); // later tests start from a live session
  });

  it('when HEAD is sent to an entity set with a trailing slash (as the SAP Cloud SDK does), then it answers 200 with a token', async () => {
    const answer = await ctx.client.raw('HEAD', `${CA}/CommunicationArrangements/`, { headers: { authorization: ctx.client.authorization, 'x-csrf-token': 'Fetch' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-csrf-token')).toMatch(/^\S{16,}$/);
    expect(answer.text).toBe('');
  });
});

describe('$metadata', () => {
  const metadata = async (base: string) => ctx.client.get(`${base}/$metadata`);

  it('when $metadata of the user service is read, then it is EDMX 4.0 XML with CommunicationUsersType keyed by ID', async () => {
    const answer = await metadata(CU);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(answer.text).toContain('<edmx:Edmx Version="4.0"');
    expect(answer.text).toMatch(/<EntityType Name="CommunicationUsersType">\s*<Key>\s*<PropertyRef Name="ID"\/>/);
    for (const p of ['Name', 'Type', 'Description', 'Password', 'IsLocked']) expect(answer.text).toContain(`<Property Name="${p}"`);
  });

  it('when $metadata of the system service is read, then systems and inbound users are keyed by UUID with the IdP fields', async () => {
    const { text } = await metadata(CS);
    expect(text).toMatch(/<EntityType Name="CommunicationSystemsType">\s*<Key>\s*<PropertyRef Name="UUID"\/>/);
    expect(text).toMatch(/<EntityType Name="InboundUsersType">\s*<Key>\s*<PropertyRef Name="UUID"\/>/);
    expect(text).toContain('<NavigationProperty Name="InboundUsers" Type="Collection(');
    for (const p of ['OAuth2IdentityProviderName', 'OAuth2IdentityProviderUserLogonType', 'OAuth2IdentityProviderCertificatePublicKeyBase64', 'CommunicationUserID', 'OAuth2ClientID']) {
      expect(text).toContain(`<Property Name="${p}"`);
    }
    expect(text).toContain('<Property Name="LogicalSystemID" Type="Edm.String" MaxLength="10"/>');
  });

  it('when $metadata of the arrangement service is read, then arrangements are keyed by UUID with navigation InboundUser', async () => {
    const { text } = await metadata(CA);
    expect(text).toMatch(/<EntityType Name="CommunicationArrangementsType">\s*<Key>\s*<PropertyRef Name="UUID"\/>/);
    expect(text).toMatch(/<NavigationProperty Name="InboundUser" Type="[\w.]+\.InboundUsersType"\/>/);
    expect(text).toContain('<Property Name="CommunicationSystemInboundUserUUID" Type="Edm.Guid"/>');
  });
});

describe("SAP's own client", () => {
  it('when the SAP Cloud SDK posts a communication user with its default CSRF handling, then it answers 201 and the user exists', async () => {
    const { user, password } = ctx.sb.descriptor.s4.communicationManagement;
    const name = unique('SDK');
    const response = await executeHttpRequest(
      { url: `${ctx.sb.descriptor.baseUrl}${CU}`, username: user, password, authentication: 'BasicAuthentication' },
      { method: 'post', url: '/CommunicationUsers', data: { Name: name, Description: 'created by the SAP Cloud SDK', Password: PASSWORD } },
    );
    expect(response.status).toBe(201);
    expect(response.data.Name).toBe(name);
    expect([...ctx.sb.context.state.s4.communicationUsers.values()].some((u) => u.Name === name)).toBe(true);
  });
});
