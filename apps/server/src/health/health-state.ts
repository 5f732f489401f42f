import { CERTIFICATE_THRESHOLDS_DAYS, FINDING_SEVERITIES, type HealthFinding, type HealthState } from '@tcc/shared';
import type { HealthEventRecord, HealthRecord, HealthTransition } from '../store/health-store.js';
import type { CheckResult, Finding } from './check-connection.js';
import { certificateDaysLeft } from './health-view.js';

export interface NextHealthInput {
  tenantId: string;
  connectionId: string;
  previous: HealthRecord | null | undefined;
  check: CheckResult;
  now: Date;
  /** HEALTH_FAILURES_TO_BROKEN: checks in a row without an answer from SAP before the connection counts as broken. */
  failuresToBroken: number;
  nextCheckAt: string;
  newId: () => string;
}

const keyOf = (f: Pick<Finding, 'code' | 'field' | 'object'>) => `${f.code}|${f.field ?? ''}|${f.object ?? ''}`;
const rank = (f: Pick<Finding, 'severity'>) => FINDING_SEVERITIES.indexOf(f.severity);

/** The expiry threshold the certificate is within: 0 once expired, else the smallest of 60/30/7 days it is inside. */
export function thresholdOf(notAfter: string, now: Date): number | null {
  if (Date.parse(notAfter) <= now.getTime()) return 0;
  const days = certificateDaysLeft(notAfter, now)!;
  return [...CERTIFICATE_THRESHOLDS_DAYS].reverse().find((t) => t > 0 && days <= t) ?? null;
}

/** broken > warning > unknown > healthy: what needs doing outranks what cannot be seen. */
function stateOf(findings: Finding[]): HealthState {
  if (findings.some((f) => f.severity === 'broken')) return 'broken';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  if (findings.some((f) => f.severity === 'unknown')) return 'unknown';
  return 'healthy';
}

/**
 * The flapping rule, in one place (README "Health checks"):
 * - What SAP answered is a fact and counts at once: an object missing, changed or locked is broken on the first check
 *   that sees it, so a real break is reported by the next check.
 * - A check in which SAP did not answer (no connection, timeout, 5xx or 429 after sap/http's retries with backoff and
 *   Retry-After) says nothing about the setup: it is unknown, never broken, until `failuresToBroken` checks in a row
 *   found SAP unreachable; from then on SAP_UNREACHABLE is broken. A single failed call never reaches this far (sap/http
 *   retries it), and one 503 burst that outlasts the retries makes one unknown check, not an outage.
 * - A connection known broken stays broken while SAP cannot be read: the last broken findings are kept.
 */
export function nextHealth({ tenantId, connectionId, previous, check, now, failuresToBroken, nextCheckAt, newId }: NextHealthInput): {
  health: HealthRecord;
  event: HealthEventRecord;
  transition: HealthTransition | null;
} {
  const at = now.toISOString();
  const checkedBefore = Boolean(previous?.lastCheckAt);
  const consecutiveFailures = check.reachable ? 0 : (previous?.consecutiveFailures ?? 0) + 1;
  const outage = consecutiveFailures >= failuresToBroken;
  let findings: Finding[] = check.findings.map((f) =>
    f.code === 'SAP_UNREACHABLE'
      ? { ...f, severity: outage ? 'broken' : 'unknown', message: `${f.message} (${consecutiveFailures} check(s) in a row without an answer; ${outage ? 'counted as broken' : `broken after ${failuresToBroken}`}).` }
      : f,
  );
  if (!check.reachable && previous?.state === 'broken') {
    const seen = new Set(findings.map(keyOf));
    findings = [...findings, ...previous.findings.filter((f) => f.severity === 'broken' && f.code !== 'SAP_UNREACHABLE' && !seen.has(keyOf(f)))];
  }
  const before = new Map((previous?.findings ?? []).map((f) => [keyOf(f), f.since]));
  const dated: HealthFinding[] = findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.index - b.index)
    .map(({ f }) => ({ ...f, since: before.get(keyOf(f)) ?? at }));

  const state = stateOf(dated);
  const stateChanged = !checkedBefore || previous!.state !== state;
  const since = !stateChanged && previous?.since ? previous.since : at;
  const certificateNotAfter = check.certificateNotAfter ?? previous?.certificateNotAfter ?? null;
  const threshold = check.certificateNotAfter ? thresholdOf(check.certificateNotAfter, now) : (previous?.certificateThreshold ?? null);
  const previousThreshold = previous?.certificateThreshold ?? null;
  const crossed = threshold !== null && (previousThreshold === null || threshold < previousThreshold) ? threshold : null;

  const health: HealthRecord = { state, since, findings: dated, lastCheckAt: at, nextCheckAt, consecutiveFailures, certificateNotAfter, certificateThreshold: threshold };
  const top = dated.find((f) => f.severity !== 'info');
  const previousState = checkedBefore ? previous!.state : null;
  const summary = summaryOf({ state, previousState, stateChanged, crossed, top, consecutiveFailures, failuresToBroken });
  const transitional = stateChanged || crossed !== null;
  const event: HealthEventRecord = {
    id: newId(),
    at,
    firstAt: at,
    kind: transitional ? 'transition' : 'check',
    state,
    previousState,
    summary,
    findings: dated,
    checks: 1,
    signature: `${state};${dated.map(keyOf).sort().join(';')}`,
  };
  const transition: HealthTransition | null = transitional
    ? { id: event.id, tenantId, connectionId, at, state, previousState, stateChanged, certificateThreshold: crossed, certificateDaysLeft: certificateDaysLeft(certificateNotAfter, now), summary, findings: dated }
    : null;
  return { health, event, transition };
}

function summaryOf(s: { state: HealthState; previousState: HealthState | null; stateChanged: boolean; crossed: number | null; top: Finding | undefined; consecutiveFailures: number; failuresToBroken: number }): string {
  const cause = s.top ? `: ${s.top.message}` : '';
  const word = s.state.charAt(0).toUpperCase() + s.state.slice(1);
  const parts = [
    s.previousState === null
      ? `First check: ${s.state}${cause}`
      : s.stateChanged
        ? s.state === 'healthy'
          ? `Recovered from ${s.previousState}: every check passed`
          : `Became ${s.state} (was ${s.previousState})${cause}`
        : `${word}${cause}`,
  ];
  if (s.crossed !== null) parts.push(s.crossed === 0 ? 'The trust certificate has expired.' : `The trust certificate expires within ${s.crossed} days.`);
  return parts.join(' ');
}
