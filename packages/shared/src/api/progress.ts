import type { StepStatus } from './steps.js';

export const CONNECTION_STATES = ['not_started', 'in_progress', 'needs_attention', 'complete'] as const;
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
}

/** One rule for the dashboard and the wizard: failures and an expired certificate need attention first. */
export function connectionState({ finished, failed, touched, total, certificateExpired }: ProgressFacts): ConnectionState {
  if (failed > 0 || certificateExpired) return 'needs_attention';
  if (finished >= total) return 'complete';
  if (touched === 0) return 'not_started';
  return 'in_progress';
}
