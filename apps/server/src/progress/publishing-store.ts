import type { AutomationRun } from '@tcc/shared';
import type { Store } from '../store/types.js';
import { runSequence, type ProgressBus } from './progress-bus.js';

/**
 * The store the automation service writes runs through: each claimed or saved run is published once its row is
 * written, so whichever instance executes a run (or a job of it) tells every instance's followers.
 */
export function publishingRuns(store: Store, bus: Pick<ProgressBus, 'publish'>): Store {
  const publish = (tenantId: string, connectionId: string, run: AutomationRun) => bus.publish({ tenantId, connectionId, runId: run.id, sequence: runSequence(run) });
  return {
    ...store,
    async claimRun(tenantId, connectionId, run, lease) {
      const claimed = await store.claimRun(tenantId, connectionId, run, lease);
      if (claimed) await publish(tenantId, connectionId, run);
      return claimed;
    },
    async saveRun(tenantId, connectionId, run) {
      await store.saveRun(tenantId, connectionId, run);
      await publish(tenantId, connectionId, run);
    },
  };
}
