import { EventEmitter } from 'node:events';
import { keyOf, type ProgressBus, type RunEvent } from './progress-bus.js';

/** Listeners of this process, by connection: the delivery half of both buses. */
export function createLocalListeners() {
  const emitter = new EventEmitter();
  // One listener per open stream: hundreds of browsers may follow runs at once, which is no leak.
  emitter.setMaxListeners(0);
  return {
    emit(event: RunEvent) {
      try {
        emitter.emit(keyOf(event.tenantId, event.connectionId), event);
      } catch {
        // A follower's failure is its own: the run that published goes on.
      }
    },
    /** "You may have missed events" (the database connection was lost): every follower reads the store again. */
    emitMissed: () => {
      for (const name of emitter.eventNames()) emitter.emit(name, null);
    },
    subscribe(tenantId: string, connectionId: string, listener: (event: RunEvent | null) => void) {
      const key = keyOf(tenantId, connectionId);
      emitter.on(key, listener);
      return () => void emitter.off(key, listener);
    },
    clear: () => void emitter.removeAllListeners(),
  };
}

/** The embedded default: one process owns the SQLite file, so its runs and their followers are all here. */
export function createLocalProgressBus(): ProgressBus {
  const listeners = createLocalListeners();
  return {
    publish: async (event) => listeners.emit(event),
    subscribe: listeners.subscribe,
    close: async () => listeners.clear(),
  };
}
