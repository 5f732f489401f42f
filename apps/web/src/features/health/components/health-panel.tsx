import { REPAIRABLE_FINDING_CODES, roleAllows, type ConnectionHealth, type TenantRole } from '@tcc/shared';
import { BusyIndicator, Button, FlexBox, Panel, Text } from '@ui5/webcomponents-react';
import type { ReactNode } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { FactList } from '../../../components/fact-list';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';
import { useCheckConnectionHealth } from '../api/check-connection-health';
import { useConnectionHealth } from '../api/get-connection-health';
import { HealthFindings } from './health-findings';
import { HealthHistory } from './health-history';
import { CertificateDaysLeft, HealthBadge } from './health-status';

interface HealthPanelProps {
  tenantId: string;
  connectionId: string;
  role: TenantRole;
  onGoToStep: (stepId: number) => void;
  /**
   * The Repair action (assisted setup's repair plan, composed by the page): offered to operators when the connection
   * is warning or broken because SAP objects drifted after setup (REPAIRABLE_FINDING_CODES).
   */
  repair?: ReactNode;
}

/** Whether the last check found drift that Repair puts back. */
const repairable = (h: ConnectionHealth) =>
  h.lastCheckAt !== null && (h.state === 'warning' || h.state === 'broken') && h.findings.some((f) => (REPAIRABLE_FINDING_CODES as readonly string[]).includes(f.code) && f.severity !== 'info');

/** The connection page's health: state and since when, the findings with their cause and step, Check now, history. */
export function HealthPanel({ tenantId, connectionId, role, onGoToStep, repair }: HealthPanelProps) {
  const health = useConnectionHealth(tenantId, connectionId);
  const check = useCheckConnectionHealth();
  const h = health.data;
  const checked = h?.lastCheckAt != null;

  return (
    <Panel headerText={t('health.panel.title')} headerLevel="H3" className="health-panel" data-testid="health-panel" data-health={checked ? h?.state : 'none'}>
      <FlexBox direction="Column" className="assisted-content">
        <Text className="muted instructions">{t('health.panel.text')}</Text>
        <ErrorStrip error={health.error ?? check.error} />
        {health.isPending && <BusyIndicator active delay={200} />}
        {h && (
          <FactList
            facts={[
              { label: t('health.panel.state'), value: (
                <FlexBox alignItems="Center" wrap="Wrap" className="gap">
                  <HealthBadge state={checked ? h.state : null} />
                  {h.since && <Text className="muted">{t('health.since', { at: formatDateTime(h.since) })}</Text>}
                </FlexBox>
              ) },
              { label: t('health.lastCheck'), value: <Text>{h.lastCheckAt ? formatDateTime(h.lastCheckAt) : t('health.never')}</Text> },
              { label: t('health.nextCheck'), value: <Text>{h.nextCheckAt ? formatDateTime(h.nextCheckAt) : t('health.notScheduled')}</Text> },
              { label: t('health.panel.certificate'), value: h.certificateDaysLeft === null ? <Text>{t('health.finding.none')}</Text> : <CertificateDaysLeft days={h.certificateDaysLeft} short /> },
              ...(h.consecutiveFailures > 0 ? [{ label: t('health.panel.failures'), value: <Text>{h.consecutiveFailures}</Text> }] : []),
            ]}
          />
        )}
        {roleAllows(role, 'operator') && (
          <FlexBox alignItems="Center" wrap="Wrap" className="gap">
            <Button icon="refresh" loading={check.isPending} loadingDelay={200} onClick={() => check.mutate({ tenantId, connectionId })}>
              {t('health.checkNow')}
            </Button>
            {check.isPending && <Text className="muted">{t('health.checking')}</Text>}
            {repair && h && repairable(h) && repair}
          </FlexBox>
        )}
        {h && (checked ? <HealthFindings findings={h.findings} onGoToStep={onGoToStep} /> : <Text className="muted">{t('health.panel.notChecked')}</Text>)}
        <HealthHistory tenantId={tenantId} connectionId={connectionId} />
      </FlexBox>
    </Panel>
  );
}
