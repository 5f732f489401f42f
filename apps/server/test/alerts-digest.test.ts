import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/auth/bootstrap-users.js';
import { alertedConnection, HOOK_HOST } from './support/alerted-connection.js';
import { runToEnd } from './support/field-run.js';
import { signatureValid, waitFor } from './support/webhook-receiver.js';

/**
 * Issue 10, "a daily digest option": a digest channel gets nothing when a transition happens, and one signed message
 * with the day's transitions at the next midnight UTC — the server's clock is moved there (composeApp's test clock),
 * while the immediate channel beside it got each alert at once.
 */
const DIGEST_SECRET = 'digest-signing-secret-0123456789';
let fixture: Awaited<ReturnType<typeof alertedConnection>>;
let offsetMs = 0;
const ctx = () => fixture.ctx;
const check = () => fixture.check();
const action = (name: string) => fetch(`${ctx().server.sandboxUrl}/sandbox/actions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
const at = (path: string) => fixture.receiver.received.filter((r) => r.url === path);

beforeAll(async () => {
  fixture = await alertedConnection({ HEALTH_HISTORY_DAYS: '2' }, { clock: () => new Date(Date.now() + offsetMs) });
}, 60_000);
afterAll(() => fixture.close());

describe('daily digest', () => {
  it('when a connection breaks and recovers, then the digest channel gets one signed digest with both at midnight UTC, the immediate one two alerts at once', async () => {
    expect((await ctx().api.post(`${fixture.alertsBase}/channels`, { kind: 'webhook', name: 'Now', url: `https://${HOOK_HOST}/now` })).status).toBe(201);
    const digest = await ctx().api.post(`${fixture.alertsBase}/channels`, { kind: 'webhook', name: 'Daily', url: `https://${HOOK_HOST}/daily`, secret: DIGEST_SECRET, digest: true });
    expect(digest.status).toBe(201);

    await action('delete-arrangement');
    expect((await check()).state).toBe('broken');
    expect((await runToEnd(ctx(), true)).status).toBe('succeeded');
    expect((await check()).state).toBe('healthy');

    await waitFor(() => at('/now').length, (n) => n === 2);
    expect(at('/now').map((r) => r.body.event)).toEqual(['broken', 'recovered']);
    // Several polls later, still nothing for the digest: it is due at midnight UTC.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(at('/daily')).toEqual([]);
    const pending = (await ctx().api.get(`${fixture.alertsBase}/deliveries?pageSize=50`)).body.items.filter((d: { digest: boolean }) => d.digest);
    expect(pending.map((d: { status: string }) => d.status)).toEqual(['pending', 'pending']);

    // Midnight UTC comes (and a minute more).
    const now = new Date();
    offsetMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 1) - now.getTime();
    const [sent] = await waitFor(() => at('/daily'), (r) => r.length > 0);
    expect(sent!.body).toMatchObject({ event: 'digest', alerts: [expect.objectContaining({ event: 'broken' }), expect.objectContaining({ event: 'recovered' })] });
    expect(signatureValid(DIGEST_SECRET, sent!.raw, sent!.headers['x-tcc-signature'] as string)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(at('/daily')).toHaveLength(1);
    expect(at('/now')).toHaveLength(2);

    // The session is older than a day on the server's clock now: sign in again to read the log.
    await ctx().api.signIn('demo-admin', DEMO_PASSWORD);
    const log = (await ctx().api.get(`${fixture.alertsBase}/deliveries?pageSize=50`)).body.items.filter((d: { digest: boolean }) => d.digest);
    expect(log.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
  });

  it('when the alerts are older than HEALTH_HISTORY_DAYS (2 here), then they and their delivery log are pruned', async () => {
    expect((await ctx().api.get(`${fixture.alertsBase}/deliveries?pageSize=50`)).body.total).toBeGreaterThan(0);
    offsetMs += 3 * 86_400_000;
    await ctx().api.signIn('demo-admin', DEMO_PASSWORD);
    await waitFor(async () => (await ctx().api.get(`${fixture.alertsBase}/deliveries?pageSize=50`)).body.total, (total) => total === 0);
    // The channels stay; only the log of ended deliveries goes.
    expect((await ctx().api.get(`${fixture.alertsBase}/channels`)).body.items).toHaveLength(2);
  });
});
