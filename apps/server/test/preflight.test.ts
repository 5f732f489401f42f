import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationCall, sandboxConnection } from './support/sandbox-connection.js';

let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
/** A call as the sandbox logged it (GET /sandbox/stats), epoch milliseconds. */
type Call = { method: string; path: string; arrivedAt: number; answeredAt: number };
const overlap = (a: Call, b: Call) => a.arrivedAt < b.answeredAt && b.arrivedAt < a.answeredAt;
beforeAll(async () => {
  ctx = await sandboxConnection();
});
afterAll(() => ctx.server.stop());

describe('preflight and Task Center rules, before anything changes', () => {
  it('when the plan runs the preflight, then its reads overlap: S/4 after one call alone (the SAP_COM_0A48 logon), BTP beside S/4', async () => {
    const faults = `${ctx.server.sandboxUrl}/sandbox/faults`;
    const setLatency = (latencyMs: number) => fetch(faults, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ latencyMs }) });
    const latencyBefore = ((await (await fetch(faults)).json()) as { latencyMs: number }).latencyMs;
    await setLatency(30);
    try {
      const from = Date.now();
      expect((await ctx.api.post(`${ctx.base}/automation/plan`)).body.blockers).toEqual([]);
      const recent = ((await (await fetch(`${ctx.server.sandboxUrl}/sandbox/stats`)).json()) as { recent: Call[] }).recent.filter((c) => c.arrivedAt >= from);
      const s4 = recent.filter((c) => c.path.startsWith('/sap/opu/odata4/'));
      const [first, ...later] = s4;
      // Until S/4 has accepted the password once, nothing else is sent with it: a wrong one fails one logon only.
      expect(later.every((c) => c.arrivedAt >= first!.answeredAt)).toBe(true);
      const metadata = later.filter((c) => c.path.endsWith('/$metadata'));
      expect(metadata).toHaveLength(2);
      expect(overlap(metadata[0]!, metadata[1]!)).toBe(true);
      const btpReads = recent.filter((c) => c.path.startsWith('/destination-configuration/') && c.arrivedAt < metadata[1]!.answeredAt);
      expect(btpReads.some((b) => s4.some((c) => overlap(b, c)))).toBe(true);
    } finally {
      await setLatency(latencyBefore);
    }
  });

  it('when another destination already points at the S/4 system, then the plan refuses to add a second one', async () => {
    await destinationCall(ctx.sandbox, 'POST', '/subaccountDestinations', { Name: 'OldS4', Type: 'HTTP', URL: `https://${ctx.sandbox.s4.apiHost}/`, Authentication: 'NoAuthentication', ProxyType: 'Internet' });
    const plan = (await ctx.api.post(`${ctx.base}/automation/plan`)).body;
    expect(plan.blockers).toEqual([expect.stringMatching(/OldS4 already points at my900001-api.s4hana.ondemand.com; a second one would make Task Center duplicate tasks/)]);
    const refused = await ctx.api.post(`${ctx.base}/automation/runs`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/OldS4/);
    await destinationCall(ctx.sandbox, 'DELETE', '/subaccountDestinations/OldS4');
    expect((await ctx.api.post(`${ctx.base}/automation/runs`, {})).status).toBe(201);
  });

  it('when the destination exists with a deprecated SystemUser and a bad tc.* value, then the plan lists them for confirmation and the run removes them', async () => {
    for (let i = 0; i < 100 && (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body.status === 'running'; i += 1) await new Promise((r) => setTimeout(r, 50));
    const current = (await (await destinationCall(ctx.sandbox, 'GET', '/subaccountDestinations/S4HANACloud')).json()) as Record<string, string>;
    await destinationCall(ctx.sandbox, 'PUT', '/subaccountDestinations', { ...current, SystemUser: 'OLD', 'tc.notifications.enabled': 'yes', 'tc.ui.label': 'My tasks' });
    const plan = (await ctx.api.post(`${ctx.base}/automation/plan`)).body;
    const destination = plan.units.find((u: { unit: string }) => u.unit === 'destination');
    expect(destination.action).toBe('update');
    expect(destination.diff.map((d: { field: string }) => d.field)).toEqual(['SystemUser', 'tc.notifications.enabled']);
    expect(plan.needsConfirmation).toBe(true);
    await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: true });
    for (let i = 0; i < 100 && (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body.status === 'running'; i += 1) await new Promise((r) => setTimeout(r, 50));
    const after = (await (await destinationCall(ctx.sandbox, 'GET', '/subaccountDestinations/S4HANACloud')).json()) as Record<string, string>;
    expect(after.SystemUser).toBeUndefined();
    expect(after['tc.notifications.enabled']).toBeUndefined();
    expect(after['tc.ui.label']).toBe('My tasks');
    expect(after['tc.enabled']).toBe('true');
  });
});
