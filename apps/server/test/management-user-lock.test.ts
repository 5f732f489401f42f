import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { sandboxConnection } from './support/sandbox-connection.js';
import { apiClient, startTestServer } from './support/test-server.js';

/**
 * A real S/4 locks a communication user after a burst of failed Basic logons: SAP-docs btp-cloud-platform
 * how-to-create-communication-users-0377ade.md, "locked after three unsuccessful login attempts" ([3rd-verified] too;
 * docs/sap-facts.md row 4). The product must never be that burst: the first 401 of the SAP_COM_0A48 user stops every
 * further call with that password (this operation, later ones, other servers) until it is saved again. Everything
 * goes over HTTP: to the server under test, and to its sandbox, whose own failed-logon counter is read.
 */
let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
beforeAll(async () => {
  ctx = await sandboxConnection();
});
afterAll(() => ctx.server.stop());

const WRONG = 'Wrong-Password-0A48-2026!';
const sandbox = (method: 'GET' | 'PUT' | 'POST', route: string, body?: object) =>
  fetch(`${ctx.server.sandboxUrl}/sandbox${route}`, { method, headers: { 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
const managementUser = async () => (await (await sandbox('GET', '/communication-management-user')).json()) as { name: string; failedLogons: number; locked: boolean };
const version = async () => (await ctx.api.get(ctx.base)).body.version as number;
const savePassword = async (password: string) => {
  const answer = await ctx.api.put(`${ctx.base}/credentials`, { communicationManagementUser: ctx.sandbox.s4.communicationManagement.user, communicationManagementPassword: password, version: await version() });
  expect(answer.status).toBe(200);
  return answer.body;
};
const plan = async () => (await ctx.api.post(`${ctx.base}/automation/plan`)).body as { blockers: string[]; units: unknown[] };
const refusal = (at: string) => `S/4HANA refused the SAP_COM_0A48 communication user ${ctx.sandbox.s4.communicationManagement.user} at ${at}`;

beforeEach(async () => {
  // Every test starts from a healthy tenant: evidence threshold (three), user unlocked, the right password stored.
  await sandbox('PUT', '/profile', { profile: 'evidence' });
  await sandbox('POST', '/actions/unlock-communication-management-user', {});
  await savePassword(ctx.sandbox.s4.communicationManagement.password);
});

describe('the SAP_COM_0A48 user is never locked by the product', () => {
  it('when its password is wrong, then the plan makes one failed logon, and plan, run, Verify, SAP facts and Test connection make no further call until it is saved again', async () => {
    await savePassword(WRONG);
    const first = await plan();
    expect(first.blockers.join(' ')).toContain(refusal(''));
    expect(first.blockers.join(' ')).toMatch(/no further call is made with this password/);
    // Said once, and no S/4 unit claims it would create what it could not read.
    expect(first.blockers.filter((b) => b.includes('refused the SAP_COM_0A48'))).toHaveLength(1);
    const units = first.units as { system: string; action: string }[];
    expect(units.filter((u) => u.system === 's4hana').map((u) => u.action)).toEqual(expect.arrayContaining(['blocked']));
    expect(units.filter((u) => u.system === 's4hana' && u.action === 'create')).toEqual([]);
    expect(await managementUser()).toEqual({ name: ctx.sandbox.s4.communicationManagement.user, failedLogons: 1, locked: false });

    // The mark is on the stored credential, with its time; every answer from now on names it.
    const status = (await ctx.api.get(`${ctx.base}/credentials`)).body;
    expect(status.communicationManagement).toMatchObject({ set: true, user: ctx.sandbox.s4.communicationManagement.user, refusedAt: expect.any(String) });
    const said = refusal(status.communicationManagement.refusedAt as string);

    expect((await plan()).blockers).toEqual([expect.stringContaining(said)]);
    const run = await ctx.api.post(`${ctx.base}/automation/runs`, {});
    expect(run.status).toBe(400);
    expect(run.body.error.message).toContain(said);
    const verify = (await ctx.api.post(`${ctx.base}/steps/4/verify`)).body;
    expect(verify).toMatchObject({ verified: false, message: expect.stringContaining(said) });
    const facts = (await ctx.api.post(`${ctx.base}/sap-facts`)).body;
    expect(facts.problems.join(' ')).toContain(said);
    // Test connection does not sign in the SAP_COM_0A48 user at all (it needs only the key and a test user): it runs,
    // here to the missing destination, and makes no logon with the refused password.
    const test = (await ctx.api.post(`${ctx.base}/test`)).body;
    expect(test).toMatchObject({ outcome: 'failed', stepToFix: 20, message: expect.stringContaining('has no destination') });
    expect(await managementUser()).toMatchObject({ failedLogons: 1, locked: false });

    // Saving the password again clears the mark; the right one is accepted and S/4 resets its counter.
    expect((await savePassword(ctx.sandbox.s4.communicationManagement.password)).communicationManagement.refusedAt).toBeNull();
    expect((await plan()).blockers).toEqual([]);
    expect(await managementUser()).toMatchObject({ failedLogons: 0, locked: false });
  });

  it('when another server shares the store, then it makes no call with the refused password either', async () => {
    await savePassword(WRONG);
    await plan();
    expect((await managementUser()).failedLogons).toBe(1);
    const refusedAt = (await ctx.api.get(`${ctx.base}/credentials`)).body.communicationManagement.refusedAt as string;

    const other = await startTestServer(ctx.server.dataDir, { SANDBOX: 'off' });
    try {
      const api = apiClient(other.baseUrl);
      await api.signIn('demo-admin', DEMO_PASSWORD);
      expect((await api.post(`${ctx.base}/automation/plan`)).body.blockers).toEqual([expect.stringContaining(refusal(refusedAt))]);
      // This server runs no sandbox, so the sandbox connection has no test user here: not tested, and no S/4 logon.
      expect((await api.post(`${ctx.base}/test`)).body).toMatchObject({ outcome: 'not-tested', message: expect.stringContaining('add a test user') });
    } finally {
      await other.stop();
    }
    expect(await managementUser()).toMatchObject({ failedLogons: 1, locked: false });
  });

  it('when the credential is saved again, even unchanged, then the mark is cleared and the next operation tries exactly once more', async () => {
    await savePassword(WRONG);
    await plan();
    expect((await ctx.api.get(`${ctx.base}/credentials`)).body.communicationManagement.refusedAt).toEqual(expect.any(String));
    const status = await savePassword(WRONG);
    expect(status.communicationManagement.refusedAt).toBeNull();
    // A new save is a new attempt: exactly one more failed logon, then the mark again.
    await plan();
    expect(await managementUser()).toMatchObject({ failedLogons: 2, locked: false });
  });

  it('when the tenant locks at the first failure (PUT /sandbox/profile {"lockAfterFailedLogons":1}), then the product’s single failed logon locks it, and the product says it may be locked', async () => {
    await sandbox('PUT', '/profile', { lockAfterFailedLogons: 1 });
    await savePassword(WRONG);
    const first = await plan();
    expect(first.blockers.join(' ')).toMatch(/or the user is locked/);
    expect(first.blockers.join(' ')).toMatch(/Maintain Communication Users whether it is locked \(unlock it if so\)/);
    expect(await managementUser()).toMatchObject({ failedLogons: 1, locked: true });

    // Fixing only the password is not enough while S/4 keeps the user locked: one more refusal, named the same way.
    await savePassword(ctx.sandbox.s4.communicationManagement.password);
    expect((await plan()).blockers.join(' ')).toMatch(/or the user is locked/);
    expect(await managementUser()).toMatchObject({ failedLogons: 1, locked: true });

    // The admin unlocks it in S/4 and saves the password again: the product works.
    await sandbox('POST', '/actions/unlock-communication-management-user', {});
    await savePassword(ctx.sandbox.s4.communicationManagement.password);
    expect((await plan()).blockers).toEqual([]);
    expect(await managementUser()).toMatchObject({ failedLogons: 0, locked: false });
  });
});
