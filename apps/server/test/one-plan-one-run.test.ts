import path from 'node:path';
import type { SandboxDescriptor } from '@tcc/sandbox';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { destinationCall, sandboxConnection } from './support/sandbox-connection.js';
import { apiClient, startTestServer, type ApiClient } from './support/test-server.js';

/** Issue 9 finding 8: one plan shows every change, one confirmed run finishes; another connection's destination is not taken silently. */

type Unit = { unit: string; action: string; summary: string; diff: { field: string; current: string | null; desired: string | null; pending?: string }[]; createdBy?: string };
type Plan = { units: Unit[]; blockers: string[]; needsConfirmation: boolean };

const TASK_CENTER_PASSWORD = 'Task-Center-Pull-2026!x'; // the one sandboxConnection() stores

async function runToEnd(api: ApiClient, base: string, confirmChanges: boolean) {
  const started = await api.post(`${base}/automation/runs`, { confirmChanges });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  for (let i = 0; i < 400; i += 1) {
    const run = (await api.get(`${base}/automation/runs/latest`)).body;
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('run did not finish');
}

const planOf = async (api: ApiClient, base: string): Promise<Plan> => (await api.post(`${base}/automation/plan`)).body;
const destinationPlan = (plan: Plan) => plan.units.find((u) => u.unit === 'destination')!;
const readDestination = async (sandbox: SandboxDescriptor) => (await (await destinationCall(sandbox, 'GET', '/subaccountDestinations/S4HANACloud')).json()) as Record<string, string>;
/** `/api/tenants/<tenantId>/connections/<connectionId>` → `<tenantId>/<connectionId>`, the mark assisted setup leaves. */
const markOf = (base: string) => {
  const [, , , tenantId, , connectionId] = base.split('/');
  return `${tenantId}/${connectionId}`;
};

describe('one plan, one run', () => {
  it('when the destination exists with other values before the first run, then the first plan lists every property to change, the Client ID S/4 will assign included, and one confirmed run finishes', async () => {
    const ctx = await sandboxConnection();
    try {
      const { s4 } = ctx.sandbox;
      await destinationCall(ctx.sandbox, 'POST', '/subaccountDestinations', {
        Name: 'S4HANACloud', Type: 'HTTP', URL: `https://${s4.apiHost}/`, ProxyType: 'Internet', Authentication: 'OAuth2SAMLBearerAssertion',
        audience: 'https://wrong.example.com', clientKey: 'OLD_CLIENT', tokenServiceUser: 'OLD_USER', tokenServicePassword: 'Old-password-2026!', 'tc.enabled': 'true',
      });
      const plan = await planOf(ctx.api, ctx.base);
      expect(plan.blockers).toEqual([]);
      const destination = destinationPlan(plan);
      expect(destination.action).toBe('update');
      expect(destination.summary).not.toMatch(/compared once/);
      expect(destination.diff).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'audience', current: 'https://wrong.example.com', desired: `https://${s4.uiHost}` }),
          expect.objectContaining({ field: 'tokenServiceUser', current: 'OLD_USER', desired: 'TASK_CENTER_USER' }),
          expect.objectContaining({ field: 'tokenServiceURL', current: null, desired: `https://${s4.apiHost}/sap/bc/sec/oauth2/token` }),
          { field: 'clientKey', current: 'OLD_CLIENT', desired: null, secret: false, pending: 's4ClientId' },
        ]),
      );
      expect(plan.needsConfirmation).toBe(true);

      // The run is started as the dialog starts it: confirmed exactly when the plan asks for it.
      const run = await runToEnd(ctx.api, ctx.base, plan.needsConfirmation);
      expect(run.status, run.error).toBe('succeeded');
      expect(run.units.find((u: { unit: string }) => u.unit === 'destination')).toMatchObject({ status: 'done' });
      const after = await readDestination(ctx.sandbox);
      expect(after).toMatchObject({ audience: `https://${s4.uiHost}`, tokenServiceUser: 'TASK_CENTER_USER', clientKey: 'TASK_CENTER_USER', 'tcc.connection': markOf(ctx.base) });
      expect((await ctx.api.post(`${ctx.base}/test`)).body.outcome).toBe('succeeded');
      // Nothing left for a second plan to change.
      const again = await planOf(ctx.api, ctx.base);
      expect(destinationPlan(again)).toMatchObject({ action: 'adopt', createdBy: 'this-connection' });
      expect(again.needsConfirmation).toBe(false);
    } finally {
      await ctx.server.stop();
    }
  });

  it('when two tenants connect the same subaccount, then the second sees the destination as created by another connection, and it is changed only after confirmation', async () => {
    const a = await sandboxConnection();
    const b = await startTestServer(undefined, { SANDBOX: 'external', SANDBOX_DESCRIPTOR: path.join(a.server.dataDir, 'sandbox.json') });
    try {
      // Tenant A (first install) sets up from empty: its destination carries A's mark.
      expect((await runToEnd(a.api, a.base, false)).status).toBe('succeeded');
      const made = await readDestination(a.sandbox);
      expect(made['tcc.connection']).toBe(markOf(a.base));

      // Tenant B (second install, same sandbox subaccount and S/4), with the same Task Center password as A.
      const api = apiClient(b.baseUrl);
      await api.signIn('demo-admin', DEMO_PASSWORD);
      const tenant = (await api.get('/api/tenants')).body.items[0];
      const connection = (await api.get(`/api/tenants/${tenant.id}/connections`)).body.items[0];
      const base = `/api/tenants/${tenant.id}/connections/${connection.id}`;
      expect(markOf(base)).not.toBe(markOf(a.base));
      const saved = await api.put(`${base}/credentials`, {
        destinationServiceKey: JSON.stringify(a.sandbox.btp.destinationServiceKey),
        communicationManagementUser: a.sandbox.s4.communicationManagement.user,
        communicationManagementPassword: a.sandbox.s4.communicationManagement.password,
        taskCenterUserPassword: TASK_CENTER_PASSWORD,
        version: connection.version,
      });
      expect(saved.status).toBe(200);

      // Every property matches A's destination: before marks, B adopted it as it was.
      const plan = await planOf(api, base);
      const destination = destinationPlan(plan);
      expect(destination).toMatchObject({ action: 'update', createdBy: 'another-connection', diff: [] });
      expect(destination.summary).toMatch(/created by another connection of Task Center Connect/);
      const [tenantIdOfA, connectionIdOfA] = markOf(a.base).split('/');
      expect(JSON.stringify(plan)).not.toContain(tenantIdOfA);
      expect(JSON.stringify(plan)).not.toContain(connectionIdOfA);
      expect(plan.needsConfirmation).toBe(true);
      expect((await runToEnd(api, base, false)).status).toBe('failed');
      expect(await readDestination(a.sandbox)).toEqual(made);

      // B with S/4 objects of its own: its run creates them without confirmation and stops at A's destination.
      for (const [step, values] of [[3, { communicationUserName: 'TASK_CENTER_USER_B' }], [5, { systemId: 'TASK_CENTER_B' }], [17, { arrangementName: 'SAP_COM_0501_TASK_CENTER_B' }]] as const) {
        const version = (await api.get(base)).body.version;
        const put = await api.put(`${base}/steps/${step}`, { status: 'in_progress', values, version });
        expect(put.status, JSON.stringify(put.body)).toBe(200);
      }
      const ownPlan = await planOf(api, base);
      expect(destinationPlan(ownPlan)).toMatchObject({ action: 'update', createdBy: 'another-connection' });
      expect(destinationPlan(ownPlan).diff).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'clientKey', pending: 's4ClientId' })]));
      const refused = await runToEnd(api, base, false);
      expect(refused).toMatchObject({ status: 'failed', error: expect.stringMatching(/created by another connection of Task Center Connect.*confirm taking it over/) });
      expect(refused.units.find((u: { unit: string }) => u.unit === 'arrangement').status).toBe('done');
      expect(await readDestination(a.sandbox)).toEqual(made);

      // Confirmed, B takes it over: now B's, and A's plan says so in turn.
      expect((await runToEnd(api, base, true)).status).toBe('succeeded');
      expect(await readDestination(a.sandbox)).toMatchObject({ 'tcc.connection': markOf(base), tokenServiceUser: 'TASK_CENTER_USER_B' });
      expect(destinationPlan(await planOf(api, base))).toMatchObject({ action: 'adopt', createdBy: 'this-connection' });
      expect(destinationPlan(await planOf(a.api, a.base))).toMatchObject({ action: 'update', createdBy: 'another-connection' });
      const verify = (await a.api.post(`${a.base}/steps/20/verify`)).body;
      expect(verify).toMatchObject({ verified: false, message: expect.stringMatching(/created by another connection of Task Center Connect.*tcc\.connection/) });
      expect(verify.message).not.toContain(markOf(base).split('/')[0]);
    } finally {
      await b.stop();
      await a.server.stop();
    }
  });
});
