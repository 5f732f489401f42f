import type { FaultSettings } from '@tcc/sandbox';
import { describe, expect, it } from 'vitest';
import { sandboxConnection, setupObjectCounts } from './support/sandbox-connection.js';

type Ctx = Awaited<ReturnType<typeof sandboxConnection>>;

const setFaults = (ctx: Ctx, faults: Partial<FaultSettings>) =>
  fetch(`${ctx.server.sandboxUrl}/sandbox/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
const calls = async (ctx: Ctx) => ((await (await fetch(`${ctx.server.sandboxUrl}/sandbox/stats`)).json()) as { calls: number }).calls;

async function run(ctx: Ctx, during?: () => Promise<void>) {
  await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: false });
  await during?.();
  for (;;) {
    const latest = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body;
    if (latest.status !== 'running') return latest;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.each(['lenient', 'strict'] as const)('assisted setup under injected faults (%s sandbox profile)', (profile) => {
  it.each<[string, Partial<FaultSettings>, ((ctx: Ctx) => Promise<void>) | undefined]>([
    ['latency and a 503 on the create of the communication user', { latencyMs: 20, failNextCalls: 1, errorStatus: 503, method: 'POST', pathPattern: 'CommunicationUsers$' }, undefined],
    ['a 429 burst on the create of the destination', { failNextCalls: 2, errorStatus: 429, retryAfterSeconds: 1, method: 'POST', pathPattern: 'subaccountDestinations$' }, undefined],
    ['429 bursts with Retry-After on the system calls', { failNextCalls: 2, errorStatus: 429, retryAfterSeconds: 1, pathPattern: 'CommunicationSystems' }, undefined],
    ['a hanging call when the inbound user is created', { hangNextCalls: 1, pathPattern: 'InboundUsers$' }, undefined],
    [
      'CSRF tokens expiring in the middle of the run',
      { latencyMs: 15 },
      async (ctx) => {
        const start = await calls(ctx);
        while ((await calls(ctx)) < start + 6) await new Promise((resolve) => setTimeout(resolve, 2));
        await fetch(`${ctx.server.sandboxUrl}/sandbox/actions/expire-csrf-tokens`, { method: 'POST' });
      },
    ],
  ])('when the run meets %s, then it completes with exactly one of each object', async (_label, faults, during) => {
    const ctx = await sandboxConnection({ SAP_CALL_TIMEOUT_MS: '1000', SANDBOX_PROFILE: profile });
    try {
      await setFaults(ctx, faults);
      const result = await run(ctx, during ? () => during(ctx) : undefined);
      expect(result.status, result.error).toBe(profile === 'strict' ? 'manual' : 'succeeded');
      // The fault reached the run: some call of it was answered with an error or timed out.
      expect(result.calls.some((c: { outcome: string }) => c.outcome !== 'ok'), JSON.stringify(result.calls)).toBe(true);
      expect(await setupObjectCounts(ctx.server, ctx.sandbox)).toEqual({ users: 1, systems: 1, inboundUsers: 1, arrangements: 1, destinations: 1 });
      // strict: step 8 stays open, the tenant keeps the signing certificate from the API (profile.ts)
      expect((await ctx.api.get(ctx.base)).body.progress).toEqual({ finished: profile === 'strict' ? 18 : 19, total: 19 });
    } finally {
      await ctx.server.stop();
    }
  }, 60_000);
});
