import type { ConnectionTest } from '@tcc/shared';
import { FlexBox, Link, MessageStrip } from '@ui5/webcomponents-react';
import { t } from '../../../i18n';
import { formatDateTime } from '../../../utils/format';

const DESIGN = { succeeded: 'Positive', failed: 'Negative', 'not-tested': 'Critical' } as const satisfies Record<ConnectionTest['outcome'], string>;
const HEADLINE = { succeeded: 'test.succeeded', failed: 'test.failed', 'not-tested': 'test.notTested' } as const;

interface TestResultProps {
  result: ConnectionTest;
  onGoToStep: (stepId: number) => void;
}

/** The test's outcome in words, the step to fix when the cause points at one, and SAP's own text for support. */
export function TestResult({ result, onGoToStep }: TestResultProps) {
  return (
    <MessageStrip design={DESIGN[result.outcome]} hideCloseButton data-testid="test-result" data-outcome={result.outcome}>
      <FlexBox direction="Column" className="test-result">
        <span>
          <strong>{t(HEADLINE[result.outcome])}</strong> {result.message}
        </span>
        {result.stepToFix !== null && (
          <Link onClick={() => onGoToStep(result.stepToFix!)}>{t('test.fixStep', { step: result.stepToFix })}</Link>
        )}
        {result.sapError && (
          <code className="sap-error" aria-label={t('test.sapError')}>
            {result.sapError}
          </code>
        )}
        <span className="muted">{t('test.at', { date: formatDateTime(result.at) })}</span>
      </FlexBox>
    </MessageStrip>
  );
}
