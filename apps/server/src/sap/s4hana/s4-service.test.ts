import { startSandbox, type RunningSandbox } from '@tcc/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGuardedFetch, sapOutboundPolicy } from '../../outbound/index.js';
import { SecretString } from '../../secrets/mask.js';
import type { SapCallRecord } from '../http/call-log.js';
import { createSapHttp } from '../http/sap-http.js';
import { entitySetsAndProperties } from './edmx.js';
import { S4Error } from './errors.js';
import { createS4Service } from './s4-service.js';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
afterEach(() => sandbox('DELETE', '/sandbox/faults'));

const PASSWORD = new SecretString('Task-Center-Connect-2026!');
const sandbox = (method: string, path: string, body?: object) =>
  fetch(`${sb.descriptor.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });

/** The product's way to S/4: guarded fetch with the sandbox host map, the SAP_COM_0A48 user, a recorded call log. */
function s4(password: string = sb.descriptor.s4.communicationManagement.password) {
  const calls: SapCallRecord[] = [];
  const http = createSapHttp({
    fetch: createGuardedFetch({ policy: sapOutboundPolicy(sb.descriptor.hostMap) }),
    system: 's4hana',
    log: (record) => calls.push(record),
    retry: { timeoutMs: 2_000 },
    sleep: async () => {},
  });
  const { apiHost, client, communicationManagement } = sb.descriptor.s4;
  const service = createS4Service({ http, host: { apiHost }, client, user: communicationManagement.user, password: new SecretString(password) });
  return { service, calls };
}

/** User → system (with IdP fields) → inbound user → SAP_COM_0501 arrangement, as the seed steps do it. */
async function seedChain(prefix: string) {
  const { service } = s4();
  const user = await service.createCommunicationUser({ name: `${prefix}_USER`, description: 'Task Center', password: PASSWORD });
  const created = await service.createCommunicationSystem({ systemId: `${prefix}_SYS`, name: 'SAP Task Center', hostName: sb.descriptor.s4.uiHost });
  const system = await service.updateCommunicationSystem(created, {
    oauth2IdentityProviderActive: true,
    oauth2IdentityProviderName: sb.descriptor.btp.trustCertificateCn,
    userIdMappingMode: 'user_uuid',
  });
  const inbound = await service.createInboundUser(system.UUID, user.ID, { authenticationMethod: 'oauth2', oauth2GrantType: 'saml2-bearer' });
  const arrangement = await service.createArrangement({ scenario: 'SAP_COM_0501', systemId: system.ID, name: `${prefix}_0501`, inboundUserUuid: inbound.UUID });
  return { service, user, system, inbound, arrangement };
}

const usersNamed = (name: string) => [...sb.context.state.s4.communicationUsers.values()].filter((u) => u.Name === name);

describe('S/4HANA Cloud adapter against the sandbox', () => {
  it('when user, system, inbound user and arrangement are created, then each is found afterwards with the right fields', async () => {
    const { service, user, inbound, arrangement } = await seedChain('TC_CHAIN');
    expect(user.ID).toMatch(/^CC\d{10}$/);
    expect(await service.findCommunicationUser('TC_CHAIN_USER')).toMatchObject({ ID: user.ID, Name: 'TC_CHAIN_USER', Description: 'Task Center' });

    const system = await service.findCommunicationSystem('TC_CHAIN_SYS');
    expect(system).toMatchObject({
      HostName: sb.descriptor.s4.uiHost,
      IsOAuth2IdentityProviderActive: true,
      OAuth2IdentityProviderName: sb.descriptor.btp.trustCertificateCn,
      OAuth2IdentityProviderUserLogonType: 'user_uuid',
    });
    expect(system!.InboundUsers).toEqual([expect.objectContaining({ UUID: inbound.UUID, CommunicationUserID: user.ID })]);

    const found = await service.findArrangements({ scenario: 'SAP_COM_0501', systemId: 'TC_CHAIN_SYS' });
    expect(found).toEqual([expect.objectContaining({ UUID: arrangement.UUID, Name: 'TC_CHAIN_0501', InboundUser: expect.objectContaining({ CommunicationSystemInboundUserUUID: inbound.UUID }) })]);
    expect(await service.findCommunicationUser('NOBODY')).toBeNull();
  });

  it('when the signing certificate is sent as base64 DER, then S/4 keeps it and derives its subject', async () => {
    const { service } = s4();
    const pem = sb.context.state.btp.trust.active?.certificatePem;
    expect(pem).toBeDefined();
    const der = pem!.replace(/-----[A-Z ]+-----|\s/g, '');
    const created = await service.createCommunicationSystem({ systemId: 'TC_CERT_SYS', name: 'Certificate', hostName: sb.descriptor.s4.uiHost });
    const updated = await service.updateCommunicationSystem(created, { signingCertificateBase64: der });
    expect(updated.OAuth2IdentityProviderCertificatePublicKeyBase64).toBe(der);
    expect(updated.OAuth2IdentityProviderCertificateSubject).toContain(sb.descriptor.btp.trustCertificateCn);
  });

  it('when the CSRF token expired between two writes, then the next write fetches a new token once and succeeds', async () => {
    const { service, calls } = s4();
    await service.createCommunicationUser({ name: 'TC_CSRF_1', description: 'first write', password: PASSWORD });
    await sandbox('POST', '/sandbox/actions/expire-csrf-tokens');
    calls.length = 0;
    const user = await service.createCommunicationUser({ name: 'TC_CSRF_2', description: 'after expiry', password: PASSWORD });
    expect(user.Name).toBe('TC_CSRF_2');
    expect(calls.map((c) => [c.method, c.status])).toEqual([['POST', 403], ['GET', 200], ['POST', 201]]);
  });

  it('when the answer to a user create is lost (503 before S/4 ran it), then the user is looked up, created once more and exists once', async () => {
    await sandbox('PUT', '/sandbox/faults', { failNextCalls: 1, errorStatus: 503, pathPattern: 'CommunicationUsers$' });
    const { service, calls } = s4();
    const user = await service.createCommunicationUser({ name: 'TC_LOST', description: 'lost answer', password: PASSWORD });
    expect(user.Name).toBe('TC_LOST');
    expect(calls.filter((c) => c.path.endsWith('CommunicationUsers')).map((c) => [c.method, c.status])).toEqual([['POST', 503], ['GET', 200], ['POST', 201]]);
    expect(usersNamed('TC_LOST')).toHaveLength(1);
  });

  it('when the user already exists and the create answers 503, then the existing user is returned and no second one is made', async () => {
    const existing = await s4().service.createCommunicationUser({ name: 'TC_EXISTS', description: 'made before', password: PASSWORD });
    await sandbox('PUT', '/sandbox/faults', { failNextCalls: 1, errorStatus: 503, pathPattern: 'CommunicationUsers$' });
    const { service, calls } = s4();
    const user = await service.createCommunicationUser({ name: 'TC_EXISTS', description: 'again', password: PASSWORD });
    expect(user.ID).toBe(existing.ID);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(usersNamed('TC_EXISTS')).toHaveLength(1);
  });

  it('when the SAP_COM_0A48 password is wrong, then S4_AUTH_FAILED names the user and never the password', async () => {
    const wrong = 'Wrong-Password-For-0A48!';
    for (const call of [(s: ReturnType<typeof s4>['service']) => s.findCommunicationUser('X'), (s: ReturnType<typeof s4>['service']) => s.createCommunicationUser({ name: 'TC_NOPE', description: 'x', password: PASSWORD })]) {
      const error = await call(s4(wrong).service).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(S4Error);
      expect(error).toMatchObject({ code: 'S4_AUTH_FAILED', upstreamStatus: 401, status: 502 });
      expect((error as S4Error).message).toContain(sb.descriptor.s4.communicationManagement.user);
      expect(JSON.stringify({ ...(error as S4Error), message: (error as S4Error).message })).not.toContain(wrong);
    }
  });

  it('when a second SAP_COM_0501 arrangement is created for the same system, then SAP\'s rule message and code pass through', async () => {
    const { service, system, inbound } = await seedChain('TC_RULE');
    const error = await service.createArrangement({ scenario: 'SAP_COM_0501', systemId: system.ID, name: 'TC_RULE_AGAIN', inboundUserUuid: inbound.UUID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S4Error);
    expect((error as S4Error).code).toMatch(/^S4_(RULE|CONFLICT)$/);
    expect((error as S4Error).sapCode).toMatch(/^CM_APS_CA\//);
    expect((error as S4Error).message).toContain(`Communication system ${system.ID} already has an arrangement for scenario SAP_COM_0501`);
  });

  it('when the systems metadata is read, then CommunicationSystems lists the OAuth2 IdP name and certificate fields', async () => {
    const sets = entitySetsAndProperties(await s4().service.readMetadata('systems'));
    expect(Object.keys(sets)).toEqual(expect.arrayContaining(['CommunicationSystems', 'InboundUsers']));
    expect(sets.CommunicationSystems).toEqual(expect.arrayContaining(['OAuth2IdentityProviderName', 'OAuth2IdentityProviderCertificatePublicKeyBase64']));
  });

  it('when the task replication service is called without a valid token, then it answers 401', async () => {
    const answer = await s4().service.callTaskReplication(new SecretString('not-a-token'));
    expect(answer.status).toBe(401);
  });
});
