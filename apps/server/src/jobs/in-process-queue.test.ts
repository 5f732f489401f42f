import { describe, expect, it } from 'vitest';
import { createInProcessQueue, retryDelayMs } from './in-process-queue.js';

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('the in-process job queue (SQLite)', () => {
  it('when a job throws, then it is retried up to its limit and then handed to its dead letter once', async () => {
    const queue = createInProcessQueue();
    const attempts: number[] = [];
    const dead: string[] = [];
    queue.work<{ id: string }>(
      'alert-delivery',
      async () => {
        attempts.push(attempts.length + 1);
        throw new Error('receiver down');
      },
      { retry: { limit: 2, delayMs: 5, backoff: true }, onGiveUp: async ({ id }) => void dead.push(id) },
    );
    await queue.start();
    await queue.send('alert-delivery', { id: 'd1' }, { singletonKey: 'd1', id: 'd1' });
    await until(() => dead.length > 0);
    expect(attempts).toEqual([1, 2, 3]);
    expect(dead).toEqual(['d1']);
    await queue.stop();
  });

  it('when a job with an id is sent again while it is queued or waiting for a retry, then it runs once; after it ended, a send runs it again', async () => {
    const queue = createInProcessQueue();
    let runs = 0;
    let failFirst = true;
    queue.work('alert-delivery', async () => {
      runs += 1;
      if (failFirst) {
        failFirst = false;
        throw new Error('again');
      }
    }, { retry: { limit: 3, delayMs: 200, backoff: false } });
    await queue.start();
    await queue.send('alert-delivery', {}, { singletonKey: 'd2', id: 'd2' });
    await queue.send('alert-delivery', {}, { singletonKey: 'd2', id: 'd2' });
    await until(() => runs === 1);
    // Waiting for its retry: still the same job.
    await queue.send('alert-delivery', {}, { singletonKey: 'd2', id: 'd2' });
    await until(() => runs === 2);
    await queue.idle();
    expect(runs).toBe(2);
    await queue.send('alert-delivery', {}, { singletonKey: 'd2', id: 'd2' });
    await queue.idle();
    expect(runs).toBe(3);
    await queue.stop();
  });

  it('when a retry\'s computed delay exceeds what a timer holds (2^31 ms), then it is capped: no resend within a second', async () => {
    const queue = createInProcessQueue();
    const runs = { capped: 0, uncapped: 0 };
    // ALERTS_RETRY_BASE_MS=3600000 doubled 10 times, capped at an hour; and a delay past 2^31 ms with no cap of its own.
    queue.work('alert-delivery', async () => {
      runs.capped += 1;
      throw new Error('receiver down');
    }, { retry: { limit: 20, delayMs: 3_600_000 * 2 ** 10, backoff: true, maxDelayMs: 3_600_000 } });
    queue.work('health-check', async () => {
      runs.uncapped += 1;
      throw new Error('SAP down');
    }, { retry: { limit: 20, delayMs: 2 ** 32, backoff: false } });
    await queue.start();
    await queue.send('alert-delivery', {}, { singletonKey: 'd3', id: 'd3' });
    await queue.send('health-check', {}, { singletonKey: 'c1' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(runs).toEqual({ capped: 1, uncapped: 1 });
    await queue.stop();
  });

  it('when a retry policy has maxDelayMs, then no retry waits longer, and none longer than a timer holds without it', () => {
    const hourly = { limit: 20, delayMs: 3_600_000, backoff: true, maxDelayMs: 3_600_000 };
    expect(Array.from({ length: 20 }, (_, attempt) => retryDelayMs(hourly, attempt))).toEqual(Array(20).fill(3_600_000));
    expect(retryDelayMs({ limit: 20, delayMs: 30_000, backoff: true, maxDelayMs: 3_600_000 }, 2)).toBe(120_000);
    expect(retryDelayMs({ limit: 20, delayMs: 3_600_000, backoff: true }, 19)).toBe(2 ** 31 - 1);
  });

  it('when jobs share a singleton key, then they run one after another', async () => {
    const queue = createInProcessQueue();
    const log: string[] = [];
    queue.work<{ n: number }>('assisted-setup', async ({ n }) => {
      log.push(`start ${n}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
      log.push(`end ${n}`);
    });
    await queue.start();
    await queue.send('assisted-setup', { n: 1 }, { singletonKey: 'connection' });
    await queue.send('assisted-setup', { n: 2 }, { singletonKey: 'connection' });
    await queue.idle();
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    await queue.stop();
  });
});
