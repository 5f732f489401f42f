import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';

/** What an orphan run says: its starter died during the preflight, before the run had a job. */
export const ORPHAN_REASON = 'The server that started this run stopped before handing it on. Start it again.';

/**
 * Ends the running runs whose starter's lease ran out before it queued their job (all, or the connection's): no job
 * will ever execute them, no dead letter will end them, and one would block the connection's next start (one running
 * run per connection). Each is written again through `store` (the publishing store) with its unfinished units
 * skipped, so its followers see it end. Returns how many it ended.
 */
export async function endOrphanRuns(store: Store, now: string, connectionId?: string): Promise<number> {
  const orphans = await store.interruptOrphanRuns(now, ORPHAN_REASON, connectionId);
  for (const { tenantId, connectionId: id, runId } of orphans) {
    const run = await store.latestRun(tenantId, id);
    if (run?.id !== runId) continue;
    for (const unit of run.units) if (unit.status === 'pending' || unit.status === 'running') unit.status = 'skipped';
    await store.saveRun(tenantId, id, run).catch(() => undefined);
  }
  return orphans.length;
}

export interface OrphanRunSweepDeps {
  store: Store;
  clock: () => Date;
  logger: Logger;
  /** JOB_MAINTENANCE_SECONDS: an orphan shows "running" at most this long after its starter's lease ran out. */
  everyMs: number;
}

/**
 * On PostgreSQL, every instance looks for orphan runs every `everyMs` (one statement over the running runs; ending
 * one is atomic, so instances sweeping at once end it once). Not on SQLite: its one process marks what a crash left
 * running at start (store.markRunningInterrupted).
 */
export function createOrphanRunSweep({ store, clock, logger, everyMs }: OrphanRunSweepDeps) {
  let timer: NodeJS.Timeout | null = null;
  // One sweep at a time: a slow database must not pile them up.
  let sweeping: Promise<void> | null = null;
  const sweep = async () => {
    const ended = await endOrphanRuns(store, clock().toISOString()).catch((error: Error) => {
      logger.warn('could not look for orphan runs', { error: error.message });
      return 0;
    });
    if (ended > 0) logger.warn('ended runs whose server stopped before queueing them', { runs: ended });
  };
  return {
    start() {
      timer = setInterval(() => {
        sweeping ??= sweep().finally(() => (sweeping = null));
      }, everyMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await sweeping;
    },
  };
}
