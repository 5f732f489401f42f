import { describe, expect, it } from 'vitest';
import { fiori, sandboxConnection, setupObjectCounts } from './support/sandbox-connection.js';

type Ctx = Awaited<ReturnType<typeof sandboxConnection>>;

async function runToEnd(ctx: Ctx, confirmChanges: boolean) {
  const started = await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  for (;;) {
    const run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body;
    if (run.status !== 'running') return run;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const actions = async (ctx: Ctx) =>
  Object.fromEntries((await ctx.api.post(`${ctx.base}/automation/plan`)).body.units.map((u: { unit: string; action: string }) => [u.unit, u.action]));

describe('adopting objects made by hand', () => {
  it('when the communication user exists with another password, then its password is set only after confirmation and the connection then works', async () => {
    const ctx = await sandboxConnection();
    try {
      await fiori(ctx.server, '/communication-users', { name: 'TASK_CENTER_USER', description: 'By hand', password: 'Someone-elses-password-2026!' });
      expect((await actions(ctx)).communicationUser).toBe('update');
      const refused = await runToEnd(ctx, false);
      expect(refused).toMatchObject({ status: 'failed', error: expect.stringMatching(/password this app does not know/) });
      expect((await runToEnd(ctx, true)).status).toBe('succeeded');
      expect((await ctx.api.post(`${ctx.base}/test`)).body.outcome).toBe('succeeded');
      expect((await actions(ctx)).communicationUser).toBe('adopt');
    } finally {
      await ctx.server.stop();
    }
  });

  // strict: the repointing PATCH must carry the arrangement's ETag (profile.ts patchRequiresIfMatch).
  it.each(['evidence', 'strict'])('when the SAP_COM_0501 arrangement is bound to another user, then it is repointed after confirmation and the connection works (%s sandbox profile)', async (profile) => {
    const ctx = await sandboxConnection({ SANDBOX_PROFILE: profile });
    try {
      const pem = await (await fetch(`${ctx.server.sandboxUrl}/sandbox/fiori/trust-certificate.pem`)).text();
      await fiori(ctx.server, '/communication-users', { name: 'OTHER_USER', description: 'Another integration', password: 'Other-integration-password-1!' });
      await fiori(ctx.server, '/communication-systems', {
        systemId: 'TASK_CENTER', systemName: 'SAP Task Center', hostName: ctx.sandbox.s4.uiHost, signingCertificatePem: pem,
        samlIssuer: ctx.sandbox.btp.trustCertificateCn, userIdMappingMode: 'User UUID', inboundUserName: 'OTHER_USER', inboundOnly: true,
      });
      await fiori(ctx.server, '/communication-arrangements', { scenario: 'SAP_COM_0501', name: 'BY_HAND_0501', systemId: 'TASK_CENTER' });
      const run = await runToEnd(ctx, true);
      expect(run.status, run.error).toBe('succeeded');
      expect(run.calls.filter((c: { method: string; path: string }) => c.method === 'PATCH' && c.path.endsWith('/InboundUser'))).toEqual([expect.objectContaining({ status: 200 })]);
      expect((await ctx.api.post(`${ctx.base}/test`)).body.outcome).toBe('succeeded');
      expect(await setupObjectCounts(ctx.server, ctx.sandbox)).toMatchObject({ systems: 1, arrangements: 1, destinations: 1 });
    } finally {
      await ctx.server.stop();
    }
  });

  it('when two runs are started at the same moment, then one runs and the other is refused', async () => {
    const ctx = await sandboxConnection();
    try {
      const answers = await Promise.all([ctx.api.post(`${ctx.base}/automation/runs`, {}), ctx.api.post(`${ctx.base}/automation/runs`, {})]);
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      for (let run = { status: 'running' }; run.status === 'running'; ) run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body;
      expect(await setupObjectCounts(ctx.server, ctx.sandbox)).toEqual({ users: 1, systems: 1, inboundUsers: 1, arrangements: 1, destinations: 1 });
    } finally {
      await ctx.server.stop();
    }
  });
});
