import type { JobName, JobOptions, JobQueue } from './job-queue.js';

/**
 * The embedded default: a job runs at once in this process, jobs with the same singleton key one after another.
 * Nothing to recover across processes: SQLite has one.
 */
export function createInProcessQueue(): JobQueue {
  const handlers = new Map<JobName, (data: object) => Promise<void>>();
  const inFlight = new Set<Promise<void>>();
  const lastByKey = new Map<string, Promise<void>>();
  let stopped = false;

  return {
    durable: false,
    work(name, handler) {
      handlers.set(name, handler as (data: object) => Promise<void>);
    },
    async send(name, data, { singletonKey }: JobOptions) {
      const handler = handlers.get(name);
      if (!handler) throw new Error(`No handler for job ${name}`);
      if (stopped) throw new Error('The job queue is stopped.');
      const before = lastByKey.get(singletonKey) ?? Promise.resolve();
      const job: Promise<void> = before.then(() => handler(data)).catch(() => undefined);
      lastByKey.set(singletonKey, job);
      inFlight.add(job);
      void job.finally(() => {
        inFlight.delete(job);
        if (lastByKey.get(singletonKey) === job) lastByKey.delete(singletonKey);
      });
    },
    async start() {
      stopped = false;
    },
    async stop() {
      stopped = true;
      await Promise.allSettled([...inFlight]);
    },
    idle: () => Promise.allSettled([...inFlight]).then(() => undefined),
  };
}
