/**
 * Background work that must survive the instance that started it (issue "Run as a service"): assisted-setup runs,
 * scheduled health checks and alert deliveries.
 * One interface, two engines: on the embedded SQLite default the work runs in this process (one process owns the
 * file; a run cut by a crash is marked interrupted at the next start, store.markRunningInterrupted, and the alert
 * outbox is swept again); on PostgreSQL it runs on pg-boss (pg-boss-queue.ts), whose expiring jobs and retries let
 * another instance pick up work a crashed one left, never two at once for one key (singleton policy).
 */
export const JOB_NAMES = ['assisted-setup', 'health-check', 'alert-delivery'] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface JobOptions {
  /** At most one job per key is active at a time (the connection's id: never two runs of one connection at once). */
  singletonKey: string;
  /**
   * The job's identity: a second send with an id whose job is still queued, waiting for a retry or running is a
   * no-op; on pg-boss also one whose job ended, until pg-boss archives it (about 12 h). So an id names work done once:
   * an alert delivery's attempt (its id and attempts so far), however many instances sweep the outbox.
   */
  id?: string;
  /** Not before this many ms from now (pg-boss counts whole seconds, rounded up): a run whose lease is still held. */
  startAfterMs?: number;
}

/** Retries of a job whose handler threw or whose instance died (the job expired). */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  limit: number;
  /** Before the first retry; pg-boss counts whole seconds (rounded up). */
  delayMs: number;
  /** Doubles the delay per retry (pg-boss adds up to as much again at random). */
  backoff: boolean;
  /**
   * The longest wait before a retry (the in-process queue also never waits longer than a timer can: about 24.8 days).
   * pg-boss's backoff has no cap, so there a policy whose backoff could exceed it retries at a fixed delay instead
   * (pg-boss-queue.ts, pgBossRetryOf).
   */
  maxDelayMs?: number;
}

export interface WorkOptions<T> {
  /**
   * Absent: on pg-boss JOB_RETRY_LIMIT retries, half of JOB_EXPIRE_SECONDS apart (a job cut by a dead instance is taken
   * over); the in-process queue retries none (a crash ends the process and its jobs with it; what they stood for is
   * found again at the next start).
   */
  retry?: RetryPolicy;
  /** A job running longer counts as cut (its instance died) and is retried; absent: JOB_EXPIRE_SECONDS. */
  expireSeconds?: number;
  /** Jobs of this kind one instance runs at once (one by default). */
  concurrency?: number;
  /**
   * The dead letter: called once a job used up its retries (the last attempt threw, or its instance died and no retry
   * is left), on whichever instance takes it — so the work it stood for never stays "running" with nobody on it.
   */
  onGiveUp?: (data: T) => Promise<void>;
}

export interface JobQueue {
  /** Whether a job outlives this process (pg-boss): then the handler must rebuild everything from the job's data. */
  readonly durable: boolean;
  /** Registers the handler of a job kind; every instance registers the same ones before start(). */
  work<T extends object>(name: JobName, handler: (data: T) => Promise<void>, options?: WorkOptions<T>): void;
  send<T extends object>(name: JobName, data: T, options: JobOptions): Promise<void>;
  start(): Promise<void>;
  /** Stops taking jobs and waits for the ones in flight (a graceful stop; a crash is what the engine recovers from). */
  stop(): Promise<void>;
  /** For tests and shutdown: resolves when no job of this process is running. */
  idle(): Promise<void>;
}
