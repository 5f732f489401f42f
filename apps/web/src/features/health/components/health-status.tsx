import type { ConnectionHealthSummary, FindingSeverity, HealthState } from '@tcc/shared';
import { FlexBox, ObjectStatus, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';

export const HEALTH_DESIGN = {
  healthy: 'Positive',
  warning: 'Critical',
  broken: 'Negative',
  unknown: 'None',
} as const satisfies Record<HealthState, string>;

export const SEVERITY_DESIGN = {
  broken: 'Negative',
  warning: 'Critical',
  unknown: 'None',
  info: 'Information',
} as const satisfies Record<FindingSeverity, string>;

/** The badge alone: never green before a check (null health reads "Not checked yet"). */
export function HealthBadge({ state }: { state: HealthState | null }) {
  return (
    <ObjectStatus state={state ? HEALTH_DESIGN[state] : 'None'} showDefaultIcon={state !== null && state !== 'unknown'} data-health={state ?? 'none'}>
      {state ? t(`health.state.${state}`) : t('health.notChecked')}
    </ObjectStatus>
  );
}

/** Certificate days left as the checks last read them; null when unknown. */
export function CertificateDaysLeft({ days, short = false }: { days: number | null; /** Beside a "Trust certificate" label. */ short?: boolean }) {
  if (days === null) return null;
  const design = days < 0 ? 'Negative' : days <= 30 ? 'Critical' : 'None';
  return (
    <ObjectStatus state={design} className="health-certificate-days">
      {days < 0 ? t(short ? 'health.expiredDaysAgo' : 'health.certificateExpired', { days: -days }) : t(short ? 'health.daysLeft' : 'health.certificateDays', { days })}
    </ObjectStatus>
  );
}

/** A list row's health: badge, since when, the top finding (with its step) and the certificate's days left. */
export function HealthSummaryStatus({ health }: { health: ConnectionHealthSummary | null }) {
  const top = health?.topFinding ?? null;
  return (
    <FlexBox direction="Column" className="health-summary" data-health={health?.state ?? 'none'}>
      <HealthBadge state={health?.state ?? null} />
      {health?.since && <Text className="muted">{t('health.since', { at: formatDateTime(health.since) })}</Text>}
      {top && (
        <Text className="muted health-top-finding" maxLines={3}>
          {top.stepId !== null ? t('state.attention.step', { step: top.stepId, message: top.message }) : top.message}
        </Text>
      )}
      <CertificateDaysLeft days={health?.certificateDaysLeft ?? null} />
    </FlexBox>
  );
}

/** Last and next check of a list row. */
export function HealthChecksTimes({ health }: { health: ConnectionHealthSummary | null }) {
  return (
    <FlexBox direction="Column" className="health-checks">
      <Text>{`${t('health.lastCheck')}: ${health?.lastCheckAt ? formatDateTime(health.lastCheckAt) : t('health.never')}`}</Text>
      <Text className="muted">{`${t('health.nextCheck')}: ${health?.nextCheckAt ? formatDateTime(health.nextCheckAt) : t('health.notScheduled')}`}</Text>
    </FlexBox>
  );
}
