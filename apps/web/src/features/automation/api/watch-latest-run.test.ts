import type { AutomationRun } from '@tcc/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchLatestRun } from './watch-latest-run';

/** Just enough of the browser's EventSource to drive the handlers the way a browser does. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  onopen: (() => void) | null = null;
  onmessage: ((event: MessageEvent<string>) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  close() {
    this.closed = true;
  }
  message(data: unknown) {
    this.onmessage?.({ data: typeof data === 'string' ? data : JSON.stringify(data) } as MessageEvent<string>);
  }
}

const run = (status: AutomationRun['status']): AutomationRun => ({
  id: 'run-1',
  status,
  startedAt: '2026-11-29T10:00:00.000Z',
  finishedAt: status === 'running' ? null : '2026-11-29T10:01:00.000Z',
  startedBy: 'admin',
  units: [{ unit: 'trustCertificate', status: status === 'running' ? 'running' : 'done', message: null }],
  calls: [],
  error: null,
});

describe('watchLatestRun', () => {
  beforeEach(() => vi.stubGlobal('EventSource', FakeEventSource));
  afterEach(() => vi.unstubAllGlobals());

  function watch() {
    const runs: AutomationRun[] = [];
    const live: boolean[] = [];
    const close = watchLatestRun('t 1', 'c1', { onRun: (r) => runs.push(r), onLive: (l) => live.push(l) });
    return { runs, live, close, source: FakeEventSource.last! };
  }

  it('when the stream opens and brings states, then each goes to the query, and the final one closes the stream (no reconnect)', () => {
    const { runs, live, source } = watch();
    expect(source.url).toBe('/api/tenants/t%201/connections/c1/automation/runs/latest/events');
    source.onopen!();
    source.message(run('running'));
    source.message(run('succeeded'));
    expect(runs.map((r) => r.status)).toEqual(['running', 'succeeded']);
    expect(live).toEqual([true, false]);
    expect(source.closed).toBe(true);
  });

  it('when the connection breaks, then the stream counts as down (the query polls) until the browser has reconnected it', () => {
    const { live, source } = watch();
    source.onopen!();
    source.onerror!();
    expect(source.closed).toBe(false); // the browser retries, with Last-Event-ID
    source.onopen!();
    expect(live).toEqual([true, false, true]);
  });

  it('when an event is not a run, then the stream is closed and polling shows the run instead', () => {
    const { runs, live, source } = watch();
    source.onopen!();
    source.message('{"id":');
    expect(runs).toEqual([]);
    expect(live.at(-1)).toBe(false);
    expect(source.closed).toBe(true);
  });
});
