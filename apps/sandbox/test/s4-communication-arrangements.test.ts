import { describe, expect, it } from 'vitest';
import { UNCERTAIN } from '../src/uncertain.js';
import { CA, CS, CU, PASSWORD, SAML_BEARER, createSystemWithInboundUser, useSandboxClient, unique } from './s4-odata-client.js';

/** CommunicationArrangements of aps_com_ca_a4c_odata (sap-apis.md C and D, NOTES.md 2.2). */
const ctx = useSandboxClient();
const E = UNCERTAIN.communicationManagementErrors;


const arrangement = (systemId: string, inboundUserUuid?: string, scenario = 'SAP_COM_0501') => ({
  CommunicationScenarioID: scenario,
  CommunicationSystemID: systemId,
  Name: unique('ARR'),
  Description: 'Task Center',
  ...(inboundUserUuid ? { InboundUser: { CommunicationSystemInboundUserUUID: inboundUserUuid } } : {}),
});

describe('CommunicationArrangements', () => {
  it('when an SAP_COM_0501 arrangement is created with its inbound user, then it answers 201 and $expand=InboundUser shows the binding', async () => {
    const { system, inbound, user } = await createSystemWithInboundUser(ctx.client);
    const body = arrangement(system.ID, inbound.UUID);
    const answer = await ctx.client.post(`${CA}/CommunicationArrangements`, body);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ CommunicationScenarioID: 'SAP_COM_0501', CommunicationSystemID: system.ID, Name: body.Name, Description: 'Task Center' });
    expect(answer.headers.get('location')).toBe(`${ctx.sb.descriptor.baseUrl}${CA}/CommunicationArrangements(${answer.body.UUID})`);
    const read = await ctx.client.get(`${CA}/CommunicationArrangements(UUID=${answer.body.UUID})?$expand=InboundUser`);
    expect(read.body.InboundUser).toMatchObject({ CommunicationSystemInboundUserUUID: inbound.UUID, CommunicationUserID: user.ID });
    const nav = await ctx.client.get(`${CA}/CommunicationArrangements(${answer.body.UUID})/InboundUser`);
    expect(nav.body.CommunicationSystemInboundUserUUID).toBe(inbound.UUID);
  });

  it('when the communication system does not exist, then it answers 400', async () => {
    const answer = await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement('NO_SUCH_SYSTEM', '00000000-0000-0000-0000-000000000001'));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: E.arrangementSystemNotFound, target: 'CommunicationSystemID' });
  });

  it('when SAP_COM_0501 has no inbound user, then it answers 400', async () => {
    const { system } = await createSystemWithInboundUser(ctx.client);
    const answer = await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID));
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(E.arrangementInboundUserRequired);
  });

  it('when the inbound user does not exist or belongs to another system, then it answers 400', async () => {
    const { system } = await createSystemWithInboundUser(ctx.client);
    const other = await createSystemWithInboundUser(ctx.client);
    expect((await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID, '00000000-0000-0000-0000-000000000001'))).status).toBe(400);
    const wrong = await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID, other.inbound.UUID));
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe(E.arrangementInboundUserWrongSystem);
  });

  it('when a second SAP_COM_0501 arrangement is created for the same system, then it answers 400', async () => {
    const { system, inbound } = await createSystemWithInboundUser(ctx.client);
    expect((await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID, inbound.UUID))).status).toBe(201);
    const second = await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID, inbound.UUID));
    expect(second.status).toBe(400);
    expect(second.body.error.code).toBe(E.scenarioAlreadyArrangedForSystem);
  });

  it('when the arrangement name is taken, then it answers the duplicate status', async () => {
    const a = await createSystemWithInboundUser(ctx.client);
    const b = await createSystemWithInboundUser(ctx.client);
    const first = arrangement(a.system.ID, a.inbound.UUID);
    expect((await ctx.client.post(`${CA}/CommunicationArrangements`, first)).status).toBe(201);
    const answer = await ctx.client.post(`${CA}/CommunicationArrangements`, { ...arrangement(b.system.ID, b.inbound.UUID), Name: first.Name });
    expect(answer.status).toBe(UNCERTAIN.communicationManagementDuplicateStatus);
    expect(answer.body.error.code).toBe(E.arrangementNameTaken);
  });

  it('when the scenario is unknown, then it answers 400; SAP_COM_0A48 needs no inbound user', async () => {
    const { system } = await createSystemWithInboundUser(ctx.client);
    const unknown = await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID, undefined, 'SAP_COM_9999'));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe(E.scenarioUnknown);
    const mgmt = await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID, undefined, 'SAP_COM_0A48'));
    expect(mgmt.status).toBe(201);
    expect((await ctx.client.get(`${CA}/CommunicationArrangements(${mgmt.body.UUID})/InboundUser`)).status).toBe(204);
  });

  it('when PATCH …/InboundUser names another OAuth 2.0 inbound user of the system, then the arrangement is repointed; a basic one is refused (row 1)', async () => {
    const { system, inbound, user } = await createSystemWithInboundUser(ctx.client);
    const created = (await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID, inbound.UUID))).body;
    const basic = (await ctx.client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: user.ID })).body;
    const refused = await ctx.client.patch(`${CA}/CommunicationArrangements(${created.UUID})/InboundUser`, { CommunicationSystemInboundUserUUID: basic.UUID });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(E.arrangementInboundUserNotOAuth);
    const other = (await ctx.client.post(`${CU}/CommunicationUsers`, { Name: unique('COMM'), Description: 'second', Password: PASSWORD })).body;
    const saml = (await ctx.client.post(`${CS}/InboundUsers`, { CommunicationSystemUUID: system.UUID, CommunicationUserID: other.ID, ...SAML_BEARER })).body;
    const answer = await ctx.client.patch(`${CA}/CommunicationArrangements(${created.UUID})/InboundUser`, { CommunicationSystemInboundUserUUID: saml.UUID });
    expect(answer.status).toBe(200);
    expect(answer.body.CommunicationSystemInboundUserUUID).toBe(saml.UUID);
    expect(ctx.sb.context.state.s4.arrangements.get(created.UUID)?.InboundUserUUID).toBe(saml.UUID);
  });

  it('when a system or inbound user is used by an arrangement, then deleting it is refused until the arrangement is deleted', async () => {
    const { system, inbound } = await createSystemWithInboundUser(ctx.client);
    const created = (await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID, inbound.UUID))).body;
    const refused = await ctx.client.delete(`${CS}/CommunicationSystems(${system.UUID})`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe(E.systemInUse);
    expect((await ctx.client.delete(`${CS}/InboundUsers(${inbound.UUID})`)).status).toBe(400);
    expect((await ctx.client.delete(`${CA}/CommunicationArrangements(${created.UUID})`)).status).toBe(204);
    expect((await ctx.client.get(`${CA}/CommunicationArrangements(${created.UUID})`)).status).toBe(404);
    expect((await ctx.client.delete(`${CS}/CommunicationSystems(${system.UUID})`)).status).toBe(204);
  });

  it('when arrangements are looked up by scenario and system, then the filter finds exactly that one', async () => {
    const { system, inbound } = await createSystemWithInboundUser(ctx.client);
    const created = (await ctx.client.post(`${CA}/CommunicationArrangements`, arrangement(system.ID, inbound.UUID))).body;
    const answer = await ctx.client.get(`${CA}/CommunicationArrangements?$filter=CommunicationScenarioID eq 'SAP_COM_0501' and CommunicationSystemID eq '${system.ID}'`);
    expect(answer.body.value.map((a: { UUID: string }) => a.UUID)).toEqual([created.UUID]);
  });
});
