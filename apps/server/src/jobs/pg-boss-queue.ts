import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { Logger } from '../logger.js';
import type { JobName, JobOptions, JobQueue, RetryPolicy, WorkOptions } from './job-queue.js';

/**
 * A run: one active per connection, later ones wait (singleton). A health check: one waiting and one active per
 * connection (stately) — every instance's scheduler may ask for the same due check; pg-boss keeps one. An alert
 * delivery: one job per attempt at a delivery, kept once by its id (the delivery's id and attempts so far; standard),
 * however many instances sweep the outbox.
 */
const POLICIES: Record<JobName, PgBoss.QueuePolicy> = { 'assisted-setup': 'singleton', 'health-check': 'stately', 'alert-delivery': 'standard' };

/** Where pg-boss puts a job of `name` that used up its retries (its dead-letter queue). */
const deadLetterOf = (name: JobName) => `${name}-dead`;

/** pg-boss job ids are UUIDs: a stable one per (kind, id), so any string may identify a job. */
const jobIdOf = (name: JobName, id: string) => {
  const hex = createHash('sha256').update(`${name}:${id}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

export interface PgBossQueueSettings {
  connectionString: string;
  /** A job not finished within this time counts as cut (its instance died): pg-boss fails it and another retries it. */
  expireSeconds: number;
  /** How often pg-boss looks for expired jobs (its maintenance); seconds. */
  maintenanceSeconds: number;
  /** How often each instance asks for new jobs; seconds (pg-boss allows 0.5 and up). */
  pollSeconds: number;
  /** Retries of a job without a policy of its own (JOB_RETRY_LIMIT); then its dead letter. */
  retryLimit: number;
  /** False: this instance queues jobs but executes none (JOB_WORKERS=off: an HTTP-only instance). */
  workers: boolean;
}

interface Kind {
  handler: (data: object) => Promise<void>;
  options: WorkOptions<object>;
}

/**
 * pg-boss's retry settings for a policy. Its backoff has no cap (retryDelay × 2^n, n up to 16, plus as much again at
 * random), so a policy with `maxDelayMs` keeps the backoff only when its longest wait (the last retry's, jitter
 * included) stays within the cap; otherwise it retries at a fixed delayMs (at most maxDelayMs) — sooner than the
 * in-process queue's capped backoff, never later than the cap.
 */
export function pgBossRetryOf(retry: RetryPolicy): { retryLimit: number; retryDelay: number; retryBackoff: boolean } {
  const cap = retry.maxDelayMs ?? Number.POSITIVE_INFINITY;
  const delaySeconds = Math.max(retry.backoff ? 1 : 0, Math.ceil(Math.min(retry.delayMs, cap) / 1000));
  const longestMs = delaySeconds * 1000 * 2 ** Math.min(16, retry.limit);
  return { retryLimit: retry.limit, retryDelay: delaySeconds, retryBackoff: retry.backoff && longestMs <= cap };
}

/**
 * The PostgreSQL engine: pg-boss 10 (the last major that runs on Node 20). Each job kind is a queue with its policy
 * and retries: a job whose handler threw, or whose instance died (it expires after `expireSeconds`), is retried by
 * whichever instance polls first; one that used up its retries goes to the kind's dead-letter queue, whose handler
 * (onGiveUp) ends what it stood for. Handlers are idempotent (the run's units read before they write) and hold a
 * lease on what they work on, so a retry of a job whose first instance is still alive but slow waits instead of
 * running twice.
 */
export function createPgBossQueue(settings: PgBossQueueSettings, logger: Logger): JobQueue {
  const boss = new PgBoss({
    connectionString: settings.connectionString,
    schema: 'tcc_jobs',
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    monitorStateIntervalSeconds: settings.maintenanceSeconds,
  });
  boss.on('error', (error: Error) => logger.error('job queue error', { error: error.message }));
  const kinds = new Map<JobName, Kind>();
  /** The workers of each kind (one per job it runs at once) and the next one to wake for a job sent here. */
  const workerIds = new Map<JobName, { ids: string[]; next: number }>();
  const inFlight = new Set<Promise<void>>();

  const track = async (work: Promise<void>) => {
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  };

  const createQueue = (name: string, policy: PgBoss.QueuePolicy) =>
    boss.createQueue(name, { name, policy }).catch((error: Error) => {
      // Another instance created it at the same moment.
      if (!/already exists|duplicate/i.test(error.message)) throw error;
    });

  /**
   * `concurrency` workers that each fetch one job at a time: pg-boss settles a fetch's batch together (a batch waits for
   * its slowest job and its expiry fails them all), so one job per fetch lets each end on its own — a thrown or expired
   * job is failed (retried, or its dead letter) and a free worker fetches the next at once.
   */
  const workOn = async (name: string, concurrency: number, handler: (data: object) => Promise<void>) => {
    const ids: string[] = [];
    for (let i = 0; i < concurrency; i += 1) {
      ids.push(
        await boss.work<object>(name, { pollingIntervalSeconds: settings.pollSeconds, batchSize: 1 }, async ([job]: PgBoss.Job<object>[]) => {
          if (job) await track(handler(job.data as object));
        }),
      );
    }
    return ids;
  };

  return {
    durable: true,
    work(name, handler, options = {}) {
      kinds.set(name, { handler: handler as (data: object) => Promise<void>, options: options as WorkOptions<object> });
    },
    async send(name, data, { singletonKey, id, startAfterMs }: JobOptions) {
      const options = kinds.get(name)?.options ?? {};
      const retry = options.retry ?? { limit: settings.retryLimit, delayMs: Math.ceil(settings.expireSeconds / 2) * 1000, backoff: false };
      const jobId = await boss.send(name, data, {
        ...(id ? { id: jobIdOf(name, id) } : {}),
        singletonKey,
        // Seconds from now on the database's clock (pg-boss: a number is an interval), not this instance's.
        ...(startAfterMs ? { startAfter: Math.ceil(startAfterMs / 1000) } : {}),
        expireInSeconds: options.expireSeconds ?? settings.expireSeconds,
        ...pgBossRetryOf(retry),
        ...(options.onGiveUp ? { deadLetter: deadLetterOf(name) } : {}),
      });
      // No job back: one with this id exists (JobOptions.id), or a health check already waits for this connection
      // (stately) — the same work either way. A run is sent without an id and its singleton policy only holds back a
      // second active one (pg-boss inserts it and runs it after), so a run always comes back with a job.
      if (!jobId && name === 'assisted-setup') throw new Error(`The ${name} job was not queued (pg-boss answered no job).`);
      // This instance takes it at once if it executes jobs, rather than at its next poll.
      const workers = workerIds.get(name);
      if (jobId && workers) {
        boss.notifyWorker(workers.ids[workers.next % workers.ids.length]!);
        workers.next += 1;
      }
    },
    async start() {
      await boss.start();
      for (const [name, { handler, options }] of kinds) {
        // The dead-letter queue first: a job names it, and pg-boss checks that it exists.
        if (options.onGiveUp) await createQueue(deadLetterOf(name), 'standard');
        await createQueue(name, POLICIES[name]);
        if (!settings.workers) continue;
        workerIds.set(name, { ids: await workOn(name, options.concurrency ?? 1, handler), next: 0 });
        if (options.onGiveUp) await workOn(deadLetterOf(name), 1, options.onGiveUp);
      }
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
      await Promise.allSettled([...inFlight]);
    },
    idle: () => Promise.allSettled([...inFlight]).then(() => undefined),
  };
}
