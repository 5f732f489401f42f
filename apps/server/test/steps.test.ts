import { STEP_CATALOGUE } from '@tcc/shared';
import { describe, expect, it } from 'vitest';
import { rsaCertificatePem, toBase64 } from '@tcc/testkit';
import { adminClient, createTenantWithConnection, LANDSCAPE, startTestServer, SUBACCOUNT_ID, useTestServer } from './support/test-server.js';

const ctx = useTestServer();

/** What an admin types at each step of the guided procedure, for my123456.s4hana.ondemand.com. */
const GUIDED_VALUES: Record<number, Record<string, string>> = {
  3: { communicationUserName: 'TASKCENTER_USER', communicationUserDescription: 'Task Center pull' },
  5: { systemId: 'TASKCENTER', systemName: 'SAP Task Center' },
  17: { arrangementName: 'SAP_COM_0501_TASKCENTER' },
  19: {
    clientId: 'TASKCENTER_USER',
    tokenServiceUrl: 'https://my123456-api.s4hana.ondemand.com/sap/bc/sec/oauth2/token',
    samlAudience: 'https://my123456.s4hana.ondemand.com',
  },
  20: { destinationName: 'S4HANACloud' },
};

async function uploadCertificate(base: string, version: number) {
  const pem = rsaCertificatePem({ cn: `cfapps.${LANDSCAPE}/${SUBACCOUNT_ID}` });
  return ctx.api.put(`${base}/trust-certificate`, { fileName: 'trust.pem', contentBase64: toBase64(pem), version });
}

