import { Button, CheckBox, FlexBox } from '@ui5/webcomponents-react';
import { ErrorStrip } from '../../../components/error-strip';
import { useToast } from '../../../components/toast-provider';
import { t } from '../../../i18n';
import { useCheckTenantHealth } from '../api/check-tenant-health';

interface HealthListToolsProps {
  tenantId: string;
  needsAttention: boolean;
  onNeedsAttentionChange: (on: boolean) => void;
  /** Operators and admins may check all connections now; viewers only filter. */
  canCheck: boolean;
}

/** The connections list's health tools: the "needs attention" filter (warning or broken) and "Check all now". */
export function HealthListTools({ tenantId, needsAttention, onNeedsAttentionChange, canCheck }: HealthListToolsProps) {
  const checkAll = useCheckTenantHealth();
  const toast = useToast();
  return (
    <FlexBox alignItems="Center" wrap="Wrap" className="gap health-list-tools">
      <CheckBox text={t('health.needsAttention')} checked={needsAttention} onChange={(event) => onNeedsAttentionChange(event.target.checked)} />
      {canCheck && (
        <Button icon="refresh" loading={checkAll.isPending} loadingDelay={200}
          onClick={() => checkAll.mutate({ tenantId }, { onSuccess: ({ checked }) => toast(t('health.checkAll.done', { count: checked })) })}>
          {t('health.checkAll')}
        </Button>
      )}
      <ErrorStrip error={checkAll.error} />
    </FlexBox>
  );
}
