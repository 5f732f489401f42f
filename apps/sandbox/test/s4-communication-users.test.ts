import { describe, expect, it } from 'vitest';
import { UNCERTAIN } from '../src/uncertain.js';
import { CU, PASSWORD, useSandboxClient, unique } from './s4-odata-client.js';

/** CommunicationUsers of aps_com_cu_a4c_odata (sap-apis.md D, NOTES.md 2.3; password rule from SAP-docs 0377ade). */
const ctx = useSandboxClient();
const E = UNCERTAIN.communicationManagementErrors;


describe('CommunicationUsers', () => {
  it('when the first user is created, then it answers 201 with ID CC0000000001, a Location and no password', async () => {
    const name = unique('TASKCENTER');
    const answer = await ctx.client.post(`${CU}/CommunicationUsers`, { Name: name, Description: 'Task Center', Password: PASSWORD });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ '@odata.context': '$metadata#CommunicationUsers/$entity', ID: 'CC0000000001', Name: name, Type: 'customer_communication', IsLocked: false });
    expect(answer.body.Password ?? '').toBe('');
    expect(answer.headers.get('location')).toBe(`${ctx.sb.descriptor.baseUrl}${CU}/CommunicationUsers('CC0000000001')`);
    expect(ctx.sb.context.state.s4.communicationUsers.get('CC0000000001')?.Password).toBe(PASSWORD);
  });

  it('when the user is read by key in either V4 syntax, then it is found, and its password is never returned', async () => {
    for (const key of ["(ID='CC0000000001')", "('CC0000000001')", '(ID=%27CC0000000001%27)']) {
      const answer = await ctx.client.get(`${CU}/CommunicationUsers${key}`);
      expect(answer.status, key).toBe(200);
      expect(answer.body.ID).toBe('CC0000000001');
      expect(answer.body.Password ?? '').toBe('');
    }
    const list = await ctx.client.get(`${CU}/CommunicationUsers`);
    expect(JSON.stringify(list.body)).not.toContain(PASSWORD);
  });

  it('when a user ID does not exist, then it answers 404', async () => {
    expect((await ctx.client.get(`${CU}/CommunicationUsers('CC9999999999')`)).status).toBe(404);
  });

  it('when the description is missing, then it answers 400 "User CC… must have a description" and uses no number', async () => {
    const next = ctx.sb.context.state.s4.nextUserNumber;
    const answer = await ctx.client.post(`${CU}/CommunicationUsers`, { Name: unique('NODESC'), Password: PASSWORD });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: E.userDescriptionRequired, message: `User CC${String(next).padStart(10, '0')} must have a description`, target: 'Description' });
    expect(ctx.sb.context.state.s4.nextUserNumber).toBe(next);
  });

  it('when the name is taken (in any case), then it answers the duplicate status', async () => {
    const name = unique('DUP');
    expect((await ctx.client.post(`${CU}/CommunicationUsers`, { Name: name, Description: 'first', Password: PASSWORD })).status).toBe(201);
    const answer = await ctx.client.post(`${CU}/CommunicationUsers`, { Name: name.toLowerCase(), Description: 'second', Password: PASSWORD });
    expect(answer.status).toBe(UNCERTAIN.communicationManagementDuplicateStatus);
    expect(answer.body.error.code).toBe(E.userNameTaken);
  });

  it.each([
    ['19 characters with a special one', 'Short!Password12345'],
    ['25 characters without a special one', 'LongPasswordWithoutSpecia'],
  ])('when the password has %s, then it answers 400', async (_case, password) => {
    const answer = await ctx.client.post(`${CU}/CommunicationUsers`, { Name: unique('WEAK'), Description: 'weak', Password: password });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: E.userPasswordRule, target: 'Password' });
  });

  it('when a password of exactly 20 characters with a special character is used, then it is accepted', async () => {
    expect((await ctx.client.post(`${CU}/CommunicationUsers`, { Name: unique('OK20'), Description: 'ok', Password: 'Abcdefghijklmnopqr!1' })).status).toBe(201);
  });

  it('when a property is unknown or of the wrong type, then it answers 400', async () => {
    expect((await ctx.client.post(`${CU}/CommunicationUsers`, { Name: unique('X'), Description: 'x', Colour: 'red' })).status).toBe(400);
    expect((await ctx.client.post(`${CU}/CommunicationUsers`, { Name: unique('X'), Description: 7 })).status).toBe(400);
  });

  it('when description and password are patched, then it answers 200 and the changes stick; an empty description is refused', async () => {
    const created = (await ctx.client.post(`${CU}/CommunicationUsers`, { Name: unique('PATCH'), Description: 'before', Password: PASSWORD })).body;
    const newPassword = 'Another!Password#67890';
    const answer = await ctx.client.patch(`${CU}/CommunicationUsers('${created.ID}')`, { Description: 'after', Password: newPassword });
    expect(answer.status).toBe(200);
    expect(answer.body.Description).toBe('after');
    expect(ctx.sb.context.state.s4.communicationUsers.get(created.ID)?.Password).toBe(newPassword);
    const empty = await ctx.client.patch(`${CU}/CommunicationUsers('${created.ID}')`, { Description: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe(E.userDescriptionRequired);
  });
});
