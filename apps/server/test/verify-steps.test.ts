import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationCall, fiori, sandboxConnection } from './support/sandbox-connection.js';

let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
beforeAll(async () => {
  ctx = await sandboxConnection();
});
afterAll(() => ctx.server.stop());

describe('guided and automated mixed: Verify reads SAP', () => {
  it('when the communication user was created by hand, then Verify marks step 3 done with its name', async () => {
    await fiori(ctx.server, '/communication-users', { name: 'TASK_CENTER_USER', description: 'By hand', password: 'Task-Center-Pull-2026!x' });
    const answer = await ctx.api.post(`${ctx.base}/steps/3/verify`);
    expect(answer.body).toMatchObject({ stepId: 3, verified: true });
    const step = (await ctx.api.get(ctx.base)).body.steps.find((s: { stepId: number }) => s.stepId === 3);
    expect(step).toMatchObject({ status: 'done', values: { communicationUserName: 'TASK_CENTER_USER', communicationUserDescription: 'By hand' } });
  });

  it('when the arrangement does not exist yet, then Verify says it is not found and leaves the step open', async () => {
    const answer = await ctx.api.post(`${ctx.base}/steps/17/verify`);
    expect(answer.body).toMatchObject({ verified: false, message: expect.stringMatching(/Not found in SAP: communication arrangement/) });
    expect((await ctx.api.get(ctx.base)).body.steps.find((s: { stepId: number }) => s.stepId === 17).status).toBe('not_started');
  });

  it('when the system holds another issuer than the certificate CN, then Verify names the field that differs', async () => {
    const pem = await (await fetch(`${ctx.server.sandboxUrl}/sandbox/fiori/trust-certificate.pem`)).text();
    await fiori(ctx.server, '/communication-systems', {
      systemId: 'TASK_CENTER',
      systemName: 'SAP Task Center',
      hostName: ctx.sandbox.s4.uiHost,
      signingCertificatePem: pem,
      samlIssuer: 'https://wrong-issuer.example.com',
      userIdMappingMode: 'User UUID',
      inboundUserName: 'TASK_CENTER_USER',
    });
    const answer = await ctx.api.post(`${ctx.base}/steps/9/verify`);
    expect(answer.body.verified).toBe(false);
    expect(answer.body.diff).toEqual([
      { field: 'OAuth2IdentityProviderName', current: 'https://wrong-issuer.example.com', desired: ctx.sandbox.btp.trustCertificateCn, secret: false },
    ]);
  });
});

describe('Verify tells the truth about what SAP holds (issue "Tell the admin the truth", finding 5)', () => {
  it('when the communication user is locked, then Verify of step 3 says so instead of "exists with the stored password", and a confirmed run unlocks it', async () => {
    const fresh = await sandboxConnection();
    try {
      await fresh.api.post(`${fresh.base}/automation/runs`, { confirmChanges: false });
      for (let run = { status: 'running' }; run.status === 'running'; run = (await fresh.api.get(`${fresh.base}/automation/runs/latest`)).body) await new Promise((r) => setTimeout(r, 50));
      await fetch(`${fresh.server.sandboxUrl}/sandbox/actions/lock-communication-user`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'TASK_CENTER_USER' }) });
      const answer = (await fresh.api.post(`${fresh.base}/steps/3/verify`)).body;
      expect(answer).toMatchObject({ verified: false, message: expect.stringMatching(/differs from what this step needs \(IsLocked\)/) });
      expect(answer.message).not.toMatch(/confirm to/);
      expect(answer.diff).toEqual([{ field: 'IsLocked', current: 'true', desired: 'false', secret: false }]);
      expect((await fresh.api.post(`${fresh.base}/test`)).body.outcome).toBe('failed');
      await fresh.api.post(`${fresh.base}/automation/runs`, { confirmChanges: true });
      for (let run = { status: 'running' }; run.status === 'running'; run = (await fresh.api.get(`${fresh.base}/automation/runs/latest`)).body) await new Promise((r) => setTimeout(r, 50));
      expect((await fresh.api.post(`${fresh.base}/steps/3/verify`)).body.verified).toBe(true);
      expect((await fresh.api.post(`${fresh.base}/test`)).body.outcome).toBe('succeeded');
    } finally {
      await fresh.server.stop();
    }
  });

  it('when the destination differs, then Verify of step 20 says where to change it, not "confirm to overwrite"', async () => {
    const fresh = await sandboxConnection();
    try {
      await fresh.api.post(`${fresh.base}/automation/runs`, { confirmChanges: false });
      for (let run = { status: 'running' }; run.status === 'running'; run = (await fresh.api.get(`${fresh.base}/automation/runs/latest`)).body) await new Promise((r) => setTimeout(r, 50));
      const destination = (await (await destinationCall(fresh.sandbox, 'GET', '/subaccountDestinations/S4HANACloud')).json()) as Record<string, string>;
      await destinationCall(fresh.sandbox, 'PUT', '/subaccountDestinations', { ...destination, audience: 'https://wrong.example.com' });
      const answer = (await fresh.api.post(`${fresh.base}/steps/20/verify`)).body;
      expect(answer).toMatchObject({ verified: false, message: expect.stringMatching(/Change it in SAP and verify again, or let assisted setup change it/) });
      expect(answer.message).not.toMatch(/confirm to overwrite/);
    } finally {
      await fresh.server.stop();
    }
  });
});
