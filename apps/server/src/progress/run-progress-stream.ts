import type { AutomationRun } from '@tcc/shared';
import type { EventSink, EventStreamAnswer } from '../http/event-stream.js';
import { NotFoundError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/types.js';
import { eventIdOf, isNewer, parseEventId, runSequence, type ProgressBus, type RunPosition } from './progress-bus.js';

export interface RunProgressDeps {
  store: Pick<Store, 'latestRun'>;
  bus: Pick<ProgressBus, 'subscribe'>;
  logger: Logger;
  /** A comment line this often keeps idle proxies from closing the stream; the store is read again at the same time. */
  heartbeatMs?: number;
}

const finished = (run: AutomationRun) => run.status !== 'running';

/**
 * Live progress of a connection's latest assisted-setup run as server-sent events: the current state at once, then
 * every saved change (told by the progress bus, read from the store), then the final state, and the stream ends.
 */
export function createRunProgressService({ store, bus, logger, heartbeatMs = 15_000 }: RunProgressDeps) {
  /** Ends each open stream: a server that shuts down does not wait for runs to finish (clients reconnect or poll). */
  const open = new Set<() => void>();

  async function follow(tenantId: string, connectionId: string, first: AutomationRun, from: RunPosition | null, sink: EventSink): Promise<void> {
    let seen = from;
    let reading = false;
    let again = false;
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));

    /** Sends `run` if it is news to the client; ends the stream after the run's final state. */
    const offer = (run: AutomationRun) => {
      if (isNewer(run, seen)) {
        sink.send(eventIdOf(run), JSON.stringify(run));
        seen = { runId: run.id, sequence: runSequence(run) };
      }
      if (finished(run) && seen?.runId === run.id) end();
    };
    // Events can come faster than the store answers: one read at a time, and one more after it if any came meanwhile.
    const refresh = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          const run = await store.latestRun(tenantId, connectionId);
          if (run && !sink.signal.aborted) offer(run);
        } while (again && !sink.signal.aborted);
      } catch (error) {
        // The next event or heartbeat reads again; a client that gives up meanwhile falls back to polling.
        logger.warn('progress: cannot read the run for a follower', { connectionId, error: error instanceof Error ? error.message : String(error) });
      } finally {
        reading = false;
      }
    };

    const unsubscribe = bus.subscribe(tenantId, connectionId, () => void refresh());
    const heartbeat = setInterval(() => {
      sink.comment('heartbeat');
      void refresh();
    }, heartbeatMs);
    sink.signal.addEventListener('abort', () => end(), { once: true });
    open.add(end);
    try {
      offer(first);
      // A change saved between the first read and the subscription has published to no one: read once more.
      await refresh();
      await ended;
    } finally {
      open.delete(end);
      unsubscribe();
      clearInterval(heartbeat);
    }
  }

  return {
    /**
     * Follows the latest run. With `lastEventId` (a reconnecting EventSource's Last-Event-ID) only newer states are
     * sent; when the client already has the final state of the latest run the answer is null (204: stop reconnecting).
     */
    async watchLatest(tenantId: string, connectionId: string, lastEventId: string | undefined): Promise<EventStreamAnswer> {
      const first = await store.latestRun(tenantId, connectionId);
      if (!first) throw new NotFoundError('Assisted setup has not run for this connection yet.');
      const from = parseEventId(lastEventId);
      if (finished(first) && !isNewer(first, from)) return null;
      return { stream: (sink) => follow(tenantId, connectionId, first, from, sink) };
    },

    /** Ends every open stream, before the HTTP server closes (it waits for open connections). */
    endAll(): void {
      for (const end of open) end();
    },
  };
}

export type RunProgressService = ReturnType<typeof createRunProgressService>;