describe('guided steps', () => {
  it('when every step is done in order, then the connection is complete and the destination is filled in', async () => {
    const { base, connection, tenantId } = await createTenantWithConnection(ctx.api);
    let version = (await uploadCertificate(base, connection.version)).body.version;
    for (const step of STEP_CATALOGUE.filter((s) => s.id !== 1)) {
      const answer = await ctx.api.put(`${base}/steps/${step.id}`, { status: 'done', values: GUIDED_VALUES[step.id] ?? {}, version });
      expect(answer.status, `step ${step.id}: ${JSON.stringify(answer.body)}`).toBe(200);
      version = answer.body.version;
    }
    const detail = (await ctx.api.get(base)).body;
    // Ticked, not proven: no test ran, so the connection is "set up, not tested", never green.
    expect(detail).toMatchObject({ state: 'set_up', progress: { finished: 19, total: 19 }, lastTest: null, attention: null });
    expect(detail.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    const destination = Object.fromEntries(detail.destination.map((p: { key: string; value: string | null }) => [p.key, p.value]));
    expect(destination).toEqual({
      Name: 'S4HANACloud',
      Type: 'HTTP',
      URL: 'https://my123456-api.s4hana.ondemand.com/',
      ProxyType: 'Internet',
      Authentication: 'OAuth2SAMLBearerAssertion',
      audience: 'https://my123456.s4hana.ondemand.com',
      authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509',
      clientKey: 'TASKCENTER_USER',
      tokenServiceURLType: 'Dedicated',
      tokenServiceURL: 'https://my123456-api.s4hana.ondemand.com/sap/bc/sec/oauth2/token',
      tokenServiceUser: 'TASKCENTER_USER',
      tokenServicePassword: null,
      'tc.enabled': 'true',
      'tc.provider_type': 'S/4HANACloud',
      userIdSource: 'user_uuid',
      'URL.queries.sap-client': '100',
    });
    const list = await ctx.api.get(`/api/tenants/${tenantId}/connections`);
    expect(list.body.items[0]).toMatchObject({ state: 'set_up', progress: { finished: 19, total: 19 }, certificateNotAfter: expect.any(String) });
    expect((await ctx.api.get(`/api/tenants/${tenantId}`)).body).toMatchObject({ workingCount: 0, attentionCount: 0 });
  });

  it('when a step is marked done before the steps it depends on, then it answers 409 naming them', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const answer = await ctx.api.put(`${base}/steps/9`, { status: 'done', version: 1 });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'STEP_DEPENDENCY_UNMET', message: expect.stringContaining('step 8 (Upload the signing certificate)') });
  });

  it('when step 1 is marked done without a certificate, then it says to upload one', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const answer = await ctx.api.put(`${base}/steps/1`, { status: 'done', version: 1 });
    expect(answer.status).toBe(409);
    expect(answer.body.error.message).toMatch(/Upload the trust certificate/);
  });

  it('when a value SAP would refuse is saved, then it answers 400 for that field and saved values stay', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    await ctx.api.put(`${base}/steps/4`, { status: 'done', version: 1 });
    const saved = await ctx.api.put(`${base}/steps/5`, { status: 'in_progress', values: { systemId: 'TASKCENTER' }, version: 2 });
    expect(saved.status).toBe(200);
    const bad = await ctx.api.put(`${base}/steps/5`, { status: 'done', values: { systemId: 'task center!', systemName: 'x'.repeat(81) }, version: 3 });
    expect(bad.status).toBe(400);
    const fields = Object.fromEntries(bad.body.error.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(fields.systemId).toMatch(/SAP does not accept this System ID\. Use upper-case letters/);
    expect(fields.systemName).toMatch(/at most 80/);
    const after = await ctx.api.get(base);
    expect(after.body.version).toBe(3);
    expect(after.body.steps.find((s: { stepId: number }) => s.stepId === 5)).toMatchObject({ status: 'in_progress', values: { systemId: 'TASKCENTER' } });
  });

  it('when values of another step or required values are missing, then it says which', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const foreign = await ctx.api.put(`${base}/steps/3`, { status: 'in_progress', values: { clientId: 'X' }, version: 1 });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0]).toMatchObject({ field: 'clientId', message: expect.stringMatching(/Step 3 has no field clientId/) });
    await ctx.api.put(`${base}/steps/2`, { status: 'done', version: 1 });
    const missing = await ctx.api.put(`${base}/steps/3`, { status: 'done', values: { communicationUserName: 'TC_USER' }, version: 2 });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ field: 'communicationUserDescription', message: expect.any(String) }]);
  });

  it('when the pasted Token Service URL or audience differ, then "done" answers 422 field by field', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    let version = 1;
    const values = { ...GUIDED_VALUES[19], tokenServiceUrl: 'https://my123456-api.s4hana.ondemand.com/sap/bc/sec/oauth2/tokn', samlAudience: 'https://my123456-api.s4hana.ondemand.com' };
    const draft = await ctx.api.put(`${base}/steps/19`, { status: 'in_progress', values, version });
    expect(draft.status).toBe(200);
    version = draft.body.version;
    const checks = Object.fromEntries(draft.body.checks.map((c: { field: string }) => [c.field, c]));
    expect(checks.tokenServiceUrl).toMatchObject({ ok: false, blocking: true, message: expect.stringMatching(/differs from position 63/) });
    expect(checks.samlAudience).toMatchObject({ ok: false, expected: 'https://my123456.s4hana.ondemand.com' });
    // Dependencies are skipped here so that only the value check can refuse "done".
    for (const step of STEP_CATALOGUE.filter((s) => s.id < 19)) {
      version = (await ctx.api.put(`${base}/steps/${step.id}`, { status: 'skipped', reason: 'done earlier by hand', version })).body.version;
    }
    const done = await ctx.api.put(`${base}/steps/19`, { status: 'done', values, version });
    expect(done.status).toBe(422);
    expect(done.body.error.code).toBe('VALUE_MISMATCH');
    expect(done.body.error.details.map((d: { field: string }) => d.field)).toEqual(['tokenServiceUrl', 'samlAudience']);
  });

  it('when a step is skipped or failed, then the reason is kept and a failure needs attention', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const skipped = await ctx.api.put(`${base}/steps/2`, { status: 'skipped', reason: 'App already open', version: 1 });
    expect(skipped.body.steps[1]).toMatchObject({ status: 'skipped', note: 'App already open' });
    const noReason = await ctx.api.put(`${base}/steps/4`, { status: 'skipped', version: 2 });
    expect(noReason.status).toBe(400);
    const failed = await ctx.api.put(`${base}/steps/4`, { status: 'failed', message: 'No authorization for the app', version: 2 });
    expect(failed.body).toMatchObject({ state: 'needs_attention', attention: { stepId: 4, message: 'No authorization for the app' } });
    const list = await ctx.api.get(base.replace(/\/connections\/.*/, '/connections'));
    expect(list.body.items[0]).toMatchObject({ state: 'needs_attention', attention: { stepId: 4, message: 'No authorization for the app' } });
    expect((await ctx.api.get(base.replace(/\/connections\/.*/, ''))).body).toMatchObject({ attentionCount: 1, workingCount: 0 });
  });

  it('when two tabs save the same connection, then the second gets 409 and the first one’s values stay', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    await ctx.api.put(`${base}/steps/4`, { status: 'done', version: 1 });
    const tabOne = await ctx.api.put(`${base}/steps/5`, { status: 'in_progress', values: { systemId: 'TAB_ONE' }, version: 2 });
    expect(tabOne.status).toBe(200);
    const tabTwo = await ctx.api.put(`${base}/steps/5`, { status: 'in_progress', values: { systemId: 'TAB_TWO' }, version: 2 });
    expect(tabTwo.status).toBe(409);
    expect(tabTwo.body.error.code).toBe('STALE_VERSION');
    expect((await ctx.api.get(base)).body.steps.find((s: { stepId: number }) => s.stepId === 5).values).toEqual({ systemId: 'TAB_ONE' });
  });

  it('when the step does not exist, then it answers 404 listing the steps', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    const answer = await ctx.api.put(`${base}/steps/11`, { status: 'done', version: 1 });
    expect(answer.status).toBe(404);
    expect(answer.body.error.message).toMatch(/1–10 and 12–20/);
  });
});

