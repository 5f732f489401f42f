import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldState, runToEnd, uploadSigningCertificateByHand } from './support/field-run.js';
import { s4Call, sandboxConnection } from './support/sandbox-connection.js';

/**
 * Done when (issue "Field-ready"): from an empty sandbox tenant, in the strict profile (every undocumented choice the
 * hardest way) and the lenient one, assisted setup makes an OAuth 2.0 SAML-bearer inbound user, the destination's
 * clientKey is the client ID S/4 holds — the one its token endpoint accepts — and Test connection succeeds, after the
 * named manual step where the tenant keeps step 8 from the API.
 */
for (const profile of ['strict', 'lenient'] as const) {
  describe(`assisted setup against the ${profile} sandbox profile`, () => {
    let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
    beforeAll(async () => {
      ctx = await sandboxConnection({ SANDBOX_PROFILE: profile });
    });
    afterAll(() => ctx.server.stop());

    it('when set up automatically from an empty tenant, then the inbound user is an OAuth 2.0 SAML-bearer client whose ID is the clientKey, and the connection test succeeds', async () => {
      const run = await runToEnd(ctx);
      // strict: the run leaves step 8 to the admin and says so (status manual), it does not claim success.
      expect(run.status, JSON.stringify(run)).toBe(profile === 'strict' ? 'manual' : 'succeeded');
      const { user, entries, destination } = await fieldState(ctx);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ AuthenticationMethod: 'oauth2', OAuth2GrantType: 'saml2-bearer' });
      expect(destination.clientKey).toBe(entries[0].OAuth2ClientID);
      // strict: S/4 derives CC… and refuses the rename; lenient: the user name from the start.
      expect(destination.clientKey).toBe(profile === 'strict' ? user.ID : 'TASK_CENTER_USER');
      expect(destination.tokenServiceUser).toBe('TASK_CENTER_USER');

      const manual = run.units.filter((u: { status: string }) => u.status === 'manual');
      if (profile === 'strict') {
        // The tenant does not let the API write the signing certificate: the run names step 8 and claims no success.
        expect(manual).toEqual([expect.objectContaining({ unit: 'communicationSystem', message: expect.stringMatching(/Step 8/) })]);
        const step8 = (await ctx.api.get(ctx.base)).body.steps.find((s: { stepId: number }) => s.stepId === 8);
        expect(step8).toMatchObject({ status: 'in_progress', note: expect.stringMatching(/Upload Signing Certificate/) });
        const before = (await ctx.api.post(`${ctx.base}/test`)).body;
        expect(before.outcome).toBe('failed');
        const step = await uploadSigningCertificateByHand(ctx);
        const verified = (await ctx.api.post(`${ctx.base}/steps/${step}/verify`)).body;
        expect(verified.verified, JSON.stringify(verified)).toBe(true);
      } else {
        expect(manual).toEqual([]);
      }
      const test = (await ctx.api.post(`${ctx.base}/test`)).body;
      expect(test, JSON.stringify(test)).toMatchObject({ outcome: 'succeeded' });
    });

    it('when the run is repeated, then nothing new is made in S/4 and the test still succeeds', async () => {
      const run = await runToEnd(ctx);
      expect(run.status).toBe('succeeded');
      expect((await fieldState(ctx)).entries).toHaveLength(1);
      expect((await ctx.api.post(`${ctx.base}/test`)).body.outcome).toBe('succeeded');
    });
  });
}

describe('SAP_COM_0501 on a system that is not inbound-only (sap-field-facts.md row 6)', () => {
  let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
  beforeAll(async () => {
    ctx = await sandboxConnection({ SANDBOX_PROFILE: 'strict' });
  });
  afterAll(() => ctx.server.stop());

  it('when the tenant wants an outbound user for it, then the run stops with SAP’s message id and what to do in S/4', async () => {
    // The admin's own system of that ID, made without "Inbound Only"; assisted setup adopts it (after confirmation).
    const made = await s4Call(ctx.server, ctx.sandbox, 'POST', 'systems', '/CommunicationSystems', { ID: 'TASK_CENTER', Name: 'SAP Task Center', IsInboundOnly: false });
    expect(made.status).toBe(201);
    const run = await runToEnd(ctx, true);
    expect(run.status).toBe('failed');
    const arrangement = run.units.find((u: { unit: string }) => u.unit === 'arrangement');
    expect(arrangement.status).toBe('failed');
    expect(arrangement.message).toMatch(/No suitable outbound user.*\(CM_APS_CA\/027\).*To fix it in S\/4HANA: mark the communication system TASK_CENTER Inbound Only/);
  });
});

describe('an OAuth 2.0 client that already exists under another ID (sap-field-facts.md row 2)', () => {
  let ctx: Awaited<ReturnType<typeof sandboxConnection>>;
  beforeAll(async () => {
    ctx = await sandboxConnection({ SANDBOX_PROFILE: 'evidence' });
  });
  afterAll(() => ctx.server.stop());

  it('when its client ID is not the one the destination carries, then the plan asks to rename it and the run renames it only after confirmation', async () => {
    expect((await runToEnd(ctx)).status).toBe('succeeded');
    const { user, entries } = await fieldState(ctx);
    // Someone (another tool, an earlier setup) gave the client its internal ID back.
    expect((await s4Call(ctx.server, ctx.sandbox, 'PATCH', 'systems', `/InboundUsers(${entries[0].UUID})`, { OAuth2ClientID: user.ID })).status).toBe(200);

    const plan = (await ctx.api.post(`${ctx.base}/automation/plan`)).body;
    const unit = plan.units.find((u: { unit: string }) => u.unit === 'inboundUser');
    expect(unit).toMatchObject({ action: 'update', diff: [{ field: 'OAuth2ClientID', current: user.ID, desired: 'TASK_CENTER_USER' }] });
    expect(plan.needsConfirmation).toBe(true);

    const refused = await runToEnd(ctx, false);
    expect(refused.status).toBe('failed');
    expect(refused.units.find((u: { unit: string }) => u.unit === 'inboundUser').message).toMatch(/renaming it to TASK_CENTER_USER could break what uses it/);
    expect((await fieldState(ctx)).entries[0].OAuth2ClientID).toBe(user.ID);

    expect((await runToEnd(ctx, true)).status).toBe('succeeded');
    expect((await fieldState(ctx)).entries[0].OAuth2ClientID).toBe('TASK_CENTER_USER');
    expect((await ctx.api.post(`${ctx.base}/test`)).body.outcome).toBe('succeeded');
  });
});
