import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { runToEnd } from './support/field-run.js';
import { alertedConnection, HOOK_HOST } from './support/alerted-connection.js';
import { apiClient } from './support/test-server.js';
import { signatureValid, waitFor } from './support/webhook-receiver.js';

/**
 * Issue 10, Done-when "Alerts" over webhooks: signed, exactly one alert per transition over 100 checks of a broken
 * connection and one on recovery, retried after 5xx, and refusals of unusable URLs — through the product's API, the
 * sandbox's control endpoints and a real HTTP receiver (reached through the test-only ALERTS_WEBHOOK_TEST_HOSTS).
 */
let ctx: Awaited<ReturnType<typeof alertedConnection>>['ctx'];
let receiver: Awaited<ReturnType<typeof alertedConnection>>['receiver'];
let alertsBase: string;
let close: () => Promise<void>;
let secret: string;
let channelId: string;

const check = async () => {
  const answer = await ctx.api.post(`${ctx.base}/health/check`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};
const action = (name: string, body: object = {}) => fetch(`${ctx.server.sandboxUrl}/sandbox/actions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const deliveries = async () => (await ctx.api.get(`${alertsBase}/deliveries?pageSize=200`)).body;
const settled = async () => waitFor(deliveries, (page) => page.items.every((d: { status: string; digest: boolean }) => d.digest || d.status !== 'pending'));
const ofEvent = (event: string) => receiver.received.filter((r) => r.body?.event === event);

beforeAll(async () => {
  ({ ctx, receiver, alertsBase, close } = await alertedConnection({ ALERTS_RETRY_BASE_MS: '100' }));
}, 60_000);
afterAll(() => close());

describe('webhook alerts', () => {
  it('when an unusable webhook URL or e-mail channel is sent, then it is refused with what to do and nothing is stored', async () => {
    const refused: [object, RegExp][] = [
      [{ url: 'http://hooks.example.com/tcc' }, /https:\/\/ only/],
      [{ url: 'https://127.0.0.1/tcc' }, /IP address.*public/],
      [{ url: 'https://10.1.2.3/tcc' }, /IP address/],
      [{ url: 'https://[::1]/tcc' }, /IP address/],
      [{ url: 'https://169.254.169.254/latest' }, /IP address/],
      [{ url: 'https://localhost/tcc' }, /public https:\/\/ host name/],
      [{ url: 'https://hooks.example.com:8443/tcc' }, /port 443/],
      [{ url: 'not a url' }, /https:\/\//],
    ];
    for (const [body, message] of refused) {
      const answer = await ctx.api.post(`${alertsBase}/channels`, { kind: 'webhook', name: 'Ops', ...body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.message).toMatch(message);
    }
    const badMail = await ctx.api.post(`${alertsBase}/channels`, { kind: 'email', name: 'Ops', recipients: ['not-an-address'] });
    expect(badMail.status).toBe(400);
    expect(JSON.stringify(badMail.body)).toMatch(/ops@example\.com/);
    // No SMTP server configured on this server: an e-mail channel says which environment to set.
    const noSmtp = await ctx.api.post(`${alertsBase}/channels`, { kind: 'email', name: 'Ops', recipients: ['ops@example.com'] });
    expect(noSmtp.status).toBe(400);
    expect(noSmtp.body.error.message).toMatch(/SMTP_URL.*SMTP_FROM/);
    expect((await ctx.api.get(`${alertsBase}/channels`)).body.items).toEqual([]);
  });

  it('when a webhook channel is added, then its generated secret is shown once, stored write-only, and the change is audited', async () => {
    const created = await ctx.api.post(`${alertsBase}/channels`, { kind: 'webhook', name: 'Ops webhook', url: `https://${HOOK_HOST}/tcc` });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ kind: 'webhook', url: `https://${HOOK_HOST}/tcc`, secretSet: true, digest: false, enabled: true });
    secret = created.body.secret;
    channelId = created.body.id;
    expect(secret).toMatch(/^whsec_.{40,}$/);
    // A daily-digest channel with a secret of the admin's own: stored, never shown back.
    const digest = await ctx.api.post(`${alertsBase}/channels`, { kind: 'webhook', name: 'Daily digest', url: `https://${HOOK_HOST}/digest`, secret: 'my-own-signing-secret-0123456789', digest: true });
    expect(digest.status).toBe(201);
    expect(digest.body).toMatchObject({ digest: true, secretSet: true, secret: null });
    const listed = await ctx.api.get(`${alertsBase}/channels`);
    expect(listed.body.items).toHaveLength(2);
    expect(JSON.stringify(listed.body)).not.toContain('my-own-signing-secret');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const audit = await ctx.api.get(`${alertsBase.replace('/alerts', '')}/audit?pageSize=100`);
    expect(audit.body.items[0]).toMatchObject({ action: 'createAlertChannel', object: 'alert channels', result: 'ok', actor: 'demo-admin' });
    expect(JSON.stringify(audit.body)).not.toContain(secret);
  });

  it('when Send test alert is used, then the receiver gets a signed test alert with a delivery id', async () => {
    const answer = await ctx.api.post(`${alertsBase}/channels/${channelId}/test`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ status: 'delivered', lastError: null });
    const [test] = ofEvent('test');
    expect(test).toBeDefined();
    expect(signatureValid(secret, test!.raw, test!.headers['x-tcc-signature'] as string)).toBe(true);
    expect(signatureValid('wrong-secret-wrong-secret', test!.raw, test!.headers['x-tcc-signature'] as string)).toBe(false);
    expect(test!.headers['x-tcc-delivery']).toBe(answer.body.deliveryId);
    expect(test!.headers['x-tcc-timestamp']).toBe(test!.body.sentAt);
  });

  it('when a connection is broken for 100 checks, then exactly one "broken" alert is sent, and one "recovered" after the repair', async () => {
    await action('delete-arrangement');
    for (let i = 0; i < 100; i += 1) await check();
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const broken = ofEvent('broken');
    expect(broken).toHaveLength(1);
    expect(signatureValid(secret, broken[0]!.raw, broken[0]!.headers['x-tcc-signature'] as string)).toBe(true);
    expect(broken[0]!.body).toMatchObject({
      event: 'broken',
      state: 'broken',
      previousState: 'healthy',
      connection: { id: ctx.base.split('/').pop() },
      findings: [expect.objectContaining({ code: 'ARRANGEMENT_MISSING', stepId: 17 })],
    });
    expect(broken[0]!.headers['x-tcc-delivery']).toBe(broken[0]!.body.deliveryId);

    expect((await runToEnd(ctx, true)).status).toBe('succeeded');
    for (let i = 0; i < 5; i += 1) expect((await check()).state).toBe('healthy');
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ofEvent('recovered')).toHaveLength(1);
    expect(ofEvent('recovered')[0]!.body).toMatchObject({ state: 'healthy', previousState: 'broken' });
    expect(ofEvent('broken')).toHaveLength(1);
    // The digest channel got no immediate alert: its two alerts wait for the digest at the next midnight (UTC).
    expect(receiver.received.filter((r) => r.url === '/digest')).toEqual([]);
    expect(receiver.received.every((r) => r.headers.host === HOOK_HOST)).toBe(true);
    const waiting = (await deliveries()).items.filter((d: { digest: boolean }) => d.digest);
    expect(waiting.map((d: { event: string; status: string }) => [d.event, d.status])).toEqual([['recovered', 'pending'], ['broken', 'pending']]);
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(waiting[0].nextAttemptAt).toBe(midnight.toISOString());
  }, 120_000);

  it('when the receiver answers 503 twice, then the alert is retried and delivered once, as the delivery log shows', async () => {
    receiver.answers.push(503, 503);
    await action('delete-arrangement');
    await check();
    await waitFor(() => ofEvent('broken').filter((r) => r.answered === 200), (list) => list.length === 1);
    await settled();
    const attempts = ofEvent('broken').slice(1);
    expect(attempts.map((r) => r.answered)).toEqual([503, 503, 200]);
    expect(new Set(attempts.map((r) => r.headers['x-tcc-delivery'])).size).toBe(1);
    const log = (await deliveries()).items.find((d: { id: string }) => d.id === attempts[0]!.headers['x-tcc-delivery']);
    expect(log).toMatchObject({ event: 'broken', status: 'delivered', attempts: 3, lastStatusCode: 200, channelName: 'Ops webhook' });
    // An operator may read the log, but not change channels.
    const operator = apiClient(ctx.server.baseUrl);
    await operator.signIn('demo-operator', DEMO_PASSWORD);
    expect((await operator.get(`${alertsBase}/deliveries`)).status).toBe(200);
    expect((await operator.post(`${alertsBase}/channels`, { kind: 'webhook', name: 'x', url: `https://${HOOK_HOST}/x` })).status).toBe(403);
    expect((await runToEnd(ctx, true)).status).toBe('succeeded');
  }, 60_000);
  it('when the certificate comes within 30 and then 7 days of expiry, then one "warning" and one "certificate-expiry" alert are sent, and one "recovered" after renewal', async () => {
    const before = receiver.received.length;
    await action('renew-trust-certificate', { validDays: 20 });
    expect((await runToEnd(ctx, true)).status).toBe('succeeded');
    for (let i = 0; i < 3; i += 1) expect((await check()).state).toBe('warning');
    await action('renew-trust-certificate', { validDays: 5 });
    expect((await runToEnd(ctx, true)).status).toBe('succeeded');
    for (let i = 0; i < 3; i += 1) expect((await check()).state).toBe('warning');
    await action('renew-trust-certificate');
    expect((await runToEnd(ctx, true)).status).toBe('succeeded');
    expect((await check()).state).toBe('healthy');
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const sent = receiver.received.slice(before).filter((r) => r.url === '/tcc');
    expect(sent.map((r) => [r.body.event, r.body.certificateDaysLeft])).toEqual([['warning', 19], ['certificate-expiry', 4], ['recovered', expect.any(Number)]]);
    expect(sent[0]!.body.findings).toEqual([expect.objectContaining({ code: 'TRUST_EXPIRES_SOON', stepId: 1 })]);
  }, 120_000);

  it('when a channel is renamed, its secret rotated, disabled and deleted, then the new secret is shown once and signs, and a deleted channel is gone', async () => {
    const rotated = await ctx.api.patch(`${alertsBase}/channels/${channelId}`, { name: 'Ops hook', rotateSecret: true });
    expect(rotated.status, JSON.stringify(rotated.body)).toBe(200);
    expect(rotated.body).toMatchObject({ name: 'Ops hook', secretSet: true });
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    const tested = await ctx.api.post(`${alertsBase}/channels/${channelId}/test`);
    const last = receiver.received.at(-1)!;
    expect(last.headers['x-tcc-delivery']).toBe(tested.body.deliveryId);
    expect(signatureValid(rotated.body.secret, last.raw, last.headers['x-tcc-signature'] as string)).toBe(true);
    expect(signatureValid(secret, last.raw, last.headers['x-tcc-signature'] as string)).toBe(false);
    // A refused URL change leaves the channel as it was.
    expect((await ctx.api.patch(`${alertsBase}/channels/${channelId}`, { url: 'https://192.168.1.10/hook' })).status).toBe(400);
    expect((await ctx.api.get(`${alertsBase}/channels`)).body.items.find((c: { id: string }) => c.id === channelId).url).toBe(`https://${HOOK_HOST}/tcc`);
    expect((await ctx.api.patch(`${alertsBase}/channels/${channelId}`, { enabled: false })).body).toMatchObject({ enabled: false, secret: null });
    expect((await ctx.api.delete(`${alertsBase}/channels/${channelId}`)).status).toBe(204);
    expect((await ctx.api.delete(`${alertsBase}/channels/${channelId}`)).status).toBe(404);
    expect((await ctx.api.get(`${alertsBase}/channels`)).body.items.map((c: { name: string }) => c.name)).toEqual(['Daily digest']);
  });
});
