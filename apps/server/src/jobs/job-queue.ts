/**
 * Background work that must survive the instance that started it (issue "Run as a service"): assisted-setup runs and
 * scheduled health checks.
 * One interface, two engines: on the embedded SQLite default the work runs in this process (one process owns the
 * file; a run cut by a crash is marked interrupted at the next start, store.markRunningInterrupted); on PostgreSQL it
 * runs on pg-boss (pg-boss-queue.ts), whose expiring jobs and retries let another instance pick up a run a crashed
 * one left, never two at once for one connection (singleton policy per connection).
 */
export const JOB_NAMES = ['assisted-setup', 'health-check'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobOptions {
  /** At most one job per key is active at a time (the connection's id: never two runs of one connection at once). */
  singletonKey: string;
}

export interface JobQueue {
  /** Whether a job outlives this process (pg-boss): then the handler must rebuild everything from the job's data. */
  readonly durable: boolean;
  /** Registers the handler of a job kind; every instance registers the same ones before start(). */
  work<T extends object>(name: JobName, handler: (data: T) => Promise<void>): void;
  send<T extends object>(name: JobName, data: T, options: JobOptions): Promise<void>;
  start(): Promise<void>;
  /** Stops taking jobs and waits for the ones in flight (a graceful stop; a crash is what the engine recovers from). */
  stop(): Promise<void>;
  /** For tests and shutdown: resolves when no job of this process is running. */
  idle(): Promise<void>;
}
