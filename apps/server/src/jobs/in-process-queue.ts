import pLimit from 'p-limit';
import type { JobName, JobOptions, JobQueue, RetryPolicy, WorkOptions } from './job-queue.js';

interface Kind {
  handler: (data: object) => Promise<void>;
  options: WorkOptions<object>;
  limit: <R>(work: () => Promise<R>) => Promise<R>;
}

/** The longest setTimeout delay: Node fires a longer one after 1 ms (and warns), which would resend at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The wait before retry `attempt + 1` (attempt 0 is the first run): doubled per retry with `backoff`, capped. */
export const retryDelayMs = (retry: RetryPolicy, attempt: number) =>
  Math.min(retry.backoff ? retry.delayMs * 2 ** attempt : retry.delayMs, retry.maxDelayMs ?? MAX_TIMER_MS, MAX_TIMER_MS);

/** Unlimited: a job kind without `concurrency` runs each job as it comes, as pg-boss jobs of different keys do. */
const unlimited = <R>(work: () => Promise<R>) => work();

/**
 * The embedded default: a job runs at once in this process, jobs with the same singleton key one after another, a
 * failed one again after its retry delay (exactly the delay, where pg-boss adds jitter), and its dead letter when no
 * retry is left. Nothing to recover across processes: SQLite has one, and what a crash cut is found again at the next
 * start (the runs marked interrupted, the alert outbox swept).
 */
export function createInProcessQueue(): JobQueue {
  const kinds = new Map<JobName, Kind>();
  const inFlight = new Set<Promise<void>>();
  const lastByKey = new Map<string, Promise<void>>();
  /** Ids of jobs queued, running or waiting for a retry: a second send of one is a no-op (JobOptions.id). */
  const known = new Set<string>();
  const retryTimers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const enqueue = (kind: Kind, data: object, { singletonKey, id }: JobOptions, attempt: number) => {
    const before = lastByKey.get(singletonKey) ?? Promise.resolve();
    const job: Promise<void> = before.then(async () => {
      if (stopped) return;
      try {
        await kind.limit(() => kind.handler(data));
      } catch {
        const retry = kind.options.retry;
        if (retry && attempt < retry.limit && !stopped) {
          const timer = setTimeout(() => {
            retryTimers.delete(timer);
            if (!stopped) enqueue(kind, data, { singletonKey, id }, attempt + 1);
          }, retryDelayMs(retry, attempt));
          timer.unref();
          retryTimers.add(timer);
          return;
        }
        if (!stopped) await kind.options.onGiveUp?.(data).catch(() => undefined);
      }
      if (id) known.delete(id);
    });
    lastByKey.set(singletonKey, job);
    inFlight.add(job);
    void job.finally(() => {
      inFlight.delete(job);
      if (lastByKey.get(singletonKey) === job) lastByKey.delete(singletonKey);
    });
  };

  return {
    durable: false,
    work(name, handler, options = {}) {
      kinds.set(name, {
        handler: handler as (data: object) => Promise<void>,
        options: options as WorkOptions<object>,
        limit: options.concurrency ? pLimit(options.concurrency) : unlimited,
      });
    },
    async send(name, data, options: JobOptions) {
      const kind = kinds.get(name);
      if (!kind) throw new Error(`No handler for job ${name}`);
      if (stopped) throw new Error('The job queue is stopped.');
      if (options.id) {
        if (known.has(options.id)) return;
        known.add(options.id);
      }
      if (!options.startAfterMs) return enqueue(kind, data, options, 0);
      const timer = setTimeout(() => {
        retryTimers.delete(timer);
        if (!stopped) enqueue(kind, data, options, 0);
      }, Math.min(options.startAfterMs, MAX_TIMER_MS));
      timer.unref();
      retryTimers.add(timer);
    },
    async start() {
      stopped = false;
    },
    async stop() {
      stopped = true;
      for (const timer of retryTimers) clearTimeout(timer);
      retryTimers.clear();
      known.clear();
      await Promise.allSettled([...inFlight]);
    },
    idle: () => Promise.allSettled([...inFlight]).then(() => undefined),
  };
}
