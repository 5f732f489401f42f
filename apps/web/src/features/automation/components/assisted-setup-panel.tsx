import { roleAllows, type ConnectionDetail, type TenantRole } from '@tcc/shared';
import { useQueryClient } from '@tanstack/react-query';
import { BusyIndicator, Button, FlexBox, Panel, Text, Title } from '@ui5/webcomponents-react';
import { useEffect, useRef, useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { t } from '../../../i18n';
import { getConnectionQueryOptions } from '../../connections/api/get-connection';
import { getConnectionsQueryOptions } from '../../connections/api/get-connections';
import { useCredentials } from '../api/get-credentials';
import { useLatestRun } from '../api/get-latest-run';
import { useFillSandboxCredentials } from '../api/fill-sandbox-credentials';
import { usePlanAutomation } from '../api/plan-automation';
import { useStartAutomation } from '../api/start-automation';
import { useTestConnection } from '../api/test-connection';
import { CredentialsDialog } from './credentials-dialog';
import { CredentialsStatus } from './credentials-status';
import { PlanDialog } from './plan-dialog';
import { RunProgress } from './run-progress';
import { SapFactsPanel } from './sap-facts-panel';
import { TestResult } from './test-result';

interface AssistedSetupPanelProps {
  connection: ConnectionDetail;
  role: TenantRole;
  /** Selects a step in the wizard (the connection test's "Fix step N"). */
  onGoToStep: (stepId: number) => void;
  onReload: () => void;
}

/**
 * Credentials, plan, run and test in one panel above the steps. Viewers see the status only; operators plan, run
 * and test; only admins change credentials.
 */
export function AssistedSetupPanel({ connection, role, onGoToStep, onReload }: AssistedSetupPanelProps) {
  const { tenantId, id: connectionId } = connection;
  const operator = roleAllows(role, 'operator');
  const admin = roleAllows(role, 'admin');
  const queryClient = useQueryClient();
  const credentials = useCredentials(tenantId, connectionId);
  const latestRun = useLatestRun(tenantId, connectionId);
  const plan = usePlanAutomation();
  const start = useStartAutomation();
  const test = useTestConnection();
  const fill = useFillSandboxCredentials();
  const [editing, setEditing] = useState(false);
  const [reviewing, setReviewing] = useState(false);

  const run = latestRun.data ?? null;
  const running = run?.status === 'running';

  // Each unit records its steps as it finishes: refetch the connection on every update of a running run and once more
  // when it ends, so the step list turns done as SAP objects appear.
  const seenRunning = useRef(false);
  useEffect(() => {
    if (!run) return;
    if (!running && !seenRunning.current) return;
    seenRunning.current = running;
    void queryClient.invalidateQueries({ queryKey: getConnectionQueryOptions(tenantId, connectionId).queryKey, exact: true });
    if (!running) void queryClient.invalidateQueries({ queryKey: getConnectionsQueryOptions(tenantId).queryKey });
  }, [latestRun.dataUpdatedAt, run, running, queryClient, tenantId, connectionId]);

  const review = () => {
    start.reset();
    plan.mutate({ tenantId, connectionId }, { onSuccess: () => setReviewing(true) });
  };
  const runPlan = (confirmChanges: boolean) =>
    start.mutate({ tenantId, connectionId, confirmChanges }, { onSuccess: () => setReviewing(false) });

  return (
    <Panel headerText={t('automation.title')} headerLevel="H3" className="assisted-setup" data-testid="assisted-setup">
      <FlexBox direction="Column" className="assisted-content">
        <Text className="muted instructions">{t('automation.intro')}</Text>

        <FlexBox direction="Column" className="assisted-section" data-testid="credentials">
          <FlexBox alignItems="Center" justifyContent="SpaceBetween" wrap="Wrap" className="gap">
            <Title level="H4" size="H5">{t('credentials.title')}</Title>
            <FlexBox alignItems="Center" wrap="Wrap" className="gap">
              {admin && connection.sandbox && credentials.data && (
                <Button icon="lab" loading={fill.isPending} loadingDelay={200} onClick={() => fill.mutate({ tenantId, connectionId, version: connection.version })}>
                  {t('credentials.fillFromSandbox')}
                </Button>
              )}
              {admin && credentials.data && (
                <Button icon="edit" onClick={() => setEditing(true)}>
                  {t('credentials.edit')}
                </Button>
              )}
            </FlexBox>
          </FlexBox>
          {credentials.isPending && <BusyIndicator active size="S" text={t('credentials.loading')} />}
          <ErrorStrip error={credentials.error} />
          <ErrorStrip error={fill.error} />
          {credentials.data && <CredentialsStatus status={credentials.data} sandbox={connection.sandbox} />}
          {operator && !admin && <Text className="muted">{t('credentials.adminOnly')}</Text>}
        </FlexBox>

        {operator && (
          <FlexBox alignItems="Center" wrap="Wrap" className="assisted-actions" role="group" aria-label={t('automation.actions')}>
            <Button design="Emphasized" icon="wrench" disabled={running} loading={plan.isPending} loadingDelay={200} onClick={review}>
              {t('automation.setUp')}
            </Button>
            <Button icon="connected" disabled={running} loading={test.isPending} loadingDelay={200} onClick={() => test.mutate({ tenantId, connectionId })}>
              {t('automation.test')}
            </Button>
            {plan.isPending && <Text className="muted">{t('automation.setUpBusy')}</Text>}
          </FlexBox>
        )}
        <ErrorStrip error={plan.error} />
        <ErrorStrip error={test.error} />
        {test.data && <TestResult result={test.data} onGoToStep={onGoToStep} />}

        <ErrorStrip error={latestRun.error} />
        {run && <RunProgress run={run} />}
        {operator && credentials.data?.communicationManagement.set && (
          <SapFactsPanel tenantId={tenantId} connectionId={connectionId} connectionName={connection.displayName} />
        )}
      </FlexBox>

      {editing && credentials.data && (
        <CredentialsDialog connection={connection} status={credentials.data} onClose={() => setEditing(false)} onReload={onReload} />
      )}
      {reviewing && plan.data && (
        <PlanDialog plan={plan.data} busy={start.isPending} error={start.error} onRun={runPlan} onClose={() => setReviewing(false)} />
      )}
    </Panel>
  );
}
