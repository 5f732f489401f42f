import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { runToEnd } from './support/field-run.js';
import { destinationCall, sandboxConnection } from './support/sandbox-connection.js';
import { rsaCertificatePem } from '@tcc/testkit';
import { adminClient, apiClient, createTenantWithConnection, LANDSCAPE, startTestServer, SUBACCOUNT_ID, type ApiClient, type TestServer } from './support/test-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await sleep(200);
  }
};

/** A tenant with `n` connections (no credentials: each check can only say what is missing). */
async function tenantWithConnections(api: ApiClient, n: number) {
  const tenant = (await api.post('/api/tenants', { name: `Spread ${Math.random().toString(36).slice(2, 8)}` })).body;
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const created = await api.post(`/api/tenants/${tenant.id}/connections`, {
      displayName: `System ${i}`,
      subaccountId: `8f2d3c1a-5b6e-4f70-9a81-2c3d4e5f6a${(10 + i).toString(16).padStart(2, '0')}`,
      landscapeDomain: 'eu10.hana.ondemand.com',
      s4Host: `my${100000 + i}.s4hana.ondemand.com`,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    ids.push(created.body.id);
  }
  return { tenantId: tenant.id as string, ids };
}

const servers: TestServer[] = [];
afterEach(async () => {
  vi.useRealTimers();
  while (servers.length) await servers.pop()!.stop();
});

describe('scheduling: interval, spread, restarts, several servers', () => {
  it('when a tenant is checked, then each connection is unknown with what to add, and next checks are spread over the interval at a fixed slot', async () => {
    const server = await startTestServer();
    servers.push(server);
    const api = await adminClient(server.baseUrl);
    const { tenantId, ids } = await tenantWithConnections(api, 6);
    expect((await api.post(`/api/tenants/${tenantId}/health/check`)).body).toEqual({ checked: 6 });
    const first = await Promise.all(ids.map(async (id) => (await api.get(`/api/tenants/${tenantId}/connections/${id}/health`)).body));
    for (const health of first) {
      // Never healthy by default: what cannot be read is unknown, with what to add.
      expect(health).toMatchObject({ state: 'unknown', findings: [expect.objectContaining({ code: 'CREDENTIALS_MISSING', severity: 'unknown', message: expect.stringMatching(/^Add credentials to monitor/) })] });
      const gap = Date.parse(health.nextCheckAt) - Date.parse(health.lastCheckAt);
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThanOrEqual(15 * 60_000);
    }
    expect(new Set(first.map((h) => h.nextCheckAt)).size).toBe(6);
    expect((await api.get(`/api/tenants/${tenantId}`)).body).toMatchObject({ connectionCount: 6, unknownCount: 6, healthyCount: 0 });
    // The slot is the connection's own: checking again keeps it (the same time, or one interval later).
    await api.post(`/api/tenants/${tenantId}/health/check`);
    for (const [i, id] of ids.entries()) {
      const again = (await api.get(`/api/tenants/${tenantId}/connections/${id}/health`)).body;
      expect((Date.parse(again.nextCheckAt) - Date.parse(first[i]!.nextCheckAt)) % (15 * 60_000)).toBe(0);
    }
  });

  it('when a break happens, then the next scheduled check finds it; a check due while the server was down runs right after start', async () => {
    const ctx = await sandboxConnection({ HEALTH_CHECKS: 'on', HEALTH_CHECK_INTERVAL: '10s' });
    servers.push(ctx.server);
    expect((await runToEnd(ctx)).status).toBe('succeeded');
    const health = () => ctx.api.get(`${ctx.base}/health`).then((a) => a.body);
    // The scheduler alone (no Check now): the connection's slot comes within one interval.
    const scheduled = await until(health, (h) => h.state === 'healthy', 25_000);
    expect(scheduled.state).toBe('healthy');
    await destinationCall(ctx.sandbox, 'DELETE', '/subaccountDestinations/S4HANACloud');
    const broken = await until(health, (h) => h.state === 'broken', 25_000);
    expect(broken.findings[0]).toMatchObject({ code: 'DESTINATION_MISSING', stepId: 20 });

    // Down past the connection's next slot, then up again with an interval of an hour: the due check runs at start.
    const due = Date.parse(broken.nextCheckAt);
    await ctx.server.stop();
    servers.pop();
    await sleep(Math.max(0, due - Date.now()) + 500);
    const restarted = await startTestServer(ctx.server.dataDir, { SANDBOX: 'on', SANDBOX_PORT: '0', HEALTH_CHECKS: 'on', HEALTH_CHECK_INTERVAL: '1h' });
    servers.push(restarted);
    const startedAt = Date.now();
    const api = apiClient(restarted.baseUrl);
    await api.signIn('demo-admin', DEMO_PASSWORD);
    const after = await until(() => api.get(`${ctx.base}/health`).then((a) => a.body), (h) => Date.parse(h.lastCheckAt) > due, 10_000);
    expect(Date.parse(after.lastCheckAt)).toBeGreaterThan(due);
    expect(Date.parse(after.lastCheckAt) - startedAt).toBeLessThan(5_000);
    expect(after).toMatchObject({ state: 'broken', since: broken.since });
    // From then on the slot follows the new interval.
    expect(Date.parse(after.nextCheckAt) - Date.parse(after.lastCheckAt)).toBeGreaterThan(0);
  }, 90_000);

  it('when two servers share one store and both are asked to check the same connection at once, then one check runs and both answer its result', async () => {
    const ctx = await sandboxConnection();
    servers.push(ctx.server);
    expect((await runToEnd(ctx)).status).toBe('succeeded');
    const other = await startTestServer(ctx.server.dataDir, { SANDBOX: 'external', SANDBOX_DESCRIPTOR: path.join(ctx.server.dataDir, 'sandbox.json') });
    servers.push(other);
    const otherApi = apiClient(other.baseUrl);
    await otherApi.signIn('demo-admin', DEMO_PASSWORD);
    const checks = async () => (await ctx.api.get(`${ctx.base}/health/history?pageSize=100`)).body.items.reduce((sum: number, e: { checks: number }) => sum + e.checks, 0);
    // SAP calls the sandbox served: what one check costs, read from the sandbox itself.
    const sapCalls = async () => ((await (await fetch(`${ctx.server.sandboxUrl}/sandbox/stats`)).json()) as { calls: number }).calls;
    const start = await sapCalls();
    await ctx.api.post(`${ctx.base}/health/check`);
    const oneCheck = (await sapCalls()) - start;
    expect(oneCheck).toBeGreaterThan(5);
    // Slow SAP (60 ms a call): one check takes long enough for the second request to arrive while it runs.
    await fetch(`${ctx.server.sandboxUrl}/sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs: 60 }) });
    for (let round = 0; round < 3; round += 1) {
      const [before, callsBefore] = [await checks(), await sapCalls()];
      const [a, b] = await Promise.all([ctx.api.post(`${ctx.base}/health/check`), otherApi.post(`${ctx.base}/health/check`)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toMatchObject({ state: 'healthy' });
      expect(b.body.lastCheckAt).toBe(a.body.lastCheckAt);
      expect(await checks()).toBe(before + 1);
      expect((await sapCalls()) - callsBefore).toBe(oneCheck);
    }
  }, 60_000);

  it('when history is older than HEALTH_HISTORY_DAYS, then it is pruned at the next check', async () => {
    const server = await startTestServer(fs.mkdtempSync(path.join(os.tmpdir(), 'tcc-test-')), { HEALTH_HISTORY_DAYS: '1' });
    servers.push(server);
    let api = await adminClient(server.baseUrl);
    const { tenantId, ids } = await tenantWithConnections(api, 1);
    const base = `/api/tenants/${tenantId}/connections/${ids[0]}`;
    await api.post(`${base}/health/check`);
    await api.post(`${base}/health/check`);
    const kept = (await api.get(`${base}/health/history`)).body;
    expect(kept.items.map((e: { kind: string; checks: number }) => [e.kind, e.checks])).toEqual([['transition', 1], ['check', 1]].reverse());
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 86_400_000);
    api = await adminClient(server.baseUrl); // the session of two days ago has expired
    await api.post(`${base}/health/check`);
    const pruned = (await api.get(`${base}/health/history`)).body;
    // The first check's transition is gone; the run of equal checks goes on in one entry, dated by its last check.
    expect(pruned.total).toBe(1);
    expect(pruned.items[0]).toMatchObject({ kind: 'check', checks: 2, firstAt: kept.items[0].firstAt });
    expect(Date.parse(pruned.items[0].at)).toBeGreaterThan(Date.parse(kept.items[0].at) + 86_400_000);
  });
});

describe('guided connections without credentials', () => {
  it('when only a stored certificate near expiry is known, then that is a warning at step 1 and the rest says to add credentials to monitor', async () => {
    const server = await startTestServer();
    servers.push(server);
    const api = await adminClient(server.baseUrl);
    const { tenantId, connection, base } = await createTenantWithConnection(api);
    const pem = rsaCertificatePem({ cn: `cfapps.${LANDSCAPE}/${SUBACCOUNT_ID}`, notAfter: new Date(Date.now() + 6.5 * 86_400_000) });
    const uploaded = await api.put(`${base}/trust-certificate`, { fileName: 'trust.pem', contentBase64: Buffer.from(pem).toString('base64'), version: connection.version });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const health = (await api.post(`${base}/health/check`)).body;
    expect(health).toMatchObject({ state: 'warning', certificateDaysLeft: 6 });
    expect(health.findings).toEqual([
      expect.objectContaining({ code: 'TRUST_EXPIRES_SOON', severity: 'warning', stepId: 1, expected: 'more than 7 days left', actual: '6 days left' }),
      expect.objectContaining({ code: 'CREDENTIALS_MISSING', severity: 'unknown' }),
    ]);
    expect((await api.get(`/api/tenants/${tenantId}`)).body).toMatchObject({ warningCount: 1, unknownCount: 0 });
    // Sorted by severity, warnings first: the one that needs doing leads the list.
    const rows = (await api.get(`/api/tenants/${tenantId}/connections?sort=health`)).body.items;
    expect(rows[0].health).toMatchObject({ state: 'warning', topFinding: { code: 'TRUST_EXPIRES_SOON' }, certificateDaysLeft: 6 });
  });
});

describe('interval settings', () => {
  it('when the tenant’s interval is below the minimum, then it is refused with what to do and nothing is stored; a valid one applies', async () => {
    const server = await startTestServer();
    servers.push(server);
    const api = await adminClient(server.baseUrl);
    const { tenantId, ids } = await tenantWithConnections(api, 1);
    const settings = `/api/tenants/${tenantId}/health/settings`;
    expect((await api.get(settings)).body).toEqual({ intervalMinutes: null, effectiveIntervalSeconds: 900, scheduledChecks: false });
    const refused = await api.put(settings, { intervalMinutes: 2 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/at most every 5 minutes.*Enter 5 or more/);
    expect((await api.get(settings)).body.intervalMinutes).toBeNull();
    expect((await api.put(settings, { intervalMinutes: 60 })).body).toMatchObject({ intervalMinutes: 60, effectiveIntervalSeconds: 3600 });
    const health = (await api.post(`/api/tenants/${tenantId}/connections/${ids[0]}/health/check`)).body;
    expect(Date.parse(health.nextCheckAt) - Date.parse(health.lastCheckAt)).toBeLessThanOrEqual(3_600_000);
  });

  it('when HEALTH_CHECK_INTERVAL is below the minimum or not a duration, then the server does not start and says what to write', async () => {
    await expect(startTestServer(undefined, { HEALTH_CHECK_INTERVAL: '5s' })).rejects.toThrow(/HEALTH_CHECK_INTERVAL is at least 10s.*15m/);
    await expect(startTestServer(undefined, { HEALTH_CHECK_INTERVAL: 'soon' })).rejects.toThrow(/HEALTH_CHECK_INTERVAL is a duration such as 15m, 30s or 1h/);
  });
});
