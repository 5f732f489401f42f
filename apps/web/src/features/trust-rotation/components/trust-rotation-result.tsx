import type { TrustRotationResult } from '@tcc/shared';
import { FlexBox, MessageStrip, ObjectStatus, Text } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { formatTimestamp } from '../../../utils/format';

const DESIGN = { rotated: 'Positive', 'rolled-back': 'Critical', failed: 'Negative' } as const;
const STATE = { done: 'Positive', failed: 'Negative' } as const;

/** What the switch did, step by step: the outcome says whether both systems hold the new or the previous certificate. */
export function TrustRotationResultView({ result }: { result: TrustRotationResult }) {
  return (
    <FlexBox direction="Column" className="gap" data-testid="trust-rotation-result" data-outcome={result.outcome} role="status">
      <MessageStrip design={DESIGN[result.outcome]} hideCloseButton>
        {result.message}
      </MessageStrip>
      {result.switchMs !== null && <Text className="muted">{t('rotation.result.switchMs', { ms: result.switchMs })}</Text>}
      <ol className="rotation-steps">
        {result.steps.map((step) => (
          <li key={`${step.id}-${step.at}`} data-step={step.id} data-status={step.status}>
            <ObjectStatus state={STATE[step.status]} showDefaultIcon>
              {t(`rotation.step.${step.id}`)}
            </ObjectStatus>{' '}
            <Text>{step.message}</Text> <Text className="muted">{formatTimestamp(step.at)}</Text>
          </li>
        ))}
      </ol>
    </FlexBox>
  );
}
