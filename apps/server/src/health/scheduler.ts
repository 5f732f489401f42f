import type { Logger } from '../logger.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { HealthService } from './health-service.js';

/**
 * The one seam between health checks and whatever runs them. The default polls the store and claims due connections
 * with an atomic UPDATE (a lease), so any number of processes may share one database; a PostgreSQL deployment may
 * put pg-boss behind this interface instead. Nothing outside assumes a single process.
 */
export interface HealthScheduler {
  start(): void;
  /** Stops polling and waits for the checks in flight. */
  stop(): Promise<void>;
  /** Checks one connection, or every connection of the tenant, now (a check already running is waited for). */
  checkNow(tenantId: string, connectionId?: string): Promise<void>;
}

export interface PollingSchedulerOptions {
  service: HealthService;
  logger: Logger;
  /** HEALTH_CHECKS: false leaves scheduled checks off; checkNow works either way. */
  enabled: boolean;
  /** How often the store is asked for due checks. */
  pollMs: number;
  /** Checks this process runs at once (each holds a lease; SAP calls are limited per host besides). */
  maxInFlight?: number;
  /** Poll again as soon as a check ends (a backlog drains at once); off where a "check" only queues a job. */
  pollWhenFree?: boolean;
}

const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Polls for due checks. A check due while no server ran is due at the first poll after start (the first poll runs at
 * start); a check cut by a crash keeps its lease until it runs out, then is due again — never lost, never doubled.
 */
export function createPollingScheduler({ service, logger, enabled, pollMs, maxInFlight = 16, pollWhenFree = true }: PollingSchedulerOptions): HealthScheduler {
  const inFlight = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | null = null;
  let polling: Promise<void> | null = null;
  let stopped = false;
  let lastPrune = 0;

  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => {
      inFlight.delete(work);
      // A free slot: more may be due right away (a backlog after start drains without waiting a poll).
      if (!stopped && enabled && pollWhenFree) kick();
    });
  };

  async function poll() {
    if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
      lastPrune = Date.now();
      const pruned = await service.prune();
      if (pruned) logger.info('health history pruned', { entries: pruned });
    }
    const free = maxInFlight - inFlight.size;
    if (free <= 0) return;
    for (const { tenantId, connectionId } of await service.schedule(free)) {
      if (stopped) return;
      track(
        service.checkOne(tenantId, connectionId, { dueOnly: true }).catch((error: unknown) => {
          logger.error('health check failed', { tenantId, connectionId, error: error instanceof Error ? error.message : String(error) });
        }),
      );
    }
  }

  function kick() {
    if (polling || stopped) return;
    polling = poll()
      .catch((error: unknown) => logger.error('health scheduler poll failed', { error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        polling = null;
      });
  }

  return {
    start() {
      if (!enabled || timer) return;
      stopped = false;
      kick();
      timer = setInterval(kick, pollMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await polling;
      await Promise.allSettled([...inFlight]);
    },
    async checkNow(tenantId, connectionId) {
      const work = connectionId ? service.checkNow(tenantId, connectionId) : service.checkTenant(tenantId);
      track(work.catch(() => undefined));
      await work;
    },
  };
}

/**
 * The same polling, with each due check handed to the job queue (jobs/): on PostgreSQL pg-boss runs it on whichever
 * instance polls first, retries it when it fails or its instance dies, and keeps one per connection waiting (stately
 * policy), however many instances found it due. The check still claims its lease (health-service.ts), so a check
 * is never run twice at once even if a job were.
 */
export function createJobScheduler({ jobs, ...options }: PollingSchedulerOptions & { jobs: JobQueue }): HealthScheduler {
  const { service, logger } = options;
  jobs.work<{ tenantId: string; connectionId: string }>('health-check', async ({ tenantId, connectionId }) => {
    await service.checkOne(tenantId, connectionId, { dueOnly: true });
  });
  const queued: HealthService = {
    ...service,
    // The poller's "check" is to queue it: what runs it is the job.
    checkOne: async (tenantId, connectionId) => {
      await jobs.send('health-check', { tenantId, connectionId }, { singletonKey: connectionId }).catch((error: unknown) => {
        logger.error('health check not queued', { tenantId, connectionId, error: error instanceof Error ? error.message : String(error) });
      });
      return 'checked';
    },
  };
  return createPollingScheduler({ ...options, service: queued, pollWhenFree: false });
}
