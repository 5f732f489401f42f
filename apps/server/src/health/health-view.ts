import type { ConnectionHealth, ConnectionHealthSummary } from '@tcc/shared';
import type { HealthRecord } from '../store/health-store.js';

const DAY_MS = 86_400_000;

/** Whole days from `now` to `notAfter` (negative once expired), as the certificate analysis counts them. */
export function certificateDaysLeft(notAfter: string | null, now: Date): number | null {
  return notAfter === null ? null : Math.floor((Date.parse(notAfter) - now.getTime()) / DAY_MS);
}

/** The health as the API shows it; a connection not scheduled yet is unknown, never healthy. */
export function toConnectionHealth(record: HealthRecord | null | undefined, now: Date): ConnectionHealth {
  if (!record) return { state: 'unknown', since: null, findings: [], lastCheckAt: null, nextCheckAt: null, consecutiveFailures: 0, certificateDaysLeft: null };
  return {
    state: record.state,
    since: record.since,
    findings: record.findings,
    lastCheckAt: record.lastCheckAt,
    nextCheckAt: record.nextCheckAt,
    consecutiveFailures: record.consecutiveFailures,
    certificateDaysLeft: certificateDaysLeft(record.certificateNotAfter, now),
  };
}

/** A connection row's health: its state and the most severe finding (findings are stored most severe first). */
export function toHealthSummary(record: HealthRecord | null | undefined, now: Date): ConnectionHealthSummary | null {
  if (!record) return null;
  return {
    state: record.state,
    since: record.since,
    topFinding: record.findings.find((finding) => finding.severity !== 'info') ?? null,
    lastCheckAt: record.lastCheckAt,
    nextCheckAt: record.nextCheckAt,
    certificateDaysLeft: certificateDaysLeft(record.certificateNotAfter, now),
  };
}
