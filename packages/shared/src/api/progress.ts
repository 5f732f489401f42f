import type { StepStatus } from './steps.js';

/**
 * What was proven about a connection, not only what was ticked:
 * - set_up: every step is recorded as done or skipped, but no passing test is newer than the last change;
 * - working: a test newer than every change ran the whole chain and S/4 answered 200;
 * - needs_attention: a step failed (also when Verify found SAP differs), the certificate expired, or the current test failed.
 */
export const CONNECTION_STATES = ['not_started', 'in_progress', 'needs_attention', 'set_up', 'working'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

/** Done and skipped steps are finished; a skipped step carries its reason. */
export function isFinished(status: StepStatus): boolean {
  return status === 'done' || status === 'skipped';
}

export interface ProgressFacts {
  finished: number;
  failed: number;
  /** Steps with any status but not_started. */
  touched: number;
  total: number;
  certificateExpired: boolean;
  /** The last connection test, if any. */
  lastTest: { outcome: 'succeeded' | 'failed' | 'not-tested'; at: string } | null;
  /** When a step last changed: a test older than that no longer speaks for the connection. */
  lastChangeAt: string | null;
  /** The latest scheduled health check found the connection broken: SAP contradicts it now, whatever a test said before. */
  brokenNow?: boolean;
}

/** Whether the last test still speaks for the connection: nothing about its steps changed after it ran. */
export function testIsCurrent({ lastTest, lastChangeAt }: Pick<ProgressFacts, 'lastTest' | 'lastChangeAt'>): boolean {
  return lastTest !== null && (lastChangeAt === null || lastTest.at >= lastChangeAt);
}

/** One rule for the dashboard, the tenant page and the wizard: failures first, then what a test proved. */
export function connectionState(facts: ProgressFacts): ConnectionState {
  const { finished, failed, touched, total, certificateExpired, lastTest } = facts;
  const current = testIsCurrent(facts);
  if (failed > 0 || certificateExpired || facts.brokenNow || (current && lastTest?.outcome === 'failed')) return 'needs_attention';
  if (current && lastTest?.outcome === 'succeeded') return 'working';
  if (finished >= total) return 'set_up';
  if (touched === 0) return 'not_started';
  return 'in_progress';
}
