import { beforeAll, describe, expect, it } from 'vitest';
import { CS, CU, PASSWORD, useSandboxClient } from './s4-odata-client.js';

/** System query options the product relies on (sap-apis.md D lookups): $filter, $select, $top, $skip, $count. */
const ctx = useSandboxClient();
const names = ['ALPHA', 'BRAVO', 'CHARLIE', 'DELTA'];

beforeAll(async () => {
  for (const name of names) await ctx.client.post(`${CU}/CommunicationUsers`, { Name: name, Description: `user ${name}`, Password: PASSWORD });
  await ctx.client.patch(`${CU}/CommunicationUsers('CC0000000004')`, { IsLocked: true });
});

const namesOf = (answer: { body: { value: { Name: string }[] } }) => answer.body.value.map((u) => u.Name);
const users = (query: string) => ctx.client.get(`${CU}/CommunicationUsers?${query}`);

describe('$filter', () => {
  it.each([
    ["Name eq 'BRAVO'", ['BRAVO']],
    ["Name ne 'BRAVO'", ['ALPHA', 'CHARLIE', 'DELTA']],
    ["Name eq 'ALPHA' or Name eq 'DELTA'", ['ALPHA', 'DELTA']],
    ["Name eq 'ALPHA' and Description eq 'user ALPHA'", ['ALPHA']],
    ["Name eq 'ALPHA' and Description eq 'user BRAVO'", []],
    ["(Name eq 'ALPHA' or Name eq 'BRAVO') and ID ne 'CC0000000001'", ['BRAVO']],
    ['IsLocked eq true', ['DELTA']],
    ["ID eq 'CC0000000003'", ['CHARLIE']],
    ["not (Name eq 'ALPHA')", ['BRAVO', 'CHARLIE', 'DELTA']],
  ])('when $filter=%s, then it answers %j', async (filter, expected) => {
    const answer = await users(`$filter=${encodeURIComponent(filter)}`);
    expect(answer.status).toBe(200);
    expect(namesOf(answer)).toEqual(expected);
  });

  it("when a string literal contains an escaped quote (''), then it is compared unescaped", async () => {
    expect((await users(`$filter=${encodeURIComponent("Name eq 'O''NEIL'")}`)).body.value).toEqual([]);
  });

  it.each([
    ["Nme eq 'X'", 'an unknown property'],
    ["Name gt 'X'", 'an unsupported operator'],
    ["Name eq 'X", 'an unterminated string'],
    ['Name eq 1', 'a literal of the wrong type'],
    ["Name eq 'X' and", 'a dangling and'],
    ["(Name eq 'X'", 'a missing parenthesis'],
  ])('when $filter=%s has %s, then it answers 400 with an OData error', async (filter) => {
    const answer = await users(`$filter=${encodeURIComponent(filter)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  it('when systems are filtered by a boolean and a guid, then both literal kinds work', async () => {
    const system = (await ctx.client.post(`${CS}/CommunicationSystems`, { ID: 'TASKCENTER', Name: 'Task Center', IsInboundOnly: true })).body;
    expect((await ctx.client.get(`${CS}/CommunicationSystems?$filter=IsInboundOnly eq true`)).body.value.map((s: { ID: string }) => s.ID)).toEqual(['TASKCENTER']);
    expect((await ctx.client.get(`${CS}/CommunicationSystems?$filter=UUID eq ${system.UUID}`)).body.value).toHaveLength(1);
    expect((await ctx.client.get(`${CS}/CommunicationSystems?$filter=ID eq 'TASKCENTER'`)).body.value).toHaveLength(1);
  });
});

describe('$select, $top, $skip, $count', () => {
  it('when $select=ID,Name, then only those properties are returned', async () => {
    const answer = await users('$select=ID,Name&$filter=' + encodeURIComponent("Name eq 'ALPHA'"));
    expect(answer.body.value).toEqual([{ ID: 'CC0000000001', Name: 'ALPHA' }]);
  });

  it('when $select names an unknown property, then it answers 400', async () => {
    expect((await users('$select=Colour')).status).toBe(400);
  });

  it('when $top and $skip page the collection with $count=true, then @odata.count is the unpaged total', async () => {
    const answer = await users('$top=2&$skip=1&$count=true');
    expect(answer.body['@odata.count']).toBe(4);
    expect(namesOf(answer)).toEqual(['BRAVO', 'CHARLIE']);
    expect(answer.body['@odata.context']).toBe('$metadata#CommunicationUsers');
  });

  it('when $top is not a number or an unsupported option is sent, then it answers 400', async () => {
    expect((await users('$top=abc')).status).toBe(400);
    expect((await users('$orderby=Name')).status).toBe(400);
  });

  it('when $count is a path segment, then it answers the number as text', async () => {
    const answer = await ctx.client.get(`${CU}/CommunicationUsers/$count`);
    expect(answer.text).toBe('4');
  });

  it('when $expand names an unknown navigation, then it answers 400', async () => {
    expect((await ctx.client.get(`${CS}/CommunicationSystems?$expand=Nothing`)).status).toBe(400);
  });
});
