import type { StepVerification } from '@tcc/shared';
import { FlexBox, MessageStrip } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { DiffTable } from './diff-table';

/** The outcome of "Verify in SAP": done (Positive), or what SAP holds that differs from what the step needs (Critical). */
export function StepVerificationResult({ result }: { result: StepVerification }) {
  return (
    <MessageStrip
      design={result.verified ? 'Positive' : 'Critical'}
      hideCloseButton
      data-testid="step-verification"
      data-verified={String(result.verified)}
    >
      <FlexBox direction="Column" className="step-verification">
        <span>{result.message}</span>
        {!result.verified && result.diff.length > 0 && (
          <DiffTable
            diff={result.diff}
            accessibleName={t('verify.diff.table', { id: result.stepId })}
            headers={{ field: t('verify.diff.field'), current: t('verify.diff.current'), desired: t('verify.diff.desired') }}
            className="step-verification-diff"
          />
        )}
      </FlexBox>
    </MessageStrip>
  );
}
