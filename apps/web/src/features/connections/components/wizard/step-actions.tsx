import type { StepStatus } from '@tcc/shared';
import { BusyIndicator, Button, FlexBox } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { t } from '../../../../i18n';
import { SkipDialog } from './skip-dialog';

interface StepActionsProps {
  stepId: number;
  status: StepStatus;
  hasInputs: boolean;
  busy: boolean;
  /** "Verify in SAP", offered once the credentials assisted setup reads SAP with are set. */
  verify?: { busy: boolean; onVerify: () => void };
  onAction: (action: { status: 'in_progress' | 'done' | 'not_started' } | { status: 'skipped'; reason: string }) => void;
}

/** Save keeps a done step done (it only corrects values); reset is offered once something was recorded. */
export function StepActions({ stepId, status, hasInputs, busy: saving, verify, onAction }: StepActionsProps) {
  const [skipping, setSkipping] = useState(false);
  const verifying = verify?.busy ?? false;
  const busy = saving || verifying;
  return (
    <FlexBox alignItems="Center" wrap="Wrap" className="step-actions" role="group" aria-label={t('wizard.actions')}>
      <Button design="Emphasized" icon="accept" disabled={busy} onClick={() => onAction({ status: 'done' })}>
        {t('wizard.markDone')}
      </Button>
      {verify && (
        <Button design="Default" icon="inspection" tooltip={t('verify.tooltip')} disabled={busy} onClick={verify.onVerify}>
          {t('verify.button')}
        </Button>
      )}
      {hasInputs && (
        <Button design="Default" disabled={busy} onClick={() => onAction({ status: status === 'done' ? 'done' : 'in_progress' })}>
          {t('wizard.save')}
        </Button>
      )}
      {status !== 'skipped' && (
        <Button design="Transparent" disabled={busy} onClick={() => setSkipping(true)}>
          {t('wizard.skip')}
        </Button>
      )}
      {status !== 'not_started' && (
        <Button design="Transparent" icon="reset" disabled={busy} onClick={() => onAction({ status: 'not_started' })}>
          {t('wizard.reset')}
        </Button>
      )}
      {busy && <BusyIndicator active size="S" delay={200} text={t(verifying ? 'verify.busy' : 'common.saving')} />}
      {skipping && (
        <SkipDialog
          stepId={stepId}
          onClose={() => setSkipping(false)}
          onSkip={(reason) => {
            setSkipping(false);
            onAction({ status: 'skipped', reason });
          }}
        />
      )}
    </FlexBox>
  );
}