describe('progress survives a restart', () => {
  it('when the server restarts on the same data directory, then tenants, steps and the certificate are still there', async () => {
    const first = await startTestServer();
    const firstApi = await adminClient(first.baseUrl);
    const { base } = await createTenantWithConnection(firstApi, 'Restart Co');
    await firstApi.put(`${base}/steps/2`, { status: 'done', version: 1 });
    const pem = rsaCertificatePem({ cn: `cfapps.${LANDSCAPE}/${SUBACCOUNT_ID}` });
    await firstApi.put(`${base}/trust-certificate`, { fileName: 'trust.pem', contentBase64: toBase64(pem), version: 2 });
    await first.stop();

    const second = await startTestServer(first.dataDir);
    const detail = (await (await adminClient(second.baseUrl)).get(base)).body;
    await second.stop();
    expect(detail).toMatchObject({ version: 3, progress: { finished: 2 } });
    expect(detail.certificate.cn).toBe(`cfapps.${LANDSCAPE}/${SUBACCOUNT_ID}`);
  });
});

describe('a renewed trust certificate', () => {
  it('when a different certificate is uploaded after steps 8 and 9 were done, then both reopen with a note', async () => {
    const { base } = await createTenantWithConnection(ctx.api);
    let version = (await uploadCertificate(base, 1)).body.version;
    for (const id of [2, 3, 4, 5, 6, 7, 8, 9]) {
      const answer = await ctx.api.put(`${base}/steps/${id}`, { status: 'done', values: GUIDED_VALUES[id] ?? {}, version });
      version = answer.body.version;
    }
    const pem = rsaCertificatePem({ cn: `cfapps.${LANDSCAPE}/${SUBACCOUNT_ID}`, serial: '0ddba11' });
    const renewed = await ctx.api.put(`${base}/trust-certificate`, { fileName: 'renewed.pem', contentBase64: toBase64(pem), version });
    const steps = Object.fromEntries(renewed.body.steps.map((s: { stepId: number }) => [s.stepId, s]));
    expect(steps[8]).toMatchObject({ status: 'in_progress', note: expect.stringMatching(/trust certificate changed/) });
    expect(steps[9].status).toBe('in_progress');
    expect(steps[7].status).toBe('done');
  });
});
