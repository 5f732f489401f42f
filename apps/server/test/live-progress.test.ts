import type { AutomationRun } from '@tcc/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionOf, readEventStream, type StreamEvent } from './support/event-stream.js';
import { sandboxConnection } from './support/sandbox-connection.js';

type Ctx = Awaited<ReturnType<typeof sandboxConnection>>;
let ctx: Ctx;

// Each SAP call takes 50 ms more, so every unit runs long enough to be seen running.
beforeAll(async () => {
  ctx = await sandboxConnection({ SANDBOX_FAULTS: JSON.stringify({ latencyMs: 50 }) });
});
afterAll(() => ctx.server.stop());

const FINAL_UNIT = ['done', 'failed', 'manual', 'skipped'];

/** Opens the run's event stream as the web app's EventSource does (session cookie; Last-Event-ID on a reconnect). */
function openStream(lastEventId?: string, signal?: AbortSignal) {
  return fetch(`${ctx.server.baseUrl}${ctx.base}/automation/runs/latest/events`, {
    headers: { cookie: ctx.api.session.cookie, accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
    signal,
  });
}

const runOf = (event: StreamEvent) => JSON.parse(event.data) as AutomationRun;

describe('live progress of assisted setup by server-sent events (in-process bus on SQLite, LISTEN/NOTIFY on PostgreSQL)', () => {
  const events: StreamEvent[] = [];
  let resumedFrom = '';
  let firstAfterResume: StreamEvent | undefined;

  it('when a run is followed, then every unit is seen running and then finished, ids grow, and the stream ends after the final state', async () => {
    const started = await ctx.api.post(`${ctx.base}/automation/runs`, { confirmChanges: false });
    expect(started.status, JSON.stringify(started.body)).toBe(201);

    // The first connection is dropped after a few events; the second resumes with Last-Event-ID, as a browser does.
    const first = new AbortController();
    const response = await openStream(undefined, first.signal);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toMatch(/no-cache/);
    expect(response.headers.get('cache-control')).toMatch(/no-transform/);
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('content-encoding')).toBeNull();
    for await (const event of readEventStream(response)) {
      events.push(event);
      if (events.length === 3) {
        first.abort();
        break;
      }
    }
    resumedFrom = events.at(-1)!.id!;
    const resumed = await openStream(resumedFrom);
    expect(resumed.status).toBe(200);
    for await (const event of readEventStream(resumed)) {
      firstAfterResume ??= event;
      events.push(event);
    }

    const final = (await ctx.api.get(`${ctx.base}/automation/runs/latest`)).body as AutomationRun;
    expect(final.status).not.toBe('running');
    expect(runOf(events[0]!).status).toBe('running');
    // The stream ended by itself after the final state, which is what the store holds.
    expect(runOf(events.at(-1)!)).toEqual(final);
    // Ids: one run, a sequence that only grows (the reconnect sent nothing the client had already seen).
    const positions = events.map(positionOf);
    expect(new Set(positions.map((p) => p.runId))).toEqual(new Set([final.id]));
    for (let i = 1; i < positions.length; i += 1) expect(positions[i]!.sequence, `event ${i}`).toBeGreaterThan(positions[i - 1]!.sequence);
    expect(positionOf(firstAfterResume!).sequence).toBeGreaterThan(positionOf(events[2]!).sequence);
    // Every unit not yet started when the stream opened was seen running, and then in its final status.
    const pendingAtFirst = runOf(events[0]!).units.filter((u) => u.status === 'pending').map((u) => u.unit);
    expect(pendingAtFirst.length).toBeGreaterThanOrEqual(3);
    for (const unit of final.units) {
      const seen = events.map((event) => runOf(event).units.find((u) => u.unit === unit.unit)!.status);
      expect(FINAL_UNIT).toContain(unit.status);
      expect(seen.at(-1), unit.unit).toBe(unit.status);
      if (!pendingAtFirst.includes(unit.unit)) continue;
      expect(seen, unit.unit).toContain('running');
      expect(seen.indexOf(unit.status), unit.unit).toBeGreaterThan(seen.indexOf('running'));
    }
  });

  it('when a client reconnects with an older Last-Event-ID after the run, then it gets the final state at once and the stream ends', async () => {
    const response = await openStream(events[0]!.id!);
    expect(response.status).toBe(200);
    const received: StreamEvent[] = [];
    for await (const event of readEventStream(response)) received.push(event);
    expect(received.map((e) => e.id)).toEqual([events.at(-1)!.id]);
    expect(runOf(received[0]!).status).not.toBe('running');
  });

  it('when a client already has the final state, then the answer is 204 (an EventSource stops reconnecting)', async () => {
    const response = await openStream(events.at(-1)!.id!);
    expect(response.status).toBe(204);
  });

  it('when a client connects without Last-Event-ID after the run, then it gets the final state and the stream ends', async () => {
    const response = await openStream();
    const received: StreamEvent[] = [];
    for await (const event of readEventStream(response)) received.push(event);
    expect(received.map((e) => e.id)).toEqual([events.at(-1)!.id]);
  });
});
