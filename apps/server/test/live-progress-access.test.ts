import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventStream } from './support/event-stream.js';
import { sandboxConnection } from './support/sandbox-connection.js';
import { apiClient, type ApiClient } from './support/test-server.js';

type Ctx = Awaited<ReturnType<typeof sandboxConnection>>;
let ctx: Ctx;
let tenantBase = '';
const PASSWORD = 'stream-viewer-password-1';

/**
 * An open live-progress stream is authorized when it opens and again every STREAM_RECHECK_SECONDS while it runs: a
 * viewer whose membership is removed, or who signs out, stops receiving a run's progress at once, not when the run ends.
 */
beforeAll(async () => {
  // 400 ms per SAP call: the run goes on for seconds after the access is gone.
  ctx = await sandboxConnection({ SANDBOX_FAULTS: JSON.stringify({ latencyMs: 400 }), STREAM_RECHECK_SECONDS: '0.2' });
  tenantBase = ctx.base.replace(/\/connections\/.*$/, '');
});
afterAll(() => ctx.server.stop());

async function viewer(name: string): Promise<{ api: ApiClient; id: string }> {
  const created = await ctx.api.post('/api/users', { username: name, displayName: name, password: PASSWORD });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await ctx.api.put(`${tenantBase}/members/${created.body.id}`, { role: 'viewer' })).status).toBeLessThan(300);
  const api = apiClient(ctx.server.baseUrl);
  await api.signIn(name, PASSWORD);
  return { api, id: created.body.id };
}

/** Follows the stream until it ends; answers whether the run was still running then, and how many events came. */
async function followUntilEnd(api: ApiClient, onFirstEvent: () => Promise<void>) {
  const response = await fetch(`${ctx.server.baseUrl}${ctx.base}/automation/runs/latest/events`, { headers: { cookie: api.session.cookie } });
  expect(response.status).toBe(200);
  let events = 0;
  for await (const _event of readEventStream(response)) {
    events += 1;
    if (events === 1) await onFirstEvent();
  }
  const run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body;
  return { events, runningAtEnd: run.status === 'running' };
}

async function waitForRunEnd() {
  for (let run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body; run.status === 'running'; run = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('live-progress streams re-check access while open', () => {
  it('when a viewer following a run is removed from the tenant, then the stream ends while the run goes on, and a reconnect is refused', async () => {
    const { api, id } = await viewer('stream-viewer-removed');
    expect((await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: true })).status).toBe(201);
    const { runningAtEnd } = await followUntilEnd(api, async () => {
      expect((await ctx.api.delete(`${tenantBase}/members/${id}`)).status).toBe(204);
    });
    expect(runningAtEnd, 'the stream ended before the run did').toBe(true);
    const again = await fetch(`${ctx.server.baseUrl}${ctx.base}/automation/runs/latest/events`, { headers: { cookie: api.session.cookie } });
    expect(again.status).toBe(404);
    await waitForRunEnd();
  }, 60_000);

  it('when a viewer following a run signs out elsewhere, then the stream ends while the run goes on', async () => {
    const { api } = await viewer('stream-viewer-signed-out');
    // A second run: the first has set everything up; this one reads and adopts, still for seconds.
    expect((await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: true })).status).toBe(201);
    const { runningAtEnd } = await followUntilEnd(api, async () => {
      expect((await api.post('/api/auth/sign-out', {})).status).toBe(204);
    });
    expect(runningAtEnd, 'the stream ended before the run did').toBe(true);
    await waitForRunEnd();
  }, 60_000);

  it('when the viewer keeps access, then the stream runs to the run\'s final state', async () => {
    const { api } = await viewer('stream-viewer-kept');
    expect((await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: true })).status).toBe(201);
    const { events, runningAtEnd } = await followUntilEnd(api, async () => {});
    expect(runningAtEnd).toBe(false);
    expect(events).toBeGreaterThan(1);
  }, 60_000);
});
