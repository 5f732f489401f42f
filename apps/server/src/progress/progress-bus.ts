import type { AutomationRun } from '@tcc/shared';

/**
 * "This connection's run changed": small on purpose (a PostgreSQL NOTIFY payload is limited to 8000 bytes), so a
 * listener reads the run itself from the store and never depends on what the event could carry.
 */
export interface RunEvent {
  tenantId: string;
  connectionId: string;
  runId: string;
  /** runSequence of the run as saved. */
  sequence: number;
}

/**
 * Tells every server instance that a run was saved, so each can push it to the browsers that follow it: in-process
 * on the embedded SQLite default (one process owns the file), PostgreSQL LISTEN/NOTIFY when several instances share
 * one database. Delivery is best effort: a follower also re-reads the store on its heartbeat.
 */
export interface ProgressBus {
  /** Never throws: progress must not fail the run it reports. */
  publish(event: RunEvent): Promise<void>;
  /** Calls `listener` for each event of the connection (and with null when events may have been missed); answers the unsubscribe. */
  subscribe(tenantId: string, connectionId: string, listener: (event: RunEvent | null) => void): () => void;
  close(): Promise<void>;
}

const UNIT_RANK = { pending: 0, running: 1, done: 2, failed: 2, manual: 2, skipped: 2 } as const;

/**
 * How far a run has come, as one number that grows with every saved change: units only move forward (pending →
 * running → done/failed/manual/skipped) and a run ends once. Derived from the run itself, so every instance computes
 * the same number from the same row without a counter of its own.
 */
export function runSequence(run: Pick<AutomationRun, 'status' | 'units'>): number {
  return run.units.reduce((sum, unit) => sum + UNIT_RANK[unit.status], 0) + (run.status === 'running' ? 0 : 1);
}

export interface RunPosition {
  runId: string;
  sequence: number;
}

/** The SSE event id: `<run id>:<sequence>`. */
export const eventIdOf = (run: AutomationRun) => `${run.id}:${runSequence(run)}`;

/** A Last-Event-ID header as a position; anything malformed counts as none (the follower then gets the current state). */
export function parseEventId(value: string | undefined): RunPosition | null {
  const match = /^(.{1,100}):(\d{1,6})$/.exec(value?.trim() ?? '');
  return match ? { runId: match[1]!, sequence: Number(match[2]) } : null;
}

/** Whether `run` says more than what the follower at `position` has already seen. */
export const isNewer = (run: AutomationRun, position: RunPosition | null) => position === null || position.runId !== run.id || runSequence(run) > position.sequence;

export const keyOf = (tenantId: string, connectionId: string) => `${tenantId}/${connectionId}`;
