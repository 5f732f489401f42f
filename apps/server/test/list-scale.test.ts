import { randomUUID } from 'node:crypto';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CONNECTION_SORT_KEYS, TENANT_SORT_KEYS } from '@tcc/shared';
import { seedBulk } from '../src/store/bulk-seed.js';
import { createKyselyStore, pageWindow } from '../src/store/kysely-store.js';
import type { Database } from '../src/store/schema.js';
import { SQLITE_FILE_NAME } from '../src/store/sqlite-store.js';
import { TEST_STORE, testDatabaseUrl } from './support/test-database.js';
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

  it('when connections are searched, then a term matches any part of the name, subaccount or host, in any case, and follows renames and deletes', async () => {
    const tenant = (await ctx.api.post('/api/tenants', { name: 'Search' })).body;
    const connections = `/api/tenants/${tenant.id}/connections`;
    const add = async (displayName: string, host: string, subaccountId = SUBACCOUNT_ID) =>
      (await ctx.api.post(connections, { displayName, subaccountId, landscapeDomain: LANDSCAPE, s4Host: host })).body as { id: string; version: number };
    const plant = await add('Plant Munich 100%', 'my300001.s4hana.ondemand.com');
    await add('Warehouse', 'my300002.s4hana.ondemand.com', '0c9a7e5d-1b2f-4a3c-8d4e-5f6a7b8c9d0e');
    await add('Plant_Berlin', 'my300003.s4hana.ondemand.com');
    const names = async (q: string) => {
      const answer = await ctx.api.get(`${connections}?q=${encodeURIComponent(q)}&pageSize=100`);
      expect(answer.status).toBe(200);
      expect(answer.body.total).toBe(answer.body.items.length);
      return answer.body.items.map((c: { displayName: string }) => c.displayName).sort();
    };
    // 3+ characters (the trigram index on SQLite and PostgreSQL) and 1-2 characters (a scan): the same answers.
    expect(await names('PLANT')).toEqual(['Plant Munich 100%', 'Plant_Berlin']);
    expect(await names('unich')).toEqual(['Plant Munich 100%']);
    expect(await names('300002')).toEqual(['Warehouse']);
    expect(await names('0C9A7E')).toEqual(['Warehouse']);
    expect(await names('s4hana')).toHaveLength(3);
    expect(await names('wa')).toEqual(['Warehouse']);
    expect(await names('W')).toEqual(['Warehouse']);
    // LIKE's wildcards and FTS5's query syntax are taken literally.
    expect(await names('0%')).toEqual(['Plant Munich 100%']);
    expect(await names('t_B')).toEqual(['Plant_Berlin']);
    expect(await names('"Plant')).toEqual([]);
    expect(await names('Plant OR Warehouse')).toEqual([]);
    expect(await names('nomatch')).toEqual([]);
    // Another tenant's connections never match.
    expect((await ctx.api.get(`${connections}?q=my3`)).body.total).toBe(3);
    const renamed = (await ctx.api.patch(`${connections}/${plant.id}`, { displayName: 'Depot Hamburg', version: plant.version })).body;
    expect(await names('munich')).toEqual([]);
    expect(await names('hamburg')).toEqual(['Depot Hamburg']);
    expect((await ctx.api.delete(`${connections}/${plant.id}?version=${renamed.version}`)).status).toBe(204);
    expect(await names('hamburg')).toEqual([]);
    expect(await names('300001')).toEqual([]);
  });

  it('when the connection list is searched or sorted by expiry, then its statements read the indexes meant for them', async () => {
    const tenant = (await ctx.api.post('/api/tenants', { name: 'Plans' })).body;
    const captured: CompiledQuery[] = [];
    const log = (event: { level: string; query: CompiledQuery }) => void (event.level === 'query' && captured.push(event.query));
    const pool = TEST_STORE === 'postgres' ? new pg.Pool({ connectionString: await testDatabaseUrl(ctx.server.dataDir), max: 1 }) : null;
    const db = new Kysely<Database>({
      dialect: pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: new SqliteDatabase(path.join(ctx.server.dataDir, SQLITE_FILE_NAME)) }),
      log,
    });
    const store = createKyselyStore(db, { kind: TEST_STORE, duplicateOf: () => null });
    // Enough rows that an index beats reading the tenant's connections, seeded as the store writes them (through the
    // insert trigger on SQLite); then, on PostgreSQL, what autovacuum would do: statistics, GIN pending lists merged.
    const at = new Date().toISOString();
    await seedBulk(db, {
      connections: Array.from({ length: 2_000 }, (_, i) => ({
        id: randomUUID(),
        tenant_id: tenant.id,
        display_name: `Plan ${i}`,
        display_name_key: `plan ${i}`,
        subaccount_id: randomUUID(),
        landscape_domain: LANDSCAPE,
        s4_ui_host: `my${400000 + i}.s4hana.ondemand.com`,
        s4_api_host: `my${400000 + i}-api.s4hana.ondemand.com`,
        s4_client: '100',
        is_sandbox: 0,
        version: 1,
        created_at: at,
        updated_at: at,
        updated_by: 'test',
        certificate_not_after: i % 2 ? null : at,
      })),
    });
    if (pool) await sql`vacuum analyze connections`.execute(db);
    /** The plan of every statement `call` runs, one string each. */
    const plans = async (call: () => Promise<unknown>) => {
      captured.length = 0;
      await call();
      const statements = [...captured];
      const out: string[] = [];
      for (const query of statements) {
        const plan = await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(`${pool ? 'explain' : 'explain query plan'} ${query.sql}`, [...query.parameters]));
        out.push(`${query.sql}\n${plan.rows.map((row) => String(row.detail ?? row['QUERY PLAN'])).join('\n')}`);
      }
      // The tenant's maintained connection count (read to choose between the trigram index and a scan) is a key lookup.
      return out.filter((statement) => !statement.startsWith('select "connection_count" from "tenants"'));
    };
    try {
      const page = { page: 1, pageSize: 25 } as const;
      const [byExpiry] = await plans(() => store.listConnections(tenant.id, { ...page, sort: 'certificateNotAfter', order: 'desc' }));
      if (pool) {
        // PostgreSQL scans an index backwards with NULLs first: expiry descending, NULLs last, has an index of its own.
        // The page's IDs straight off it: nothing sorted under the LIMIT (the page's 25 rows are, above it).
        expect(byExpiry).toMatch(/Limit[^\n]*\n\s*->\s*Index (Only )?Scan using connections_by_tenant_certificate_desc/);
      } else {
        expect(byExpiry).toMatch(/USING COVERING INDEX connections_by_tenant_certificate/);
      }
      const [count, pageRows] = await plans(() => store.listConnections(tenant.id, { ...page, sort: 'displayName', order: 'asc', q: 'plan 1234' }));
      for (const statement of [count, pageRows]) {
        if (pool) expect(statement).toMatch(/Bitmap Index Scan on connections_search_display_name/);
        else expect(statement).toMatch(/SCAN connections_search VIRTUAL TABLE/);
      }
      // Two characters have no trigram: the tenant's connections are read instead.
      const [short] = await plans(() => store.listConnections(tenant.id, { ...page, sort: 'displayName', order: 'asc', q: 'pl' }));
      expect(short).not.toMatch(/connections_search/);
      if (!pool) {
        // A small tenant in the same database: the trigram table's candidates would be every tenant's; its own rows are fewer.
        const small = (await ctx.api.post('/api/tenants', { name: 'Small' })).body;
        const made = await ctx.api.post(`/api/tenants/${small.id}/connections`, { displayName: 'Plan small', subaccountId: SUBACCOUNT_ID, landscapeDomain: LANDSCAPE, s4Host: 'my499999.s4hana.ondemand.com' });
        expect(made.status, JSON.stringify(made.body)).toBe(201);
        const [smallCount, smallRows] = await plans(() => store.listConnections(small.id, { ...page, sort: 'displayName', order: 'asc', q: 'plan' }));
        for (const statement of [smallCount, smallRows]) expect(statement).not.toMatch(/connections_search/);
        expect((await store.listConnections(small.id, { ...page, sort: 'displayName', order: 'asc', q: 'plan' })).rows.map((r) => r.displayName)).toEqual(['Plan small']);
      }
    } finally {
      await db.destroy();
    }
  });
});
