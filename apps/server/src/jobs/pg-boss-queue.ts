import PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import type { JobName, JobOptions, JobQueue } from './job-queue.js';

/**
 * A run: one active per connection, later ones wait (singleton). A health check: one waiting and one active per
 * connection (stately) — every instance's scheduler may ask for the same due check; pg-boss keeps one.
 */
const POLICIES: Record<JobName, PgBoss.QueuePolicy> = { 'assisted-setup': 'singleton', 'health-check': 'stately' };

export interface PgBossQueueSettings {
  connectionString: string;
  /** A job not finished within this time counts as cut (its instance died): pg-boss fails it and another retries it. */
  expireSeconds: number;
  /** How often pg-boss looks for expired jobs (its maintenance); seconds. */
  maintenanceSeconds: number;
  /** How often each instance asks for new jobs; seconds (pg-boss allows 0.5 and up). */
  pollSeconds: number;
  /** False: this instance queues jobs but executes none (JOB_WORKERS=off: an HTTP-only instance). */
  workers: boolean;
}

/**
 * The PostgreSQL engine: pg-boss 10 (the last major that runs on Node 20). Each job kind is a queue with the
 * `singleton` policy — one active job per singletonKey (the connection) — and retries: a job whose instance died
 * expires after `expireSeconds` and is retried by whichever instance polls first. Handlers are idempotent (the run's
 * units read before they write) and hold a lease on what they work on, so a retry of a job whose first instance is
 * still alive but slow waits instead of running twice.
 */
export function createPgBossQueue(settings: PgBossQueueSettings, logger: Logger): JobQueue {
  const boss = new PgBoss({
    connectionString: settings.connectionString,
    schema: 'tcc_jobs',
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    monitorStateIntervalSeconds: settings.maintenanceSeconds,
  });
  boss.on('error', (error: Error) => logger.error('job queue error', { error: error.message }));
  const handlers = new Map<JobName, (data: object) => Promise<void>>();
  const inFlight = new Set<Promise<void>>();

  return {
    durable: true,
    work(name, handler) {
      handlers.set(name, handler as (data: object) => Promise<void>);
    },
    async send(name, data, { singletonKey }: JobOptions) {
      const id = await boss.send(name, data, { singletonKey, expireInSeconds: settings.expireSeconds, retryLimit: 20, retryDelay: Math.max(1, Math.ceil(settings.expireSeconds / 2)) });
      // A health check already waiting for this connection is the same check (stately); a run must be queued.
      if (!id && name === 'assisted-setup') throw new Error(`The ${name} job was not queued: one is already active for this connection.`);
    },
    async start() {
      await boss.start();
      for (const [name, handler] of handlers) {
        await boss.createQueue(name, { name, policy: POLICIES[name] }).catch((error: Error) => {
          // Another instance created it at the same moment.
          if (!/already exists|duplicate/i.test(error.message)) throw error;
        });
        if (!settings.workers) continue;
        await boss.work<object>(name, { pollingIntervalSeconds: settings.pollSeconds, batchSize: 1 }, async (jobs: PgBoss.Job<object>[]) => {
          for (const job of jobs) {
            const work = handler(job.data as object);
            inFlight.add(work);
            try {
              await work;
            } finally {
              inFlight.delete(work);
            }
          }
        });
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
      await Promise.allSettled([...inFlight]);
    },
    idle: () => Promise.allSettled([...inFlight]).then(() => undefined),
  };
}
