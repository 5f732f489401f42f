import type { AlertEvent, HealthFinding, HealthState } from '@tcc/shared';
import type { HealthTransition } from '../health/transition-hook.js';

/**
 * What one alert says. Stored in the outbox when the transition commits (so a later rename or a changed finding does
 * not change an alert already due) and sent as the webhook body with the delivery's id and time added.
 */
export interface AlertPayload {
  event: AlertEvent;
  transitionId: string | null;
  tenant: { id: string; name: string };
  connection: { id: string; name: string } | null;
  state: HealthState | null;
  previousState: HealthState | null;
  at: string;
  summary: string;
  certificateDaysLeft: number | null;
  findings: Pick<HealthFinding, 'code' | 'severity' | 'message' | 'stepId' | 'object' | 'field' | 'expected' | 'actual'>[];
}

/**
 * Which transitions page someone: became warning, became broken, recovered (healthy again after an alerted warning or
 * broken), or a certificate expiry threshold crossed. `lastAlertedState` is the state of the connection's last alert:
 * a change into or out of `unknown` alone (SAP not answering below the flapping threshold, credentials missing) pages
 * no one, so broken → unknown → broken is one alert, and broken → unknown → healthy still says "recovered".
 */
export function alertEventOf(transition: HealthTransition, lastAlertedState: HealthState | null): AlertEvent | null {
  if (transition.stateChanged) {
    const { state } = transition;
    if ((state === 'warning' || state === 'broken') && lastAlertedState !== state) return state;
    if (state === 'healthy' && (lastAlertedState === 'warning' || lastAlertedState === 'broken')) return 'recovered';
  }
  return transition.certificateThreshold !== null ? 'certificate-expiry' : null;
}

const TITLES: Record<AlertEvent, string> = {
  warning: 'needs attention',
  broken: 'is broken',
  recovered: 'works again',
  'certificate-expiry': 'trust certificate expires soon',
  test: 'test alert',
};

export function subjectOf(payload: AlertPayload): string {
  if (payload.event === 'test') return `[Task Center Connect] Test alert for ${payload.tenant.name}`;
  const what = payload.event === 'certificate-expiry' && payload.certificateDaysLeft !== null && payload.certificateDaysLeft <= 0 ? 'trust certificate expired' : TITLES[payload.event];
  return `[Task Center Connect] ${payload.connection?.name ?? 'Connection'} ${what} (${payload.tenant.name})`;
}

export function textOf(payload: AlertPayload): string {
  const lines = [subjectOf(payload).replace('[Task Center Connect] ', ''), '', payload.summary];
  if (payload.certificateDaysLeft !== null) lines.push(`Trust certificate: ${payload.certificateDaysLeft} days left.`);
  for (const f of payload.findings) {
    lines.push('', `- ${f.code} (${f.severity}): ${f.message}`);
    if (f.stepId !== null) lines.push(`  Fix: step ${f.stepId}${f.object ? `, ${f.object}` : ''}`);
    if (f.field !== null) lines.push(`  ${f.field}: expected ${f.expected ?? '—'}, SAP holds ${f.actual ?? '—'}`);
  }
  lines.push('', `At ${payload.at}.`);
  return lines.join('\n');
}
