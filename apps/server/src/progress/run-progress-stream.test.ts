import type { AutomationRun } from '@tcc/shared';
import { describe, expect, it } from 'vitest';
import type { EventSink } from '../http/event-stream.js';
import { createLocalProgressBus } from './local-progress-bus.js';
import { runSequence, type ProgressBus } from './progress-bus.js';
import { createRunProgressService } from './run-progress-stream.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function runWith(status: AutomationRun['status'], units: AutomationRun['units'][number]['status'][]): AutomationRun {
  return {
    id: 'run-1',
    status,
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: status === 'running' ? null : '2026-11-29T10:01:00.000Z',
    startedBy: 'admin',
    units: units.map((s, i) => ({ unit: (['trustCertificate', 'communicationUser'] as const)[i]!, status: s, message: null })),
    calls: [],
    error: null,
  };
}

/** A bus that counts its subscribers, so a test sees the stream let go of its listener. */
function countingBus(): ProgressBus & { subscribers: () => number } {
  const bus = createLocalProgressBus();
  let count = 0;
  return {
    ...bus,
    subscribe(tenantId, connectionId, listener) {
      count += 1;
      const off = bus.subscribe(tenantId, connectionId, listener);
      return () => {
        count -= 1;
        off();
      };
    },
    subscribers: () => count,
  };
}

function sink() {
  const controller = new AbortController();
  const sent: { id: string; run: AutomationRun }[] = [];
  const comments: string[] = [];
  const value: EventSink = { send: (id, data) => sent.push({ id, run: JSON.parse(data) }), comment: (text) => comments.push(text), signal: controller.signal };
  return { value, sent, comments, abort: () => controller.abort() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('run progress stream', () => {
  it('when a run moves on, then each saved state is sent once, in order, and the stream ends after the final one without its listener', async () => {
    let stored = runWith('running', ['running', 'pending']);
    const bus = countingBus();
    const service = createRunProgressService({ store: { latestRun: async () => stored }, bus, logger: silent });
    const out = sink();
    const answer = await service.watchLatest('t', 'c', undefined);
    const streaming = answer!.stream(out.value);
    await tick();
    expect(out.sent.map((e) => e.id)).toEqual([`run-1:${runSequence(stored)}`]);
    expect(bus.subscribers()).toBe(1);

    stored = runWith('running', ['done', 'running']);
    await bus.publish({ tenantId: 't', connectionId: 'c', runId: 'run-1', sequence: 0 });
    // An event for another connection reads nothing.
    await bus.publish({ tenantId: 't', connectionId: 'other', runId: 'run-2', sequence: 9 });
    await tick();
    stored = runWith('succeeded', ['done', 'done']);
    await bus.publish({ tenantId: 't', connectionId: 'c', runId: 'run-1', sequence: 0 });
    await streaming;
    expect(out.sent.map((e) => e.run.units.map((u) => u.status).join(','))).toEqual(['running,pending', 'done,running', 'done,done']);
    expect(out.sent.at(-1)!.run.status).toBe('succeeded');
    expect(bus.subscribers()).toBe(0);
  });

  it('when the client goes away, then the stream ends and lets go of its listener', async () => {
    const bus = countingBus();
    const service = createRunProgressService({ store: { latestRun: async () => runWith('running', ['running', 'pending']) }, bus, logger: silent });
    const out = sink();
    const streaming = (await service.watchLatest('t', 'c', undefined))!.stream(out.value);
    await tick();
    expect(bus.subscribers()).toBe(1);
    out.abort();
    await streaming;
    expect(bus.subscribers()).toBe(0);
  });

  it('when no event comes, then a heartbeat comment goes out and the store is read again (a missed event is caught up)', async () => {
    let stored = runWith('running', ['running', 'pending']);
    const service = createRunProgressService({ store: { latestRun: async () => stored }, bus: createLocalProgressBus(), logger: silent, heartbeatMs: 20 });
    const out = sink();
    const streaming = (await service.watchLatest('t', 'c', undefined))!.stream(out.value);
    await tick();
    stored = runWith('failed', ['failed', 'skipped']); // saved, but its event was lost
    await streaming;
    expect(out.comments).toContain('heartbeat');
    expect(out.sent.at(-1)!.run.status).toBe('failed');
  });

  it('when Last-Event-ID is the running state the store still holds, then nothing is sent again until it changes', async () => {
    const stored = runWith('running', ['running', 'pending']);
    const service = createRunProgressService({ store: { latestRun: async () => stored }, bus: createLocalProgressBus(), logger: silent });
    const out = sink();
    const streaming = (await service.watchLatest('t', 'c', `run-1:${runSequence(stored)}`))!.stream(out.value);
    await tick();
    expect(out.sent).toEqual([]);
    out.abort();
    await streaming;
  });

  it('when Last-Event-ID is already the final state, then there is nothing to stream (204), and a malformed one counts as none', async () => {
    const stored = runWith('succeeded', ['done', 'done']);
    const service = createRunProgressService({ store: { latestRun: async () => stored }, bus: createLocalProgressBus(), logger: silent });
    expect(await service.watchLatest('t', 'c', `run-1:${runSequence(stored)}`)).toBeNull();
    expect(await service.watchLatest('t', 'c', 'garbage')).not.toBeNull();
    await expect(createRunProgressService({ store: { latestRun: async () => undefined }, bus: createLocalProgressBus(), logger: silent }).watchLatest('t', 'c', undefined)).rejects.toThrow(/has not run/);
  });
});
