import { describe, expect, it } from 'vitest';
import { CONNECTION_SORT_KEYS, TENANT_SORT_KEYS } from '@tcc/shared';
import { pageWindow } from '../src/store/kysely-store.js';
import { LANDSCAPE, SUBACCOUNT_ID, useTestServer } from './support/test-server.js';

const ctx = useTestServer();

type Named = { id: string; displayName?: string; name?: string };

/** Every page of `url` at `pageSize`, one after another, as one list of IDs. */
async function pageThrough(url: string, pageSize: number, total: number): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page <= Math.ceil(total / pageSize); page++) {
    const answer = await ctx.api.get(`${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=${pageSize}`);
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(total);
    ids.push(...answer.body.items.map((item: Named) => item.id));
  }
  return ids;
}

describe('lists at scale (paging from the nearer end, summaries kept on write, streamed export)', () => {
  it('when the page is nearer the end, then it is read from the end: same window, turned round', () => {
    expect(pageWindow(10, 1, 3)).toEqual({ limit: 3, offset: 0, reversed: false });
    expect(pageWindow(10, 4, 3)).toEqual({ limit: 1, offset: 0, reversed: true });
    expect(pageWindow(10, 3, 3)).toEqual({ limit: 3, offset: 1, reversed: true });
    expect(pageWindow(10, 5, 3)).toBeNull();
  });

  it('when tenants and connections are paged through in every sort, then the pages join up to the one-page list', async () => {
    const names = ['Kappa', 'alpha', 'Delta', 'beta', 'Gamma', 'epsilon', 'Zeta'];
    const tenants: string[] = [];
    for (const name of names) tenants.push((await ctx.api.post('/api/tenants', { name: `Scale ${name}` })).body.id);
    const connections = `/api/tenants/${tenants[0]}/connections`;
    const created: { id: string; version: number }[] = [];
    for (const [i, name] of names.entries()) {
      created.push((await ctx.api.post(connections, { displayName: name, subaccountId: SUBACCOUNT_ID, landscapeDomain: LANDSCAPE, s4Host: `my10000${i}.s4hana.ondemand.com` })).body);
    }
    // Progress in ties and not: 2, 1, 1, 0, …
    await ctx.api.put(`${connections}/${created[0]!.id}/steps/2`, { status: 'done', version: 1 });
    await ctx.api.put(`${connections}/${created[0]!.id}/steps/3`, { status: 'skipped', reason: 'done elsewhere', version: 2 });
    await ctx.api.put(`${connections}/${created[3]!.id}/steps/2`, { status: 'skipped', reason: 'done elsewhere', version: 1 });
    await ctx.api.put(`${connections}/${created[5]!.id}/steps/2`, { status: 'done', version: 1 });

    const all = (await ctx.api.get('/api/tenants?pageSize=100')).body.total as number;
    for (const sort of TENANT_SORT_KEYS) {
      for (const order of ['asc', 'desc']) {
        const url = `/api/tenants?sort=${sort}&order=${order}&q=scale`;
        const whole = (await ctx.api.get(`${url}&pageSize=100`)).body.items.map((t: Named) => t.id);
        expect(whole).toHaveLength(7);
        expect(await pageThrough(url, 2, 7), `${sort} ${order}`).toEqual(whole);
      }
    }
    expect((await pageThrough('/api/tenants?sort=name', 3, all)).length).toBe(all);
    for (const sort of CONNECTION_SORT_KEYS) {
      for (const order of ['asc', 'desc']) {
        const url = `${connections}?sort=${sort}&order=${order}`;
        const whole = (await ctx.api.get(`${url}&pageSize=100`)).body.items.map((c: Named) => c.id);
        expect(await pageThrough(url, 2, 7), `${sort} ${order}`).toEqual(whole);
      }
    }
    const byProgress = (await ctx.api.get(`${connections}?sort=progress&order=desc&pageSize=3`)).body.items;
    expect(byProgress.map((c: { displayName: string; progress: { finished: number } }) => [c.displayName, c.progress.finished])).toEqual([
      ['Kappa', 2],
      ['beta', 1],
      ['epsilon', 1],
    ]);
    // The last page, read from the end, in the list's own order.
    const last = (await ctx.api.get(`${connections}?sort=displayName&page=3&pageSize=3`)).body.items;
    expect(last.map((c: { displayName: string }) => c.displayName)).toEqual(['Zeta']);
  });

  it('when a step fails and is then done, then the list and the tenant counts follow in the same change', async () => {
    const tenant = (await ctx.api.post('/api/tenants', { name: 'Summaries' })).body;
    const connections = `/api/tenants/${tenant.id}/connections`;
    const connection = (await ctx.api.post(connections, { displayName: 'One', subaccountId: SUBACCOUNT_ID, landscapeDomain: LANDSCAPE, s4Host: 'my200001.s4hana.ondemand.com' })).body;
    await ctx.api.put(`${connections}/${connection.id}/steps/2`, { status: 'failed', message: 'SAP said no', version: 1 });
    let row = (await ctx.api.get(connections)).body.items[0];
    expect(row).toMatchObject({ state: 'needs_attention', progress: { finished: 0 } });
    expect((await ctx.api.get(`/api/tenants/${tenant.id}`)).body).toMatchObject({ connectionCount: 1, attentionCount: 1 });
    await ctx.api.put(`${connections}/${connection.id}/steps/2`, { status: 'done', version: 2 });
    row = (await ctx.api.get(connections)).body.items[0];
    expect(row).toMatchObject({ state: 'in_progress', progress: { finished: 1 } });
    expect((await ctx.api.get(`/api/tenants/${tenant.id}`)).body).toMatchObject({ connectionCount: 1, attentionCount: 0 });
    // A second one that fails, then goes: the tenant's kept counts lose exactly what it was counted as.
    const second = (await ctx.api.post(connections, { displayName: 'Two', subaccountId: SUBACCOUNT_ID, landscapeDomain: LANDSCAPE, s4Host: 'my200002.s4hana.ondemand.com' })).body;
    await ctx.api.put(`${connections}/${second.id}/steps/2`, { status: 'failed', message: 'SAP said no', version: 1 });
    expect((await ctx.api.get(`/api/tenants/${tenant.id}`)).body).toMatchObject({ connectionCount: 2, attentionCount: 1, unknownCount: 2 });
    expect((await ctx.api.get(`${connections}?pageSize=1&page=2`)).body).toMatchObject({ total: 2, items: [{ displayName: 'Two' }] });
    expect((await ctx.api.delete(`${connections}/${second.id}?version=2`)).status).toBe(204);
    expect((await ctx.api.get(`/api/tenants/${tenant.id}`)).body).toMatchObject({ connectionCount: 1, attentionCount: 0, unknownCount: 1 });
    expect((await ctx.api.get(`/api/tenants?q=summaries`)).body.items[0]).toMatchObject({ connectionCount: 1, attentionCount: 0 });
  });

  it('when the audit log is long, then the CSV export has every entry (streamed in batches) and the page count is bounded', async () => {
    const tenant = (await ctx.api.post('/api/tenants', { name: 'Long log' })).body;
    // Renames are audited changes: 1,050 of them cross the export's batch of 1,000.
    for (let i = 0; i < 1_050; i++) await ctx.api.patch(`/api/tenants/${tenant.id}`, { name: `Long log ${i}` });
    const csv = await ctx.api.get(`/api/tenants/${tenant.id}/audit.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (csv.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe('at,actor,action,connectionId,object,result,detail');
    expect(lines.filter((line) => line.includes('renameTenant'))).toHaveLength(1_050);
    // The page's count stops 1,000 entries past the page and says so; near the end it is exact again.
    const first = await ctx.api.get(`/api/tenants/${tenant.id}/audit?pageSize=10`);
    expect(first.body).toMatchObject({ total: 1_010, totalIsLowerBound: true, page: 1, pageSize: 10 });
    const last = await ctx.api.get(`/api/tenants/${tenant.id}/audit?pageSize=10&page=100`);
    expect(last.body.total).toBe(lines.length - 1);
    expect(last.body.totalIsLowerBound).toBeUndefined();
  });
});
