import { Button, Text } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { ErrorStrip } from '../../../components/error-strip';
import { t } from '../../../i18n';
import { useLatestRun } from '../api/get-latest-run';
import { usePlanAutomation } from '../api/plan-automation';
import { useStartAutomation } from '../api/start-automation';
import { PlanDialog } from './plan-dialog';

interface RepairButtonProps {
  tenantId: string;
  connectionId: string;
}

/**
 * Repair, for drift the health check found: plans just the objects that changed in SAP after setup, shows them with
 * the usual diff and confirmation, and starts a run that changes only them. Its progress shows in the assisted-setup
 * panel (the same latest-run query).
 */
export function RepairButton({ tenantId, connectionId }: RepairButtonProps) {
  const plan = usePlanAutomation();
  const start = useStartAutomation();
  const latestRun = useLatestRun(tenantId, connectionId);
  const [reviewing, setReviewing] = useState(false);
  const running = latestRun.data?.status === 'running';

  const review = () => {
    start.reset();
    plan.mutate({ tenantId, connectionId, repair: true }, { onSuccess: () => setReviewing(true) });
  };
  const run = (confirmChanges: boolean) => start.mutate({ tenantId, connectionId, confirmChanges, repair: true }, { onSuccess: () => setReviewing(false) });

  return (
    <>
      <Button design="Emphasized" icon="wrench" disabled={running} loading={plan.isPending} loadingDelay={200} tooltip={t('health.repairHint')} onClick={review}>
        {t('health.repair')}
      </Button>
      {plan.isPending && <Text className="muted">{t('health.repairBusy')}</Text>}
      <ErrorStrip error={plan.error} />
      {reviewing && plan.data && <PlanDialog plan={plan.data} busy={start.isPending} error={start.error} onRun={run} onClose={() => setReviewing(false)} />}
    </>
  );
}
