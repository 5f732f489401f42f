import {
  STEP_CATALOGUE,
  connectionState,
  taskCenterDestination,
  testIsCurrent,
  type ConnectionState,
  type ConnectionTest,
  type CertificateAnalysis,
  type ConnectionDetail,
  type ConnectionSummary,
  type StepProgress,
} from '@tcc/shared';
import { certificateWarnings, daysToExpiry } from '../../certificates/analyze-certificate.js';
import { toHealthSummary } from '../../health/health-view.js';
import type { HealthRecord } from '../../store/health-store.js';
import { stepHandler } from '../../steps/index.js';
import type { CertificateRecord, ConnectionAggregate, ConnectionListRecord, ConnectionRecord } from '../../store/types.js';
import { connectionValues } from './connection-values.js';

interface Counts {
  finished: number;
  failed: number;
  touched: number;
  certificateNotAfter: string | null;
  lastChangeAt: string | null;
  firstFailedStep: { stepId: number; note: string | null } | null;
}

/** Why a connection needs attention, with the step to fix: a failed step, a broken health check, the certificate, the test. */
function attentionOf(state: ConnectionState, counts: Counts, certificateExpired: boolean, lastTest: ConnectionTest | null, health: ConnectionSummary['health']): ConnectionSummary['attention'] {
  if (state !== 'needs_attention') return null;
  if (counts.firstFailedStep) {
    const { stepId, note } = counts.firstFailedStep;
    return { message: note ?? `Step ${stepId} failed.`, stepId };
  }
  if (health?.state === 'broken' && health.topFinding) return { message: health.topFinding.message, stepId: health.topFinding.stepId };
  if (certificateExpired) return { message: `The trust certificate expired on ${counts.certificateNotAfter!.slice(0, 10)}: download the current one from the BTP cockpit and upload it again.`, stepId: 1 };
  return { message: lastTest?.message ?? 'The last connection test failed.', stepId: lastTest?.stepToFix ?? null };
}

function summary(connection: ConnectionRecord, counts: Counts, now: Date, health: HealthRecord | null | undefined): ConnectionSummary {
  const { tenantId, id, displayName, subaccountId, landscapeDomain, s4UiHost, s4Client, sandbox, automated, lastTest, version, createdAt, updatedAt, updatedBy } = connection;
  const total = STEP_CATALOGUE.length;
  const certificateExpired = counts.certificateNotAfter !== null && Date.parse(counts.certificateNotAfter) <= now.getTime();
  const healthSummary = toHealthSummary(health, now);
  const facts = { ...counts, total, certificateExpired, lastTest, lastChangeAt: counts.lastChangeAt, brokenNow: healthSummary?.state === 'broken' };
  const state = connectionState(facts);
  return {
    id,
    tenantId,
    displayName,
    subaccountId,
    landscapeDomain,
    s4UiHost,
    s4Client,
    sandbox,
    version,
    progress: { finished: counts.finished, total },
    state,
    certificateNotAfter: counts.certificateNotAfter,
    setupMode: automated ? 'automated' : 'guided',
    lastTest: lastTest && { outcome: lastTest.outcome, at: lastTest.at, current: testIsCurrent(facts) },
    attention: attentionOf(state, counts, certificateExpired, lastTest, healthSummary),
    health: healthSummary,
    createdAt,
    updatedAt,
    updatedBy,
  };
}

export function toConnectionSummary(record: ConnectionListRecord, now: Date): ConnectionSummary {
  return summary(
    record,
    {
      finished: record.finishedCount,
      failed: record.failedCount,
      touched: record.touchedCount,
      certificateNotAfter: record.certificateNotAfter,
      lastChangeAt: record.lastStepChangeAt,
      firstFailedStep: record.firstFailedStep,
    },
    now,
    record.health,
  );
}

function toAnalysis(certificate: CertificateRecord, connection: ConnectionRecord, now: Date): CertificateAnalysis {
  const { pem: _pem, ...facts } = certificate;
  return { ...facts, daysToExpiry: daysToExpiry(certificate.notAfter, now), warnings: certificateWarnings(certificate, connection, now) };
}

export function toConnectionDetail(aggregate: ConnectionAggregate, now: Date): ConnectionDetail {
  const { connection, certificate } = aggregate;
  const recorded = new Map(aggregate.steps.map((step) => [step.stepId, step]));
  const steps: StepProgress[] = STEP_CATALOGUE.map(({ id }) => {
    const step = recorded.get(id);
    return step ?? { stepId: id, status: 'not_started', values: {}, note: null, updatedAt: null, updatedBy: null };
  });
  const values = connectionValues(aggregate);
  const counts: Counts = {
    finished: steps.filter((s) => s.status === 'done' || s.status === 'skipped').length,
    failed: steps.filter((s) => s.status === 'failed').length,
    touched: steps.filter((s) => s.status !== 'not_started').length,
    certificateNotAfter: certificate?.notAfter ?? null,
    lastChangeAt: aggregate.steps.reduce<string | null>((latest, s) => (s.updatedAt && (!latest || s.updatedAt > latest) ? s.updatedAt : latest), null),
    firstFailedStep: ((failed) => (failed ? { stepId: failed.stepId, note: failed.note } : null))(steps.find((s) => s.status === 'failed')),
  };
  return {
    ...summary(connection, counts, now, aggregate.health),
    steps,
    values,
    certificate: certificate ? toAnalysis(certificate, connection, now) : null,
    checks: stepHandler(19).check?.({ values, hasCertificate: certificate !== null }) ?? [],
    destination: taskCenterDestination(values),
  };
}
