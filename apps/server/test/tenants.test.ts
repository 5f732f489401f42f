import { describe, expect, it } from 'vitest';
import { apiClient, useTestServer } from './support/test-server.js';

const ctx = useTestServer();

describe('tenants', () => {
  it('when tenants are created, then they are listed with search, sort and paging', async () => {
    for (const name of ['Contoso', 'Acme Corp', 'Beta Industries', 'Acme Europe']) {
      expect((await ctx.api.post('/api/tenants', { name })).status).toBe(201);
    }
    const acme = await ctx.api.get('/api/tenants?q=acme&sort=name&order=desc');
    expect(acme.body.items.map((t: { name: string }) => t.name)).toEqual(['Acme Europe', 'Acme Corp']);
    expect(acme.body.total).toBe(2);

    const page2 = await ctx.api.get('/api/tenants?sort=name&order=asc&pageSize=2&page=2');
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(page2.body.items.map((t: { name: string }) => t.name)).toEqual(['Beta Industries', 'Contoso']);
  });

  it('when search text holds LIKE wildcards, then they are matched literally', async () => {
    await ctx.api.post('/api/tenants', { name: '100% Cloud_Co' });
    const literal = await ctx.api.get(`/api/tenants?q=${encodeURIComponent('0% c')}`);
    expect(literal.body.items.map((t: { name: string }) => t.name)).toEqual(['100% Cloud_Co']);
    const wildcard = await ctx.api.get(`/api/tenants?q=${encodeURIComponent('_')}`);
    expect(wildcard.body.items.map((t: { name: string }) => t.name)).toEqual(['100% Cloud_Co']);
  });

  it('when search text holds the escape character or a backslash, then they are matched literally too (SQLite and PostgreSQL)', async () => {
    await ctx.api.post('/api/tenants', { name: 'Yes! Back\\slash' });
    for (const q of ['s! b', 'k\\s', '!%']) {
      const answer = await ctx.api.get(`/api/tenants?q=${encodeURIComponent(q)}`);
      expect(answer.body.items.map((t: { name: string }) => t.name), q).toEqual(q === '!%' ? [] : ['Yes! Back\\slash']);
    }
  });

  it('when a name is taken in another case, then creating answers 409 and says so', async () => {
    const answer = await ctx.api.post('/api/tenants', { name: 'CONTOSO' });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/exists already/);
  });

  it('when a name is empty or too long, then the answer is 400 naming the field', async () => {
    const empty = await ctx.api.post('/api/tenants', { name: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0]).toMatchObject({ field: 'name', message: expect.stringMatching(/Enter a tenant name/) });
    const long = await ctx.api.post('/api/tenants', { name: 'x'.repeat(81) });
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/at most 80/);
  });

  it('when query parameters are out of range, then the answer is 400 and says the limit', async () => {
    const answer = await ctx.api.get('/api/tenants?pageSize=1000&sort=colour');
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['pageSize', 'sort']);
  });

  it('when a tenant is renamed and deleted, then it is changed and then gone', async () => {
    const created = await ctx.api.post('/api/tenants', { name: 'Rename Me' });
    const renamed = await ctx.api.patch(`/api/tenants/${created.body.id}`, { name: 'Renamed' });
    expect(renamed.body).toMatchObject({ name: 'Renamed', updatedBy: 'admin' });
    expect((await ctx.api.delete(`/api/tenants/${created.body.id}`)).status).toBe(204);
    expect((await ctx.api.get(`/api/tenants/${created.body.id}`)).status).toBe(404);
    expect((await ctx.api.delete(`/api/tenants/${created.body.id}`)).status).toBe(404);
  });

  it('when an ID is not a UUID, then the answer is 400, not a server error', async () => {
    const answer = await ctx.api.get('/api/tenants/not-a-uuid');
    expect(answer.status).toBe(400);
    expect(answer.body.error.details[0].field).toBe('tenantId');
  });

  it('when a user who is no system admin tries to create a tenant, then it is refused by default and the session says so (finding 17)', async () => {
    await ctx.api.post('/api/users', { username: 'plain-user', displayName: 'Plain', password: 'plain-user-password-1' });
    const plain = apiClient(ctx.server.baseUrl);
    const info = (await plain.signIn('plain-user', 'plain-user-password-1')).body;
    expect(info.user).toMatchObject({ systemAdmin: false, canCreateTenants: false });
    const refused = await plain.post('/api/tenants', { name: 'Not Allowed Co' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/Only a system administrator can create tenants/);
    expect((await ctx.api.get('/api/auth/me')).body.user.canCreateTenants).toBe(true);
  });
});
